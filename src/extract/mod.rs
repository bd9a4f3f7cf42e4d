//! Extraction: gazetteer and lexicon data, mentions, discovery, resolution, relations.

pub mod gazetteer;
pub mod lexicon;
pub mod matcher;
