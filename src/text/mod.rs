//! The Arabic text layer: decoding, normalisation with offsets, boilerplate, sentences, tokens.

pub mod boilerplate;
pub mod clitics;
pub mod decode;
pub mod morph;
pub mod normalize;
pub mod segment;
pub mod span;
pub mod transliterate;

use boilerplate::BoilerplateRules;
use clitics::{Reading, Readings};
use normalize::NormText;
use segment::{Sentence, Token};
use span::CharSpan;

/// Whether a character belongs to a word: Arabic letters and digits and ASCII
/// alphanumerics are decided without Unicode tables (the hot path); the rest asks them.
#[inline]
pub fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z'
        | 'A'..='Z'
        | '0'..='9'
        | '\u{0621}'..='\u{063A}'
        | '\u{0641}'..='\u{064A}'
        | '\u{0660}'..='\u{0669}' => true,
        ' ' | '\n' | '.' | '،' | ',' | '"' | ':' | '(' | ')' | '-' => false,
        c if c.is_ascii() => false,
        c => c.is_alphanumeric(),
    }
}

/// Whether a character is a letter of the Arabic script (the Arabic blocks and the
/// presentation forms), as opposed to its digits and punctuation.
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c,
        '\u{0620}'..='\u{064A}'
        | '\u{066E}'..='\u{06D3}'
        | '\u{06FA}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFB}'
        | '\u{FE70}'..='\u{FEFC}')
        && c.is_alphabetic()
}

/// The first stems of the phrase matchers, numbered from 1. A document numbers each
/// token reading's stem once (see `Document::analyze_with`), and every matcher then finds
/// its phrases by that number instead of hashing the stem again: a token is read a few
/// ways and looked up by five matchers from a dozen places, and those lookups were the
/// largest single cost of the analysis.
#[derive(Debug, Clone, Default)]
pub struct StemTable {
    ids: rustc_hash::FxHashMap<String, u32>,
    /// Tells tables apart, so a matcher numbered by one never reads numbers of another.
    generation: u64,
}

