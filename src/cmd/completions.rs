//! `shabaka completions SHELL`: the completion script for a shell, to stdout.

use anyhow::Result;
use clap::CommandFactory;

use super::exit::Exit;
use super::Cli;

/// Print a shell completion script.
///
/// bash: `shabaka completions bash > ~/.local/share/bash-completion/completions/shabaka`;
/// zsh: into a folder of `$fpath` as `_shabaka`; fish: `~/.config/fish/completions/shabaka.fish`.
#[derive(clap::Args)]
#[command(
    after_help = "Example:\n  shabaka completions bash > ~/.local/share/bash-completion/completions/shabaka\n\nExit status: 0 done; 2 an unknown shell"
)]
pub struct Args {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

pub fn run(args: Args) -> Result<Exit> {
    clap_complete::generate(
        args.shell,
        &mut Cli::command(),
        "shabaka",
        &mut std::io::stdout(),
    );
    Ok(Exit::Ok)
}
