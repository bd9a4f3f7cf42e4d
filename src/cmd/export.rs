//! `shabaka export`: export formats rewritten from a built graph, without re-extracting.

use std::path::PathBuf;

use anyhow::{Context, Result};

use super::common::{read_graph, FormatArgs};
use super::exit::Exit;

/// Write export formats from a built graph.json, without re-extracting.
#[derive(clap::Args)]
#[command(
    after_help = "Example:\n  shabaka export --graph exports/graph.json --format gexf,neo4j --out /tmp/out\n\nExit status: 0 written; 1 error (unreadable graph, unwritable folder: nothing written); 2 a bad option value"
)]
pub struct Args {
    /// The built graph.
    #[arg(long, default_value = "exports/graph.json")]
    graph: PathBuf,
    /// Output folder.
    #[arg(long, default_value = "exports")]
    out: PathBuf,
    #[command(flatten)]
    formats: FormatArgs,
}

pub fn run(args: Args) -> Result<Exit> {
    let (formats, dot_options) = args.formats.parse()?;
    let graph = read_graph(&args.graph)?;
    let written = shabaka::export::write_formats(&graph, &args.out, &formats, &dot_options)
        .with_context(|| format!("cannot write exports to {}", args.out.display()))?;
    for path in written {
        println!("{}", path.display());
    }
    Ok(Exit::Ok)
}