impl StemTable {
    /// Numbers the distinct `stems` in sorted order.
    pub fn new(stems: impl IntoIterator<Item = String>) -> StemTable {
        static GENERATION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let mut stems: Vec<String> = stems.into_iter().collect();
        stems.sort_unstable();
        stems.dedup();
        let ids = stems.into_iter().zip(1u32..).collect();
        StemTable {
            ids,
            generation: GENERATION.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// The stem's number (from 1).
    pub fn id(&self, stem: &str) -> Option<u32> {
        self.ids.get(stem).copied()
    }

    /// How many stems (the largest number).
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// This table's identity (never 0).
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The clitic readings of `token` with their stems numbered. News text repeats a few
    /// thousand words most of the time, so each thread remembers the readings of the words
    /// it has seen (up to `READINGS_MEMO_WORDS` of them): one lookup of the whole word
    /// instead of reading it anew and looking up each of its stems.
    pub fn numbered_readings(&self, token: &str) -> Readings {
        READINGS_MEMO.with_borrow_mut(|memo| {
            if memo.generation != self.generation {
                memo.generation = self.generation;
                memo.by_word.clear();
            }
            if let Some(readings) = memo.by_word.get(token) {
                return *readings;
            }
            let mut readings = clitics::readings(token);
            readings.number_stems(token, |stem| self.id(stem));
            if memo.by_word.len() < READINGS_MEMO_WORDS {
                memo.by_word.insert(token.into(), readings);
            }
            readings
        })
    }
}

/// Words whose readings a thread remembers at most (a few tens of megabytes).
const READINGS_MEMO_WORDS: usize = 1 << 18;

/// A thread's remembered readings, for the table of `generation`.
#[derive(Default)]
struct ReadingsMemo {
    generation: u64,
    by_word: rustc_hash::FxHashMap<Box<str>, Readings>,
}

thread_local! {
    static READINGS_MEMO: std::cell::RefCell<ReadingsMemo> = Default::default();
}

/// Code points between two checkpoints of `Document::checkpoints`.
const CHECKPOINT_CHARS: u32 = 32;

/// The byte offsets of code points 0, `CHECKPOINT_CHARS`, 2 × `CHECKPOINT_CHARS` … of `text`.
fn checkpoints(text: &str) -> Vec<u32> {
    text.char_indices()
        .step_by(CHECKPOINT_CHARS as usize)
        .map(|(offset, _)| offset as u32)
        .collect()
}

/// An article's text prepared for extraction.
#[derive(Debug, Clone)]
pub struct Document {
    pub norm: NormText,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
    /// `excluded[i]` is true when sentence `i` lies in boilerplate.
    pub excluded: Vec<bool>,
    /// True when every sentence looked like boilerplate and the article is read whole
    /// (`--keep-boilerplate` for this article alone).
    pub all_boilerplate: bool,
    /// Clitic readings of each token, computed once: every matcher asks for them.
    readings: Vec<Readings>,
    /// The original text: spans and evidence are cut from it.
    original: String,
    /// The byte offset of every `CHECKPOINT_CHARS`-th code point of `original`, so a
    /// code-point offset finds its byte by a walk of a few characters (a table of every
    /// code point, or the text as `char`s, cost more to build than all the cutting).
    checkpoints: Vec<u32>,
    /// Code points in `original`.
    char_count: u32,
    /// The `StemTable` the readings' stems are numbered by (0: none).
    stems_generation: u64,
    /// Each sentence's original text, made once when a fact first cites it.
    sentence_texts: Vec<std::sync::OnceLock<std::sync::Arc<str>>>,
}

impl Document {
    /// Normalises, finds boilerplate, splits sentences and tokens.
    pub fn analyze(text: &str, boilerplate: &BoilerplateRules, keep_boilerplate: bool) -> Document {
        Document::analyze_with(text, boilerplate, keep_boilerplate, None)
    }

    /// `analyze`, with each token reading's stem numbered by `stems`.
    pub fn analyze_with(
        text: &str,
        boilerplate: &BoilerplateRules,
        keep_boilerplate: bool,
        stems: Option<&StemTable>,
    ) -> Document {
        let norm = NormText::new(text);
        let sentences = segment::sentences(&norm);
        let tokens = segment::tokens(&norm, &sentences);
        let ranges = if keep_boilerplate {
            Vec::new()
        } else {
            boilerplate.excluded_ranges(&norm.text)
        };
        let mut excluded: Vec<bool> = sentences
            .iter()
            .map(|s| {
                ranges
                    .iter()
                    .any(|&(from, to)| s.norm.from >= from && s.norm.from < to)
            })
            .collect();
        // boilerplate rules that would leave nothing have misread the article (a scraper
        // that flattened it, a layout nobody foresaw): it is read whole instead, and says so
        let all_boilerplate = !excluded.is_empty() && excluded.iter().all(|&e| e);
        if all_boilerplate {
            excluded.iter_mut().for_each(|e| *e = false);
        }
        let readings = tokens
            .iter()
            .map(|t| {
                let token = &norm.text[t.norm.from..t.norm.to];
                match stems {
                    Some(stems) => stems.numbered_readings(token),
                    None => clitics::readings(token),
                }
            })
            .collect();
        let char_count = norm.original_len();
        Document {
            stems_generation: stems.map_or(0, StemTable::generation),
            sentence_texts: (0..sentences.len()).map(|_| Default::default()).collect(),
            norm,
            sentences,
            tokens,
            excluded,
            all_boilerplate,
            readings,
            checkpoints: checkpoints(text),
            char_count,
            original: text.to_string(),
        }
    }

    /// Whether this document's stems are numbered by the table of `generation` (the one a
    /// matcher was numbered by; 0, an unnumbered matcher, never matches).
    pub fn numbered_by(&self, generation: u64) -> bool {
        generation != 0 && self.stems_generation == generation
    }

    /// Normalised text of token `i`.
    pub fn token_text(&self, i: usize) -> &str {
        let t = &self.tokens[i];
        &self.norm.text[t.norm.from..t.norm.to]
    }

    /// The number of token `i` as written in the `StemTable` the document is numbered by
    /// (0: not in it, or too short to be read). The plain reading comes first and its stem
    /// is the whole token.
    #[inline]
    pub fn token_id(&self, i: usize) -> u32 {
        self.readings[i].plain_stem_id()
    }

    /// The numbers of token `i`'s reading stems, in the order of `token_readings`.
    #[inline]
    pub fn token_stem_ids(&self, i: usize) -> &[u32] {
        self.readings[i].stem_ids()
    }

    /// The clitic readings of token `i`, plain reading first.
    pub fn token_readings(&self, i: usize) -> impl Iterator<Item = Reading> + '_ {
        self.readings[i].iter()
    }

    /// Whether token `i` is in boilerplate.
    pub fn token_excluded(&self, i: usize) -> bool {
        self.excluded[self.tokens[i].sentence as usize]
    }

    /// The code-point spans of the datelines that open paragraphs: a place, maybe its
    /// country, and the outlet in brackets before a dash («دبي، الإمارات العربية المتحدة
    /// (CNN)--»). The place there is where the story was filed, not where its events are.
    pub fn datelines(&self) -> Vec<CharSpan> {
        const DATELINE_MAX_CHARS: usize = 80;
        let mut out = Vec::new();
        let mut line_start_char = 0u32;
        for line in self.original.split_inclusive('\n') {
            let head_end = line
                .char_indices()
                .nth(DATELINE_MAX_CHARS)
                .map_or(line.len(), |(b, _)| b);
            let head = &line[..head_end];
            if let Some(close) = head.find(')') {
                let before = &head[..close];
                let after = head[close + 1..].trim_start();
                let dash = after.starts_with(['-', '–', '—']);
                if dash && before.contains('(') {
                    let dashes = after
                        .chars()
                        .take_while(|c| matches!(c, '-' | '–' | '—'))
                        .count();
                    let end_char = head[..close + 1].chars().count()
                        + (head[close + 1..].len() - after.len())
                        + dashes;
                    out.push(CharSpan::new(
                        line_start_char,
                        line_start_char + end_char as u32,
                    ));
                }
            }
            line_start_char += line.chars().count() as u32;
        }
        out
    }

    /// Original text of the code-point span `[start, end)`, borrowed.
    pub fn original_str(&self, start: u32, end: u32) -> &str {
        let end = end.min(self.char_count);
        let start = start.min(end);
        &self.original[self.byte_at(start)..self.byte_at(end)]
    }

    /// Original text of the code-point span `[start, end)`.
    pub fn original(&self, start: u32, end: u32) -> String {
        let end = end.min(self.char_count);
        let start = start.min(end);
        let (from, to) = (self.byte_at(start), self.byte_at(end));
        self.original[from..to].to_string()
    }

    /// The byte offset of code point `at` (at most the character count) in the original.
    fn byte_at(&self, at: u32) -> usize {
        if at >= self.char_count {
            return self.original.len();
        }
        let from = self.checkpoints[(at / CHECKPOINT_CHARS) as usize] as usize;
        let walk = (at % CHECKPOINT_CHARS) as usize;
        self.original[from..]
            .char_indices()
            .nth(walk)
            .map_or(self.original.len(), |(offset, _)| from + offset)
    }

    /// Evidence for a fact in sentence `i`: the original text `[start, end)`, shared with
    /// the other facts of the sentence when it is the whole sentence.
    pub fn evidence(&self, i: u32, start: u32, end: u32) -> std::sync::Arc<str> {
        let s = &self.sentences[i as usize];
        match self.sentence_texts.get(i as usize) {
            Some(shared) if (start, end) == (s.chars.start, s.chars.end) => shared
                .get_or_init(|| self.original(start, end).into())
                .clone(),
            _ => self.original(start, end).into(),
        }
    }

    /// Original text of sentence `i`, the evidence for facts found in it.
    pub fn sentence_text(&self, i: u32) -> String {
        let s = &self.sentences[i as usize];
        self.original(s.chars.start, s.chars.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every code-point span cuts the same text as counting characters one by one, across
    /// checkpoints and characters of every width.
    #[test]
    fn original_spans_cut_by_code_points() {
        let text = "قال a لافروف 😀 في موسكو، «إنّ» ".repeat(4);
        let doc = Document::analyze(&text, &BoilerplateRules::default(), true);
        let chars: Vec<char> = text.chars().collect();
        assert!(chars.len() > 2 * CHECKPOINT_CHARS as usize);
        for start in 0..=chars.len() + 2 {
            for end in start..=chars.len() + 2 {
                let expected: String = chars
                    .iter()
                    .skip(start)
                    .take(end.min(chars.len()).saturating_sub(start))
                    .collect();
                assert_eq!(doc.original(start as u32, end as u32), expected);
            }
        }
        assert_eq!(doc.original(5, 2), "", "an empty span");
    }

    /// A thread's remembered readings are those of the table asked, even when tables take
    /// turns: the same word has another number in each.
    #[test]
    fn remembered_readings_follow_their_table() {
        let one = StemTable::new(["كتاب".to_string()]);
        let two = StemTable::new(["باب".to_string(), "كتاب".to_string()]);
        for _ in 0..2 {
            for table in [&one, &two] {
                for word in ["والكتاب", "كتاب", "باب"] {
                    let mut expected = clitics::readings(word);
                    expected.number_stems(word, |stem| table.id(stem));
                    let remembered = table.numbered_readings(word);
                    assert_eq!(remembered.stem_ids(), expected.stem_ids(), "{word}");
                    assert_eq!(
                        remembered.iter().collect::<Vec<_>>(),
                        expected.iter().collect::<Vec<_>>()
                    );
                }
            }
        }
        assert_ne!(one.id("كتاب"), two.id("كتاب"));
    }
}
