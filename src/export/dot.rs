//! Graphviz DOT: synthetic ASCII node ids, all text in quoted labels (Arabic and English on
//! separate lines), an Arabic-capable font so cairo/pango shapes Arabic right to left,
//! shapes and colours by kind, edge labels by kind. `DotOptions` trims big graphs.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use super::attrs::kind_colour;
use super::xml::xml_allowed;
use crate::graph::{AttrValue, KnowledgeGraph};
use crate::vocab::NodeKind;

/// What to draw.
#[derive(Debug, Clone, Default)]
pub struct DotOptions {
    /// Keep only the N nodes of highest degree (0: all).
    pub max_nodes: usize,
    /// Keep only these node kinds (empty: all).
    pub kinds: Vec<String>,
    /// Draw MENTIONED_IN / REPORTED_IN edges and Article nodes too.
    pub with_articles: bool,
}

/// Graphviz rejects quoted strings over 16 KiB; a drawn line is kept far shorter.
const MAX_LINE_CHARS: usize = 60;

/// Cuts a label line to `MAX_LINE_CHARS` with an ellipsis.
fn short(s: &str) -> String {
    if s.chars().count() <= MAX_LINE_CHARS {
        s.to_string()
    } else {
        let cut: String = s.chars().take(MAX_LINE_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// A DOT string literal: escaped quotes and backslashes, no control characters, never
/// ending in a backslash.
fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s
        .chars()
        .filter(|c| xml_allowed(*c) && !c.is_control() || *c == '\n')
    {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn shape(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Person => "ellipse",
        NodeKind::Organization => "box",
        NodeKind::Country => "hexagon",
        NodeKind::Location => "house",
        NodeKind::Event => "diamond",
        NodeKind::Article => "note",
    }
}

/// Serialises the (filtered) graph as DOT.
pub fn to_dot(graph: &KnowledgeGraph, options: &DotOptions) -> String {
    let mut keep: Vec<&str> = graph
        .nodes
        .values()
        .filter(|n| options.with_articles || n.kind != NodeKind::Article)
        .filter(|n| {
            options.kinds.is_empty()
                || options
                    .kinds
                    .iter()
                    .any(|k| k.eq_ignore_ascii_case(n.kind.as_str()))
        })
        .map(|n| &*n.id)
        .collect();
    if options.max_nodes > 0 && keep.len() > options.max_nodes {
        let mut degree: HashMap<&str, usize> = HashMap::new();
        for e in &graph.edges {
            if options.with_articles || !e.kind.is_provenance() {
                *degree.entry(&e.source).or_default() += 1;
                *degree.entry(&e.target).or_default() += 1;
            }
        }
        keep.sort_by(|a, b| degree.get(b).cmp(&degree.get(a)).then(a.cmp(b)));
        keep.truncate(options.max_nodes);
        keep.sort_by_key(|id| graph.nodes.get_index_of(*id));
    }
    let kept: HashSet<&str> = keep.iter().copied().collect();
    let ids: HashMap<&str, String> = keep
        .iter()
        .enumerate()
        .map(|(i, id)| (*id, format!("n{i}")))
        .collect();
    let mut out = String::new();
    out.push_str("digraph shabaka {\n  charset=\"UTF-8\";\n  rankdir=LR;\n  overlap=false;\n");
    out.push_str("  node [fontname=\"Noto Naskh Arabic,Noto Sans Arabic,DejaVu Sans\", style=filled, fontsize=11];\n");
    out.push_str("  edge [fontname=\"DejaVu Sans\", fontsize=8, color=\"#666666\"];\n");
    for id in &keep {
        let n = &graph.nodes[*id];
        let label = n
            .attrs
            .get("label")
            .and_then(AttrValue::as_str)
            .unwrap_or(id);
        let en = n
            .attrs
            .get("label_en")
            .and_then(AttrValue::as_str)
            .filter(|s| !s.is_empty() && *s != label);
        let text = match en {
            Some(en) => format!("{}\n{}", short(label), short(en)),
            None => short(label),
        };
        let (r, g, b) = kind_colour(n.kind);
        let _ = writeln!(
            out,
            "  {} [label={}, shape={}, fillcolor=\"#{r:02x}{g:02x}{b:02x}40\", color=\"#{r:02x}{g:02x}{b:02x}\"];",
            ids[id],
            quote(&text),
            shape(n.kind)
        );
    }
    // one drawn edge per (source, target, kind, role), labelled with how many sources say so
    let mut drawn: indexmap::IndexMap<(&str, &str, String), usize> = indexmap::IndexMap::new();
    for e in &graph.edges {
        if !options.with_articles && e.kind.is_provenance() {
            continue;
        }
        if !(kept.contains(&*e.source) && kept.contains(&*e.target)) {
            continue;
        }
        let label = match e.attrs.get("role").and_then(AttrValue::as_str) {
            Some(role) => format!("{} ({role})", e.kind),
            None => e.kind.to_string(),
        };
        *drawn.entry((&*e.source, &*e.target, label)).or_insert(0) += 1;
    }
    for ((source, target, label), count) in drawn {
        let label = if count > 1 {
            format!("{label} ×{count}")
        } else {
            label
        };
        let _ = writeln!(
            out,
            "  {} -> {} [label={}];",
            ids[source],
            ids[target],
            quote(&label)
        );
    }
    out.push_str("}\n");
    out
}
