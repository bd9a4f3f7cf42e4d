//! What the rules' unit tests share: the built-in extractor, loaded once, and the
//! mentions it finds in a sentence.

use std::sync::OnceLock;

use crate::extract::{ExtractOptions, Extractor};

/// The extractor with the built-in gazetteer and lexicon.
pub(super) fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| {
        Extractor::load(&[] as &[&str], None, ExtractOptions::default())
            .expect("the built-in data load")
    })
}

/// The mentions in `text`, as (surface, rule), in text order.
pub(super) fn mentions(text: &str) -> Vec<(String, String)> {
    let ex = extractor();
    let doc = ex.document(text);
    ex.finder
        .find(&doc, &ex.gazetteer, &ex.lexicon)
        .mentions
        .into_iter()
        .map(|m| (m.surface, m.rule))
        .collect()
}
