//! Finding entity mentions in a document: gazetteer names first, then discovery rules for
//! names the gazetteer lacks, then resolution of short forms (surnames) to full names.
//!
//! Each pass is a file of its own; `PASSES` runs them in order. The scanning state every
//! pass reads and writes is in `state`, and the grammar of a name span (what may begin,
//! continue and end a name) in `grammar`.
//!
//! To add a rule: write `src/extract/mentions/<rule>.rs` with a `run(finder, state)` and
//! its tests, declare it below, and put it in `PASSES` where its reason says it belongs.

mod after_nationality;
mod after_speech_verb;
mod after_title;
mod discovered_surnames;
mod family_members;
mod gazetteer_names;
mod gazetteer_surnames;
mod given_name;
mod grammar;
mod in_apposition;
mod laqab;
mod learned_names;
mod list_members;
mod named_bodies;
mod nasab;
mod org_heads;
mod people;
mod places;
mod places_as_organizations;
mod repeated;
mod state;
#[cfg(test)]
mod testing;
mod titled_surname;
mod word_lists;

use rustc_hash::FxHashMap;

use super::gazetteer::{variants, AliasKind, AliasTarget, EntityKind, Gazetteer};
use super::lexicon::Lexicon;
use super::matcher::{words, PhraseIndex};
use crate::text::normalize::normalize_key;
use crate::text::span::{CharSpan, TokenSpan};
use crate::text::Document;
pub use gazetteer_names::RULE as GAZETTEER_RULE;
pub use learned_names::SentenceFeatures;
use state::State;
pub use word_lists::WordList;

/// A pass over a document: reads the state, adds or rewrites mentions.
type Pass = fn(&MentionFinder, &mut State);

/// The passes, in the order they run. Each later pass sees what the earlier ones found:
/// a token covered by a mention is no longer free for the next.
const PASSES: [(&str, Pass); 14] = [
    // gazetteer names are the surest mentions: everything else works around them
    ("gazetteer_names", gazetteer_names::run),
    // a surname alone needs the article's full names, which the first pass found
    ("gazetteer_surnames", gazetteer_surnames::run),
    // «X بن <known person>» rewrites a gazetteer match into the son's name, before any
    // discovery takes the son's words for a name of its own
    ("nasab", nasab::run),
    // a known place that names a team or a paper is decided before discovery uses places
    // as anchors («ريال مدريد»)
    ("places_as_organizations", places_as_organizations::run),
    // head nouns whose name follows them («نادي …», «صحيفة …») may take in a place
    // mention, so they run while places are still single mentions
    ("named_bodies", named_bodies::run),
    // organisation head nouns before people: «وزارة الخارجية» is not a person's cue
    ("org_heads", org_heads::run),
    // people after titles, nationalities, speech verbs and given names: titles skip over
    // organisations and nisbas found above
    ("people", people::run),
    // the next members of a list follow people found by any rule above
    ("list_members", list_members::run),
    // fathers discovered only now have their sons' names before them too
    ("nasab", nasab::run),
    // places after triggers, once people and organisations have taken their words
    ("places", places::run),
    // a name found once is found again: needs every discovered name above
    ("repeated", repeated::run),
    // a given name found alone makes the known family name after it a relative's: needs
    // the names `repeated` spread
    ("family_members", family_members::run),
    // a surname or given name alone stands for the full name: last, so that every full
    // name of the article is known
    ("discovered_surnames", discovered_surnames::run),
    // the learned tagger reads what every rule above claimed, drops the discovered names
    // it does not read as names and adds those the rules missed: last, so that it sees
    // every claim and its names take only what no rule wanted
    (LEARNED_PASS, learned_names::run),
];

