//! `neighbors`: the ego network of an entity.

use std::collections::{HashMap, VecDeque};

use petgraph::graph::NodeIndex;

use serde::Serialize;

use super::{NodeRef, PathOptions, Queries};
use crate::vocab::NodeKind;

#[derive(Debug, Clone, Serialize)]
pub struct Neighbor {
    pub node: NodeRef,
    pub distance: usize,
    pub via: NodeRef,
    pub relation: String,
}

impl Queries<'_> {
    /// Nodes within `depth` hops over facts (articles only with `via_articles`).
    pub fn neighbors(
        &self,
        id: &str,
        depth: usize,
        kinds: &[String],
        via_articles: bool,
    ) -> Vec<Neighbor> {
        let Some(&start) = self.index.index.get(id) else {
            return Vec::new();
        };
        let options = PathOptions {
            via_articles,
            ..Default::default()
        };
        let mut dist: HashMap<NodeIndex, usize> = HashMap::from([(start, 0)]);
        let mut queue = VecDeque::from([start]);
        let mut out: Vec<Neighbor> = Vec::new();
        while let Some(v) = queue.pop_front() {
            let d = dist[&v];
            if d >= depth.max(1) {
                continue;
            }
            let mut next: Vec<(NodeIndex, usize)> = self
                .index
                .incident(v)
                .filter(|(_, e, _)| self.edge_allowed(*e, &options))
                .filter(|(w, _, _)| via_articles || self.index.kind(*w) != Some(NodeKind::Article))
                .map(|(w, e, _)| (w, e))
                .collect();
            next.sort_by_key(|(w, e)| (self.index.id(*w), *e));
            for (w, e) in next {
                if dist.contains_key(&w) {
                    continue;
                }
                dist.insert(w, d + 1);
                queue.push_back(w);
                let node = NodeRef::new(self.graph, self.index.id(w));
                if kinds.is_empty() || kinds.iter().any(|k| k.eq_ignore_ascii_case(&node.kind)) {
                    out.push(Neighbor {
                        node,
                        distance: d + 1,
                        via: NodeRef::new(self.graph, self.index.id(v)),
                        relation: self.graph.edges[e].kind.to_string(),
                    });
                }
            }
        }
        out
    }
}
