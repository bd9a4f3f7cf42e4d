//! Questions to a built graph: paths with evidence, neighbours, entity cards, statistics,
//! rankings and event timelines. Results are plain serialisable data; the CLI prints them
//! as tables or JSON.

pub mod centrality;
pub mod render;
pub mod resolve;

use std::collections::{BTreeMap, HashMap, VecDeque};

use petgraph::graph::NodeIndex;
use serde::Serialize;

use crate::graph::index::{is_provenance, GraphIndex};
use crate::graph::{AttrValue, KnowledgeGraph};
use crate::vocab::{EdgeKind, NodeKind};
pub use resolve::{NameIndex, Resolution};

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

/// The source of a fact, as a hop of a path cites it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Citation {
    pub article: String,
    pub article_title: String,
    pub sentence: Option<u64>,
    pub evidence: String,
    pub rule: String,
}

/// One step of a path.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Hop {
    pub from: NodeRef,
    pub to: NodeRef,
    pub relation: String,
    /// True when the edge points from `from` to `to`.
    pub forward: bool,
    pub role: Option<String>,
    /// How many edges (sources) state this relation between the two.
    pub sources: usize,
    pub citation: Citation,
}

/// Options of `path`.
#[derive(Debug, Clone, Default)]
pub struct PathOptions {
    pub all: bool,
    pub max_hops: usize,
    pub via_articles: bool,
    /// Only these kinds for intermediate nodes (empty: any).
    pub kinds: Vec<String>,
}

/// Paths between two nodes.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PathAnswer {
    pub from: NodeRef,
    pub to: NodeRef,
    pub paths: Vec<PathItem>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PathItem {
    pub hops: Vec<Hop>,
}

