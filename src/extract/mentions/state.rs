//! The working state while one document is searched: the mentions found so far, what
//! covers each token, and the questions every rule asks about a token.

use super::word_lists::WordList;
use super::{discovered_surnames, given_name};
use super::{Cover, DocumentMentions, EntityRef, Mention, MentionFinder};
use crate::extract::gazetteer::{AliasTarget, EntityKind, Gazetteer};
use crate::extract::lexicon::Lexicon;
use crate::text::normalize::normalize_key;
use crate::text::span::{CharSpan, TokenSpan};
use crate::text::Document;
use crate::vocab::Rule;

/// `spelling:<slug>`: a name found by a discovery rule that is a gazetteer person's, spelled
/// otherwise (`transliterate::spelling_key`).
pub(super) const SPELLED_OTHERWISE: Rule = Rule::new("spelling", 0.8);

/// Working state while one document is searched.
pub(super) struct State<'a> {
    pub(super) doc: &'a Document,
    pub(super) gazetteer: &'a Gazetteer,
    pub(super) lexicon: &'a Lexicon,
    pub(super) out: DocumentMentions,
    /// The finder's word sets built from the lexicon and gazetteer.
    pub(super) finder: &'a MentionFinder,
    /// For a numbered document: each token's word lists (bits of `WordList`) after a plain
    /// clitic prefix, or as written when it is too short for readings. Most tokens are in
    /// none, and the rules ask about every free token, list by list.
    list_bits: Vec<u8>,
    /// Gazetteer names matched by their surname alone, `(first, end, prefix, targets)`:
    /// `gazetteer_names` leaves them for `gazetteer_surnames`.
    pub(super) gazetteer_surnames: Vec<(usize, usize, usize, Vec<AliasTarget>)>,
    /// `ends_name` of each token once asked (0: not yet, 1: no, 2: yes).
    pub(super) ends_name_memo: Vec<std::cell::Cell<u8>>,
}

