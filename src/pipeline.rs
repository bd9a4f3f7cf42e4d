//! The build: inputs → articles (in parallel) → facts → graph, streaming.
//!
//! Articles are read, analysed and dropped in chunks; only their facts reach the graph
//! builder, which consumes them in input order so the result never depends on scheduling.

use std::collections::HashMap;
use std::path::PathBuf;

use encoding_rs::Encoding;
use rayon::prelude::*;

use crate::extract::{ArticleFacts, Extractor};
use crate::graph::builder::GraphBuilder;
use crate::graph::KnowledgeGraph;
use crate::input::{self, Article, InputError, Skipped, Source};

/// How many articles are in flight at once: enough for both cores, small for memory.
const CHUNK: usize = 256;

/// Progress after each chunk: articles done, input bytes done.
pub type Progress<'a> = dyn FnMut(usize, u64) + 'a;

/// The result of a build.
#[derive(Debug, Clone)]
pub struct BuildOutcome {
    pub graph: KnowledgeGraph,
    pub articles: usize,
    pub skipped: Vec<Skipped>,
    pub bytes: u64,
}

/// Builds the graph from the given paths.
pub fn build(
    extractor: &Extractor,
    paths: &[PathBuf],
    encoding: Option<&'static Encoding>,
    progress: &mut Progress<'_>,
) -> Result<BuildOutcome, InputError> {
    let (sources, metadata) = input::collect(paths)?;
    let mut state = Merge {
        builder: GraphBuilder::new(&extractor.gazetteer),
        skipped: Vec::new(),
        articles: 0,
        bytes: 0,
        seen_ids: HashMap::new(),
    };
    let mut texts: Vec<PathBuf> = Vec::new();
    for source in sources {
        match source {
            Source::Text(path) => {
                texts.push(path);
                if texts.len() >= CHUNK {
                    state.text_chunk(extractor, std::mem::take(&mut texts), encoding, &metadata);
                    progress(state.articles, state.bytes);
                }
            }
            Source::Jsonl(path) => {
                state.text_chunk(extractor, std::mem::take(&mut texts), encoding, &metadata);
                for batch in input::jsonl_batches(&path, CHUNK)? {
                    let results: Vec<Result<(ArticleFacts, u64), Skipped>> = batch
                        .into_par_iter()
                        .map(|(line, content)| {
                            let content = content.map_err(|reason| Skipped {
                                path: format!("{}:{line}", path.display()),
                                reason,
                            })?;
                            let article = input::parse_jsonl_line(&path, line, &content)?;
                            Ok((extractor.analyze(&article), content.len() as u64))
                        })
                        .collect();
                    state.merge(results);
                    progress(state.articles, state.bytes);
                }
            }
        }
    }
    state.text_chunk(extractor, texts, encoding, &metadata);
    progress(state.articles, state.bytes);
    Ok(BuildOutcome {
        graph: state.builder.finish(),
        articles: state.articles,
        skipped: state.skipped,
        bytes: state.bytes,
    })
}

struct Merge<'a> {
    builder: GraphBuilder<'a>,
    skipped: Vec<Skipped>,
    articles: usize,
    bytes: u64,
    /// Article ids already used, to keep two files with one stem apart.
    seen_ids: HashMap<String, usize>,
}

impl Merge<'_> {
    fn text_chunk(
        &mut self,
        extractor: &Extractor,
        paths: Vec<PathBuf>,
        encoding: Option<&'static Encoding>,
        metadata: &input::Metadata,
    ) {
        if paths.is_empty() {
            return;
        }
        let results: Vec<Result<(ArticleFacts, u64), Skipped>> = paths
            .par_iter()
            .map(|path| {
                let article: Article = input::read_text_file(path, encoding, metadata)?;
                let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
                Ok((extractor.analyze(&article), bytes))
            })
            .collect();
        self.merge(results);
    }

    fn merge(&mut self, results: Vec<Result<(ArticleFacts, u64), Skipped>>) {
        for result in results {
            match result {
                Ok((mut facts, bytes)) => {
                    self.bytes += bytes;
                    self.articles += 1;
                    let count = self.seen_ids.entry(facts.article.id.clone()).or_insert(0);
                    *count += 1;
                    if *count > 1 {
                        let new_id = format!("{}-{}", facts.article.id, count);
                        facts.rename_article(&new_id);
                    }
                    self.builder.add(&facts);
                }
                Err(skipped) => self.skipped.push(skipped),
            }
        }
    }
}
