//! `shabaka show`: everything the graph knows about one entity.

use anyhow::Result;

use super::common::{print_answer, read_graph, resolve, QueryArgs};
use super::exit::Exit;
use shabaka::query::{render, NameIndex, Queries};

/// An entity: aliases, roles with dates, events, articles.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  shabaka show \"John Ratcliffe\"\n  shabaka show لافروف --json\n\nExit status: 0 done; 1 error (no such entity: the closest names are listed; an ambiguous name lists its candidates); 2 a bad option value"
)]
pub struct Args {
    /// The entity: a name in Arabic (any spelling, with clitics) or English, or an id.
    a: String,
    #[command(flatten)]
    pub(super) q: QueryArgs,
}

pub fn run(args: Args) -> Result<Exit> {
    let graph = read_graph(&args.q.graph)?;
    let a = resolve(&NameIndex::new(&graph), &graph, &args.a)?;
    let card = Queries::new(&graph).show(&a);
    print_answer(args.q.json, &card, |c| render::card(&card, c))?;
    Ok(Exit::Ok)
}