impl<'a> State<'a> {
    pub(super) fn new(
        doc: &'a Document,
        gazetteer: &'a Gazetteer,
        lexicon: &'a Lexicon,
        finder: &'a MentionFinder,
    ) -> State<'a> {
        let list_bits = if doc.numbered_by(finder.stems_generation) {
            (0..doc.tokens.len())
                .map(|i| finder.list_bits_of(doc, lexicon, i))
                .collect()
        } else {
            Vec::new()
        };
        State {
            doc,
            gazetteer,
            lexicon,
            out: DocumentMentions {
                cover: vec![Cover::Free; doc.tokens.len()],
                ..Default::default()
            },
            finder,
            list_bits,
            gazetteer_surnames: Vec::new(),
            ends_name_memo: vec![std::cell::Cell::new(0); doc.tokens.len()],
        }
    }
    pub(super) fn kind_of(&self, entity: &EntityRef) -> EntityKind {
        entity.kind(self.gazetteer)
    }

    /// A country or place from the gazetteer.
    pub(super) fn is_known_place(&self, entity: &EntityRef) -> bool {
        matches!(entity, EntityRef::Known(_))
            && matches!(
                self.kind_of(entity),
                EntityKind::Location | EntityKind::Country
            )
    }

    /// Where a mention starting at token `first` begins in the original text, past its
    /// `prefix` bytes of clitic.
    pub(super) fn start_of(&self, first: usize, prefix: usize) -> u32 {
        let t = &self.doc.tokens[first];
        self.doc
            .norm
            .original_span(t.norm.from + prefix, t.norm.to)
            .0
    }

    /// The words of tokens `first..end`, the first without its `prefix` bytes of clitic:
    /// the key of a discovered entity.
    pub(super) fn span_words(&self, first: usize, end: usize, prefix: usize) -> Vec<String> {
        (first..end)
            .map(|t| {
                let text = self.doc.token_text(t);
                if t == first { &text[prefix..] } else { text }.to_string()
            })
            .collect()
    }

    /// Turns mention `index` (a place) into a discovered organisation of the same name;
    /// the place keeps its other mentions.
    pub(super) fn make_organization(&mut self, index: usize, claim: Claim) {
        let key = normalize_key(&self.out.mentions[index].surface);
        let m = &mut self.out.mentions[index];
        m.entity = EntityRef::Discovered {
            kind: EntityKind::Organization,
            key,
        };
        m.rule = claim.rule;
        m.confidence = claim.confidence;
    }

    /// Adds a mention of `entity` on tokens `first..end` (the first past `prefix` bytes of
    /// clitic). A known person's mention takes in the given names written before it and
    /// the lineage after it; a given name the gazetteer does not give them makes it
    /// someone else (`given_name`).
    pub(super) fn add(
        &mut self,
        entity: EntityRef,
        first: usize,
        end: usize,
        prefix: usize,
        claim: Claim,
    ) {
        let (mut entity, mut claim) = (entity, claim);
        let (first, prefix) = if let (EntityRef::Known(entry), EntityKind::Person) =
            (&entity, self.kind_of(&entity))
        {
            let entry = *entry;
            // the title of an alias («الملك محمد السادس») is not the name: the mention
            // starts after it, so the name is what the evidence shows
            let titled = end - first >= 2
                && self
                    .finder
                    .one_word_titles
                    .contains(&self.doc.token_text(first)[prefix..]);
            if titled {
                (first + 1, 0)
            } else {
                let (wider, wider_prefix) = self.given_names_before(first, prefix);
                // a given name the gazetteer does not give this person makes it someone
                // else with the same family name: «أنيت براون» is not Gordon Brown
                // (unless the whole is this person's name spelled otherwise: «عبدالفتاح
                // السيسي» is «عبد الفتاح السيسي»)
                if wider < first && !self.names_of_entry(entry, wider, wider_prefix, first) {
                    let words = self.span_words(wider, end, wider_prefix);
                    if self.finder.spelled_otherwise(&words, self.lexicon) == Some(entry) {
                        let slug = &self.gazetteer.entries[entry as usize].slug;
                        claim = Claim::with(SPELLED_OTHERWISE, slug);
                    } else {
                        entity = EntityRef::Discovered {
                            kind: EntityKind::Person,
                            key: words.join(" "),
                        };
                        claim = Claim::of(given_name::RULE);
                    }
                }
                (wider, wider_prefix)
            }
        } else {
            (first, prefix)
        };
        let end = if matches!(entity, EntityRef::Known(_))
            && self.kind_of(&entity) == EntityKind::Person
        {
            self.lineage_after(end)
        } else {
            end
        };
        let t0 = &self.doc.tokens[first];
        let start = self.start_of(first, prefix);
        let stop = self.doc.tokens[end - 1].chars.end;
        let index = self.out.mentions.len() as u32;
        self.out.mentions.push(Mention {
            entity,
            tokens: TokenSpan::new(first, end),
            chars: CharSpan::new(start, stop),
            sentence: t0.sentence,
            surface: self.doc.original(start, stop),
            rule: claim.rule,
            confidence: claim.confidence,
        });
        for t in first..end {
            self.out.cover[t] = Cover::Mention(index);
        }
    }

    /// Keeps the mentions whose `keep` is true, in order; what covered the others is free.
    pub(super) fn retain_mentions(&mut self, keep: &[bool]) {
        if keep.iter().all(|k| *k) {
            return;
        }
        let mut renumber = vec![None; keep.len()];
        let mut next = 0u32;
        for (i, k) in keep.iter().enumerate() {
            if *k {
                renumber[i] = Some(next);
                next += 1;
            }
        }
        let mut i = 0;
        self.out.mentions.retain(|_| {
            i += 1;
            keep[i - 1]
        });
        for c in &mut self.out.cover {
            if let Cover::Mention(m) = *c {
                *c = renumber[m as usize].map_or(Cover::Free, Cover::Mention);
            }
        }
    }

    /// Adds a discovered person on tokens `first..end`; a one-word name that is the
    /// surname of a person found earlier in the article is that person.
    pub(super) fn add_person(&mut self, first: usize, end: usize, prefix: usize, claim: Claim) {
        let words = self.span_words(first, end, prefix);
        // «إنهم …», «أنه …»: a particle that opens a clause opens no name
        if self.lexicon.clause_openers.contains(words[0].as_str()) {
            return;
        }
        // one word written with ة that is no given name is a noun or adjective («مثمرة»)
        let written = self.doc.original(
            self.start_of(first, prefix),
            self.doc.tokens[first].chars.end,
        );
        if end - first == 1
            && written.ends_with('ة')
            && !self.lexicon.first_names.contains(words[0].as_str())
        {
            return;
        }
        // a one-word name that is the surname of someone found earlier is that person
        if let [word] = words.as_slice() {
            let earlier = self
                .out
                .mentions
                .iter()
                .find(|m| {
                    self.discovered_surname(&m.entity) == Some(word.as_str())
                        || self.spelled_surname(m).as_deref() == Some(word.as_str())
                })
                .map(|m| m.entity.clone());
            if let Some(entity) = earlier {
                // as sure as the rule that found the name here
                let claim = Claim {
                    rule: discovered_surnames::SURNAME.name(),
                    confidence: claim.confidence,
                };
                self.add(entity, first, end, prefix, claim);
                return;
            }
        }
        // a gazetteer person spelled otherwise: «فلاديمير بوتن», «عبدالفتاح السيسي»
        if words.len() >= 2 {
            if let Some(entry) = self.finder.spelled_otherwise(&words, self.lexicon) {
                let slug = &self.gazetteer.entries[entry as usize].slug;
                let claim = Claim::with(SPELLED_OTHERWISE, slug);
                self.add(EntityRef::Known(entry), first, end, prefix, claim);
                return;
            }
        }
        let entity = EntityRef::Discovered {
            kind: EntityKind::Person,
            key: words.join(" "),
        };
        self.add(entity, first, end, prefix, claim);
    }

    /// The last word of a known person's mention found by its spelling here («بوتن» of
    /// «فلاديمير بوتن»), which then names them alone too.
    pub(super) fn spelled_surname(&self, m: &Mention) -> Option<String> {
        if !m.rule.starts_with(SPELLED_OTHERWISE.id) {
            return None;
        }
        m.surface.rsplit(' ').next().map(normalize_key)
    }

    /// If token `i` is free and, after a plain clitic prefix, is in `list`: the prefix.
    /// `free_stem` with the list's membership read from the stems' numbers.
    #[inline]
    pub(super) fn free_stem_in(&self, i: usize, list: WordList) -> Option<usize> {
        // nearly every token is in no list: that is settled here, in the caller
        if self
            .list_bits
            .get(i)
            .is_some_and(|bits| bits & list.bit() == 0)
        {
            return None;
        }
        self.free_stem_in_list(i, list)
    }

    /// `free_stem_in` for a token that may be in `list`.
    pub(super) fn free_stem_in_list(&self, i: usize, list: WordList) -> Option<usize> {
        if !self.doc.numbered_by(self.finder.stems_generation) {
            return self.free_stem(i, |w| list.contains(self.lexicon, w));
        }
        if self.doc.token_excluded(i) || self.out.cover[i] != Cover::Free {
            return None;
        }
        // in the list: after the first prefix whose stem is, or as written (a short token)
        let prefix = self
            .doc
            .token_readings(i)
            .filter(|r| !r.has_article)
            .find(|r| self.finder.stem_list_bits(r.stem_id) & list.bit() != 0)
            .map_or(0, |r| r.span_prefix);
        Some(prefix)
    }

    /// If token `i` is free and, after a plain clitic prefix, satisfies `test`: the prefix.
    pub(super) fn free_stem(&self, i: usize, test: impl Fn(&str) -> bool) -> Option<usize> {
        if self.doc.token_excluded(i) || self.out.cover[i] != Cover::Free {
            return None;
        }
        let token = self.doc.token_text(i);
        self.doc
            .token_readings(i)
            .filter(|r| !r.has_article)
            .find(|r| test(&token[r.stem_prefix..]))
            .map(|r| r.span_prefix)
            .or_else(|| test(token).then_some(0))
    }
}

/// What a rule says of a mention it adds: which rule (with what it matched) and how sure.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Claim {
    pub(super) rule: String,
    pub(super) confidence: f32,
}

impl Claim {
    /// The rule's own claim.
    pub(super) fn of(rule: Rule) -> Claim {
        Claim {
            rule: rule.name(),
            confidence: rule.confidence,
        }
    }

    /// The rule's claim with what it matched: `discovered:title:الوزير`.
    pub(super) fn with(rule: Rule, detail: &str) -> Claim {
        Claim {
            rule: rule.with(detail),
            confidence: rule.confidence,
        }
    }
}
