//! Pass: organisations from a head noun and the definite words after it.

use super::grammar::is_arabic_word;
use super::state::{Claim, State};
use super::word_lists::WordList;
use super::{Cover, EntityRef, MentionFinder};
use crate::extract::gazetteer::EntityKind;
use crate::text::morph;
use crate::vocab::Rule;

/// `discovered:org_head:<head>`.
pub(super) const RULE: Rule = Rule::new("discovered:org_head", 0.6);

/// Organisations from head nouns: «وكالة» + definite words (+ nisba).
pub(super) fn run(f: &MentionFinder, s: &mut State) {
    const MAX_WORDS: usize = 6;
    let mut i = 0;
    while i < s.doc.tokens.len() {
        let Some(prefix) = s.free_stem_in(i, WordList::OrgHeads) else {
            i += 1;
            continue;
        };
        let mut end = i + 1;
        while end < s.doc.tokens.len() && end - i < MAX_WORDS {
            let t = &s.doc.tokens[end];
            if t.after_break || t.sentence != s.doc.tokens[i].sentence {
                break;
            }
            let w = s.doc.token_text(end);
            let covered_ok = match s.out.cover[end] {
                // («مجلس الوزراء الدكتور …»: a title starts the next name)
                Cover::Free => {
                    w.starts_with(morph::ARTICLE)
                        && is_arabic_word(w)
                        && !s.lexicon.is_common(w)
                        && !s.lexicon.is_title_word(w)
                }
                Cover::Nisba(_) => true,
                Cover::Mention(_) => false,
            };
            if !covered_ok {
                break;
            }
            end += 1;
        }
        // a name needs a specific part: two words after the head («مجلس الأمن القومي»)
        // or a nisba or place («وزارة الخارجية القطرية»); «مجلس الوزراء» alone is generic
        let specific = end - i >= 3 || (i + 1..end).any(|t| s.out.cover[t] != Cover::Free);
        if end - i < 2 || !specific {
            i += 1;
            continue;
        }
        let mut name: Vec<String> = vec![s.doc.token_text(i)[prefix..].to_string()];
        name.extend((i + 1..end).map(|t| s.doc.token_text(t).to_string()));
        let entity = match f.shortened_org(&name) {
            Some(entry) => EntityRef::Known(entry),
            None => EntityRef::Discovered {
                kind: EntityKind::Organization,
                key: name.join(" "),
            },
        };
        let claim = Claim::with(RULE, &name[0]);
        s.add(entity, i, end, prefix, claim);
        i = end;
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::mentions;
    use super::*;

    #[test]
    fn a_head_noun_with_a_specific_part_names_an_organisation() {
        let ministry = mentions("وأعلنت وزارة الزراعة القطرية أمس.");
        let rule = RULE.with("وزاره");
        assert!(
            ministry.contains(&("وزارة الزراعة القطرية".into(), rule)),
            "{ministry:?}"
        );
        // «مجلس الوزراء» alone is generic
        let generic = mentions("واجتمع مجلس الوزراء أمس.");
        assert!(generic.iter().all(|(_, r)| !RULE.wrote(r)), "{generic:?}");
    }
}
