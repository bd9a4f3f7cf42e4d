//! The graph: model, builder from extraction results, and queries.

pub mod attrs;
pub mod builder;
pub mod index;
pub mod model;

pub use attrs::{AttrValue, Attrs};
pub use model::{prefetched, Edge, KnowledgeGraph, Node};

use serde::Serialize;

/// A discovered entity, as `shabaka unknown` lists it.
#[derive(Debug, Clone, Serialize)]
pub struct UnknownEntity {
    pub id: String,
    pub kind: String,
    pub label: String,
    pub mentions: u64,
    pub rule: String,
}

/// Discovered entities, most mentioned first (ties by id), for promotion to the gazetteer.
pub fn unknown(graph: &KnowledgeGraph) -> Vec<UnknownEntity> {
    let mut rows: Vec<UnknownEntity> = graph
        .nodes
        .values()
        .filter(|n| n.attrs.get("discovered").and_then(|v| v.as_bool()) == Some(true))
        .map(|n| UnknownEntity {
            id: n.id.to_string(),
            kind: n.kind.to_string(),
            label: n
                .attrs
                .get("label")
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string(),
            mentions: n
                .attrs
                .get("mentions")
                .and_then(|v| v.as_u64())
                .unwrap_or(0),
            rule: n
                .attrs
                .get("rule")
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string(),
        })
        .collect();
    rows.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.id.cmp(&b.id)));
    rows
}
