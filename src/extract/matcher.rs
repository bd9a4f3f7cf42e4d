//! Clitic-aware phrase matching over tokens.
//!
//! Arabic attaches conjunctions, prepositions and the article to the next word: «ولافروف»,
//! «للكرملين», «بالسعودية». Instead of searching raw text (where «مصر» hides inside
//! «المصري» and «بوتين» inside «عبوتين»), each token is split into the few prefix/stem pairs
//! the grammar allows, and the stem must equal the phrase's first word exactly. A name that
//! itself begins with one of those letters (واشنطن، لافروف، بوتين، وليام) matches as a whole
//! word first, so it never loses a letter.

use rustc_hash::FxHashMap;

use crate::text::clitics::MIN_STEM_CHARS;
use crate::text::morph;
use crate::text::{Document, StemTable};

/// Whether a phrase's first word carries the article in the data (الكرملين).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Article {
    /// The phrase starts with ال: the text must have it (or لل) in front of the stem.
    Required,
    /// The phrase has no ال: the text must not either («مصر» ≠ «المصر...»).
    Forbidden,
    /// Either (nisba adjectives: روسي / الروسي).
    Optional,
}

#[derive(Debug, Clone)]
struct Phrase<T> {
    rest: Vec<String>,
    /// Once numbered: each word of `rest` by its number in the `StemTable` (0: compared
    /// as text), so the tokens after a phrase's first one are compared by number: common
    /// first words («محمد», «وزارة», «جامعة») start dozens of phrases each.
    rest_ids: Vec<u32>,
    article: Article,
    payload: T,
}

/// A phrase found in a document.
#[derive(Debug, Clone, PartialEq)]
pub struct PhraseMatch<'a, T> {
    /// First and one-past-last token.
    pub first: usize,
    pub end: usize,
    /// Bytes of clitic prefix on the first token (و، ب، لل ...), not part of the name.
    pub prefix_len: usize,
    pub payload: &'a T,
}

/// Phrases indexed by their first word's stem.
#[derive(Debug, Clone)]
pub struct PhraseIndex<T> {
    /// Phrases sharing a first stem, longest first.
    buckets: Vec<Vec<Phrase<T>>>,
    /// First stem → its bucket.
    by_first: FxHashMap<String, u32>,
    /// Once numbered: for each stem number of a `StemTable`, its bucket + 1 (0: none).
    by_stem_id: Vec<u32>,
    /// Once numbered: bit `n` is set when stem number `n` starts a phrase. Nearly every
    /// token is asked about and starts none; these bits answer from a few kilobytes where
    /// `by_stem_id` spans the whole table.
    starts: Vec<u64>,
    /// The table of `by_stem_id` (0: not numbered).
    stems_generation: u64,
}

impl<T> Default for PhraseIndex<T> {
    fn default() -> Self {
        PhraseIndex {
            buckets: Vec::new(),
            by_first: FxHashMap::default(),
            by_stem_id: Vec::new(),
            starts: Vec::new(),
            stems_generation: 0,
        }
    }
}

