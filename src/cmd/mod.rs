//! The subcommands, one file each: a file owns its arguments (`Args`, with the help text
//! clap prints) and its `run`, which returns how the run ended.
//!
//! To add a command: write `src/cmd/<name>.rs` with `Args` and `run`, add `mod <name>;`
//! and a variant to `Command` here, and one arm to `Command::run`.

mod build;
mod common;
mod events;
pub mod exit;
mod export;
mod neighbors;
mod path;
mod show;
mod stats;
mod tag;
pub mod terminal;
mod top;
mod train_ner;
mod unknown;

use anyhow::Result;
use clap::Subcommand;

pub use exit::Exit;

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
}

impl Command {
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
        }
    }
}
