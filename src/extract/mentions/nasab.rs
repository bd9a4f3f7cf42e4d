//! Pass: «X بن <person>» names X, the son, not the father.

use super::grammar::is_arabic_word;
use super::state::State;
use super::{Cover, EntityRef, MentionFinder};
use crate::extract::gazetteer::EntityKind;
use crate::text::morph;
use crate::vocab::Rule;

pub(super) const RULE: Rule = Rule::new("discovered:nasab", 0.6);

/// «X بن <person>» names X, the son: «راشد بن محمد بن راشد آل مكتوم» is not Mohammed bin
/// Rashid. A person's mention preceded by بن، ابن، بنت or a kunya and a name becomes a
/// discovered person for the whole chain.
pub(super) fn run(_: &MentionFinder, s: &mut State) {
    for index in 0..s.out.mentions.len() {
        let m = &s.out.mentions[index];
        if s.kind_of(&m.entity) != EntityKind::Person {
            continue;
        }
        let (mut first, end) = (m.tokens.first as usize, m.tokens.end as usize);
        let sentence = m.sentence;
        let mut prefix = 0;
        // walk left over «name connector» pairs
        while first >= 2 {
            let (name, link) = (first - 2, first - 1);
            let attached = |t: usize| {
                let tok = &s.doc.tokens[t];
                tok.sentence == sentence && !tok.after_punct && !tok.after_break
            };
            let free = |t: usize| s.out.cover[t] == Cover::Free && !s.doc.token_excluded(t);
            let link_word = s.doc.token_text(link);
            let words = &s.lexicon.name_words;
            let is_link = words.filiations.contains(link_word);
            if !(is_link && free(link) && free(name) && attached(first) && attached(link)) {
                break;
            }
            let word = s.doc.token_text(name);
            let kunya_link = words.kunyas.contains(link_word);
            // «بن أبي سفيان»: the son of a father known by his kunya; walk on over both
            if kunya_link && words.sons.contains(word) && attached(name) {
                first = link;
                prefix = 0;
                continue;
            }
            let clitic = s
                .doc
                .token_readings(name)
                .filter(|r| !r.has_article && r.span_prefix > 0)
                .find(|r| s.lexicon.first_names.contains(&word[r.stem_prefix..]))
                .map(|r| r.span_prefix);
            let plain = is_arabic_word(word)
                && !s.is_common_token(name, 0)
                && !s.is_listed(word)
                && (!word.starts_with(morph::ARTICLE) || s.lexicon.first_names.contains(word))
                && !s.ends_name(name)
                && !words.connectors.contains(word);
            match clitic {
                Some(p) if !s.lexicon.first_names.contains(word) => {
                    first = name;
                    prefix = p;
                    break;
                }
                _ if plain => {
                    first = name;
                    prefix = 0;
                }
                // no name before a kunya: the kunya begins the name («أبو زيد بن …»)
                _ if kunya_link => {
                    first = link;
                    prefix = 0;
                    break;
                }
                _ => break,
            }
        }
        if first == m.tokens.first as usize {
            continue;
        }
        let words = s.span_words(first, end, prefix);
        let start = s.start_of(first, prefix);
        let surface = s.doc.original(start, s.out.mentions[index].chars.end);
        let m = &mut s.out.mentions[index];
        m.entity = EntityRef::Discovered {
            kind: EntityKind::Person,
            key: words.join(" "),
        };
        m.tokens.first = first as u32;
        m.chars.start = start;
        m.surface = surface;
        m.rule = RULE.name();
        m.confidence = RULE.confidence;
        for t in first..end {
            s.out.cover[t] = Cover::Mention(index as u32);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::mentions;
    use super::*;

    #[test]
    fn the_son_of_a_known_person_is_the_son() {
        let son = mentions("ووصل راشد بن محمد بن راشد آل مكتوم أمس.");
        let whole = "راشد بن محمد بن راشد آل مكتوم".to_string();
        assert_eq!(son, vec![(whole, RULE.name())]);
        let father = mentions("ووصل محمد بن راشد آل مكتوم أمس.");
        assert!(father.iter().all(|(_, r)| r != RULE.id), "{father:?}");
    }
}
