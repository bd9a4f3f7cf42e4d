//! `graph.json`: networkx node-link data (`edges="edges"`), the project's contract.

use serde::ser::{Serialize, SerializeMap, Serializer};

use serde_json::Value;

use crate::graph::{Attrs, Edge, KnowledgeGraph, Node};
use crate::vocab::{EdgeKind, NodeKind};

/// Serialises the graph as node-link JSON. Parallel edges get `key` 0, 1, … per pair.
pub fn to_json(graph: &KnowledgeGraph) -> String {
    let mut out = Vec::with_capacity(graph.edges.len() * 400);
    write_json(graph, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// Streams the graph as node-link JSON into `w`: compact, one node or edge per line, so
/// a large graph stays small and a small one still diffs line by line. Records are
/// rendered into a buffer handed on in large pieces: serde_json writes every key and
/// punctuation mark separately, and each of those small writes through `dyn Write` cost
/// more than the rendering.
pub fn write_json(graph: &KnowledgeGraph, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut out: Vec<u8> = Vec::with_capacity(1 << 17);
    out.extend_from_slice(b"{\"directed\": true, \"multigraph\": true, \"graph\": ");
    record(&mut out, &graph.graph_attrs)?;
    out.extend_from_slice(b",\n\"nodes\": [\n");
    for (i, n) in graph.nodes.values().enumerate() {
        if i > 0 {
            out.extend_from_slice(b",\n");
        }
        record(&mut out, &NodeOut(n))?;
        super::flush(&mut out, w)?;
    }
    out.extend_from_slice(b"\n],\n\"edges\": [\n");
    w.write_all(&out)?;
    out.clear();
    let keys = edge_keys(graph);
    super::write_blocks(&graph.edges, w, |out: &mut Vec<u8>, first, block| {
        for (j, e) in crate::graph::prefetched(block).enumerate() {
            if first + j > 0 {
                out.extend_from_slice(b",\n");
            }
            record(out, &EdgeOut(e, keys[first + j]))?;
        }
        Ok(())
    })?;
    out.extend_from_slice(b"\n]}\n");
    w.write_all(&out)
}

/// The multigraph key of each edge: 0, 1, … among the edges of one (source, target) pair.
/// A built graph keeps a pair's edges together (it is sorted), so the key is the position
/// in the run of equal pairs; a graph in any other order is counted with a map.
fn edge_keys(graph: &KnowledgeGraph) -> Vec<u64> {
    fn pair(e: &Edge) -> (&str, &str) {
        (&e.source, &e.target)
    }
    let grouped = graph.edges.windows(2).all(|w| pair(&w[0]) <= pair(&w[1]));
    if grouped {
        let mut keys = Vec::with_capacity(graph.edges.len());
        for (i, e) in graph.edges.iter().enumerate() {
            let same_pair = i > 0 && pair(&graph.edges[i - 1]) == pair(e);
            keys.push(if same_pair { keys[i - 1] + 1 } else { 0 });
        }
        keys
    } else {
        let mut counts: rustc_hash::FxHashMap<(&str, &str), u64> = Default::default();
        graph
            .edges
            .iter()
            .map(|e| {
                let count = counts.entry(pair(e)).or_insert(0);
                *count += 1;
                *count - 1
            })
            .collect()
    }
}

/// Appends one record as compact JSON.
fn record(out: &mut Vec<u8>, value: &impl Serialize) -> std::io::Result<()> {
    serde_json::to_writer(out, value).map_err(std::io::Error::other)
}

struct NodeOut<'a>(&'a Node);

struct EdgeOut<'a>(&'a Edge, u64);

