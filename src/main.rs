//! The `shabaka` command line: parses arguments and dispatches to `cmd`, where each
//! subcommand lives in a file of its own.

mod cmd;

use std::process::ExitCode;

use cmd::{Cli, Exit};

/// A build allocates and frees millions of small strings and vectors on two threads, and
/// glibc's allocator spent about a tenth of the analysis in its own bookkeeping. mimalloc
/// (v2, without transparent huge pages, whose 2 MB zeroing on first touch cost more than it
/// saved) made the analysis of the benchmark corpus about 8 % faster.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Ctrl-C, `kill` (SIGTERM) or a closed terminal (SIGHUP): the exports already in place
/// stay as they were, the half-written temporaries beside them go, and the process ends
/// with 128 + the signal's number, as shells report it.
#[cfg(unix)]
fn on_interrupt_remove_temporaries() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            shabaka::export::abandon_exports_and_exit(128 + signal);
        }
    });
}

/// Ctrl-C elsewhere: as on Unix, with the status of an interrupt.
#[cfg(not(unix))]
fn on_interrupt_remove_temporaries() {
    let _ =
        ctrlc::set_handler(|| shabaka::export::abandon_exports_and_exit(Exit::Interrupted.code()));
}

fn main() -> ExitCode {
    on_interrupt_remove_temporaries();
    let cli = Cli::parse_or_exit();
    let json = cli.wants_json();
    match cli.run() {
        Ok(exit) => exit.into(),
        Err(e) => {
            Cli::print_error(json, &e);
            Exit::Error.into()
        }
    }
}
