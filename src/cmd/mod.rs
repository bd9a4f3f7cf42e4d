//! The subcommands, one file each: a file owns its arguments (`Args`, with the help text
//! clap prints) and its `run`, which returns how the run ended.
//!
//! To add a command: write `src/cmd/<name>.rs` with `Args` and `run`, add `mod <name>;`
//! and a variant to `Command` here, and one arm to `Command::run`.

mod build;
mod common;
mod completions;
mod events;
pub mod exit;
mod export;
mod man;
mod neighbors;
mod path;
mod report;
mod show;
mod stats;
mod tag;
pub mod terminal;
mod top;
mod train_ner;
mod unknown;
mod version;

use anyhow::Result;
use clap::{Parser, Subcommand};

pub use exit::Exit;

/// The whole command line: global options, then one subcommand.
#[derive(Parser)]
#[command(
    name = "shabaka",
    about = "Arabic news articles → knowledge graph with provenance",
    version,
    disable_version_flag = true,
    arg_required_else_help = true
)]
pub struct Cli {
    /// Print the version, with the built-in gazetteer, lexicon and model.
    #[arg(short = 'V', long)]
    version: bool,
    /// With --version: as JSON.
    #[arg(long, requires = "version")]
    json: bool,
    /// Colour and bold in text output: auto (a terminal, unless NO_COLOR is set or
    /// TERM=dumb; CLICOLOR_FORCE forces it), always or never.
    #[arg(long, value_enum, default_value_t = terminal::ColorChoice::Auto, global = true)]
    color: terminal::ColorChoice,
    #[command(subcommand)]
    command: Option<Command>,
}

impl Cli {
    /// Parses the command line; a usage error is printed (as JSON when `--json` is among
    /// the arguments) and ends the process with status 2.
    pub fn parse_or_exit() -> Cli {
        match Cli::try_parse() {
            Ok(cli) => cli,
            Err(e) if e.use_stderr() && std::env::args().any(|a| a == "--json") => {
                report::print_usage_error(&e);
                std::process::exit(Exit::Usage.code())
            }
            Err(e) => e.exit(),
        }
    }

    /// Whether errors are to be printed as JSON: the command was asked for JSON.
    pub fn wants_json(&self) -> bool {
        self.json || self.command.as_ref().is_some_and(Command::wants_json)
    }

    /// Prints an error the way this command line asks for.
    pub fn print_error(json: bool, e: &anyhow::Error) {
        report::print_error(e, json);
    }

    /// Runs what the command line asks for.
    pub fn run(self) -> Result<Exit> {
        terminal::set_color_choice(self.color);
        if self.version {
            return version::run(self.json);
        }
        match self.command {
            Some(command) => command.run(),
            None => {
                use clap::CommandFactory;
                Cli::command().print_help()?;
                Ok(Exit::Usage)
            }
        }
    }
}

#[derive(Subcommand)]
pub enum Command {
    /// Build the graph from articles (folders of *.txt / *.jsonl, files) and export it.
    Build(build::Args),
    /// Write export formats from a built graph.json, without re-extracting.
    Export(export::Args),
    /// Tag a CoNLL file (`token [TAG]` per line) with PERS/LOC/ORG BIO tags, to stdout.
    Tag(tag::Args),
    /// Train the learned tagger on a CoNLL file, or cross-validate it.
    TrainNer(train_ner::Args),
    /// Shortest path(s) between two entities, with the evidence for every hop.
    Path(path::Args),
    /// The ego network of an entity.
    Neighbors(neighbors::Args),
    /// An entity: aliases, roles with dates, events, articles.
    Show(show::Args),
    /// Counts of nodes and edges by kind.
    Stats(stats::Args),
    /// The most central entities.
    Top(top::Args),
    /// Events as a timeline.
    Events(events::Args),
    /// List discovered entities (not in the gazetteer) by number of mentions.
    Unknown(unknown::Args),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(completions::Args),
    /// Print the manual page (roff), or write one per command into a folder.
    Man(man::Args),
}

impl Command {
    /// Whether the command prints JSON (`--json`).
    fn wants_json(&self) -> bool {
        match self {
            Command::Build(a) => a.json,
            Command::Path(a) => a.q.json,
            Command::Neighbors(a) => a.q.json,
            Command::Show(a) => a.q.json,
            Command::Stats(a) => a.q.json,
            Command::Top(a) => a.q.json,
            Command::Events(a) => a.q.json,
            Command::Unknown(a) => a.json,
            Command::Export(_)
            | Command::Tag(_)
            | Command::TrainNer(_)
            | Command::Completions(_)
            | Command::Man(_) => false,
        }
    }

    /// Runs the command.
    pub fn run(self) -> Result<Exit> {
        match self {
            Command::Build(args) => build::run(args),
            Command::Export(args) => export::run(args),
            Command::Tag(args) => tag::run(args),
            Command::TrainNer(args) => train_ner::run(args),
            Command::Path(args) => path::run(args),
            Command::Neighbors(args) => neighbors::run(args),
            Command::Show(args) => show::run(args),
            Command::Stats(args) => stats::run(args),
            Command::Top(args) => top::run(args),
            Command::Events(args) => events::run(args),
            Command::Unknown(args) => unknown::run(args),
            Command::Completions(args) => completions::run(args),
            Command::Man(args) => man::run(args),
        }
    }
}
