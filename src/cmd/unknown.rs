//! `shabaka unknown`: the discovered names the gazetteer lacks, most mentioned first — a
//! to-do list for whoever curates it.

use std::path::PathBuf;

use anyhow::Result;

use super::common::read_graph;
use super::exit::Exit;

/// List discovered entities (not in the gazetteer) by number of mentions.
#[derive(clap::Args)]
#[command(
    after_help = "Example:\n  shabaka unknown -n 20\n\nExit status: 0 done; 1 error (unreadable graph); 2 a bad option value"
)]
pub struct Args {
    /// The built graph.
    #[arg(long, default_value = "exports/graph.json")]
    graph: PathBuf,
    /// How many to list.
    #[arg(short = 'n', long, default_value_t = 50)]
    limit: usize,
    /// Output as JSON.
    #[arg(long)]
    pub(super) json: bool,
}

pub fn run(args: Args) -> Result<Exit> {
    let graph = read_graph(&args.graph)?;
    let rows = shabaka::graph::unknown(&graph);
    let rows = rows.iter().take(args.limit);
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&rows.collect::<Vec<_>>())?
        );
    } else {
        println!("{:>8}  {:<13} {:<30} rule", "mentions", "kind", "name");
        for r in rows {
            println!(
                "{:>8}  {:<13} {:<30} {}",
                r.mentions, r.kind, r.label, r.rule
            );
        }
    }
    Ok(Exit::Ok)
}
