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
#[derive(Debug, Clone, PartialEq, Default)]
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
    /// What the user must hear about how it was read (bytes replaced in decoding, ...).
    pub notes: Vec<String>,
}

/// An input that was not turned into an article, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

/// An input that was used, with something the user must hear about it (bytes replaced
/// in decoding, a publication date that does not parse, all text taken for boilerplate).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputWarning {
    pub path: String,
    pub message: String,
}

/// Fatal input problems.
#[derive(Debug, Error)]
pub enum InputError {
    #[error("{0}: no such file or directory")]
    Missing(String),
    #[error("{path}: {message}")]
    Unreadable { path: String, message: String },
}

/// A unit of input work: a text file, a JSONL file, or standard input (`-`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Text(PathBuf),
    Jsonl(PathBuf),
    Stdin,
}

/// What standard input holds, when it is an input (`-`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StdinFormat {
    /// JSONL when its first character (after whitespace and a BOM) is `{`, else text.
    #[default]
    Auto,
    Text,
    Jsonl,
}

/// The path that names standard input.
pub const STDIN: &str = "-";

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

/// How inputs are read: a forced encoding, and the size above which a file (or a JSONL
/// line) is not read at all.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    pub encoding: Option<&'static Encoding>,
    pub max_file_size: u64,
    /// What `-` holds.
    pub stdin_format: StdinFormat,
    /// The stem of the article read from `-` as text (`article:<name>`).
    pub stdin_name: String,
}

/// The default `--max-file-size`: far above any article, far below what fills memory.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 256_000_000;

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions {
            encoding: None,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            stdin_format: StdinFormat::Auto,
            stdin_name: "stdin".into(),
        }
    }
}

/// What the user's paths expand to: the sources to read (sorted within each folder, so
/// the order never depends on the file system), the metadata sidecars found beside them,
/// the inputs that cannot be read (FIFOs, devices, files over the size cap, dangling
/// links) and those that were already there (the same file twice, a symlink loop).
#[derive(Debug, Default)]
pub struct Collected {
    pub sources: Vec<Source>,
    pub metadata: Metadata,
    pub skipped: Vec<Skipped>,
    pub duplicates: Vec<Skipped>,
}

/// A file or folder's identity: device and inode where there are such, else its
/// canonical path. Two paths to one file (a symlink, a hard link, a folder and a file in
/// it) have one identity.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum FileId {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg(not(unix))]
    Path(PathBuf),
}

fn file_id(path: &Path, meta: &fs::Metadata) -> FileId {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let _ = path;
        FileId::Inode(meta.dev(), meta.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        FileId::Path(fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
    }
}

/// What sort of thing a path is, said for a user who named it as an article.
fn not_regular(meta: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    let _ = meta;
    "not a regular file"
}

/// The walk over the user's paths, remembering every file and folder it has seen.
struct Walk<'a> {
    options: &'a ReadOptions,
    out: Collected,
    /// Each folder or file seen, with the path it was first seen by.
    seen: HashMap<FileId, PathBuf>,
}

/// Expands the user's paths into sources, reading each file and folder once: symlinks to
/// folders are followed, but a folder already walked (a loop) is not walked again; only
/// regular files are read. A path the user named that does not exist is an error.
pub fn collect(paths: &[PathBuf], options: &ReadOptions) -> Result<Collected, InputError> {
    let mut walk = Walk {
        options,
        out: Collected::default(),
        seen: HashMap::new(),
    };
    let mut stdin_seen = false;
    for path in paths {
        if path.as_os_str() == STDIN {
            if std::mem::replace(&mut stdin_seen, true) {
                walk.out.duplicates.push(Skipped {
                    path: STDIN.into(),
                    reason: "standard input given twice (read once)".into(),
                });
            } else {
                walk.out.sources.push(Source::Stdin);
            }
            continue;
        }
        let meta =
            fs::metadata(path).map_err(|_| InputError::Missing(path.display().to_string()))?;
        if meta.is_dir() {
            walk.folder(path, &meta)?;
        } else {
            if !has_extension(path, "jsonl") {
                if let Some(sidecar) = path.parent().map(|p| p.join(METADATA_FILE)) {
                    if let Ok(sidecar_meta) = fs::metadata(&sidecar) {
                        walk.sidecar(&sidecar, &sidecar_meta)?;
                    }
                }
            }
            walk.file(path, &meta);
        }
    }
    Ok(walk.out)
}

fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

