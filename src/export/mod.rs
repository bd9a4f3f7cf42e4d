//! Exporters: each reads the graph and nothing else, and writes atomically.

pub mod attrs;
pub mod csv;
pub mod dot;
pub mod gexf;
pub mod graphml;
pub mod json;
pub mod neo4j;
pub mod scan;
pub mod sink;
pub mod xml;

use std::io::Write;
use std::path::Path;

use crate::graph::KnowledgeGraph;

/// Hands a rendering buffer to the writer once it is large, so streamed exports use
/// little memory however big the graph.
pub(crate) fn flush(buffer: &mut impl Buffer, w: &mut dyn Write) -> std::io::Result<()> {
    if buffer.bytes().len() >= 1 << 16 {
        w.write_all(buffer.bytes())?;
        buffer.clear();
    }
    Ok(())
}

/// A rendering buffer: text for the XML and DOT writers, bytes for JSON and CSV.
pub(crate) trait Buffer: Default + Send {
    fn bytes(&self) -> &[u8];
    fn clear(&mut self);
}

impl Buffer for String {
    fn bytes(&self) -> &[u8] {
        self.as_bytes()
    }
    fn clear(&mut self) {
        String::clear(self);
    }
}

impl Buffer for Vec<u8> {
    fn bytes(&self) -> &[u8] {
        self
    }
    fn clear(&mut self) {
        Vec::clear(self);
    }
}

/// Items (edges) rendered by one core at a time.
const ITEMS_PER_BLOCK: usize = 2048;

/// Blocks rendered before they are written: enough for both cores, few enough that memory
/// stays small (a few megabytes per format).
const BLOCKS_PER_ROUND: usize = 8;

/// Renders `items` block by block on every core and writes the blocks in order, so the
/// output is the same as from one loop. `render` is given a cleared buffer, the index of
/// the block's first item, and the block. A corpus graph has over a million edges, and a
/// format written by one core left the other idle at the end of every build. Each round
/// of blocks is written while the next one is rendered.
pub(crate) fn write_blocks<T: Sync, B: Buffer>(
    items: &[T],
    w: &mut dyn Write,
    render: impl Fn(&mut B, usize, &[T]) -> std::io::Result<()> + Sync,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    let new_round = || -> Vec<B> { (0..BLOCKS_PER_ROUND).map(|_| B::default()).collect() };
    let (mut rendering, mut writing) = (new_round(), new_round());
    let mut pending = 0; // blocks in `writing` still to be written
    let round = ITEMS_PER_BLOCK * BLOCKS_PER_ROUND;
    let write_round = |w: &mut dyn Write, buffers: &[B]| -> std::io::Result<()> {
        buffers.iter().try_for_each(|b| w.write_all(b.bytes()))
    };
    for (r, items) in items.chunks(round).enumerate() {
        let blocks: Vec<&[T]> = items.chunks(ITEMS_PER_BLOCK).collect();
        let mut rendered = Ok(());
        // the spawned rendering needs both cores' help; this thread writes meanwhile
        let written = rayon::in_place_scope(|scope| {
            scope.spawn(|_| {
                rendered = rendering
                    .par_iter_mut()
                    .zip(blocks.par_iter())
                    .enumerate()
                    .try_for_each(|(b, (buffer, block))| {
                        buffer.clear();
                        render(buffer, r * round + b * ITEMS_PER_BLOCK, block)
                    });
            });
            write_round(&mut *w, &writing[..pending])
        });
        rendered?;
        written?;
        std::mem::swap(&mut rendering, &mut writing);
        pending = blocks.len();
    }
    write_round(w, &writing[..pending])
}

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
    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Graphml => "graphml",
            Format::Gexf => "gexf",
            Format::Dot => "dot",
            Format::Csv => "csv",
            Format::Neo4j => "neo4j",
        }
    }

    pub const ALL: [Format; 6] = [
        Format::Json,
        Format::Graphml,
        Format::Gexf,
        Format::Dot,
        Format::Csv,
        Format::Neo4j,
    ];

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
                other => {
                    return Err(format!(
                        "unknown format {other:?} (all, json, graphml, gexf, dot, csv, neo4j)"
                    ))
                }
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

/// Writes the content `write` streams to `path` atomically: a temporary file in the same
/// folder, synced, then renamed over the target, so a crash or Ctrl-C never leaves a
/// half-written export.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    write_pending(path, write)?.put_in_place()
}

/// An export written in full to a temporary file beside its target, not yet in place.
/// Dropped without `put_in_place`, the temporary file is removed.
pub struct PendingFile {
    tmp: tempfile::NamedTempFile,
    path: std::path::PathBuf,
    _live: LiveTemporary,
}

