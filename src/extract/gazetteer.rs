//! The gazetteer: known entities with their aliases, nisba adjectives and dated roles.
//!
//! Entries come from TSV files (the built-in ones in `data/gazetteer/`, then any the user
//! passes with `--gazetteer`; a later entry with the same id replaces an earlier one).
//! Spelling variants of transliterated names are generated here by the rules in
//! `data/lexicon/variants.tsv`, so the data lists each name once.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use super::lexicon::Lexicon;
use crate::data::{DataError, TsvRows};
use crate::text::morph;
use crate::text::normalize::normalize_key;
pub use crate::vocab::EntityKind;
use crate::vocab::Role;

/// The built-in files, and whether their people's surnames alone name them in articles
/// that never write them in full: yes for the well-known people of `people.tsv` («ترامب»,
/// «بوتين»); no for the long lists by category (heads of state and government, ministers,
/// officials), where a surname alone is far more often someone else's, or a word.
const BUILTIN: &[(&str, &str, bool)] = &[
    (
        "data/gazetteer/countries.tsv",
        include_str!("../../data/gazetteer/countries.tsv"),
        true,
    ),
    (
        "data/gazetteer/locations.tsv",
        include_str!("../../data/gazetteer/locations.tsv"),
        true,
    ),
    (
        "data/gazetteer/organizations.tsv",
        include_str!("../../data/gazetteer/organizations.tsv"),
        true,
    ),
    (
        "data/gazetteer/institutions.tsv",
        include_str!("../../data/gazetteer/institutions.tsv"),
        true,
    ),
    (
        "data/gazetteer/people.tsv",
        include_str!("../../data/gazetteer/people.tsv"),
        true,
    ),
    (
        "data/gazetteer/heads_of_state.tsv",
        include_str!("../../data/gazetteer/heads_of_state.tsv"),
        false,
    ),
    (
        "data/gazetteer/officials.tsv",
        include_str!("../../data/gazetteer/officials.tsv"),
        false,
    ),
    (
        "data/gazetteer/roles.tsv",
        include_str!("../../data/gazetteer/roles.tsv"),
        true,
    ),
    (
        "data/gazetteer/heads_of_state_roles.tsv",
        include_str!("../../data/gazetteer/heads_of_state_roles.tsv"),
        true,
    ),
    (
        "data/gazetteer/officials_roles.tsv",
        include_str!("../../data/gazetteer/officials_roles.tsv"),
        true,
    ),
];

/// What identifies the built-in gazetteer in `shabaka --version`: its number of files and
/// the SHA-256 (first 12 hex digits) of their names and contents.
pub fn builtin_fingerprint() -> (usize, String) {
    let mut all = Vec::new();
    for (name, content, _) in BUILTIN {
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

/// One gazetteer entity.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The slug in the data file (`sergey-naryshkin`).
    pub slug: String,
    /// The graph node id (`person:sergey-naryshkin`).
    pub id: String,
    pub kind: EntityKind,
    pub category: String,
    pub label: String,
    pub label_en: String,
    /// Aliases as written in the data (the label first).
    pub aliases: Vec<String>,
    /// Slug of the country it belongs to.
    pub country: Option<String>,
    pub nisba: Vec<String>,
    /// Where the row came from, for error messages.
    pub origin: String,
    /// Whether the surname alone names this person in an article that does not write
    /// the full name (see `BUILTIN`).
    pub surname_alone: bool,
}

/// A dated role from `roles.tsv`.
#[derive(Debug, Clone)]
pub struct RoleEntry {
    pub person: String,
    pub role: String,
    pub target: String,
    pub title: String,
    pub from: Option<String>,
    pub to: Option<String>,
    /// Where the row came from (`file:line`), for error messages.
    pub origin: String,
}

/// How an alias key refers to its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AliasKind {
    /// The name or a listed alias, or a generated spelling variant of one.
    Name,
    /// The last word of a person's name: needs the full name earlier in the article, or
    /// no other person sharing it.
    Surname,
    /// A nisba adjective (روسي، الأمريكية): refers to the country, is not a name mention.
    Nisba,
}

/// A normalised alias key and what it points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AliasTarget {
    pub entry: u32,
    pub kind: AliasKind,
}

/// The loaded gazetteer.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    pub entries: Vec<Entry>,
    pub roles: Vec<RoleEntry>,
    by_slug: HashMap<String, usize>,
}

