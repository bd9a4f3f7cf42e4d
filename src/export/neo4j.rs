//! Neo4j: CSV files with `neo4j-admin database import full` headers, an `import.cypher`
//! doing the same with LOAD CSV, and `admin-import.sh` with the exact command.
//!
//! Labels and relationship types are ASCII identifiers; Arabic lives only in properties.
//! Arrays use `;` (pass `--array-delimiter=";"`); text stays on one line, so no
//! `--multiline-fields` is needed. Relationship files are split by endpoint labels
//! (`rels_PARTICIPATED_IN_Person_Event.csv`) so that embedded databases with typed
//! relationship tables (Kùzu) load them as they are.

use std::collections::BTreeMap;

use serde_json::Value;

use super::attrs::{schema, text, AttrType};
use crate::graph::KnowledgeGraph;

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

fn value(v: &Value, t: AttrType) -> String {
    let s = match v {
        Value::Array(items) => items
            .iter()
            .map(|i| i.as_str().unwrap_or_default().replace(ARRAY_DELIMITER, ","))
            .collect::<Vec<_>>()
            .join(ARRAY_DELIMITER),
        v => text(v, t),
    };
    one_line(&s)
}

/// Text for a CSV cell: on one line, without control characters (NUL and friends break
/// CSV readers and mean nothing in a name or a sentence).
pub fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c == '\t' || c == '\n' || c == '\r' {
                ' '
            } else {
                c
            }
        })
        .filter(|c| !c.is_control())
        .collect()
}

fn write_csv(header: &[String], rows: &[Vec<String>]) -> String {
    let mut w = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(Vec::new());
    let _ = w.write_record(header);
    for r in rows {
        let _ = w.write_record(r);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A file of the Neo4j export: name and content.
pub type File = (String, String);

/// Node files, relationship files, import.cypher and admin-import.sh.
pub fn to_neo4j(graph: &KnowledgeGraph) -> Vec<File> {
    let mut files = Vec::new();
    let mut node_files = Vec::new();
    let mut cypher = String::from(
        "// Load with: cypher-shell -f import.cypher (CSV files in Neo4j's import folder)\n",
    );
    cypher.push_str(&format!(
        "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:{ID_SPACE}) REQUIRE n.id IS UNIQUE;\n"
    ));
    let mut labels: BTreeMap<String, Vec<&crate::graph::Node>> = BTreeMap::new();
    for n in graph.nodes.values() {
        labels.entry(identifier(&n.kind)).or_default().push(n);
    }
    let mut node_label: BTreeMap<&str, String> = BTreeMap::new();
    for (label, nodes) in &labels {
        let cols = schema(nodes.iter().map(|n| &n.attrs));
        let mut header = vec![format!("id:ID({ID_SPACE})"), ":LABEL".to_string()];
        header.extend(cols.iter().map(|(k, t)| header_of(k, *t)));
        let rows: Vec<Vec<String>> = nodes
            .iter()
            .map(|n| {
                node_label.insert(n.id.as_str(), label.clone());
                let mut r = vec![n.id.clone(), format!("{ID_SPACE};{label}")];
                r.extend(
                    cols.iter()
                        .map(|(k, t)| n.attrs.get(k).map(|v| value(v, *t)).unwrap_or_default()),
                );
                r
            })
            .collect();
        let name = format!("nodes_{label}.csv");
        cypher.push_str(&format!(
            "LOAD CSV WITH HEADERS FROM 'file:///{name}' AS row\nCREATE (n:{ID_SPACE}:{label} {{id: row.`id:ID({ID_SPACE})`{}}});\n",
            cols.iter().map(|(k, t)| format!(", {}: {}", identifier(k), cypher_value(&header_of(k, *t), *t))).collect::<String>()
        ));
        node_files.push(name.clone());
        files.push((name, write_csv(&header, &rows)));
    }
    // relationships: by type, then by endpoint labels
    let mut by_type: BTreeMap<String, Vec<&crate::graph::Edge>> = BTreeMap::new();
    for e in &graph.edges {
        by_type.entry(identifier(&e.kind)).or_default().push(e);
    }
    let mut rel_files = Vec::new();
    for (rel_type, edges) in &by_type {
        let cols = schema(edges.iter().map(|e| &e.attrs));
        let mut header = vec![
            format!(":START_ID({ID_SPACE})"),
            format!(":END_ID({ID_SPACE})"),
            ":TYPE".to_string(),
        ];
        header.extend(cols.iter().map(|(k, t)| header_of(k, *t)));
        let mut by_pair: BTreeMap<(String, String), Vec<Vec<String>>> = BTreeMap::new();
        for e in edges {
            let pair = (
                node_label[e.source.as_str()].clone(),
                node_label[e.target.as_str()].clone(),
            );
            let mut r = vec![e.source.clone(), e.target.clone(), rel_type.clone()];
            r.extend(
                cols.iter()
                    .map(|(k, t)| e.attrs.get(k).map(|v| value(v, *t)).unwrap_or_default()),
            );
            by_pair.entry(pair).or_default().push(r);
        }
        for ((from, to), rows) in by_pair {
            let name = format!("rels_{rel_type}_{from}_{to}.csv");
            cypher.push_str(&format!(
                "LOAD CSV WITH HEADERS FROM 'file:///{name}' AS row\nMATCH (a:{ID_SPACE} {{id: row.`:START_ID({ID_SPACE})`}}), (b:{ID_SPACE} {{id: row.`:END_ID({ID_SPACE})`}})\nCREATE (a)-[:{rel_type} {{{}}}]->(b);\n",
                cols.iter().map(|(k, t)| format!("{}: {}", identifier(k), cypher_value(&header_of(k, *t), *t))).collect::<Vec<_>>().join(", ")
            ));
            rel_files.push(name.clone());
            files.push((name, write_csv(&header, &rows)));
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
    files.push(("import.cypher".into(), cypher));
    files.push(("admin-import.sh".into(), script));
    files
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