/// The pass of the learned tagger: training reads the state the passes before it leave.
const LEARNED_PASS: &str = "learned_names";

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
    /// The tokens it covers.
    pub tokens: TokenSpan,
    /// Where it is in the original text, clitic prefixes excluded.
    pub chars: CharSpan,
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
    /// The tokens it covers.
    pub tokens: TokenSpan,
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
    /// Gazetteer people by the spelling key of each name of two or more words
    /// (`transliterate::spelling_key`): a discovered name with the same key is one of
    /// them spelled otherwise («فلاديمير بوتن»).
    spellings: FxHashMap<String, Vec<u32>>,
    /// Gazetteer places of one long word by their spelling key («جوهانسبرغ»): a long
    /// word no phrase matches with the same key is that place spelled otherwise
    /// («جوهانسبورغ»).
    place_spellings: FxHashMap<String, Vec<(u32, String)>>,
    /// The first and last letters of those places: a word with others is none of them,
    /// and most words are ruled out by this alone.
    place_ends: rustc_hash::FxHashSet<(char, char)>,
    /// For each stem number of the extractor's `StemTable`, the word lists it is in (bits
    /// of `WordList`), so `State::free_stem_in` needs no lookup of its own.
    stem_lists: Vec<u8>,
    /// The table `stem_lists` is numbered by (0: none).
    stems_generation: u64,
    /// What the learned tagger's features say of a word (`ner::features::word_bits`): the
    /// word lists and the gazetteer names it is in.
    ner_words: FxHashMap<String, u32>,
    /// The learned tagger (none: the rules alone).
    model: Option<std::sync::Arc<crate::ner::NerModel>>,
    /// The tagger's feature templates in use (all but for measurements).
    ner_mask: crate::ner::FeatureMask,
    /// A number no other tagger setup has (`learned_names` caches each word's score per
    /// setup): new with every model and mask.
    tagger_generation: u64,
}

/// A fresh `tagger_generation`.
fn next_tagger_generation() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// The word lists and gazetteer names of each word, as the learned tagger's features read
/// them (`ner::features::word_bits`).
fn ner_words(gazetteer: &Gazetteer, lexicon: &Lexicon) -> FxHashMap<String, u32> {
    use crate::ner::features::word_bits as bits;
    let mut out: FxHashMap<String, u32> = FxHashMap::default();
    let mut mark = |word: &str, bit: u32| *out.entry(word.to_string()).or_default() |= bit;
    for (tokens, _) in &lexicon.titles {
        for t in tokens {
            mark(t, bits::TITLE);
        }
    }
    for w in &lexicon.common_words {
        mark(w, bits::COMMON);
    }
    for (tokens, _) in &lexicon.months {
        for t in tokens {
            mark(t, bits::MONTH);
        }
    }
    for w in &lexicon.clause_openers {
        mark(w, bits::CLAUSE_OPENER);
    }
    for (list, bit) in [
        (WordList::NameHeads, bits::NAME_HEAD),
        (WordList::OrgHeads, bits::ORG_HEAD),
        (WordList::SpeechVerbs, bits::SPEECH_VERB),
        (WordList::PlaceTriggers, bits::PLACE_TRIGGER),
        (WordList::FirstNames, bits::FIRST_NAME),
    ] {
        for w in list.words(lexicon) {
            mark(w, bit);
        }
    }
    for (key, target) in gazetteer.alias_keys(lexicon) {
        let kind =
            crate::ner::labels::NameKind::from(gazetteer.entries[target.entry as usize].kind);
        match target.kind {
            AliasKind::Name => {
                for (k, w) in key.split(' ').enumerate() {
                    mark(w, bits::gazetteer(kind, k == 0));
                }
            }
            AliasKind::Surname => mark(&key, bits::GAZ_SURNAME),
            AliasKind::Nisba => mark(&key, bits::GAZ_NISBA),
        }
    }
    out
}

/// The spelling key of a name's words, with the lexicon's compound words.
fn spelling_key(words: &[&str], lexicon: &Lexicon) -> String {
    let nw = &lexicon.name_words;
    crate::text::transliterate::spelling_key(
        words,
        |w| nw.openers.contains(w),
        |w| nw.compound_ends.contains(w),
    )
}

/// Places matched by their spelling key have at least this many letters, and their key
/// this many: shorter words share their consonants with too many others.
const PLACE_SPELLING_MIN_CHARS: usize = 6;
const PLACE_KEY_MIN_CHARS: usize = 5;

