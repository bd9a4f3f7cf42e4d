//! Rule: a person named after a title phrase («وزير الخارجية الروسي سيرغي لافروف»), past
//! the title's target and decorations. A lone ordinary-word family name after an office
//! is `titled_surname`; a lone definite epithet after الإمام، الملك … is `laqab`.

use super::state::{Claim, State};
use super::{laqab, titled_surname, Cover, MentionFinder};
use crate::extract::gazetteer::EntityKind;
use crate::extract::lexicon::Lexicon;
use crate::text::morph;
use crate::vocab::{Role, Rule};

/// `discovered:title:<the title as written>`.
pub(super) const RULE: Rule = Rule::new("discovered:title", 0.7);

/// The cue (see `people::Cue`): a title phrase at `i` takes the token whether or not a
/// name follows it (an adjective such as «السابق» alone introduces no one: «الهاتف
/// الجديد»).
pub(super) fn at(f: &MentionFinder, s: &mut State, i: usize) -> Option<usize> {
    let m = f
        .titles
        .longest_at(s.doc, i)
        .filter(|m| Role::parse(m.payload).is_none_or(|r| r != Role::Descriptor && !r.is_term()))?;
    let name_at = skip_title_tail(f, s, m.end);
    // an office without the article is in construct with what follows («رئيس
    // وزراء بريطانيا», «رئيس كتلة»): a name comes only after its target
    let indefinite_office = !s.doc.token_text(m.first)[m.prefix_len..].starts_with(morph::ARTICLE)
        && m.payload != Role::Honorific.as_str();
    if indefinite_office && name_at == m.end {
        return Some(m.end);
    }
    let attached = s
        .doc
        .tokens
        .get(name_at)
        .is_some_and(|t| t.sentence == s.doc.tokens[i].sentence && !t.after_punct);
    if !attached {
        return Some(m.end);
    }
    // an office, not an honorific: «الرئيس مبارك», but «الدكتور سعيد» is a given name
    // and «الممثل كريستوفر» someone else
    let office = !Lexicon::is_decoration(m.payload);
    if office {
        if let Some(next) = titled_surname::at(f, s, name_at) {
            return Some(next);
        }
    }
    let one_word_title = m.end == m.first + 1;
    if one_word_title && name_at == m.end {
        let title = &s.doc.token_text(m.first)[m.prefix_len..];
        if let Some(next) = laqab::after(s, title, name_at) {
            return Some(next);
        }
    }
    if let Some(end) = s.name_span(name_at, 1, 3) {
        let title: Vec<&str> = (m.first..m.end).map(|t| s.doc.token_text(t)).collect();
        s.add_person(name_at, end, 0, Claim::with(RULE, &title.join(" ")));
        return Some(end);
    }
    Some(m.end)
}

/// Past a title: its target (organisation, country, nisba), honorifics, further titles.
pub(super) fn skip_title_tail(f: &MentionFinder, s: &State, mut j: usize) -> usize {
    let limit = j + 10;
    let sentence = s.doc.tokens.get(j.saturating_sub(1)).map(|t| t.sentence);
    while j < s.doc.tokens.len() && j < limit && Some(s.doc.tokens[j].sentence) == sentence {
        match s.out.cover[j] {
            Cover::Nisba(_) => {
                j += 1;
                continue;
            }
            Cover::Mention(m) => {
                let mention = &s.out.mentions[m as usize];
                if s.kind_of(&mention.entity) != EntityKind::Person {
                    j = mention.tokens.end as usize;
                    continue;
                }
                return j;
            }
            Cover::Free => {}
        }
        if let Some(m) = f.titles.longest_at(s.doc, j) {
            j = m.end;
            continue;
        }
        // descriptive words of the office, when a nisba or a named body follows them
        // («المتحدث باسم الحكومة الكينية»)
        let descriptive = |k: usize| {
            k < s.doc.tokens.len()
                && s.out.cover[k] == Cover::Free
                && !s.doc.tokens[k].after_punct
                && s.doc.token_text(k).starts_with(morph::ARTICLE)
                && !s.lexicon.is_common(s.doc.token_text(k))
        };
        let mut k = j;
        while descriptive(k) && k - j < 3 {
            k += 1;
        }
        let anchored = k > j
            && k < s.doc.tokens.len()
            && !s.doc.tokens[k].after_punct
            && match s.out.cover[k] {
                Cover::Nisba(_) => true,
                Cover::Mention(m) => {
                    s.kind_of(&s.out.mentions[m as usize].entity) != EntityKind::Person
                }
                Cover::Free => false,
            };
        if anchored {
            j = k;
            continue;
        }
        break;
    }
    j
}

#[cfg(test)]
mod tests {
    use super::super::testing::mentions;
    use super::*;

    #[test]
    fn a_title_without_a_name_after_it_names_no_one() {
        // positive control beside it: the same title with a name
        let named = mentions("وصل الوزير سامر حداد أمس.");
        assert!(
            named.contains(&("سامر حداد".into(), RULE.with("الوزير"))),
            "{named:?}"
        );
        let none = mentions("وصل الوزير أمس إلى المدينة.");
        assert!(none.iter().all(|(_, r)| !RULE.wrote(r)), "{none:?}");
    }
}
