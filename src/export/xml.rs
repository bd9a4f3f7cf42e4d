//! XML text that every XML 1.0 reader accepts, whatever the article held.

use super::scan::Specials;

/// Whether XML 1.0 allows the character at all (even as a reference it may not appear).
pub fn xml_allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r')
        || ('\u{20}'..='\u{D7FF}').contains(&c)
        || ('\u{E000}'..='\u{FFFD}').contains(&c)
        || c >= '\u{10000}'
}

/// Bytes that send text down the careful path: controls, markup characters, and 0xEF,
/// which starts U+FFFE and U+FFFF (and a few allowed characters).
static NEEDS_CARE: Specials<7> = Specials::new(0x20, [b'&', b'<', b'>', b'"', b'\'', 0x7f, 0xef]);

/// Escapes text for XML attributes and content; characters XML 1.0 forbids are dropped.
/// Most text needs nothing (a million edges' worth of it), and is returned as it is.
pub fn escape(s: &str) -> std::borrow::Cow<'_, str> {
    if NEEDS_CARE.plain_prefix(s.as_bytes()) == s.len() {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars().filter(|c| xml_allowed(*c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // keep line structure in attributes (readers normalise raw newlines to spaces)
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Appends `escape(s)` to `out`.
pub fn push_escaped(out: &mut String, s: &str) {
    match escape(s) {
        std::borrow::Cow::Borrowed(plain) => out.push_str(plain),
        std::borrow::Cow::Owned(escaped) => out.push_str(&escaped),
    }
}

/// Appends the opening of an edge element shared by GraphML and GEXF, up to the end of its
/// `target` attribute: `<edge id="e7" source="…" target="…"`.
pub fn push_edge_start(out: &mut String, indent: &str, index: usize, e: &crate::graph::Edge) {
    use std::fmt::Write;
    out.push_str(indent);
    let _ = write!(out, "<edge id=\"e{index}\" source=\"");
    push_escaped(out, &e.source);
    out.push_str("\" target=\"");
    push_escaped(out, &e.target);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_drops_forbidden_characters() {
        assert_eq!(escape("a<b>&\"'"), "a&lt;b&gt;&amp;&quot;&apos;");
        assert_eq!(escape("x\u{0}\u{b}\u{fffe}y"), "xy");
        assert_eq!(escape("سطر\nآخر"), "سطر&#10;آخر");
    }
}
