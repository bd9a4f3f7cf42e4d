//! Rule: a person named between commas after an office and the country it is of:
//! «التقى نظيره الكوري الجنوبي، تشونغ ويونغ، في واشنطن», «وزير خارجية كوريا الشمالية،
//! ري يونغ هو،». The office ends in a nisba or names its country, so the words set off by
//! the commas can only be whom it describes; both commas are needed, and two words at
//! least, so that what follows a comma for other reasons is left alone.

use super::state::{Claim, State};
use super::{Cover, MentionFinder};
use crate::vocab::Rule;

/// `discovered:apposition`.
pub(super) const RULE: Rule = Rule::new("discovered:apposition", 0.6);

/// How far back from the comma the office's words may start.
const OFFICE_REACH: usize = 6;

/// The cue (see `people::Cue`).
pub(super) fn at(f: &MentionFinder, s: &mut State, i: usize) -> Option<usize> {
    let t = s.doc.tokens.get(i)?;
    if i == 0 || !t.after_punct || s.doc.tokens[i - 1].sentence != t.sentence {
        return None;
    }
    // a comma, nothing else, opens it
    let gap = s.doc.original(s.doc.tokens[i - 1].chars.end, t.chars.start);
    let separator = gap.trim();
    if separator.is_empty() || !separator.chars().all(|c| c == '،' || c == ',') {
        return None;
    }
    // the office's country: a nisba or a country just before the comma
    let country_before = match s.out.cover[i - 1] {
        Cover::Nisba(_) => true,
        Cover::Mention(m) => s.is_known_place(&s.out.mentions[m as usize].entity),
        Cover::Free => false,
    };
    if !country_before || !office_before(f, s, i) {
        return None;
    }
    let end = s.name_span(i, 2, 3)?;
    let closed = s.doc.tokens.get(end).is_some_and(|n| {
        let gap = s
            .doc
            .original(s.doc.tokens[end - 1].chars.end, n.chars.start);
        n.after_punct && gap.contains(['،', ','])
    });
    if !closed {
        return None;
    }
    s.add_person(i, end, 0, Claim::of(RULE));
    Some(end)
}

/// Whether an office word («نظيره», a title phrase) starts a few tokens before `comma`,
/// with only its country's words between.
fn office_before(f: &MentionFinder, s: &State, comma: usize) -> bool {
    (comma.saturating_sub(OFFICE_REACH)..comma).any(|j| {
        let word = s.doc.token_text(j);
        let counterpart = s
            .doc
            .token_readings(j)
            .any(|r| !r.has_article && s.lexicon.counterparts.contains(&word[r.stem_prefix..]));
        let title = f
            .titles
            .longest_at(s.doc, j)
            .is_some_and(|m| !crate::extract::lexicon::Lexicon::is_decoration(m.payload));
        (counterpart || title)
            && (j + 1..comma)
                .all(|k| s.out.cover[k] != Cover::Free || f.titles.longest_at(s.doc, k).is_some())
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::mentions;
    use super::*;

    #[test]
    fn a_name_set_off_by_commas_after_an_office_and_its_country_is_a_person() {
        let found = mentions("والتقى بولتون نظيره الكوري الجنوبي، تشونغ ويونغ، في واشنطن.");
        assert!(
            found
                .iter()
                .any(|(s, r)| s == "تشونغ ويونغ" && r == RULE.id),
            "{found:?}"
        );
        // positive controls: without the closing comma, or after a country that is no
        // office's, nothing is taken
        let found = mentions("والتقى بولتون نظيره الكوري الجنوبي، تشونغ ويونغ في واشنطن.");
        assert!(found.iter().all(|(_, r)| r != RULE.id), "{found:?}");
        let found = mentions("وزار الوفد كوريا الجنوبية، تشونغ ويونغ، في الربيع.");
        assert!(found.iter().all(|(_, r)| r != RULE.id), "{found:?}");
    }
}
