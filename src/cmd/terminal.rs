//! Text for a terminal: what the data says, never what it would make the terminal do.
//!
//! Article titles, evidence, file names and typed names come from outside; an ESC or BEL
//! in them would move the cursor, retitle the window or ring the bell. Every control
//! character but line feed and tab is dropped from what is printed as text (`--json`
//! keeps them, escaped by JSON).

use std::borrow::Cow;
use std::sync::OnceLock;

/// `--color`: whether text output may use bold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

static COLOR_CHOICE: OnceLock<ColorChoice> = OnceLock::new();

/// Records the `--color` of this run (the first call wins).
pub fn set_color_choice(choice: ColorChoice) {
    let _ = COLOR_CHOICE.set(choice);
}

/// Whether to style text for a stream, by the conventions: `--color always|never` first;
/// then `NO_COLOR` (set and not empty) turns styling off, `CLICOLOR_FORCE` (set, not `0`)
/// turns it on; else only on a terminal whose `TERM` is not `dumb`.
pub fn color(is_terminal: bool) -> bool {
    let env = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    decide(
        COLOR_CHOICE.get().copied().unwrap_or(ColorChoice::Auto),
        env("NO_COLOR").is_some(),
        env("CLICOLOR_FORCE").is_some_and(|v| v != "0"),
        env("TERM").is_some_and(|v| v == "dumb"),
        is_terminal,
    )
}

/// `color`, with the environment given.
fn decide(choice: ColorChoice, no_color: bool, force: bool, dumb: bool, tty: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if no_color => false,
        ColorChoice::Auto if force => true,
        ColorChoice::Auto => tty && !dumb,
    }
}

/// The styling the renderers themselves write, kept when `keep_bold` is asked for.
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

fn unsafe_char(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\t')
}

/// The width to fit text output to: `COLUMNS` if set, else the terminal's own (on Linux),
/// and only when printing to a terminal (a pipe or a file gets every character).
pub fn width(is_terminal: bool) -> Option<usize> {
    if !is_terminal {
        return None;
    }
    if let Some(columns) = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()) {
        return Some(columns).filter(|&c: &usize| c >= 20);
    }
    #[cfg(target_os = "linux")]
    {
        rustix::termios::tcgetwinsize(std::io::stdout())
            .ok()
            .map(|size| usize::from(size.ws_col))
            .filter(|&c| c >= 20)
    }
    #[cfg(not(target_os = "linux"))]
    None
}

/// Each line of `text` cut to `width` columns (code points; the bold sequences take none),
/// with `…` where it was cut.
pub fn fit(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let (body, newline) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        let mut columns = 0usize;
        let mut rest = body;
        let mut cut = false;
        while let Some(c) = rest.chars().next() {
            if let Some(style) = [BOLD, RESET].into_iter().find(|s| rest.starts_with(s)) {
                out.push_str(style);
                rest = &rest[style.len()..];
                continue;
            }
            if columns + 1 == width && rest.chars().count() > 1 {
                out.push('…');
                cut = true;
                break;
            }
            out.push(c);
            columns += 1;
            rest = &rest[c.len_utf8()..];
        }
        // a cut line's bold is closed, or it runs on into the next
        if cut && body.contains(BOLD) {
            out.push_str(RESET);
        }
        out.push_str(newline);
    }
    out
}

/// `text` without control characters other than line feed and tab.
pub fn safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().filter(|&c| !unsafe_char(c)).collect())
}

/// `safe`, keeping the bold on and off sequences the renderers wrote (a title in the data
/// that holds them can make text bold, and nothing more).
pub fn safe_keeping_bold(text: &str) -> Cow<'_, str> {
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if let Some(style) = [BOLD, RESET].into_iter().find(|s| rest.starts_with(s)) {
            out.push_str(style);
            rest = &rest[style.len()..];
            continue;
        }
        if !unsafe_char(c) {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_follows_the_flag_then_no_color_then_clicolor_force_then_the_terminal() {
        use ColorChoice::*;
        assert!(decide(Always, true, false, true, false));
        assert!(!decide(Never, false, true, false, true));
        assert!(!decide(Auto, true, true, false, true));
        assert!(decide(Auto, false, true, false, false));
        assert!(!decide(Auto, false, false, true, true));
        assert!(decide(Auto, false, false, false, true));
        assert!(!decide(Auto, false, false, false, false));
    }

    #[test]
    fn lines_are_cut_to_the_width_with_an_ellipsis_and_bold_takes_no_columns() {
        assert_eq!(fit("abcdef\nab\n", 4), "abc…\nab\n");
        assert_eq!(fit("abcd", 4), "abcd");
        assert_eq!(
            fit(&format!("{BOLD}abcdef{RESET}\n"), 4),
            format!("{BOLD}abc…{RESET}\n")
        );
        assert_eq!(fit("سيرجي لافروف", 6), "سيرجي…");
    }

    #[test]
    fn escapes_and_bells_go_line_feeds_tabs_and_bold_stay() {
        let title = "عنوان\x1b]0;owned\x07 \x1b[2J\u{9b}31m\r";
        assert_eq!(safe(title), "عنوان]0;owned [2J31m");
        assert_eq!(
            safe_keeping_bold(&format!("{BOLD}رأس{RESET}\n\t{title}")),
            format!("{BOLD}رأس{RESET}\n\tعنوان]0;owned [2J31m")
        );
        assert!(matches!(safe("نص عادي\n"), Cow::Borrowed(_)));
    }
}
