//! Pass: the next members of a list of people.

use super::state::{Claim, State};
use super::{Cover, MentionFinder};
use crate::extract::gazetteer::EntityKind;
use crate::text::morph;
use crate::vocab::Rule;

pub(super) const RULE: Rule = Rule::new("discovered:list", 0.55);

/// The next member of a list of people: «و» + a name written right after a person
/// («فتحي عبد الوهاب وجومانا مراد», «كانافارو وإيمرسون»), and the one after that.
/// The name must close where the member would end (punctuation, the next «و», the end
/// of the sentence, or a word that cannot be a name's), so that «و» opening a clause
/// («ورد واليه») is not taken.
pub(super) fn run(_: &MentionFinder, s: &mut State) {
    let mut people: Vec<usize> = (0..s.out.mentions.len())
        .filter(|&m| s.kind_of(&s.out.mentions[m].entity) == EntityKind::Person)
        .map(|m| s.out.mentions[m].tokens.end as usize)
        .collect();
    people.sort_unstable();
    people.dedup();
    let mut k = 0;
    while k < people.len() {
        let j = people[k];
        k += 1;
        let Some(t) = s.doc.tokens.get(j) else {
            continue;
        };
        let sentence = s.doc.tokens[j - 1].sentence;
        let token = s.doc.token_text(j);
        let member = t.sentence == sentence
            && !t.after_break
            && s.out.cover[j] == Cover::Free
            && !s.doc.token_excluded(j)
            && token
                .strip_prefix(morph::AND)
                .is_some_and(|rest| rest.chars().count() >= 3);
        if !member {
            continue;
        }
        let Some(end) = s.name_span_from(j, morph::AND.len_utf8(), 1, 3) else {
            continue;
        };
        // where the member ends, the list goes on or the clause ends
        let closed = s.doc.tokens.get(end).is_none_or(|next| {
            next.sentence != sentence
                || next.after_punct
                || next.after_break
                || s.doc.token_text(end).starts_with(morph::AND)
        });
        // and the list is one: the person before is a member too («بوش وشارون
        // وبلير»), another member follows, or the new member starts with a given name
        let previous = s.out.mentions.iter().find(|m| m.tokens.end as usize == j);
        let in_list = previous.is_some_and(|m| {
            let first = m.tokens.first as usize;
            s.doc.token_text(first).starts_with(morph::AND) || s.doc.tokens[first].after_punct
        });
        let goes_on = s.doc.tokens.get(end).is_some_and(|next| {
            next.sentence == sentence
                && !next.after_punct
                && s.doc.token_text(end).starts_with(morph::AND)
                && !s.is_common_token(end, 0)
        });
        let given = s
            .lexicon
            .first_names
            .contains(&token[morph::AND.len_utf8()..]);
        // a title is not a member («ومعالي», «وزير»)
        let listed_word = s.finder.titles.longest_at(s.doc, j).is_some();
        // a lone given name before a «و» word has its family name there, «و» and all
        // («وهنري وينكلر», «وكريستوفر والكن»): not a member to cut from it
        let surname_follows = end == j + 1 && given && goes_on;
        let accepted = closed && (in_list || goes_on || given) && !surname_follows;
        if !accepted || listed_word {
            continue;
        }
        s.add_person(j, end, morph::AND.len_utf8(), Claim::of(RULE));
        // the member may be followed by the next one
        let at = people[k..].partition_point(|&p| p < end) + k;
        people.insert(at, end);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::mentions;
    use super::*;

    #[test]
    fn the_next_member_of_a_list_of_people_is_a_person() {
        let list = mentions("وشارك في الفيلم: سامر حداد وجومانا مراد.");
        assert!(
            list.contains(&("جومانا مراد".into(), RULE.name())),
            "{list:?}"
        );
        // one person and «و» + a name is no list yet: it may open a clause
        let pair = mentions("وشارك في الفيلم سامر حداد وجومانا مراد.");
        assert!(pair.iter().all(|(_, r)| r != RULE.id), "{pair:?}");
    }
}
