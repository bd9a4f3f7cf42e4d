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
use crate::ner::{FeatureMask, NerModel};
use crate::text::normalize::normalize_key;
use crate::text::Document;
use crate::vocab::Rule;
use rustc_hash::FxHashMap;

/// What the model alone found.
pub(super) const RULE: Rule = Rule::new("learned:tagger", 0.55);

/// One sentence's features, ready for the model (`NerModel::tag`).
#[derive(Debug, Clone)]
pub struct SentenceFeatures {
    /// The document token of its first token.
    pub first: usize,
    pub flat: Vec<u64>,
    pub ranges: Vec<(u32, u32)>,
}

pub(super) fn name_kind(kind: EntityKind) -> NameKind {
    match kind {
        EntityKind::Person => NameKind::Pers,
        EntityKind::Organization => NameKind::Org,
        EntityKind::Location | EntityKind::Country => NameKind::Loc,
    }
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
}

#[derive(Clone, Copy)]
struct CachedWord {
    bits: u32,
    /// Set once the word's features are scored.
    scored: Option<(u64, [f32; Label::COUNT])>,
}

impl WordCache {
    const CAPACITY: usize = 1 << 17;

    fn for_setup(&mut self, generation: u64) -> &mut WordCache {
        if self.generation != generation || self.words.len() > Self::CAPACITY {
            self.words.clear();
            self.generation = generation;
        }
        self
    }

    fn word_bits(&mut self, finder: &MentionFinder, doc: &Document, i: usize) -> u32 {
        let word = doc.token_text(i);
        if let Some(c) = self.words.get(word) {
            return c.bits;
        }
        let bits = word_bits_of(finder, doc, i);
        self.words
            .insert(word.to_string(), CachedWord { bits, scored: None });
        bits
    }

    /// The hash and word-feature score of `t` (whose bits are cached already).
    fn scored(
        &mut self,
        t: &TokenInfo,
        model: &NerModel,
        mask: FeatureMask,
        scratch: &mut Vec<u64>,
    ) -> (u64, [f32; Label::COUNT]) {
        let entry = self.words.get_mut(t.word).expect("bits are cached first");
        *entry.scored.get_or_insert_with(|| {
            scratch.clear();
            let hash = features::word_features(t, mask, scratch);
            (hash, model.score(scratch))
        })
    }
}

thread_local! {
    static WORD_CACHE: std::cell::RefCell<WordCache> = std::cell::RefCell::default();
}

/// Every token of the document as the tagger sees it (list bits through `known` if given).
fn token_infos<'s>(
    finder: &MentionFinder,
    s: &'s State,
    mut known: Option<&mut WordCache>,
) -> Vec<TokenInfo<'s>> {
    let doc = s.doc;
    let mut infos: Vec<TokenInfo> = (0..doc.tokens.len())
        .map(|i| {
            let word = doc.token_text(i);
            let (stems, words) = match known.as_deref_mut() {
                Some(cache) => (token_stems(doc, i), cache.word_bits(finder, doc, i)),
                None => (token_stems(doc, i), word_bits_of(finder, doc, i)),
            };
            let claim = match s.out.cover[i] {
                Cover::Mention(m) => {
                    let m = &s.out.mentions[m as usize];
                    Some(RuleClaim {
                        kind: name_kind(s.kind_of(&m.entity)),
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
    mark_elsewhere(&mut infos);
    infos
}

/// Sets `elsewhere`: per word and stem, the kinds the rules claimed of it in the document,
/// less the token's own claim.
fn mark_elsewhere<'s>(infos: &mut [TokenInfo<'s>]) {
    // the token's word and stems, each once
    fn keys<'s>(t: &TokenInfo<'s>) -> impl Iterator<Item = &'s str> {
        let (word, stems) = (t.word, t.stems);
        std::iter::once(word)
            .chain(stems.into_iter().flatten().map(|(stem, _)| stem))
            .enumerate()
            .filter(move |&(k, key)| {
                k == 0 || (key != word && !stems[..k - 1].iter().flatten().any(|s| s.0 == key))
            })
            .map(|(_, key)| key)
    }
    let mut counts: rustc_hash::FxHashMap<&str, [u32; 3]> = Default::default();
    for t in infos.iter() {
        if let Some(c) = &t.claim {
            for key in keys(t) {
                counts.entry(key).or_default()[c.kind as usize] += 1;
            }
        }
    }
    if counts.is_empty() {
        return;
    }
    for t in infos.iter_mut() {
        let own = t.claim.map(|c| c.kind as usize);
        let mut bits = 0u8;
        for key in keys(t) {
            if let Some(n) = counts.get(key) {
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

/// The features of each sentence of the document, from the state the passes left.
pub(super) fn sentence_features(finder: &MentionFinder, s: &State) -> Vec<SentenceFeatures> {
    let infos = token_infos(finder, s, None);
    let mut out = Vec::new();
    let mut first = 0;
    while first < infos.len() {
        let sentence = s.doc.tokens[first].sentence;
        let end = (first..infos.len())
            .find(|&t| s.doc.tokens[t].sentence != sentence)
            .unwrap_or(infos.len());
        let mut sf = SentenceFeatures {
            first,
            flat: Vec::new(),
            ranges: Vec::new(),
        };
        features::sentence_features(
            &infos[first..end],
            finder.ner_mask,
            &mut sf.flat,
            &mut sf.ranges,
        );
        out.push(sf);
        first = end;
    }
    out
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
    let infos = token_infos(finder, s, Some(&mut *cache));
    let mut labels = Vec::with_capacity(infos.len());
    let (mut hashes, mut scores, mut flat, mut ranges, mut scratch) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut first = 0;
    while first < infos.len() {
        let sentence = s.doc.tokens[first].sentence;
        let end = (first..infos.len())
            .find(|&t| s.doc.tokens[t].sentence != sentence)
            .unwrap_or(infos.len());
        let tokens = &infos[first..end];
        hashes.clear();
        scores.clear();
        for t in tokens {
            let (hash, score) = cache.scored(t, model, finder.ner_mask, &mut scratch);
            hashes.push(hash);
            scores.push(score);
        }
        flat.clear();
        ranges.clear();
        for i in 0..tokens.len() {
            let from = flat.len() as u32;
            features::context_features(tokens, &hashes, i, finder.ner_mask, &mut flat);
            ranges.push((from, flat.len() as u32));
        }
        labels.extend(model.tag_with_words(&scores, &flat, &ranges));
        first = end;
    }
    labels
}

pub(super) fn run(finder: &MentionFinder, s: &mut State) {
    let Some(model) = finder.model.as_deref() else {
        return;
    };
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
    // discovered mentions the model does not read as names of their kind go
    let keep: Vec<bool> = s
        .out
        .mentions
        .iter()
        .map(|m| match &m.entity {
            EntityRef::Known(_) => true,
            EntityRef::Discovered { kind, .. } => {
                labels[m.tokens.first as usize].kind() == Some(name_kind(*kind))
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
