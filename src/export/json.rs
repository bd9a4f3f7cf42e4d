//! `graph.json`: networkx node-link data (`edges="edges"`), the project's contract.

use serde_json::{json, Map, Value};

use crate::graph::{Edge, KnowledgeGraph, Node};

/// Serialises the graph as node-link JSON. Parallel edges get `key` 0, 1, … per pair.
pub fn to_json(graph: &KnowledgeGraph) -> String {
    let nodes: Vec<Value> = graph
        .nodes
        .values()
        .map(|n| {
            let mut m = Map::new();
            m.insert("id".into(), json!(n.id));
            m.insert("kind".into(), json!(n.kind));
            for (k, v) in &n.attrs {
                m.insert(k.clone(), v.clone());
            }
            Value::Object(m)
        })
        .collect();
    let mut keys: std::collections::HashMap<(&str, &str), u64> = std::collections::HashMap::new();
    let edges: Vec<Value> = graph
        .edges
        .iter()
        .map(|e| {
            let key = keys.entry((&e.source, &e.target)).or_insert(0);
            let mut m = Map::new();
            m.insert("source".into(), json!(e.source));
            m.insert("target".into(), json!(e.target));
            m.insert("key".into(), json!(*key));
            *key += 1;
            m.insert("kind".into(), json!(e.kind));
            for (k, v) in &e.attrs {
                m.insert(k.clone(), v.clone());
            }
            Value::Object(m)
        })
        .collect();
    let doc = json!({
        "directed": true,
        "multigraph": true,
        "graph": Value::Object(graph.graph_attrs.clone()),
        "nodes": nodes,
        "edges": edges,
    });
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
    out.push('\n');
    out
}

/// Why a JSON file is not a graph this tool wrote.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("not valid JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("not a node-link graph: {0}")]
    Shape(String),
}

/// Reads node-link JSON back into a graph (for queries and `export`).
pub fn from_json(text: &str) -> Result<KnowledgeGraph, ReadError> {
    let doc: Value = serde_json::from_str(text)?;
    let shape = |m: &str| ReadError::Shape(m.to_string());
    let mut graph = KnowledgeGraph {
        graph_attrs: doc.get("graph").and_then(Value::as_object).cloned().unwrap_or_default(),
        ..Default::default()
    };
    let nodes = doc.get("nodes").and_then(Value::as_array).ok_or_else(|| shape("no \"nodes\" list"))?;
    for n in nodes {
        let mut attrs = n.as_object().cloned().ok_or_else(|| shape("a node is not an object"))?;
        let id = attrs.remove("id").and_then(|v| v.as_str().map(str::to_string)).ok_or_else(|| shape("a node has no string id"))?;
        let kind = attrs.remove("kind").and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
        graph.nodes.insert(id.clone(), Node { id, kind, attrs });
    }
    let edges = doc
        .get("edges")
        .or_else(|| doc.get("links"))
        .and_then(Value::as_array)
        .ok_or_else(|| shape("no \"edges\" list"))?;
    for e in edges {
        let mut attrs = e.as_object().cloned().ok_or_else(|| shape("an edge is not an object"))?;
        let mut take = |k: &str| attrs.remove(k).and_then(|v| v.as_str().map(str::to_string));
        let source = take("source").ok_or_else(|| shape("an edge has no source"))?;
        let target = take("target").ok_or_else(|| shape("an edge has no target"))?;
        let kind = take("kind").unwrap_or_default();
        attrs.remove("key");
        if !graph.nodes.contains_key(&source) || !graph.nodes.contains_key(&target) {
            return Err(shape(&format!("edge {source} → {target} names a missing node")));
        }
        graph.edges.push(Edge { source, target, kind, attrs });
    }
    Ok(graph)
}
