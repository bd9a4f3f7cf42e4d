//! The graph as data: nodes and edges with JSON-valued attributes, in a stable order.
//!
//! This is what every exporter reads and what `graph.json` round-trips to, so queries can
//! load a built graph without re-extracting.

use indexmap::IndexMap;
use serde_json::{Map, Value};

/// A node: id, kind (Article, Person, Organization, Country, Location, Event), attributes.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub id: String,
    pub kind: String,
    pub attrs: Map<String, Value>,
}

/// A directed edge with its kind and attributes (provenance for facts).
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub source: String,
    pub target: String,
    pub kind: String,
    pub attrs: Map<String, Value>,
}

/// The whole graph.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KnowledgeGraph {
    pub graph_attrs: Map<String, Value>,
    pub nodes: IndexMap<String, Node>,
    pub edges: Vec<Edge>,
}

/// Order of node kinds in exports: articles first, then entities, then events.
pub fn kind_rank(kind: &str) -> u8 {
    match kind {
        "Article" => 0,
        "Person" => 1,
        "Organization" => 2,
        "Country" => 3,
        "Location" => 4,
        "Event" => 5,
        _ => 6,
    }
}

impl KnowledgeGraph {
    /// Sorts nodes by (kind, id) and edges by (source, target, kind, article, start), so
    /// exports are byte-identical whatever order the work was done in.
    pub fn canonicalize(&mut self) {
        self.nodes.sort_by(|_, a, _, b| {
            kind_rank(&a.kind)
                .cmp(&kind_rank(&b.kind))
                .then_with(|| a.id.cmp(&b.id))
        });
        let key = |e: &Edge| {
            (
                e.source.clone(),
                e.target.clone(),
                e.kind.clone(),
                e.attrs
                    .get("article")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string(),
                e.attrs.get("start").and_then(Value::as_u64).unwrap_or(0),
                e.attrs.get("end").and_then(Value::as_u64).unwrap_or(0),
            )
        };
        self.edges.sort_by_cached_key(key);
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
