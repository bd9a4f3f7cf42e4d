//! The graph as data: nodes and edges with JSON-valued attributes, in a stable order.
//!
//! This is what every exporter reads and what `graph.json` round-trips to, so queries can
//! load a built graph without re-extracting.

use std::sync::Arc;

use indexmap::IndexMap;
use serde_json::{Map, Value};

use super::attrs::{AttrValue, Attrs};
use crate::vocab::{EdgeKind, NodeKind};

/// A node: id, kind, attributes.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub id: Arc<str>,
    pub kind: NodeKind,
    pub attrs: Attrs,
}

/// A directed edge with its kind and attributes (provenance for facts).
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// Node ids, shared with the nodes (a million edges do not copy them).
    pub source: Arc<str>,
    pub target: Arc<str>,
    pub kind: EdgeKind,
    pub attrs: Attrs,
}

/// The edges in order, with the memory of those a little further on requested ahead.
///
/// Exporters read every attribute of a million edges, and a built graph is sorted by
/// source while its edges were created article by article: each edge's attributes and
/// evidence lie far from the previous one's, and waiting for them was most of an
/// exporter's time. Asking for an edge's entries sixteen edges early, and for its strings
/// eight edges early (once its entries have arrived), hides most of that wait.
pub fn prefetched<E: std::borrow::Borrow<Edge>>(edges: &[E]) -> impl Iterator<Item = &Edge> {
    const AHEAD: usize = 16;
    edges.iter().enumerate().map(move |(i, e)| {
        if let Some(far) = edges.get(i + AHEAD) {
            far.borrow().attrs.prefetch_entries();
        }
        if let Some(near) = edges.get(i + AHEAD / 2) {
            near.borrow().attrs.prefetch_strings();
        }
        e.borrow()
    })
}

/// The whole graph.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KnowledgeGraph {
    pub graph_attrs: Map<String, Value>,
    pub nodes: IndexMap<String, Node>,
    pub edges: Vec<Edge>,
}

/// The graph attribute that keeps the spelling-variant rules the graph was built with
/// (`[[from, to], …]`, normalised): queries resolve typed names by them without loading a
/// lexicon, and a graph built with `--lexicon` answers by its own rules.
pub const NAME_VARIANTS: &str = "name_variants";

impl KnowledgeGraph {
    /// Records the spelling-variant rules names were matched with (`NAME_VARIANTS`).
    pub fn set_name_variants(&mut self, rules: &[(String, String)]) {
        let pairs = rules
            .iter()
            .map(|(from, to)| Value::from(vec![from.as_str(), to.as_str()]))
            .collect::<Vec<_>>();
        self.graph_attrs
            .insert(NAME_VARIANTS.into(), Value::Array(pairs));
    }

    /// The spelling-variant rules recorded with the graph; none for a graph that has none.
    pub fn name_variants(&self) -> Vec<(String, String)> {
        let Some(Value::Array(pairs)) = self.graph_attrs.get(NAME_VARIANTS) else {
            return Vec::new();
        };
        pairs
            .iter()
            .filter_map(|pair| match pair.as_array()?.as_slice() {
                [from, to] => Some((from.as_str()?.to_string(), to.as_str()?.to_string())),
                _ => None,
            })
            .collect()
    }

    /// Sorts nodes by (kind, id) and edges by (source, target, kind, article, start), so
    /// exports are byte-identical whatever order the work was done in.
    pub fn canonicalize(&mut self) {
        self.nodes.sort_by(|_, a, _, b| {
            a.kind
                .rank()
                .cmp(&b.kind.rank())
                .then_with(|| a.id.cmp(&b.id))
        });
        fn key(e: &Edge) -> (&str, &str, &str, &str, u64, u64) {
            // by the kind's name, as the order of exports always was
            let number = |name| e.attrs.get(name).and_then(AttrValue::as_u64).unwrap_or(0);
            (
                &e.source,
                &e.target,
                e.kind.as_str(),
                e.attrs
                    .get("article")
                    .and_then(AttrValue::as_str)
                    .unwrap_or(""),
                number("start"),
                number("end"),
            )
        }
        // keys once per edge (not per comparison), sorted on both cores; the position
        // breaks ties, so the order is the same whatever the sort does with equal keys
        use rayon::prelude::*;
        let mut order: Vec<(_, usize)> = self
            .edges
            .par_iter()
            .enumerate()
            .map(|(i, e)| (key(e), i))
            .collect();
        order.par_sort_unstable();
        let order: Vec<usize> = order.into_iter().map(|(_, i)| i).collect();
        let mut slots: Vec<Option<Edge>> = std::mem::take(&mut self.edges)
            .into_iter()
            .map(Some)
            .collect();
        self.edges = order.into_iter().filter_map(|i| slots[i].take()).collect();
    }

    /// The node's string attribute.
    pub fn str_attr<'a>(&'a self, id: &str, name: &str) -> Option<&'a str> {
        self.nodes.get(id)?.attrs.get(name)?.as_str()
    }

    /// A display name for a node: Arabic label, and English where known.
    pub fn display_name(&self, id: &str) -> String {
        let label = self.str_attr(id, "label").unwrap_or(id);
        match self.str_attr(id, "label_en").filter(|s| !s.is_empty()) {
            Some(en) if en != label => format!("{label} ({en})"),
            _ => label.to_string(),
        }
    }
}
