//! The `shabaka` command line: parses arguments, calls the library, prints.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};

use shabaka::export;
use shabaka::extract::{ExtractOptions, Extractor};
use shabaka::text::decode::encoding_by_name;

/// Exit status when the build finished but some inputs were skipped.
const EXIT_SKIPPED: u8 = 3;

#[derive(Parser)]
#[command(name = "shabaka", version, about = "Arabic news articles → knowledge graph with provenance")]
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

fn load_extractor(data: &DataArgs, keep_boilerplate: bool) -> Result<Extractor> {
    Extractor::load(&data.gazetteers, data.lexicon.as_deref(), ExtractOptions { keep_boilerplate })
        .context("cannot load gazetteer or lexicon")
}

fn read_graph(path: &Path) -> Result<shabaka::graph::KnowledgeGraph> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read {} (run `shabaka build` first?)", path.display()))?;
    export::json::from_json(&text).with_context(|| format!("{} is not a shabaka graph", path.display()))
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
            let outcome = shabaka::pipeline::build(&extractor, &inputs, forced, &mut |_, _| {})?;
            for s in &outcome.skipped {
                eprintln!("skipped {}: {}", s.path, s.reason);
            }
            if strict && !outcome.skipped.is_empty() {
                bail!("{} input(s) skipped; --strict: nothing written", outcome.skipped.len());
            }
            if outcome.articles == 0 {
                bail!("no articles could be read from the inputs; nothing written");
            }
            export::write_formats(&outcome.graph, &out, &formats, &dot_options)
                .with_context(|| format!("cannot write exports to {}", out.display()))?;
            if !quiet {
                eprintln!(
                    "built {} articles ({} skipped): {} nodes, {} edges in {:.2}s → {}",
                    outcome.articles,
                    outcome.skipped.len(),
                    outcome.graph.nodes.len(),
                    outcome.graph.edges.len(),
                    started.elapsed().as_secs_f64(),
                    out.display()
                );
            }
            Ok(if outcome.skipped.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(EXIT_SKIPPED)
            })
        }
        Command::Export { graph, out, formats } => {
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
        Command::Unknown { graph, limit, json } => {
            let graph = read_graph(&graph)?;
            let rows = shabaka::graph::unknown(&graph);
            if json {
                println!("{}", serde_json::to_string_pretty(&rows.iter().take(limit).collect::<Vec<_>>())?);
            } else {
                println!("{:>8}  {:<13} {:<30} rule", "mentions", "kind", "name");
                for r in rows.iter().take(limit) {
                    println!("{:>8}  {:<13} {:<30} {}", r.mentions, r.kind, r.label, r.rule);
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("shabaka: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
