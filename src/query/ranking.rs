//! `stats` and `top`: counts by kind, and the most central entities.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{centrality, NodeRef, Queries};
use crate::graph::AttrValue;

#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub nodes_total: usize,
    pub edges_total: usize,
    pub nodes: BTreeMap<String, usize>,
    pub edges: BTreeMap<String, usize>,
    pub discovered: usize,
}

/// Ranking measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Measure {
    Degree,
    Betweenness,
    Pagerank,
}

#[derive(Debug, Clone, Serialize)]
pub struct Ranked {
    pub node: NodeRef,
    pub score: f64,
}

impl Queries<'_> {
    /// Counts by node and edge kind.
    pub fn stats(&self) -> Stats {
        let mut nodes: BTreeMap<String, usize> = BTreeMap::new();
        let mut edges: BTreeMap<String, usize> = BTreeMap::new();
        let mut discovered = 0;
        for n in self.graph.nodes.values() {
            *nodes.entry(n.kind.to_string()).or_default() += 1;
            if n.attrs.get("discovered").and_then(AttrValue::as_bool) == Some(true) {
                discovered += 1;
            }
        }
        for e in &self.graph.edges {
            *edges.entry(e.kind.to_string()).or_default() += 1;
        }
        Stats {
            nodes_total: self.graph.nodes.len(),
            edges_total: self.graph.edges.len(),
            nodes,
            edges,
            discovered,
        }
    }

    /// The most central entities of the fact graph.
    pub fn top(&self, by: Measure, kinds: &[String], limit: usize) -> Vec<Ranked> {
        let (nodes, adj) = self.index.fact_adjacency();
        let scores = match by {
            Measure::Degree => centrality::degree(&adj),
            Measure::Betweenness => centrality::betweenness(&adj),
            Measure::Pagerank => centrality::pagerank(&adj),
        };
        let mut ranked: Vec<Ranked> = nodes
            .iter()
            .zip(scores)
            .map(|(n, score)| Ranked {
                node: NodeRef::new(self.graph, self.index.id(*n)),
                score,
            })
            .filter(|r| {
                kinds.is_empty() || kinds.iter().any(|k| k.eq_ignore_ascii_case(&r.node.kind))
            })
            .collect();
        ranked.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.node.id.cmp(&b.node.id)));
        ranked.truncate(limit);
        ranked
    }
}
