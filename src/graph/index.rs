//! The graph as petgraph, for traversal: a `DiGraph` built once (no index holes), node ids
//! mapped to indices, each petgraph edge pointing back at its `KnowledgeGraph` edge.

use std::collections::HashMap;

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::Direction;

use super::KnowledgeGraph;
use crate::vocab::NodeKind;

/// petgraph view of a `KnowledgeGraph`.
pub struct GraphIndex<'a> {
    pub graph: &'a KnowledgeGraph,
    pub pg: DiGraph<usize, usize>,
    pub index: HashMap<&'a str, NodeIndex>,
}

impl<'a> GraphIndex<'a> {
    pub fn new(graph: &'a KnowledgeGraph) -> GraphIndex<'a> {
        let mut pg = DiGraph::with_capacity(graph.nodes.len(), graph.edges.len());
        let mut index = HashMap::with_capacity(graph.nodes.len());
        for (i, id) in graph.nodes.keys().enumerate() {
            index.insert(id.as_str(), pg.add_node(i));
        }
        for (i, e) in graph.edges.iter().enumerate() {
            if let (Some(&s), Some(&t)) = (index.get(&*e.source), index.get(&*e.target)) {
                pg.add_edge(s, t, i);
            }
        }
        GraphIndex { graph, pg, index }
    }

    /// The node id at a petgraph index.
    pub fn id(&self, n: NodeIndex) -> &'a str {
        self.graph
            .nodes
            .get_index(self.pg[n])
            .map(|(k, _)| k.as_str())
            .unwrap_or("")
    }

    /// The kind of the node at a petgraph index.
    pub fn kind(&self, n: NodeIndex) -> Option<NodeKind> {
        self.graph.nodes.get_index(self.pg[n]).map(|(_, v)| v.kind)
    }

    /// Edges touching `n` in either direction: (neighbour, edge index, outgoing?).
    pub fn incident(&self, n: NodeIndex) -> impl Iterator<Item = (NodeIndex, usize, bool)> + '_ {
        let out = self
            .pg
            .edges_directed(n, Direction::Outgoing)
            .map(|e| (petgraph::visit::EdgeRef::target(&e), *e.weight(), true));
        let inc = self
            .pg
            .edges_directed(n, Direction::Incoming)
            .map(|e| (petgraph::visit::EdgeRef::source(&e), *e.weight(), false));
        out.chain(inc)
    }

    /// Undirected simple adjacency over facts: no articles, no provenance edges, no
    /// parallel edges or self-loops. Centralities are computed on this graph.
    pub fn fact_adjacency(&self) -> (Vec<NodeIndex>, Vec<Vec<usize>>) {
        let nodes: Vec<NodeIndex> = self
            .pg
            .node_indices()
            .filter(|&n| self.kind(n) != Some(NodeKind::Article))
            .collect();
        let position: HashMap<NodeIndex, usize> =
            nodes.iter().enumerate().map(|(i, n)| (*n, i)).collect();
        let mut adj: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
        for e in self.pg.edge_indices() {
            let edge = &self.graph.edges[self.pg[e]];
            if edge.kind.is_provenance() {
                continue;
            }
            let Some((s, t)) = self.pg.edge_endpoints(e) else {
                continue;
            };
            if let (Some(&a), Some(&b)) = (position.get(&s), position.get(&t)) {
                if a != b {
                    adj[a].push(b);
                    adj[b].push(a);
                }
            }
        }
        for list in &mut adj {
            list.sort_unstable();
            list.dedup();
        }
        (nodes, adj)
    }
}