impl Walk<'_> {
    /// Records `path` as seen; if it was seen before, the path it was seen by.
    fn first_seen(&mut self, path: &Path, meta: &fs::Metadata) -> Option<PathBuf> {
        match self.seen.entry(file_id(path, meta)) {
            std::collections::hash_map::Entry::Occupied(e) => Some(e.get().clone()),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(path.to_path_buf());
                None
            }
        }
    }

    fn folder(&mut self, dir: &Path, meta: &fs::Metadata) -> Result<(), InputError> {
        if let Some(first) = self.first_seen(dir, meta) {
            self.out.duplicates.push(Skipped {
                path: dir.display().to_string(),
                reason: format!(
                    "not walked again: it is the folder {} (a symlink loop or a second link)",
                    first.display()
                ),
            });
            return Ok(());
        }
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
            let is_input = has_extension(&path, "txt") || has_extension(&path, "jsonl");
            let meta = match fs::metadata(&path) {
                Ok(meta) => meta,
                Err(e) => {
                    // a dangling link or a file that vanished: only worth a word if it
                    // would have been read
                    if is_input {
                        self.out.skipped.push(Skipped {
                            path: path.display().to_string(),
                            reason: format!("cannot read: {e}"),
                        });
                    }
                    continue;
                }
            };
            if meta.is_dir() {
                self.folder(&path, &meta)?;
            } else if is_input {
                self.file(&path, &meta);
            } else if path.file_name().and_then(|n| n.to_str()) == Some(METADATA_FILE) {
                self.sidecar(&path, &meta)?;
            }
        }
        Ok(())
    }

    /// A text or JSONL file, named by the user or found in a folder.
    fn file(&mut self, path: &Path, meta: &fs::Metadata) {
        let skip = |reason: String| Skipped {
            path: path.display().to_string(),
            reason,
        };
        if !meta.is_file() {
            let what = not_regular(meta);
            self.out
                .skipped
                .push(skip(format!("{what}: only regular files are read")));
            return;
        }
        let jsonl = has_extension(path, "jsonl");
        // a JSONL dump may be larger than any article: its lines are capped instead
        if !jsonl && meta.len() > self.options.max_file_size {
            self.out.skipped.push(skip(format!(
                "{} is larger than --max-file-size ({})",
                megabytes(meta.len()),
                megabytes(self.options.max_file_size)
            )));
            return;
        }
        if let Some(first) = self.first_seen(path, meta) {
            self.out.duplicates.push(skip(format!(
                "the same file as {} (read once)",
                first.display()
            )));
            return;
        }
        self.out.sources.push(if jsonl {
            Source::Jsonl(path.to_path_buf())
        } else {
            Source::Text(path.to_path_buf())
        });
    }

    fn sidecar(&mut self, path: &Path, meta: &fs::Metadata) -> Result<(), InputError> {
        if !meta.is_file() {
            return Err(InputError::Unreadable {
                path: path.display().to_string(),
                message: format!("{}: only regular files are read", not_regular(meta)),
            });
        }
        if self.first_seen(path, meta).is_none() {
            self.out.metadata.add_file(path)?;
        }
        Ok(())
    }
}

/// A size as the summary line writes it (kB = 10^3, MB = 10^6 bytes).
fn megabytes(bytes: u64) -> String {
    match bytes {
        0..1_000 => format!("{bytes} bytes"),
        1_000..1_000_000 => format!("{:.1} kB", bytes as f64 / 1e3),
        _ => format!("{:.1} MB", bytes as f64 / 1e6),
    }
}

/// The SHA-256 of `bytes`, in lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Reads and decodes one text file.
pub fn read_text_file(
    path: &Path,
    options: &ReadOptions,
    metadata: &Metadata,
) -> Result<Article, Skipped> {
    let display = path.display().to_string();
    let skipped = |reason: String| Skipped {
        path: display.clone(),
        reason,
    };
    let bytes = read_capped(fs::File::open(path), options.max_file_size)
        .map_err(|e| skipped(format!("cannot read: {e}")))?
        .ok_or_else(|| {
            skipped(format!(
                "larger than --max-file-size ({})",
                megabytes(options.max_file_size)
            ))
        })?;
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("article")
        .to_string();
    let file_name = path.file_name().and_then(|s| s.to_str()).unwrap_or("");
    text_article(bytes, display, stem, file_name, options, metadata)
}

/// Standard input read as one text article named `options.stdin_name`.
pub fn read_text_stdin(bytes: Vec<u8>, options: &ReadOptions) -> Result<Article, Skipped> {
    let stem = id_slug(&options.stdin_name);
    text_article(bytes, STDIN.into(), stem, "", options, &Metadata::default())
}

