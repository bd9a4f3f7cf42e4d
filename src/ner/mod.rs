//! The learned tagger: a linear-chain model that reads every token of a document, with what
//! the rules and the gazetteer claimed of it as features, and labels it B/I-PERS, -LOC,
//! -ORG or O.
//!
//! The rules stay the first word: they find names with provenance, and their claims are the
//! model's strongest features. The model decides the boundaries and kinds where the rules
//! are silent or wrong (`extract::mentions::learned_names` reconciles the two), and the
//! mentions it adds carry its own rule id.
//!
//! Plain data in and out: `features` turns a `TokenInfo` sequence into numbered features,
//! `model` scores and decodes them, `train` learns a model from labelled sequences, `score`
//! counts exact spans the way conlleval does.

pub mod features;
pub mod labels;
pub mod model;
pub mod score;
pub mod train;

pub use features::{FeatureMask, TokenInfo};
pub use labels::Label;
pub use model::{ModelError, NerModel};

/// The model shipped in `data/models/ner.model`, built into the binary like the gazetteer.
pub const BUILTIN_MODEL: &[u8] = include_bytes!("../../data/models/ner.model");

/// Reads the built-in model.
pub fn builtin_model() -> Result<NerModel, ModelError> {
    NerModel::from_bytes(BUILTIN_MODEL)
}
