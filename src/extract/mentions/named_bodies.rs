//! Pass: organisations named after a head noun that is not part of their name.

use super::grammar::is_arabic_word;
use super::state::{Claim, State};
use super::word_lists::WordList;
use super::{Cover, EntityRef, MentionFinder};
use crate::extract::gazetteer::EntityKind;
use crate::text::morph;
use crate::vocab::Rule;

/// `discovered:name_head:<head>`: a body the gazetteer lacks.
pub(super) const RULE: Rule = Rule::new("discovered:name_head", 0.6);
/// `name_head:<head>`: the name after the head is a gazetteer organisation's, shortened
/// («مراسل الجزيرة» → «قناة الجزيرة»).
pub(super) const KNOWN_RULE: Rule = Rule::new("name_head", 0.6);

/// Organisations named after a head noun that is not part of the name: «نادي ريال
/// مدريد», «صحيفة يديعوت أحرونوت», «شركة نوكيا». A city inside the name («مدريد») is
/// part of the organisation's name there, not a place of its own.
pub(super) fn run(f: &MentionFinder, s: &mut State) {
    const MAX_WORDS: usize = 3;
    let mut i = 0;
    while i < s.doc.tokens.len() {
        let Some(prefix) = s.free_stem_in(i, WordList::NameHeads) else {
            i += 1;
            continue;
        };
        let head = &s.doc.token_text(i)[prefix..];
        let definite_ok = s.lexicon.name_heads.get(head).is_some_and(|h| h.definite);
        let sentence = s.doc.tokens[i].sentence;
        let mut end = i + 1;
        let mut place: Option<u32> = None;
        while end < s.doc.tokens.len() && end - (i + 1) < MAX_WORDS {
            let t = &s.doc.tokens[end];
            let separated = if end == i + 1 {
                t.after_punct
            } else {
                t.after_break
            };
            if t.sentence != sentence || separated || s.doc.token_excluded(end) {
                break;
            }
            match s.out.cover[end] {
                Cover::Free => {
                    let w = s.doc.token_text(end);
                    let name_like = is_arabic_word(w)
                        && !s.is_common_token(end, 0)
                        && !s.ends_name(end)
                        && !s.lexicon.org_heads.contains_key(w)
                        && !s.lexicon.name_heads.contains_key(w)
                        && !w
                            .strip_prefix(morph::ARTICLE)
                            .is_some_and(|bare| s.lexicon.org_heads.contains_key(bare))
                        && (definite_ok || !w.starts_with(morph::ARTICLE))
                        && !s.is_definite_common(w);
                    if !name_like {
                        break;
                    }
                }
                // one city or country word in the name: after a word of its own
                // («ريال مدريد»), or alone for clubs and papers («صحيفة القدس»)
                Cover::Mention(m) if (end > i + 1 || definite_ok) && place.is_none() => {
                    let mention = &s.out.mentions[m as usize];
                    let one_word = mention.tokens.first as usize == end
                        && mention.tokens.end as usize == end + 1;
                    let kind = s.kind_of(&mention.entity);
                    if !one_word || !matches!(kind, EntityKind::Location | EntityKind::Country) {
                        break;
                    }
                    place = Some(m);
                    if end == i + 1 {
                        // a club or paper named after its city is that name alone
                        end += 1;
                        break;
                    }
                }
                _ => break,
            }
            end += 1;
        }
        if end == i + 1 {
            i += 1;
            continue;
        }
        let words: Vec<String> = (i + 1..end)
            .map(|t| s.doc.token_text(t).to_string())
            .collect();
        // «مراسل الجزيرة» is the gazetteer's «قناة الجزيرة» when no other body has the name
        let entity = match f.shortened_org(&words).filter(|_| place.is_none()) {
            Some(entry) => EntityRef::Known(entry),
            None => EntityRef::Discovered {
                kind: EntityKind::Organization,
                key: words.join(" "),
            },
        };
        let claim = match entity {
            EntityRef::Known(_) => Claim::with(KNOWN_RULE, head),
            EntityRef::Discovered { .. } => Claim::with(RULE, head),
        };
        match place {
            // the place mention becomes the organisation's, so indices stay valid
            Some(m) => {
                let t0 = &s.doc.tokens[i + 1];
                let stop = s.doc.tokens[end - 1].chars.end;
                let mention = &mut s.out.mentions[m as usize];
                mention.entity = entity;
                mention.tokens.first = (i + 1) as u32;
                mention.tokens.end = end as u32;
                mention.chars.start = t0.chars.start;
                mention.chars.end = stop;
                mention.sentence = t0.sentence;
                mention.surface = s.doc.original(t0.chars.start, stop);
                mention.rule = claim.rule;
                mention.confidence = claim.confidence;
                for t in i + 1..end {
                    s.out.cover[t] = Cover::Mention(m);
                }
            }
            None => s.add(entity, i + 1, end, 0, claim),
        }
        i = end;
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::mentions;
    use super::*;

    #[test]
    fn the_name_after_a_head_noun_is_an_organisation() {
        let paper = mentions("وكتبت صحيفة كرونن تسايتونغ أمس.");
        let rule = RULE.with("صحيفه");
        assert!(
            paper.contains(&("كرونن تسايتونغ".into(), rule)),
            "{paper:?}"
        );
        let no_name = mentions("وكتبت صحيفة أمس أن الحكومة سقطت.");
        assert!(no_name.is_empty(), "{no_name:?}");
    }

    #[test]
    fn a_shortened_gazetteer_name_after_its_head_is_that_organisation() {
        let found = mentions("وقال مراسل الجزيرة إن الوضع هادئ.");
        assert!(
            found.contains(&("الجزيرة".into(), KNOWN_RULE.with("مراسل"))),
            "{found:?}"
        );
    }
}
