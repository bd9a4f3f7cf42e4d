//! The `shabaka` command line: parses arguments, calls the library, prints.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};

use shabaka::export;
use shabaka::extract::{ExtractOptions, Extractor};
use shabaka::text::decode::encoding_by_name;

/// A build allocates and frees millions of small strings and vectors on two threads, and
/// glibc's allocator spent about a tenth of the analysis in its own bookkeeping. mimalloc
/// (v2, without transparent huge pages, whose 2 MB zeroing on first touch cost more than it
/// saved) made the analysis of the benchmark corpus about 8 % faster.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit status when the build finished but some inputs were skipped.
const EXIT_SKIPPED: u8 = 3;

#[derive(Parser)]
#[command(
    name = "shabaka",
    version,
    about = "Arabic news articles → knowledge graph with provenance"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
struct DataArgs {
    /// Extra gazetteer TSV file (repeatable); its entries add to or replace built-in ones.
    #[arg(long = "gazetteer", value_name = "FILE")]
    gazetteers: Vec<PathBuf>,
    /// Folder with lexicon files replacing the built-in ones of the same name.
    #[arg(long, value_name = "DIR")]
    lexicon: Option<PathBuf>,
}

#[derive(clap::Args)]
struct FormatArgs {
    /// Formats, comma-separated: all, json, graphml, gexf, dot, csv, neo4j.
    #[arg(long, default_value = "all")]
    format: String,
    /// DOT only: keep the N nodes of highest degree (0: all).
    #[arg(long, default_value_t = 0)]
    max_nodes: usize,
    /// DOT only: keep these node kinds (repeatable: Person, Organization, ...).
    #[arg(long = "kind")]
    kinds: Vec<String>,
    /// DOT only: draw articles and provenance edges too.
    #[arg(long)]
    dot_articles: bool,
}

impl FormatArgs {
    fn parse(&self) -> Result<(Vec<export::Format>, export::dot::DotOptions)> {
        let formats = export::Format::parse_list(&self.format).map_err(anyhow::Error::msg)?;
        let dot = export::dot::DotOptions {
            max_nodes: self.max_nodes,
            kinds: self.kinds.clone(),
            with_articles: self.dot_articles,
        };
        Ok((formats, dot))
    }
}

#[derive(clap::Args)]
struct QueryArgs {
    /// The built graph.
    #[arg(long, default_value = "exports/graph.json")]
    graph: PathBuf,
    /// Output as JSON.
    #[arg(long)]
    json: bool,
}

/// Resolves a name typed by the user, or explains why not.
fn resolve(
    names: &shabaka::query::NameIndex,
    graph: &shabaka::graph::KnowledgeGraph,
    name: &str,
) -> Result<String> {
    use shabaka::query::{NodeRef, Resolution};
    match names.resolve(name) {
        Resolution::Found(id) => Ok(id),
        Resolution::Ambiguous(ids) => {
            let list: Vec<String> = ids
                .iter()
                .map(|i| format!("  {} — {}", NodeRef::new(graph, i).display(), i))
                .collect();
            bail!(
                "{name:?} is ambiguous; did you mean one of:\n{}",
                list.join("\n")
            )
        }
        Resolution::Unknown(suggestions) if suggestions.is_empty() => {
            bail!("no entity named {name:?}")
        }
        Resolution::Unknown(suggestions) => {
            let list: Vec<String> = suggestions
                .iter()
                .map(|(_, i)| format!("  {} — {}", NodeRef::new(graph, i).display(), i))
                .collect();
            bail!(
                "no entity named {name:?}; did you mean:\n{}",
                list.join("\n")
            )
        }
    }
}

fn print_answer<T: serde::Serialize>(
    json: bool,
    value: &T,
    text: impl FnOnce(bool) -> String,
) -> Result<()> {
    use std::io::IsTerminal;
    if json {
        println!("{}", serde_json::to_string_pretty(value)?);
    } else {
        print!("{}", text(std::io::stdout().is_terminal()));
    }
    Ok(())
}

