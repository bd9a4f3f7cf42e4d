//! Sentences and tokens over the normalised view, each carrying original offsets.

use super::normalize::NormText;
use super::span::{CharSpan, NormSpan};

/// A sentence: original code-point span and the normalised byte range it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub chars: CharSpan,
    pub norm: NormSpan,
}

/// A token: a maximal run of letters and digits in the normalised text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Where it is in the normalised text.
    pub norm: NormSpan,
    /// Where it is in the original text.
    pub chars: CharSpan,
    pub sentence: u32,
    /// True when something other than spaces (punctuation, a quote, a line break) separates
    /// this token from the previous one: names never run across such a gap.
    pub after_break: bool,
    /// True when that separation includes punctuation other than quotes and brackets
    /// (a comma, a full stop, a line break): a title's name never follows one.
    pub after_punct: bool,
    /// True when that separation includes a colon, semicolon or opening quotation after
    /// a colon: reported speech starts there, and a fact does not reach back across it.
    pub after_colon: bool,
}

/// Characters that end a sentence.
const SENTENCE_ENDS: [char; 7] = ['.', '!', '?', '؟', '\n', '…', '۔'];

pub(crate) fn is_sentence_end(c: char) -> bool {
    SENTENCE_ENDS.contains(&c)
}

/// Whether `byte` ends a sentence terminator in UTF-8: the terminator itself if it is
/// ASCII, its last byte otherwise. Only at such bytes is a character decoded and asked.
/// Written out as bytes so that the block test is vector code; a test checks it against
/// `SENTENCE_ENDS`.
#[inline]
fn may_end_terminator(byte: u8) -> bool {
    // '.' '!' '?' '\n', and the last bytes of ؟ (D8 9F), … (E2 80 A6), ۔ (DB 94)
    matches!(byte, b'.' | b'!' | b'?' | b'\n' | 0x9F | 0xA6 | 0x94)
}

/// Bytes looked at together: a block without a possible terminator byte is passed over
/// by comparisons the compiler makes vector code of.
const SCAN_BLOCK: usize = 16;

/// Splits the normalised text into sentences at terminal punctuation and line breaks.
pub fn sentences(norm: &NormText) -> Vec<Sentence> {
    let text = &norm.text;
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut begin = 0usize;
    for (block_index, block) in bytes.chunks(SCAN_BLOCK).enumerate() {
        if !block
            .iter()
            .fold(false, |found, &b| found | may_end_terminator(b))
        {
            continue;
        }
        for (k, &byte) in block.iter().enumerate() {
            if !may_end_terminator(byte) {
                continue;
            }
            let last = block_index * SCAN_BLOCK + k;
            // the character this byte ends, if it ends one (continuation bytes are 10xxxxxx)
            let first = (last.saturating_sub(3)..=last)
                .rev()
                .find(|&b| bytes[b] & 0xC0 != 0x80)
                .unwrap_or(last);
            let Some(c) = text[first..].chars().next() else {
                continue;
            };
            if first + c.len_utf8() != last + 1 || !is_sentence_end(c) {
                continue;
            }
            // a dot between digits (3.5) or inside an abbreviation run is not an end (a
            // digit or dot is one byte, and no other character's first byte looks like one)
            if c == '.' && matches!(bytes.get(last + 1), Some(b'0'..=b'9' | b'.')) {
                continue;
            }
            let end = last + 1;
            push_sentence(norm, begin, end, &mut out);
            begin = end;
        }
    }
    push_sentence(norm, begin, text.len(), &mut out);
    out
}

fn push_sentence(norm: &NormText, from: usize, to: usize, out: &mut Vec<Sentence>) {
    let slice = &norm.text[from..to];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    let (from, to) = (from + lead, to - trail);
    if from >= to || !norm.text[from..to].chars().any(crate::text::is_word_char) {
        return;
    }
    let (start, end) = norm.original_span(from, to);
    out.push(Sentence {
        chars: CharSpan { start, end },
        norm: NormSpan { from, to },
    });
}

