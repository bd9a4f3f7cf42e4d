//! Questions to a built graph: paths with evidence, neighbours, entity cards, statistics,
//! rankings and event timelines. Results are plain serialisable data; the CLI prints them
//! as tables or JSON.

mod card;
pub mod centrality;
mod neighbors;
mod path;
mod ranking;
pub mod render;
pub mod resolve;
mod timeline;

use petgraph::graph::NodeIndex;
use serde::Serialize;

use crate::graph::index::GraphIndex;
use crate::graph::{AttrValue, KnowledgeGraph};
use crate::vocab::NodeKind;

pub use card::{ArticleLine, Card, Related, RoleLine};
pub use neighbors::Neighbor;
pub use path::{Citation, Hop, PathAnswer, PathItem, PathOptions};
pub use ranking::{Measure, Ranked, Stats};
pub use resolve::{NameIndex, Resolution};
pub use timeline::EventLine;

/// A node as shown in answers.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NodeRef {
    pub id: String,
    pub kind: String,
    pub label: String,
    pub label_en: String,
}

impl NodeRef {
    pub fn new(graph: &KnowledgeGraph, id: &str) -> NodeRef {
        let s = |k: &str| graph.str_attr(id, k).unwrap_or("").to_string();
        NodeRef {
            id: id.to_string(),
            kind: graph
                .nodes
                .get(id)
                .map(|n| n.kind.to_string())
                .unwrap_or_default(),
            label: s("label"),
            label_en: s("label_en"),
        }
    }

    /// «label (English)» for people.
    pub fn display(&self) -> String {
        if self.label_en.is_empty() || self.label_en == self.label {
            self.label.clone()
        } else {
            format!("{} ({})", self.label, self.label_en)
        }
    }
}

/// The queries over one loaded graph.
pub struct Queries<'a> {
    pub graph: &'a KnowledgeGraph,
    pub index: GraphIndex<'a>,
}

impl<'a> Queries<'a> {
    pub fn new(graph: &'a KnowledgeGraph) -> Queries<'a> {
        Queries {
            graph,
            index: GraphIndex::new(graph),
        }
    }

    fn citation(&self, edge: usize) -> Citation {
        let e = &self.graph.edges[edge];
        let s = |k: &str| {
            e.attrs
                .get(k)
                .and_then(AttrValue::as_str)
                .unwrap_or("")
                .to_string()
        };
        let article = s("article");
        Citation {
            article_title: self
                .graph
                .str_attr(&article, "title")
                .unwrap_or("")
                .to_string(),
            article,
            sentence: e.attrs.get("sentence").and_then(AttrValue::as_u64),
            evidence: s("evidence"),
            rule: s("rule"),
        }
    }

    fn edge_allowed(&self, edge: usize, options: &PathOptions) -> bool {
        options.via_articles || !self.graph.edges[edge].kind.is_provenance()
    }

    fn node_allowed(
        &self,
        n: NodeIndex,
        options: &PathOptions,
        ends: (NodeIndex, NodeIndex),
    ) -> bool {
        if n == ends.0 || n == ends.1 {
            return true;
        }
        let kind = self.index.kind(n);
        let kind_name = kind.map_or("", NodeKind::as_str);
        (options.via_articles || kind != Some(NodeKind::Article))
            && (options.kinds.is_empty()
                || options
                    .kinds
                    .iter()
                    .any(|k| k.eq_ignore_ascii_case(kind_name)))
    }
}