impl PendingFile {
    /// Renames the file over its target.
    pub fn put_in_place(self) -> std::io::Result<()> {
        self.tmp.persist(&self.path).map_err(|e| e.error)?;
        Ok(())
    }

    /// Where the file goes.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Writes the content `write` streams into a synced temporary file beside `path`.
fn write_pending(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<PendingFile> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let (tmp, live) = LiveTemporary::create_in(dir)?;
    let mut sink = sink::DirectSink::new(tmp.as_file().try_clone()?);
    write(&mut sink)?;
    drop(sink.finish()?);
    // temporary files are private (0600); an export is for other tools and users to read
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    tmp.as_file().sync_all()?;
    Ok(PendingFile {
        tmp,
        path: path.to_path_buf(),
        _live: live,
    })
}

/// Temporary export files being written now, so an interrupt can remove them.
static LIVE_TEMPORARIES: std::sync::Mutex<Vec<std::path::PathBuf>> =
    std::sync::Mutex::new(Vec::new());

/// A temporary file's entry in `LIVE_TEMPORARIES`, removed when the file is renamed into
/// place or dropped.
struct LiveTemporary(std::path::PathBuf);

impl LiveTemporary {
    /// Creates a temporary file in `dir` and registers it, under the registry's lock: an
    /// interrupt never finds a file created but not yet registered.
    fn create_in(dir: &Path) -> std::io::Result<(tempfile::NamedTempFile, LiveTemporary)> {
        let mut live = LIVE_TEMPORARIES
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let tmp = tempfile::Builder::new()
            .prefix(".shabaka-")
            .suffix(".tmp")
            .tempfile_in(dir)?;
        live.push(tmp.path().to_path_buf());
        let entry = LiveTemporary(tmp.path().to_path_buf());
        Ok((tmp, entry))
    }
}

impl Drop for LiveTemporary {
    fn drop(&mut self) {
        let mut live = LIVE_TEMPORARIES
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(at) = live.iter().position(|p| *p == self.0) {
            live.swap_remove(at);
        }
    }
}

/// For an interrupt: removes the temporary files of the exports being written and ends
/// the process with `code`, holding the registry's lock to the end so that no thread
/// creates another one meanwhile. The exports already in place stay as they were.
pub fn abandon_exports_and_exit(code: i32) -> ! {
    let live = LIVE_TEMPORARIES
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    for path in live.iter() {
        let _ = std::fs::remove_file(path);
    }
    std::process::exit(code)
}

/// How long a temporary export file must have gone unwritten before it counts as left by
/// a build that was killed outright (`kill -9`, power loss; an interrupt removes its own).
/// A build writes its temporaries continuously, so one untouched this long belongs to no
/// running build.
const ABANDONED_AFTER: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// Removes the `.shabaka-*.tmp` files in `dir` that a killed build left behind. Best
/// effort: what cannot be read or removed is left as it is.
fn remove_abandoned_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(".shabaka-") && name.ends_with(".tmp")) {
            continue;
        }
        let idle = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|modified| modified.elapsed().ok());
        if idle.is_some_and(|idle| idle >= ABANDONED_AFTER) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Writes every requested format, each file to a temporary file first; once all are
/// complete, they are renamed into place. Returns the paths written.
pub fn write_formats(
    graph: &KnowledgeGraph,
    out: &Path,
    formats: &[Format],
    dot_options: &dot::DotOptions,
) -> std::io::Result<Vec<std::path::PathBuf>> {
    write_formats_reporting(graph, out, formats, dot_options, &|_| {})
}

