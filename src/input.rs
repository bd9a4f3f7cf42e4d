//! Reading articles: folders (recursive `*.txt` and `*.jsonl`), single files, JSONL dumps.
//!
//! A file that cannot be used is reported with its reason and skipped; the caller decides
//! whether that is fatal (`--strict`). A path that does not exist is always an error: it is
//! a typo, not bad data.

use std::collections::HashMap;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use encoding_rs::Encoding;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use thiserror::Error;

use crate::data::TsvRows;
use crate::text::decode::decode_vec;

/// One article as read, before any analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Graph node id: `article:<file stem>` or `article:<jsonl id>`.
    pub id: String,
    /// The file stem or JSONL id the id is made of.
    pub stem: String,
    /// Where it came from (`data/articles/000.txt`, `dump.jsonl:17`).
    pub path: String,
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// Publication date (ISO) from metadata, if any.
    pub published: Option<String>,
    pub text: String,
    pub sha256: String,
    pub encoding: String,
}

/// An input that was not turned into an article, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

/// Fatal input problems.
#[derive(Debug, Error)]
pub enum InputError {
    #[error("{0}: no such file or directory")]
    Missing(String),
    #[error("{path}: {message}")]
    Unreadable { path: String, message: String },
}

/// A unit of input work: a text file or a JSONL file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Text(PathBuf),
    Jsonl(PathBuf),
}

/// Per-file metadata from a `metadata.tsv` sidecar (file, published, title, source, url).
#[derive(Debug, Clone, Default)]
pub struct Metadata {
    by_file: HashMap<String, FileMetadata>,
}

/// One row of the sidecar.
#[derive(Debug, Clone, Default)]
struct FileMetadata {
    published: Option<String>,
    title: Option<String>,
    source: Option<String>,
    url: Option<String>,
}

/// A numbered JSONL line, or why it could not be read.
pub type JsonlLine = (usize, Result<String, String>);

/// The sidecar file name looked for in every input folder.
pub const METADATA_FILE: &str = "metadata.tsv";

impl Metadata {
    fn add_file(&mut self, path: &Path) -> Result<(), InputError> {
        let content = fs::read_to_string(path).map_err(|e| InputError::Unreadable {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
        let name = path.display().to_string();
        for row in TsvRows::new(&name, &content) {
            let row = row.map_err(|e| InputError::Unreadable {
                path: name.clone(),
                message: e.to_string(),
            })?;
            let file = row.optional(0).to_string();
            let opt = |i: usize| Some(row.optional(i).to_string()).filter(|s| !s.is_empty());
            self.by_file.insert(
                file,
                FileMetadata {
                    published: opt(1),
                    title: opt(2),
                    source: opt(3),
                    url: opt(4),
                },
            );
        }
        Ok(())
    }
}

/// Expands the user's paths into sources (sorted, so the order never depends on the
/// file system) and loads any metadata sidecars found in the folders.
pub fn collect(paths: &[PathBuf]) -> Result<(Vec<Source>, Metadata), InputError> {
    let mut sources = Vec::new();
    let mut metadata = Metadata::default();
    for path in paths {
        let meta =
            fs::metadata(path).map_err(|_| InputError::Missing(path.display().to_string()))?;
        if meta.is_dir() {
            walk(path, &mut sources, &mut metadata)?;
        } else if has_extension(path, "jsonl") {
            sources.push(Source::Jsonl(path.clone()));
        } else {
            if let Some(sidecar) = path.parent().map(|p| p.join(METADATA_FILE)) {
                if sidecar.is_file() {
                    metadata.add_file(&sidecar)?;
                }
            }
            sources.push(Source::Text(path.clone()));
        }
    }
    Ok((sources, metadata))
}

fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

fn walk(dir: &Path, out: &mut Vec<Source>, metadata: &mut Metadata) -> Result<(), InputError> {
    let unreadable = |e: std::io::Error| InputError::Unreadable {
        path: dir.display().to_string(),
        message: e.to_string(),
    };
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(unreadable)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, out, metadata)?;
        } else if has_extension(&path, "txt") {
            out.push(Source::Text(path));
        } else if has_extension(&path, "jsonl") {
            out.push(Source::Jsonl(path));
        } else if path.file_name().and_then(|n| n.to_str()) == Some(METADATA_FILE) {
            metadata.add_file(&path)?;
        }
    }
    Ok(())
}

fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Reads and decodes one text file.
pub fn read_text_file(
    path: &Path,
    forced: Option<&'static Encoding>,
    metadata: &Metadata,
) -> Result<Article, Skipped> {
    let display = path.display().to_string();
    let skipped = |reason: String| Skipped {
        path: display.clone(),
        reason,
    };
    let bytes = fs::read(path).map_err(|e| skipped(format!("cannot read: {e}")))?;
    let decoded = decode_vec(bytes, forced).map_err(|e| skipped(e.to_string()))?;
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("article")
        .to_string();
    let file_name = path.file_name().and_then(|s| s.to_str()).unwrap_or("");
    let FileMetadata {
        published,
        title,
        source,
        url,
    } = metadata
        .by_file
        .get(file_name)
        .or_else(|| metadata.by_file.get(&stem))
        .cloned()
        .unwrap_or_default();
    Ok(Article {
        id: format!("article:{stem}"),
        stem,
        path: display,
        title,
        source,
        url,
        published,
        sha256: sha256_hex(decoded.text.as_bytes()),
        text: decoded.text,
        encoding: decoded.encoding.to_string(),
    })
}

#[derive(Deserialize)]
struct JsonArticle {
    id: serde_json::Value,
    text: String,
    title: Option<String>,
    source: Option<String>,
    url: Option<String>,
    published: Option<String>,
}

/// Makes a JSONL id safe for a node id and a file name.
fn id_slug(raw: &str) -> String {
    raw.chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Parses one JSONL line (1-based `line`) of `path`.
pub fn parse_jsonl_line(path: &Path, line: usize, content: &str) -> Result<Article, Skipped> {
    let display = format!("{}:{line}", path.display());
    let skipped = |reason: String| Skipped {
        path: display.clone(),
        reason,
    };
    let parsed: JsonArticle =
        serde_json::from_str(content).map_err(|e| skipped(format!("invalid JSON article: {e}")))?;
    let raw_id = match &parsed.id {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Number(n) => n.to_string(),
        _ => return Err(skipped("`id` must be a string or a number".into())),
    };
    let stem = id_slug(&raw_id);
    if stem.is_empty() {
        return Err(skipped("`id` is empty".into()));
    }
    if parsed.text.trim().is_empty() {
        return Err(skipped("`text` is empty".into()));
    }
    Ok(Article {
        id: format!("article:{stem}"),
        stem,
        path: display,
        title: parsed.title,
        source: parsed.source,
        url: parsed.url,
        published: parsed.published,
        sha256: sha256_hex(parsed.text.as_bytes()),
        text: parsed.text,
        encoding: "UTF-8".into(),
    })
}

/// Streams the lines of a JSONL file in batches, so a large dump never sits in memory whole.
pub fn jsonl_batches(
    path: &Path,
    batch: usize,
) -> Result<impl Iterator<Item = Vec<JsonlLine>>, InputError> {
    let file = fs::File::open(path).map_err(|e| InputError::Unreadable {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    let mut lines = BufReader::new(file).split(b'\n').enumerate();
    Ok(std::iter::from_fn(move || {
        let mut out = Vec::with_capacity(batch);
        for (index, line) in lines.by_ref() {
            let line = match line {
                Ok(bytes) => String::from_utf8(bytes)
                    .map(|s| {
                        s.trim_end_matches('\r')
                            .trim_start_matches('\u{feff}')
                            .to_string()
                    })
                    .map_err(|_| "line is not valid UTF-8".to_string()),
                Err(e) => Err(e.to_string()),
            };
            if matches!(&line, Ok(l) if l.trim().is_empty()) {
                continue;
            }
            out.push((index + 1, line));
            if out.len() >= batch {
                break;
            }
        }
        (!out.is_empty()).then_some(out)
    }))
}
