//! Pass: the learned tagger (`crate::ner`) reads every token, with what the rules above
//! claimed of it, and decides the names' boundaries and kinds.
//!
//! It runs after every rule, so it sees all their claims (the same state it was trained
//! on: `MentionFinder::tagger_features`). Gazetteer mentions stay: they are resolved, and
//! the model learned to trust them. A discovered mention stays if the model labels its
//! first token a name of its kind, and keeps its rule; otherwise it goes. A name the model
//! finds on free tokens becomes a mention of `RULE`: part of a name the article gives in
//! full stands for that entity; otherwise a person of two words or more is resolved like
//! any discovered name (`add_person`: a known name spelled otherwise is still found) and an
//! organisation of two words or more is discovered. One word alone and places are left to
//! the rules (measured in `docs/ner.md`).

use super::state::{Claim, State};
use super::{Cover, EntityRef, MentionFinder};
use crate::extract::gazetteer::EntityKind;
use crate::ner::features::{self, word_bits, RuleClaim, TokenInfo, MAX_STEMS};
use crate::ner::labels::{self, Label, NameKind};
use crate::ner::NerModel;
use crate::text::normalize::normalize_key;
use crate::text::Document;
use crate::vocab::Rule;
use rustc_hash::FxHashMap;

/// What the model alone found.
pub(super) const RULE: Rule = Rule::new("learned:tagger", 0.55);

/// The rule ids of gazetteer names matched by their surname alone (`gazetteer_surnames`).
const SURNAME_RULE_PREFIX: &str = "surname:";

/// One sentence's features, ready for the model (`NerModel::tag`).
#[derive(Debug, Clone)]
pub struct SentenceFeatures {
    /// The document token of its first token.
    pub first: usize,
    pub flat: Vec<u64>,
    pub ranges: Vec<(u32, u32)>,
}

/// A rule as its claim feature names it: the id without what it matched
/// (`discovered:title:الوزير` → `discovered:title`, `gazetteer:sergey-lavrov` → `gazetteer`).
fn rule_family(rule: &str) -> &str {
    let mut parts = rule.splitn(3, ':');
    let first = parts.next().unwrap_or("");
    match (first, parts.next()) {
        ("gazetteer" | "spelling", _) | (_, None) => first,
        (_, Some(second)) if second.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') => {
            &rule[..first.len() + 1 + second.len()]
        }
        _ => first,
    }
}

/// The readings' stems of token `i`, and whether each has the article.
fn token_stems(doc: &Document, i: usize) -> [Option<(&str, bool)>; MAX_STEMS] {
    let word = doc.token_text(i);
    let mut stems = [None; MAX_STEMS];
    let readings = doc.token_readings(i).filter(|r| r.stem_prefix > 0);
    for (slot, r) in stems.iter_mut().zip(readings) {
        *slot = Some((&word[r.stem_prefix..], r.has_article));
    }
    stems
}

/// `word_bits` of token `i`: the lists and gazetteer words it is in, as written, or its
/// stem after a plain clitic, or its name after the clitics with a written article.
fn word_bits_of(finder: &MentionFinder, doc: &Document, i: usize) -> u32 {
    let word = doc.token_text(i);
    let mut words = finder.ner_word_bits(word);
    for r in doc.token_readings(i) {
        if r.stem_prefix == 0 {
            continue;
        }
        if !r.has_article {
            words |= finder.ner_word_bits(&word[r.stem_prefix..]);
        }
        if r.has_article || r.span_prefix != r.stem_prefix {
            words |= finder.ner_word_bits(&word[r.span_prefix..]);
        }
    }
    words
}

/// What the tagger computes once per word and setup: its list bits, its hash and the
/// score of its word features (`features::word_features`). One per thread, kept across
/// articles (a word recurs in thousands of them), emptied when it grows past `CAPACITY`
/// or another setup (`MentionFinder::tagger_generation`) uses it.
#[derive(Default)]
struct WordCache {
    generation: u64,
    words: FxHashMap<String, CachedWord>,
    /// A number for each word or stem key seen, from 1.
    keys: FxHashMap<String, u32>,
}

#[derive(Clone, Copy)]
struct CachedWord {
    bits: u32,
    /// Its `elsewhere_keys` as numbers of `WordCache::keys` (0: none).
    keys: [u32; 1 + MAX_STEMS],
    hash: u64,
    score: [f32; Label::COUNT],
}

impl WordCache {
    const CAPACITY: usize = 1 << 17;

