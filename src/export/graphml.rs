//! GraphML for networkx, igraph and Gephi: typed keys declared before the graph, named key
//! ids (Gephi reads ids like `d3` as its label column), `label` and `weight` as Gephi
//! expects, unique edge ids (networkx would merge duplicates silently).

use std::fmt::Write;

use super::attrs::{edge_weight, push_text, push_xml_text, schemas, AttrType, Schemas};
use super::flush;
use super::xml::{escape, push_escaped};
use crate::graph::attrs::{intern, Name};
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
    write_graphml_with(graph, &schemas(graph), w)
}

/// `write_graphml` with the graph's schemas already computed.
pub fn write_graphml_with(
    graph: &KnowledgeGraph,
    (node_schema, edge_schema): &Schemas,
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut edge_schema = edge_schema.clone();
    edge_schema.insert(intern("weight"), AttrType::Double);
    edge_schema.insert(intern("label"), AttrType::String);
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
    for (name, t) in node_schema {
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
    // key ids, escaped once
    let node_keys: Vec<(Name, AttrType, String)> = node_schema
        .iter()
        .filter(|(name, _)| **name != "kind")
        .map(|(name, t)| (*name, *t, format!("node_{}", escape(name))))
        .collect();
    let edge_keys: Vec<(Name, AttrType, String)> = edge_schema
        .iter()
        .filter(|(name, _)| !matches!(**name, "kind" | "weight" | "label"))
        .map(|(name, t)| (*name, *t, format!("edge_{}", escape(name))))
        .collect();
    let data = |out: &mut String, key: &str| {
        out.push_str("      <data key=\"");
        out.push_str(key);
        out.push_str("\">");
    };
    for n in graph.nodes.values() {
        out.push_str("    <node id=\"");
        push_escaped(&mut out, &n.id);
        out.push_str("\">\n");
        data(&mut out, "node_kind");
        push_escaped(&mut out, n.kind.as_str());
        out.push_str("</data>\n");
        for (name, t, key) in &node_keys {
            if let Some(v) = n.attrs.get_interned(name) {
                data(&mut out, key);
                push_xml_text(&mut out, v, *t);
                out.push_str("</data>\n");
            }
        }
        out.push_str("    </node>\n");
        flush(&mut out, w)?;
    }
    // an edge per line, without indentation: a corpus graph has millions of edges, and
    // the indentation alone was an eighth of the file
    let edge_data = |out: &mut String, key: &str| {
        out.push_str("<data key=\"");
        out.push_str(key);
        out.push_str("\">");
    };
    w.write_all(out.as_bytes())?;
    out.clear();
    super::write_blocks(&graph.edges, w, |out: &mut String, first, block| {
        for (j, e) in crate::graph::prefetched(block).enumerate() {
            super::xml::push_edge_start(out, "    ", first + j, e);
            out.push('>');
            edge_data(out, "edge_kind");
            push_escaped(out, e.kind.as_str());
            out.push_str("</data>");
            edge_data(out, "edge_label");
            push_escaped(out, e.kind.as_str());
            out.push_str("</data>");
            edge_data(out, "edge_weight");
            push_text(out, &AttrValue::Float(edge_weight(e)), AttrType::Double);
            out.push_str("</data>");
            for (name, t, key) in &edge_keys {
                if let Some(v) = e.attrs.get_interned(name) {
                    edge_data(out, key);
                    push_xml_text(out, v, *t);
                    out.push_str("</data>");
                }
            }
            out.push_str("</edge>\n");
        }
        Ok(())
    })?;
    out.push_str("  </graph>\n</graphml>\n");
    w.write_all(out.as_bytes())
}
