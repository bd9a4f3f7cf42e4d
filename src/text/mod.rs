//! The Arabic text layer: decoding, normalisation with offsets, boilerplate, sentences, tokens.

pub mod boilerplate;
pub mod clitics;
pub mod decode;
pub mod normalize;
pub mod segment;

use boilerplate::BoilerplateRules;
use clitics::{Reading, Readings};
use normalize::NormText;
use segment::{Sentence, Token};

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

/// An article's text prepared for extraction.
#[derive(Debug, Clone)]
pub struct Document {
    pub norm: NormText,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
    /// `excluded[i]` is true when sentence `i` lies in boilerplate.
    pub excluded: Vec<bool>,
    /// Clitic readings of each token, computed once: every matcher asks for them.
    readings: Vec<Readings>,
    /// The original text as code points, so spans and evidence slice in O(1).
    chars: Vec<char>,
    /// Each sentence's original text, made once when a fact first cites it.
    sentence_texts: Vec<std::sync::OnceLock<std::sync::Arc<str>>>,
}

impl Document {
    /// Normalises, finds boilerplate, splits sentences and tokens.
    pub fn analyze(text: &str, boilerplate: &BoilerplateRules, keep_boilerplate: bool) -> Document {
        let norm = NormText::new(text);
        let sentences = segment::sentences(&norm);
        let tokens = segment::tokens(&norm, &sentences);
        let ranges = if keep_boilerplate {
            Vec::new()
        } else {
            boilerplate.excluded_ranges(&norm.text)
        };
        let excluded = sentences
            .iter()
            .map(|s| {
                ranges
                    .iter()
                    .any(|&(from, to)| s.norm_from >= from && s.norm_from < to)
            })
            .collect();
        let readings = tokens
            .iter()
            .map(|t| clitics::readings(&norm.text[t.from..t.to]))
            .collect();
        Document {
            sentence_texts: (0..sentences.len()).map(|_| Default::default()).collect(),
            norm,
            sentences,
            tokens,
            excluded,
            readings,
            chars: text.chars().collect(),
        }
    }

    /// Normalised text of token `i`.
    pub fn token_text(&self, i: usize) -> &str {
        let t = &self.tokens[i];
        &self.norm.text[t.from..t.to]
    }

    /// The clitic readings of token `i`, plain reading first.
    pub fn token_readings(&self, i: usize) -> impl Iterator<Item = Reading> + '_ {
        self.readings[i].iter()
    }

    /// Whether token `i` is in boilerplate.
    pub fn token_excluded(&self, i: usize) -> bool {
        self.excluded[self.tokens[i].sentence as usize]
    }

    /// Original text of the code-point span `[start, end)`.
    pub fn original(&self, start: u32, end: u32) -> String {
        let end = (end as usize).min(self.chars.len());
        let start = (start as usize).min(end);
        self.chars[start..end].iter().collect()
    }

    /// Evidence for a fact in sentence `i`: the original text `[start, end)`, shared with
    /// the other facts of the sentence when it is the whole sentence.
    pub fn evidence(&self, i: u32, start: u32, end: u32) -> std::sync::Arc<str> {
        let s = &self.sentences[i as usize];
        match self.sentence_texts.get(i as usize) {
            Some(shared) if (start, end) == (s.start, s.end) => shared
                .get_or_init(|| self.original(start, end).into())
                .clone(),
            _ => self.original(start, end).into(),
        }
    }

    /// Original text of sentence `i`, the evidence for facts found in it.
    pub fn sentence_text(&self, i: u32) -> String {
        let s = &self.sentences[i as usize];
        self.original(s.start, s.end)
    }
}
