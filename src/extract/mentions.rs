//! Finding entity mentions in a document: gazetteer names first, then discovery rules for
//! names the gazetteer lacks, then resolution of short forms (surnames) to full names.

use rustc_hash::FxHashMap;

use super::gazetteer::{variants, AliasKind, AliasTarget, EntityKind, Gazetteer};
use super::lexicon::Lexicon;
use super::matcher::{words, PhraseIndex};
use crate::text::clitics::readings;
use crate::text::normalize::normalize_key;
use crate::text::Document;

/// Which entity a mention refers to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityRef {
    /// A gazetteer entry (index into `Gazetteer::entries`).
    Known(u32),
    /// Found by a discovery rule; `key` is the normalised name.
    Discovered { kind: EntityKind, key: String },
}

impl EntityRef {
    /// The entity's kind: from the gazetteer for known entities.
    pub fn kind(&self, gazetteer: &Gazetteer) -> EntityKind {
        match self {
            EntityRef::Known(i) => gazetteer.entries[*i as usize].kind,
            EntityRef::Discovered { kind, .. } => *kind,
        }
    }
}

/// One mention of an entity.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub entity: EntityRef,
    /// Token range `[first, end)`.
    pub first: u32,
    pub end: u32,
    /// Original code-point span, clitic prefixes excluded.
    pub start: u32,
    pub stop: u32,
    pub sentence: u32,
    /// The original text of the span.
    pub surface: String,
    /// Which gazetteer row or discovery rule produced it.
    pub rule: String,
    pub confidence: f32,
}

/// A nisba adjective (الروسي، الأمريكية) referring to a country without naming it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NisbaMention {
    pub country: u32,
    pub first: u32,
    pub end: u32,
}

/// What covers a token after extraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cover {
    Free,
    Mention(u32),
    Nisba(u32),
}

/// All mentions in one document.
#[derive(Debug, Clone, Default)]
pub struct DocumentMentions {
    pub mentions: Vec<Mention>,
    pub nisbas: Vec<NisbaMention>,
    /// Per token: what covers it.
    pub cover: Vec<Cover>,
}

/// Matching tables built once from the gazetteer and lexicon.
#[derive(Debug, Clone)]
pub struct MentionFinder {
    names: PhraseIndex<Vec<AliasTarget>>,
    pub titles: PhraseIndex<String>,
    /// Token lists of gazetteer organisation names, to resolve shortened references.
    org_names: Vec<(u32, Vec<String>)>,
    /// Words of the other lexicons (event triggers, titles, months, modality): never part
    /// of a discovered name.
    lexicon_words: rustc_hash::FxHashSet<String>,
    /// One-word titles (الملك، الرئيس، الشيخ): a gazetteer alias that starts with one
    /// still names the person without it.
    one_word_titles: rustc_hash::FxHashSet<String>,
    /// The words of each gazetteer person's label and aliases, with their spelling
    /// variants: a given name outside them is someone else's.
    person_words: FxHashMap<u32, rustc_hash::FxHashSet<String>>,
    /// Family names that are also common words or given names, with the gazetteer people
    /// who have them (`Gazetteer::titled_surnames`): a title right before one vouches
    /// for it.
    titled_surnames: FxHashMap<String, Vec<u32>>,
    /// For each stem number of the extractor's `StemTable`, the word lists it is in (bits
    /// of `WordList`), so `State::free_stem_in` needs no lookup of its own.
    stem_lists: Vec<u8>,
    /// The table `stem_lists` is numbered by (0: none).
    stems_generation: u64,
}

/// The word lists asked about for every free token (`State::free_stem_in`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordList {
    NameHeads,
    OrgHeads,
    SpeechVerbs,
    PlaceTriggers,
    FirstNames,
}

impl WordList {
    const ALL: [WordList; 5] = [
        WordList::NameHeads,
        WordList::OrgHeads,
        WordList::SpeechVerbs,
        WordList::PlaceTriggers,
        WordList::FirstNames,
    ];

    fn bit(self) -> u8 {
        1 << self as u8
    }

    fn contains(self, lexicon: &Lexicon, word: &str) -> bool {
        match self {
            WordList::NameHeads => lexicon.name_heads.contains_key(word),
            WordList::OrgHeads => lexicon.org_heads.contains_key(word),
            WordList::SpeechVerbs => lexicon.speech_verbs.contains(word),
            WordList::PlaceTriggers => lexicon.place_triggers.contains_key(word),
            WordList::FirstNames => lexicon.first_names.contains(word),
        }
    }

    /// The list's words.
    pub fn words(self, lexicon: &Lexicon) -> Box<dyn Iterator<Item = &String> + '_> {
        match self {
            WordList::NameHeads => Box::new(lexicon.name_heads.keys()),
            WordList::OrgHeads => Box::new(lexicon.org_heads.keys()),
            WordList::SpeechVerbs => Box::new(lexicon.speech_verbs.iter()),
            WordList::PlaceTriggers => Box::new(lexicon.place_triggers.keys()),
            WordList::FirstNames => Box::new(lexicon.first_names.iter()),
        }
    }

    /// The words of every list (for the extractor's `StemTable`).
    pub fn all_words(lexicon: &Lexicon) -> impl Iterator<Item = &String> {
        WordList::ALL
            .into_iter()
            .flat_map(|list| list.words(lexicon))
    }
}

const CONNECTORS: [&str; 8] = ["بن", "ابن", "بنت", "ابو", "ابي", "ابا", "عبد", "ال"];
/// Connectors that may also begin a name: a kunya («أبو بكر») or «عبد» («عبد العزيز»).
const NAME_OPENERS: [&str; 4] = ["ابو", "ابي", "ابا", "عبد"];
/// Rules named where they are decided on as well as where they find names: a definite
/// one-word name they found may be repeated through its article.
const LAQAB_RULE: &str = "discovered:laqab";
const PLACE_TRIGGER_RULE: &str = "discovered:place_trigger";
/// The kunya «أبو» in its three cases.
const KUNYAS: [&str; 3] = ["ابو", "ابي", "ابا"];
/// Words that link a name to a father's: «بن», «ابن», «بنت» and the kunya.
const FILIATIONS: [&str; 6] = ["بن", "ابن", "بنت", "ابو", "ابي", "ابا"];
/// Particles of European names, written as words of their own (normalised).
const NAME_PARTICLES: [&str; 8] = ["دي", "دو", "دا", "ديل", "دوس", "فان", "فون", "دير"];
/// «la», «lo» after a particle («دو لا سابليير»).
const ARTICLE_PARTICLES: [&str; 2] = ["لا", "لو"];
/// «بن», «ابن», «بنت»: son or daughter of.
const SONS: [&str; 3] = ["بن", "ابن", "بنت"];
/// «ولد» between two names is «son of» in Mauritanian names («محمد ولد عبد العزيز»).
const MAURITANIAN_FILIATION: &str = "ولد";
/// Regnal numbers after a ruler's or pope's name (normalised: الأول → الاول).
const REGNAL_ORDINALS: [&str; 11] = [
    "الاول",
    "الثاني",
    "الثالث",
    "الرابع",
    "الخامس",
    "السادس",
    "السابع",
    "الثامن",
    "التاسع",
    "العاشر",
    "الحادي",
];

fn is_arabic_word(w: &str) -> bool {
    w.chars().count() >= 2 && w.chars().all(|c| ('\u{0621}'..='\u{064A}').contains(&c))
}

impl MentionFinder {
    /// The first stems of the name and title phrases.
    pub fn phrase_stems(&self) -> impl Iterator<Item = &str> {
        self.names.stems().chain(self.titles.stems())
    }

