//! `shabaka build`: articles in, the graph and its exports out.

use std::path::PathBuf;

use anyhow::{bail, Context, Result};

use super::common::{DataArgs, FormatArgs, ModelArgs};
use super::exit::Exit;
use shabaka::export;
use shabaka::extract::ExtractOptions;
use shabaka::text::decode::encoding_by_name;

/// Build the graph from articles (folders of *.txt / *.jsonl, files) and export it.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  shabaka build data/articles --out exports\n  shabaka build dump.jsonl --format json,graphml --out /tmp/out\n  shabaka build in/ --strict --max-file-size 50M\n\nExit status: 0 built; 3 built, but some inputs were skipped (listed on stderr); 1 error, nothing written (also --strict with a skip or warning); 2 a bad option value; 130/143/129 interrupted by SIGINT/SIGTERM/SIGHUP (the previous exports stay)"
)]
pub struct Args {
    /// Input folders or files; `-` reads standard input (text or JSONL).
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// What `-` holds: auto (JSONL if it starts with `{`), text or jsonl.
    #[arg(long, value_enum, default_value_t = StdinFormat::Auto)]
    stdin_format: StdinFormat,
    /// The name of the article read from `-` as text (its id: `article:NAME`).
    #[arg(long, value_name = "NAME", default_value = "stdin")]
    stdin_name: String,
    /// Output folder.
    #[arg(long, default_value = "exports")]
    out: PathBuf,
    /// Force an input encoding (utf-8, utf-16le, utf-16be, windows-1256).
    #[arg(long)]
    encoding: Option<String>,
    /// Extract from boilerplate too (read-also links, related news, footers).
    #[arg(long)]
    keep_boilerplate: bool,
    /// Which events become nodes: those that occurred, or all (planned and denied ones
    /// too, marked by their `status`).
    #[arg(long, value_enum, default_value_t = EventSelection::Occurred)]
    events: EventSelection,
    /// Fail (and write nothing) if any input is skipped or was read with a warning (bytes
    /// replaced in decoding, a publication date that does not parse, all text taken for
    /// boilerplate). Duplicates are not failures: they are counted once.
    #[arg(long)]
    strict: bool,
    /// Skip text files (and JSONL lines) larger than this: bytes, or with a unit
    /// (k, M, G: powers of 1000; KiB, MiB, GiB: of 1024).
    #[arg(long, value_name = "SIZE", default_value = "256M", value_parser = parse_size)]
    max_file_size: u64,
    /// No summary line.
    #[arg(long, short)]
    quiet: bool,
    /// The summary as JSON on stdout (articles, skipped, duplicates, warnings, nodes and
    /// edges by kind, timings, files written); errors as JSON on stderr.
    #[arg(long)]
    pub(super) json: bool,
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    model: ModelArgs,
    #[command(flatten)]
    formats: FormatArgs,
}

/// What standard input holds.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum StdinFormat {
    Auto,
    Text,
    Jsonl,
}

impl From<StdinFormat> for shabaka::input::StdinFormat {
    fn from(format: StdinFormat) -> Self {
        match format {
            StdinFormat::Auto => Self::Auto,
            StdinFormat::Text => Self::Text,
            StdinFormat::Jsonl => Self::Jsonl,
        }
    }
}

/// The events `--events` keeps.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum EventSelection {
    Occurred,
    All,
}

/// A size given on the command line: `1000`, `256M`, `64k`, `2GiB`.
fn parse_size(text: &str) -> std::result::Result<u64, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    if number.is_empty() {
        return Err(format!("{text:?} is not a size (e.g. 256M, 1G, 500000)"));
    }
    let factor: f64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" => 1e3,
        "m" | "mb" => 1e6,
        "g" | "gb" => 1e9,
        "kib" => 1024.0,
        "mib" => 1024.0 * 1024.0,
        "gib" => 1024.0 * 1024.0 * 1024.0,
        other => {
            return Err(format!(
                "unknown unit {other:?} (valid: bytes, k, M, G, KiB, MiB, GiB)"
            ))
        }
    };
    let value: f64 = number
        .parse()
        .map_err(|_| format!("{text:?} is not a size (e.g. 256M, 1G, 500000)"))?;
    let bytes = value * factor;
    if !(1.0..=u64::MAX as f64).contains(&bytes) {
        return Err(format!("{text:?} is not a size above zero"));
    }
    Ok(bytes as u64)
}

/// A progress bar on stderr for long builds, only when stderr is a terminal.
fn progress_bar(quiet: bool) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(0);
    let style = indicatif::ProgressStyle::with_template(
        // MB = 10^6 bytes, as in the summary line
        "{bar:40} {decimal_bytes}/{decimal_total_bytes} {decimal_bytes_per_sec} ETA {eta} {msg}",
    )
    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    bar.set_style(style);
    Some(bar)
}

