//! The normalised view of Arabic text used for matching, with a map back to the original.
//!
//! Matching folds away what Arabic writers vary freely (harakat, tatweel, hamza seats on
//! alef, ى/ي, ة/ه, Arabic-Indic digits, presentation forms, bidi marks), but provenance must
//! point at the characters the source wrote. So every normalised byte remembers which
//! original code point it came from, and spans map back exactly.

use unicode_normalization::UnicodeNormalization;

/// Text folded for matching plus, for every byte of it, the original code-point span.
#[derive(Debug, Clone, Default)]
pub struct NormText {
    /// The folded text. Whitespace is kept one-for-one, so line structure survives.
    pub text: String,
    /// `origin[b]` is the code-point index in the original text of the character that
    /// produced the normalised character starting at byte `b` (and its continuation bytes).
    origin: Vec<u32>,
    /// The characters whose span takes in the harakat written after them, so that a span
    /// covers the whole letter: (last byte of the normalised character, one past its last
    /// original code point), in byte order. Every other character ends one past its own
    /// code point. Few letters carry harakat in news text, so this is kept apart rather
    /// than as a second number for every byte.
    extended: Vec<(u32, u32)>,
    /// A bit per byte, set at the last byte of each character in `extended`: a span's end
    /// is looked up there only if its bit says so.
    extended_bits: Vec<u64>,
    /// Code-point length of the original text, the end of the last span.
    original_len: u32,
}

impl NormText {
    /// Normalises `original`, keeping the offset map.
    pub fn new(original: &str) -> NormText {
        let mut out = NormText {
            text: String::with_capacity(original.len()),
            origin: Vec::with_capacity(original.len()),
            extended: Vec::new(),
            extended_bits: Vec::new(),
            original_len: 0,
        };
        for (cp, ch) in original.chars().enumerate() {
            let cp = cp as u32;
            out.original_len = cp + 1;
            // nearly every character is an Arabic letter or printable ASCII that stays as
            // it is: those skip the folding table (see `passes_unchanged`)
            if passes_unchanged(ch) {
                out.text.push(ch);
                if ch.is_ascii() {
                    out.origin.push(cp);
                } else {
                    out.origin.extend_from_slice(&[cp, cp]);
                }
                continue;
            }
            // `String::push` writes the character in place (a `push_str` of its encoding
            // costs a memcpy call per character)
            let mut push = |c: char| {
                let len = c.len_utf8();
                out.text.push(c);
                out.origin.extend(std::iter::repeat_n(cp, len));
            };
            match fold_char(ch) {
                // a mark right after the last character (or after its other marks) is
                // part of it
                Folded::Drop if is_combining_mark(ch) => {
                    let Some(last) = out.text.len().checked_sub(1) else {
                        continue;
                    };
                    let last = last as u32;
                    let current_end = match out.extended.last() {
                        Some(&(at, end)) if at == last => end,
                        _ => out.origin[last as usize] + 1,
                    };
                    if current_end == cp {
                        match out.extended.last_mut() {
                            Some((at, end)) if *at == last => *end = cp + 1,
                            _ => out.extended.push((last, cp + 1)),
                        }
                    }
                }
                Folded::Drop => {}
                Folded::One(c) => push(c),
                Folded::Compat => {
                    for c in std::iter::once(ch).nfkc() {
                        match fold_char(c) {
                            Folded::One(f) => push(f),
                            Folded::Drop => {}
                            Folded::Compat => push(c),
                        }
                    }
                }
            }
        }
        if !out.extended.is_empty() {
            out.extended_bits = vec![0; out.text.len().div_ceil(64)];
            for &(last, _) in &out.extended {
                out.extended_bits[last as usize / 64] |= 1 << (last % 64);
            }
        }
        out
    }

    /// Code points in the original text.
    pub fn original_len(&self) -> u32 {
        self.original_len
    }

    /// Original code-point span `[start, end)` of the normalised byte range `[from, to)`,
    /// which starts and ends at character boundaries (token and sentence edges, and clitic
    /// prefixes, which are whole letters).
    #[inline]
    pub fn original_span(&self, from: usize, to: usize) -> (u32, u32) {
        if from >= to || from >= self.origin.len() {
            let at = self.origin.get(from).copied().unwrap_or(self.original_len);
            return (at, at);
        }
        let start = self.origin[from];
        let last = to - 1;
        let extended = self
            .extended_bits
            .get(last / 64)
            .is_some_and(|bits| bits & (1 << (last % 64)) != 0);
        let end = if extended {
            self.extended
                .binary_search_by_key(&(last as u32), |&(at, _)| at)
                .map_or(self.origin[last] + 1, |k| self.extended[k].1)
        } else {
            self.origin[last] + 1
        };
        (start, end)
    }
}

/// Whether `fold_char` returns `ch` itself for a reason that needs no lookup: an Arabic
/// letter other than the alef, ta marbuta and alef maqsura forms that fold, or printable
/// ASCII other than capitals. (Two-byte Arabic letters and one-byte ASCII only.)
#[inline]
fn passes_unchanged(ch: char) -> bool {
    match ch {
        '\u{0621}'..='\u{064A}' => !matches!(ch, 'آ' | 'أ' | 'إ' | 'ة' | 'ـ' | 'ى'),
        ' '..='~' => !ch.is_ascii_uppercase(),
        _ => false,
    }
}

/// Harakat and Quranic marks: they belong to the letter before them.
fn is_combining_mark(ch: char) -> bool {
    matches!(ch, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}')
}

enum Folded {
    Drop,
    One(char),
    /// Needs compatibility decomposition (presentation forms, ligatures, full-width forms).
    Compat,
}

