//! Finding the entity a user means: Arabic in any spelling variant, with or without
//! clitics or ال, or English, case-insensitive; "did you mean" when nothing matches.

use std::collections::{BTreeMap, BTreeSet};

use crate::extract::gazetteer::variants;
use crate::graph::{AttrValue, KnowledgeGraph};
use crate::text::clitics::readings;
use crate::text::normalize::normalize_key;
use crate::vocab::NodeKind;

/// What a name resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    Found(String),
    /// Several entities answer to the name: their ids.
    Ambiguous(Vec<String>),
    /// Nothing does: the closest names, with their ids.
    Unknown(Vec<(String, String)>),
}

/// Normalised names → node ids.
#[derive(Debug, Clone, Default)]
pub struct NameIndex {
    by_key: BTreeMap<String, BTreeSet<String>>,
    /// Each word of a person's names → the people whose names hold it, for a given name
    /// or surname typed alone («سيرغي», «Sergey», «بوتين»).
    by_part: BTreeMap<String, BTreeSet<String>>,
    variant_rules: Vec<(String, String)>,
}

/// Words of names that name nobody alone: the links of Arabic names («بن», «آل», «أبو»
/// normalised) and their transcriptions.
const NAME_LINKS: [&str; 10] = [
    "بن", "ابن", "بنت", "ال", "ابو", "عبد", "al", "bin", "ibn", "abu",
];

impl NameIndex {
    /// Indexes labels, English labels, aliases and id slugs of every non-article node;
    /// typed names are varied by the spelling rules recorded with the graph.
    pub fn new(graph: &KnowledgeGraph) -> NameIndex {
        let variant_rules = graph.name_variants();
        let mut by_key: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut by_part: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for n in graph.nodes.values().filter(|n| n.kind != NodeKind::Article) {
            let mut names: Vec<String> = Vec::new();
            for key in ["label", "label_en"] {
                if let Some(s) = n.attrs.get(key).and_then(AttrValue::as_str) {
                    names.push(s.to_string());
                }
            }
            // the surfaces seen in the articles, and the gazetteer's other names for it
            for key in ["aliases", "known_as"] {
                if let Some(aliases) = n.attrs.get(key).and_then(AttrValue::as_list) {
                    names.extend(aliases.iter().map(|a| a.to_string()));
                }
            }
            names.push(n.id.to_string());
            if let Some((_, slug)) = n.id.split_once(':') {
                names.push(slug.replace('-', " "));
            }
            // English labels also by their parts: "Naryshkin", "Sergey Naryshkin (SVR)"
            if let Some(en) = n.attrs.get("label_en").and_then(AttrValue::as_str) {
                let bare = en.split(" (").next().unwrap_or(en).to_string();
                if let Some(last) = bare
                    .split_whitespace()
                    .last()
                    .filter(|_| n.kind == NodeKind::Person)
                {
                    names.push(last.to_string());
                }
                names.push(bare);
                if let Some(abbr) = en
                    .split('(')
                    .nth(1)
                    .map(|s| s.trim_end_matches(')').to_string())
                {
                    names.push(abbr);
                }
            }
            for name in names {
                let key = normalize_key(&name);
                if key.is_empty() || key.contains(':') {
                    if !key.is_empty() {
                        by_key.entry(key).or_default().insert(n.id.to_string());
                    }
                    continue;
                }
                if n.kind == NodeKind::Person && key.contains(' ') {
                    for part in key.split(' ').filter(|p| p.chars().count() >= 2) {
                        if !NAME_LINKS.contains(&part) {
                            by_part
                                .entry(part.to_string())
                                .or_default()
                                .insert(n.id.to_string());
                        }
                    }
                }
                by_key.entry(key).or_default().insert(n.id.to_string());
            }
        }
        NameIndex {
            by_key,
            by_part,
            variant_rules,
        }
    }

    fn lookup(&self, key: &str) -> Option<&BTreeSet<String>> {
        self.by_key.get(key).filter(|s| !s.is_empty())
    }

    /// Resolves what the user typed.
    pub fn resolve(&self, query: &str) -> Resolution {
        let key = normalize_key(query);
        let mut candidates: Vec<String> = vec![key.clone()];
        // clitics on the first word: «ولافروف», «بالكرملين» (ال kept: «الكرملين»)
        if let Some((first, rest)) = key
            .split_once(' ')
            .map(|(a, b)| (a.to_string(), Some(b.to_string())))
            .or(Some((key.clone(), None)))
        {
            for r in readings(&first).iter() {
                let stem = &first[r.span_prefix..];
                let stem_bare = &first[r.stem_prefix..];
                for s in [stem, stem_bare] {
                    let joined = match &rest {
                        Some(rest) => format!("{s} {rest}"),
                        None => s.to_string(),
                    };
                    if !candidates.contains(&joined) {
                        candidates.push(joined);
                    }
                }
            }
        }
        for c in candidates.clone() {
            for v in variants(&c, &self.variant_rules) {
                if !candidates.contains(&v) {
                    candidates.push(v);
                }
            }
        }
        let answer = |ids: &BTreeSet<String>| match ids.len() {
            1 => Resolution::Found(ids.iter().next().cloned().unwrap_or_default()),
            _ => Resolution::Ambiguous(ids.iter().cloned().collect()),
        };
        // a name as the articles or the gazetteer write it alone («ترامب») is that entity
        if let Some(ids) = candidates.iter().find_map(|c| self.lookup(c)) {
            return answer(ids);
        }
        // else a word of people's names typed alone («Sergey», «سيرغي»): the one person
        // whose names hold it (in any of its spellings), or the list of them
        let bearers: BTreeSet<String> = candidates
            .iter()
            .filter_map(|c| self.by_part.get(c))
            .flatten()
            .cloned()
            .collect();
        if !bearers.is_empty() {
            return answer(&bearers);
        }
        Resolution::Unknown(self.suggest(&key))
    }

    /// The closest names by edit distance (at most five).
    pub fn suggest(&self, key: &str) -> Vec<(String, String)> {
        let limit = (key.chars().count() / 3).max(2);
        let mut scored: Vec<(usize, &String, &String)> = self
            .by_key
            .iter()
            .filter(|(k, _)| !k.contains(':'))
            .flat_map(|(k, ids)| ids.iter().map(move |id| (k, id)))
            .map(|(k, id)| (strsim::levenshtein(key, k), k, id))
            .filter(|(d, _, _)| *d <= limit)
            .collect();
        scored.sort();
        let mut out: Vec<(String, String)> = Vec::new();
        for (_, k, id) in scored {
            if !out.iter().any(|(_, i)| i == id) {
                out.push((k.clone(), id.clone()));
            }
            if out.len() == 5 {
                break;
            }
        }
        out
    }
}