fn is_iso_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let number = |p: &str, n: usize, range: std::ops::RangeInclusive<u32>| {
        p.len() == n
            && p.chars().all(|c| c.is_ascii_digit())
            && p.parse().is_ok_and(|v| range.contains(&v))
    };
    match parts.as_slice() {
        [y] => number(y, 4, 1..=9999),
        [y, m] => number(y, 4, 1..=9999) && number(m, 2, 1..=12),
        [y, m, d] => {
            number(y, 4, 1..=9999)
                && number(m, 2, 1..=12)
                && number(d, 2, 1..=31)
                && chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
        }
        _ => false,
    }
}

impl Gazetteer {
    /// The built-in gazetteer plus the user's files, in order.
    pub fn load(extra: &[impl AsRef<Path>]) -> Result<Gazetteer, DataError> {
        let mut gazetteer = Gazetteer::default();
        for (name, content, surname_alone) in BUILTIN {
            gazetteer.add_file_with(name, content, *surname_alone)?;
        }
        for path in extra {
            let path = path.as_ref();
            let display = path.display().to_string();
            let content = std::fs::read_to_string(path).map_err(|e| DataError {
                file: display.clone(),
                line: 0,
                message: format!("cannot read gazetteer file: {e}"),
            })?;
            gazetteer.add_file(&display, &content)?;
        }
        gazetteer.validate()?;
        Ok(gazetteer)
    }

    /// Adds entities or roles from one TSV file (the header says which).
    pub fn add_file(&mut self, file: &str, content: &str) -> Result<(), DataError> {
        self.add_file_with(file, content, true)
    }

