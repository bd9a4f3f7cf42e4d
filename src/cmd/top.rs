//! `shabaka top`: the most central entities.

use anyhow::Result;

use super::common::{print_answer, read_graph, QueryArgs};
use super::exit::Exit;
use shabaka::query::{render, Measure, Queries};

/// The most central entities.
#[derive(clap::Args)]
#[command(
    after_help = "Example:\n  shabaka top --by betweenness --kind Person -n 10\n\nExit status: 0 done; 1 error; 2 a bad option value"
)]
pub struct Args {
    /// The centrality measure.
    #[arg(long, value_enum, default_value = "degree")]
    by: Measure,
    /// Only rank these kinds (repeatable: Person, Organization, ...).
    #[arg(long = "kind", value_parser = super::common::parse_kind)]
    kinds: Vec<String>,
    /// How many to list (at least 1).
    #[arg(short = 'n', long, default_value_t = 10, value_parser = super::common::parse_positive)]
    limit: usize,
    #[command(flatten)]
    pub(super) q: QueryArgs,
}

pub fn run(args: Args) -> Result<Exit> {
    let graph = read_graph(&args.q.graph)?;
    let list = Queries::new(&graph).top(args.by, &args.kinds, args.limit);
    print_answer(args.q.json, &list, |c| render::ranked(&list, c))?;
    Ok(Exit::Ok)
}
