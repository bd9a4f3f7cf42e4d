//! What analysis hands on: one article's facts as plain data that describes itself. Every
//! entity is named by its node id and kind, and a gazetteer entity carries what the graph
//! shows of it, so the graph builder (or another process merging facts) needs neither
//! the gazetteer nor the article text.

use std::sync::Arc;

use crate::vocab::{EdgeKind, EntityKind, EventStatus, EventType};

/// A gazetteer entity as the graph shows it.
#[derive(Debug, Clone)]
pub struct KnownEntity {
    /// The node id: `person:sergey-lavrov`.
    pub id: String,
    pub kind: EntityKind,
    pub label: String,
    pub label_en: String,
    pub category: String,
    /// The rule of its node: `gazetteer:<slug>`.
    pub rule: String,
    /// The node id of its country, when the gazetteer has that country.
    pub country: Option<String>,
    /// The other names the gazetteer knows it by (`known_as` on its node), so that a
    /// query finds it by any of them, seen in the articles or not.
    pub known_as: Vec<String>,
}

/// Which entity a fact is about: a gazetteer entity (shared, not copied per fact), or one
/// found by a discovery rule, by its kind and normalised name.
#[derive(Debug, Clone)]
pub enum FactEntity {
    Known(Arc<KnownEntity>),
    Discovered { kind: EntityKind, key: String },
}

impl FactEntity {
    pub fn kind(&self) -> EntityKind {
        match self {
            FactEntity::Known(e) => e.kind,
            FactEntity::Discovered { kind, .. } => *kind,
        }
    }
}

/// Two references are the same entity when they name the same node: a gazetteer entity by
/// its id, a discovered one by kind and name.
impl PartialEq for FactEntity {
    fn eq(&self, other: &FactEntity) -> bool {
        match (self, other) {
            (FactEntity::Known(a), FactEntity::Known(b)) => a.id == b.id,
            (
                FactEntity::Discovered { kind, key },
                FactEntity::Discovered {
                    kind: other_kind,
                    key: other_key,
                },
            ) => kind == other_kind && key == other_key,
            _ => false,
        }
    }
}

impl Eq for FactEntity {}

impl std::hash::Hash for FactEntity {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        match self {
            FactEntity::Known(e) => e.id.hash(state),
            FactEntity::Discovered { kind, key } => {
                kind.hash(state);
                key.hash(state);
            }
        }
    }
}

/// Where a fact was read: the contract's provenance fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Provenance {
    pub article: String,
    pub sentence: u32,
    pub start: u32,
    pub end: u32,
    /// Shared by the facts of one sentence (when it is the whole sentence), so a sentence
    /// that yields five facts is stored once, not five times.
    pub evidence: std::sync::Arc<str>,
    pub rule: String,
    pub confidence: f32,
}

/// An entity's mentions in one article: the first one's provenance, how many there are,
/// and every distinct form it was written in.
#[derive(Debug, Clone, PartialEq)]
pub struct MentionFact {
    pub entity: FactEntity,
    pub surfaces: Vec<String>,
    pub count: u32,
    pub provenance: Provenance,
}

/// A relation between two entities (HOLDS_ROLE, PART_OF, LOCATED_IN) with its source.
#[derive(Debug, Clone, PartialEq)]
pub struct RelationFact {
    pub kind: EdgeKind,
    pub source: FactEntity,
    pub target: FactEntity,
    /// Extra edge attributes (role, title).
    pub attrs: Vec<(&'static str, String)>,
    pub provenance: Provenance,
}

/// An event as one article reports it, every part with provenance.
#[derive(Debug, Clone, PartialEq)]
pub struct EventFact {
    pub event_type: EventType,
    pub status: EventStatus,
    pub date: Option<String>,
    pub date_text: String,
    pub participants: Vec<(FactEntity, Provenance)>,
    pub places: Vec<(FactEntity, Provenance)>,
    /// The trigger of each report of it.
    pub reports: Vec<Provenance>,
}

/// Article metadata kept after the text is dropped.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleInfo {
    pub id: String,
    pub stem: String,
    pub path: String,
    pub title: String,
    pub source: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    /// True when `published` was inferred from dates in the text, not given.
    pub published_inferred: bool,
    pub sha256: String,
    pub encoding: String,
    pub chars: usize,
}

/// Everything extracted from one article.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleFacts {
    pub article: ArticleInfo,
    pub mentions: Vec<MentionFact>,
    pub relations: Vec<RelationFact>,
    pub events: Vec<EventFact>,
    /// What the user must hear about this article: how it was read and analysed.
    pub warnings: Vec<String>,
}
