//! `events`: events in date order, filtered by participants and dates.

use serde::Serialize;

use super::{NodeRef, Queries};
use crate::graph::AttrValue;
use crate::vocab::{EdgeKind, NodeKind};

#[derive(Debug, Clone, Serialize)]
pub struct EventLine {
    pub event: NodeRef,
    pub event_type: String,
    pub date: String,
    pub date_text: String,
    pub participants: Vec<NodeRef>,
    pub places: Vec<NodeRef>,
    pub articles: Vec<NodeRef>,
}

impl Queries<'_> {
    /// Events in date order, filtered by participants and dates.
    pub fn events(&self, with: &[String], from: Option<&str>, to: Option<&str>) -> Vec<EventLine> {
        let mut out: Vec<EventLine> = Vec::new();
        for n in self
            .graph
            .nodes
            .values()
            .filter(|n| n.kind == NodeKind::Event)
        {
            let Some(&idx) = self.index.index.get(&*n.id) else {
                continue;
            };
            let mut participants = Vec::new();
            let mut places = Vec::new();
            let mut articles = Vec::new();
            for (w, e, _) in self.index.incident(idx) {
                let other = NodeRef::new(self.graph, self.index.id(w));
                match self.graph.edges[e].kind {
                    EdgeKind::ParticipatedIn if !participants.contains(&other) => {
                        participants.push(other)
                    }
                    EdgeKind::HeldIn if !places.contains(&other) => places.push(other),
                    EdgeKind::ReportedIn if !articles.contains(&other) => articles.push(other),
                    _ => {}
                }
            }
            if !with.iter().all(|w| participants.iter().any(|p| &p.id == w)) {
                continue;
            }
            let date = n
                .attrs
                .get("date")
                .and_then(AttrValue::as_str)
                .unwrap_or("")
                .to_string();
            if from.is_some_and(|f| date.is_empty() || date.as_str() < f)
                || to.is_some_and(|t| date.is_empty() || date.as_str() > t)
            {
                continue;
            }
            for list in [&mut participants, &mut places, &mut articles] {
                list.sort_by(|a, b| a.id.cmp(&b.id));
            }
            out.push(EventLine {
                event: NodeRef::new(self.graph, &n.id),
                event_type: n
                    .attrs
                    .get("event_type")
                    .and_then(AttrValue::as_str)
                    .unwrap_or("")
                    .to_string(),
                date,
                date_text: n
                    .attrs
                    .get("date_text")
                    .and_then(AttrValue::as_str)
                    .unwrap_or("")
                    .to_string(),
                participants,
                places,
                articles,
            });
        }
        out.sort_by(|a, b| {
            (a.date.is_empty(), &a.date, &a.event.id).cmp(&(
                b.date.is_empty(),
                &b.date,
                &b.event.id,
            ))
        });
        out
    }
}