/// The article of a text file's bytes, with its metadata row (by file name or stem).
fn text_article(
    bytes: Vec<u8>,
    display: String,
    stem: String,
    file_name: &str,
    options: &ReadOptions,
    metadata: &Metadata,
) -> Result<Article, Skipped> {
    let skipped = |reason: String| Skipped {
        path: display.clone(),
        reason,
    };
    let decoded = decode_vec(bytes, options.encoding).map_err(|e| skipped(e.to_string()))?;
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
        notes: decoded.notes.iter().map(ToString::to_string).collect(),
    })
}

/// The bytes of a file, or `None` if it holds more than `cap` (it may have grown since it
/// was listed): never more than `cap + 1` bytes are read.
fn read_capped(file: std::io::Result<fs::File>, cap: u64) -> std::io::Result<Option<Vec<u8>>> {
    let file = file?;
    let hint = file.metadata().map(|m| m.len()).unwrap_or(0).min(cap);
    read_capped_from(file, hint, cap)
}

/// At most `cap` bytes of `reader` (`None` if it holds more), `hint` of them expected.
pub fn read_capped_from(
    reader: impl std::io::Read,
    hint: u64,
    cap: u64,
) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let mut bytes = Vec::with_capacity(hint.min(cap) as usize + 1);
    reader.take(cap.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= cap).then_some(bytes))
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
        notes: Vec::new(),
    })
}

/// Streams the lines of a JSONL file in batches, so a large dump never sits in memory whole;
/// a line longer than `max_line` bytes is not kept but reported.
pub fn jsonl_batches(
    path: &Path,
    batch: usize,
    max_line: u64,
) -> Result<impl Iterator<Item = Vec<JsonlLine>>, InputError> {
    let file = fs::File::open(path).map_err(|e| InputError::Unreadable {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    Ok(jsonl_batches_from(BufReader::new(file), batch, max_line))
}

/// `jsonl_batches` of any reader (standard input).
pub fn jsonl_batches_from(
    mut reader: impl BufRead,
    batch: usize,
    max_line: u64,
) -> impl Iterator<Item = Vec<JsonlLine>> {
    let mut index = 0usize;
    let mut buf = Vec::new();
    let mut failed = false;
    std::iter::from_fn(move || {
        let mut out = Vec::with_capacity(batch);
        while !failed {
            let line = match read_line_capped(&mut reader, &mut buf, max_line) {
                Ok(None) => break,
                Ok(Some(true)) => Err(format!(
                    "line is larger than --max-file-size ({})",
                    megabytes(max_line)
                )),
                Ok(Some(false)) => String::from_utf8(std::mem::take(&mut buf))
                    .map(|s| {
                        s.trim_end_matches('\r')
                            .trim_start_matches('\u{feff}')
                            .to_string()
                    })
                    .map_err(|_| "line is not valid UTF-8".to_string()),
                Err(e) => {
                    // a read error ends the file: report it once, on the line it hit
                    index += 1;
                    out.push((index, Err(e.to_string())));
                    failed = true;
                    break;
                }
            };
            index += 1;
            if matches!(&line, Ok(l) if l.trim().is_empty()) {
                continue;
            }
            out.push((index, line));
            if out.len() >= batch {
                break;
            }
        }
        (!out.is_empty()).then_some(out)
    })
}

/// Reads one line into `buf` (without its `\n`), keeping at most `cap` bytes: `None` at
/// the end of the input, `Some(true)` if the line was longer (and was skipped to its end).
fn read_line_capped(
    reader: &mut impl BufRead,
    buf: &mut Vec<u8>,
    cap: u64,
) -> std::io::Result<Option<bool>> {
    buf.clear();
    let (mut any, mut overlong) = (false, false);
    loop {
        let available = reader.fill_buf()?;
        if available.is_empty() {
            return Ok(any.then_some(overlong));
        }
        any = true;
        let newline = memchr::memchr(b'\n', available);
        let chunk = &available[..newline.unwrap_or(available.len())];
        if !overlong {
            if (buf.len() + chunk.len()) as u64 > cap {
                overlong = true;
                buf.clear();
            } else {
                buf.extend_from_slice(chunk);
            }
        }
        let used = newline.map_or(available.len(), |at| at + 1);
        reader.consume(used);
        if newline.is_some() {
            return Ok(Some(overlong));
        }
    }
}

/// Whether standard input, whose first buffered bytes are `head`, holds JSONL.
pub fn stdin_is_jsonl(format: StdinFormat, head: &[u8]) -> bool {
    match format {
        StdinFormat::Jsonl => true,
        StdinFormat::Text => false,
        StdinFormat::Auto => {
            let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
            head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
        }
    }
}
