//! The word lists extraction relies on, loaded from `data/lexicon/` (embedded at build time
//! so the binary works anywhere; a user can point `--lexicon DIR` at an edited copy).

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::path::Path;

use crate::data::{DataError, TsvRows};
use crate::text::boilerplate::BoilerplateRules;
use crate::text::morph;
use crate::text::normalize::normalize_key;
use crate::vocab::{EventStatus, EventType, Role};

/// `office_pronouns.tsv` by first word: each office's words and the roles to try in order.
pub type OfficePronouns = HashMap<String, Vec<(Vec<String>, Vec<String>)>>;

/// Every lexicon file by name, with its built-in content.
const BUILTIN: &[(&str, &str)] = &[
    (
        "boilerplate.tsv",
        include_str!("../../data/lexicon/boilerplate.tsv"),
    ),
    ("titles.tsv", include_str!("../../data/lexicon/titles.tsv")),
    (
        "speech_verbs.tsv",
        include_str!("../../data/lexicon/speech_verbs.tsv"),
    ),
    (
        "org_heads.tsv",
        include_str!("../../data/lexicon/org_heads.tsv"),
    ),
    (
        "name_heads.tsv",
        include_str!("../../data/lexicon/name_heads.tsv"),
    ),
    (
        "place_triggers.tsv",
        include_str!("../../data/lexicon/place_triggers.tsv"),
    ),
    (
        "common_words.tsv",
        include_str!("../../data/lexicon/common_words.tsv"),
    ),
    (
        "first_names.tsv",
        include_str!("../../data/lexicon/first_names.tsv"),
    ),
    (
        "variants.tsv",
        include_str!("../../data/lexicon/variants.tsv"),
    ),
    ("months.tsv", include_str!("../../data/lexicon/months.tsv")),
    ("events.tsv", include_str!("../../data/lexicon/events.tsv")),
    (
        "modality.tsv",
        include_str!("../../data/lexicon/modality.tsv"),
    ),
    (
        "clause_openers.tsv",
        include_str!("../../data/lexicon/clause_openers.tsv"),
    ),
    (
        "delegations.tsv",
        include_str!("../../data/lexicon/delegations.tsv"),
    ),
    (
        "happened_verbs.tsv",
        include_str!("../../data/lexicon/happened_verbs.tsv"),
    ),
    (
        "laqab_titles.tsv",
        include_str!("../../data/lexicon/laqab_titles.tsv"),
    ),
    (
        "reported_speech.tsv",
        include_str!("../../data/lexicon/reported_speech.tsv"),
    ),
    (
        "relation_nouns.tsv",
        include_str!("../../data/lexicon/relation_nouns.tsv"),
    ),
    (
        "office_pronouns.tsv",
        include_str!("../../data/lexicon/office_pronouns.tsv"),
    ),
    (
        "dual_references.tsv",
        include_str!("../../data/lexicon/dual_references.tsv"),
    ),
    (
        "family_name_first.tsv",
        include_str!("../../data/lexicon/family_name_first.tsv"),
    ),
    (
        "name_words.tsv",
        include_str!("../../data/lexicon/name_words.tsv"),
    ),
    (
        "date_words.tsv",
        include_str!("../../data/lexicon/date_words.tsv"),
    ),
    (
        "counterparts.tsv",
        include_str!("../../data/lexicon/counterparts.tsv"),
    ),
];

/// A head noun after which an organisation's proper name follows.
#[derive(Debug, Clone)]
pub struct NameHead {
    pub category: String,
    /// Whether the name may start with ال (الأهلي after نادي; not after شركة).
    pub definite: bool,
}

/// Words that say a reported event did not (or not yet) happen: «من المقرر» (planned),
/// «نفى» (denied).
#[derive(Debug, Clone)]
pub struct ModalityWord {
    pub tokens: Vec<String>,
    /// What the event is when the words govern its trigger (never `occurred`).
    pub status: EventStatus,
    /// How far before the trigger the words reach.
    pub reach: ModalityReach,
}

/// How far before an event trigger modality words govern it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModalityReach {
    /// Right before the trigger, one or two words away («لم يلتق», «لن تعقد»): the
    /// particles of negation and the future, which govern the verb they precede.
    Adjacent,
    /// Anywhere in the trigger's clause window («من المقرر أن يجتمع ...»).
    Clause,
}

