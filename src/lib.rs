//! shabaka: Arabic news articles in, a knowledge graph with provenance out.
//!
//! Each stage is a module with plain data in and out: `input` reads and decodes articles,
//! `text` prepares Arabic text, `extract` finds entities and facts, `graph` builds and
//! queries the graph, `export` writes it for other tools.

pub mod conll;
pub mod data;
pub mod export;
pub mod extract;
pub mod graph;
pub mod input;
pub mod ner;
pub mod pipeline;
pub mod query;
pub mod text;
pub mod vocab;
