//! Building the graph from per-article facts, one article at a time, in input order.
//!
//! Entities get stable ids (gazetteer slug, or a transliteration plus a hash of the
//! normalised name for discovered ones); every fact keeps its provenance.

use std::collections::{BTreeSet, HashMap};

use std::sync::Arc;

use serde_json::json;
use sha2::{Digest, Sha256};

use super::attrs::{AttrValue, Attrs};
use super::model::{Edge, KnowledgeGraph, Node};
use crate::extract::dates;
use crate::extract::{ArticleFacts, FactEntity, Provenance};
use crate::text::transliterate;
use crate::vocab::{EdgeKind, EventStatus, EventType, NodeKind};

/// A node id, shared by the node and every edge that names it.
type Id = Arc<str>;

/// Accumulates articles into a graph.
pub struct GraphBuilder {
    graph: KnowledgeGraph,
    aliases: rustc_hash::FxHashMap<Id, BTreeSet<String>>,
    mention_counts: rustc_hash::FxHashMap<Id, u64>,
    /// Ids of discovered entities by (kind, normalised name), computed once.
    discovered_ids: rustc_hash::FxHashMap<FactEntity, Id>,
    /// Rules, stored once each: a corpus repeats a few thousand rules on a million edges.
    rules: rustc_hash::FxHashSet<Arc<str>>,
    events: Vec<GlobalEvent>,
    /// Participant → events they take part in, so a new report is compared only with
    /// events sharing a participant (not with every event of the corpus).
    events_by_participant: HashMap<Id, Vec<usize>>,
    /// Planned and denied events become nodes too (else only occurred ones).
    all_events: bool,
}

/// An event merged over the articles that report it; its id is fixed at the end.
struct GlobalEvent {
    event_type: EventType,
    status: EventStatus,
    /// The earliest publication date of its reports.
    reported: Option<String>,
    date: Option<String>,
    date_text: String,
    participants: Vec<Id>,
    places: Vec<Id>,
    articles: Vec<Id>,
    /// Articles and (kind, node, article) already recorded, for constant-time checks.
    seen_articles: std::collections::HashSet<Id>,
    seen_edges: std::collections::HashSet<(EdgeKind, Id, Id)>,
    /// (kind, other node, attributes): PARTICIPATED_IN from a participant, HELD_IN to a
    /// place, REPORTED_IN to an article.
    edges: Vec<(EdgeKind, Id, Attrs)>,
    /// Where it was first reported (article, start), part of its identity.
    first_report: (Id, u32),
}

/// The node id of a discovered entity: readable, and unique per normalised name.
pub fn discovered_id(prefix: &str, key: &str) -> String {
    let digest = Sha256::digest(key.as_bytes());
    let hash: String = digest.iter().take(3).map(|b| format!("{b:02x}")).collect();
    format!("{prefix}:{}-{hash}", transliterate::id_form(key))
}

/// Provenance fields as edge attributes; `article` is the article node's shared id and
/// `rule` an interned copy of the provenance's rule.
fn provenance_attrs(p: &Provenance, article: &Arc<str>, rule: Arc<str>, extra: usize) -> Attrs {
    let mut attrs = Attrs::with_capacity(7 + extra);
    attrs.insert("article", article.clone());
    attrs.insert("sentence", p.sentence);
    attrs.insert("start", p.start);
    attrs.insert("end", p.end);
    attrs.insert("evidence", p.evidence.clone());
    attrs.insert("rule", rule);
    attrs.insert("confidence", (p.confidence as f64 * 100.0).round() / 100.0);
    attrs
}

impl Default for GraphBuilder {
    fn default() -> GraphBuilder {
        GraphBuilder::new()
    }
}

impl GraphBuilder {
    /// The same builder keeping planned and denied events as nodes too.
    pub fn with_all_events(mut self, all_events: bool) -> GraphBuilder {
        self.all_events = all_events;
        self
    }

    /// A builder for facts of any number of articles: they describe their entities, so it
    /// needs no gazetteer.
    pub fn new() -> GraphBuilder {
        let mut graph = KnowledgeGraph::default();
        graph.graph_attrs.insert(
            "generator".into(),
            json!(format!("shabaka {}", env!("CARGO_PKG_VERSION"))),
        );
        GraphBuilder {
            graph,
            aliases: Default::default(),
            mention_counts: Default::default(),
            discovered_ids: Default::default(),
            rules: Default::default(),
            events: Vec::new(),
            events_by_participant: HashMap::new(),
            all_events: false,
        }
    }

