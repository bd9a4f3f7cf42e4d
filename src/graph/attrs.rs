//! Attributes of nodes and edges, stored small.
//!
//! A corpus graph has over a million edges with eight to ten attributes each. As a JSON map
//! (a 72-byte value per entry, a string allocation per key, a hash table per edge) that was
//! most of a build's memory. Here an attribute is a shared name and a 24-byte value; strings
//! are reference-counted, so an article id or a rule repeated on every edge is stored once.

use std::sync::{Arc, Mutex, OnceLock};

use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::Serialize;
use serde_json::Value;

/// An attribute name. Names are interned: the set of names is small and fixed by the
/// schema, so each is allocated once for the life of the process.
pub type Name = &'static str;

/// The interned copy of `name`. Every attribute set on a million edges asks, so each
/// thread first looks in its own copy of the set, without taking the shared lock.
pub fn intern(name: &str) -> Name {
    thread_local! {
        static KNOWN_HERE: std::cell::RefCell<rustc_hash::FxHashSet<Name>> = Default::default();
    }
    if let Some(known) = KNOWN_HERE.with(|known| known.borrow().get(name).copied()) {
        return known;
    }
    let shared = intern_shared(name);
    KNOWN_HERE.with(|known| known.borrow_mut().insert(shared));
    shared
}

/// `intern` through the set shared by all threads.
fn intern_shared(name: &str) -> Name {
    static NAMES: OnceLock<Mutex<rustc_hash::FxHashSet<Name>>> = OnceLock::new();
    let names = NAMES.get_or_init(Default::default);
    let mut names = names
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(&known) = names.get(name) {
        return known;
    }
    let leaked: Name = Box::leak(name.to_string().into_boxed_str());
    names.insert(leaked);
    leaked
}

/// An attribute value: the JSON scalars, and lists of strings (aliases).
#[derive(Debug, Clone, PartialEq)]
pub enum AttrValue {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Arc<str>),
    List(Arc<[Arc<str>]>),
}

impl AttrValue {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            AttrValue::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_u64(&self) -> Option<u64> {
        match self {
            AttrValue::Int(i) => u64::try_from(*i).ok(),
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match self {
            AttrValue::Int(i) => Some(*i),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            AttrValue::Int(i) => Some(*i as f64),
            AttrValue::Float(f) => Some(*f),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            AttrValue::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_list(&self) -> Option<&[Arc<str>]> {
        match self {
            AttrValue::List(items) => Some(items),
            _ => None,
        }
    }

    /// The value from JSON. Objects and lists of non-strings have no place in the model;
    /// they are kept as their JSON text rather than dropped.
    pub fn from_json(v: Value) -> AttrValue {
        match v {
            Value::Null => AttrValue::Null,
            Value::Bool(b) => AttrValue::Bool(b),
            Value::Number(n) => match n.as_i64() {
                Some(i) => AttrValue::Int(i),
                None => AttrValue::Float(n.as_f64().unwrap_or(0.0)),
            },
            Value::String(s) => AttrValue::Str(s.into()),
            Value::Array(items) if items.iter().all(Value::is_string) => AttrValue::List(
                items
                    .into_iter()
                    .map(|i| Arc::from(i.as_str().unwrap_or_default()))
                    .collect(),
            ),
            other => AttrValue::Str(other.to_string().into()),
        }
    }
}

/// Text for people: strings as they are, lists joined with commas, nothing for null.
impl std::fmt::Display for AttrValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AttrValue::Null => Ok(()),
            AttrValue::Bool(b) => write!(f, "{b}"),
            AttrValue::Int(i) => write!(f, "{i}"),
            AttrValue::Float(x) => write!(f, "{x}"),
            AttrValue::Str(s) => f.write_str(s),
            AttrValue::List(items) => f.write_str(&items.join(", ")),
        }
    }
}

impl From<&str> for AttrValue {
    fn from(s: &str) -> Self {
        AttrValue::Str(s.into())
    }
}

impl From<String> for AttrValue {
    fn from(s: String) -> Self {
        AttrValue::Str(s.into())
    }
}

impl From<&String> for AttrValue {
    fn from(s: &String) -> Self {
        AttrValue::Str(s.as_str().into())
    }
}

impl From<Arc<str>> for AttrValue {
    fn from(s: Arc<str>) -> Self {
        AttrValue::Str(s)
    }
}

impl From<bool> for AttrValue {
    fn from(b: bool) -> Self {
        AttrValue::Bool(b)
    }
}

impl From<f64> for AttrValue {
    fn from(f: f64) -> Self {
        AttrValue::Float(f)
    }
}

macro_rules! int_value {
    ($($t:ty),*) => {$(
        impl From<$t> for AttrValue {
            fn from(i: $t) -> Self {
                AttrValue::Int(i64::try_from(i).unwrap_or(i64::MAX))
            }
        }
    )*};
}
int_value!(u32, u64, usize, i64);

impl<S: AsRef<str>> From<Vec<S>> for AttrValue {
    fn from(items: Vec<S>) -> Self {
        AttrValue::List(items.iter().map(|s| Arc::from(s.as_ref())).collect())
    }
}

impl Serialize for AttrValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            AttrValue::Null => s.serialize_unit(),
            AttrValue::Bool(b) => s.serialize_bool(*b),
            AttrValue::Int(i) => s.serialize_i64(*i),
            AttrValue::Float(f) => s.serialize_f64(*f),
            AttrValue::Str(text) => s.serialize_str(text),
            AttrValue::List(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for i in items.iter() {
                    seq.serialize_element(&**i)?;
                }
                seq.end()
            }
        }
    }
}