#[derive(Subcommand)]
enum Command {
    /// Build the graph from articles (folders of *.txt / *.jsonl, files) and export it.
    Build {
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
        /// Fail (and write nothing) if any input is skipped.
        #[arg(long)]
        strict: bool,
        /// No summary line.
        #[arg(long, short)]
        quiet: bool,
        #[command(flatten)]
        data: DataArgs,
        #[command(flatten)]
        formats: FormatArgs,
    },
    /// Write export formats from a built graph.json, without re-extracting.
    Export {
        /// The built graph.
        #[arg(long, default_value = "exports/graph.json")]
        graph: PathBuf,
        /// Output folder.
        #[arg(long, default_value = "exports")]
        out: PathBuf,
        #[command(flatten)]
        formats: FormatArgs,
    },
    /// Tag a CoNLL file (`token [TAG]` per line) with PERS/LOC/ORG BIO tags, to stdout.
    Tag {
        /// The CoNLL file.
        #[arg(long)]
        conll: PathBuf,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Shortest path(s) between two entities, with the evidence for every hop.
    Path {
        a: String,
        b: String,
        /// All shortest paths, not just one.
        #[arg(long)]
        all: bool,
        /// Longest path to look for (0: no limit).
        #[arg(long, default_value_t = 0)]
        max_hops: usize,
        /// Allow paths through articles (co-mention), not only through facts.
        #[arg(long)]
        via_articles: bool,
        /// Only these kinds of node in between (repeatable).
        #[arg(long = "kind")]
        kinds: Vec<String>,
        #[command(flatten)]
        q: QueryArgs,
    },
    /// The ego network of an entity.
    Neighbors {
        a: String,
        #[arg(long, default_value_t = 1)]
        depth: usize,
        /// Only list these kinds (repeatable).
        #[arg(long = "kind")]
        kinds: Vec<String>,
        /// Go through articles too.
        #[arg(long)]
        via_articles: bool,
        #[command(flatten)]
        q: QueryArgs,
    },
    /// An entity: aliases, roles with dates, events, articles.
    Show {
        a: String,
        #[command(flatten)]
        q: QueryArgs,
    },
    /// Counts of nodes and edges by kind.
    Stats {
        #[command(flatten)]
        q: QueryArgs,
    },
    /// The most central entities.
    Top {
        #[arg(long, value_enum, default_value = "degree")]
        by: shabaka::query::Measure,
        #[arg(long = "kind")]
        kinds: Vec<String>,
        #[arg(short = 'n', long, default_value_t = 10)]
        limit: usize,
        #[command(flatten)]
        q: QueryArgs,
    },
    /// Events as a timeline.
    Events {
        /// Only events with this participant (repeatable: all must take part).
        #[arg(long)]
        with: Vec<String>,
        /// Only events between these two.
        #[arg(long, num_args = 2, value_names = ["A", "B"])]
        between: Vec<String>,
        /// From this date (ISO, any precision).
        #[arg(long)]
        from: Option<String>,
        /// Up to this date.
        #[arg(long)]
        to: Option<String>,
        #[command(flatten)]
        q: QueryArgs,
    },
    /// List discovered entities (not in the gazetteer) by number of mentions.
    Unknown {
        /// The built graph.
        #[arg(long, default_value = "exports/graph.json")]
        graph: PathBuf,
        /// How many to list.
        #[arg(short = 'n', long, default_value_t = 50)]
        limit: usize,
        /// Output as JSON.
        #[arg(long)]
        json: bool,
    },
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

fn load_extractor(data: &DataArgs, keep_boilerplate: bool) -> Result<Extractor> {
    Extractor::load(
        &data.gazetteers,
        data.lexicon.as_deref(),
        ExtractOptions { keep_boilerplate },
    )
    .context("cannot load gazetteer or lexicon")
}

fn read_graph(path: &Path) -> Result<shabaka::graph::KnowledgeGraph> {
    let text = std::fs::read_to_string(path).with_context(|| {
        format!(
            "cannot read {} (run `shabaka build` first?)",
            path.display()
        )
    })?;
    export::json::from_json(&text)
        .with_context(|| format!("{} is not a shabaka graph", path.display()))
}

/// Exit status when a query found nothing (no path).
const EXIT_NOT_FOUND: u8 = 4;

fn name_index(graph: &shabaka::graph::KnowledgeGraph) -> Result<shabaka::query::NameIndex> {
    let lexicon =
        shabaka::extract::lexicon::Lexicon::builtin().context("cannot load the lexicon")?;
    Ok(shabaka::query::NameIndex::new(graph, lexicon.variants))
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Build {
            inputs,
            out,
            encoding,
            keep_boilerplate,
            strict,
            quiet,
            data,
            formats,
        } => {
            let (formats, dot_options) = formats.parse()?;
            let forced = encoding.as_deref().map(encoding_by_name).transpose()?;
            let extractor = load_extractor(&data, keep_boilerplate)?;
            let started = std::time::Instant::now();
            let bar = progress_bar(quiet);
            let outcome = shabaka::pipeline::build(
                &extractor,
                &inputs,
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
            if strict && !outcome.skipped.is_empty() {
                bail!(
                    "{} input(s) skipped; --strict: nothing written",
                    outcome.skipped.len()
                );
            }
            if outcome.articles == 0 {
                bail!("no articles could be read from the inputs; nothing written");
            }
            let built = started.elapsed().as_secs_f64();
            export::write_formats(&outcome.graph, &out, &formats, &dot_options)
                .with_context(|| format!("cannot write exports to {}", out.display()))?;
            if !quiet {
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
            let code = if outcome.skipped.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(EXIT_SKIPPED)
            };
            // the process ends here: freeing a million edges one by one only costs time
            std::mem::forget(outcome);
            Ok(code)
        }
        Command::Export {
            graph,
            out,
            formats,
        } => {
            let (formats, dot_options) = formats.parse()?;
            let graph = read_graph(&graph)?;
            let written = export::write_formats(&graph, &out, &formats, &dot_options)
                .with_context(|| format!("cannot write exports to {}", out.display()))?;
            for path in written {
                println!("{}", path.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Tag { conll, data } => {
            let extractor = load_extractor(&data, true)?;
            let content = std::fs::read_to_string(&conll)
                .with_context(|| format!("cannot read {}", conll.display()))?;
            let lines = shabaka::conll::parse(&content);
            print!("{}", shabaka::conll::tag(&extractor, &lines));
            Ok(ExitCode::SUCCESS)
        }
        Command::Path {
            a,
            b,
            all,
            max_hops,
            via_articles,
            kinds,
            q,
        } => {
            let graph = read_graph(&q.graph)?;
            let names = name_index(&graph)?;
            let (a, b) = (resolve(&names, &graph, &a)?, resolve(&names, &graph, &b)?);
            let queries = shabaka::query::Queries::new(&graph);
            let options = shabaka::query::PathOptions {
                all,
                max_hops,
                via_articles,
                kinds,
            };
            let answer = queries.path(&a, &b, &options);
            print_answer(q.json, &answer, |c| {
                shabaka::query::render::path(&answer, c)
            })?;
            Ok(if answer.paths.is_empty() {
                ExitCode::from(EXIT_NOT_FOUND)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Neighbors {
            a,
            depth,
            kinds,
            via_articles,
            q,
        } => {
            let graph = read_graph(&q.graph)?;
            let a = resolve(&name_index(&graph)?, &graph, &a)?;
            let list =
                shabaka::query::Queries::new(&graph).neighbors(&a, depth, &kinds, via_articles);
            print_answer(q.json, &list, |c| {
                shabaka::query::render::neighbors(&list, c)
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Show { a, q } => {
            let graph = read_graph(&q.graph)?;
            let a = resolve(&name_index(&graph)?, &graph, &a)?;
            let card = shabaka::query::Queries::new(&graph).show(&a);
            print_answer(q.json, &card, |c| shabaka::query::render::card(&card, c))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Stats { q } => {
            let graph = read_graph(&q.graph)?;
            let stats = shabaka::query::Queries::new(&graph).stats();
            print_answer(q.json, &stats, |c| shabaka::query::render::stats(&stats, c))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Top {
            by,
            kinds,
            limit,
            q,
        } => {
            let graph = read_graph(&q.graph)?;
            let list = shabaka::query::Queries::new(&graph).top(by, &kinds, limit);
            print_answer(q.json, &list, |c| shabaka::query::render::ranked(&list, c))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Events {
            with,
            between,
            from,
            to,
            q,
        } => {
            let graph = read_graph(&q.graph)?;
            let names = name_index(&graph)?;
            let ids = with
                .iter()
                .chain(between.iter())
                .map(|n| resolve(&names, &graph, n))
                .collect::<Result<Vec<_>>>()?;
            let list =
                shabaka::query::Queries::new(&graph).events(&ids, from.as_deref(), to.as_deref());
            print_answer(q.json, &list, |c| shabaka::query::render::events(&list, c))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Unknown { graph, limit, json } => {
            let graph = read_graph(&graph)?;
            let rows = shabaka::graph::unknown(&graph);
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&rows.iter().take(limit).collect::<Vec<_>>())?
                );
            } else {
                println!("{:>8}  {:<13} {:<30} rule", "mentions", "kind", "name");
                for r in rows.iter().take(limit) {
                    println!(
                        "{:>8}  {:<13} {:<30} {}",
                        r.mentions, r.kind, r.label, r.rule
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Exit status after an interrupt (128 + SIGINT, as shells report it).
const EXIT_INTERRUPTED: i32 = 130;

fn main() -> ExitCode {
    // Ctrl-C: the exports already in place stay as they were; the half-written temporaries
    // beside them go too
    let _ = ctrlc::set_handler(|| export::abandon_exports_and_exit(EXIT_INTERRUPTED));
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("shabaka: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
