//! `shabaka tag`: BIO tags for pre-tokenised text, to score the mention finder on NER
//! corpora.

use std::path::PathBuf;

use anyhow::{Context, Result};

use super::common::{DataArgs, ModelArgs};
use super::exit::Exit;
use shabaka::extract::ExtractOptions;

/// Tag a CoNLL file (`token [TAG]` per line) with PERS/LOC/ORG BIO tags, to stdout.
#[derive(clap::Args)]
pub struct Args {
    /// The CoNLL file.
    #[arg(long)]
    conll: PathBuf,
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    model: ModelArgs,
}

pub fn run(args: Args) -> Result<Exit> {
    // NER corpora tag every token, boilerplate-looking lines included
    let extractor = args.model.attach(args.data.extractor(ExtractOptions {
        keep_boilerplate: true,
        ..ExtractOptions::default()
    })?)?;
    let content = std::fs::read_to_string(&args.conll)
        .with_context(|| format!("cannot read {}", args.conll.display()))?;
    let lines = shabaka::conll::parse(&content);
    print!("{}", shabaka::conll::tag(&extractor, &lines));
    Ok(Exit::Ok)
}