/// `write_formats`, calling `done` as each format's files are complete (for progress).
pub fn write_formats_reporting(
    graph: &KnowledgeGraph,
    out: &Path,
    formats: &[Format],
    dot_options: &dot::DotOptions,
    done: &(dyn Fn(Format) + Sync),
) -> std::io::Result<Vec<std::path::PathBuf>> {
    use rayon::prelude::*;
    remove_abandoned_temporaries(out);
    remove_abandoned_temporaries(&out.join("neo4j"));
    type Pending = std::io::Result<Vec<PendingFile>>;
    fn streamed(
        path: std::path::PathBuf,
        write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> Pending {
        Ok(vec![write_pending(&path, write)?])
    }
    // three formats need the attribute schemas: whichever asks first computes them
    let shared_schemas = std::sync::OnceLock::new();
    let schemas = || shared_schemas.get_or_init(|| attrs::schemas(graph));
    let write_one = |format: Format| -> Pending {
        match format {
            Format::Json => streamed(out.join("graph.json"), |w| json::write_json(graph, w)),
            Format::Graphml => streamed(out.join("graph.graphml"), |w| {
                graphml::write_graphml_with(graph, schemas(), w)
            }),
            Format::Gexf => streamed(out.join("graph.gexf"), |w| {
                gexf::write_gexf_with(graph, schemas(), w)
            }),
            Format::Dot => streamed(out.join("graph.dot"), |w| {
                w.write_all(dot::to_dot(graph, dot_options).as_bytes())
            }),
            Format::Csv => {
                let mut paths = streamed(out.join("nodes.csv"), |w| {
                    csv::write_nodes_with(graph, schemas(), w)
                })?;
                paths.extend(streamed(out.join("edges.csv"), |w| {
                    csv::write_edges_with(graph, schemas(), w)
                })?);
                Ok(paths)
            }
            Format::Neo4j => {
                let dir = out.join("neo4j");
                let export = neo4j::Neo4jExport::plan(graph);
                let names: Vec<&str> = export.names().collect();
                let paths: std::io::Result<Vec<Vec<PendingFile>>> = names
                    .par_iter()
                    .enumerate()
                    .map(|(i, name)| streamed(dir.join(name), |w| export.write(i, w)))
                    .collect();
                Ok(paths?.into_iter().flatten().collect())
            }
        }
    };
    // formats are independent: both cores write one each
    let per_format: Vec<Pending> = formats
        .par_iter()
        .map(|&format| {
            let files = write_one(format);
            done(format);
            files
        })
        .collect();
    // every file is complete before any is put in place: a failure or an interrupt while
    // writing leaves the previous set of exports whole, never half old and half new
    let mut pending: Vec<PendingFile> = Vec::new();
    for files in per_format {
        pending.extend(files?);
    }
    let written: Vec<std::path::PathBuf> = pending.iter().map(|f| f.path().to_path_buf()).collect();
    for file in pending {
        file.put_in_place()?;
    }
    // files of a previous Neo4j export that this graph no longer has would be imported too
    if formats.contains(&Format::Neo4j) {
        let dir = out.join("neo4j");
        for entry in std::fs::read_dir(&dir)?.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().to_string();
            let ours =
                (name.starts_with("nodes_") || name.starts_with("rels_")) && name.ends_with(".csv");
            if ours && !written.contains(&path) {
                std::fs::remove_file(&path)?;
            }
        }
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporaries_of_killed_builds_are_removed_and_live_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join(".shabaka-abc123.tmp");
        let live = dir.path().join(".shabaka-def456.tmp");
        let other = dir.path().join("notes.tmp");
        for path in [&old, &live, &other] {
            std::fs::write(path, "partial export").unwrap();
        }
        let long_ago = std::time::SystemTime::now() - ABANDONED_AFTER * 2;
        for path in [&old, &other] {
            let file = std::fs::File::options().write(true).open(path).unwrap();
            file.set_modified(long_ago).unwrap();
        }
        remove_abandoned_temporaries(dir.path());
        assert!(
            !old.exists(),
            "a temporary untouched for long is a killed build's"
        );
        assert!(
            live.exists(),
            "a temporary being written belongs to a running build"
        );
        assert!(other.exists(), "files that are not ours are left alone");
    }

    #[test]
    fn blocks_come_out_in_order_however_many_rounds() {
        for count in [
            0,
            1,
            ITEMS_PER_BLOCK + 1,
            3 * ITEMS_PER_BLOCK * BLOCKS_PER_ROUND + 7,
        ] {
            let items: Vec<usize> = (0..count).collect();
            let mut out: Vec<u8> = Vec::new();
            write_blocks(&items, &mut out, |buffer: &mut String, first, block| {
                for (j, item) in block.iter().enumerate() {
                    assert_eq!(first + j, *item, "the index given is the item's");
                    buffer.push_str(&format!("{item}\n"));
                }
                Ok(())
            })
            .unwrap();
            let expected: String = items.iter().map(|i| format!("{i}\n")).collect();
            assert_eq!(String::from_utf8(out).unwrap(), expected, "{count} items");
        }
    }

    #[test]
    fn a_failing_block_fails_the_export() {
        let items: Vec<usize> = (0..3 * ITEMS_PER_BLOCK).collect();
        let result = write_blocks(&items, &mut Vec::new(), |_: &mut String, first, _| {
            if first == ITEMS_PER_BLOCK {
                Err(std::io::Error::other("disk full"))
            } else {
                Ok(())
            }
        });
        assert!(result.is_err());
    }
}
