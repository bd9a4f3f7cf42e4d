//! Gephi spreadsheet import: `nodes.csv` (Id, Label, …) and `edges.csv` (Source, Target,
//! Type, Kind, Id, Label, Weight, …). Gephi trims cells and reads backslashes as escapes,
//! so text cells are kept on one line and backslashes become slashes.
//!
//! Rows are streamed to the writer: a corpus graph has over a million edges.

use std::borrow::Cow;
use std::io::Write;

use super::attrs::{edge_weight, schemas, text};
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

/// `cell` of an attribute's text, keeping the borrow when the text is borrowed.
fn attr_cell(text: Cow<'_, str>) -> Cow<'_, str> {
    match text {
        Cow::Borrowed(s) => cell(s),
        Cow::Owned(s) => Cow::Owned(cell(&s).into_owned()),
    }
}

fn csv_error(e: csv::Error) -> std::io::Error {
    std::io::Error::other(e)
}

/// Streams `nodes.csv` into `w`.
pub fn write_nodes(graph: &KnowledgeGraph, w: &mut dyn Write) -> std::io::Result<()> {
    let (node_schema, _) = schemas(graph);
    let cols: Vec<Name> = node_schema
        .keys()
        .copied()
        .filter(|k| !matches!(*k, "label" | "kind"))
        .collect();
    let mut out = csv::Writer::from_writer(w);
    let mut row: Vec<Cow<str>> = vec!["Id".into(), "Label".into(), "Kind".into()];
    row.extend(cols.iter().map(|c| Cow::Borrowed(*c)));
    out.write_record(row.iter().map(|c| c.as_bytes()))
        .map_err(csv_error)?;
    for n in graph.nodes.values() {
        row.clear();
        row.push(cell(&n.id));
        row.push(cell(
            n.attrs
                .get("label")
                .and_then(AttrValue::as_str)
                .unwrap_or(&n.id),
        ));
        row.push(Cow::Borrowed(&n.kind));
        row.extend(cols.iter().map(|c| {
            n.attrs
                .get(c)
                .map(|v| attr_cell(text(v, node_schema[c])))
                .unwrap_or_default()
        }));
        out.write_record(row.iter().map(|c| c.as_bytes()))
            .map_err(csv_error)?;
    }
    out.flush()
}

/// Streams `edges.csv` into `w`.
pub fn write_edges(graph: &KnowledgeGraph, w: &mut dyn Write) -> std::io::Result<()> {
    let (_, edge_schema) = schemas(graph);
    let cols: Vec<Name> = edge_schema
        .keys()
        .copied()
        .filter(|k| *k != "kind")
        .collect();
    let mut out = csv::Writer::from_writer(w);
    let mut row: Vec<Cow<str>> = ["Source", "Target", "Type", "Kind", "Id", "Label", "Weight"]
        .map(Cow::Borrowed)
        .to_vec();
    row.extend(cols.iter().map(|c| Cow::Borrowed(*c)));
    out.write_record(row.iter().map(|c| c.as_bytes()))
        .map_err(csv_error)?;
    for (i, e) in graph.edges.iter().enumerate() {
        row.clear();
        row.push(cell(&e.source));
        row.push(cell(&e.target));
        row.push(Cow::Borrowed("Directed"));
        row.push(Cow::Borrowed(e.kind));
        row.push(Cow::Owned(format!("e{i}")));
        row.push(Cow::Borrowed(e.kind));
        row.push(Cow::Owned(format!("{}", edge_weight(e))));
        row.extend(cols.iter().map(|c| {
            e.attrs
                .get(c)
                .map(|v| attr_cell(text(v, edge_schema[c])))
                .unwrap_or_default()
        }));
        out.write_record(row.iter().map(|c| c.as_bytes()))
            .map_err(csv_error)?;
    }
    out.flush()
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
