//! Pass: a surname or given name alone stands for the person the article names in full.

use rustc_hash::FxHashMap;

use super::state::{Claim, State};
use super::{Cover, EntityRef, MentionFinder};
use crate::extract::gazetteer::EntityKind;
use crate::vocab::Rule;

/// The last word of a discovered person; also a one-word name any rule finds that is
/// such a surname (`State::add_person`).
pub(super) const SURNAME: Rule = Rule::new("surname:discovered", 0.6);
/// The given name of a person named in full, alone.
pub(super) const GIVEN_NAME: Rule = Rule::new("given_name:article", 0.6);

/// The last word of a person discovered in this article (or of a known person it spells
/// its own way) stands for them elsewhere in it, and so does the given name of a person the article names in full, when no one else
/// in it has that given name.
pub(super) fn run(_: &MentionFinder, s: &mut State) {
    let mut local: FxHashMap<String, (EntityRef, Rule)> = FxHashMap::default();
    for m in &s.out.mentions {
        if let Some(last) = s.discovered_surname(&m.entity) {
            local
                .entry(last.to_string())
                .or_insert_with(|| (m.entity.clone(), SURNAME));
        }
        // a known person the article spells its own way («جون بولتن»): the surname as
        // spelled here names them alone too («وكان بولتن قد التقى»)
        if let Some(last) = s.spelled_surname(m) {
            local
                .entry(last)
                .or_insert_with(|| (m.entity.clone(), SURNAME));
        }
    }
    // a given name alone stands for the one person of the article who has it («نزار»
    // after «نزار قباني»); two people with it make it ambiguous, and it is left alone
    let mut given: FxHashMap<String, Option<EntityRef>> = FxHashMap::default();
    for m in &s.out.mentions {
        let (first, end) = (m.tokens.first as usize, m.tokens.end as usize);
        if end - first < 2 || s.kind_of(&m.entity) != EntityKind::Person {
            continue;
        }
        let word = s.doc.token_text(first);
        if !s.lexicon.first_names.contains(word)
            || s.lexicon.is_common(word)
            || s.lexicon.name_words.connectors.contains(word)
            || local.contains_key(word)
        {
            continue;
        }
        given
            .entry(word.to_string())
            .and_modify(|e| {
                if e.as_ref() != Some(&m.entity) {
                    *e = None;
                }
            })
            .or_insert_with(|| Some(m.entity.clone()));
    }
    local.extend(
        given
            .into_iter()
            .filter_map(|(word, entity)| Some((word, (entity?, GIVEN_NAME)))),
    );
    if local.is_empty() {
        return;
    }
    for i in 0..s.doc.tokens.len() {
        if s.doc.token_excluded(i) || s.out.cover[i] != Cover::Free {
            continue;
        }
        let token = s.doc.token_text(i);
        let hit = s
            .doc
            .token_readings(i)
            .filter(|r| !r.has_article)
            .find_map(|r| {
                local
                    .get(&token[r.stem_prefix..])
                    .map(|e| (r.span_prefix, e.clone()))
            });
        if let Some((prefix, (entity, rule))) = hit {
            let first = if s.particle_before(i, prefix) {
                i - 1
            } else {
                i
            };
            s.add(entity, first, i + 1, prefix, Claim::of(rule));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::mentions;
    use super::*;

    #[test]
    fn a_surname_alone_is_the_person_discovered_in_full() {
        let found = mentions("وقال سامر حداد إن الفيلم جيد. وأضاف حداد أن العرض قريب.");
        assert!(
            found.contains(&("حداد".into(), SURNAME.name())),
            "{found:?}"
        );
    }

    #[test]
    fn a_given_name_alone_is_the_one_person_of_the_article_who_has_it() {
        let one = mentions("وحضر سامر حداد الحفل. وابتسم سامر للصحفيين.");
        assert!(one.contains(&("سامر".into(), GIVEN_NAME.name())), "{one:?}");
        let two = mentions("حضر سامر حداد الحفل، وحضر سامر قباني العرض. وابتسم سامر للصحفيين.");
        assert!(two.iter().all(|(_, r)| r != GIVEN_NAME.id), "{two:?}");
    }
}