    /// Finds phrases, and the word lists of free tokens, by the numbers of `table` (see
    /// `PhraseIndex::number_stems`). The lists are left unnumbered if the table lacks one of
    /// their words.
    pub fn number_stems(&mut self, table: &crate::text::StemTable, lexicon: &Lexicon) {
        self.names.number_stems(table);
        self.titles.number_stems(table);
        let mut stem_lists = vec![0u8; table.len() + 1];
        for list in WordList::ALL {
            for word in list.words(lexicon) {
                match table.id(word) {
                    Some(id) => stem_lists[id as usize] |= list.bit(),
                    None => return,
                }
            }
        }
        self.stem_lists = stem_lists;
        self.stems_generation = table.generation();
    }

    /// The word lists of stem number `id` (bits of `WordList`).
    #[inline]
    fn stem_list_bits(&self, id: u32) -> u8 {
        self.stem_lists.get(id as usize).copied().unwrap_or(0)
    }

    /// The word lists token `i` of a numbered document is in after a plain clitic prefix,
    /// or, too short for readings, as written.
    fn list_bits_of(&self, doc: &Document, lexicon: &Lexicon, i: usize) -> u8 {
        let mut bits = 0;
        let mut plain_reading = false;
        for r in doc.token_readings(i).filter(|r| !r.has_article) {
            bits |= self.stem_list_bits(r.stem_id);
            plain_reading |= r.stem_prefix == 0;
        }
        if !plain_reading {
            let token = doc.token_text(i);
            for list in WordList::ALL {
                if list.contains(lexicon, token) {
                    bits |= list.bit();
                }
            }
        }
        bits
    }

