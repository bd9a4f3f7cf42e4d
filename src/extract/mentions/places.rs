//! Pass: places after a trigger word («مدينة», «العاصمة», «بلدة»).

use super::state::State;
use super::word_lists::WordList;
use super::{Cover, EntityRef, MentionFinder, PLACE_TRIGGER_RULE};
use crate::extract::gazetteer::EntityKind;

/// Places after triggers: «مدينة X», «العاصمة X».
pub(super) fn run(_: &MentionFinder, s: &mut State) {
    let mut i = 0;
    while i < s.doc.tokens.len() {
        if s.free_stem_in(i, WordList::PlaceTriggers).is_none()
            && !s.doc.token_text(i).ends_with("عاصمه")
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
        let capital_of = s.doc.token_text(i).ends_with("عاصمه");
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
            s.add(entity, j, end, 0, PLACE_TRIGGER_RULE.into(), 0.6);
            i = end;
            continue;
        }
        i += 1;
    }
}
