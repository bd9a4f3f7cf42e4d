//! `shabaka man`: the manual page, made from the same definitions as `--help`.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::CommandFactory;

use super::exit::Exit;
use super::Cli;

/// Print the manual page (roff), or write shabaka.1 and shabaka-COMMAND.1 into a folder.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  shabaka man | man -l -\n  shabaka man --out docs/man\n\nExit status: 0 done; 1 the folder cannot be written"
)]
pub struct Args {
    /// Write shabaka.1 and one page per command into this folder instead.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<Exit> {
    let command = Cli::command();
    match args.out {
        Some(dir) => {
            std::fs::create_dir_all(&dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
            clap_mangen::generate_to(command, &dir)
                .with_context(|| format!("cannot write manual pages to {}", dir.display()))?;
        }
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(command).render(&mut page)?;
            use std::io::Write;
            std::io::stdout().write_all(&page)?;
        }
    }
    Ok(Exit::Ok)
}
