//! Neo4j: CSV files with `neo4j-admin database import full` headers, an `import.cypher`
//! doing the same with LOAD CSV, and `admin-import.sh` with the exact command.
//!
//! Labels and relationship types are ASCII identifiers; Arabic lives only in properties.
//! Arrays use `;` (pass `--array-delimiter=";"`); text stays on one line, so no
//! `--multiline-fields` is needed. Relationship files are split by endpoint labels
//! (`rels_PARTICIPATED_IN_Person_Event.csv`) so that embedded databases with typed
//! relationship tables (Kùzu) load them as they are.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::Write;

use super::attrs::{push_text, schema, text, AttrType};
use crate::graph::attrs::Name;
use crate::graph::{AttrValue, Edge, KnowledgeGraph, Node};
use crate::vocab::EdgeKind;

/// The ID space of every node.
pub const ID_SPACE: &str = "Entity";
/// Separator of array items.
pub const ARRAY_DELIMITER: &str = ";";

fn neo4j_type(t: AttrType) -> &'static str {
    match t {
        AttrType::Boolean => ":boolean",
        AttrType::Int => ":long",
        AttrType::Double => ":double",
        AttrType::String => "",
        AttrType::List => ":string[]",
    }
}

/// A valid label or type: `[A-Za-z_][A-Za-z0-9_]*`.
pub fn identifier(s: &str) -> String {
    let mut out: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    out
}

fn value(v: &AttrValue, t: AttrType) -> Cow<'_, str> {
    match v {
        AttrValue::List(items) => Cow::Owned(
            one_line(
                &items
                    .iter()
                    .map(|i| i.replace(ARRAY_DELIMITER, ","))
                    .collect::<Vec<_>>()
                    .join(ARRAY_DELIMITER),
            )
            .into_owned(),
        ),
        v => match text(v, t) {
            Cow::Borrowed(s) => one_line(s),
            Cow::Owned(s) => Cow::Owned(one_line(&s).into_owned()),
        },
    }
}

/// Text for a CSV cell: on one line, without control characters (NUL and friends break
/// CSV readers and mean nothing in a name or a sentence). Most text is already so, and
/// is returned as it is.
pub fn one_line(s: &str) -> Cow<'_, str> {
    if NOT_ON_ONE_LINE.plain_prefix(s.as_bytes()) == s.len() {
        return Cow::Borrowed(s);
    }
    s.chars()
        .map(|c| {
            if c == '\t' || c == '\n' || c == '\r' {
                ' '
            } else {
                c
            }
        })
        .filter(|c| !c.is_control())
        .collect::<String>()
        .into()
}

/// Bytes that send a cell down the careful path: controls, DEL, and 0xC2, which starts the
/// C1 controls (and a few other Latin-1 characters: those take the careful path too).
static NOT_ON_ONE_LINE: super::scan::Specials<2> = super::scan::Specials::new(0x20, [0x7f, 0xc2]);

/// What one file of the export holds; rows are rendered only when the file is written.
enum Content<'g> {
    Nodes {
        label: String,
        nodes: Vec<&'g Node>,
        cols: BTreeMap<Name, AttrType>,
    },
    Relationships {
        rel_type: String,
        edges: Vec<&'g Edge>,
        cols: BTreeMap<Name, AttrType>,
    },
    Text(String),
}

/// The Neo4j export planned over a graph: file names and what each holds. Planning keeps
/// only references; `write` streams one file's rows, so a big graph is never rendered
/// into memory whole.
pub struct Neo4jExport<'g> {
    files: Vec<(String, Content<'g>)>,
}

