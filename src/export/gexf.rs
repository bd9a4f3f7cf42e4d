//! GEXF 1.3 for Gephi (and networkx ≥ 3.6): declared attributes, `viz` colours by kind,
//! directed edges with a `kind` for parallel edges, and event dates as time spells so
//! Gephi's timeline can play the events.

use std::fmt::Write;

use super::attrs::{
    edge_weight, kind_colour, push_text, push_xml_text, schemas, text, AttrType, Schemas,
};
use super::flush;
use super::xml::{escape, push_escaped};
use crate::graph::attrs::Name;
use crate::graph::{AttrValue, KnowledgeGraph};
use crate::vocab::NodeKind;

fn gexf_type(t: AttrType) -> &'static str {
    match t {
        AttrType::Boolean => "boolean",
        AttrType::Int => "long",
        AttrType::Double => "double",
        AttrType::String => "string",
        AttrType::List => "liststring",
    }
}

/// A full ISO date for a spell: 2025 → 2025-01-01, 2025-02 → 2025-02-01.
fn spell_date(date: &str) -> Option<String> {
    match date.len() {
        4 => Some(format!("{date}-01-01")),
        7 => Some(format!("{date}-01")),
        10 => Some(date.to_string()),
        _ => None,
    }
}

/// Serialises the graph as GEXF 1.3.
pub fn to_gexf(graph: &KnowledgeGraph) -> String {
    let mut bytes = Vec::new();
    write_gexf(graph, &mut bytes).expect("writing to memory cannot fail");
    String::from_utf8(bytes).expect("UTF-8")
}

/// Streams the export into `w` (flushing a small buffer as it goes).
pub fn write_gexf(graph: &KnowledgeGraph, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    write_gexf_with(graph, &schemas(graph), w)
}

/// `write_gexf` with the graph's schemas already computed.
pub fn write_gexf_with(
    graph: &KnowledgeGraph,
    (node_schema, edge_schema): &Schemas,
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n");
    let generator = graph
        .graph_attrs
        .get("generator")
        .and_then(serde_json::Value::as_str)
        .unwrap_or("shabaka");
    let _ = writeln!(out, "  <meta><creator>{}</creator><description>Arabic news knowledge graph</description></meta>", escape(generator));
    out.push_str("  <graph defaultedgetype=\"directed\" mode=\"dynamic\" timeformat=\"date\">\n");
    let node_ids: Vec<&str> = node_schema
        .keys()
        .copied()
        .filter(|k| *k != "label")
        .collect();
    out.push_str("    <attributes class=\"node\" mode=\"static\">\n");
    for (i, name) in node_ids.iter().enumerate() {
        let _ = writeln!(
            out,
            "      <attribute id=\"{i}\" title=\"{}\" type=\"{}\"/>",
            escape(name),
            gexf_type(node_schema[*name])
        );
    }
    out.push_str("    </attributes>\n");
    out.push_str("    <attributes class=\"edge\" mode=\"static\">\n");
    for (i, (name, t)) in edge_schema.iter().enumerate() {
        let _ = writeln!(
            out,
            "      <attribute id=\"{i}\" title=\"{}\" type=\"{}\"/>",
            escape(name),
            gexf_type(*t)
        );
    }
    out.push_str("    </attributes>\n");
    out.push_str("    <nodes>\n");
    for n in graph.nodes.values() {
        // Gephi shows the label: a node whose label is empty (or only characters XML
        // cannot carry) shows its id instead
        let label = n
            .attrs
            .get("label")
            .and_then(AttrValue::as_str)
            .filter(|l| !escape(l).is_empty())
            .unwrap_or(&n.id);
        let spell = n
            .attrs
            .get("date")
            .and_then(AttrValue::as_str)
            .filter(|_| n.kind == NodeKind::Event)
            .and_then(spell_date)
            .map(|d| format!(" start=\"{d}\" end=\"{d}\""))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "      <node id=\"{}\" label=\"{}\"{spell}>",
            escape(&n.id),
            escape(label)
        );
        out.push_str("        <attvalues>\n");
        for (i, name) in node_ids.iter().enumerate() {
            let value = if *name == "kind" {
                Some(AttrValue::from(n.kind.as_str()))
            } else {
                n.attrs.get(name).cloned()
            };
            if let Some(v) = value {
                let _ = writeln!(
                    out,
                    "          <attvalue for=\"{i}\" value=\"{}\"/>",
                    escape(&text(&v, node_schema[*name]))
                );
            }
        }
        out.push_str("        </attvalues>\n");
        let (r, g, b) = kind_colour(n.kind);
        let _ = writeln!(
            out,
            "        <viz:color r=\"{r}\" g=\"{g}\" b=\"{b}\" a=\"1.0\"/>"
        );
        out.push_str("      </node>\n");
        flush(&mut out, w)?;
    }
    out.push_str("    </nodes>\n    <edges>\n");
    // attribute ids as text, written once
    let edge_columns: Vec<(Name, AttrType, String, bool)> = edge_schema
        .iter()
        .enumerate()
        .map(|(k, (name, t))| (*name, *t, k.to_string(), *name == "kind"))
        .collect();
    let attvalue = |out: &mut String, column: &str| {
        out.push_str("<attvalue for=\"");
        out.push_str(column);
        out.push_str("\" value=\"");
    };
    // an edge per line, without indentation: a corpus graph has millions of edges, and
    // the indentation alone was a sixth of the file
    w.write_all(out.as_bytes())?;
    out.clear();
    super::write_blocks(&graph.edges, w, |out: &mut String, first, block| {
        for (j, e) in crate::graph::prefetched(block).enumerate() {
            super::xml::push_edge_start(out, "      ", first + j, e);
            out.push_str(" kind=\"");
            push_escaped(out, e.kind.as_str());
            out.push_str("\" label=\"");
            push_escaped(out, e.kind.as_str());
            out.push_str("\" weight=\"");
            push_text(out, &AttrValue::Float(edge_weight(e)), AttrType::Double);
            out.push_str("\"><attvalues>");
            for (name, t, column, is_kind) in &edge_columns {
                if *is_kind {
                    attvalue(out, column);
                    push_escaped(out, e.kind.as_str());
                    out.push_str("\"/>");
                } else if let Some(v) = e.attrs.get_interned(name) {
                    attvalue(out, column);
                    push_xml_text(out, v, *t);
                    out.push_str("\"/>");
                }
            }
            out.push_str("</attvalues></edge>\n");
        }
        Ok(())
    })?;
    out.push_str("    </edges>\n  </graph>\n</gexf>\n");
    w.write_all(out.as_bytes())
}
