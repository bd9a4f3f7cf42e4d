//! Pass: surnames of gazetteer people written alone, resolved to the person the article
//! names in full, else to the only person with that surname.

use super::state::{Claim, State};
use super::{Cover, EntityRef, MentionFinder, WordList};
use crate::extract::gazetteer::AliasTarget;
use crate::vocab::Rule;

/// The given names after a family name that comes first are syllables («يونغ تشول»).
const GIVEN_SYLLABLE_MAX_CHARS: usize = 5;

/// `surname:<slug>`.
pub(super) const RULE: Rule = Rule::new("surname", 0.85);

/// Gazetteer surnames: the person named in full in this article, else the only person
/// with that surname; an ambiguous surname with no full name nearby is left alone, and so
/// is a surname the article writes after a given name of someone the gazetteer lacks
/// («عاطف الطراونة» … «الطراونة» is Atef, not the Tarawneh of the gazetteer): discovery
/// finds that person and resolves the surname to them.
pub(super) fn run(_: &MentionFinder, s: &mut State) {
    let gazetteer_surnames = std::mem::take(&mut s.gazetteer_surnames);
    let full: rustc_hash::FxHashSet<EntityRef> =
        s.out.mentions.iter().map(|m| m.entity.clone()).collect();
    let someone_else: Vec<bool> = gazetteer_surnames
        .iter()
        .map(|(first, end, _, targets)| {
            let given_before = *first > 0
                && s.out.cover[first - 1] == Cover::Free
                && !s.doc.tokens[*first].after_break
                && s.free_stem_in(first - 1, WordList::FirstNames).is_some();
            // a family name that comes first with given names after it of someone else
            // («كيم يونغ تشول»): two short words that are no common words follow it
            let family_first = targets.iter().all(|t| {
                let e = &s.gazetteer.entries[t.entry as usize];
                e.country
                    .as_deref()
                    .is_some_and(|c| s.lexicon.family_name_first.contains(c))
            });
            let given_name_at = |k: usize| {
                k < s.doc.tokens.len()
                    && s.out.cover[k] == Cover::Free
                    && !s.doc.tokens[k].after_break
                    && s.doc.token_text(k).chars().count() <= GIVEN_SYLLABLE_MAX_CHARS
                    && s.free_stem(k, |w| s.lexicon.is_common(w)).is_none()
            };
            let given_after = family_first && given_name_at(*end) && given_name_at(end + 1);
            given_before || given_after
        })
        .collect();
    let named_otherwise: Vec<&[AliasTarget]> = gazetteer_surnames
        .iter()
        .zip(&someone_else)
        .filter(|(_, other)| **other)
        .map(|((_, _, _, targets), _)| targets.as_slice())
        .collect();
    for (first, end, prefix, targets) in &gazetteer_surnames {
        let (first, end, prefix) = (*first, *end, *prefix);
        if (first..end).any(|t| s.out.cover[t] != Cover::Free) {
            continue;
        }
        let seen_in_full = targets
            .iter()
            .any(|t| full.contains(&EntityRef::Known(t.entry)));
        if !seen_in_full && named_otherwise.contains(&targets.as_slice()) {
            continue;
        }
        let seen: Vec<&AliasTarget> = targets
            .iter()
            .filter(|t| full.contains(&EntityRef::Known(t.entry)))
            .collect();
        // without a full name here, only the people known by their surname alone
        let alone: Vec<AliasTarget> = targets
            .iter()
            .filter(|t| s.gazetteer.entries[t.entry as usize].surname_alone)
            .cloned()
            .collect();
        let chosen = match (seen.as_slice(), alone.as_slice()) {
            ([one], _) => Some(one.entry),
            ([], [only]) => Some(only.entry),
            ([], many) => latest_office_holder(s, many),
            // several named in full here («كيم جونغ أون», «كيم جونغ إيل»): the one in
            // office last, as with no full name at all
            (many, _) => {
                let many: Vec<AliasTarget> = many.iter().map(|t| **t).collect();
                latest_office_holder(s, &many)
            }
        };
        if let Some(entry) = chosen {
            let claim = Claim::with(RULE, &s.gazetteer.entries[entry as usize].slug);
            s.add(EntityRef::Known(entry), first, end, prefix, claim);
        }
    }
}

