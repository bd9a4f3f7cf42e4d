//! `shabaka show`: everything the graph knows about one entity.

use anyhow::Result;

use super::common::{print_answer, read_graph, resolve, QueryArgs};
use super::exit::Exit;
use shabaka::query::{render, NameIndex, Queries};

/// An entity: aliases, roles with dates, events, articles.
#[derive(clap::Args)]
pub struct Args {
    a: String,
    #[command(flatten)]
    q: QueryArgs,
}

pub fn run(args: Args) -> Result<Exit> {
    let graph = read_graph(&args.q.graph)?;
    let a = resolve(&NameIndex::new(&graph), &graph, &args.a)?;
    let card = Queries::new(&graph).show(&a);
    print_answer(args.q.json, &card, |c| render::card(&card, c))?;
    Ok(Exit::Ok)
}
