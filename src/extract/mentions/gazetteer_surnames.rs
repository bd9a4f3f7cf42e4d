//! Pass: surnames of gazetteer people written alone, resolved to the person the article
//! names in full, else to the only person with that surname.

use super::state::State;
use super::{Cover, EntityRef, MentionFinder};
use crate::extract::gazetteer::AliasTarget;

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
            let rule = format!("surname:{}", s.gazetteer.entries[entry as usize].slug);
            s.add(EntityRef::Known(entry), first, end, prefix, rule, 0.85);
        }
    }
}