    /// Provenance attributes with the article's shared id and the shared rule.
    fn provenance(&mut self, p: &Provenance, article: &Id, extra: usize) -> Attrs {
        provenance_attrs(p, article, shared(&mut self.rules, &p.rule), extra)
    }

    /// The node id for an entity reference, creating the node on first sight.
    pub fn entity_node(&mut self, entity: &FactEntity, surface: &str, rule: &str) -> Id {
        let (id, kind) = match entity {
            FactEntity::Known(e) => {
                if let Some(node) = self.graph.nodes.get(e.id.as_str()) {
                    return node.id.clone();
                }
                (Id::from(e.id.as_str()), e.kind)
            }
            FactEntity::Discovered { kind, key } => {
                let id = self
                    .discovered_ids
                    .entry(entity.clone())
                    .or_insert_with(|| discovered_id(kind.id_prefix(), key).into())
                    .clone();
                if self.graph.nodes.contains_key(&*id) {
                    return id;
                }
                (id, *kind)
            }
        };
        let mut attrs = Attrs::with_capacity(8);
        match entity {
            FactEntity::Known(e) => {
                attrs.insert("label", e.label.as_str());
                attrs.insert("label_en", e.label_en.as_str());
                attrs.insert("category", e.category.as_str());
                attrs.insert("discovered", false);
                attrs.insert("rule", e.rule.as_str());
                if let Some(country) = &e.country {
                    attrs.insert("country", country.as_str());
                }
                if !e.known_as.is_empty() {
                    attrs.insert("known_as", e.known_as.clone());
                }
            }
            FactEntity::Discovered { .. } => {
                attrs.insert("label", surface);
                attrs.insert("label_en", "");
                attrs.insert("category", "");
                attrs.insert("discovered", true);
                attrs.insert("rule", rule);
            }
        }
        self.graph.nodes.insert(
            id.to_string(),
            Node {
                id: id.clone(),
                kind: kind.into(),
                attrs,
            },
        );
        id
    }

    /// Adds one article's facts.
    pub fn add(&mut self, facts: &ArticleFacts) {
        let a = &facts.article;
        let article: Id = a.id.as_str().into();
        let mut attrs = Attrs::with_capacity(11);
        attrs.insert("label", a.title.as_str());
        attrs.insert("title", a.title.as_str());
        attrs.insert("file", a.stem.as_str());
        attrs.insert("path", a.path.as_str());
        attrs.insert("source", a.source.clone().unwrap_or_default());
        attrs.insert("url", a.url.clone().unwrap_or_default());
        attrs.insert("published", a.published.clone().unwrap_or_default());
        attrs.insert("published_inferred", a.published_inferred);
        attrs.insert("sha256", a.sha256.as_str());
        attrs.insert("encoding", a.encoding.as_str());
        attrs.insert("chars", a.chars);
        self.graph.nodes.insert(
            a.id.clone(),
            Node {
                id: article.clone(),
                kind: NodeKind::Article,
                attrs,
            },
        );
        for m in &facts.mentions {
            let first_surface = m.surfaces.first().map(String::as_str).unwrap_or("");
            let id = self.entity_node(&m.entity, first_surface, &m.provenance.rule);
            let aliases = self.aliases.entry(id.clone()).or_default();
            for s in &m.surfaces {
                if !aliases.contains(s) {
                    aliases.insert(s.clone());
                }
            }
            *self.mention_counts.entry(id.clone()).or_default() += m.count as u64;
            let mut attrs = self.provenance(&m.provenance, &article, 1);
            attrs.insert("count", m.count);
            self.add_edge(id, article.clone(), EdgeKind::MentionedIn, attrs);
        }

        for r in &facts.relations {
            let source = self.entity_node(&r.source, "", &r.provenance.rule);
            let target = self.entity_node(&r.target, "", &r.provenance.rule);
            let mut attrs = self.provenance(&r.provenance, &article, r.attrs.len());
            for (k, v) in &r.attrs {
                attrs.insert(k, v.as_str());
            }
            self.add_edge(source, target, r.kind, attrs);
        }
        self.add_events(facts, &article);
    }

