//! `shabaka neighbors`: the ego network of an entity.

use anyhow::Result;

use super::common::{print_answer, read_graph, resolve, QueryArgs};
use super::exit::Exit;
use shabaka::query::{render, NameIndex, Queries};

/// The ego network of an entity.
#[derive(clap::Args)]
#[command(
    after_help = "Example:\n  shabaka neighbors لافروف --depth 2 --kind Person\n\nExit status: 0 done; 1 error (no such entity: the closest names are listed; an ambiguous name lists its candidates); 2 a bad option value"
)]
pub struct Args {
    /// The entity: a name in Arabic (any spelling, with clitics) or English, or an id.
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
    pub(super) q: QueryArgs,
}

pub fn run(args: Args) -> Result<Exit> {
    let graph = read_graph(&args.q.graph)?;
    let a = resolve(&NameIndex::new(&graph), &graph, &args.a)?;
    let list = Queries::new(&graph).neighbors(&a, args.depth, &args.kinds, args.via_articles);
    print_answer(args.q.json, &list, |c| render::neighbors(&list, c))?;
    Ok(Exit::Ok)
}
