//! `path`: shortest paths between two entities, with the evidence for every hop.

use std::collections::{HashMap, VecDeque};

use petgraph::graph::NodeIndex;
use serde::Serialize;

use super::{NodeRef, Queries};
use crate::graph::AttrValue;

/// The source of a fact, as a hop of a path cites it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Citation {
    pub article: String,
    pub article_title: String,
    pub sentence: Option<u64>,
    pub evidence: String,
    pub rule: String,
}

/// One step of a path.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Hop {
    pub from: NodeRef,
    pub to: NodeRef,
    pub relation: String,
    /// True when the edge points from `from` to `to`.
    pub forward: bool,
    pub role: Option<String>,
    /// How many edges (sources) state this relation between the two.
    pub sources: usize,
    pub citation: Citation,
}

/// Options of `path`.
#[derive(Debug, Clone, Default)]
pub struct PathOptions {
    pub all: bool,
    pub max_hops: usize,
    pub via_articles: bool,
    /// Only these kinds for intermediate nodes (empty: any).
    pub kinds: Vec<String>,
}

/// Paths between two nodes.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PathAnswer {
    pub from: NodeRef,
    pub to: NodeRef,
    pub paths: Vec<PathItem>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PathItem {
    pub hops: Vec<Hop>,
}

/// At most this many shortest paths are listed with `--all`.
const MAX_PATHS: usize = 50;

impl Queries<'_> {
    /// Shortest paths (by hops, in either edge direction) from `a` to `b`.
    pub fn path(&self, a: &str, b: &str, options: &PathOptions) -> PathAnswer {
        let answer = |paths| PathAnswer {
            from: NodeRef::new(self.graph, a),
            to: NodeRef::new(self.graph, b),
            paths,
        };
        let (Some(&s), Some(&t)) = (self.index.index.get(a), self.index.index.get(b)) else {
            return answer(Vec::new());
        };
        let max_hops = if options.max_hops == 0 {
            usize::MAX
        } else {
            options.max_hops
        };
        // BFS recording every predecessor on a shortest path
        let mut dist: HashMap<NodeIndex, usize> = HashMap::from([(s, 0)]);
        let mut preds: HashMap<NodeIndex, Vec<NodeIndex>> = HashMap::new();
        let mut queue = VecDeque::from([s]);
        while let Some(v) = queue.pop_front() {
            let d = dist[&v];
            if v == t || d >= max_hops || dist.get(&t).is_some_and(|&dt| d >= dt) {
                continue;
            }
            let mut next: Vec<NodeIndex> = self
                .index
                .incident(v)
                .filter(|(_, e, _)| self.edge_allowed(*e, options))
                .map(|(w, _, _)| w)
                .filter(|&w| self.node_allowed(w, options, (s, t)))
                .collect();
            next.sort();
            next.dedup();
            for w in next {
                match dist.get(&w) {
                    None => {
                        dist.insert(w, d + 1);
                        preds.entry(w).or_default().push(v);
                        queue.push_back(w);
                    }
                    Some(&dw) if dw == d + 1 => preds.entry(w).or_default().push(v),
                    _ => {}
                }
            }
        }
        if !dist.contains_key(&t) || s == t {
            return answer(Vec::new());
        }
        // enumerate node sequences back from t, in a stable order
        let mut sequences: Vec<Vec<NodeIndex>> = Vec::new();
        let mut stack: Vec<Vec<NodeIndex>> = vec![vec![t]];
        while let Some(partial) = stack.pop() {
            let head = *partial.last().unwrap_or(&t);
            if head == s {
                let mut seq = partial.clone();
                seq.reverse();
                sequences.push(seq);
                if !options.all || sequences.len() >= MAX_PATHS {
                    break;
                }
                continue;
            }
            let mut ps = preds.get(&head).cloned().unwrap_or_default();
            ps.sort_by(|x, y| self.index.id(*y).cmp(self.index.id(*x)));
            for p in ps {
                let mut next = partial.clone();
                next.push(p);
                stack.push(next);
            }
        }
        let paths = sequences
            .into_iter()
            .map(|seq| PathItem {
                hops: seq
                    .windows(2)
                    .map(|w| self.hop(w[0], w[1], options))
                    .collect(),
            })
            .collect();
        answer(paths)
    }

    /// The best-supported edge between two adjacent nodes, as a hop.
    fn hop(&self, from: NodeIndex, to: NodeIndex, options: &PathOptions) -> Hop {
        let mut edges: Vec<(usize, bool)> = self
            .index
            .incident(from)
            .filter(|(w, e, _)| *w == to && self.edge_allowed(*e, options))
            .map(|(_, e, out)| (e, out))
            .collect();
        let confidence = |e: usize| {
            self.graph.edges[e]
                .attrs
                .get("confidence")
                .and_then(AttrValue::as_f64)
                .unwrap_or(0.0)
        };
        // facts before provenance, then the most confident, then the first in order
        edges.sort_by(|a, b| {
            let pa = self.graph.edges[a.0].kind.is_provenance();
            let pb = self.graph.edges[b.0].kind.is_provenance();
            pa.cmp(&pb)
                .then(confidence(b.0).total_cmp(&confidence(a.0)))
                .then(a.0.cmp(&b.0))
        });
        let (best, forward) = edges[0];
        let e = &self.graph.edges[best];
        let same = edges
            .iter()
            .filter(|(x, _)| self.graph.edges[*x].kind == e.kind)
            .count();
        Hop {
            from: NodeRef::new(self.graph, self.index.id(from)),
            to: NodeRef::new(self.graph, self.index.id(to)),
            relation: e.kind.to_string(),
            forward,
            role: e
                .attrs
                .get("role")
                .and_then(AttrValue::as_str)
                .map(str::to_string),
            sources: same,
            citation: self.citation(best),
        }
    }
}
