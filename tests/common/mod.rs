//! What the integration tests share: the binary, the built-in extractor (loaded once per
//! test binary), articles made from sentences written for the tests, and graphs built
//! from them. Each test file takes what it needs (`mod common;`), so some helpers go
//! unused in some binaries.
#![allow(dead_code)]

use std::path::Path;
use std::sync::OnceLock;

use shabaka::extract::{ExtractOptions, Extractor};
use shabaka::graph::builder::GraphBuilder;
use shabaka::graph::KnowledgeGraph;
use shabaka::input::Article;

/// The `shabaka` binary of this build.
pub fn shabaka() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("shabaka").unwrap()
}

/// The extractor with the built-in gazetteer and lexicon.
pub fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| {
        Extractor::load(&[] as &[&str], None, ExtractOptions::default())
            .expect("the built-in data load")
    })
}

/// An article `article:<id>` with `text`, published on `published` if given.
pub fn article(id: &str, text: &str, published: Option<&str>) -> Article {
    Article {
        id: format!("article:{id}"),
        stem: id.into(),
        path: format!("{id}.txt"),
        title: None,
        source: None,
        url: None,
        published: published.map(str::to_string),
        text: text.into(),
        sha256: String::new(),
        encoding: "UTF-8".into(),
        notes: Vec::new(),
    }
}

/// The graph of these articles, analysed by the built-in extractor, merged in order.
pub fn graph_of(articles: &[Article]) -> KnowledgeGraph {
    let ex = extractor();
    let mut builder = GraphBuilder::new();
    for a in articles {
        builder.add(&ex.analyze(a));
    }
    builder.finish()
}

/// The graph.json a build wrote into `out`, as JSON.
pub fn graph_json(out: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(out.join("graph.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// A property test's case count: `default`, or `PROPTEST_CASES` for a longer local run.
#[allow(dead_code)]
pub fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