/// Splits a normalised phrase into words, as the tokenizer would.
pub fn words(phrase: &str) -> Vec<String> {
    phrase
        .split(|c: char| !crate::text::is_word_char(c))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

impl<T> PhraseIndex<T> {
    /// Adds a phrase (already normalised). `article_optional` is for adjectives.
    pub fn insert(&mut self, phrase: &str, article_optional: bool, payload: T) {
        let mut tokens = words(phrase);
        if tokens.is_empty() {
            return;
        }
        let first = tokens.remove(0);
        let (stem, article) = match first.strip_prefix(morph::ARTICLE) {
            Some(rest) if rest.chars().count() >= MIN_STEM_CHARS => (
                rest.to_string(),
                if article_optional {
                    Article::Optional
                } else {
                    Article::Required
                },
            ),
            _ if article_optional => (first, Article::Optional),
            _ => (first, Article::Forbidden),
        };
        let next = self.buckets.len() as u32;
        let at = *self.by_first.entry(stem).or_insert(next);
        if at == next {
            self.buckets.push(Vec::new());
        }
        // numbers are taken after all phrases are in; a later phrase needs new ones
        self.stems_generation = 0;
        let bucket = &mut self.buckets[at as usize];
        bucket.push(Phrase {
            rest_ids: vec![0; tokens.len()],
            rest: tokens,
            article,
            payload,
        });
        bucket.sort_by_key(|p| std::cmp::Reverse(p.rest.len()));
    }

    /// The words to number in a `StemTable`: the first stems phrases are keyed by, and
    /// the other words of the phrases.
    pub fn stems(&self) -> impl Iterator<Item = &str> {
        let rest = self
            .buckets
            .iter()
            .flatten()
            .flat_map(|p| p.rest.iter().map(String::as_str));
        self.by_first.keys().map(String::as_str).chain(rest)
    }

    /// Finds phrases by the numbers of `table` from now on (for documents numbered by the
    /// same table). Left unnumbered if the table lacks one of the stems.
    pub fn number_stems(&mut self, table: &StemTable) {
        let mut by_stem_id = vec![0u32; table.len() + 1];
        let mut starts = vec![0u64; by_stem_id.len().div_ceil(64)];
        for (stem, &bucket) in &self.by_first {
            match table.id(stem) {
                Some(id) => {
                    by_stem_id[id as usize] = bucket + 1;
                    starts[id as usize / 64] |= 1 << (id % 64);
                }
                None => return,
            }
        }
        // a token shorter than a stem has no reading and so no number: such words stay text
        for phrase in self.buckets.iter_mut().flatten() {
            for (word, id) in phrase.rest.iter().zip(&mut phrase.rest_ids) {
                let numbered = word.chars().nth(MIN_STEM_CHARS - 1).is_some();
                *id = table.id(word).filter(|_| numbered).unwrap_or(0);
            }
        }
        self.by_stem_id = by_stem_id;
        self.starts = starts;
        self.stems_generation = table.generation();
    }

    /// Whether stem number `stem_id` starts a phrase (for a numbered document).
    #[inline]
    fn starts_phrase(&self, stem_id: u32) -> bool {
        let (word, bit) = (stem_id as usize / 64, stem_id % 64);
        self.starts.get(word).is_some_and(|w| w & (1 << bit) != 0)
    }

    /// The phrases whose first stem has number `stem_id` (for a numbered document).
    #[inline]
    fn bucket_by_number(&self, stem_id: u32) -> Option<&[Phrase<T>]> {
        let at = (*self.by_stem_id.get(stem_id as usize)?).checked_sub(1)?;
        Some(&self.buckets[at as usize])
    }

    /// The phrases whose first stem is `stem`.
    fn bucket_by_text(&self, stem: &str) -> Option<&[Phrase<T>]> {
        let at = *self.by_first.get(stem)?;
        Some(&self.buckets[at as usize])
    }

    /// Number of distinct first stems.
    pub fn len(&self) -> usize {
        self.by_first.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }

    /// The longest phrase starting at token `i` (ties: the shortest clitic prefix).
    #[inline]
    pub fn longest_at<'a>(&'a self, doc: &Document, i: usize) -> Option<PhraseMatch<'a, T>> {
        let numbered = doc.numbered_by(self.stems_generation);
        // most tokens start no phrase: numbered, they are ruled out by their numbers alone,
        // here in the caller
        if numbered
            && !doc
                .token_stem_ids(i)
                .iter()
                .any(|&id| self.starts_phrase(id))
        {
            return None;
        }
        self.longest_from(doc, i, numbered)
    }

    /// `longest_at` for a token that may start a phrase.
    fn longest_from<'a>(
        &'a self,
        doc: &Document,
        i: usize,
        numbered: bool,
    ) -> Option<PhraseMatch<'a, T>> {
        let mut best: Option<PhraseMatch<'a, T>> = None;
        for reading in doc.token_readings(i) {
            let bucket = if numbered {
                self.bucket_by_number(reading.stem_id)
            } else {
                self.bucket_by_text(&doc.token_text(i)[reading.stem_prefix..])
            };
            let Some(bucket) = bucket else {
                continue;
            };
            let sentence = doc.tokens[i].sentence;
            let (has_article, prefix_len) = (reading.has_article, reading.span_prefix);
            for phrase in bucket {
                let article_ok = match phrase.article {
                    Article::Required => has_article,
                    Article::Forbidden => !has_article,
                    Article::Optional => true,
                };
                if !article_ok {
                    continue;
                }
                let end = i + 1 + phrase.rest.len();
                if end > doc.tokens.len() {
                    continue;
                }
                let rest_ok =
                    phrase
                        .rest
                        .iter()
                        .zip(&phrase.rest_ids)
                        .enumerate()
                        .all(|(k, (word, &id))| {
                            let j = i + 1 + k;
                            let t = &doc.tokens[j];
                            t.sentence == sentence
                                && !t.after_break
                                && if numbered && id != 0 {
                                    doc.token_id(j) == id
                                } else {
                                    doc.token_text(j) == word
                                }
                        });
                let better = best.as_ref().is_none_or(|b| {
                    (end, std::cmp::Reverse(prefix_len)) > (b.end, std::cmp::Reverse(b.prefix_len))
                });
                if rest_ok && better {
                    best = Some(PhraseMatch {
                        first: i,
                        end,
                        prefix_len,
                        payload: &phrase.payload,
                    });
                }
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::boilerplate::BoilerplateRules;
    use crate::text::normalize::normalize_key;

    fn index() -> PhraseIndex<&'static str> {
        let mut index = PhraseIndex::default();
        for (name, id) in [
            ("لافروف", "lavrov"),
            ("واشنطن", "washington"),
            ("بوتين", "putin"),
            ("وليام بيرنز", "burns"),
            ("الكرملين", "kremlin"),
            ("السعودية", "saudi"),
            ("مصر", "egypt"),
            ("وكالة الاستخبارات المركزية", "cia"),
            ("مجموعة ب", "group-b"),
        ] {
            index.insert(&normalize_key(name), false, id);
        }
        index.insert(&normalize_key("روسي"), true, "russian");
        index
    }

    fn find(text: &str) -> Vec<(&'static str, String)> {
        let doc = Document::analyze(text, &BoilerplateRules::default(), false);
        find_in(&doc, &index())
    }

    fn find_in(doc: &Document, index: &PhraseIndex<&'static str>) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < doc.tokens.len() {
            match index.longest_at(doc, i) {
                Some(m) => {
                    let t = &doc.tokens[m.first];
                    let (start, _) = doc
                        .norm
                        .original_span(t.norm.from + m.prefix_len, t.norm.to);
                    let end = doc.tokens[m.end - 1].chars.end;
                    out.push((*m.payload, doc.original(start, end)));
                    i = m.end;
                }
                None => i += 1,
            }
        }
        out
    }

    #[test]
    fn stems_found_by_number_match_as_by_text() {
        let mut numbered = index();
        let table = StemTable::new(numbered.stems().map(str::to_string));
        numbered.number_stems(&table);
        let other_table = StemTable::new(numbered.stems().map(str::to_string));
        for text in [
            "وقال لافروف في واشنطن إن بوتين ووليام بيرنز التقيا بالكرملين",
            "مصر والمصري وبالسعودية وللكرملين والروسي روسي عبوتين",
            "وكالة الاستخبارات المركزية ووكالة الاستخبارات",
            // a one-letter word has no reading to be numbered by: it is compared as text
            "فاز فريق مجموعة ب ثم مجموعة بب",
        ] {
            let plain = Document::analyze(text, &BoilerplateRules::default(), false);
            let expected = find_in(&plain, &index());
            assert!(!expected.is_empty());
            let by_number =
                Document::analyze_with(text, &BoilerplateRules::default(), false, Some(&table));
            // the number path is the one taken: the index and the document share the table
            assert!(by_number.numbered_by(numbered.stems_generation));
            assert_eq!(find_in(&by_number, &numbered), expected, "{text}");
            // a document numbered by another table is matched by text, not by wrong numbers
            let other = Document::analyze_with(
                text,
                &BoilerplateRules::default(),
                false,
                Some(&other_table),
            );
            assert_eq!(find_in(&other, &numbered), expected, "{text}");
        }
        // a reading's stem carries its number («ولافروف»: و + لافروف)
        let doc =
            Document::analyze_with("ولافروف", &BoilerplateRules::default(), false, Some(&table));
        let lavrov = table.id("لافروف").unwrap();
        assert!(doc.token_readings(0).any(|r| r.stem_id == lavrov));
        assert!(!doc.numbered_by(other_table.generation()));
    }

    #[test]
    fn clitics_are_stripped() {
        assert_eq!(find("ولافروف"), vec![("lavrov", "لافروف".to_string())]);
        assert_eq!(find("للكرملين"), vec![("kremlin", "كرملين".to_string())]);
        assert_eq!(find("بالسعودية"), vec![("saudi", "السعودية".to_string())]);
        assert_eq!(
            find("وبالكرملين"),
            vec![("kremlin", "الكرملين".to_string())]
        );
    }

    #[test]
    fn names_starting_with_clitic_letters_keep_their_letters() {
        assert_eq!(find("واشنطن"), vec![("washington", "واشنطن".to_string())]);
        assert_eq!(find("لافروف"), vec![("lavrov", "لافروف".to_string())]);
        assert_eq!(find("بوتين"), vec![("putin", "بوتين".to_string())]);
        assert_eq!(
            find("ووليام بيرنز"),
            vec![("burns", "وليام بيرنز".to_string())]
        );
        assert_eq!(
            find("وليام بيرنز"),
            vec![("burns", "وليام بيرنز".to_string())]
        );
    }

    #[test]
    fn no_match_inside_longer_words() {
        assert!(find("عبوتين").is_empty());
        assert!(
            find("المصري").is_empty(),
            "مصر must not match inside المصري"
        );
        assert!(find("كرملين").is_empty(), "the article is part of الكرملين");
    }

    #[test]
    fn multiword_and_adjectives() {
        assert_eq!(
            find("مدير وكالة الاستخبارات المركزية الأمريكية"),
            vec![("cia", "وكالة الاستخبارات المركزية".to_string())]
        );
        assert_eq!(find("الروسي"), vec![("russian", "الروسي".to_string())]);
        assert!(
            find("وكالة الاستخبارات، المركزية").is_empty(),
            "a comma breaks a name"
        );
    }
}