    /// `add_file`, saying whether the file's people are named by their surname alone
    /// without their full name in the article.
    fn add_file_with(
        &mut self,
        file: &str,
        content: &str,
        surname_alone: bool,
    ) -> Result<(), DataError> {
        let rows = TsvRows::new(file, content);
        let is_roles = rows.headers().first().map(String::as_str) == Some("person");
        for row in rows {
            let row = row?;
            if is_roles {
                let role = RoleEntry {
                    person: row.field(0)?.to_string(),
                    role: row.field(1)?.to_string(),
                    target: row.field(2)?.to_string(),
                    title: row.optional(3).to_string(),
                    from: Some(row.optional(4).to_string()).filter(|s| !s.is_empty()),
                    to: Some(row.optional(5).to_string()).filter(|s| !s.is_empty()),
                    origin: format!("{}:{}", row.file, row.line),
                };
                for date in role.from.iter().chain(role.to.iter()) {
                    if !is_iso_date(date) {
                        return Err(row.error(format!(
                            "{date:?} is not a date of the calendar (ISO: 2025, 2025-01 or 2025-01-23)"
                        )));
                    }
                }
                if let (Some(from), Some(to)) = (&role.from, &role.to) {
                    if super::dates::after(from, to) {
                        return Err(
                            row.error(format!("the role starts ({from}) after it ends ({to})"))
                        );
                    }
                }
                if role.role.is_empty() || role.person.is_empty() || role.target.is_empty() {
                    return Err(row.error("a role needs person, role and target"));
                }
                if Role::parse(&role.role).is_none_or(Role::is_decoration) {
                    return Err(row.error(format!(
                        "unknown role {:?} (known: {})",
                        role.role,
                        Role::names()
                    )));
                }
                self.roles.push(role);
                continue;
            }
            let slug = row.field(0)?.to_string();
            if slug.is_empty()
                || !slug
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                return Err(row.error(format!(
                    "id {slug:?} must be lower-case ASCII letters, digits and '-'"
                )));
            }
            let kind = EntityKind::parse(row.field(1)?).ok_or_else(|| {
                row.error(format!(
                    "kind {:?} is not one of Person, Organization, Country, Location",
                    row.optional(1)
                ))
            })?;
            let label = row.field(3)?.to_string();
            if label.is_empty() {
                return Err(row.error("the Arabic label is empty"));
            }
            let mut aliases = vec![label.clone()];
            aliases.extend(row.list(5));
            let entry = Entry {
                id: format!("{}:{}", kind.id_prefix(), slug),
                slug: slug.clone(),
                kind,
                category: row.field(2)?.to_string(),
                label,
                label_en: row.field(4)?.to_string(),
                aliases,
                country: Some(row.optional(6).to_string()).filter(|s| !s.is_empty()),
                nisba: row.list(7),
                origin: format!("{}:{}", row.file, row.line),
                surname_alone,
            };
            match self.by_slug.get(&slug) {
                // a later file replaces an entry; one file naming an id twice is a mistake
                Some(&index)
                    if self.entries[index].origin.rsplit_once(':').map(|(f, _)| f)
                        == Some(row.file) =>
                {
                    let (_, line) = self.entries[index]
                        .origin
                        .rsplit_once(':')
                        .unwrap_or_default();
                    return Err(row.error(format!("duplicate id {slug:?}: already on line {line}")));
                }
                Some(&index) => self.entries[index] = entry,
                None => {
                    self.by_slug.insert(slug, self.entries.len());
                    self.entries.push(entry);
                }
            }
        }
        Ok(())
    }

    fn validate(&self) -> Result<(), DataError> {
        let origin_error = |origin: &str, message: String| {
            let (file, line) = origin.rsplit_once(':').unwrap_or((origin, "0"));
            DataError {
                file: file.to_string(),
                line: line.parse().unwrap_or(0),
                message,
            }
        };
        for entry in &self.entries {
            if let Some(country) = &entry.country {
                match self.get(country) {
                    Some(c) if c.kind == EntityKind::Country => {}
                    _ => {
                        return Err(origin_error(
                            &entry.origin,
                            format!("country {country:?} is not a Country id in the gazetteer"),
                        ))
                    }
                }
            }
        }
        for role in &self.roles {
            for slug in [&role.person, &role.target] {
                if self.get(slug).is_none() {
                    return Err(origin_error(
                        &role.origin,
                        format!("role of {:?} names unknown id {slug:?}", role.person),
                    ));
                }
            }
        }
        Ok(())
    }

    /// The entry with this slug.
    pub fn get(&self, slug: &str) -> Option<&Entry> {
        self.by_slug.get(slug).map(|&i| &self.entries[i])
    }

    /// Index of the entry with this slug.
    pub fn index_of(&self, slug: &str) -> Option<usize> {
        self.by_slug.get(slug).copied()
    }

    /// All alias keys (normalised token strings) with their targets, variants included.
    pub fn alias_keys(&self, lexicon: &Lexicon) -> Vec<(String, AliasTarget)> {
        let mut out: Vec<(String, AliasTarget)> = Vec::new();
        let mut name_keys: BTreeSet<String> = BTreeSet::new();
        // every nisba form: a spelling variant of a name that is one («السعودية» → «السعودي»
        // by the rule يه/ي) is the adjective, not the country
        let nisba_keys: BTreeSet<String> = self
            .entries
            .iter()
            .flat_map(|e| &e.nisba)
            .flat_map(|n| nisba_forms(&normalize_key(n)))
            .collect();
        for (index, entry) in self.entries.iter().enumerate() {
            let target = |kind| AliasTarget {
                entry: index as u32,
                kind,
            };
            // transliterated names vary in spelling; short native place names (جدة) do not,
            // and their variants would be other words (غدة)
            let transliterated = match entry.kind {
                EntityKind::Person | EntityKind::Organization => true,
                EntityKind::Location | EntityKind::Country => entry.label.chars().count() >= 6,
            };
            for alias in &entry.aliases {
                let key = normalize_key(alias);
                let keys = if transliterated {
                    // a spelling variant that is an everyday word (إيغاد → إيجاد) is not a name
                    let written = key.clone();
                    variants(&key, &lexicon.variants)
                        .into_iter()
                        .filter(|v| {
                            let bare = v.strip_prefix(morph::ARTICLE).unwrap_or(v);
                            *v == written
                                || !(lexicon.is_common(v)
                                    || nisba_keys.contains(v)
                                    || nisba_keys.contains(bare))
                        })
                        .collect()
                } else {
                    vec![key]
                };
                for key in keys {
                    name_keys.insert(key.clone());
                    out.push((key, target(AliasKind::Name)));
                }
            }
            for nisba in &entry.nisba {
                for form in nisba_forms(&normalize_key(nisba)) {
                    for key in variants(&form, &lexicon.variants) {
                        name_keys.insert(key.clone());
                        out.push((key, target(AliasKind::Nisba)));
                    }
                }
            }
        }
        for (index, entry) in self.entries.iter().enumerate() {
            if entry.kind != EntityKind::Person {
                continue;
            }
            let family_first = self.family_first(entry, lexicon);
            if let Some(surname) = surname_of(&normalize_key(&entry.label), family_first, lexicon) {
                let bare = surname.strip_prefix(morph::ARTICLE).unwrap_or(&surname);
                if name_keys.contains(&surname) || name_keys.contains(bare) {
                    continue; // a country, city or nisba with that spelling wins
                }
                for key in variants(&surname, &lexicon.variants) {
                    out.push((
                        key,
                        AliasTarget {
                            entry: index as u32,
                            kind: AliasKind::Surname,
                        },
                    ));
                }
            }
        }
        out.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.entry.cmp(&b.1.entry)));
        out.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
        out
    }

    /// Family names too ordinary to stand alone — a common word or a given name as well
    /// («مبارك», «بري», «مشرف») — each with the people whose two- or three-word name ends
    /// in it. Only a title right before one («الرئيس مبارك») says it is the family name.
    pub fn titled_surnames(&self, lexicon: &Lexicon) -> Vec<(String, u32)> {
        let mut out = Vec::new();
        for (index, entry) in self.entries.iter().enumerate() {
            if entry.kind != EntityKind::Person {
                continue;
            }
            let label = normalize_key(&entry.label);
            let Some(last) = family_word(&label, self.family_first(entry, lexicon), lexicon) else {
                continue;
            };
            let ordinary = lexicon.is_common(last) || lexicon.first_names.contains(last);
            if last.chars().count() >= 3 && !last.starts_with(morph::ARTICLE) && ordinary {
                for key in variants(last, &lexicon.variants) {
                    out.push((key, index as u32));
                }
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// When `slug` last held a gazetteer office: `None` if never, `"9999"` if still in
    /// office.
    pub fn last_in_office(&self, slug: &str) -> Option<&str> {
        self.roles
            .iter()
            .filter(|r| r.person == slug)
            .map(|r| r.to.as_deref().unwrap_or("9999"))
            .max()
    }

    /// Whether `entry`'s people are named family name first («كيم جونغ أون»).
    pub fn family_first(&self, entry: &Entry, lexicon: &Lexicon) -> bool {
        entry
            .country
            .as_deref()
            .is_some_and(|c| lexicon.family_name_first.contains(c))
    }

    /// The people holding `role` at `target` on `date` (ISO, any precision).
    pub fn holders(&self, role: &str, target: &str, date: &str) -> Vec<&RoleEntry> {
        self.roles
            .iter()
            .filter(|r| r.role == role && r.target == target)
            .filter(|r| {
                let from_ok = r
                    .from
                    .as_deref()
                    .is_none_or(|f| date_overlaps_after(date, f));
                let to_ok =
                    r.to.as_deref()
                        .is_none_or(|t| date_overlaps_before(date, t));
                from_ok && to_ok
            })
            .collect()
    }
}

/// Whether a date of any precision can lie on or after `from` (a full date).
fn date_overlaps_after(date: &str, from: &str) -> bool {
    let n = date.len().min(from.len());
    date[..n] >= from[..n]
}

/// Whether a date of any precision can lie before `to`.
fn date_overlaps_before(date: &str, to: &str) -> bool {
    let n = date.len().min(to.len());
    if date.len() >= to.len() {
        date < to
    } else {
        date[..n] <= to[..n]
    }
}

/// The family name of a two- or three-word name, if it can stand for the person alone: not
/// an everyday word, a given name or a title («حسين الشيخ» is not «الشيخ» alone).
fn surname_of(label: &str, family_first: bool, lexicon: &Lexicon) -> Option<String> {
    let last = family_word(label, family_first, lexicon)?;
    // (a family name that comes first is no given name, whatever other languages do
    // with «كيم»)
    let usable = last.chars().count() >= 3
        && !lexicon.is_common(last)
        && (family_first || !lexicon.first_names.contains(last))
        && !lexicon.is_title_word(last)
        && !lexicon.name_words.compound_ends.contains(last);
    usable.then(|| last.to_string())
}

/// The family name of a two- or three-word name that has no lineage or kunya in it (those
/// end in a father's name, not a family name): its last word, or its first where names
/// start with it («كيم جونغ أون»).
fn family_word<'a>(label: &'a str, family_first: bool, lexicon: &Lexicon) -> Option<&'a str> {
    let words: Vec<&str> = label.split(' ').collect();
    if !(2..=3).contains(&words.len()) {
        return None;
    }
    if words
        .iter()
        .any(|w| lexicon.name_words.label_titles.contains(*w))
    {
        return None;
    }
    if family_first {
        words.first().copied()
    } else {
        words.last().copied()
    }
}

