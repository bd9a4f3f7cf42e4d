//! `shabaka stats`: counts of nodes and edges by kind.

use anyhow::Result;

use super::common::{print_answer, read_graph, QueryArgs};
use super::exit::Exit;
use shabaka::query::{render, Queries};

/// Counts of nodes and edges by kind.
#[derive(clap::Args)]
#[command(
    after_help = "Example:\n  shabaka stats --graph exports/graph.json --json\n\nExit status: 0 done; 1 error (unreadable graph); 2 a bad option value"
)]
pub struct Args {
    #[command(flatten)]
    pub(super) q: QueryArgs,
}

pub fn run(args: Args) -> Result<Exit> {
    let graph = read_graph(&args.q.graph)?;
    let stats = Queries::new(&graph).stats();
    print_answer(args.q.json, &stats, |c| render::stats(&stats, c))?;
    Ok(Exit::Ok)
}