    /// Adds one article's events, merging each with an event other articles reported when
    /// type, date and at least two participants agree (both must be dated: two undated
    /// calls between the same people may well be two calls).
    fn add_events(&mut self, facts: &ArticleFacts, article: &Id) {
        for e in &facts.events {
            if e.status != EventStatus::Occurred && !self.all_events {
                continue;
            }
            let participants: Vec<Id> = e
                .participants
                .iter()
                .map(|(entity, p)| self.entity_node(entity, "", &p.rule))
                .collect();
            let places: Vec<Id> = e
                .places
                .iter()
                .map(|(entity, p)| self.entity_node(entity, "", &p.rule))
                .collect();
            let mut candidates: Vec<usize> = participants
                .iter()
                .filter_map(|p| self.events_by_participant.get(p))
                .flatten()
                .copied()
                .collect();
            candidates.sort_unstable();
            candidates.dedup();
            let published = facts.article.published.as_deref().map(dates::calendar_date);
            let found = self.same_event(e, &participants, candidates, published);
            let index = match found {
                Some(i) => i,
                None => {
                    self.events.push(GlobalEvent {
                        event_type: e.event_type,
                        status: e.status,
                        reported: None,
                        date: e.date.clone(),
                        date_text: e.date_text.clone(),
                        participants: Vec::new(),
                        places: Vec::new(),
                        articles: Vec::new(),
                        seen_articles: Default::default(),
                        seen_edges: Default::default(),
                        edges: Vec::new(),
                        first_report: (article.clone(), e.reports.first().map_or(0, |r| r.start)),
                    });
                    self.events.len() - 1
                }
            };
            let rules = &mut self.rules;
            let g = &mut self.events[index];
            g.event_type = g.event_type.merged(e.event_type);
            if let Some(p) = published {
                if g.reported.as_deref().is_none_or(|r| p < r) {
                    g.reported = Some(p.to_string());
                }
            }
            if let Some(d) = &e.date {
                if g.date.as_ref().is_none_or(|x| d.len() > x.len()) {
                    g.date = Some(d.clone());
                    g.date_text = e.date_text.clone();
                }
            }
            for (id, (_, p)) in participants.iter().zip(&e.participants) {
                if !g.participants.contains(id) {
                    g.participants.push(id.clone());
                    self.events_by_participant
                        .entry(id.clone())
                        .or_default()
                        .push(index);
                }
                if g.seen_edges
                    .insert((EdgeKind::ParticipatedIn, id.clone(), article.clone()))
                {
                    let attrs = provenance_attrs(p, article, shared(rules, &p.rule), 0);
                    g.edges.push((EdgeKind::ParticipatedIn, id.clone(), attrs));
                }
            }
            for (id, (_, p)) in places.iter().zip(&e.places) {
                if !g.places.contains(id) {
                    g.places.push(id.clone());
                }
                if g.seen_edges
                    .insert((EdgeKind::HeldIn, id.clone(), article.clone()))
                {
                    let attrs = provenance_attrs(p, article, shared(rules, &p.rule), 0);
                    g.edges.push((EdgeKind::HeldIn, id.clone(), attrs));
                }
            }
            if g.seen_articles.insert(article.clone()) {
                g.articles.push(article.clone());
                if let Some(first) = e.reports.first() {
                    let mut attrs = provenance_attrs(first, article, shared(rules, &first.rule), 1);
                    attrs.insert("count", e.reports.len());
                    g.edges.push((EdgeKind::ReportedIn, article.clone(), attrs));
                }
            }
        }
    }

    /// The event other articles reported that `e` reports too, if one is clearly it: the
    /// same type and status and at least two shared participants (one if it has one), and
    /// dates within a day of each other. An undated report joins the one dated event of
    /// its participants that lies a few days before its publication; two undated calls
    /// between the same people may well be two calls, so they stay apart.
    fn same_event(
        &self,
        e: &crate::extract::EventFact,
        participants: &[Id],
        candidates: Vec<usize>,
        published: Option<&str>,
    ) -> Option<usize> {
        let alike = |i: &usize| {
            let g = &self.events[*i];
            let shared = participants
                .iter()
                .filter(|p| g.participants.contains(p))
                .count();
            g.event_type.compatible(e.event_type)
                && g.status == e.status
                && shared >= 2.min(participants.len()).max(1)
        };
        let mut alike = candidates.into_iter().filter(alike);
        match &e.date {
            Some(d) => alike.find(|&i| {
                self.events[i]
                    .date
                    .as_deref()
                    .is_some_and(|g| dates::same_day_or_next(g, d))
            }),
            None => {
                let published = published?;
                let near: Vec<usize> = alike
                    .filter(|&i| {
                        self.events[i].date.as_deref().is_some_and(|g| {
                            dates::days_between(g, published)
                                .is_some_and(|n| (0..=UNDATED_WINDOW_DAYS).contains(&n))
                        })
                    })
                    .collect();
                match near.as_slice() {
                    [one] => Some(*one),
                    _ => None,
                }
            }
        }
    }

