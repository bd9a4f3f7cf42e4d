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
pub struct Args {
    /// Input folders or files.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
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
    /// Fail (and write nothing) if any input is skipped.
    #[arg(long)]
    strict: bool,
    /// No summary line.
    #[arg(long, short)]
    quiet: bool,
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    model: ModelArgs,
    #[command(flatten)]
    formats: FormatArgs,
}

/// The events `--events` keeps.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum EventSelection {
    Occurred,
    All,
}

/// A progress bar on stderr for long builds, only when stderr is a terminal.
fn progress_bar(quiet: bool) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(0);
    let style = indicatif::ProgressStyle::with_template(
        "{bar:40} {bytes}/{total_bytes} {binary_bytes_per_sec} ETA {eta} {msg}",
    )
    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    bar.set_style(style);
    Some(bar)
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
    let outcome = shabaka::pipeline::build(
        &extractor,
        &args.inputs,
        forced,
        &mut |articles, bytes, total| {
            if let Some(bar) = &bar {
                bar.set_length(total);
                bar.set_position(bytes);
                bar.set_message(format!("{articles} articles"));
            }
        },
    )?;
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    for s in &outcome.skipped {
        eprintln!("skipped {}: {}", s.path, s.reason);
    }
    if args.strict && !outcome.skipped.is_empty() {
        bail!(
            "{} input(s) skipped; --strict: nothing written",
            outcome.skipped.len()
        );
    }
    if outcome.articles == 0 {
        bail!("no articles could be read from the inputs; nothing written");
    }
    let built = started.elapsed().as_secs_f64();
    let out = &args.out;
    export::write_formats(&outcome.graph, out, &formats, &dot_options)
        .with_context(|| format!("cannot write exports to {}", out.display()))?;
    if !args.quiet {
        let seconds = started.elapsed().as_secs_f64();
        eprintln!(
            "built {} articles ({} skipped, {:.1} MB at {:.1} MB/s): {} nodes, {} edges in {:.2}s (graph {built:.2}s, exports {:.2}s) → {}",
            outcome.articles,
            outcome.skipped.len(),
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
