//! `shabaka tag`: BIO tags for pre-tokenised text, to score the mention finder on NER
//! corpora.

use std::path::PathBuf;

use anyhow::Result;

use super::common::{DataArgs, ModelArgs};
use super::exit::Exit;
use shabaka::extract::ExtractOptions;

/// Tag a CoNLL file (`token [TAG]` per line) with PERS/LOC/ORG BIO tags, to stdout.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  shabaka tag --conll test.conll > pred.txt\n  cut -f1 test.conll | shabaka tag > pred.txt\n\nExit status: 0 done; 1 error (unreadable input); 2 a bad option value"
)]
pub struct Args {
    /// The CoNLL file; `-` or none: standard input.
    #[arg(long)]
    conll: Option<PathBuf>,
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
    let stdin = std::path::Path::new("-");
    let content = super::common::read_text_or_stdin(args.conll.as_deref().unwrap_or(stdin))?;
    let lines = shabaka::conll::parse(&content);
    print!("{}", shabaka::conll::tag(&extractor, &lines));
    Ok(Exit::Ok)
}
