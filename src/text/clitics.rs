//! Clitic readings of a token: the few ways Arabic grammar lets it split into attached
//! conjunctions/prepositions/article and a stem («وبالكرملين» → و + ب + ال + كرملين).
//!
//! Every matcher asks for a token's readings many times, so `Document` computes them once
//! per token; `readings` stays public for words that are not tokens of a document.

/// Conjunction and preposition prefixes that attach to a bare noun.
const PLAIN_PREFIXES: [&[char]; 12] = [
    &[],
    &['و'],
    &['ف'],
    &['ب'],
    &['ل'],
    &['ك'],
    &['و', 'ب'],
    &['و', 'ل'],
    &['و', 'ك'],
    &['ف', 'ب'],
    &['ف', 'ل'],
    &['ف', 'ك'],
];
/// Prefixes that can stand before the article ال.
const ARTICLE_PREFIXES: [&[char]; 9] = [
    &[],
    &['و'],
    &['ف'],
    &['ب'],
    &['ك'],
    &['و', 'ب'],
    &['ف', 'ب'],
    &['و', 'ك'],
    &['ف', 'ك'],
];
/// Prefixes before لل (ل + ال with the alef dropped).
const LAM_LAM_PREFIXES: [&[char]; 3] = [&[], &['و'], &['ف']];
/// A stem must keep this many letters, so a clitic split never leaves a stub.
pub const MIN_STEM_CHARS: usize = 2;

/// A way to read a token as clitics + stem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    /// The stem's number in the document's `StemTable` (0: none, or no table).
    pub stem_id: u32,
    /// Bytes before the name as written: the clitics, but not a written article (بالسعودية
    /// → «السعودية»); for لل the whole لل (للكرملين → «كرملين»).
    pub span_prefix: usize,
    /// Bytes before the stem that the phrase index is keyed by.
    pub stem_prefix: usize,
    pub has_article: bool,
}

/// At most five readings exist: the plain prefixes give three (none, one letter, two
/// letters), and only one of the article or لل readings can fit the same token.
const MAX_READINGS: usize = 6;

/// The readings of one token, packed small (a document keeps one per token): prefix
/// lengths in bytes fit a byte each.
#[derive(Debug, Clone, Copy, Default)]
pub struct Readings {
    items: [(u8, u8, bool); MAX_READINGS],
    len: u8,
    stem_ids: [u32; MAX_READINGS],
}

impl Readings {
    /// Numbers each reading's stem (the token from the reading's stem prefix on).
    pub fn number_stems(&mut self, token: &str, id: impl Fn(&str) -> Option<u32>) {
        for (k, &(_, stem_prefix, _)) in self.items[..self.len as usize].iter().enumerate() {
            self.stem_ids[k] = token.get(stem_prefix as usize..).and_then(&id).unwrap_or(0);
        }
    }

    /// The numbers of the readings' stems, in the order of `iter`.
    #[inline]
    pub fn stem_ids(&self) -> &[u32] {
        &self.stem_ids[..self.len as usize]
    }

    /// The number of the plain reading's stem, the token as written (0: none).
    #[inline]
    pub fn plain_stem_id(&self) -> u32 {
        match self.items[0] {
            (0, 0, false) if self.len > 0 => self.stem_ids[0],
            _ => 0,
        }
    }

    /// Adds a reading: prefix lengths in bytes, and whether the stem follows an article.
    fn push(&mut self, span_prefix: usize, stem_prefix: usize, has_article: bool) {
        if (self.len as usize) < MAX_READINGS {
            self.items[self.len as usize] = (span_prefix as u8, stem_prefix as u8, has_article);
            self.len += 1;
        }
    }

    /// The readings, plain reading first.
    #[inline]
    pub fn iter(&self) -> impl Iterator<Item = Reading> + '_ {
        (0..self.len as usize).map(|k| {
            let (span_prefix, stem_prefix, has_article) = self.items[k];
            Reading {
                stem_id: self.stem_ids[k],
                span_prefix: span_prefix as usize,
                stem_prefix: stem_prefix as usize,
                has_article,
            }
        })
    }
}

/// The readings of a token, plain reading first. Prefix letters are all two-byte Arabic
/// letters, so byte offsets are twice the letter counts.
pub fn readings(token: &str) -> Readings {
    let mut out = Readings::default();
    // most tokens start with no clitic letter at all: then the plain reading is the only one
    let mut chars = token.chars();
    let first = chars.next();
    if !matches!(first, Some('و' | 'ف' | 'ب' | 'ل' | 'ك' | 'ا')) {
        if chars.next().is_some() {
            out.push(0, 0, false);
        }
        return out;
    }
    // the first letters, decoded once: prefixes are compared letter by letter
    let mut head = ['\0'; 6];
    let mut total = 0usize;
    for (i, c) in token.chars().enumerate() {
        if i < head.len() {
            head[i] = c;
        }
        total += 1;
        if total > head.len() + MIN_STEM_CHARS {
            break;
        }
    }
    let has = |prefix: &[char], at: usize| {
        prefix
            .iter()
            .enumerate()
            .all(|(k, c)| head.get(at + k) == Some(c))
    };
    // bytes of `n` leading letters (each prefix letter is two bytes in UTF-8)
    let bytes = |n: usize| n * 2;
    for p in PLAIN_PREFIXES {
        if has(p, 0) && total >= p.len() + MIN_STEM_CHARS {
            out.push(bytes(p.len()), bytes(p.len()), false);
        }
    }
    for p in ARTICLE_PREFIXES {
        if has(p, 0) && has(&['ا', 'ل'], p.len()) && total >= p.len() + 2 + MIN_STEM_CHARS {
            out.push(bytes(p.len()), bytes(p.len() + 2), true);
        }
    }
    for p in LAM_LAM_PREFIXES {
        if has(p, 0) && has(&['ل', 'ل'], p.len()) && total >= p.len() + 2 + MIN_STEM_CHARS {
            out.push(bytes(p.len() + 2), bytes(p.len() + 2), true);
        }
    }
    out
}
