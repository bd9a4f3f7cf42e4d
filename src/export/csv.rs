//! Gephi spreadsheet import: `nodes.csv` (Id, Label, …) and `edges.csv` (Source, Target,
//! Type, Kind, Id, Label, Weight, …). Gephi trims cells and reads backslashes as escapes,
//! so text cells are kept on one line and backslashes become slashes.
//!
//! These files are also opened in spreadsheets, which run a cell starting with `=`, `+`,
//! `-` or `@` as a formula («=HYPERLINK(…)» in a title, «- » of a bulleted sentence in
//! evidence): such a text cell gets a leading `'`, the usual neutraliser (numbers are
//! left as they are). The Neo4j CSVs keep text exact: they are read by `LOAD CSV` and
//! `neo4j-admin import`, not by spreadsheets.
//!
//! Rows are streamed to the writer: a corpus graph has over a million edges.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::Write;

use super::attrs::{edge_weight, push_text, schemas, AttrType, Schemas};
use crate::graph::attrs::Name;
use crate::graph::{AttrValue, KnowledgeGraph};

/// A cell as Gephi reads it: one line, trimmed, slashes for backslashes; borrowed when
/// the text is already so (almost always).
fn cell(s: &str) -> Cow<'_, str> {
    match super::neo4j::one_line(s) {
        Cow::Borrowed(line) => {
            let trimmed = line.trim();
            if trimmed.contains('\\') {
                Cow::Owned(trimmed.replace('\\', "/"))
            } else {
                Cow::Borrowed(trimmed)
            }
        }
        Cow::Owned(line) => Cow::Owned(line.trim().replace('\\', "/")),
    }
}

/// A text cell a spreadsheet will not run as a formula: one starting with `=`, `+`, `-`
/// or `@` gets a leading `'`.
fn text_cell(s: &str) -> Cow<'_, str> {
    match cell(s) {
        c if c.starts_with(['=', '+', '-', '@']) => Cow::Owned(format!("'{c}")),
        c => c,
    }
}

fn csv_error(e: csv::Error) -> std::io::Error {
    std::io::Error::other(e)
}

/// Writes an attribute cell: numbers through a reused scratch buffer, text as `cell` makes it.
fn write_attr<W: Write>(
    out: &mut csv::Writer<W>,
    scratch: &mut String,
    value: Option<&AttrValue>,
    t: AttrType,
) -> std::io::Result<()> {
    let field = match value {
        None => return out.write_field([]).map_err(csv_error),
        Some(AttrValue::Str(s)) => {
            return out.write_field(text_cell(s).as_bytes()).map_err(csv_error)
        }
        Some(v) => {
            scratch.clear();
            push_text(scratch, v, t);
            match v {
                AttrValue::List(_) => text_cell(scratch),
                _ => cell(scratch),
            }
        }
    };
    out.write_field(field.as_bytes()).map_err(csv_error)
}

fn end_record<W: Write>(out: &mut csv::Writer<W>) -> std::io::Result<()> {
    out.write_record(None::<&[u8]>).map_err(csv_error)
}

/// Streams `nodes.csv` into `w`.
pub fn write_nodes(graph: &KnowledgeGraph, w: &mut dyn Write) -> std::io::Result<()> {
    write_nodes_with(graph, &schemas(graph), w)
}

/// `write_nodes` with the graph's schemas already computed.
pub fn write_nodes_with(
    graph: &KnowledgeGraph,
    (node_schema, _): &Schemas,
    w: &mut dyn Write,
) -> std::io::Result<()> {
    let cols: Vec<(Name, AttrType)> = node_schema
        .iter()
        .filter(|(k, _)| !matches!(**k, "label" | "kind"))
        .map(|(k, t)| (*k, *t))
        .collect();
    let mut out = csv::Writer::from_writer(w);
    let mut header: Vec<&str> = vec!["Id", "Label", "Kind"];
    header.extend(cols.iter().map(|(c, _)| *c));
    out.write_record(&header).map_err(csv_error)?;
    let mut scratch = String::new();
    for n in graph.nodes.values() {
        out.write_field(text_cell(&n.id).as_bytes())
            .map_err(csv_error)?;
        let label = n
            .attrs
            .get("label")
            .and_then(AttrValue::as_str)
            .unwrap_or(&n.id);
        out.write_field(text_cell(label).as_bytes())
            .map_err(csv_error)?;
        out.write_field(n.kind.as_str().as_bytes())
            .map_err(csv_error)?;
        for (c, t) in &cols {
            write_attr(&mut out, &mut scratch, n.attrs.get_interned(c), *t)?;
        }
        end_record(&mut out)?;
    }
    out.flush()
}

/// Streams `edges.csv` into `w`.
pub fn write_edges(graph: &KnowledgeGraph, w: &mut dyn Write) -> std::io::Result<()> {
    write_edges_with(graph, &schemas(graph), w)
}

/// `write_edges` with the graph's schemas already computed.
pub fn write_edges_with(
    graph: &KnowledgeGraph,
    (_, edge_schema): &Schemas,
    w: &mut dyn Write,
) -> std::io::Result<()> {
    let cols: Vec<(Name, AttrType)> = edge_schema
        .iter()
        .filter(|(k, _)| **k != "kind")
        .map(|(k, t)| (*k, *t))
        .collect();
    let mut out = csv::Writer::from_writer(&mut *w);
    let mut header: Vec<&str> = vec!["Source", "Target", "Type", "Kind", "Id", "Label", "Weight"];
    header.extend(cols.iter().map(|(c, _)| *c));
    out.write_record(&header).map_err(csv_error)?;
    out.flush()?;
    drop(out);
    super::write_blocks(&graph.edges, w, |buffer: &mut Vec<u8>, first, block| {
        let mut out = csv::Writer::from_writer(buffer);
        let mut scratch = String::new();
        for (j, e) in crate::graph::prefetched(block).enumerate() {
            out.write_field(text_cell(&e.source).as_bytes())
                .map_err(csv_error)?;
            out.write_field(text_cell(&e.target).as_bytes())
                .map_err(csv_error)?;
            out.write_field(b"Directed").map_err(csv_error)?;
            out.write_field(e.kind.as_str().as_bytes())
                .map_err(csv_error)?;
            scratch.clear();
            let _ = write!(scratch, "e{}", first + j);
            out.write_field(scratch.as_bytes()).map_err(csv_error)?;
            out.write_field(e.kind.as_str().as_bytes())
                .map_err(csv_error)?;
            scratch.clear();
            let _ = write!(scratch, "{}", edge_weight(e));
            out.write_field(scratch.as_bytes()).map_err(csv_error)?;
            for (c, t) in &cols {
                write_attr(&mut out, &mut scratch, e.attrs.get_interned(c), *t)?;
            }
            end_record(&mut out)?;
        }
        out.flush()
    })
}

/// `(nodes.csv, edges.csv)` contents, in memory (for small graphs and tests).
pub fn to_gephi_csv(graph: &KnowledgeGraph) -> (String, String) {
    let render = |write: fn(&KnowledgeGraph, &mut dyn Write) -> std::io::Result<()>| {
        let mut buffer = Vec::new();
        write(graph, &mut buffer).expect("writing to memory cannot fail");
        String::from_utf8(buffer).expect("CSV of UTF-8 cells is UTF-8")
    };
    (render(write_nodes), render(write_edges))
}
