//! Every exit status the command line can end with, in one place.

use std::process::ExitCode;

/// How a run of `shabaka` ended. Scripts read these numbers, so they never change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Everything asked for was done.
    Ok = 0,
    /// An error: nothing was written (the message is on stderr).
    Error = 1,
    /// The command line was wrong (an unknown option, a bad value): the message says why.
    /// clap ends such runs itself with this status; shabaka with no command does too.
    Usage = 2,
    /// `build` wrote its exports, but some inputs were skipped (each listed on stderr).
    Skipped = 3,
    /// A query found nothing to show (`path` between unconnected entities).
    NotFound = 4,
    /// Interrupted by Ctrl-C (128 + SIGINT, as shells report it). SIGTERM and SIGHUP end
    /// the process with 143 and 129, 128 + their numbers, the same way.
    #[cfg_attr(unix, allow(dead_code))]
    Interrupted = 130,
}

impl Exit {
    /// The status as the process reports it.
    pub fn code(self) -> i32 {
        self as i32
    }
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit as u8)
    }
}