    pub fn new(gazetteer: &Gazetteer, lexicon: &Lexicon) -> MentionFinder {
        let mut grouped: FxHashMap<String, Vec<AliasTarget>> = FxHashMap::default();
        for (key, target) in gazetteer.alias_keys(lexicon) {
            grouped.entry(key).or_default().push(target);
        }
        let mut keys: Vec<_> = grouped.into_iter().collect();
        keys.sort_by(|a, b| a.0.cmp(&b.0));
        let mut names = PhraseIndex::default();
        for (key, targets) in keys {
            let adjective = targets.iter().all(|t| t.kind == AliasKind::Nisba);
            names.insert(&key, adjective, targets);
        }
        let mut titles = PhraseIndex::default();
        for (tokens, role) in &lexicon.titles {
            titles.insert(&tokens.join(" "), false, role.clone());
        }
        let org_names = gazetteer
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == EntityKind::Organization)
            .flat_map(|(i, e)| {
                e.aliases
                    .iter()
                    .map(move |a| (i as u32, words(&normalize_key(a))))
            })
            .collect();
        let lexicon_words = lexicon
            .event_triggers
            .iter()
            .map(|t| &t.tokens)
            .chain(
                lexicon
                    .titles
                    .iter()
                    .filter(|(_, role)| !Lexicon::is_decoration(role))
                    .map(|(t, _)| t),
            )
            .chain(lexicon.months.iter().map(|(t, _)| t))
            .chain(lexicon.modality.iter())
            .flatten()
            .cloned()
            .collect();
        let one_word_titles = lexicon
            .titles
            .iter()
            .filter(|(tokens, _)| tokens.len() == 1)
            .map(|(tokens, _)| tokens[0].clone())
            .collect();
        let person_words = gazetteer
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == EntityKind::Person)
            .map(|(i, e)| {
                let words = std::iter::once(&e.label)
                    .chain(&e.aliases)
                    .flat_map(|a| {
                        normalize_key(a)
                            .split(' ')
                            .flat_map(|w| variants(w, &lexicon.variants))
                            .collect::<Vec<_>>()
                    })
                    .collect();
                (i as u32, words)
            })
            .collect();
        let mut titled_surnames: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        for (key, entry) in gazetteer.titled_surnames(lexicon) {
            titled_surnames.entry(key).or_default().push(entry);
        }
        MentionFinder {
            names,
            titles,
            org_names,
            lexicon_words,
            one_word_titles,
            person_words,
            titled_surnames,
            stem_lists: Vec::new(),
            stems_generation: 0,
        }
    }

    /// Finds the mentions in `doc`.
    pub fn find(
        &self,
        doc: &Document,
        gazetteer: &Gazetteer,
        lexicon: &Lexicon,
    ) -> DocumentMentions {
        let mut state = State::new(doc, gazetteer, lexicon, self);
        let surnames = self.match_gazetteer(&mut state);
        Self::resolve_gazetteer_surnames(&mut state, surnames);
        Self::sons_named_after_fathers(&mut state);
        Self::places_naming_organisations(&mut state);
        self.discover_named_bodies(&mut state);
        self.discover_organizations(&mut state);
        self.discover_people(&mut state);
        Self::discover_list_members(&mut state);
        // fathers found only now (discovered) have their sons' names before them too
        Self::sons_named_after_fathers(&mut state);
        self.discover_places(&mut state);
        Self::repeat_discovered_names(&mut state);
        Self::resolve_discovered_surnames(&mut state);
        state.out.mentions.sort_by_key(|m| (m.first, m.end));
        // cover indices must follow the sort
        let mut cover = vec![Cover::Free; doc.tokens.len()];
        for (i, n) in state.out.nisbas.iter().enumerate() {
            for t in n.first..n.end {
                cover[t as usize] = Cover::Nisba(i as u32);
            }
        }
        for (i, m) in state.out.mentions.iter().enumerate() {
            for t in m.first..m.end {
                cover[t as usize] = Cover::Mention(i as u32);
            }
        }
        state.out.cover = cover;
        state.out
    }

    /// Pass 1: gazetteer names and nisbas; surname-only matches are returned for later.
    fn match_gazetteer(&self, s: &mut State) -> Vec<(usize, usize, usize, Vec<AliasTarget>)> {
        let mut surnames = Vec::new();
        let mut i = 0;
        while i < s.doc.tokens.len() {
            if s.doc.token_excluded(i) {
                i += 1;
                continue;
            }
            // a token that is a common word as written is that word, not a clitic before a
            // short name: «فشل» (failed) is not «ف» + «شل» (Shell)
            let Some(m) = self.names.longest_at(s.doc, i).filter(|m| {
                m.prefix_len == 0 || m.end > i + 1 || !s.lexicon.is_common(s.doc.token_text(i))
            }) else {
                i += 1;
                continue;
            };
            let names: Vec<&AliasTarget> = m
                .payload
                .iter()
                .filter(|t| t.kind == AliasKind::Name)
                .collect();
            if let Some(target) = names.first() {
                let rule = format!(
                    "gazetteer:{}",
                    s.gazetteer.entries[target.entry as usize].slug
                );
                s.add(
                    EntityRef::Known(target.entry),
                    m.first,
                    m.end,
                    m.prefix_len,
                    rule,
                    0.95,
                );
            } else if let Some(nisba) = m.payload.iter().find(|t| t.kind == AliasKind::Nisba) {
                s.out.nisbas.push(NisbaMention {
                    country: nisba.entry,
                    first: m.first as u32,
                    end: m.end as u32,
                });
                for t in m.first..m.end {
                    s.out.cover[t] = Cover::Nisba(0);
                }
            } else {
                surnames.push((m.first, m.end, m.prefix_len, m.payload.clone()));
            }
            i = m.end;
        }
        surnames
    }

    /// Organisations named after a head noun that is not part of the name: «نادي ريال
    /// مدريد», «صحيفة يديعوت أحرونوت», «شركة نوكيا». A city inside the name («مدريد») is
    /// part of the organisation's name there, not a place of its own.
    fn discover_named_bodies(&self, s: &mut State) {
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
                                .strip_prefix("ال")
                                .is_some_and(|bare| s.lexicon.org_heads.contains_key(bare))
                            && (definite_ok || !w.starts_with("ال"))
                            && !s.is_definite_common(w);
                        if !name_like {
                            break;
                        }
                    }
                    // one city or country word in the name: after a word of its own
                    // («ريال مدريد»), or alone for clubs and papers («صحيفة القدس»)
                    Cover::Mention(m) if (end > i + 1 || definite_ok) && place.is_none() => {
                        let mention = &s.out.mentions[m as usize];
                        let one_word =
                            mention.first as usize == end && mention.end as usize == end + 1;
                        let kind = s.kind_of(&mention.entity);
                        if !one_word || !matches!(kind, EntityKind::Location | EntityKind::Country)
                        {
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
            let entity = match self.shortened_org(&words).filter(|_| place.is_none()) {
                Some(entry) => EntityRef::Known(entry),
                None => EntityRef::Discovered {
                    kind: EntityKind::Organization,
                    key: words.join(" "),
                },
            };
            let rule = match entity {
                EntityRef::Known(_) => format!("name_head:{head}"),
                EntityRef::Discovered { .. } => format!("discovered:name_head:{head}"),
            };
            match place {
                // the place mention becomes the organisation's, so indices stay valid
                Some(m) => {
                    let t0 = &s.doc.tokens[i + 1];
                    let stop = s.doc.tokens[end - 1].end;
                    let mention = &mut s.out.mentions[m as usize];
                    mention.entity = entity;
                    mention.first = (i + 1) as u32;
                    mention.end = end as u32;
                    mention.start = t0.start;
                    mention.stop = stop;
                    mention.sentence = t0.sentence;
                    mention.surface = s.doc.original(t0.start, stop);
                    mention.rule = rule;
                    mention.confidence = 0.6;
                    for t in i + 1..end {
                        s.out.cover[t] = Cover::Mention(m);
                    }
                }
                None => s.add(entity, i + 1, end, 0, rule, 0.6),
            }
            i = end;
        }
    }

    /// Organisations from head nouns: «وكالة» + definite words (+ nisba).
    fn discover_organizations(&self, s: &mut State) {
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
                    Cover::Free => {
                        w.starts_with("ال") && is_arabic_word(w) && !s.lexicon.is_common(w)
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
            let entity = match self.shortened_org(&name) {
                Some(entry) => EntityRef::Known(entry),
                None => EntityRef::Discovered {
                    kind: EntityKind::Organization,
                    key: name.join(" "),
                },
            };
            let head = name[0].clone();
            s.add(
                entity,
                i,
                end,
                prefix,
                format!("discovered:org_head:{head}"),
                0.6,
            );
            i = end;
        }
    }

    /// A gazetteer organisation whose name contains these words in order, if only one does.
    fn shortened_org(&self, name: &[String]) -> Option<u32> {
        let mut found: Option<u32> = None;
        for (entry, words) in &self.org_names {
            let mut it = words.iter();
            if name.iter().all(|w| it.any(|x| x == w)) {
                match found {
                    Some(e) if e != *entry => return None,
                    _ => found = Some(*entry),
                }
            }
        }
        found
    }

    /// People after titles, after speech verbs, and from known given names.
    fn discover_people(&self, s: &mut State) {
        let mut i = 0;
        while i < s.doc.tokens.len() {
            if s.doc.token_excluded(i) || s.out.cover[i] != Cover::Free {
                i += 1;
                continue;
            }
            // after a title phrase, past its target and decorations (an adjective such as
            // «السابق» alone introduces no one: «الهاتف الجديد»)
            if let Some(m) = self
                .titles
                .longest_at(s.doc, i)
                .filter(|m| m.payload != "descriptor")
            {
                let name_at = self.skip_title_tail(s, m.end);
                // an office without the article is in construct with what follows («رئيس
                // وزراء بريطانيا», «رئيس كتلة»): a name comes only after its target
                let indefinite_office = !s.doc.token_text(m.first)[m.prefix_len..]
                    .starts_with("ال")
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
                if let Some(entry) = self
                    .titled_surname(s, name_at)
                    .filter(|_| attached && office)
                {
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
                let name_at = self.skip_title_tail(s, i + 1);
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

    /// The next member of a list of people: «و» + a name written right after a person
    /// («فتحي عبد الوهاب وجومانا مراد», «كانافارو وإيمرسون»), and the one after that.
    /// The name must close where the member would end (punctuation, the next «و», the end
    /// of the sentence, or a word that cannot be a name's), so that «و» opening a clause
    /// («ورد واليه») is not taken.
    fn discover_list_members(s: &mut State) {
        let mut people: Vec<usize> = (0..s.out.mentions.len())
            .filter(|&m| s.kind_of(&s.out.mentions[m].entity) == EntityKind::Person)
            .map(|m| s.out.mentions[m].end as usize)
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
                    .strip_prefix('و')
                    .is_some_and(|rest| rest.chars().count() >= 3);
            if !member {
                continue;
            }
            let Some(end) = s.name_span_from(j, 'و'.len_utf8(), 1, 3) else {
                continue;
            };
            // where the member ends, the list goes on or the clause ends
            let closed = s.doc.tokens.get(end).is_none_or(|next| {
                next.sentence != sentence
                    || next.after_punct
                    || next.after_break
                    || s.doc.token_text(end).starts_with('و')
            });
            // and the list is one: the person before is a member too («بوش وشارون
            // وبلير»), another member follows, or the new member starts with a given name
            let previous = s.out.mentions.iter().find(|m| m.end as usize == j);
            let in_list = previous.is_some_and(|m| {
                let first = m.first as usize;
                s.doc.token_text(first).starts_with('و') || s.doc.tokens[first].after_punct
            });
            let goes_on = s.doc.tokens.get(end).is_some_and(|next| {
                next.sentence == sentence
                    && !next.after_punct
                    && s.doc.token_text(end).starts_with('و')
                    && !s.is_common_token(end, 0)
            });
            let given = s.lexicon.first_names.contains(&token['و'.len_utf8()..]);
            // a title is not a member («ومعالي», «وزير»)
            let listed_word = s.finder.titles.longest_at(s.doc, j).is_some();
            // a lone given name before a «و» word has its family name there, «و» and all
            // («وهنري وينكلر», «وكريستوفر والكن»): not a member to cut from it
            let surname_follows = end == j + 1 && given && goes_on;
            let accepted = closed && (in_list || goes_on || given) && !surname_follows;
            if !accepted || listed_word {
                continue;
            }
            s.add_person(j, end, 'و'.len_utf8(), "discovered:list".into(), 0.55);
            // the member may be followed by the next one
            let at = people[k..].partition_point(|&p| p < end) + k;
            people.insert(at, end);
        }
    }

    /// The one gazetteer person whose ordinary-word family name token `k` is, when that
    /// word stands alone after a title: «الرئيس مبارك», «الرئيس بري». Not when a name goes
    /// on after it (then it is someone's given name), and not «على»/«إلى» (they fold to
    /// «علي», «الي»: the spelling as written decides).
    fn titled_surname(&self, s: &State, k: usize) -> Option<u32> {
        if s.out.cover.get(k) != Some(&Cover::Free) || s.doc.token_excluded(k) {
            return None;
        }
        let [entry] = self.titled_surnames.get(s.doc.token_text(k))?.as_slice() else {
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
    fn skip_title_tail(&self, s: &State, mut j: usize) -> usize {
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
            if let Some(m) = self.titles.longest_at(s.doc, j) {
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

    /// Places after triggers: «مدينة X», «العاصمة X».
    fn discover_places(&self, s: &mut State) {
        let mut i = 0;
        while i < s.doc.tokens.len() {
            if s.free_stem_in(i, WordList::PlaceTriggers).is_none()
                && !s.doc.token_text(i).ends_with("عاصمه")
            {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < s.doc.tokens.len() && matches!(s.out.cover[j], Cover::Nisba(_)) {
                j += 1;
            }
            // a definite name is usual after a trigger («بلدة الدجيل», «مدينة الصدر»); not
            // after «عاصمة», whose definite word is what it is the capital of
            let capital_of = s.doc.token_text(i).ends_with("عاصمه");
            let definite_name = || (!capital_of && s.is_definite_place_name(j)).then_some(j + 1);
            if let Some(end) = s.name_span(j, 1, 2).or_else(definite_name) {
                let key = (j..end)
                    .map(|t| s.doc.token_text(t))
                    .collect::<Vec<_>>()
                    .join(" ");
                let entity = EntityRef::Discovered {
                    kind: EntityKind::Location,
                    key,
                };
                s.add(entity, j, end, 0, PLACE_TRIGGER_RULE.into(), 0.6);
                i = end;
                continue;
            }
            i += 1;
        }
    }

    /// Gazetteer surnames: the person named in full in this article, else the only person
    /// with that surname; an ambiguous surname with no full name nearby is left alone.
    fn resolve_gazetteer_surnames(
        s: &mut State,
        gazetteer_surnames: Vec<(usize, usize, usize, Vec<AliasTarget>)>,
    ) {
        let full: rustc_hash::FxHashSet<EntityRef> =
            s.out.mentions.iter().map(|m| m.entity.clone()).collect();
        for (first, end, prefix, targets) in gazetteer_surnames {
            if (first..end).any(|t| s.out.cover[t] != Cover::Free) {
                continue;
            }
            let seen: Vec<&AliasTarget> = targets
                .iter()
                .filter(|t| full.contains(&EntityRef::Known(t.entry)))
                .collect();
            let chosen = match (seen.as_slice(), targets.as_slice()) {
                ([one], _) => Some(one.entry),
                ([], [only]) => Some(only.entry),
                _ => None,
            };
            if let Some(entry) = chosen {
                let rule = format!("surname:{}", s.gazetteer.entries[entry as usize].slug);
                s.add(EntityRef::Known(entry), first, end, prefix, rule, 0.85);
            }
        }
    }

    /// A gazetteer place that names an organisation here: a team («برشلونة الإسباني»,
    /// «فريق برشلونة») or a paper in quotation marks («الشرق الأوسط»). The mention becomes a
    /// discovered organisation; the place keeps every other mention.
    fn places_naming_organisations(s: &mut State) {
        for index in 0..s.out.mentions.len() {
            let m = &s.out.mentions[index];
            if !s.is_known_place(&m.entity) {
                continue;
            }
            let (first, end) = (m.first as usize, m.end as usize);
            let rule = s
                .team_by_nationality(first, end)
                .or_else(|| s.team_after_club_noun(first))
                .or_else(|| {
                    s.quoted(first, end)
                        .then(|| "discovered:quoted".to_string())
                });
            if let Some(rule) = rule {
                s.make_organization(index, rule);
            }
        }
    }

    /// «X بن <person>» names X, the son: «راشد بن محمد بن راشد آل مكتوم» is not Mohammed bin
    /// Rashid. A person's mention preceded by بن، ابن، بنت or a kunya and a name becomes a
    /// discovered person for the whole chain.
    fn sons_named_after_fathers(s: &mut State) {
        for index in 0..s.out.mentions.len() {
            let m = &s.out.mentions[index];
            if s.kind_of(&m.entity) != EntityKind::Person {
                continue;
            }
            let (mut first, end) = (m.first as usize, m.end as usize);
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
                let is_link = FILIATIONS.contains(&link_word) || link_word == MAURITANIAN_FILIATION;
                if !(is_link && free(link) && free(name) && attached(first) && attached(link)) {
                    break;
                }
                let word = s.doc.token_text(name);
                let kunya_link = KUNYAS.contains(&link_word);
                // «بن أبي سفيان»: the son of a father known by his kunya; walk on over both
                if kunya_link && SONS.contains(&word) && attached(name) {
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
                    && (!word.starts_with("ال") || s.lexicon.first_names.contains(word))
                    && !s.ends_name(name)
                    && !CONNECTORS.contains(&word);
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
            if first == m.first as usize {
                continue;
            }
            let words = s.span_words(first, end, prefix);
            let start = s.start_of(first, prefix);
            let surface = s.doc.original(start, s.out.mentions[index].stop);
            let m = &mut s.out.mentions[index];
            m.entity = EntityRef::Discovered {
                kind: EntityKind::Person,
                key: words.join(" "),
            };
            m.first = first as u32;
            m.start = start;
            m.surface = surface;
            m.rule = "discovered:nasab".into();
            m.confidence = 0.6;
            for t in first..end {
                s.out.cover[t] = Cover::Mention(index as u32);
            }
        }
    }

    /// A name discovered once in an article names the same entity wherever the article
    /// writes it again, with or without the trigger that found it (one sense per article):
    /// «وقال باتشان» found the actor, so «واختير باتشان» is him too. A name discovered as
    /// two kinds in one article is left alone where no rule fires; a one-word name must be
    /// long enough and not a common word.
    fn repeat_discovered_names(s: &mut State) {
        let mut names: FxHashMap<&str, Option<(&EntityRef, Vec<&str>)>> = FxHashMap::default();
        for m in &s.out.mentions {
            let EntityRef::Discovered { key, .. } = &m.entity else {
                continue;
            };
            let words: Vec<&str> = key.split(' ').collect();
            let head = words[0];
            // a one-word name must look like one: no common word, and no article unless a
            // rule found it with its article (a club, a laqab, a place after its trigger):
            // «العاصمة», «الحياة» that slipped through once are not spread
            let definite_ok = s.kind_of(&m.entity) == EntityKind::Organization
                || m.rule == LAQAB_RULE
                || m.rule == PLACE_TRIGGER_RULE;
            let one_word_usable = words.len() > 1
                || (head.chars().count() >= 3
                    && !s.is_common_with_clitics(head)
                    && (!head.starts_with("ال") || definite_ok));
            if !one_word_usable || CONNECTORS.contains(&head) {
                continue;
            }
            names
                .entry(key.as_str())
                .and_modify(|e| {
                    if e.as_ref().is_some_and(|(entity, _)| *entity != &m.entity) {
                        *e = None;
                    }
                })
                .or_insert_with(|| Some((&m.entity, words)));
        }
        let mut by_head: FxHashMap<String, Vec<(EntityRef, Vec<String>)>> = FxHashMap::default();
        for (entity, words) in names.into_values().flatten() {
            by_head.entry(words[0].to_string()).or_default().push((
                entity.clone(),
                words.iter().map(|w| w.to_string()).collect(),
            ));
        }
        if by_head.is_empty() {
            return;
        }
        // the longest name first, then by key: the same choice on every run
        for names in by_head.values_mut() {
            names.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.1.cmp(&b.1)));
        }
        let mut i = 0;
        while i < s.doc.tokens.len() {
            if s.doc.token_excluded(i) || s.out.cover[i] != Cover::Free {
                i += 1;
                continue;
            }
            let token = s.doc.token_text(i);
            let sentence = s.doc.tokens[i].sentence;
            let hit = s
                .doc
                .token_readings(i)
                .filter(|r| !r.has_article)
                .find_map(|r| {
                    let names = by_head.get(&token[r.stem_prefix..])?;
                    names.iter().find_map(|(entity, words)| {
                        let end = i + words.len();
                        let rest_matches = (1..words.len()).all(|k| {
                            s.doc.tokens.get(i + k).is_some_and(|t| {
                                t.sentence == sentence
                                    && !t.after_break
                                    && s.out.cover[i + k] == Cover::Free
                                    && !s.doc.token_excluded(i + k)
                            }) && s.doc.token_text(i + k) == words[k]
                        });
                        rest_matches.then(|| (r.span_prefix, end, entity.clone()))
                    })
                });
            match hit {
                Some((prefix, end, entity)) => {
                    // a one-word person with given names written before it is someone of
                    // that family: «هيرمان أينشتاين» after «أينشتاين»; with a particle
                    // before it, the particle is part of the family name («فان نيستلروي»)
                    let one_word_person = end == i + 1 && s.kind_of(&entity) == EntityKind::Person;
                    let (first, first_prefix) = if one_word_person {
                        s.given_names_before(i, prefix)
                    } else {
                        (i, prefix)
                    };
                    let rule = "discovered:repeated".to_string();
                    if first < i {
                        s.add_person(first, end, first_prefix, rule, 0.5);
                    } else {
                        let first = if one_word_person && s.particle_before(i, prefix) {
                            i - 1
                        } else {
                            i
                        };
                        s.add(entity, first, end, prefix, rule, 0.5);
                    }
                    i = end;
                }
                None => i += 1,
            }
        }
    }

    /// The last word of a person discovered in this article stands for them elsewhere in it,
    /// and so does the given name of a person the article names in full, when no one else
    /// in it has that given name.
    fn resolve_discovered_surnames(s: &mut State) {
        let mut local: FxHashMap<String, (EntityRef, &str)> = FxHashMap::default();
        for m in &s.out.mentions {
            if let Some(last) = s.discovered_surname(&m.entity) {
                local
                    .entry(last.to_string())
                    .or_insert_with(|| (m.entity.clone(), "surname:discovered"));
            }
        }
        // a given name alone stands for the one person of the article who has it («نزار»
        // after «نزار قباني»); two people with it make it ambiguous, and it is left alone
        let mut given: FxHashMap<String, Option<EntityRef>> = FxHashMap::default();
        for m in &s.out.mentions {
            let (first, end) = (m.first as usize, m.end as usize);
            if end - first < 2 || s.kind_of(&m.entity) != EntityKind::Person {
                continue;
            }
            let word = s.doc.token_text(first);
            if !s.lexicon.first_names.contains(word)
                || s.lexicon.is_common(word)
                || CONNECTORS.contains(&word)
                || local.contains_key(word)
            {
                continue;
            }
            given
                .entry(word.to_string())
                .and_modify(|e| {
                    if e.as_ref() != Some(&m.entity) {
                        *e = None;
                    }
                })
                .or_insert_with(|| Some(m.entity.clone()));
        }
        local.extend(
            given
                .into_iter()
                .filter_map(|(word, entity)| Some((word, (entity?, "given_name:article")))),
        );
        if local.is_empty() {
            return;
        }
        for i in 0..s.doc.tokens.len() {
            if s.doc.token_excluded(i) || s.out.cover[i] != Cover::Free {
                continue;
            }
            let token = s.doc.token_text(i);
            let hit = s
                .doc
                .token_readings(i)
                .filter(|r| !r.has_article)
                .find_map(|r| {
                    local
                        .get(&token[r.stem_prefix..])
                        .map(|e| (r.span_prefix, e.clone()))
                });
            if let Some((prefix, (entity, rule))) = hit {
                let first = if s.particle_before(i, prefix) {
                    i - 1
                } else {
                    i
                };
                s.add(entity, first, i + 1, prefix, rule.into(), 0.6);
            }
        }
    }
}

/// Working state while one document is searched.
struct State<'a> {
    doc: &'a Document,
    gazetteer: &'a Gazetteer,
    lexicon: &'a Lexicon,
    out: DocumentMentions,
    /// The finder's word sets built from the lexicon and gazetteer.
    finder: &'a MentionFinder,
    /// For a numbered document: each token's word lists (bits of `WordList`) after a plain
    /// clitic prefix, or as written when it is too short for readings. Most tokens are in
    /// none, and the rules ask about every free token, list by list.
    list_bits: Vec<u8>,
}

impl<'a> State<'a> {
    fn new(
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
        }
    }
    fn kind_of(&self, entity: &EntityRef) -> EntityKind {
        entity.kind(self.gazetteer)
    }

    /// A country or place from the gazetteer.
    fn is_known_place(&self, entity: &EntityRef) -> bool {
        matches!(entity, EntityRef::Known(_))
            && matches!(
                self.kind_of(entity),
                EntityKind::Location | EntityKind::Country
            )
    }

    /// A place followed by a masculine nationality is a team: a city or country is feminine
    /// in Arabic («برشلونة الإسبانية» is the city), so «برشلونة الإسباني», «قطر القطري»
    /// speak of the club (الفريق or النادي understood). The rule, if so.
    fn team_by_nationality(&self, first: usize, end: usize) -> Option<String> {
        let next = self.doc.tokens.get(end)?;
        let nisba = self.doc.token_text(end);
        let masculine_definite = nisba.starts_with("ال") && nisba.ends_with('ي');
        (matches!(self.out.cover[end], Cover::Nisba(_))
            && next.sentence == self.doc.tokens[first].sentence
            && !next.after_punct
            && masculine_definite)
            .then(|| format!("discovered:team:{nisba}"))
    }

    /// A place right after a club head noun is the club: «فريق برشلونة», «لنادي مانشستر».
    /// The rule, if so.
    fn team_after_club_noun(&self, first: usize) -> Option<String> {
        if first == 0
            || self.doc.tokens[first].after_punct
            || self.out.cover[first - 1] != Cover::Free
        {
            return None;
        }
        let clitic = self.free_stem(first - 1, |w| {
            self.lexicon
                .name_heads
                .get(w)
                .is_some_and(|h| h.category == "club")
        })?;
        let head = &self.doc.token_text(first - 1)[clitic..];
        Some(format!("discovered:team:{head}"))
    }

    /// Whether tokens `first..end` stand in quotation marks of their own.
    fn quoted(&self, first: usize, end: usize) -> bool {
        if first == 0 || end >= self.doc.tokens.len() {
            return false;
        }
        let text = &self.doc.norm.text;
        let before = &text[self.doc.tokens[first - 1].to..self.doc.tokens[first].from];
        let after = &text[self.doc.tokens[end - 1].to..self.doc.tokens[end].from];
        before.contains('"') && after.contains('"')
    }

    /// Where a mention starting at token `first` begins in the original text, past its
    /// `prefix` bytes of clitic.
    fn start_of(&self, first: usize, prefix: usize) -> u32 {
        let t = &self.doc.tokens[first];
        self.doc.norm.original_span(t.from + prefix, t.to).0
    }

    /// The words of tokens `first..end`, the first without its `prefix` bytes of clitic:
    /// the key of a discovered entity.
    fn span_words(&self, first: usize, end: usize, prefix: usize) -> Vec<String> {
        (first..end)
            .map(|t| {
                let text = self.doc.token_text(t);
                if t == first { &text[prefix..] } else { text }.to_string()
            })
            .collect()
    }

    /// Turns mention `index` (a place) into a discovered organisation of the same name;
    /// the place keeps its other mentions.
    fn make_organization(&mut self, index: usize, rule: String) {
        let key = normalize_key(&self.out.mentions[index].surface);
        let m = &mut self.out.mentions[index];
        m.entity = EntityRef::Discovered {
            kind: EntityKind::Organization,
            key,
        };
        m.rule = rule;
        m.confidence = 0.6;
    }

    fn add(
        &mut self,
        entity: EntityRef,
        first: usize,
        end: usize,
        prefix: usize,
        rule: String,
        confidence: f32,
    ) {
        let (mut entity, mut rule, mut confidence) = (entity, rule, confidence);
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
                if wider < first && !self.names_of_entry(entry, wider, wider_prefix, first) {
                    entity = EntityRef::Discovered {
                        kind: EntityKind::Person,
                        key: self.span_words(wider, end, wider_prefix).join(" "),
                    };
                    rule = "discovered:given_name".into();
                    confidence = 0.6;
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
        let stop = self.doc.tokens[end - 1].end;
        let index = self.out.mentions.len() as u32;
        self.out.mentions.push(Mention {
            entity,
            first: first as u32,
            end: end as u32,
            start,
            stop,
            sentence: t0.sentence,
            surface: self.doc.original(start, stop),
            rule,
            confidence,
        });
        for t in first..end {
            self.out.cover[t] = Cover::Mention(index);
        }
    }

    /// Whether token `k` is a definite word that can stand alone as a name: free and
    /// attached, of five letters or more with its article, no common, listed or
    /// definite-common word, and ending its clause or followed by a word that cannot be a
    /// name's («في بلدة الدجيل والتي», but not «مدينة الأحلام الكبيرة»).
    fn lone_definite_name(&self, k: usize) -> bool {
        let Some(token) = self.doc.tokens.get(k) else {
            return false;
        };
        let w = self.doc.token_text(k);
        let name = w.starts_with("ال")
            && w.chars().count() >= 5
            && !token.after_punct
            && self.out.cover[k] == Cover::Free
            && !self.doc.token_excluded(k)
            && !self.is_listed(w)
            && !self.is_definite_common(w);
        name && self.closes_name(k + 1)
    }

    /// Whether a name ends before token `k`: there is none, a break or punctuation comes
    /// first (a sentence's first token always follows one), or the word cannot be part of
    /// a name (not Arabic, common, or a word that ends names).
    fn closes_name(&self, k: usize) -> bool {
        self.doc.tokens.get(k).is_none_or(|next| {
            next.after_punct
                || next.after_break
                || !is_arabic_word(self.doc.token_text(k))
                || self.is_common_token(k, 0)
                || self.ends_name(k)
        })
    }

    /// Whether token `k` is a laqab standing alone after its title («الإمام الرضا»): a lone
    /// definite name that is no ordinal («الإمام الثامن» counts imams).
    fn is_laqab(&self, k: usize) -> bool {
        self.lone_definite_name(k) && !REGNAL_ORDINALS.contains(&self.doc.token_text(k))
    }

    /// Whether token `k`, right after a place trigger, is a definite one-word place name
    /// («بلدة الدجيل»): a lone definite name that is not itself a trigger word («الإقليم»).
    fn is_definite_place_name(&self, k: usize) -> bool {
        self.lone_definite_name(k)
            && !self
                .lexicon
                .place_triggers
                .contains_key(&self.doc.token_text(k)["ال".len()..])
    }

    /// Whether a family name at token `i` (written without a clitic) keeps the free name
    /// particle written right before it: «فان باستن», «دي ماريا».
    fn particle_before(&self, i: usize, prefix: usize) -> bool {
        prefix == 0
            && i > 0
            && self.is_name_particle(i - 1)
            && self.out.cover[i - 1] == Cover::Free
            && !self.doc.token_excluded(i - 1)
            && self.doc.tokens[i - 1].sentence == self.doc.tokens[i].sentence
            && !self.doc.tokens[i].after_break
    }

    /// Where a known person's name ends once the lineage written after it is taken in: the
    /// gazetteer knows «محمد بن زايد», the article writes «محمد بن زايد آل نهيان»; «حمد بن
    /// جاسم بن جبر آل ثاني». Each step is a filiation or «آل» and the word after it, whatever
    /// that word means elsewhere («ثاني»).
    fn lineage_after(&self, mut end: usize) -> usize {
        let Some(sentence) = end.checked_sub(1).map(|k| self.doc.tokens[k].sentence) else {
            return end;
        };
        let free = |k: usize| {
            self.doc.tokens.get(k).is_some_and(|t| {
                t.sentence == sentence
                    && !t.after_punct
                    && !t.after_break
                    && self.out.cover[k] == Cover::Free
                    && !self.doc.token_excluded(k)
            })
        };
        while free(end)
            && free(end + 1)
            && matches!(self.doc.token_text(end), "بن" | "بنت" | "ال")
            && is_arabic_word(self.doc.token_text(end + 1))
        {
            end += 2;
        }
        end
    }

    /// Where a known person's mention starts once the given names written before it are
    /// taken in: the gazetteer knows «شافيز» or «ثاباتيرو», the article writes «هوغو
    /// شافيز», «خوسيه لويس ثاباتيرو». At most two free given names, directly before (a
    /// clitic on the mention itself marks where the phrase starts, so nothing is taken then).
    fn given_names_before(&self, mut first: usize, mut prefix: usize) -> (usize, usize) {
        let start = first;
        for _ in 0..2 {
            if prefix > 0 || first == 0 {
                break;
            }
            let (before, here) = (&self.doc.tokens[first - 1], &self.doc.tokens[first]);
            if before.sentence != here.sentence
                || here.after_punct
                || here.after_break
                || self.out.cover[first - 1] != Cover::Free
                || self.doc.token_excluded(first - 1)
            {
                break;
            }
            // «على» folds to «علي»: a word that is also common is not taken
            let Some(clitic) = self
                .free_stem_in(first - 1, WordList::FirstNames)
                .filter(|_| !self.is_common_token(first - 1, 0))
            else {
                break;
            };
            first -= 1;
            prefix = clitic;
        }
        if first == start && prefix == 0 {
            if let Some(unknown) = self.unknown_given_name_before(first) {
                return (unknown, 0);
            }
        }
        (first, prefix)
    }

    /// Whether tokens `from..to` (the first after `prefix` bytes) are all among the words
    /// of gazetteer entry `entry`'s label and aliases, spelling variants aside.
    fn names_of_entry(&self, entry: u32, from: usize, prefix: usize, to: usize) -> bool {
        let Some(known) = self.finder.person_words.get(&entry) else {
            return false;
        };
        (from..to)
            .all(|t| known.contains(&self.doc.token_text(t)[if t == from { prefix } else { 0 }..]))
    }

    /// One word the lists do not know, before a known person's surname, where a name is
    /// expected to start: after a title, a nationality or a verb of saying («الرئيس
    /// الأذربيجاني إلهام علييف», «وقالت أنيت براون»). Its position is the evidence.
    fn unknown_given_name_before(&self, first: usize) -> Option<usize> {
        let word_at = first.checked_sub(1)?;
        let (word, here) = (&self.doc.tokens[word_at], &self.doc.tokens[first]);
        let text = self.doc.token_text(word_at);
        let name_like = word.sentence == here.sentence
            && !here.after_punct
            && !here.after_break
            && self.out.cover[word_at] == Cover::Free
            && !self.doc.token_excluded(word_at)
            && is_arabic_word(text)
            && text.chars().count() >= 3
            && !text.starts_with("ال")
            && !self.is_common_token(word_at, 0)
            && !self.ends_name(word_at)
            && !CONNECTORS.contains(&text);
        if !name_like || word.after_punct || word.after_break {
            return None;
        }
        let cue_at = word_at.checked_sub(1)?;
        if self.doc.tokens[cue_at].sentence != word.sentence {
            return None;
        }
        let cue_text = self.doc.token_text(cue_at);
        let cue = matches!(self.out.cover[cue_at], Cover::Nisba(_))
            || self.finder.one_word_titles.contains(cue_text)
            || self
                .doc
                .token_readings(cue_at)
                .filter(|r| !r.has_article)
                .any(|r| {
                    self.lexicon
                        .speech_verbs
                        .contains(&cue_text[r.stem_prefix..])
                })
            || self.lexicon.speech_verbs.contains(cue_text);
        cue.then_some(word_at)
    }

    /// The last word of a discovered person's name, if it can stand for them alone in the
    /// article: long enough, not an ال-word, not a connector or after one (بن، عبد), not common.
    fn discovered_surname<'e>(&self, entity: &'e EntityRef) -> Option<&'e str> {
        let EntityRef::Discovered {
            kind: EntityKind::Person,
            key,
        } = entity
        else {
            return None;
        };
        let mut words = key.rsplit(' ');
        let (last, before) = (words.next()?, words.next()?);
        let usable = last.chars().count() >= 3
            && !last.starts_with("ال")
            && !CONNECTORS.contains(&last)
            && !CONNECTORS.contains(&before)
            && !self.lexicon.is_common(last);
        usable.then_some(last)
    }

    fn add_person(
        &mut self,
        first: usize,
        end: usize,
        prefix: usize,
        rule: String,
        confidence: f32,
    ) {
        let words = self.span_words(first, end, prefix);
        // a one-word name that is the surname of someone found earlier is that person
        if let [word] = words.as_slice() {
            let earlier = self
                .out
                .mentions
                .iter()
                .find(|m| self.discovered_surname(&m.entity) == Some(word.as_str()))
                .map(|m| m.entity.clone());
            if let Some(entity) = earlier {
                self.add(
                    entity,
                    first,
                    end,
                    prefix,
                    "surname:discovered".into(),
                    confidence,
                );
                return;
            }
        }
        let entity = EntityRef::Discovered {
            kind: EntityKind::Person,
            key: words.join(" "),
        };
        self.add(entity, first, end, prefix, rule, confidence);
    }

    /// If token `i` is free and, after a plain clitic prefix, is in `list`: the prefix.
    /// `free_stem` with the list's membership read from the stems' numbers.
    #[inline]
    fn free_stem_in(&self, i: usize, list: WordList) -> Option<usize> {
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
    fn free_stem_in_list(&self, i: usize, list: WordList) -> Option<usize> {
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
    fn free_stem(&self, i: usize, test: impl Fn(&str) -> bool) -> Option<usize> {
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

    /// Whether token `k` (after a name's first word) is a particle inside a European name:
    /// «دي», «فان» … («لا», «لو» only after another: alone they are «no», «if»), followed
    /// in the sentence by a word that can be a name's.
    fn particle_in_name(&self, k: usize, sentence: u32) -> bool {
        let is_particle = self.is_name_particle(k)
            || (k > 0
                && ARTICLE_PARTICLES.contains(&self.doc.token_text(k))
                && self.is_name_particle(k - 1));
        if !is_particle {
            return false;
        }
        let Some(next) = self.doc.tokens.get(k + 1) else {
            return false;
        };
        let next_word = self.doc.token_text(k + 1);
        next.sentence == sentence
            && !next.after_break
            && self.out.cover[k + 1] == Cover::Free
            && (ARTICLE_PARTICLES.contains(&next_word)
                || (is_arabic_word(next_word) && !self.is_common_token(k + 1, 0)))
    }

    /// Whether token `k` is a particle of a European name, written as such: «فإن» («so
    /// indeed») folds to «فان» but is no «van».
    fn is_name_particle(&self, k: usize) -> bool {
        let t = &self.doc.tokens[k];
        let word = self.doc.token_text(k);
        NAME_PARTICLES.contains(&word) && self.doc.original(t.start, t.end) == word
    }

    /// A run of name-like free tokens starting at `start`: its end, if `min..=max` long.
    fn name_span(&self, start: usize, min: usize, max: usize) -> Option<usize> {
        if start >= self.doc.tokens.len() {
            return None;
        }
        self.name_span_from(start, 0, min, max)
    }

    /// A common word, possibly behind a clitic (وأول، فكان، بعد).
    /// A common word, or a word of a title, trigger, month or modality phrase.
    fn is_listed(&self, x: &str) -> bool {
        self.lexicon.is_common(x) || self.finder.lexicon_words.contains(x)
    }

    fn is_common_with_clitics(&self, w: &str) -> bool {
        let listed = |x: &str| self.is_listed(x);
        listed(w)
            || readings(w)
                .iter()
                .any(|r| r.stem_prefix > 0 && !r.has_article && listed(&w[r.stem_prefix..]))
    }

    /// `is_common_with_clitics` for token `i` after `prefix` bytes; a whole token uses the
    /// readings its document already holds.
    fn is_common_token(&self, i: usize, prefix: usize) -> bool {
        let token = self.doc.token_text(i);
        if prefix > 0 {
            return self.is_common_with_clitics(&token[prefix..]);
        }
        let listed = |x: &str| self.lexicon.is_common(x) || self.finder.lexicon_words.contains(x);
        listed(token)
            || self
                .doc
                .token_readings(i)
                .any(|r| r.stem_prefix > 0 && !r.has_article && listed(&token[r.stem_prefix..]))
    }

    /// Whether token `i` cannot continue (or, unprefixed, begin) a name: a clitic before
    /// the article («والشعب», «بالسلطة», «للتدريبات»), the conjunction before another given
    /// name («وطارق»), a verb in the plural («سيطروا»), or a plural nisba («دبلوماسيون»).
    fn ends_name(&self, i: usize) -> bool {
        let token = self.doc.token_text(i);
        let clitic_article = self
            .doc
            .token_readings(i)
            .any(|r| r.has_article && r.span_prefix > 0);
        let and_given_name = !self.lexicon.first_names.contains(token)
            && token
                .strip_prefix('و')
                .is_some_and(|rest| self.lexicon.first_names.contains(rest));
        let plural_verb = token.ends_with("وا") && token.chars().count() >= 4;
        // «دبلوماسيون», «إسلاميين»: plural adjectives of people, never a name
        let plural_nisba =
            (token.ends_with("يون") || token.ends_with("يين")) && token.chars().count() >= 6;
        // «سلطانها», «لإقناعهم»: a noun or verb with a possessive or object pronoun
        let pronoun_suffix = ["ها", "هم", "هما", "كم"]
            .iter()
            .any(|suffix| token.ends_with(suffix))
            && token.chars().count() >= 5;
        clitic_article || and_given_name || plural_verb || plural_nisba || pronoun_suffix
    }

    /// A common noun or adjective with the article («الخلافة», «المحادثات»): it describes,
    /// it does not name. A stem that is also a given name stays a possible family name
    /// («الشريف», «الحكيم»).
    fn is_definite_common(&self, w: &str) -> bool {
        w.strip_prefix("ال").is_some_and(|stem| {
            stem.chars().count() >= 3
                && !self.lexicon.first_names.contains(stem)
                && self.lexicon.is_common(stem)
        })
    }

    /// Whether token `i` follows a definite nationality that stands as a noun: the nisba
    /// opens its clause (sentence start, punctuation, or after a verb or particle), so it
    /// describes no noun before it.
    fn after_nationality_noun(&self, i: usize) -> bool {
        if i == 0 || !matches!(self.out.cover[i - 1], Cover::Nisba(_)) {
            return false;
        }
        let (nisba, here) = (&self.doc.tokens[i - 1], &self.doc.tokens[i]);
        if nisba.sentence != here.sentence || here.after_punct {
            return false;
        }
        let nisba_text = self.doc.token_text(i - 1);
        let definite =
            self.doc.token_readings(i - 1).any(|r| r.has_article) || nisba_text.starts_with("ال");
        if !definite {
            return false;
        }
        // a nisba of several tokens is not this case
        if i >= 2 && matches!(self.out.cover[i - 2], Cover::Nisba(_)) {
            return false;
        }
        i < 2
            || nisba.after_punct
            || nisba.after_break
            || self.doc.tokens[i - 2].sentence != nisba.sentence
            || (self.out.cover[i - 2] == Cover::Free && self.is_common_token(i - 2, 0))
    }

    /// Whether token `i` is «و» + a word with a name-like word after it: the next person
    /// of a list («بوفون وغانلوكا زامبروتا», «فتحي عبد الوهاب وجومانا مراد»), not a surname.
    /// A last word that starts with و stays («هنري وينكلر»).
    fn opens_coordinated_name(&self, i: usize, sentence: u32) -> bool {
        let token = self.doc.token_text(i);
        let Some(rest) = token.strip_prefix('و') else {
            return false;
        };
        if rest.chars().count() < 3 || self.lexicon.first_names.contains(token) {
            return false;
        }
        self.doc.tokens.get(i + 1).is_some_and(|next| {
            next.sentence == sentence
                && !next.after_punct
                && !next.after_break
                && self.out.cover[i + 1] == Cover::Free
                && is_arabic_word(self.doc.token_text(i + 1))
                && !self.is_common_token(i + 1, 0)
        })
    }

    /// Whether token `i` is free, in `sentence`, attached, and one of `words`.
    fn free_word_in(&self, i: usize, words: &[&str], sentence: u32) -> bool {
        self.doc.tokens.get(i).is_some_and(|t| {
            t.sentence == sentence
                && !t.after_break
                && self.out.cover[i] == Cover::Free
                && words.contains(&self.doc.token_text(i))
        })
    }

    fn name_span_from(&self, start: usize, prefix: usize, min: usize, max: usize) -> Option<usize> {
        let sentence = self.doc.tokens.get(start)?.sentence;
        let mut end = start;
        // connectors (بن، آل، عبد) do not count, and always take the word after them:
        // «حمد بن جاسم بن جبر آل ثاني» is one name
        let mut words = 0;
        let connector = |k: usize| CONNECTORS.contains(&self.doc.token_text(k));
        // a particle of a European name («دي», «فان», «لا») inside a name, before a word
        // that can be a name's: «جان مارك دو لا سابليير», «رود فان نيستلروي»
        let particle = |k: usize| k > start && self.particle_in_name(k, sentence);
        while end < self.doc.tokens.len()
            && (words < max
                || connector(end)
                || (end > start && connector(end - 1))
                || particle(end)
                || (end > start && particle(end - 1)))
        {
            let t = &self.doc.tokens[end];
            if t.sentence != sentence || (end > start && t.after_break) {
                break;
            }
            if self.doc.token_excluded(end) || self.out.cover[end] != Cover::Free {
                break;
            }
            let w = &self.doc.token_text(end)[if end == start { prefix } else { 0 }..];
            if (end > start || prefix == 0) && self.ends_name(end) {
                break;
            }
            if end > start && self.opens_coordinated_name(end, sentence) {
                break;
            }
            // ordinals are decided after the loop: a ruler's number, or a ranking
            if end > start && REGNAL_ORDINALS.contains(&self.doc.token_text(end)) {
                break;
            }
            if particle(end) {
                end += 1;
                continue;
            }
            let prev = (end > start).then(|| self.doc.token_text(end - 1));
            // a theophoric name takes «الله» like a connector's word: «عطاء الله», «نصر الله»
            let after_connector =
                prev.is_some_and(|p| CONNECTORS.contains(&p)) || (end > start && w == "الله");
            // the word after a connector is the name's whatever it means («آل ثاني»)
            let ok = is_arabic_word(w)
                && (after_connector
                    || !self.is_common_token(end, if end == start { prefix } else { 0 }))
                && !self.lexicon.org_heads.contains_key(w)
                && !self.lexicon.place_triggers.contains_key(w)
                && (!w.starts_with("ال")
                    || after_connector
                    || (end > start
                        && (w == "ال" || w.chars().count() > 4)
                        && !self.is_definite_common(w))
                    || self.lexicon.first_names.contains(w))
                && !(end == start && CONNECTORS.contains(&w) && !NAME_OPENERS.contains(&w));
            if !ok {
                break;
            }
            if !CONNECTORS.contains(&w) {
                words += 1;
            }
            end += 1;
        }
        // a name does not end on a connector (بن، عبد)
        while end > start && CONNECTORS.contains(&self.doc.token_text(end - 1)) {
            end -= 1;
        }
        // a kunya takes the nisba after it: «أبو حمزة المصري», «أبو عبد الله التركي»
        let kunya = KUNYAS.contains(&&self.doc.token_text(start)[prefix..]);
        if kunya
            && end > start + 1
            && end < self.doc.tokens.len()
            && matches!(self.out.cover[end], Cover::Nisba(_))
            && self.doc.token_text(end).starts_with("ال")
            && !self.doc.tokens[end].after_punct
            && self.doc.tokens[end].sentence == sentence
        {
            end += 1;
        }
        // a regnal number belongs to the name: «عبدالله الثاني», «بنديكت السادس عشر»
        // (a ruler is known by one name before the number; after a full name an ordinal is
        // a ranking: «فرناندو غونزاليز العاشر»)
        if end > start && words == 1 && self.free_word_in(end, &REGNAL_ORDINALS, sentence) {
            end += 1;
        }
        let ends_on_ordinal =
            end > start && REGNAL_ORDINALS.contains(&self.doc.token_text(end - 1));
        if ends_on_ordinal && self.free_word_in(end, &["عشر"], sentence) {
            end += 1;
        }
        (end - start >= min).then_some(end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{ExtractOptions, Extractor};

    /// The numbered path of `free_stem_in` (stem numbers and list bits) answers what the
    /// text path (`free_stem` with the list's own lookup) answers, for every list, on words
    /// of each list with and without clitics, on a word shorter than any reading, and on
    /// words in none of them.
    #[test]
    fn free_stem_in_agrees_with_the_text_lookup() {
        let ex = Extractor::load(&[] as &[&str], None, ExtractOptions::default()).unwrap();
        let mut words: Vec<String> = Vec::new();
        for list in WordList::ALL {
            for word in list.words(&ex.lexicon).take(25) {
                if word.contains(' ') {
                    continue;
                }
                words.extend([word.clone(), format!("و{word}"), format!("ب{word}")]);
            }
        }
        words.extend(["في", "و", "الكتاب", "والكتاب", "عبوتين"].map(String::from));
        let text = words.join(" ");
        let doc = ex.document(&text);
        let state = State::new(&doc, &ex.gazetteer, &ex.lexicon, &ex.finder);
        assert!(
            doc.numbered_by(ex.finder.stems_generation),
            "the numbered path is the one under test"
        );
        let mut found = 0;
        for list in WordList::ALL {
            for i in 0..doc.tokens.len() {
                let by_number = state.free_stem_in(i, list);
                let by_text = state.free_stem(i, |w| list.contains(&ex.lexicon, w));
                assert_eq!(by_number, by_text, "{list:?} on «{}»", doc.token_text(i));
                found += usize::from(by_number.is_some());
            }
        }
        assert!(found > 100, "the words of the lists are found: {found}");
    }
}
