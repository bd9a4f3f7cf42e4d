//! Rule: a person named after a verb of saying (`speech_verbs.tsv`): «وقال فرويد إن»,
//! past any title between them. A one-word name must close its clause.

use super::after_title::skip_title_tail;
use super::state::{Claim, State};
use super::word_lists::WordList;
use super::MentionFinder;
use crate::vocab::Rule;

pub(super) const RULE: Rule = Rule::new("discovered:speech_verb", 0.6);

/// The cue (see `people::Cue`).
pub(super) fn at(f: &MentionFinder, s: &mut State, i: usize) -> Option<usize> {
    s.free_stem_in(i, WordList::SpeechVerbs)?;
    let name_at = skip_title_tail(f, s, i + 1);
    let end = s.name_span(name_at, 1, 3)?;
    let first_is_name = s.lexicon.first_names.contains(s.doc.token_text(name_at));
    // what the speaker said starts right after the name: «إن», «أنه», a break …
    let closed = s.doc.tokens.get(end).is_none_or(|t| {
        t.after_break
            || s.lexicon.reported_speech.contains(s.doc.token_text(end))
            || s.ends_name(end)
    });
    if !((first_is_name && end - name_at >= 2) || closed) {
        return None;
    }
    s.add_person(name_at, end, 0, Claim::of(RULE));
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::super::testing::mentions;
    use super::*;

    #[test]
    fn a_one_word_name_after_a_speech_verb_closes_its_clause() {
        let found = mentions("وقال باتشان إن الفيلم سيعرض قريبا.");
        assert!(
            found.iter().any(|(s, r)| s == "باتشان" && r == RULE.id),
            "{found:?}"
        );
    }

    #[test]
    fn a_one_word_name_that_does_not_close_its_clause_is_not_taken() {
        let found = mentions("وقال باتشان الفيلم سيعرض قريبا.");
        assert!(found.iter().all(|(_, r)| r != RULE.id), "{found:?}");
    }
}