/// Whether the mark `c` at byte `i` of `text` joins words rather than parting them: the
/// hyphen of a name («كيم جونغ-أون», «جونغ- أون»), the underscore and the hash of a
/// hashtag («#ريك_مشار»). The mark is then like a space: no break between the words, and
/// outside every token, so a name's offsets never hold the `#`.
fn joins_words(text: &str, i: usize, c: char) -> bool {
    let before = text[..i].chars().next_back();
    let mut after = text[i + c.len_utf8()..].chars();
    let next = after.next();
    let word = |c: Option<char>| c.is_some_and(crate::text::is_word_char);
    match c {
        '_' => word(before) && word(next),
        '-' => word(before) && (word(next) || (next == Some(' ') && word(after.next()))),
        '#' => !word(before) && word(next),
        _ => false,
    }
}

/// Tokenises each sentence; tokens never cross sentence boundaries.
pub fn tokens(norm: &NormText, sentences: &[Sentence]) -> Vec<Token> {
    let mut out = Vec::new();
    for (index, sentence) in sentences.iter().enumerate() {
        let slice = &norm.text[sentence.norm.from..sentence.norm.to];
        let mut token_start: Option<usize> = None;
        let mut saw_break = (true, true, false);
        let finish = |from: usize,
                      to: usize,
                      (after_break, after_punct, after_colon): (bool, bool, bool),
                      out: &mut Vec<Token>| {
            let (from, to) = (sentence.norm.from + from, sentence.norm.from + to);
            let (start, end) = norm.original_span(from, to);
            out.push(Token {
                norm: NormSpan { from, to },
                chars: CharSpan { start, end },
                sentence: index as u32,
                after_break,
                after_punct,
                after_colon,
            });
        };
        let mut pending_break = saw_break;
        let is_quote = |c: char| {
            matches!(
                c,
                '"' | '\'' | '(' | ')' | '[' | ']' | '“' | '”' | '«' | '»'
            )
        };
        for (i, c) in slice.char_indices() {
            if crate::text::is_word_char(c) {
                if token_start.is_none() {
                    token_start = Some(i);
                    saw_break = pending_break;
                    pending_break = (false, false, false);
                }
            } else {
                if let Some(s) = token_start.take() {
                    finish(s, i, saw_break, &mut out);
                }
                if (!c.is_whitespace() || c == '\n') && !joins_words(slice, i, c) {
                    pending_break.0 = true;
                    pending_break.1 |= !is_quote(c);
                    pending_break.2 |= matches!(c, ':' | ';' | '؛');
                }
            }
        }
        if let Some(s) = token_start {
            finish(s, slice.len(), saw_break, &mut out);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sentence ends found character by character, the definition the byte scan follows.
    fn sentence_ends_one_by_one(text: &str) -> Vec<usize> {
        let mut ends = Vec::new();
        let mut iter = text.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            let in_number = c == '.'
                && iter
                    .peek()
                    .is_some_and(|&(_, next)| next.is_ascii_digit() || next == '.');
            if is_sentence_end(c) && !in_number {
                ends.push(i + c.len_utf8());
            }
        }
        ends
    }

    /// A terminator added to `SENTENCE_ENDS` must also be added to the byte filter, or the
    /// scan would never stop at it.
    #[test]
    fn every_sentence_end_passes_the_byte_filter() {
        for c in SENTENCE_ENDS {
            let mut utf8 = [0u8; 4];
            let last = *c.encode_utf8(&mut utf8).as_bytes().last().unwrap();
            assert!(may_end_terminator(last), "{c:?}");
        }
    }

    proptest::proptest! {
        /// The block scan splits where reading every character splits, with terminators
        /// at block edges and letters whose last byte equals a terminator's (ئ, ٔ).
        #[test]
        fn the_byte_scan_splits_where_characters_say(
            text in "[ .!?\n؟…۔ئٔ٠3aب]{0,80}"
        ) {
            let norm = NormText::new(&text);
            let ends = sentence_ends_one_by_one(&norm.text);
            let mut expected = Vec::new();
            let mut begin = 0;
            for end in ends.into_iter().chain([norm.text.len()]) {
                push_sentence(&norm, begin, end, &mut expected);
                begin = end;
            }
            proptest::prop_assert_eq!(sentences(&norm), expected);
        }
    }

    #[test]
    fn splits_sentences_and_keeps_offsets() {
        let original = "التقى لافروف بروبيو. وقال إن 3.5 مليون؟ نعم\nسطر جديد";
        let norm = NormText::new(original);
        let s = sentences(&norm);
        let texts: Vec<String> = s
            .iter()
            .map(|x| {
                original
                    .chars()
                    .skip(x.chars.start as usize)
                    .take((x.chars.end - x.chars.start) as usize)
                    .collect()
            })
            .collect();
        assert_eq!(
            texts,
            vec![
                "التقى لافروف بروبيو.",
                "وقال إن 3.5 مليون؟",
                "نعم",
                "سطر جديد"
            ]
        );
    }

    #[test]
    fn every_kind_of_sentence_end_splits() {
        let norm = NormText::new("أولى؟ ثانية۔ ثالثة… رابعة! خامسة? سادسة. 3.5 و1..2 سابعة");
        let s = sentences(&norm);
        let texts: Vec<&str> = s
            .iter()
            .map(|x| &norm.text[x.norm.from..x.norm.to])
            .collect();
        assert_eq!(
            texts,
            [
                "اولي؟",
                "ثانيه۔",
                "ثالثه…",
                "رابعه!",
                "خامسه?",
                "سادسه.",
                "3.5 و1..2 سابعه"
            ]
        );
    }

    /// Rules read "a break or punctuation before the token" as "the name ends here": the
    /// first token of every sentence must count as following punctuation.
    #[test]
    fn a_sentence_opens_after_punctuation() {
        let norm = NormText::new("قال لافروف كذا\nوالتقى روبيو ذلك؟ ثم سافر");
        let s = sentences(&norm);
        let t = tokens(&norm, &s);
        let openers: Vec<&str> = t
            .iter()
            .filter(|x| x.after_punct)
            .map(|x| &norm.text[x.norm.from..x.norm.to])
            .collect();
        assert_eq!(openers, ["قال", "والتقي", "ثم"]);
        assert!(t.iter().filter(|x| x.after_punct).all(|x| x.after_break));
    }

    #[test]
    fn hyphens_and_hashtags_join_the_words_of_a_name() {
        for text in ["قال كيم جونغ-أون", "قال كيم جونغ- أون", "قال #كيم_جونغ_أون"]
        {
            let norm = NormText::new(text);
            let toks = tokens(&norm, &sentences(&norm));
            assert_eq!(toks.len(), 4, "{text}");
            assert!(toks[1..].iter().all(|t| !t.after_break), "{text}");
        }
        // positive control: a spaced dash and a double one part the words
        for text in ["قال كيم - أون", "دبي (CNN)-- قال"] {
            let norm = NormText::new(text);
            let toks = tokens(&norm, &sentences(&norm));
            assert!(toks.iter().skip(1).any(|t| t.after_break), "{text}");
        }
    }

    #[test]
    fn tokens_mark_punctuation_breaks() {
        let original = "قال ناريشكين، المقرب من بوتين";
        let norm = NormText::new(original);
        let s = sentences(&norm);
        let t = tokens(&norm, &s);
        let words: Vec<&str> = t
            .iter()
            .map(|x| &norm.text[x.norm.from..x.norm.to])
            .collect();
        assert_eq!(words, vec!["قال", "ناريشكين", "المقرب", "من", "بوتين"]);
        let breaks: Vec<bool> = t.iter().map(|x| x.after_break).collect();
        assert_eq!(breaks, vec![true, false, true, false, false]);
        assert_eq!((t[1].chars.start, t[1].chars.end), (4, 12));
    }
}