/// The grammatical form of an event trigger, which the status rules read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TriggerForm {
    /// «التقى»: it happened.
    Past,
    /// «يلتقي»: happening; with «سـ» or «قد» before it, planned or possible.
    Present,
    /// «لقاء», «زيارة».
    Noun,
}

/// An event trigger: words that report an event of a type.
#[derive(Debug, Clone)]
pub struct EventTrigger {
    pub tokens: Vec<String>,
    pub event_type: EventType,
    pub form: TriggerForm,
}

/// All word lists, normalised.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub boilerplate: BoilerplateRules,
    /// Title phrases (token sequences) and their role; `honorific` for decorations.
    pub titles: Vec<(Vec<String>, String)>,
    pub speech_verbs: HashSet<String>,
    pub org_heads: HashMap<String, String>,
    /// Heads after which an organisation's proper name follows (نادي، صحيفة ...).
    pub name_heads: HashMap<String, NameHead>,
    pub place_triggers: HashMap<String, String>,
    pub common_words: HashSet<String>,
    /// Common words ending in ة (ه once normalised) as written before a pronoun, with ت:
    /// «أسرة» → «أسرت» (for «أسرته»). Derived from `common_words` after loading.
    common_construct_forms: HashSet<String>,
    pub first_names: HashSet<String>,
    /// Spelling-variant substitution pairs, applied both ways.
    pub variants: Vec<(String, String)>,
    /// Month names (token sequences) and month numbers.
    pub months: Vec<(Vec<String>, u8)>,
    pub event_triggers: Vec<EventTrigger>,
    /// Words that make a reported event planned or hypothetical rather than past.
    pub modality: Vec<ModalityWord>,
    /// Words that open a clause (حيث، الذي، إن ...).
    pub clause_openers: HashSet<String>,
    /// Words for delegations (وفد، الوفدان ...).
    pub delegations: HashSet<String>,
    /// Verbs that report the event itself in a relative clause (جرت، عقد ...).
    pub happened_verbs: HashSet<String>,
    /// Titles after which a definite epithet alone is a name (الإمام، الملك ...).
    pub laqab_titles: HashSet<String>,
    /// Words that open what a speaker said, right after the name (إن، أنه، بأن ...).
    pub reported_speech: HashSet<String>,
    /// Nouns that describe someone by their relation to another («صهر», «حليف»).
    pub relation_nouns: HashSet<String>,
    /// Offices written with a pronoun for their country («رئيسها»), by their first word:
    /// the words, and the roles to try in order.
    pub office_pronouns: OfficePronouns,
    /// Words naming the two parties of an event without naming them («بين الزعيمين»).
    pub dual_references: HashSet<String>,
    /// Countries (gazetteer ids) whose people's names start with the family name.
    pub family_name_first: HashSet<String>,
    /// The words of names that are not names: connectors, kunyas, particles, ordinals.
    pub name_words: NameWords,
    /// The words of relative dates: weekdays, «الماضي», «أمس» ...
    pub date_words: super::dates::DateWords,
    /// «Counterpart» with its pronouns (نظيره، نظيرتها ...).
    pub counterparts: HashSet<String>,
    /// The place triggers of category `capital`, without the article: a token ending in
    /// one («والعاصمة», «بعاصمة») is a capital word.
    pub capital_words: Vec<String>,
    /// The one-word titles without their article (derived from `titles`).
    title_words: HashSet<String>,
}

/// The words of names that are not names themselves (`name_words.tsv`), by class; the
/// file's header says what each class does.
#[derive(Debug, Clone, Default)]
pub struct NameWords {
    pub connectors: HashSet<String>,
    pub openers: HashSet<String>,
    pub kunyas: HashSet<String>,
    pub filiations: HashSet<String>,
    pub sons: HashSet<String>,
    pub lineage: HashSet<String>,
    pub label_titles: HashSet<String>,
    pub particles: HashSet<String>,
    pub article_particles: HashSet<String>,
    pub regnal_ordinals: HashSet<String>,
    pub ordinal_teens: HashSet<String>,
    pub theophoric: HashSet<String>,
    pub compound_ends: HashSet<String>,
    pub family: HashSet<String>,
}

