//! Pass: gazetteer names and nisbas, matched per token with the clitic readings Arabic
//! allows, longest name first. Names written by their surname alone are kept aside for
//! `gazetteer_surnames`, which needs every full name of the article first.

use super::state::{Claim, State};
use super::{Cover, EntityRef, MentionFinder, NisbaMention};
use crate::extract::gazetteer::{AliasKind, AliasTarget};
use crate::text::span::TokenSpan;
use crate::vocab::Rule;

/// `gazetteer:<slug>`; also the `rule` of every gazetteer node.
pub const RULE: Rule = Rule::new("gazetteer", 0.95);

/// Pass 1: gazetteer names and nisbas; surname-only matches are returned for later.
pub(super) fn run(f: &MentionFinder, s: &mut State) {
    let mut i = 0;
    while i < s.doc.tokens.len() {
        if s.doc.token_excluded(i) {
            i += 1;
            continue;
        }
        // a token that is a common word as written is that word, not a clitic before a
        // short name: «فشل» (failed) is not «ف» + «شل» (Shell)
        let Some(m) = f.names.longest_at(s.doc, i).filter(|m| {
            m.prefix_len == 0 || m.end > i + 1 || !s.lexicon.is_common(s.doc.token_text(i))
        }) else {
            spelled_place(f, s, i);
            i += 1;
            continue;
        };
        let names: Vec<&AliasTarget> = m
            .payload
            .iter()
            .filter(|t| t.kind == AliasKind::Name)
            .collect();
        if let Some(target) = names.first() {
            let slug = &s.gazetteer.entries[target.entry as usize].slug;
            let claim = Claim::with(RULE, slug);
            s.add(
                EntityRef::Known(target.entry),
                m.first,
                m.end,
                m.prefix_len,
                claim,
            );
        } else if let Some(nisba) = m.payload.iter().find(|t| t.kind == AliasKind::Nisba) {
            s.out.nisbas.push(NisbaMention {
                country: nisba.entry,
                tokens: TokenSpan::new(m.first, m.end),
            });
            for t in m.first..m.end {
                s.out.cover[t] = Cover::Nisba(0);
            }
        } else if !hamza_folded_away(s, m.first, m.prefix_len, m.payload) {
            s.gazetteer_surnames
                .push((m.first, m.end, m.prefix_len, m.payload.clone()));
        }
        i = m.end;
    }
}

/// A long word no name matches that is a gazetteer place spelled otherwise
/// («جوهانسبورغ» for «جوهانسبرغ»), as written or after a clitic; not a common word.
fn spelled_place(f: &MentionFinder, s: &mut State, i: usize) {
    let word = s.doc.token_text(i);
    if word.len() < 2 * super::PLACE_SPELLING_MIN_CHARS {
        return;
    }
    let found = s.doc.token_readings(i).find_map(|r| {
        let stem = &word[r.stem_prefix..];
        let entry = f.place_spelled_otherwise(stem)?;
        (!s.lexicon.is_common(stem) && !s.lexicon.is_common(word)).then_some((entry, r.span_prefix))
    });
    if let Some((entry, prefix)) = found {
        let claim = Claim::with(SPELLING_RULE, &s.gazetteer.entries[entry as usize].slug);
        s.add(EntityRef::Known(entry), i, i + 1, prefix, claim);
    }
}

/// `spelling:<slug>`: a place the gazetteer knows, spelled otherwise.
const SPELLING_RULE: Rule = Rule::new("spelling", 0.75);

/// Whether a one-word surname matched only because normalisation folded a hamza away:
/// the word has a hamza inside it («شأن», «رأي», «اليأس») where none of the names does
/// («شان», «راي», «إلياس»). Writers drop a hamza at a word's start, not inside it, so
/// such a word is the common word it spells.
fn hamza_folded_away(s: &State, first: usize, prefix: usize, targets: &[AliasTarget]) -> bool {
    const HAMZAS: [char; 6] = ['أ', 'إ', 'آ', 'ؤ', 'ئ', 'ء'];
    let t = &s.doc.tokens[first];
    let written = s.doc.original(s.start_of(first, prefix), t.chars.end);
    let inner_hamza = written.chars().skip(1).any(|c| HAMZAS.contains(&c));
    if !inner_hamza {
        return false;
    }
    !targets.iter().any(|target| {
        let label = &s.gazetteer.entries[target.entry as usize].label;
        let surname = label.split(' ').next_back().unwrap_or("");
        surname.chars().skip(1).any(|c| HAMZAS.contains(&c))
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::mentions;
    use super::*;

    #[test]
    fn a_gazetteer_name_is_found_whole_and_not_inside_a_longer_word() {
        let found = mentions("ووصل محمد بن راشد آل مكتوم أمس.");
        let rule = RULE.with("mohammed-bin-rashid-al-maktoum");
        assert!(
            found.contains(&("محمد بن راشد آل مكتوم".into(), rule)),
            "{found:?}"
        );
        // «عبوتين» (two bombs) holds the letters of «بوتين»
        let inside = mentions("وانفجرت عبوتين أمس.");
        assert!(inside.is_empty(), "{inside:?}");
        // the same letters as a word of their own are the name
        // folding «شأن» (matter) gives «شان»: the hamza inside says it is the word
        let folded = mentions("وقال في هذا الشأن إن شأن البلاد مهم.");
        assert!(
            !folded.iter().any(|(_, rule)| rule.starts_with("surname:")),
            "{folded:?}"
        );
        // a long place name spelled with another vowel letter is the place; an inflected
        // word sharing a place's consonants is not
        let spelled = mentions("ووصل الوفد إلى جوهانسبورغ أمس.");
        assert!(
            spelled.contains(&("جوهانسبورغ".into(), SPELLING_RULE.with("johannesburg"))),
            "{spelled:?}"
        );
        let inflected = mentions("ووصل الوفد فلسطينيا أمس.");
        assert!(inflected.is_empty(), "{inflected:?}");
        let alone = mentions("ووصل بوتين أمس.");
        let surname = ("بوتين".to_string(), "surname:vladimir-putin".to_string());
        assert!(alone.contains(&surname), "{alone:?}");
    }
}