impl<'g> Neo4jExport<'g> {
    /// Plans node files, relationship files, import.cypher and admin-import.sh.
    pub fn plan(graph: &'g KnowledgeGraph) -> Neo4jExport<'g> {
        let mut files = Vec::new();
        let mut node_files = Vec::new();
        let mut cypher = String::from(
            "// Load with: cypher-shell -f import.cypher (CSV files in Neo4j's import folder)\n",
        );
        cypher.push_str(&format!(
            "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:{ID_SPACE}) REQUIRE n.id IS UNIQUE;\n"
        ));
        let mut labels: BTreeMap<String, Vec<&Node>> = BTreeMap::new();
        for n in graph.nodes.values() {
            labels
                .entry(identifier(n.kind.as_str()))
                .or_default()
                .push(n);
        }
        let mut node_label: rustc_hash::FxHashMap<&str, &str> = Default::default();
        for (label, nodes) in &labels {
            for n in nodes {
                node_label.insert(&*n.id, label);
            }
        }
        for (label, nodes) in &labels {
            let cols = schema(nodes.iter().map(|n| &n.attrs));
            let name = format!("nodes_{label}.csv");
            cypher.push_str(&format!(
                "LOAD CSV WITH HEADERS FROM 'file:///{name}' AS row\nCREATE (n:{ID_SPACE}:{label} {{id: row.`id:ID({ID_SPACE})`{}}});\n",
                cols.iter().map(|(k, t)| format!(", {}: {}", identifier(k), cypher_value(&header_of(k, *t), *t))).collect::<String>()
            ));
            node_files.push(name.clone());
            files.push((
                name,
                Content::Nodes {
                    label: label.clone(),
                    nodes: nodes.clone(),
                    cols,
                },
            ));
        }
        // relationships: by type, then by endpoint labels
        // grouped by kind, named once per kind; kinds that name the same type (only in a
        // hand-made graph) are merged back into graph order
        let mut by_kind: rustc_hash::FxHashMap<EdgeKind, Vec<usize>> = Default::default();
        for (i, e) in graph.edges.iter().enumerate() {
            by_kind.entry(e.kind).or_default().push(i);
        }
        let mut by_type: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (kind, indices) in by_kind {
            let merged = by_type.entry(identifier(kind.as_str())).or_default();
            let sort = !merged.is_empty();
            merged.extend(indices);
            if sort {
                merged.sort_unstable();
            }
        }
        let by_type = by_type.into_iter().map(|(rel_type, indices)| {
            let edges: Vec<&Edge> = indices.into_iter().map(|i| &graph.edges[i]).collect();
            (rel_type, edges)
        });
        // each type's columns take a pass over its edges: both cores share the passes
        let by_type: Vec<(String, Vec<&Edge>, BTreeMap<Name, AttrType>)> = {
            use rayon::prelude::*;
            by_type
                .collect::<Vec<_>>()
                .into_par_iter()
                .map(|(rel_type, edges)| {
                    let cols = schema(crate::graph::prefetched(&edges).map(|e| &e.attrs));
                    (rel_type, edges, cols)
                })
                .collect()
        };
        let mut rel_files = Vec::new();
        for (rel_type, edges, cols) in by_type {
            let mut by_pair: BTreeMap<(&str, &str), Vec<&Edge>> = BTreeMap::new();
            for e in edges {
                let pair = (node_label[&*e.source], node_label[&*e.target]);
                by_pair.entry(pair).or_default().push(e);
            }
            for ((from, to), edges) in by_pair {
                let name = format!("rels_{rel_type}_{from}_{to}.csv");
                cypher.push_str(&format!(
                    "LOAD CSV WITH HEADERS FROM 'file:///{name}' AS row\nMATCH (a:{ID_SPACE} {{id: row.`:START_ID({ID_SPACE})`}}), (b:{ID_SPACE} {{id: row.`:END_ID({ID_SPACE})`}})\nCREATE (a)-[:{rel_type} {{{}}}]->(b);\n",
                    cols.iter().map(|(k, t)| format!("{}: {}", identifier(k), cypher_value(&header_of(k, *t), *t))).collect::<Vec<_>>().join(", ")
                ));
                rel_files.push(name.clone());
                files.push((
                    name,
                    Content::Relationships {
                        rel_type: rel_type.clone(),
                        edges,
                        cols: cols.clone(),
                    },
                ));
            }
        }
        let mut script = String::from("#!/bin/sh\n# Bulk import into an empty database named neo4j (run from this folder).\nneo4j-admin database import full \\\n  --array-delimiter=\";\" \\\n");
        for f in &node_files {
            script.push_str(&format!("  --nodes={f} \\\n"));
        }
        for f in &rel_files {
            script.push_str(&format!("  --relationships={f} \\\n"));
        }
        script.push_str("  neo4j\n");
        files.push(("import.cypher".into(), Content::Text(cypher)));
        files.push(("admin-import.sh".into(), Content::Text(script)));
        Neo4jExport { files }
    }

    /// File names, in the order `write` takes them.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.files.iter().map(|(name, _)| name.as_str())
    }