    fn for_setup(&mut self, generation: u64) -> &mut WordCache {
        if self.generation != generation || self.words.len() > Self::CAPACITY {
            self.words.clear();
            self.keys.clear();
            self.generation = generation;
        }
        self
    }

    /// Token `i`'s word as the tagger scores it (`stems` are the token's).
    fn word(
        &mut self,
        finder: &MentionFinder,
        model: &NerModel,
        doc: &Document,
        i: usize,
        stems: [Option<(&str, bool)>; MAX_STEMS],
    ) -> CachedWord {
        let word = doc.token_text(i);
        if let Some(c) = self.words.get(word) {
            return *c;
        }
        let bits = word_bits_of(finder, doc, i);
        let token = TokenInfo {
            word,
            stems,
            words: bits,
            ..TokenInfo::default()
        };
        let mut features = Vec::new();
        let hash = features::word_features(&token, finder.ner_mask, &mut features);
        let mut keys = [0; 1 + MAX_STEMS];
        for (slot, key) in keys.iter_mut().zip(elsewhere_keys(token)) {
            let next = self.keys.len() as u32 + 1;
            *slot = *self.keys.entry(key.to_string()).or_insert(next);
        }
        let cached = CachedWord {
            bits,
            keys,
            hash,
            score: model.score(&features),
        };
        self.words.insert(word.to_string(), cached);
        cached
    }
}

thread_local! {
    static WORD_CACHE: std::cell::RefCell<WordCache> = std::cell::RefCell::default();
}

/// Every token of the document as the tagger sees it (list bits through `known` if given).
fn token_infos<'s>(
    finder: &MentionFinder,
    s: &'s State,
    mut known: Option<(&mut WordCache, &NerModel, &mut Vec<CachedWord>)>,
) -> Vec<TokenInfo<'s>> {
    let doc = s.doc;
    let mut infos: Vec<TokenInfo> = (0..doc.tokens.len())
        .map(|i| {
            let word = doc.token_text(i);
            let stems = token_stems(doc, i);
            let words = match known.as_mut() {
                Some((cache, model, scored)) => {
                    let cached = cache.word(finder, model, doc, i, stems);
                    scored.push(cached);
                    cached.bits
                }
                None => word_bits_of(finder, doc, i),
            };
            let claim = match s.out.cover[i] {
                Cover::Mention(m) => {
                    let m = &s.out.mentions[m as usize];
                    Some(RuleClaim {
                        kind: NameKind::from(s.kind_of(&m.entity)),
                        begin: m.tokens.first as usize == i,
                        known: matches!(m.entity, EntityRef::Known(_)),
                        rule: rule_family(&m.rule),
                    })
                }
                _ => None,
            };
            let token = &doc.tokens[i];
            TokenInfo {
                word,
                stems,
                words,
                claim,
                nisba: matches!(s.out.cover[i], Cover::Nisba(_)),
                after_punct: token.after_punct,
                elsewhere: 0,
            }
        })
        .collect();
    match known {
        // the cached words' keys are numbers: no string is hashed per token
        Some((_, _, scored)) => mark_elsewhere(&mut infos, |i, _| {
            scored[i].keys.into_iter().filter(|&k| k != 0)
        }),
        None => mark_elsewhere(&mut infos, |_, t| elsewhere_keys(*t)),
    }
    infos
}

/// Sets `elsewhere`: per word and stem, the kinds the rules claimed of it in the document,
/// less the token's own claim.
fn mark_elsewhere<'s, K, I>(infos: &mut [TokenInfo<'s>], keys: impl Fn(usize, &TokenInfo<'s>) -> I)
where
    K: std::hash::Hash + Eq,
    I: Iterator<Item = K>,
{
    let mut counts: FxHashMap<K, [u32; 3]> = Default::default();
    for (i, t) in infos.iter().enumerate() {
        if let Some(c) = &t.claim {
            for key in keys(i, t) {
                counts.entry(key).or_default()[c.kind as usize] += 1;
            }
        }
    }
    if counts.is_empty() {
        return;
    }
    for (i, t) in infos.iter_mut().enumerate() {
        let own = t.claim.map(|c| c.kind as usize);
        let mut bits = 0u8;
        for key in keys(i, t) {
            if let Some(n) = counts.get(&key) {
                for (k, &count) in n.iter().enumerate() {
                    if count > u32::from(own == Some(k)) {
                        bits |= 1 << k;
                    }
                }
            }
        }
        t.elsewhere = bits;
    }
}

/// A token's word and stems, each once: the keys `mark_elsewhere` counts claims by.
fn elsewhere_keys(t: TokenInfo<'_>) -> impl Iterator<Item = &str> {
    let (word, stems) = (t.word, t.stems);
    std::iter::once(word)
        .chain(stems.into_iter().flatten().map(|(stem, _)| stem))
        .enumerate()
        .filter(move |&(k, key)| {
            k == 0 || (key != word && !stems[..k - 1].iter().flatten().any(|s| s.0 == key))
        })
        .map(|(_, key)| key)
}

/// Each sentence's tokens, `first..end`.
fn sentences(doc: &Document) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let n = doc.tokens.len();
    let mut first = 0;
    std::iter::from_fn(move || {
        if first >= n {
            return None;
        }
        let sentence = doc.tokens[first].sentence;
        let end = (first..n)
            .find(|&t| doc.tokens[t].sentence != sentence)
            .unwrap_or(n);
        let range = first..end;
        first = end;
        Some(range)
    })
}

