//! Attribute schemas shared by the typed exporters (GraphML, GEXF, Neo4j CSV).
//!
//! Every attribute gets one type across the graph (int, double, boolean, string, list),
//! decided from the values present; lists are written as strings in formats without
//! lists, joined with `|` (the documented form).

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::graph::attrs::{intern, Name};
use crate::graph::{AttrValue, Attrs, KnowledgeGraph};
use crate::vocab::NodeKind;

/// The type of an attribute across all nodes (or edges).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum AttrType {
    Boolean,
    Int,
    Double,
    String,
    List,
}

/// Separator of list items in formats that have no lists.
pub const LIST_SEPARATOR: &str = "|";

fn type_of(v: &AttrValue) -> Option<AttrType> {
    Some(match v {
        AttrValue::Bool(_) => AttrType::Boolean,
        AttrValue::Int(_) => AttrType::Int,
        AttrValue::Float(_) => AttrType::Double,
        AttrValue::Str(_) => AttrType::String,
        AttrValue::List(_) => AttrType::List,
        AttrValue::Null => return None,
    })
}

/// Merges two observed types: int and double make double; anything else mixed is string.
fn unify(a: AttrType, b: AttrType) -> AttrType {
    use AttrType::*;
    match (a, b) {
        (x, y) if x == y => x,
        (Int, Double) | (Double, Int) => Double,
        _ => String,
    }
}

/// Attribute name → type, sorted by name, over the given attribute maps. Names are
/// interned, so the few distinct ones are found by pointer while scanning a million maps.
pub fn schema<'a>(maps: impl Iterator<Item = &'a Attrs>) -> BTreeMap<Name, AttrType> {
    let mut seen: Vec<(Name, AttrType)> = Vec::new();
    for m in maps {
        for (k, v) in m {
            let Some(t) = type_of(v) else { continue };
            match seen.iter_mut().find(|(name, _)| std::ptr::eq(*name, k)) {
                Some((_, e)) => *e = unify(*e, t),
                None => seen.push((k, t)),
            }
        }
    }
    let mut out: BTreeMap<Name, AttrType> = BTreeMap::new();
    for (k, t) in seen {
        match out.get_mut(k) {
            Some(e) => *e = unify(*e, t),
            None => {
                out.insert(k, t);
            }
        }
    }
    out
}

/// Node and edge schemas of a graph: computed once per build and shared by the exporters
/// (each computation is a pass over every edge).
pub type Schemas = (BTreeMap<Name, AttrType>, BTreeMap<Name, AttrType>);

/// Node and edge schemas of a graph (node `kind` and edge `kind` included).
pub fn schemas(graph: &KnowledgeGraph) -> Schemas {
    let mut nodes = schema(graph.nodes.values().map(|n| &n.attrs));
    nodes.insert(intern("kind"), AttrType::String);
    let mut edges = schema(crate::graph::prefetched(&graph.edges).map(|e| &e.attrs));
    edges.insert(intern("kind"), AttrType::String);
    (nodes, edges)
}

/// A value as text for its declared type (ASCII digits, lists joined); strings are
/// borrowed, not copied.
pub fn text(v: &AttrValue, t: AttrType) -> Cow<'_, str> {
    Cow::Owned(match (v, t) {
        (AttrValue::Str(s), _) => return Cow::Borrowed(s),
        (AttrValue::List(items), _) => items.join(LIST_SEPARATOR),
        (AttrValue::Int(i), AttrType::Double) => format!("{:.1}", *i as f64),
        (AttrValue::Float(f), _) if f.fract() == 0.0 && f.is_finite() => format!("{f:.1}"),
        (AttrValue::Float(f), _) => f.to_string(),
        (AttrValue::Int(i), _) => i.to_string(),
        (AttrValue::Bool(b), _) => b.to_string(),
        (AttrValue::Null, _) => String::new(),
    })
}

/// Appends a value as text for its declared type: what `text` returns, without the
/// allocation (exports write millions of numbers).
pub fn push_text(out: &mut String, v: &AttrValue, t: AttrType) {
    use std::fmt::Write;
    match (v, t) {
        (AttrValue::Str(s), _) => out.push_str(s),
        (AttrValue::List(items), _) => {
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(LIST_SEPARATOR);
                }
                out.push_str(item);
            }
        }
        (AttrValue::Int(i), AttrType::Double) => push_whole(out, *i as f64),
        (AttrValue::Float(f), _) if f.fract() == 0.0 && f.is_finite() => push_whole(out, *f),
        (AttrValue::Float(f), _) => {
            let _ = write!(out, "{f}");
        }
        (AttrValue::Int(i), _) => {
            let _ = write!(out, "{i}");
        }
        (AttrValue::Bool(b), _) => out.push_str(if *b { "true" } else { "false" }),
        (AttrValue::Null, _) => {}
    }
}

/// Appends a whole number as a double (`3.0`): every edge weight is one. Formatting with
/// a precision (`{:.1}`) takes the slow exact path of float printing; an integer and ".0"
/// is the same text for every whole number a double holds exactly.
fn push_whole(out: &mut String, f: f64) {
    use std::fmt::Write;
    const EXACT: f64 = (1u64 << 53) as f64;
    if f.abs() <= EXACT && !(f == 0.0 && f.is_sign_negative()) {
        let _ = write!(out, "{}.0", f as i64);
    } else {
        let _ = write!(out, "{f:.1}");
    }
}

/// Appends a value as XML text: `push_text`, escaped (only strings can need it).
pub fn push_xml_text(out: &mut String, v: &AttrValue, t: AttrType) {
    match v {
        AttrValue::Str(s) => super::xml::push_escaped(out, s),
        AttrValue::List(items) => {
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(LIST_SEPARATOR);
                }
                super::xml::push_escaped(out, item);
            }
        }
        v => push_text(out, v, t),
    }
}

/// Colour per node kind (Gephi viz and Graphviz), as RGB.
pub fn kind_colour(kind: NodeKind) -> (u8, u8, u8) {
    match kind {
        NodeKind::Article => (189, 189, 189),
        NodeKind::Person => (31, 119, 180),
        NodeKind::Organization => (255, 127, 14),
        NodeKind::Country => (44, 160, 44),
        NodeKind::Location => (148, 103, 189),
        NodeKind::Event => (214, 39, 40),
    }
}

/// An edge's weight: mention count for MENTIONED_IN/REPORTED_IN, else its confidence.
pub fn edge_weight(e: &crate::graph::Edge) -> f64 {
    e.attrs
        .get("count")
        .and_then(AttrValue::as_f64)
        .or_else(|| e.attrs.get("confidence").and_then(AttrValue::as_f64))
        .unwrap_or(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_print_as_with_a_precision() {
        for f in [
            0.0,
            -0.0,
            1.0,
            3.0,
            -7.0,
            1e15,
            9007199254740992.0,
            1e300,
            -1e20,
        ] {
            let mut out = String::new();
            push_whole(&mut out, f);
            assert_eq!(out, format!("{f:.1}"), "{f}");
        }
    }
}
