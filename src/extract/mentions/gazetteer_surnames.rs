//! Pass: surnames of gazetteer people written alone, resolved to the person the article
//! names in full, else to the only person with that surname.

use super::state::{Claim, State};
use super::{Cover, EntityRef, MentionFinder};
use crate::extract::gazetteer::AliasTarget;
use crate::vocab::Rule;

/// `surname:<slug>`.
pub(super) const RULE: Rule = Rule::new("surname", 0.85);

/// Gazetteer surnames: the person named in full in this article, else the only person
/// with that surname; an ambiguous surname with no full name nearby is left alone.
pub(super) fn run(_: &MentionFinder, s: &mut State) {
    let gazetteer_surnames = std::mem::take(&mut s.gazetteer_surnames);
    let full: rustc_hash::FxHashSet<EntityRef> =
        s.out.mentions.iter().map(|m| m.entity.clone()).collect();
    for (first, end, prefix, targets) in gazetteer_surnames {
        if (first..end).any(|t| s.out.cover[t] != Cover::Free) {
            continue;
        }
        let seen: Vec<&AliasTarget> = targets
            .iter()
            .filter(|t| full.contains(&EntityRef::Known(t.entry)))
            .collect();
        let chosen = match (seen.as_slice(), targets.as_slice()) {
            ([one], _) => Some(one.entry),
            ([], [only]) => Some(only.entry),
            _ => None,
        };
        if let Some(entry) = chosen {
            let claim = Claim::with(RULE, &s.gazetteer.entries[entry as usize].slug);
            s.add(EntityRef::Known(entry), first, end, prefix, claim);
        }
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
}