impl NameWords {
    /// Puts `word` in the set of `class`, or says the class is unknown.
    fn add(&mut self, word: &str, class: &str) -> Result<(), String> {
        let set = match class {
            "connector" => &mut self.connectors,
            "opener" => &mut self.openers,
            "kunya" => &mut self.kunyas,
            "filiation" => &mut self.filiations,
            "son" => &mut self.sons,
            "lineage" => &mut self.lineage,
            "label_title" => &mut self.label_titles,
            "particle" => &mut self.particles,
            "article_particle" => &mut self.article_particles,
            "regnal_ordinal" => &mut self.regnal_ordinals,
            "ordinal_teen" => &mut self.ordinal_teens,
            "theophoric" => &mut self.theophoric,
            "compound_end" => &mut self.compound_ends,
            "family" => &mut self.family,
            other => return Err(format!("unknown class of name word {other:?}")),
        };
        set.insert(word.to_string());
        Ok(())
    }
}

/// The words of a lexicon entry, normalised and split as the tokenizer would.
fn tokens_of(s: &str) -> Vec<String> {
    super::matcher::words(&normalize_key(s))
}

/// What identifies the built-in lexicon in `shabaka --version`: its number of files and
/// the SHA-256 (first 12 hex digits) of their names and contents.
pub fn builtin_fingerprint() -> (usize, String) {
    let mut all = Vec::new();
    for (name, content) in BUILTIN {
        all.extend_from_slice(name.as_bytes());
        all.push(0);
        all.extend_from_slice(content.as_bytes());
        all.push(0);
    }
    (
        BUILTIN.len(),
        crate::input::sha256_hex(&all)[..12].to_string(),
    )
}

impl Lexicon {
    /// The lexicon shipped with the binary.
    pub fn builtin() -> Result<Lexicon, DataError> {
        let mut lexicon = Lexicon::default();
        for (name, content) in BUILTIN {
            lexicon.load_file(name, content)?;
        }
        lexicon.derive_forms();
        Ok(lexicon)
    }

