//! Text for a terminal: what the data says, never what it would make the terminal do.
//!
//! Article titles, evidence, file names and typed names come from outside; an ESC or BEL
//! in them would move the cursor, retitle the window or ring the bell. Every control
//! character but line feed and tab is dropped from what is printed as text (`--json`
//! keeps them, escaped by JSON).

use std::borrow::Cow;

/// The styling the renderers themselves write, kept when `keep_bold` is asked for.
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

fn unsafe_char(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\t')
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