impl Serialize for NodeOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let n = self.0;
        let mut m = s.serialize_map(Some(n.attrs.len() + 2))?;
        m.serialize_entry("id", &*n.id)?;
        m.serialize_entry("kind", &n.kind)?;
        for (k, v) in &n.attrs {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

impl Serialize for EdgeOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let e = self.0;
        let mut m = s.serialize_map(Some(e.attrs.len() + 4))?;
        m.serialize_entry("source", &*e.source)?;
        m.serialize_entry("target", &*e.target)?;
        m.serialize_entry("key", &self.1)?;
        m.serialize_entry("kind", &e.kind)?;
        for (k, v) in &e.attrs {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// Why a JSON file is not a graph this tool wrote.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("not valid JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("not a node-link graph: {0}")]
    Shape(String),
}

#[derive(serde::Deserialize)]
struct RawGraph {
    #[serde(default)]
    graph: serde_json::Map<String, Value>,
    nodes: Vec<RawNode>,
    #[serde(alias = "links")]
    edges: Vec<RawEdge>,
}

#[derive(serde::Deserialize)]
struct RawNode {
    id: Value,
    #[serde(default)]
    kind: String,
    #[serde(flatten)]
    attrs: serde_json::Map<String, Value>,
}

#[derive(serde::Deserialize)]
struct RawEdge {
    source: Value,
    target: Value,
    #[serde(default)]
    kind: String,
    #[serde(default, rename = "key")]
    _key: Option<Value>,
    #[serde(flatten)]
    attrs: serde_json::Map<String, Value>,
}

fn id_text(v: Value, what: &str) -> Result<String, ReadError> {
    match v {
        Value::String(s) => Ok(s),
        Value::Number(n) => Ok(n.to_string()),
        _ => Err(ReadError::Shape(format!(
            "{what} is not a string or number"
        ))),
    }
}

/// Reads node-link JSON back into a graph (for queries and `export`), straight into the
/// model's types rather than through a generic JSON tree.
pub fn from_json(text: &str) -> Result<KnowledgeGraph, ReadError> {
    let raw: RawGraph = serde_json::from_str(text)?;
    let mut graph = KnowledgeGraph {
        graph_attrs: raw.graph,
        ..Default::default()
    };
    graph.nodes.reserve(raw.nodes.len());
    for n in raw.nodes {
        let id = id_text(n.id, "a node id")?;
        let kind = NodeKind::parse(&n.kind).ok_or_else(|| {
            ReadError::Shape(format!(
                "node {id} has kind {:?}, not one of {}",
                n.kind,
                NodeKind::names()
            ))
        })?;
        graph.nodes.insert(
            id.clone(),
            Node {
                id: id.into(),
                kind,
                attrs: Attrs::from_json(n.attrs),
            },
        );
    }
    graph.edges.reserve(raw.edges.len());
    for e in raw.edges {
        let (source, target) = (
            id_text(e.source, "an edge source")?,
            id_text(e.target, "an edge target")?,
        );
        if !graph.nodes.contains_key(&source) || !graph.nodes.contains_key(&target) {
            return Err(ReadError::Shape(format!(
                "edge {source} → {target} names a missing node"
            )));
        }
        let kind = EdgeKind::parse(&e.kind).ok_or_else(|| {
            ReadError::Shape(format!(
                "edge {source} → {target} has kind {:?}, not one of {}",
                e.kind,
                EdgeKind::names()
            ))
        })?;
        // edges share their endpoints' ids
        let (source, target) = (
            graph.nodes[&source].id.clone(),
            graph.nodes[&target].id.clone(),
        );
        graph.edges.push(Edge {
            source,
            target,
            kind,
            attrs: Attrs::from_json(e.attrs),
        });
    }
    Ok(graph)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edge(source: &str, target: &str) -> Edge {
        Edge {
            source: source.into(),
            target: target.into(),
            kind: EdgeKind::MentionedIn,
            attrs: Attrs::default(),
        }
    }

    fn keys(pairs: &[(&str, &str)]) -> Vec<u64> {
        let graph = KnowledgeGraph {
            edges: pairs.iter().map(|(s, t)| edge(s, t)).collect(),
            ..Default::default()
        };
        edge_keys(&graph)
    }

    #[test]
    fn parallel_edges_are_numbered_per_pair_in_any_order() {
        // grouped, as a build leaves them
        assert_eq!(
            keys(&[("a", "b"), ("a", "b"), ("a", "c"), ("b", "a"), ("b", "a")]),
            [0, 1, 0, 0, 1]
        );
        // not grouped, as a hand-edited graph may be: numbered all the same
        assert_eq!(
            keys(&[("b", "a"), ("a", "b"), ("b", "a"), ("a", "b"), ("a", "c")]),
            [0, 0, 1, 1, 0]
        );
    }
}
