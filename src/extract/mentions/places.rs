//! Pass: places after a trigger word («مدينة», «العاصمة», «بلدة»).

use super::state::{Claim, State};
use super::word_lists::WordList;
use super::{Cover, EntityRef, MentionFinder};
use crate::extract::gazetteer::EntityKind;
use crate::vocab::Rule;

/// Also asked by `repeated`: a definite one-word name this rule found may be repeated.
pub(super) const RULE: Rule = Rule::new("discovered:place_trigger", 0.6);

/// Places after triggers: «مدينة X», «العاصمة X».
pub(super) fn run(_: &MentionFinder, s: &mut State) {
    let mut i = 0;
    while i < s.doc.tokens.len() {
        if s.free_stem_in(i, WordList::PlaceTriggers).is_none()
            && !s.lexicon.is_capital_word(s.doc.token_text(i))
        {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < s.doc.tokens.len() && matches!(s.out.cover[j], Cover::Nisba(_)) {
            j += 1;
        }
        // a definite name is usual after a trigger («بلدة الدجيل», «مدينة الصدر»); not
        // after «عاصمة», whose definite word is what it is the capital of
        let capital_of = s.lexicon.is_capital_word(s.doc.token_text(i));
        let definite_name = || (!capital_of && s.is_definite_place_name(j)).then_some(j + 1);
        if let Some(end) = s.name_span(j, 1, 2).or_else(definite_name) {
            let key = (j..end)
                .map(|t| s.doc.token_text(t))
                .collect::<Vec<_>>()
                .join(" ");
            let entity = EntityRef::Discovered {
                kind: EntityKind::Location,
                key,
            };
            s.add(entity, j, end, 0, Claim::of(RULE));
            i = end;
            continue;
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::mentions;
    use super::*;

    #[test]
    fn a_definite_name_after_a_place_trigger_is_a_place() {
        let town = mentions("وصل الوفد إلى مدينة الدجيل. ثم عاد.");
        assert!(town.contains(&("الدجيل".into(), RULE.name())), "{town:?}");
        // after «عاصمة» the definite word is what it is the capital of
        let capital = mentions("وزار الوفد عاصمة البلاد أمس.");
        assert!(capital.is_empty(), "{capital:?}");
        // while a name after «العاصمة» is the capital's
        let named = mentions("وصل الوفد إلى العاصمة تشوانتشو أمس.");
        assert!(
            named.contains(&("تشوانتشو".into(), RULE.name())),
            "{named:?}"
        );
    }
}