/// The spelling key of a one-word place name: without the article, which the key would
/// otherwise mostly be (a definite adjective is no place spelled otherwise), and long enough.
fn place_key(word: &str) -> Option<String> {
    if word.contains(' ') || crate::text::morph::has_article(word) {
        return None;
    }
    if word.chars().count() < PLACE_SPELLING_MIN_CHARS {
        return None;
    }
    let key = crate::text::transliterate::word_key(word);
    (key.chars().count() >= PLACE_KEY_MIN_CHARS).then_some(key)
}

impl MentionFinder {
    /// The gazetteer place of one long word that `word` spells otherwise, if exactly one.
    /// The word must end as the name does: an inflected word («فلسطينيا») shares the
    /// letters of its base («فلسطين») but not its end.
    fn place_spelled_otherwise(&self, word: &str) -> Option<u32> {
        let ends = (word.chars().next()?, word.chars().next_back()?);
        if !self.place_ends.contains(&ends) {
            return None;
        }
        match self.place_spellings.get(&place_key(word)?)?.as_slice() {
            [(entry, name)] => {
                let same_end = name.chars().next_back() == word.chars().next_back();
                let near = name.chars().count().abs_diff(word.chars().count()) <= 2;
                (same_end && near).then_some(*entry)
            }
            _ => None,
        }
    }

    /// The gazetteer person whose name `words` spell otherwise, if exactly one.
    fn spelled_otherwise(&self, words: &[String], lexicon: &Lexicon) -> Option<u32> {
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        match self
            .spellings
            .get(&spelling_key(&words, lexicon))?
            .as_slice()
        {
            [one] => Some(*one),
            _ => None,
        }
    }

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
    pub(super) fn stem_list_bits(&self, id: u32) -> u8 {
        self.stem_lists.get(id as usize).copied().unwrap_or(0)
    }