/// At most this many shortest paths are listed with `--all`.
const MAX_PATHS: usize = 50;

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
        options.via_articles || !is_provenance(self.graph.edges[edge].kind)
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
        (options.via_articles || kind != "Article")
            && (options.kinds.is_empty()
                || options.kinds.iter().any(|k| k.eq_ignore_ascii_case(kind)))
    }

    /// Shortest paths (by hops, in either edge direction) from `a` to `b`.
    pub fn path(&self, a: &str, b: &str, options: &PathOptions) -> PathAnswer {
        let answer = |paths| PathAnswer {
            from: NodeRef::new(self.graph, a),
            to: NodeRef::new(self.graph, b),
            paths,
        };
        let (Some(&s), Some(&t)) = (self.index.index.get(a), self.index.index.get(b)) else {
            return answer(Vec::new());
        };
        let max_hops = if options.max_hops == 0 {
            usize::MAX
        } else {
            options.max_hops
        };
        // BFS recording every predecessor on a shortest path
        let mut dist: HashMap<NodeIndex, usize> = HashMap::from([(s, 0)]);
        let mut preds: HashMap<NodeIndex, Vec<NodeIndex>> = HashMap::new();
        let mut queue = VecDeque::from([s]);
        while let Some(v) = queue.pop_front() {
            let d = dist[&v];
            if v == t || d >= max_hops || dist.get(&t).is_some_and(|&dt| d >= dt) {
                continue;
            }
            let mut next: Vec<NodeIndex> = self
                .index
                .incident(v)
                .filter(|(_, e, _)| self.edge_allowed(*e, options))
                .map(|(w, _, _)| w)
                .filter(|&w| self.node_allowed(w, options, (s, t)))
                .collect();
            next.sort();
            next.dedup();
            for w in next {
                match dist.get(&w) {
                    None => {
                        dist.insert(w, d + 1);
                        preds.entry(w).or_default().push(v);
                        queue.push_back(w);
                    }
                    Some(&dw) if dw == d + 1 => preds.entry(w).or_default().push(v),
                    _ => {}
                }
            }
        }
        if !dist.contains_key(&t) || s == t {
            return answer(Vec::new());
        }
        // enumerate node sequences back from t, in a stable order
        let mut sequences: Vec<Vec<NodeIndex>> = Vec::new();
        let mut stack: Vec<Vec<NodeIndex>> = vec![vec![t]];
        while let Some(partial) = stack.pop() {
            let head = *partial.last().unwrap_or(&t);
            if head == s {
                let mut seq = partial.clone();
                seq.reverse();
                sequences.push(seq);
                if !options.all || sequences.len() >= MAX_PATHS {
                    break;
                }
                continue;
            }
            let mut ps = preds.get(&head).cloned().unwrap_or_default();
            ps.sort_by(|x, y| self.index.id(*y).cmp(self.index.id(*x)));
            for p in ps {
                let mut next = partial.clone();
                next.push(p);
                stack.push(next);
            }
        }
        let paths = sequences
            .into_iter()
            .map(|seq| PathItem {
                hops: seq
                    .windows(2)
                    .map(|w| self.hop(w[0], w[1], options))
                    .collect(),
            })
            .collect();
        answer(paths)
    }

    /// The best-supported edge between two adjacent nodes, as a hop.
    fn hop(&self, from: NodeIndex, to: NodeIndex, options: &PathOptions) -> Hop {
        let mut edges: Vec<(usize, bool)> = self
            .index
            .incident(from)
            .filter(|(w, e, _)| *w == to && self.edge_allowed(*e, options))
            .map(|(_, e, out)| (e, out))
            .collect();
        let confidence = |e: usize| {
            self.graph.edges[e]
                .attrs
                .get("confidence")
                .and_then(AttrValue::as_f64)
                .unwrap_or(0.0)
        };
        // facts before provenance, then the most confident, then the first in order
        edges.sort_by(|a, b| {
            let pa = is_provenance(self.graph.edges[a.0].kind);
            let pb = is_provenance(self.graph.edges[b.0].kind);
            pa.cmp(&pb)
                .then(confidence(b.0).total_cmp(&confidence(a.0)))
                .then(a.0.cmp(&b.0))
        });
        let (best, forward) = edges[0];
        let e = &self.graph.edges[best];
        let same = edges
            .iter()
            .filter(|(x, _)| self.graph.edges[*x].kind == e.kind)
            .count();
        Hop {
            from: NodeRef::new(self.graph, self.index.id(from)),
            to: NodeRef::new(self.graph, self.index.id(to)),
            relation: e.kind.to_string(),
            forward,
            role: e
                .attrs
                .get("role")
                .and_then(AttrValue::as_str)
                .map(str::to_string),
            sources: same,
            citation: self.citation(best),
        }
    }

    /// Nodes within `depth` hops over facts (articles only with `via_articles`).
    pub fn neighbors(
        &self,
        id: &str,
        depth: usize,
        kinds: &[String],
        via_articles: bool,
    ) -> Vec<Neighbor> {
        let Some(&start) = self.index.index.get(id) else {
            return Vec::new();
        };
        let options = PathOptions {
            via_articles,
            ..Default::default()
        };
        let mut dist: HashMap<NodeIndex, usize> = HashMap::from([(start, 0)]);
        let mut queue = VecDeque::from([start]);
        let mut out: Vec<Neighbor> = Vec::new();
        while let Some(v) = queue.pop_front() {
            let d = dist[&v];
            if d >= depth.max(1) {
                continue;
            }
            let mut next: Vec<(NodeIndex, usize)> = self
                .index
                .incident(v)
                .filter(|(_, e, _)| self.edge_allowed(*e, &options))
                .filter(|(w, _, _)| via_articles || self.index.kind(*w) != "Article")
                .map(|(w, e, _)| (w, e))
                .collect();
            next.sort_by_key(|(w, e)| (self.index.id(*w), *e));
            for (w, e) in next {
                if dist.contains_key(&w) {
                    continue;
                }
                dist.insert(w, d + 1);
                queue.push_back(w);
                let node = NodeRef::new(self.graph, self.index.id(w));
                if kinds.is_empty() || kinds.iter().any(|k| k.eq_ignore_ascii_case(&node.kind)) {
                    out.push(Neighbor {
                        node,
                        distance: d + 1,
                        via: NodeRef::new(self.graph, self.index.id(v)),
                        relation: self.graph.edges[e].kind.to_string(),
                    });
                }
            }
        }
        out
    }

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
                    (kind, _) if !is_provenance(kind) => {
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

    /// Counts by node and edge kind.
    pub fn stats(&self) -> Stats {
        let mut nodes: BTreeMap<String, usize> = BTreeMap::new();
        let mut edges: BTreeMap<String, usize> = BTreeMap::new();
        let mut discovered = 0;
        for n in self.graph.nodes.values() {
            *nodes.entry(n.kind.to_string()).or_default() += 1;
            if n.attrs.get("discovered").and_then(AttrValue::as_bool) == Some(true) {
                discovered += 1;
            }
        }
        for e in &self.graph.edges {
            *edges.entry(e.kind.to_string()).or_default() += 1;
        }
        Stats {
            nodes_total: self.graph.nodes.len(),
            edges_total: self.graph.edges.len(),
            nodes,
            edges,
            discovered,
        }
    }

    /// The most central entities of the fact graph.
    pub fn top(&self, by: Measure, kinds: &[String], limit: usize) -> Vec<Ranked> {
        let (nodes, adj) = self.index.fact_adjacency();
        let scores = match by {
            Measure::Degree => centrality::degree(&adj),
            Measure::Betweenness => centrality::betweenness(&adj),
            Measure::Pagerank => centrality::pagerank(&adj),
        };
        let mut ranked: Vec<Ranked> = nodes
            .iter()
            .zip(scores)
            .map(|(n, score)| Ranked {
                node: NodeRef::new(self.graph, self.index.id(*n)),
                score,
            })
            .filter(|r| {
                kinds.is_empty() || kinds.iter().any(|k| k.eq_ignore_ascii_case(&r.node.kind))
            })
            .collect();
        ranked.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.node.id.cmp(&b.node.id)));
        ranked.truncate(limit);
        ranked
    }

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

#[derive(Debug, Clone, Serialize)]
pub struct Neighbor {
    pub node: NodeRef,
    pub distance: usize,
    pub via: NodeRef,
    pub relation: String,
}

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

#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub nodes_total: usize,
    pub edges_total: usize,
    pub nodes: BTreeMap<String, usize>,
    pub edges: BTreeMap<String, usize>,
    pub discovered: usize,
}

/// Ranking measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Measure {
    Degree,
    Betweenness,
    Pagerank,
}

#[derive(Debug, Clone, Serialize)]
pub struct Ranked {
    pub node: NodeRef,
    pub score: f64,
}

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