    /// The built-in lexicon with files of the same name in `dir` replacing the built-in ones.
    ///
    /// A folder that is not there, or a `.tsv` file in it that replaces no built-in file (a
    /// misspelt name would be ignored otherwise), is an error that names the valid files.
    pub fn from_dir(dir: &Path) -> Result<Lexicon, DataError> {
        let dir_error = |message: String| DataError {
            file: dir.display().to_string(),
            line: 0,
            message,
        };
        let entries = std::fs::read_dir(dir)
            .map_err(|e| dir_error(format!("cannot read the lexicon folder: {e}")))?;
        let known: Vec<&str> = BUILTIN
            .iter()
            .map(|(name, _)| {
                Path::new(name)
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or(name)
            })
            .collect();
        let mut names: Vec<String> = entries
            .flatten()
            .map(|e| e.file_name().to_string_lossy().to_string())
            .filter(|n| n.ends_with(".tsv"))
            .collect();
        names.sort();
        for name in &names {
            if !known.contains(&name.as_str()) {
                let closest = known
                    .iter()
                    .min_by_key(|k| strsim::levenshtein(k, name))
                    .copied()
                    .unwrap_or_default();
                return Err(DataError {
                    file: dir.join(name).display().to_string(),
                    line: 0,
                    message: format!(
                        "replaces no lexicon file (did you mean {closest}? valid: {})",
                        known.join(", ")
                    ),
                });
            }
        }
        let mut lexicon = Lexicon::default();
        for (name, builtin) in BUILTIN {
            let path = dir.join(name);
            let display = path.display().to_string();
            match std::fs::read_to_string(&path) {
                Ok(content) => lexicon.load_file(&display, &content)?,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    lexicon.load_file(name, builtin)?
                }
                Err(e) => {
                    return Err(DataError {
                        file: display,
                        line: 0,
                        message: e.to_string(),
                    })
                }
            }
        }
        lexicon.derive_forms();
        Ok(lexicon)
    }

    fn load_file(&mut self, file: &str, content: &str) -> Result<(), DataError> {
        let base = Path::new(file)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or(file);
        if base == "boilerplate.tsv" {
            self.boilerplate = BoilerplateRules::from_tsv(file, content)?;
            return Ok(());
        }
        for row in TsvRows::new(file, content) {
            let row = row?;
            let first = row.field(0)?;
            if first.is_empty() {
                return Err(row.error("empty first column"));
            }
            let key = normalize_key(first);
            match base {
                "titles.tsv" => {
                    let role = row.field(1)?;
                    if Role::parse(role).is_none() {
                        return Err(
                            row.error(format!("unknown role {role:?} (known: {})", Role::names()))
                        );
                    }
                    self.titles.push((tokens_of(first), role.to_string()))
                }
                "speech_verbs.tsv" => {
                    self.speech_verbs.insert(key);
                }
                "org_heads.tsv" => {
                    self.org_heads.insert(key, row.field(1)?.to_string());
                }
                "name_heads.tsv" => {
                    let definite = match row.field(2)? {
                        "yes" => true,
                        "no" => false,
                        other => {
                            return Err(
                                row.error(format!("definite must be yes or no, not {other:?}"))
                            )
                        }
                    };
                    let category = row.field(1)?.to_string();
                    self.name_heads.insert(key, NameHead { category, definite });
                }
                "place_triggers.tsv" => {
                    self.place_triggers.insert(key, row.field(1)?.to_string());
                }
                "common_words.tsv" => {
                    self.common_words.insert(key);
                }
                "first_names.tsv" => {
                    self.first_names.insert(key);
                }
                "variants.tsv" => {
                    self.variants.push((key, normalize_key(row.field(1)?)));
                }
                "months.tsv" => {
                    let month: u8 = row
                        .field(1)?
                        .parse()
                        .ok()
                        .filter(|m| (1..=12).contains(m))
                        .ok_or_else(|| row.error("month must be a number from 1 to 12"))?;
                    self.months.push((tokens_of(first), month));
                }
                "events.tsv" => self.event_triggers.push(EventTrigger {
                    tokens: tokens_of(first),
                    event_type: {
                        let name = row.field(1)?;
                        EventType::parse(name).ok_or_else(|| {
                            row.error(format!(
                                "unknown event type {name:?} (known: {})",
                                EventType::names()
                            ))
                        })?
                    },
                    form: match row.field(2)? {
                        "past" => TriggerForm::Past,
                        "present" => TriggerForm::Present,
                        "noun" => TriggerForm::Noun,
                        other => {
                            return Err(row.error(format!(
                                "trigger form must be past, present or noun, not {other:?}"
                            )))
                        }
                    },
                }),
                "modality.tsv" => {
                    let status = match row.field(1)? {
                        "planned" => EventStatus::Planned,
                        "denied" => EventStatus::Denied,
                        other => {
                            return Err(row.error(format!(
                                "modality status must be planned or denied, not {other:?}"
                            )))
                        }
                    };
                    let reach = match row.field(2)? {
                        "adjacent" => ModalityReach::Adjacent,
                        "clause" => ModalityReach::Clause,
                        other => {
                            return Err(row.error(format!(
                                "modality reach must be adjacent or clause, not {other:?}"
                            )))
                        }
                    };
                    self.modality.push(ModalityWord {
                        tokens: tokens_of(first),
                        status,
                        reach,
                    })
                }
                "clause_openers.tsv" => {
                    self.clause_openers.insert(key);
                }
                "delegations.tsv" => {
                    self.delegations.insert(key);
                }
                "happened_verbs.tsv" => {
                    self.happened_verbs.insert(key);
                }
                "laqab_titles.tsv" => {
                    self.laqab_titles.insert(key);
                }
                "reported_speech.tsv" => {
                    self.reported_speech.insert(key);
                }
                "relation_nouns.tsv" => {
                    self.relation_nouns.insert(key);
                }
                "office_pronouns.tsv" => {
                    let roles: Vec<String> = row
                        .field(1)?
                        .split('|')
                        .map(|r| r.trim().to_string())
                        .collect();
                    if let Some(bad) = roles.iter().find(|r| Role::parse(r).is_none()) {
                        return Err(
                            row.error(format!("unknown role {bad:?} (known: {})", Role::names()))
                        );
                    }
                    let words = tokens_of(first);
                    self.office_pronouns
                        .entry(words[0].clone())
                        .or_default()
                        .push((words, roles));
                }
                "dual_references.tsv" => {
                    self.dual_references.insert(key);
                }
                "family_name_first.tsv" => {
                    self.family_name_first.insert(first.to_string());
                }
                "counterparts.tsv" => {
                    self.counterparts.insert(key);
                }
                "date_words.tsv" => {
                    let meaning = row.field(1)?;
                    self.date_words
                        .add(&key, meaning)
                        .map_err(|e| row.error(e))?;
                }
                "name_words.tsv" => {
                    for class in row.field(1)?.split('|') {
                        self.name_words.add(&key, class).map_err(|e| row.error(e))?;
                    }
                }
                _ => return Err(row.error(format!("unknown lexicon file {base}"))),
            }
        }
        Ok(())
    }

    /// Whether `token` is a word for a capital, with any clitics (`capital_words`).
    pub fn is_capital_word(&self, token: &str) -> bool {
        self.capital_words
            .iter()
            .any(|w| token.ends_with(w.as_str()))
    }

    /// Whether a title role only decorates a name (no office): `honorific` (الأمير) or
    /// `descriptor` (السابق).
    pub fn is_decoration(role: &str) -> bool {
        Role::parse(role).is_some_and(Role::is_decoration)
    }

    /// Whether `word` (normalised) can be part of a name.
    /// Whether `word` is a one-word title («الشيخ», «الأمير»), with or without the article.
    pub fn is_title_word(&self, word: &str) -> bool {
        self.title_words.contains(morph::bare(word))
    }

    pub fn is_common(&self, word: &str) -> bool {
        self.common_words.contains(word)
            || self.speech_verbs.contains(word)
            || word.chars().all(|c| c.is_ascii_digit())
            || self.is_inflected_common(word)
    }

    /// A common word with an attached pronoun or the accusative ending: «قوله», «مصرعه»,
    /// «بدورها», «هجوما». The list holds base forms; a stem must keep three letters, and a
    /// given name is never taken apart («فوزيه» is not «فوزي» + ه).
    fn is_inflected_common(&self, word: &str) -> bool {
        // every suffix ends in ا، م or ه; most words are settled by their last letter
        let inflectable = word.ends_with(morph::INFLECTION_LAST_LETTERS);
        if !(inflectable || word.starts_with(morph::FUTURE)) || self.first_names.contains(word) {
            return false;
        }
        // the future prefix: «سيكون», «ستبدأ»
        if let Some(verb) = word.strip_prefix(morph::FUTURE) {
            if verb.starts_with(morph::IMPERFECT_PREFIXES) && self.common_words.contains(verb) {
                return true;
            }
        }
        if !inflectable {
            return false;
        }
        let long_enough = |stem: &str| stem.chars().count() >= 3;
        morph::INFLECTION_SUFFIXES.iter().any(|suffix| {
            word.strip_suffix(suffix).is_some_and(|stem| {
                long_enough(stem)
                    && !self.first_names.contains(stem)
                    && (self.common_words.contains(stem)
                        // before a pronoun ة is written ت: «أسرته» is «أسرة» + ه
                        || (*suffix != morph::ACCUSATIVE && self.common_construct_forms.contains(stem)))
            })
        })
    }

    /// Forms derived from the loaded lists.
    fn derive_forms(&mut self) {
        self.title_words = self
            .titles
            .iter()
            .filter(|(tokens, _)| tokens.len() == 1)
            .map(|(tokens, _)| morph::bare(&tokens[0]).to_string())
            .collect();
        // other stories' ledes open with a verb of saying («أعلن», «كشفت»)
        self.boilerplate
            .set_lede_verbs(self.speech_verbs.iter().cloned().collect());
        let mut capital_words: Vec<String> = self
            .place_triggers
            .iter()
            .filter(|(_, category)| *category == "capital")
            .map(|(word, _)| morph::bare(word).to_string())
            .collect();
        capital_words.sort();
        capital_words.dedup();
        self.capital_words = capital_words;
        self.common_construct_forms = self
            .common_words
            .iter()
            .filter_map(|w| {
                w.strip_suffix(morph::TA_MARBUTA)
                    .map(|base| format!("{base}{}", morph::TA_MARBUTA_CONSTRUCT))
            })
            .collect();
    }
}
