//! `shabaka events`: events as a timeline, filtered by participants and dates.

use anyhow::Result;

use super::common::{print_answer, read_graph, resolve, QueryArgs};
use super::exit::Exit;
use shabaka::query::{render, NameIndex, Queries};

/// Events as a timeline.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  shabaka events --between ناريشكين راتكليف\n  shabaka events --with Lavrov --from 2025-02 --to 2025-03\n\nExit status: 0 done; 1 error (no such entity: the closest names are listed; an ambiguous name lists its candidates); 2 a bad option value"
)]
pub struct Args {
    /// Only events with this participant (repeatable: all must take part).
    #[arg(long)]
    with: Vec<String>,
    /// Only events between these two.
    #[arg(long, num_args = 2, value_names = ["A", "B"])]
    between: Vec<String>,
    /// From this date (ISO, any precision: 2018, 2018-05, 2018-05-07).
    #[arg(long, value_parser = super::common::parse_date)]
    from: Option<String>,
    /// Up to this date (ISO, any precision).
    #[arg(long, value_parser = super::common::parse_date)]
    to: Option<String>,
    #[command(flatten)]
    pub(super) q: QueryArgs,
}

pub fn run(args: Args) -> Result<Exit> {
    if let (Some(from), Some(to)) = (&args.from, &args.to) {
        if shabaka::extract::dates::after(from, to) {
            anyhow::bail!("--from {from} is after --to {to}");
        }
    }
    let graph = read_graph(&args.q.graph)?;
    let names = NameIndex::new(&graph);
    let ids = args
        .with
        .iter()
        .chain(args.between.iter())
        .map(|n| resolve(&names, &graph, n))
        .collect::<Result<Vec<_>>>()?;
    let list = Queries::new(&graph).events(&ids, args.from.as_deref(), args.to.as_deref());
    print_answer(args.q.json, &list, |c| render::events(&list, c))?;
    Ok(Exit::Ok)
}