/// Of several people with one surname, none named in full here, the one who held office
/// last, if only one did: news writes «الأسد» alone for the president of its day, not for
/// his father.
fn latest_office_holder(s: &State, targets: &[AliasTarget]) -> Option<u32> {
    let mut terms: Vec<(Option<&str>, u32)> = targets
        .iter()
        .map(|t| {
            let slug = &s.gazetteer.entries[t.entry as usize].slug;
            (s.gazetteer.last_in_office(slug), t.entry)
        })
        .collect();
    terms.sort();
    match terms.as_slice() {
        [.., (a, _), (Some(b), entry)] if *a < Some(*b) => Some(*entry),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::mentions;
    use super::*;

    #[test]
    fn a_surname_alone_is_the_person_named_in_full() {
        let found = mentions("وحضر وزير الخارجية سيرغي لافروف. وقال لافروف إن الاجتماع مفيد.");
        let full = (
            "سيرغي لافروف".to_string(),
            "gazetteer:sergey-lavrov".to_string(),
        );
        let surname = ("لافروف".to_string(), RULE.with("sergey-lavrov"));
        assert!(
            found.contains(&full) && found.contains(&surname),
            "{found:?}"
        );
    }

    #[test]
    fn a_shared_surname_is_the_latest_office_holder_and_family_names_may_come_first() {
        // Bashar and Hafez al-Assad: the one in office later
        let found = mentions("وقال الأسد إن الحرب انتهت.");
        assert!(
            found.contains(&("الأسد".to_string(), RULE.with("bashar-al-assad"))),
            "{found:?}"
        );
        // positive control: the father named in full takes his surname
        let found = mentions("وكان حافظ الأسد رئيسا. وقال الأسد إن الحرب انتهت.");
        assert!(
            found.contains(&("الأسد".to_string(), RULE.with("hafez-al-assad"))),
            "{found:?}"
        );
        // a Korean is named by the first word
        let found = mentions("وقال كيم إن القمة ناجحة.");
        assert!(
            found.contains(&("كيم".to_string(), RULE.with("kim-jong-un"))),
            "{found:?}"
        );
        // a Kim with given names of his own is someone else
        let found = mentions("وقال كيم يونغ تشول إن القمة ناجحة. وأضاف كيم أن الوفد وصل.");
        assert!(
            !found
                .iter()
                .any(|(_, rule)| rule == &RULE.with("kim-jong-un")),
            "{found:?}"
        );
        // a title is no surname: «حسين الشيخ» alone is not «الشيخ»
        let found = mentions("وقال الشيخ إن القمة ناجحة.");
        assert!(
            !found.iter().any(|(_, rule)| rule.starts_with("surname:")),
            "{found:?}"
        );
    }

    #[test]
    fn a_surname_after_another_given_name_is_someone_else() {
        // «كمال لافروف» is not Sergey Lavrov, and neither is «لافروف» after him
        let found = mentions("وقال كمال لافروف إن الاجتماع مفيد. وأضاف لافروف أن الوفد وصل.");
        assert!(
            !found
                .iter()
                .any(|(_, rule)| rule == &RULE.with("sergey-lavrov")),
            "{found:?}"
        );
        // positive control: the same sentences about the gazetteer's Lavrov
        let found = mentions("وقال لافروف إن الاجتماع مفيد. وأضاف لافروف أن الوفد وصل.");
        assert!(
            found
                .iter()
                .any(|(_, rule)| rule == &RULE.with("sergey-lavrov")),
            "{found:?}"
        );
    }
}
