//! `shabaka neighbors`: the ego network of an entity.

use anyhow::Result;

use super::common::{print_answer, read_graph, resolve, QueryArgs};
use super::exit::Exit;
use shabaka::query::{render, NameIndex, Queries};

/// The ego network of an entity.
#[derive(clap::Args)]
pub struct Args {
    a: String,
    /// How many hops out to look (at least 1).
    #[arg(long, default_value_t = 1, value_parser = super::common::parse_positive)]
    depth: usize,
    /// Only list these kinds (repeatable).
    #[arg(long = "kind", value_parser = super::common::parse_kind)]
    kinds: Vec<String>,
    /// Go through articles too.
    #[arg(long)]
    via_articles: bool,
    #[command(flatten)]
    q: QueryArgs,
}

pub fn run(args: Args) -> Result<Exit> {
    let graph = read_graph(&args.q.graph)?;
    let a = resolve(&NameIndex::new(&graph), &graph, &args.a)?;
    let list = Queries::new(&graph).neighbors(&a, args.depth, &args.kinds, args.via_articles);
    print_answer(args.q.json, &list, |c| render::neighbors(&list, c))?;
    Ok(Exit::Ok)
}
