//! Rule: a known given name (`first_names.tsv`) followed by name-like words, or a kunya
//! before one («أبو أيوب», «أبي زكريا»). Also the rule of a gazetteer surname that a
//! given name the gazetteer does not give its person turns into someone else («أنيت
//! براون» is not Gordon Brown; see `State::add`).

use super::state::{Claim, State};
use super::word_lists::WordList;
use super::MentionFinder;
use crate::text::morph;
use crate::vocab::Rule;

pub(super) const RULE: Rule = Rule::new("discovered:given_name", 0.6);

/// The cue (see `people::Cue`).
pub(super) fn at(_: &MentionFinder, s: &mut State, i: usize) -> Option<usize> {
    let kunya = |w: &str| {
        s.lexicon.name_words.kunyas.contains(w)
            && s.doc.tokens.get(i + 1).is_some_and(|next| {
                !next.after_punct && s.lexicon.first_names.contains(s.doc.token_text(i + 1))
            })
    };
    let prefix = s
        .free_stem_in(i, WordList::FirstNames)
        .or_else(|| s.free_stem(i, kunya))
        .filter(|&p| p == 0 || s.doc.token_text(i).starts_with(morph::AND))?;
    let end = s.name_span_from(i, prefix, 2, 4)?;
    s.add_person(i, end, prefix, Claim::of(RULE));
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::super::testing::mentions;
    use super::*;

    #[test]
    fn a_given_name_opens_a_name() {
        let found = mentions("حضر الحفل محمود زيداني مع أصدقائه.");
        assert!(
            found
                .iter()
                .any(|(s, r)| s == "محمود زيداني" && r == RULE.id),
            "{found:?}"
        );
    }

    #[test]
    fn a_given_name_the_gazetteer_does_not_give_a_known_surname_makes_someone_else() {
        let other = mentions("وقالت أنيت براون إن الوضع هادئ.");
        assert_eq!(other, vec![("أنيت براون".into(), RULE.name())]);
        let known = mentions("والتقى غوردون براون أمس.");
        let gordon = (
            "غوردون براون".to_string(),
            "gazetteer:gordon-brown".to_string(),
        );
        assert_eq!(known, vec![gordon]);
    }

    #[test]
    fn a_given_name_before_a_common_word_is_no_name() {
        let found = mentions("حضر الحفل محمود أمس.");
        assert!(found.iter().all(|(_, r)| r != RULE.id), "{found:?}");
    }
}