/// A hint to the processor to start loading the cache line at `address`.
#[inline(always)]
fn prefetch(address: *const u8) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is only a hint: it never faults, whatever the address, and changes
    // nothing the program can observe. SSE is part of every x86_64 processor.
    unsafe {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        _mm_prefetch::<_MM_HINT_T0>(address.cast::<i8>());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = address;
}

/// A small ordered map of attributes: a handful of entries, found by a linear scan (faster
/// than hashing at this size, and it keeps insertion order for the exports).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Attrs(Vec<(Name, AttrValue)>);

impl Attrs {
    pub fn with_capacity(n: usize) -> Attrs {
        Attrs(Vec::with_capacity(n))
    }

    pub fn get(&self, name: &str) -> Option<&AttrValue> {
        // names are interned, so the same pointer usually settles it; otherwise length and
        // first byte rule out nearly every other name before the text is compared
        let same = |k: &str| {
            std::ptr::eq(k, name)
                || (k.len() == name.len()
                    && k.as_bytes().first() == name.as_bytes().first()
                    && k == name)
        };
        self.0.iter().find(|(k, _)| same(k)).map(|(_, v)| v)
    }

    /// `get` for a name known to be interned (taken from a schema or another map): found
    /// by pointer alone, which is all exporters need on a million edges.
    pub fn get_interned(&self, name: Name) -> Option<&AttrValue> {
        self.0
            .iter()
            .find(|(k, _)| std::ptr::eq(*k, name))
            .map(|(_, v)| v)
    }

    /// Sets `name`, replacing an earlier value of it.
    pub fn insert(&mut self, name: &str, value: impl Into<AttrValue>) {
        let value = value.into();
        match self.0.iter_mut().find(|(k, _)| *k == name) {
            Some(slot) => slot.1 = value,
            None => self.0.push((intern(name), value)),
        }
    }

    pub fn contains_key(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (Name, &AttrValue)> {
        self.0.iter().map(|(k, v)| (*k, v))
    }

    /// Frees the spare capacity left by building (this map lives as long as the graph).
    pub fn shrink_to_fit(&mut self) {
        self.0.shrink_to_fit();
    }

    /// Asks for this map's entries to be loaded into the cache (see `graph::prefetched`).
    #[inline]
    pub fn prefetch_entries(&self) {
        let bytes = std::mem::size_of_val(self.0.as_slice());
        let start = self.0.as_ptr().cast::<u8>();
        for offset in (0..bytes).step_by(64) {
            prefetch(start.wrapping_add(offset));
        }
    }

    /// Asks for the start of each string value to be loaded into the cache (the hardware
    /// follows on with the rest of a long string once it is read in order).
    #[inline]
    pub fn prefetch_strings(&self) {
        for (_, v) in &self.0 {
            if let AttrValue::Str(s) = v {
                prefetch(s.as_ptr());
            }
        }
    }

    /// The attributes from a JSON object.
    pub fn from_json(map: serde_json::Map<String, Value>) -> Attrs {
        let mut out = Attrs::with_capacity(map.len());
        for (k, v) in map {
            out.insert(&k, AttrValue::from_json(v));
        }
        out
    }
}

/// `attrs["name"]`, for code that knows the attribute is there; panics otherwise.
impl std::ops::Index<&str> for Attrs {
    type Output = AttrValue;
    fn index(&self, name: &str) -> &AttrValue {
        self.get(name)
            .unwrap_or_else(|| panic!("no attribute {name:?}"))
    }
}

impl PartialEq<str> for AttrValue {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == Some(other)
    }
}

impl PartialEq<&str> for AttrValue {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == Some(*other)
    }
}

impl<'a> IntoIterator for &'a Attrs {
    type Item = (Name, &'a AttrValue);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (Name, AttrValue)>,
        fn(&'a (Name, AttrValue)) -> (Name, &'a AttrValue),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (*k, v))
    }
}

impl Serialize for Attrs {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_round_trip_keeps_types_and_order() {
        let json = serde_json::json!({"b": 1, "a": "x", "c": [ "p", "q" ], "d": 0.5, "e": true, "f": {"g": 1}});
        let attrs = Attrs::from_json(json.as_object().unwrap().clone());
        let names: Vec<_> = attrs.iter().map(|(k, _)| k).collect();
        assert_eq!(names, ["b", "a", "c", "d", "e", "f"]);
        assert_eq!(attrs.get("b").and_then(AttrValue::as_u64), Some(1));
        assert_eq!(
            attrs.get("c").and_then(AttrValue::as_list).map(<[_]>::len),
            Some(2)
        );
        assert_eq!(
            attrs.get("f").and_then(AttrValue::as_str),
            Some("{\"g\":1}")
        );
        let back = serde_json::to_string(&attrs).unwrap();
        assert_eq!(
            back,
            r#"{"b":1,"a":"x","c":["p","q"],"d":0.5,"e":true,"f":"{\"g\":1}"}"#
        );
    }

    #[test]
    fn insert_replaces_and_names_are_shared() {
        let mut attrs = Attrs::default();
        attrs.insert("count", 1u32);
        attrs.insert("count", 2u32);
        assert_eq!(attrs.len(), 1);
        assert_eq!(attrs.get("count").and_then(AttrValue::as_u64), Some(2));
        assert!(std::ptr::eq(
            intern("count"),
            intern(&String::from("count"))
        ));
    }
}