/// Folds one character; the rules are the matching conventions of Arabic news text.
fn fold_char(ch: char) -> Folded {
    match ch {
        // harakat, Quranic marks, superscript alef, tatweel
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}' => Folded::Drop,
        // bidi controls, zero-width (non-)joiners, soft hyphen, BOM
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{061C}'
        | '\u{00AD}'
        | '\u{FEFF}' => Folded::Drop,
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => Folded::One('ا'),
        'ى' | 'ی' => Folded::One('ي'),
        'ة' => Folded::One('ه'),
        'ک' | 'گ' => Folded::One('ك'),
        'ڤ' => Folded::One('ف'),
        'پ' => Folded::One('ب'),
        // the common case: other Arabic letters and plain ASCII pass through as they are
        '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | 'a'..='z' | '0'..='9' => {
            Folded::One(ch)
        }
        'A'..='Z' => Folded::One(ch.to_ascii_lowercase()),
        '٠'..='٩' => Folded::One(char::from(b'0' + (ch as u32 - '٠' as u32) as u8)),
        '۰'..='۹' => Folded::One(char::from(b'0' + (ch as u32 - '۰' as u32) as u8)),
        // typographic quotes and dashes fold to their plain forms
        '“' | '”' | '«' | '»' | '„' => Folded::One('"'),
        '‘' | '’' => Folded::One('\''),
        '–' | '—' => Folded::One('-'),
        '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}' | '\u{FF01}'..='\u{FF5E}' => {
            Folded::Compat
        }
        c if c.is_whitespace() && c != '\n' => Folded::One(' '),
        c if c.is_uppercase() => Folded::One(c.to_lowercase().next().unwrap_or(c)),
        c => Folded::One(c),
    }
}

/// Normalises a short string (an alias, a query) without keeping the map, and collapses
/// whitespace so that multi-word names compare token by token.
pub fn normalize_key(s: &str) -> String {
    let folded = NormText::new(s).text;
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span_text(original: &str, (s, e): (u32, u32)) -> String {
        original
            .chars()
            .skip(s as usize)
            .take((e - s) as usize)
            .collect()
    }

    #[test]
    fn folds_alef_ya_ta_marbuta_and_drops_marks() {
        assert_eq!(normalize_key("أمريكيّة"), "امريكيه");
        assert_eq!(normalize_key("إسطنبول"), "اسطنبول");
        assert_eq!(normalize_key("مصطفى"), "مصطفي");
        assert_eq!(normalize_key("خَبَرَيْن"), "خبرين");
        assert_eq!(normalize_key("اتصالـــاً"), "اتصالا");
        assert_eq!(normalize_key("٢٠٢٥"), "2025");
        assert_eq!(normalize_key("CIA"), "cia");
        assert_eq!(normalize_key("\u{200f}روسيا\u{200e}"), "روسيا");
    }

    #[test]
    fn the_fast_path_agrees_with_the_folding_table() {
        for code in 0..0x10000u32 {
            let Some(ch) = char::from_u32(code) else {
                continue;
            };
            if passes_unchanged(ch) {
                assert!(
                    matches!(fold_char(ch), Folded::One(c) if c == ch),
                    "U+{code:04X}"
                );
                assert_eq!(ch.len_utf8(), if ch.is_ascii() { 1 } else { 2 });
            }
        }
    }

    proptest::proptest! {
        /// Each normalised character maps back to the code point it came from and, if it is
        /// the last character made from that code point, to the harakat right after it;
        /// tatweel between a letter and a mark breaks the run.
        #[test]
        fn each_character_spans_its_code_point_and_the_marks_after_it(
            original in "[باAz \u{064E}\u{0651}\u{0640}\u{FEFB}\u{200F}]{0,40}"
        ) {
            let chars: Vec<char> = original.chars().collect();
            let norm = NormText::new(&original);
            let spans: Vec<(usize, usize)> = norm
                .text
                .char_indices()
                .map(|(b, c)| (b, b + c.len_utf8()))
                .collect();
            for (k, &(from, to)) in spans.iter().enumerate() {
                let cp = norm.origin[from];
                let last_from_cp = spans.get(k + 1).is_none_or(|&(next, _)| norm.origin[next] != cp);
                let mut end = cp as usize + 1;
                while last_from_cp && chars.get(end).is_some_and(|&c| is_combining_mark(c)) {
                    end += 1;
                }
                proptest::prop_assert_eq!(norm.original_span(from, to), (cp, end as u32));
            }
        }
    }

    #[test]
    fn presentation_forms_decompose() {
        // lam-alef ligature and isolated forms
        assert_eq!(normalize_key("\u{FEFB}"), "لا");
        assert_eq!(normalize_key("\u{FE8D}\u{FEDF}"), "ال");
    }

    #[test]
    fn offsets_map_back_to_original_code_points() {
        let original = "قال وَزيرُ الخارجيةِ «لافروف»";
        let norm = NormText::new(original);
        let needle = "لافروف";
        let from = norm.text.find(needle).unwrap();
        let span = norm.original_span(from, from + needle.len());
        assert_eq!(span_text(original, span), "لافروف");
        let from = norm.text.find("وزير").unwrap();
        let span = norm.original_span(from, from + "وزير".len());
        assert_eq!(span_text(original, span), "وَزيرُ");
    }

    #[test]
    fn ligature_maps_to_its_single_original_char() {
        let original = "ب\u{FEFB}د";
        let norm = NormText::new(original);
        assert_eq!(norm.text, "بلاد");
        let from = norm.text.find("لا").unwrap();
        assert_eq!(norm.original_span(from, from + "لا".len()), (1, 2));
    }
}
