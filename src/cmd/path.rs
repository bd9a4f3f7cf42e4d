//! `shabaka path`: how two entities are connected, with the evidence for every hop.

use anyhow::Result;

use super::common::{print_answer, read_graph, resolve, QueryArgs};
use super::exit::Exit;
use shabaka::query::{render, NameIndex, PathOptions, Queries};

/// Shortest path(s) between two entities, with the evidence for every hop.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  shabaka path ناريشكين روبيو\n  shabaka path Naryshkin Rubio --all --max-hops 6 --kind Person\n\nExit status: 0 a path was found; 4 no path; 1 error (unknown or ambiguous name: candidates listed); 2 a bad option value"
)]
pub struct Args {
    /// The first entity: a name in Arabic (any spelling, with clitics) or English, or an id.
    a: String,
    /// The second entity, named the same ways.
    b: String,
    /// All shortest paths, not just one.
    #[arg(long)]
    all: bool,
    /// Longest path to look for (0: no limit).
    #[arg(long, default_value_t = 0)]
    max_hops: usize,
    /// Allow paths through articles (co-mention), not only through facts.
    #[arg(long)]
    via_articles: bool,
    /// Only these kinds of node in between (repeatable).
    #[arg(long = "kind", value_parser = super::common::parse_kind)]
    kinds: Vec<String>,
    #[command(flatten)]
    pub(super) q: QueryArgs,
}

pub fn run(args: Args) -> Result<Exit> {
    let graph = read_graph(&args.q.graph)?;
    let names = NameIndex::new(&graph);
    let a = resolve(&names, &graph, &args.a)?;
    let b = resolve(&names, &graph, &args.b)?;
    let options = PathOptions {
        all: args.all,
        max_hops: args.max_hops,
        via_articles: args.via_articles,
        kinds: args.kinds,
    };
    let answer = Queries::new(&graph).path(&a, &b, &options);
    print_answer(args.q.json, &answer, |c| render::path(&answer, c))?;
    Ok(if answer.paths.is_empty() {
        Exit::NotFound
    } else {
        Exit::Ok
    })
}
