//! Pass: people after a cue — a title, a nationality used as a noun, a verb of saying, a
//! known given name or a kunya.

use super::grammar::{is_arabic_word, KUNYAS};
use super::state::State;
use super::word_lists::WordList;
use super::{Cover, EntityRef, MentionFinder, LAQAB_RULE};
use crate::extract::gazetteer::EntityKind;
use crate::extract::lexicon::Lexicon;

/// People after titles, after speech verbs, and from known given names.
pub(super) fn run(f: &MentionFinder, s: &mut State) {
    let mut i = 0;
    while i < s.doc.tokens.len() {
        if s.doc.token_excluded(i) || s.out.cover[i] != Cover::Free {
            i += 1;
            continue;
        }
        // after a title phrase, past its target and decorations (an adjective such as
        // «السابق» alone introduces no one: «الهاتف الجديد»)
        if let Some(m) = f
            .titles
            .longest_at(s.doc, i)
            .filter(|m| m.payload != "descriptor")
        {
            let name_at = skip_title_tail(f, s, m.end);
            // an office without the article is in construct with what follows («رئيس
            // وزراء بريطانيا», «رئيس كتلة»): a name comes only after its target
            let indefinite_office = !s.doc.token_text(m.first)[m.prefix_len..].starts_with("ال")
                && m.payload != "honorific";
            if indefinite_office && name_at == m.end {
                i = m.end;
                continue;
            }
            let attached = s
                .doc
                .tokens
                .get(name_at)
                .is_some_and(|t| t.sentence == s.doc.tokens[i].sentence && !t.after_punct);
            // an office, not an honorific: «الرئيس مبارك», but «الدكتور سعيد» is a
            // given name and «الممثل كريستوفر» someone else
            let office = !Lexicon::is_decoration(m.payload);
            if let Some(entry) = titled_surname(f, s, name_at).filter(|_| attached && office) {
                s.add(
                    EntityRef::Known(entry),
                    name_at,
                    name_at + 1,
                    0,
                    "surname:after_title".into(),
                    0.8,
                );
                i = name_at + 1;
                continue;
            }
            let laqab_title = m.end == m.first + 1
                && s.lexicon
                    .laqab_titles
                    .contains(&s.doc.token_text(m.first)[m.prefix_len..]);
            if laqab_title && attached && name_at == m.end && s.is_laqab(name_at) {
                s.add_person(name_at, name_at + 1, 0, LAQAB_RULE.into(), 0.6);
                i = name_at + 1;
                continue;
            }
            if let Some(end) = s.name_span(name_at, 1, 3).filter(|_| attached) {
                let title: Vec<&str> = (m.first..m.end).map(|t| s.doc.token_text(t)).collect();
                let rule = format!("discovered:title:{}", title.join(" "));
                s.add_person(name_at, end, 0, rule, 0.7);
                i = end;
                continue;
            }
            i = m.end;
            continue;
        }
        // after a nationality used as a noun: «ومنح الفرنسي لويس ساها», «فاز الروسي
        // نيكولاي دافيدنكو» (after a noun it is an adjective: «الجيش الفرنسي»)
        // (two words at least: one word after a nationality is too often something else)
        if s.after_nationality_noun(i) {
            if let Some(end) = s.name_span(i, 2, 3) {
                let first_is_name = s.lexicon.first_names.contains(s.doc.token_text(i));
                if first_is_name || s.closes_name(end) {
                    s.add_person(i, end, 0, "discovered:nationality".into(), 0.55);
                    i = end;
                    continue;
                }
            }
        }
        // after a verb of saying; a one-word name must close its clause («وقال فرويد إن»)
        if s.free_stem_in(i, WordList::SpeechVerbs).is_some() {
            let name_at = skip_title_tail(f, s, i + 1);
            if let Some(end) = s.name_span(name_at, 1, 3) {
                let first_is_name = s.lexicon.first_names.contains(s.doc.token_text(name_at));
                let closed = s.doc.tokens.get(end).is_none_or(|t| {
                    t.after_break
                        || matches!(
                            s.doc.token_text(end),
                            "ان" | "انه" | "انها" | "انهم" | "بان" | "الي"
                        )
                        || s.ends_name(end)
                });
                if (first_is_name && end - name_at >= 2) || closed {
                    s.add_person(name_at, end, 0, "discovered:speech_verb".into(), 0.6);
                    i = end;
                    continue;
                }
            }
        }
        // a known given name followed by name-like words, or a kunya before one
        // («أبو أيوب», «أبي زكريا»)
        let kunya = |w: &str| {
            KUNYAS.contains(&w)
                && s.doc.tokens.get(i + 1).is_some_and(|next| {
                    !next.after_punct && s.lexicon.first_names.contains(s.doc.token_text(i + 1))
                })
        };
        if let Some(prefix) = s
            .free_stem_in(i, WordList::FirstNames)
            .or_else(|| s.free_stem(i, kunya))
            .filter(|&p| p == 0 || s.doc.token_text(i).starts_with('و'))
        {
            if let Some(end) = s.name_span_from(i, prefix, 2, 4) {
                s.add_person(i, end, prefix, "discovered:given_name".into(), 0.6);
                i = end;
                continue;
            }
        }
        i += 1;
    }
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
        .original(s.doc.norm.original_span(token.from, token.to).0, token.end)
        .contains('ى')
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

/// Past a title: its target (organisation, country, nisba), honorifics, further titles.
fn skip_title_tail(f: &MentionFinder, s: &State, mut j: usize) -> usize {
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
                    j = mention.end as usize;
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
                && s.doc.token_text(k).starts_with("ال")
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