    /// The word lists token `i` of a numbered document is in after a plain clitic prefix,
    /// or, too short for readings, as written.
    pub(super) fn list_bits_of(&self, doc: &Document, lexicon: &Lexicon, i: usize) -> u8 {
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
            .chain(lexicon.modality.iter().map(|m| &m.tokens))
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
        let mut spellings: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        for (i, e) in gazetteer.entries.iter().enumerate() {
            if e.kind != EntityKind::Person {
                continue;
            }
            for name in std::iter::once(&e.label).chain(&e.aliases) {
                let key = normalize_key(name);
                let words: Vec<&str> = key.split(' ').collect();
                if words.len() >= 2 {
                    let entries = spellings.entry(spelling_key(&words, lexicon)).or_default();
                    if !entries.contains(&(i as u32)) {
                        entries.push(i as u32);
                    }
                }
            }
        }
        let mut place_spellings: FxHashMap<String, Vec<(u32, String)>> = FxHashMap::default();
        for (i, e) in gazetteer.entries.iter().enumerate() {
            if !matches!(e.kind, EntityKind::Location | EntityKind::Country) {
                continue;
            }
            for name in std::iter::once(&e.label).chain(&e.aliases) {
                let key = normalize_key(name);
                let Some(spelling) = place_key(&key) else {
                    continue;
                };
                let entries = place_spellings.entry(spelling).or_default();
                if !entries.iter().any(|(e, _)| *e == i as u32) {
                    entries.push((i as u32, key));
                }
            }
        }
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
            spellings,
            place_ends: place_spellings
                .values()
                .flatten()
                .filter_map(|(_, name)| Some((name.chars().next()?, name.chars().next_back()?)))
                .collect(),
            place_spellings,
            stem_lists: Vec::new(),
            stems_generation: 0,
            ner_words: ner_words(gazetteer, lexicon),
            model: None,
            ner_mask: crate::ner::FeatureMask::default(),
            tagger_generation: next_tagger_generation(),
        }
    }

    /// Uses this learned tagger (none: the rules alone).
    pub fn set_model(&mut self, model: Option<std::sync::Arc<crate::ner::NerModel>>) {
        self.model = model;
        self.tagger_generation = next_tagger_generation();
    }

    /// The learned tagger in use.
    pub fn model(&self) -> Option<&crate::ner::NerModel> {
        self.model.as_deref()
    }

    /// Leaves out a feature template (to measure what it adds; the model must be trained
    /// the same way).
    pub fn set_feature_mask(&mut self, mask: crate::ner::FeatureMask) {
        self.ner_mask = mask;
        self.tagger_generation = next_tagger_generation();
    }

    /// `ner::features::word_bits` of a normalised word.
    #[inline]
    pub(crate) fn ner_word_bits(&self, word: &str) -> u32 {
        self.ner_words.get(word).copied().unwrap_or(0)
    }

    /// The learned tagger's features of each sentence of `doc`, as the passes before it
    /// leave the document: what training learns from.
    pub fn tagger_features(
        &self,
        doc: &Document,
        gazetteer: &Gazetteer,
        lexicon: &Lexicon,
    ) -> Vec<SentenceFeatures> {
        let state = self.state_before_tagger(doc, gazetteer, lexicon);
        learned_names::sentence_features(self, &state)
    }

    /// The learned tagger's label of each token of `doc`, as `find` computes them (each
    /// word's features scored once per thread; boilerplate O); None without a model.
    pub fn tagger_labels(
        &self,
        doc: &Document,
        gazetteer: &Gazetteer,
        lexicon: &Lexicon,
    ) -> Option<Vec<crate::ner::Label>> {
        let state = self.state_before_tagger(doc, gazetteer, lexicon);
        learned_names::labels(self, &state)
    }

    /// The state the passes before the tagger leave: what it reads, in training and in use.
    fn state_before_tagger<'d>(
        &'d self,
        doc: &'d Document,
        gazetteer: &'d Gazetteer,
        lexicon: &'d Lexicon,
    ) -> State<'d> {
        let mut state = State::new(doc, gazetteer, lexicon, self);
        for (name, pass) in PASSES {
            if name == LEARNED_PASS {
                break;
            }
            pass(self, &mut state);
        }
        state
    }

    /// Finds the mentions in `doc`: runs `PASSES` in order, then numbers what covers each
    /// token by the sorted mentions.
    pub fn find(
        &self,
        doc: &Document,
        gazetteer: &Gazetteer,
        lexicon: &Lexicon,
    ) -> DocumentMentions {
        let mut state = State::new(doc, gazetteer, lexicon, self);
        for (_, pass) in PASSES {
            pass(self, &mut state);
        }
        state
            .out
            .mentions
            .sort_by_key(|m| (m.tokens.first, m.tokens.end));
        // cover indices must follow the sort
        let mut cover = vec![Cover::Free; doc.tokens.len()];
        for (i, n) in state.out.nisbas.iter().enumerate() {
            for t in n.tokens.first..n.tokens.end {
                cover[t as usize] = Cover::Nisba(i as u32);
            }
        }
        for (i, m) in state.out.mentions.iter().enumerate() {
            for t in m.tokens.first..m.tokens.end {
                cover[t as usize] = Cover::Mention(i as u32);
            }
        }
        state.out.cover = cover;
        state.out
    }

    /// A gazetteer organisation whose name contains these words in order, if only one does.
    /// Of several, the one the name is whole but for its head noun («الجزيرة» is «قناة
    /// الجزيرة», not «الجزيرة مباشر»).
    fn shortened_org(&self, name: &[String]) -> Option<u32> {
        let mut containing: Vec<(u32, &Vec<String>)> = Vec::new();
        for (entry, words) in &self.org_names {
            let mut it = words.iter();
            if name.iter().all(|w| it.any(|x| x == w))
                && !containing.iter().any(|(e, _)| e == entry)
            {
                containing.push((*entry, words));
            }
        }
        let one = |found: Vec<u32>| match found.as_slice() {
            [only] => Some(*only),
            _ => None,
        };
        if containing.len() <= 1 {
            return containing.first().map(|(e, _)| *e);
        }
        let mut whole: Vec<u32> = containing
            .iter()
            .filter(|(_, words)| words.len() == name.len() + 1 && words[1..] == *name)
            .map(|(e, _)| *e)
            .collect();
        whole.dedup();
        one(whole)
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
