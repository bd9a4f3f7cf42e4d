//! The word lists the rules ask about for every free token, as one bit each.

use crate::extract::lexicon::Lexicon;

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
    pub(super) const ALL: [WordList; 5] = [
        WordList::NameHeads,
        WordList::OrgHeads,
        WordList::SpeechVerbs,
        WordList::PlaceTriggers,
        WordList::FirstNames,
    ];

    pub(super) fn bit(self) -> u8 {
        1 << self as u8
    }

    pub(super) fn contains(self, lexicon: &Lexicon, word: &str) -> bool {
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