/// Feminine, plural and dual forms of a masculine nisba (روسي → روسيه، روس...ون، ...ين).
/// Multi-word nisbas (كوري شمالي) inflect every word.
/// Definite, a multi-word nisba takes the article on every word («الكوري الشمالي»), as
/// the first word's is optional in matching: those forms are given too.
pub fn nisba_forms(masculine: &str) -> Vec<String> {
    let multi_word = masculine.contains(' ');
    let mut out = Vec::new();
    for suffix in morph::NISBA_FORM_SUFFIXES {
        let words: Vec<String> = masculine
            .split(' ')
            .map(|w| format!("{w}{suffix}"))
            .collect();
        out.push(words.join(" "));
        if multi_word {
            let definite: Vec<String> = words
                .iter()
                .map(|w| format!("{}{w}", morph::ARTICLE))
                .collect();
            out.push(definite.join(" "));
        }
    }
    out
}

/// Spelling variants of a normalised key by the substitution rules, both directions.
pub fn variants(key: &str, rules: &[(String, String)]) -> Vec<String> {
    const MAX_VARIANTS: usize = 16;
    let mut out = vec![key.to_string()];
    for (a, b) in rules {
        let mut added = Vec::new();
        for existing in &out {
            for (from, to) in [(a, b), (b, a)] {
                if existing.contains(from.as_str()) {
                    let v = existing.replace(from.as_str(), to);
                    if !out.contains(&v) && !added.contains(&v) {
                        added.push(v);
                    }
                }
            }
        }
        for v in added {
            if out.len() < MAX_VARIANTS {
                out.push(v);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> Lexicon {
        Lexicon::builtin().unwrap()
    }

    #[test]
    fn builtin_gazetteer_loads_and_validates() {
        let g = Gazetteer::load(&[] as &[&str]).unwrap();
        assert!(g.entries.len() > 500);
        assert_eq!(g.get("russia").unwrap().kind, EntityKind::Country);
        assert_eq!(
            g.get("sergey-naryshkin").unwrap().id,
            "person:sergey-naryshkin"
        );
    }

    #[test]
    fn spelling_variants_that_are_everyday_words_are_not_aliases() {
        let g = Gazetteer::load(&[] as &[&str]).unwrap();
        let keys: Vec<String> = g
            .alias_keys(&lexicon())
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        assert!(keys.contains(&normalize_key("إيغاد")), "IGAD as written");
        assert!(
            !keys.contains(&normalize_key("إيجاد")),
            "إيجاد («finding») is not a spelling of IGAD"
        );
    }

    #[test]
    fn variants_cover_transliteration_spellings() {
        let rules = lexicon().variants;
        let v = variants(&normalize_key("سيرجي ناريشكين"), &rules);
        assert!(v.contains(&normalize_key("سيرغي ناريشكين")));
        let v = variants(&normalize_key("دميتري بيسكوف"), &rules);
        assert!(v.contains(&normalize_key("ديميتري بيسكوف")));
        let v = variants(&normalize_key("أمريكي"), &rules);
        assert!(v.contains(&normalize_key("أميركي")));
    }

    #[test]
    fn nisba_forms_and_surnames() {
        let forms = nisba_forms("روسي");
        assert!(forms.contains(&"روسيه".to_string()) && forms.contains(&"روسيين".to_string()));
        let lex = lexicon();
        assert_eq!(
            surname_of("جون راتكليف", false, &lex).as_deref(),
            Some("راتكليف")
        );
        assert_eq!(surname_of("فيصل بن فرحان ال سعود", false, &lex), None);
        assert_eq!(
            surname_of("نواف سلام", false, &lex),
            None,
            "سلام is a common word"
        );
    }

    #[test]
    fn holders_by_date() {
        let g = Gazetteer::load(&[] as &[&str]).unwrap();
        let names = |date: &str| -> Vec<String> {
            g.holders("head", "cia", date)
                .iter()
                .map(|r| r.person.clone())
                .collect()
        };
        assert_eq!(names("2022-11"), vec!["william-burns"]);
        assert_eq!(names("2025-03-11"), vec!["john-ratcliffe"]);
        assert_eq!(names("2025-01-21"), Vec::<String>::new());
    }

    #[test]
    fn malformed_rows_name_file_and_line() {
        let mut g = Gazetteer::default();
        let bad = "id\tkind\tcategory\tlabel_ar\tlabel_en\n\nx\tPlanet\tc\tس\tX\n";
        let e = g.add_file("extra.tsv", bad).unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("extra.tsv", 3));
        assert!(e.message.contains("Planet"));
        let short = "id\tkind\tcategory\tlabel_ar\tlabel_en\ny\tPerson\n";
        let e = g.add_file("extra.tsv", short).unwrap_err();
        assert_eq!(e.line, 2);
        let roles = "person\trole\ttarget\ttitle_ar\tfrom\tto\na\thead\tb\t\t2025-13\t\n";
        assert!(g
            .add_file("r.tsv", roles)
            .unwrap_err()
            .message
            .contains("ISO"));
    }
}
