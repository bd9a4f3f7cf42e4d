//! Rule: a person named after a nationality used as a noun: «ومنح الفرنسي لويس ساها»,
//! «فاز الروسي نيكولاي دافيدنكو». After a noun the nationality is an adjective («الجيش
//! الفرنسي»), and one word after it is too often something else: two words at least.

use super::state::{Claim, State};
use super::MentionFinder;
use crate::vocab::Rule;

pub(super) const RULE: Rule = Rule::new("discovered:nationality", 0.55);

/// The cue (see `people::Cue`).
pub(super) fn at(_: &MentionFinder, s: &mut State, i: usize) -> Option<usize> {
    if !s.after_nationality_noun(i) {
        return None;
    }
    let end = s.name_span(i, 2, 3)?;
    let first_is_name = s.lexicon.first_names.contains(s.doc.token_text(i));
    if !first_is_name && !s.closes_name(end) {
        return None;
    }
    s.add_person(i, end, 0, Claim::of(RULE));
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::super::testing::mentions;
    use super::*;

    #[test]
    fn a_name_after_a_nationality_noun_is_a_person() {
        let found = mentions("وفاز الروسي نيكولاي دافيدنكو بالمباراة.");
        assert!(
            found
                .iter()
                .any(|(s, r)| s == "نيكولاي دافيدنكو" && r == RULE.id),
            "{found:?}"
        );
    }

    #[test]
    fn a_nationality_after_a_noun_is_an_adjective() {
        let found = mentions("وقال الجيش الفرنسي نيكولاي دافيدنكو إن الوضع هادئ.");
        assert!(found.iter().all(|(_, r)| r != RULE.id), "{found:?}");
    }
}
