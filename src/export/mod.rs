//! Exporters: each reads the graph and nothing else, and writes atomically.

pub mod attrs;
pub mod csv;
pub mod dot;
pub mod gexf;
pub mod graphml;
pub mod json;
pub mod neo4j;
pub mod xml;

use std::io::Write;
use std::path::Path;

use crate::graph::KnowledgeGraph;

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    Json,
    Graphml,
    Gexf,
    Dot,
    Csv,
    Neo4j,
}

impl Format {
    pub const ALL: [Format; 6] = [Format::Json, Format::Graphml, Format::Gexf, Format::Dot, Format::Csv, Format::Neo4j];

    /// Parses a comma-separated list (`all`, `json`, `graphml`, `gexf`, `dot`, `csv`, `neo4j`).
    pub fn parse_list(s: &str) -> Result<Vec<Format>, String> {
        let mut out = Vec::new();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            match part.to_ascii_lowercase().as_str() {
                "all" => out.extend(Format::ALL),
                "json" => out.push(Format::Json),
                "graphml" => out.push(Format::Graphml),
                "gexf" => out.push(Format::Gexf),
                "dot" => out.push(Format::Dot),
                "csv" => out.push(Format::Csv),
                "neo4j" => out.push(Format::Neo4j),
                other => return Err(format!("unknown format {other:?} (all, json, graphml, gexf, dot, csv, neo4j)")),
            }
        }
        out.sort();
        out.dedup();
        if out.is_empty() {
            return Err("no format given".into());
        }
        Ok(out)
    }
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, synced, then
/// renamed over the target, so a crash or Ctrl-C never leaves a half-written export.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new().prefix(".shabaka-").suffix(".tmp").tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Renders every requested format in memory, then writes them; a rendering problem
/// leaves all previous files in place. Returns the paths written.
pub fn write_formats(
    graph: &KnowledgeGraph,
    out: &Path,
    formats: &[Format],
    dot_options: &dot::DotOptions,
) -> std::io::Result<Vec<std::path::PathBuf>> {
    let mut files: Vec<(std::path::PathBuf, String)> = Vec::new();
    for format in formats {
        match format {
            Format::Json => files.push((out.join("graph.json"), json::to_json(graph))),
            Format::Graphml => files.push((out.join("graph.graphml"), graphml::to_graphml(graph))),
            Format::Gexf => files.push((out.join("graph.gexf"), gexf::to_gexf(graph))),
            Format::Dot => files.push((out.join("graph.dot"), dot::to_dot(graph, dot_options))),
            Format::Csv => {
                let (nodes, edges) = csv::to_gephi_csv(graph);
                files.push((out.join("nodes.csv"), nodes));
                files.push((out.join("edges.csv"), edges));
            }
            Format::Neo4j => {
                let dir = out.join("neo4j");
                for (name, content) in neo4j::to_neo4j(graph) {
                    files.push((dir.join(name), content));
                }
            }
        }
    }
    for (path, content) in &files {
        write_atomic(path, content.as_bytes())?;
    }
    // files of a previous Neo4j export that this graph no longer has would be imported too
    if formats.contains(&Format::Neo4j) {
        let dir = out.join("neo4j");
        for entry in std::fs::read_dir(&dir)?.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().to_string();
            let ours = (name.starts_with("nodes_") || name.starts_with("rels_")) && name.ends_with(".csv");
            if ours && !files.iter().any(|(p, _)| *p == path) {
                std::fs::remove_file(&path)?;
            }
        }
    }
    Ok(files.into_iter().map(|(p, _)| p).collect())
}
