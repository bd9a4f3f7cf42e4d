//! Rule: after الإمام، الملك، الشيخ … (`laqab_titles.tsv`) a definite epithet standing
//! alone is a name: «الإمام الرضا».

use super::state::{Claim, State};
use crate::vocab::Rule;

/// Also asked by `repeated`: a definite one-word name this rule found may be repeated.
pub(super) const RULE: Rule = Rule::new("discovered:laqab", 0.6);

/// After the one-word title `title`, right before `name_at`: the scan goes on after the
/// laqab, if there is one.
pub(super) fn after(s: &mut State, title: &str, name_at: usize) -> Option<usize> {
    if !s.lexicon.laqab_titles.contains(title) || !s.is_laqab(name_at) {
        return None;
    }
    s.add_person(name_at, name_at + 1, 0, Claim::of(RULE));
    Some(name_at + 1)
}

#[cfg(test)]
mod tests {
    use super::super::testing::mentions;
    use super::*;

    #[test]
    fn a_definite_epithet_after_its_title_is_a_name_but_an_ordinal_is_not() {
        let laqab = mentions("وزار الإمام الرضا، ثم عاد.");
        assert!(laqab.contains(&("الرضا".into(), RULE.name())), "{laqab:?}");
        let ordinal = mentions("وزار الإمام الثامن، ثم عاد.");
        assert!(ordinal.iter().all(|(_, r)| r != RULE.id), "{ordinal:?}");
    }
}
