//! GraphML for networkx, igraph and Gephi: typed keys declared before the graph, named key
//! ids (Gephi reads ids like `d3` as its label column), `label` and `weight` as Gephi
//! expects, unique edge ids (networkx would merge duplicates silently).

use std::fmt::Write;

use super::attrs::{edge_weight, schemas, text, AttrType};
use super::flush;
use super::xml::escape;
use crate::graph::attrs::intern;
use crate::graph::{AttrValue, KnowledgeGraph};

fn graphml_type(t: AttrType) -> &'static str {
    match t {
        AttrType::Boolean => "boolean",
        AttrType::Int => "long",
        AttrType::Double => "double",
        AttrType::String | AttrType::List => "string",
    }
}

/// Serialises the graph as GraphML.
pub fn to_graphml(graph: &KnowledgeGraph) -> String {
    let mut bytes = Vec::new();
    write_graphml(graph, &mut bytes).expect("writing to memory cannot fail");
    String::from_utf8(bytes).expect("UTF-8")
}

/// Streams the export into `w` (flushing a small buffer as it goes).
pub fn write_graphml(graph: &KnowledgeGraph, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let (node_schema, mut edge_schema) = schemas(graph);
    edge_schema.insert(intern("weight"), AttrType::Double);
    edge_schema.insert(intern("label"), AttrType::String);
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
    for (name, t) in &node_schema {
        let _ = writeln!(
            out,
            "  <key id=\"node_{0}\" for=\"node\" attr.name=\"{0}\" attr.type=\"{1}\"/>",
            escape(name),
            graphml_type(*t)
        );
    }
    for (name, t) in &edge_schema {
        let _ = writeln!(
            out,
            "  <key id=\"edge_{0}\" for=\"edge\" attr.name=\"{0}\" attr.type=\"{1}\"/>",
            escape(name),
            graphml_type(*t)
        );
    }
    out.push_str("  <graph id=\"shabaka\" edgedefault=\"directed\">\n");
    for n in graph.nodes.values() {
        let _ = writeln!(out, "    <node id=\"{}\">", escape(&n.id));
        let _ = writeln!(
            out,
            "      <data key=\"node_kind\">{}</data>",
            escape(&n.kind)
        );
        for (name, t) in &node_schema {
            if let Some(v) = n.attrs.get(name).filter(|_| *name != "kind") {
                let _ = writeln!(
                    out,
                    "      <data key=\"node_{}\">{}</data>",
                    escape(name),
                    escape(&text(v, *t))
                );
            }
        }
        out.push_str("    </node>\n");
        flush(&mut out, w)?;
    }
    for (i, e) in graph.edges.iter().enumerate() {
        let _ = writeln!(
            out,
            "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\">",
            escape(&e.source),
            escape(&e.target)
        );
        let _ = writeln!(
            out,
            "      <data key=\"edge_kind\">{}</data>",
            escape(e.kind)
        );
        let _ = writeln!(
            out,
            "      <data key=\"edge_label\">{}</data>",
            escape(e.kind)
        );
        let _ = writeln!(
            out,
            "      <data key=\"edge_weight\">{}</data>",
            text(&AttrValue::Float(edge_weight(e)), AttrType::Double)
        );
        for (name, t) in &edge_schema {
            if let Some(v) = e
                .attrs
                .get(name)
                .filter(|_| !matches!(*name, "kind" | "weight" | "label"))
            {
                let _ = writeln!(
                    out,
                    "      <data key=\"edge_{}\">{}</data>",
                    escape(name),
                    escape(&text(v, *t))
                );
            }
        }
        out.push_str("    </edge>\n");
        flush(&mut out, w)?;
    }
    out.push_str("  </graph>\n</graphml>\n");
    w.write_all(out.as_bytes())
}
