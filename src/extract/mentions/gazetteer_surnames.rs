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
    // the surnames the article also writes after given names of someone else
    let named_otherwise: Vec<&[AliasTarget]> = gazetteer_surnames
        .iter()
        .filter(|(first, end, _, targets)| someone_else_at(s, *first, *end, targets))
        .map(|(_, _, _, targets)| targets.as_slice())
        .collect();
    for (first, end, prefix, targets) in &gazetteer_surnames {
        let (first, end, prefix) = (*first, *end, *prefix);
        if (first..end).any(|t| s.out.cover[t] != Cover::Free) {
            continue;
        }
        let seen: Vec<u32> = targets
            .iter()
            .map(|t| t.entry)
            .filter(|&e| full.contains(&EntityRef::Known(e)))
            .collect();
        if seen.is_empty() && named_otherwise.contains(&targets.as_slice()) {
            continue;
        }
        // without a full name here, only the people known by their surname alone
        let alone: Vec<u32> = targets
            .iter()
            .map(|t| t.entry)
            .filter(|&e| s.gazetteer.entries[e as usize].surname_alone)
            .collect();
        let chosen = match (seen.as_slice(), alone.as_slice()) {
            ([one], _) => Some(*one),
            ([], [only]) => Some(*only),
            ([], many) => latest_office_holder(s, many),
            // several named in full here («كيم جونغ أون», «كيم جونغ إيل»): the one in
            // office last, as with no full name at all
            (many, _) => latest_office_holder(s, many),
        };
        if let Some(entry) = chosen {
            let claim = Claim::with(RULE, &s.gazetteer.entries[entry as usize].slug);
            s.add(EntityRef::Known(entry), first, end, prefix, claim);
        }
    }
}

/// Whether the surname at `first..end` belongs to someone else named here: after a given
/// name («كمال لافروف»), or, for a family name that comes first, before two short given
/// syllables that are no common words («كيم يونغ تشول»).
fn someone_else_at(s: &State, first: usize, end: usize, targets: &[AliasTarget]) -> bool {
    let given_before = first > 0
        && s.out.cover[first - 1] == Cover::Free
        && !s.doc.tokens[first].after_break
        && s.free_stem_in(first - 1, WordList::FirstNames).is_some();
    let family_first = targets.iter().all(|t| {
        s.gazetteer
            .family_first(&s.gazetteer.entries[t.entry as usize], s.lexicon)
    });
    let given_name_at = |k: usize| {
        k < s.doc.tokens.len()
            && s.out.cover[k] == Cover::Free
            && !s.doc.tokens[k].after_break
            && s.doc.token_text(k).chars().count() <= GIVEN_SYLLABLE_MAX_CHARS
            && s.free_stem(k, |w| s.lexicon.is_common(w)).is_none()
    };
    given_before || (family_first && given_name_at(end) && given_name_at(end + 1))
}

/// Of several people with one surname, the one who held office last, if only one did:
/// news writes «الأسد» alone for the president of its day, not for his father.
fn latest_office_holder(s: &State, entries: &[u32]) -> Option<u32> {
    let mut terms: Vec<(Option<&str>, u32)> = entries
        .iter()
        .map(|&e| {
            let slug = &s.gazetteer.entries[e as usize].slug;
            (s.gazetteer.last_in_office(slug), e)
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

    /// Whether `text` has a surname mention of gazetteer person `slug`.
    fn surname_of(text: &str, slug: &str) -> bool {
        mentions(text)
            .iter()
            .any(|(_, rule)| rule == &RULE.with(slug))
    }

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
        assert!(!surname_of(
            "وقال كيم يونغ تشول إن القمة ناجحة. وأضاف كيم أن الوفد وصل.",
            "kim-jong-un"
        ));
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
        assert!(!surname_of(
            "وقال كمال لافروف إن الاجتماع مفيد. وأضاف لافروف أن الوفد وصل.",
            "sergey-lavrov"
        ));
        // positive control: the same sentences about the gazetteer's Lavrov
        assert!(surname_of(
            "وقال لافروف إن الاجتماع مفيد. وأضاف لافروف أن الوفد وصل.",
            "sergey-lavrov"
        ));
    }
}
