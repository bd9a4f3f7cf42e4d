//! Rule: a family name that is also an ordinary word or a given name is the gazetteer
//! person only right after an office: «الرئيس مبارك», «الرئيس بري».

use super::grammar::is_arabic_word;
use super::state::{Claim, State};
use super::{Cover, EntityRef, MentionFinder};
use crate::text::morph;
use crate::vocab::Rule;

pub(super) const RULE: Rule = Rule::new("surname:after_title", 0.8);

/// After an office whose name would start at `name_at`: the scan goes on after the
/// family name, if it is one.
pub(super) fn at(f: &MentionFinder, s: &mut State, name_at: usize) -> Option<usize> {
    let entry = titled_surname(f, s, name_at)?;
    s.add(
        EntityRef::Known(entry),
        name_at,
        name_at + 1,
        0,
        Claim::of(RULE),
    );
    Some(name_at + 1)
}

/// The one gazetteer person whose ordinary-word family name token `k` is, when that
/// word stands alone after a title: «الرئيس مبارك», «الرئيس بري». Not when a name goes
/// on after it (then it is someone's given name), and not «على»/«إلى» (they fold to
/// «علي», «الي»: the spelling as written decides).
fn titled_surname(f: &MentionFinder, s: &State, k: usize) -> Option<u32> {
    if s.out.cover.get(k) != Some(&Cover::Free) || s.doc.token_excluded(k) {
        return None;
    }
    let [entry] = f.titled_surnames.get(s.doc.token_text(k))?.as_slice() else {
        return None;
    };
    let token = &s.doc.tokens[k];
    if s.doc
        .original(
            s.doc.norm.original_span(token.norm.from, token.norm.to).0,
            token.chars.end,
        )
        .contains(morph::ALEF_MAQSURA)
    {
        return None;
    }
    let name_goes_on = s.doc.tokens.get(k + 1).is_some_and(|next| {
        next.sentence == token.sentence
            && !next.after_punct
            && !next.after_break
            && s.out.cover[k + 1] == Cover::Free
            && is_arabic_word(s.doc.token_text(k + 1))
            && (s.lexicon.first_names.contains(s.doc.token_text(k + 1))
                || (!s.is_common_token(k + 1, 0) && !s.ends_name(k + 1)))
    });
    (!name_goes_on).then_some(*entry)
}

#[cfg(test)]
mod tests {
    use super::super::testing::mentions;
    use super::*;

    #[test]
    fn an_ordinary_word_family_name_is_the_person_only_after_an_office() {
        let titled = mentions("وقال الرئيس مبارك إن الوضع هادئ.");
        assert!(
            titled.contains(&("مبارك".into(), RULE.name())),
            "{titled:?}"
        );
        // «مبارك» is also «blessed»: without the title it is no one
        let alone = mentions("وقال مبارك إن الوضع هادئ.");
        assert!(alone.iter().all(|(_, r)| r != RULE.id), "{alone:?}");
    }
}