/// The build's `--json` summary.
fn summary(
    outcome: &shabaka::pipeline::BuildOutcome,
    written: &[PathBuf],
    graph_seconds: f64,
    seconds: f64,
) -> serde_json::Value {
    use std::collections::BTreeMap;
    let mut nodes: BTreeMap<&str, usize> = BTreeMap::new();
    for n in outcome.graph.nodes.values() {
        *nodes.entry(n.kind.as_str()).or_default() += 1;
    }
    let mut edges: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &outcome.graph.edges {
        *edges.entry(e.kind.as_str()).or_default() += 1;
    }
    let unused = |list: &[shabaka::input::Skipped]| -> Vec<serde_json::Value> {
        list.iter()
            .map(|s| serde_json::json!({"path": s.path, "reason": s.reason}))
            .collect()
    };
    serde_json::json!({
        "articles": outcome.articles,
        "bytes": outcome.bytes,
        "skipped": unused(&outcome.skipped),
        "duplicates": unused(&outcome.duplicates),
        "warnings": outcome.warnings.iter()
            .map(|w| serde_json::json!({"path": w.path, "message": w.message}))
            .collect::<Vec<_>>(),
        "nodes": {"total": outcome.graph.nodes.len(), "by_kind": nodes},
        "edges": {"total": outcome.graph.edges.len(), "by_kind": edges},
        "seconds": {
            "graph": graph_seconds,
            "exports": seconds - graph_seconds,
            "total": seconds,
        },
        "files": written.iter().map(|p| p.display().to_string()).collect::<Vec<_>>(),
    })
}

/// `1 article`, `2 articles`.
fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The progress of the export phase: formats written of all, a spinner meanwhile.
fn exports_bar(formats: usize) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(formats as u64);
    let style =
        indicatif::ProgressStyle::with_template("{spinner} writing exports {pos}/{len} {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner());
    bar.set_style(style);
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar.tick();
    bar
}

pub fn run(args: Args) -> Result<Exit> {
    let (formats, dot_options) = args.formats.parse()?;
    let forced = args.encoding.as_deref().map(encoding_by_name).transpose()?;
    let extractor = args.model.attach(args.data.extractor(ExtractOptions {
        keep_boilerplate: args.keep_boilerplate,
        all_events: args.events == EventSelection::All,
    })?)?;
    let started = std::time::Instant::now();
    let bar = progress_bar(args.quiet);
    let read = shabaka::input::ReadOptions {
        encoding: forced,
        max_file_size: args.max_file_size,
        stdin_format: args.stdin_format.into(),
        stdin_name: args.stdin_name.clone(),
    };
    let outcome = shabaka::pipeline::build(
        &extractor,
        &args.inputs,
        &read,
        &mut |articles, bytes, total| {
            if let Some(bar) = &bar {
                bar.set_length(total);
                bar.set_position(bytes);
                bar.set_message(plural(articles, "article"));
            }
        },
    )?;
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let bar = bar.map(|_| exports_bar(formats.len()));
    let safe = super::terminal::safe;
    for s in &outcome.skipped {
        eprintln!("skipped {}: {}", safe(&s.path), safe(&s.reason));
    }
    for d in &outcome.duplicates {
        eprintln!("duplicate {}: {}", safe(&d.path), safe(&d.reason));
    }
    for w in &outcome.warnings {
        eprintln!("warning {}: {}", safe(&w.path), safe(&w.message));
    }
    if args.strict && !(outcome.skipped.is_empty() && outcome.warnings.is_empty()) {
        let mut problems = Vec::new();
        if !outcome.skipped.is_empty() {
            problems.push(format!(
                "{} skipped",
                plural(outcome.skipped.len(), "input")
            ));
        }
        if !outcome.warnings.is_empty() {
            problems.push(plural(outcome.warnings.len(), "warning"));
        }
        bail!("{}; --strict: nothing written", problems.join(", "));
    }
    if outcome.articles == 0 {
        bail!("no articles could be read from the inputs; nothing written");
    }
    let built = started.elapsed().as_secs_f64();
    let out = &args.out;
    let written =
        export::write_formats_reporting(&outcome.graph, out, &formats, &dot_options, &|format| {
            if let Some(bar) = &bar {
                bar.inc(1);
                bar.set_message(format!("{} written", format.name()));
            }
        })
        .with_context(|| format!("cannot write exports to {}", out.display()))?;
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    if args.json {
        let seconds = started.elapsed().as_secs_f64();
        println!(
            "{}",
            serde_json::to_string_pretty(&summary(&outcome, &written, built, seconds))?
        );
    } else if !args.quiet {
        let seconds = started.elapsed().as_secs_f64();
        eprintln!(
            "built {} ({} skipped{}{}, {:.1} MB at {:.1} MB/s): {} nodes, {} edges in {:.2}s (graph {built:.2}s, exports {:.2}s) → {}",
            plural(outcome.articles, "article"),
            outcome.skipped.len(),
            match outcome.duplicates.len() {
                0 => String::new(),
                n => format!(", {} counted once", plural(n, "duplicate")),
            },
            match outcome.warnings.len() {
                0 => String::new(),
                n => format!(", {}", plural(n, "warning")),
            },
            outcome.bytes as f64 / 1e6,
            outcome.bytes as f64 / 1e6 / seconds.max(1e-9),
            outcome.graph.nodes.len(),
            outcome.graph.edges.len(),
            seconds,
            seconds - built,
            out.display()
        );
    }
    let exit = if outcome.skipped.is_empty() {
        Exit::Ok
    } else {
        Exit::Skipped
    };
    // the process ends here: freeing a million edges one by one only costs time
    std::mem::forget(outcome);
    Ok(exit)
}
