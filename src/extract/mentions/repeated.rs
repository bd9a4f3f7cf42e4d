//! Pass: a name discovered once names the same entity wherever its article writes it again.

use rustc_hash::FxHashMap;

use super::state::{Claim, State};
use super::{laqab, places, Cover, EntityRef, MentionFinder};
use crate::extract::gazetteer::EntityKind;
use crate::text::morph;
use crate::vocab::Rule;

pub(super) const RULE: Rule = Rule::new("discovered:repeated", 0.5);

/// A name discovered once in an article names the same entity wherever the article
/// writes it again, with or without the trigger that found it (one sense per article):
/// «وقال باتشان» found the actor, so «واختير باتشان» is him too. A name discovered as
/// two kinds in one article is left alone where no rule fires; a one-word name must be
/// long enough and not a common word.
pub(super) fn run(_: &MentionFinder, s: &mut State) {
    let mut names: FxHashMap<&str, Option<(&EntityRef, Vec<&str>)>> = FxHashMap::default();
    for m in &s.out.mentions {
        let EntityRef::Discovered { key, .. } = &m.entity else {
            continue;
        };
        let words: Vec<&str> = key.split(' ').collect();
        let head = words[0];
        // a one-word name must look like one: no common word, and no article unless a
        // rule found it with its article (a club, a laqab, a place after its trigger):
        // «العاصمة», «الحياة» that slipped through once are not spread
        let definite_ok = s.kind_of(&m.entity) == EntityKind::Organization
            || m.rule == laqab::RULE.id
            || m.rule == places::RULE.id;
        let one_word_usable = words.len() > 1
            || (head.chars().count() >= 3
                && !s.is_common_with_clitics(head)
                && (!head.starts_with(morph::ARTICLE) || definite_ok));
        if !one_word_usable || s.lexicon.name_words.connectors.contains(head) {
            continue;
        }
        names
            .entry(key.as_str())
            .and_modify(|e| {
                if e.as_ref().is_some_and(|(entity, _)| *entity != &m.entity) {
                    *e = None;
                }
            })
            .or_insert_with(|| Some((&m.entity, words)));
    }
    let mut by_head: FxHashMap<String, Vec<(EntityRef, Vec<String>)>> = FxHashMap::default();
    for (entity, words) in names.into_values().flatten() {
        by_head.entry(words[0].to_string()).or_default().push((
            entity.clone(),
            words.iter().map(|w| w.to_string()).collect(),
        ));
    }
    if by_head.is_empty() {
        return;
    }
    // the longest name first, then by key: the same choice on every run
    for names in by_head.values_mut() {
        names.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.1.cmp(&b.1)));
    }
    let mut i = 0;
    while i < s.doc.tokens.len() {
        if s.doc.token_excluded(i) || s.out.cover[i] != Cover::Free {
            i += 1;
            continue;
        }
        let token = s.doc.token_text(i);
        let sentence = s.doc.tokens[i].sentence;
        let hit = s
            .doc
            .token_readings(i)
            .filter(|r| !r.has_article)
            .find_map(|r| {
                let names = by_head.get(&token[r.stem_prefix..])?;
                names.iter().find_map(|(entity, words)| {
                    let end = i + words.len();
                    let rest_matches = (1..words.len()).all(|k| {
                        s.doc.tokens.get(i + k).is_some_and(|t| {
                            t.sentence == sentence
                                && !t.after_break
                                && s.out.cover[i + k] == Cover::Free
                                && !s.doc.token_excluded(i + k)
                        }) && s.doc.token_text(i + k) == words[k]
                    });
                    rest_matches.then(|| (r.span_prefix, end, entity.clone()))
                })
            });
        match hit {
            Some((prefix, end, entity)) => {
                // a one-word person with given names written before it is someone of
                // that family: «هيرمان أينشتاين» after «أينشتاين»; with a particle
                // before it, the particle is part of the family name («فان نيستلروي»)
                let one_word_person = end == i + 1 && s.kind_of(&entity) == EntityKind::Person;
                let (first, first_prefix) = if one_word_person {
                    s.given_names_before(i, prefix)
                } else {
                    (i, prefix)
                };

                if first < i {
                    s.add_person(first, end, first_prefix, Claim::of(RULE));
                } else {
                    let first = if one_word_person && s.particle_before(i, prefix) {
                        i - 1
                    } else {
                        i
                    };
                    s.add(entity, first, end, prefix, Claim::of(RULE));
                }
                i = end;
            }
            None => i += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::mentions;
    use super::*;

    #[test]
    fn a_name_found_once_is_found_again_without_its_cue() {
        let again = mentions("وقال باتشان إن الفيلم جيد. واختير باتشان لاحقا.");
        assert!(again.contains(&("باتشان".into(), RULE.name())), "{again:?}");
        // without the first, cued mention the bare name is no one
        let alone = mentions("واختير باتشان لاحقا.");
        assert!(alone.is_empty(), "{alone:?}");
    }
}