    /// Streams file number `index` into `w`.
    pub fn write(&self, index: usize, w: &mut dyn Write) -> std::io::Result<()> {
        let error = std::io::Error::other;
        fn writer<W: Write>(w: W) -> csv::Writer<W> {
            csv::WriterBuilder::new()
                .quote_style(csv::QuoteStyle::Necessary)
                .from_writer(w)
        }
        let header = |first: &[String], cols: &BTreeMap<Name, AttrType>| {
            let mut row = first.to_vec();
            row.extend(cols.iter().map(|(k, t)| header_of(k, *t)));
            row
        };
        let columns = |cols: &BTreeMap<Name, AttrType>| -> Vec<(Name, AttrType)> {
            cols.iter().map(|(k, t)| (*k, *t)).collect()
        };
        let mut scratch = String::new();
        match &self.files[index].1 {
            Content::Text(text) => w.write_all(text.as_bytes()),
            Content::Nodes { label, nodes, cols } => {
                let mut out = writer(w);
                let first = [format!("id:ID({ID_SPACE})"), ":LABEL".into()];
                out.write_record(header(&first, cols)).map_err(error)?;
                let label_cell = format!("{ID_SPACE};{label}");
                let cols = columns(cols);
                for n in nodes {
                    out.write_field(n.id.as_bytes()).map_err(error)?;
                    out.write_field(label_cell.as_bytes()).map_err(error)?;
                    for (k, t) in &cols {
                        write_value(&mut out, &mut scratch, n.attrs.get_interned(k), *t)?;
                    }
                    out.write_record(None::<&[u8]>).map_err(error)?;
                }
                out.flush()
            }
            Content::Relationships {
                rel_type,
                edges,
                cols,
            } => {
                let mut out = writer(&mut *w);
                let first = [
                    format!(":START_ID({ID_SPACE})"),
                    format!(":END_ID({ID_SPACE})"),
                    ":TYPE".into(),
                ];
                out.write_record(header(&first, cols)).map_err(error)?;
                out.flush()?;
                drop(out);
                let cols = columns(cols);
                super::write_blocks(edges, w, |buffer: &mut Vec<u8>, _, block| {
                    let mut out = writer(buffer);
                    let mut scratch = String::new();
                    for e in crate::graph::prefetched(block) {
                        out.write_field(e.source.as_bytes()).map_err(error)?;
                        out.write_field(e.target.as_bytes()).map_err(error)?;
                        out.write_field(rel_type.as_bytes()).map_err(error)?;
                        for (k, t) in &cols {
                            write_value(&mut out, &mut scratch, e.attrs.get_interned(k), *t)?;
                        }
                        out.write_record(None::<&[u8]>).map_err(error)?;
                    }
                    out.flush()
                })
            }
        }
    }
}

/// Writes one attribute cell: `value`, with numbers formatted in a reused buffer.
fn write_value<W: Write>(
    out: &mut csv::Writer<W>,
    scratch: &mut String,
    v: Option<&AttrValue>,
    t: AttrType,
) -> std::io::Result<()> {
    let cell = match v {
        None => Cow::Borrowed(""),
        Some(AttrValue::Str(s)) => one_line(s),
        Some(v @ AttrValue::List(_)) => value(v, t),
        Some(v) => {
            scratch.clear();
            push_text(scratch, v, t);
            Cow::Borrowed(scratch.as_str())
        }
    };
    out.write_field(cell.as_bytes())
        .map_err(std::io::Error::other)
}

pub type File = (String, String);

/// Every file of the export rendered in memory (for small graphs and tests).
pub fn to_neo4j(graph: &KnowledgeGraph) -> Vec<File> {
    let export = Neo4jExport::plan(graph);
    export
        .names()
        .enumerate()
        .map(|(i, name)| {
            let mut buffer = Vec::new();
            export
                .write(i, &mut buffer)
                .expect("writing to memory cannot fail");
            let text = String::from_utf8(buffer).expect("CSV of UTF-8 cells is UTF-8");
            (name.to_string(), text)
        })
        .collect()
}

fn header_of(k: &str, t: AttrType) -> String {
    format!("{}{}", identifier(k), neo4j_type(t))
}

/// The LOAD CSV expression converting a column to its type.
fn cypher_value(column: &str, t: AttrType) -> String {
    let cell = format!("row.`{column}`");
    match t {
        AttrType::Boolean => format!("toBoolean({cell})"),
        AttrType::Int => format!("toInteger({cell})"),
        AttrType::Double => format!("toFloat({cell})"),
        AttrType::String => cell,
        AttrType::List => format!("split(coalesce({cell}, ''), '{ARRAY_DELIMITER}')"),
    }
}