/// The features of each sentence of the document, from the state the passes left.
pub(super) fn sentence_features(finder: &MentionFinder, s: &State) -> Vec<SentenceFeatures> {
    let infos = token_infos(finder, s, None);
    sentences(s.doc)
        .map(|range| {
            let mut sf = SentenceFeatures {
                first: range.start,
                flat: Vec::new(),
                ranges: Vec::new(),
            };
            features::sentence_features(
                &infos[range],
                finder.ner_mask,
                &mut sf.flat,
                &mut sf.ranges,
            );
            sf
        })
        .collect()
}

/// The clitic before a name the model found on token `first`: one whose stem is a known
/// name word («وأحمد»), or a conjunction before a word that is none («ورامي»); a name that
/// starts with those letters as written keeps them («وليد», «لافروف»).
fn name_prefix(finder: &MentionFinder, s: &State, first: usize) -> usize {
    let known = word_bits::FIRST_NAME
        | word_bits::GAZ_FIRST_PERS
        | word_bits::GAZ_FIRST_LOC
        | word_bits::GAZ_FIRST_ORG
        | word_bits::GAZ_INNER_PERS
        | word_bits::GAZ_SURNAME;
    let word = s.doc.token_text(first);
    if finder.ner_word_bits(word) & known != 0 {
        return 0;
    }
    let by_stem = s
        .doc
        .token_readings(first)
        .filter(|r| r.span_prefix > 0 && !r.has_article)
        .find(|r| finder.ner_word_bits(&word[r.span_prefix..]) & known != 0)
        .map(|r| r.span_prefix);
    by_stem.unwrap_or_else(|| {
        let conjunction = word.starts_with('و') && word.chars().count() > 4;
        if conjunction {
            'و'.len_utf8()
        } else {
            0
        }
    })
}

/// The names the rules found, each as its normalised words, for `part_of_a_name`.
fn full_names_of(s: &State) -> Vec<(Vec<String>, EntityRef)> {
    s.out.mentions.iter().map(full_name).collect()
}

/// A mention's normalised words and entity.
fn full_name(m: &super::Mention) -> (Vec<String>, EntityRef) {
    let key = normalize_key(&m.surface);
    (
        key.split(' ').map(str::to_string).collect(),
        m.entity.clone(),
    )
}

/// The one entity whose longer mention in the article contains `words`: a name the
/// article gave in full stands for it when part of it comes alone («مون» after «مون جاي
/// إن», «بيونغ تشانغ» after «مدينة بيونغ تشانغ»). None if no mention, or several entities.
fn part_of_a_name(names: &[(Vec<String>, EntityRef)], words: &[String]) -> Option<EntityRef> {
    let mut found: Option<&EntityRef> = None;
    for (name, entity) in names {
        let inside = name.len() > words.len()
            && name
                .windows(words.len())
                .any(|w| w.iter().zip(words).all(|(a, b)| a == b));
        if !inside {
            continue;
        }
        match found {
            Some(e) if e != entity => return None,
            _ => found = Some(entity),
        }
    }
    found.cloned()
}

