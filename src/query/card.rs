//! `show`: everything the graph knows about one entity — aliases, roles with dates,
//! events, articles and related entities.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{NodeRef, Queries};
use crate::graph::AttrValue;
use crate::vocab::EdgeKind;

#[derive(Debug, Clone, Serialize)]
pub struct RoleLine {
    pub person: NodeRef,
    pub role: String,
    pub office: NodeRef,
    pub title: String,
    /// Publication dates of the articles stating it.
    pub dates: Vec<String>,
    pub sources: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ArticleLine {
    pub article: NodeRef,
    pub mentions: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Related {
    pub relation: String,
    pub node: NodeRef,
    pub sources: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Card {
    pub node: NodeRef,
    pub attrs: crate::graph::Attrs,
    pub roles: Vec<RoleLine>,
    pub events: Vec<NodeRef>,
    pub articles: Vec<ArticleLine>,
    pub related: Vec<Related>,
}

impl Queries<'_> {
    /// Everything about one entity.
    pub fn show(&self, id: &str) -> Card {
        let node = &self.graph.nodes[id];
        let attrs = node.attrs.clone();
        let mut roles: BTreeMap<(String, String, String), RoleLine> = BTreeMap::new();
        let mut events: Vec<NodeRef> = Vec::new();
        let mut articles: Vec<(NodeRef, u64)> = Vec::new();
        let mut related: BTreeMap<(String, String), usize> = BTreeMap::new();
        if let Some(&n) = self.index.index.get(id) {
            for (w, e, out) in self.index.incident(n) {
                let edge = &self.graph.edges[e];
                let other = self.index.id(w);
                match (edge.kind, out) {
                    (EdgeKind::HoldsRole, _) => {
                        let role = edge
                            .attrs
                            .get("role")
                            .and_then(AttrValue::as_str)
                            .unwrap_or("")
                            .to_string();
                        let (holder, office) = if out { (id, other) } else { (other, id) };
                        let line = roles
                            .entry((holder.to_string(), role.clone(), office.to_string()))
                            .or_insert_with(|| RoleLine {
                                person: NodeRef::new(self.graph, holder),
                                role: role.clone(),
                                office: NodeRef::new(self.graph, office),
                                title: edge
                                    .attrs
                                    .get("title")
                                    .and_then(AttrValue::as_str)
                                    .unwrap_or("")
                                    .to_string(),
                                dates: Vec::new(),
                                sources: 0,
                            });
                        line.sources += 1;
                        if let Some(p) = edge
                            .attrs
                            .get("article")
                            .and_then(AttrValue::as_str)
                            .and_then(|a| self.graph.str_attr(a, "published"))
                        {
                            if !p.is_empty() && !line.dates.contains(&p.to_string()) {
                                line.dates.push(p.to_string());
                                line.dates.sort();
                            }
                        }
                    }
                    (EdgeKind::ParticipatedIn, true) => {
                        events.push(NodeRef::new(self.graph, other))
                    }
                    (EdgeKind::MentionedIn, true) => articles.push((
                        NodeRef::new(self.graph, other),
                        edge.attrs
                            .get("count")
                            .and_then(AttrValue::as_u64)
                            .unwrap_or(1),
                    )),
                    (kind, _) if !kind.is_provenance() => {
                        *related
                            .entry((kind.to_string(), other.to_string()))
                            .or_default() += 1
                    }
                    _ => {}
                }
            }
        }
        events.sort_by(|a, b| {
            let d = |n: &NodeRef| self.graph.str_attr(&n.id, "date").unwrap_or("").to_string();
            d(a).cmp(&d(b)).then(a.id.cmp(&b.id))
        });
        events.dedup();
        articles.sort_by(|a, b| a.0.id.cmp(&b.0.id));
        Card {
            node: NodeRef::new(self.graph, id),
            attrs,
            roles: roles.into_values().collect(),
            events,
            articles: articles
                .into_iter()
                .map(|(a, count)| ArticleLine {
                    article: a,
                    mentions: count,
                })
                .collect(),
            related: related
                .into_iter()
                .map(|((kind, other), count)| Related {
                    relation: kind,
                    node: NodeRef::new(self.graph, &other),
                    sources: count,
                })
                .collect(),
        }
    }
}
