//! Pass: a person the article names by a given name of their own, written before a known
//! person's family name, is that person's relative, not the known person.

use super::gazetteer_surnames;
use super::state::State;
use super::{Cover, EntityRef, MentionFinder};
use crate::extract::gazetteer::EntityKind;
use crate::vocab::Rule;

/// `given_name:family`: a discovered given name and a known family name, one person.
pub(super) const RULE: Rule = Rule::new("given_name:family", 0.6);

/// «ميلانيا ترامب … وقالت ميلانيا»: the article shows «ميلانيا» to be a person of its
/// own (a discovery rule found her alone), so where her name stands right before the
/// family name of a gazetteer person, the two words are one discovered person — and her
/// given name alone elsewhere in the article is her too. Only a surname matched alone is
/// taken apart: a gazetteer person named in full stays who they are.
pub(super) fn run(_: &MentionFinder, s: &mut State) {
    let surname_rule = gazetteer_surnames::RULE.id;
    let mut joined: Vec<(usize, usize, EntityRef)> = Vec::new();
    for (x, given) in s.out.mentions.iter().enumerate() {
        let (EntityRef::Discovered { kind, .. }, true) =
            (&given.entity, given.tokens.end - given.tokens.first == 1)
        else {
            continue;
        };
        if *kind != EntityKind::Person {
            continue;
        }
        let after = given.tokens.end as usize;
        if after >= s.doc.tokens.len() || s.doc.tokens[after].after_punct {
            continue;
        }
        let Cover::Mention(y) = s.out.cover[after] else {
            continue;
        };
        let family = &s.out.mentions[y as usize];
        let surname_alone = family.tokens.first as usize == after
            && family.rule.starts_with(surname_rule)
            && matches!(family.entity, EntityRef::Known(_))
            && s.kind_of(&family.entity) == EntityKind::Person;
        if surname_alone {
            let words = s.span_words(given.tokens.first as usize, family.tokens.end as usize, 0);
            joined.push((
                x,
                y as usize,
                EntityRef::Discovered {
                    kind: EntityKind::Person,
                    key: words.join(" "),
                },
            ));
        }
    }
    if joined.is_empty() {
        return;
    }
    let mut dropped = vec![false; s.out.mentions.len()];
    for (x, y, person) in joined {
        let old = s.out.mentions[x].entity.clone();
        let (end, stop) = (s.out.mentions[y].tokens.end, s.out.mentions[y].chars.end);
        // the given name alone is the same person
        for m in s.out.mentions.iter_mut().filter(|m| m.entity == old) {
            m.entity = person.clone();
        }
        let m = &mut s.out.mentions[x];
        m.tokens.end = end;
        m.chars.end = stop;
        m.surface = s.doc.original(m.chars.start, stop);
        m.rule = RULE.name();
        m.confidence = RULE.confidence;
        dropped[y] = true;
    }
    let mut kept = Vec::with_capacity(s.out.mentions.len());
    for (i, m) in std::mem::take(&mut s.out.mentions).into_iter().enumerate() {
        if !dropped[i] {
            kept.push(m);
        }
    }
    s.out.mentions = kept;
    for c in s.out.cover.iter_mut() {
        if matches!(c, Cover::Mention(_)) {
            *c = Cover::Free;
        }
    }
    for (i, m) in s.out.mentions.iter().enumerate() {
        for t in m.tokens.first..m.tokens.end {
            s.out.cover[t as usize] = Cover::Mention(i as u32);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::mentions;
    use super::*;

    #[test]
    fn a_given_name_of_its_own_before_a_known_family_name_is_a_relative() {
        let found = mentions("وشكرت ميلانيا ترامب الرئيس المصري. وقالت ميلانيا إن الزيارة مهمة.");
        assert!(
            found.contains(&("ميلانيا ترامب".to_string(), RULE.name())),
            "{found:?}"
        );
        assert!(
            !found.iter().any(|(_, rule)| rule == "surname:donald-trump"),
            "{found:?}"
        );
        // positive control: the family name alone, with no given name found before it,
        // is still the known person
        let found = mentions("وشكر ترامب الرئيس المصري. وقالت ميلانيا إن الزيارة مهمة.");
        assert!(
            found.contains(&("ترامب".to_string(), "surname:donald-trump".to_string())),
            "{found:?}"
        );
    }
}