    /// Turns merged events into nodes and edges with ids from their defining facts.
    fn finish_events(&mut self) {
        for g in std::mem::take(&mut self.events) {
            let mut sorted = g.participants.clone();
            sorted.sort();
            let defining = format!(
                "{}|{}|{}|{}|{}",
                g.event_type,
                g.date.clone().unwrap_or_default(),
                sorted.join(","),
                g.first_report.0,
                g.first_report.1
            );
            let digest = Sha256::digest(defining.as_bytes());
            let id: Id = format!(
                "event:{}",
                digest
                    .iter()
                    .take(6)
                    .map(|b| format!("{b:02x}"))
                    .collect::<String>()
            )
            .into();
            let names = |lang: &str| -> Vec<String> {
                g.participants
                    .iter()
                    .map(|p| {
                        let node = &self.graph.nodes[&**p];
                        let label = node
                            .attrs
                            .get(lang)
                            .and_then(AttrValue::as_str)
                            .filter(|s| !s.is_empty());
                        label
                            .or_else(|| node.attrs.get("label").and_then(AttrValue::as_str))
                            .unwrap_or(p)
                            .to_string()
                    })
                    .collect()
            };
            let date = g.date.clone().unwrap_or_default();
            let when = if date.is_empty() {
                String::new()
            } else {
                format!(" ({date})")
            };
            let mut attrs = Attrs::with_capacity(8);
            attrs.insert(
                "label",
                format!(
                    "{}: {}{when}",
                    g.event_type.label_ar(),
                    names("label").join("، ")
                ),
            );
            attrs.insert(
                "label_en",
                format!("{}: {}{when}", g.event_type, names("label_en").join(", ")),
            );
            attrs.insert("aliases", Vec::<String>::new());
            attrs.insert("event_type", g.event_type.as_str());
            attrs.insert("date", date.as_str());
            attrs.insert("date_text", g.date_text.as_str());
            attrs.insert("status", g.status.as_str());
            attrs.insert("reported", g.reported.clone().unwrap_or_default());
            attrs.insert("mentions", g.articles.len());
            self.graph.nodes.insert(
                id.to_string(),
                Node {
                    id: id.clone(),
                    kind: NodeKind::Event,
                    attrs,
                },
            );
            for (kind, other, attrs) in g.edges {
                let (source, target) = if kind == EdgeKind::ParticipatedIn {
                    (other, id.clone())
                } else {
                    (id.clone(), other)
                };
                self.add_edge(source, target, kind, attrs);
            }
        }
    }

    /// Adds a fact edge between two existing nodes.
    pub fn add_edge(&mut self, source: Id, target: Id, kind: EdgeKind, mut attrs: Attrs) {
        attrs.shrink_to_fit();
        self.graph.edges.push(Edge {
            source,
            target,
            kind,
            attrs,
        });
    }

    /// Finishes: aliases and counts onto nodes, canonical order.
    pub fn finish(mut self) -> KnowledgeGraph {
        self.finish_events();
        for node in self.graph.nodes.values_mut() {
            if !node.kind.is_entity() {
                continue;
            }
            let aliases: Vec<&String> = self
                .aliases
                .get(&node.id)
                .map(|s| s.iter().collect())
                .unwrap_or_default();
            node.attrs.insert("aliases", aliases);
            node.attrs.insert(
                "mentions",
                self.mention_counts.get(&node.id).copied().unwrap_or(0),
            );
        }
        self.graph.canonicalize();
        self.graph
    }
}

/// How many days before its publication an undated report may say an event happened.
const UNDATED_WINDOW_DAYS: i64 = 3;

/// The shared copy of `rule` in `rules`.
fn shared(rules: &mut rustc_hash::FxHashSet<Arc<str>>, rule: &str) -> Arc<str> {
    if let Some(known) = rules.get(rule) {
        return known.clone();
    }
    let rule: Arc<str> = rule.into();
    rules.insert(rule.clone());
    rule
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discovered_ids_are_readable_and_stable() {
        let id = discovered_id("person", "توم برينر");
        assert!(id.starts_with("person:twm-brynr-"), "{id}");
        assert_eq!(id, discovered_id("person", "توم برينر"));
        assert_ne!(id, discovered_id("person", "توم برينز"));
    }
}