/// The model's label of every token: each word's features scored once (`WordCache`),
/// the context's per token.
fn tag_document(
    finder: &MentionFinder,
    model: &NerModel,
    s: &State,
    cache: &mut WordCache,
) -> Vec<Label> {
    let mut words = Vec::with_capacity(s.doc.tokens.len());
    let infos = token_infos(finder, s, Some((cache, model, &mut words)));
    let mut labels = Vec::with_capacity(infos.len());
    let (mut hashes, mut scores, mut flat, mut ranges) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for range in sentences(s.doc) {
        let (first, end) = (range.start, range.end);
        let tokens = &infos[range];
        // boilerplate names nothing: its labels are O whatever the model says
        if (first..end).all(|t| s.doc.token_excluded(t)) {
            labels.resize(end, Label::O);
            continue;
        }
        hashes.clear();
        scores.clear();
        for w in &words[first..end] {
            hashes.push(w.hash);
            scores.push(w.score);
        }
        flat.clear();
        ranges.clear();
        for i in 0..tokens.len() {
            let from = flat.len() as u32;
            features::context_features(tokens, &hashes, i, finder.ner_mask, &mut flat);
            ranges.push((from, flat.len() as u32));
        }
        labels.extend(model.tag_with_words(&scores, &flat, &ranges));
    }
    labels
}

/// The model's label of every token of the document as the passes left it, boilerplate
/// O; None without a model.
pub(super) fn labels(finder: &MentionFinder, s: &State) -> Option<Vec<Label>> {
    let model = finder.model.as_deref()?;
    let mut labels = WORD_CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        let cache = cache.for_setup(finder.tagger_generation);
        tag_document(finder, model, s, cache)
    });
    for (t, label) in labels.iter_mut().enumerate() {
        if s.doc.token_excluded(t) {
            *label = Label::O;
        }
    }
    Some(labels)
}

pub(super) fn run(finder: &MentionFinder, s: &mut State) {
    let Some(labels) = labels(finder, s) else {
        return;
    };
    // discovered mentions the model does not read as names of their kind go; so does a
    // gazetteer surname alone that the model reads as the first word of a longer name on
    // free tokens, the next word no common word: «كيم» of «كيم يونج تشول» is not Kim Jong
    // Un (a family name written before the given names, which no full-name rule covers)
    let keep: Vec<bool> = s
        .out
        .mentions
        .iter()
        .map(|m| match &m.entity {
            EntityRef::Known(_) if m.rule.starts_with(SURNAME_RULE_PREFIX) => {
                let (first, end) = (m.tokens.first as usize, m.tokens.end as usize);
                let continued = end - first == 1
                    && labels.get(end) == Some(&Label::IPers)
                    && labels[first].kind() == Some(NameKind::Pers)
                    && s.out.cover.get(end) == Some(&Cover::Free)
                    && !s.lexicon.is_common(s.doc.token_text(end));
                !continued
            }
            EntityRef::Known(_) => true,
            EntityRef::Discovered { kind, .. } => {
                labels[m.tokens.first as usize].kind() == Some(NameKind::from(*kind))
            }
        })
        .collect();
    s.retain_mentions(&keep);
    // names on free tokens become mentions
    let mut full_names = None;
    for (first, end, kind) in labels::spans(&labels) {
        if (first..end).any(|t| s.out.cover[t] != Cover::Free) {
            continue;
        }
        let prefix = name_prefix(finder, s, first);
        if prefix == s.doc.token_text(first).len() {
            continue;
        }
        let claim = Claim::of(RULE);
        let names = full_names.get_or_insert_with(|| full_names_of(s));
        if let Some(entity) = part_of_a_name(names, &s.span_words(first, end, prefix)) {
            s.add(entity, first, end, prefix, claim);
            continue;
        }
        // one word alone names nobody the graph can tell apart («مون», «جون»), and places
        // are a closed class the gazetteer and the place triggers already cover: on real
        // news the model's places and one-word names were mostly wrong (docs/ner.md)
        if end - first < 2 || kind == NameKind::Loc {
            continue;
        }
        if kind == NameKind::Pers {
            s.add_person(first, end, prefix, claim);
        } else {
            let entity = EntityRef::Discovered {
                kind: EntityKind::Organization,
                key: s.span_words(first, end, prefix).join(" "),
            };
            s.add(entity, first, end, prefix, claim);
        }
        // a new name of its own: later parts of it stand for it too
        if let (Some(names), Cover::Mention(m)) = (full_names.as_mut(), s.out.cover[first]) {
            names.push(full_name(&s.out.mentions[m as usize]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_families_drop_what_was_matched() {
        assert_eq!(rule_family("discovered:title:الوزير"), "discovered:title");
        assert_eq!(rule_family("gazetteer:sergey-lavrov"), "gazetteer");
        assert_eq!(rule_family("gazetteer:putin"), "gazetteer");
        assert_eq!(rule_family("surname"), "surname");
        assert_eq!(rule_family("surname:after_title"), "surname:after_title");
        assert_eq!(rule_family("spelling:putin"), "spelling");
    }
}
