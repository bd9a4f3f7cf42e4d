//! Gephi spreadsheet import: `nodes.csv` (Id, Label, …) and `edges.csv` (Source, Target,
//! Type, Kind, Id, Label, Weight, …). Gephi trims cells and reads backslashes as escapes,
//! so text cells are kept on one line and backslashes become slashes.

use serde_json::Value;

use super::attrs::{edge_weight, schemas, text};
use crate::graph::KnowledgeGraph;

fn cell(s: &str) -> String {
    super::neo4j::one_line(&s.replace('\\', "/"))
        .trim()
        .to_string()
}

fn to_csv(header: Vec<String>, rows: Vec<Vec<String>>) -> String {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    let _ = w.write_record(&header);
    for r in rows {
        let _ = w.write_record(&r);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// `(nodes.csv, edges.csv)` contents.
pub fn to_gephi_csv(graph: &KnowledgeGraph) -> (String, String) {
    let (node_schema, edge_schema) = schemas(graph);
    let node_cols: Vec<&String> = node_schema
        .keys()
        .filter(|k| !matches!(k.as_str(), "label" | "kind"))
        .collect();
    let mut header: Vec<String> = vec!["Id".into(), "Label".into(), "Kind".into()];
    header.extend(node_cols.iter().map(|c| c.to_string()));
    let rows = graph
        .nodes
        .values()
        .map(|n| {
            let mut r = vec![
                cell(&n.id),
                cell(
                    n.attrs
                        .get("label")
                        .and_then(Value::as_str)
                        .unwrap_or(&n.id),
                ),
                n.kind.clone(),
            ];
            r.extend(node_cols.iter().map(|c| {
                n.attrs
                    .get(*c)
                    .map(|v| cell(&text(v, node_schema[*c])))
                    .unwrap_or_default()
            }));
            r
        })
        .collect();
    let nodes = to_csv(header, rows);
    let edge_cols: Vec<&String> = edge_schema
        .keys()
        .filter(|k| k.as_str() != "kind")
        .collect();
    let mut header: Vec<String> = ["Source", "Target", "Type", "Kind", "Id", "Label", "Weight"]
        .map(String::from)
        .to_vec();
    header.extend(edge_cols.iter().map(|c| c.to_string()));
    let rows = graph
        .edges
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let mut r = vec![
                cell(&e.source),
                cell(&e.target),
                "Directed".into(),
                e.kind.clone(),
                format!("e{i}"),
                e.kind.clone(),
                format!("{}", edge_weight(e)),
            ];
            r.extend(edge_cols.iter().map(|c| {
                e.attrs
                    .get(*c)
                    .map(|v| cell(&text(v, edge_schema[*c])))
                    .unwrap_or_default()
            }));
            r
        })
        .collect();
    (nodes, to_csv(header, rows))
}
