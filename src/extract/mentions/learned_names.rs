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
use crate::text::normalize::normalize_key;
use crate::vocab::Rule;

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

/// Every token of the document as the tagger sees it.
fn token_infos<'s>(finder: &MentionFinder, s: &'s State) -> Vec<TokenInfo<'s>> {
    let doc = s.doc;
    let mut infos: Vec<TokenInfo> = (0..doc.tokens.len())
        .map(|i| {
            let word = doc.token_text(i);
            let mut stems = [None; MAX_STEMS];
            let mut words = finder.ner_word_bits(word);
            let mut k = 0;
            for r in doc.token_readings(i) {
                if r.stem_prefix == 0 {
                    continue;
                }
                let stem = &word[r.stem_prefix..];
                if !r.has_article {
                    words |= finder.ner_word_bits(stem);
                }
                if r.has_article || r.span_prefix != r.stem_prefix {
                    words |= finder.ner_word_bits(&word[r.span_prefix..]);
                }
                if k < MAX_STEMS {
                    stems[k] = Some((stem, r.has_article));
                    k += 1;
                }
            }
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
    let infos = token_infos(finder, s);
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

/// The one entity whose longer mention in the article contains `words`: a name the
/// article gave in full stands for it when part of it comes alone («مون» after «مون جاي
/// إن», «بيونغ تشانغ» after «مدينة بيونغ تشانغ»). None if no mention, or several entities.
fn part_of_a_name(s: &State, words: &[String]) -> Option<EntityRef> {
    let mut found: Option<&EntityRef> = None;
    for m in &s.out.mentions {
        let key = normalize_key(&m.surface);
        let mention: Vec<&str> = key.split(' ').collect();
        let inside = mention.len() > words.len()
            && mention
                .windows(words.len())
                .any(|w| w.iter().zip(words).all(|(a, b)| a == b));
        if !inside {
            continue;
        }
        match found {
            Some(e) if *e != m.entity => return None,
            _ => found = Some(&m.entity),
        }
    }
    found.cloned()
}

pub(super) fn run(finder: &MentionFinder, s: &mut State) {
    let Some(model) = finder.model.as_deref() else {
        return;
    };
    let mut labels = vec![Label::O; s.doc.tokens.len()];
    for sentence in sentence_features(finder, s) {
        let tags = model.tag(&sentence.flat, &sentence.ranges);
        labels[sentence.first..sentence.first + tags.len()].copy_from_slice(&tags);
    }
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
    for (first, end, kind) in labels::spans(&labels) {
        if (first..end).any(|t| s.out.cover[t] != Cover::Free) {
            continue;
        }
        let prefix = name_prefix(finder, s, first);
        if prefix == s.doc.token_text(first).len() {
            continue;
        }
        let claim = Claim::of(RULE);
        if let Some(entity) = part_of_a_name(s, &s.span_words(first, end, prefix)) {
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
