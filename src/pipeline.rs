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

/// Progress after each chunk: articles done, input bytes done, input bytes in all.
pub type Progress<'a> = dyn FnMut(usize, u64, u64) + 'a;

/// The result of a build.
#[derive(Debug, Clone)]
pub struct BuildOutcome {
    pub graph: KnowledgeGraph,
    pub articles: usize,
    pub skipped: Vec<Skipped>,
    pub bytes: u64,
}

/// Analysed chunks waiting for the merger: enough to keep both cores busy, few enough
/// that memory stays flat.
const CHUNKS_IN_FLIGHT: usize = 2;

type ChunkResult = Vec<Result<(ArticleFacts, u64), Skipped>>;

/// Builds the graph from the given paths. A producer thread analyses chunks of articles in
/// parallel while this thread merges finished chunks into the graph, in input order.
pub fn build(
    extractor: &Extractor,
    paths: &[PathBuf],
    encoding: Option<&'static Encoding>,
    progress: &mut Progress<'_>,
) -> Result<BuildOutcome, InputError> {
    let (sources, metadata) = input::collect(paths)?;
    let total: u64 = sources
        .iter()
        .map(|s| match s {
            Source::Text(p) | Source::Jsonl(p) => {
                std::fs::metadata(p).map(|m| m.len()).unwrap_or(0)
            }
        })
        .sum();
    progress(0, 0, total);
    let mut state = Merge {
        builder: GraphBuilder::new(&extractor.gazetteer),
        skipped: Vec::new(),
        articles: 0,
        bytes: 0,
        seen_ids: HashMap::new(),
    };
    let (tx, rx) = std::sync::mpsc::sync_channel::<ChunkResult>(CHUNKS_IN_FLIGHT);
    let produced = std::thread::scope(|scope| {
        let producer = scope.spawn(move || produce(extractor, &sources, encoding, &metadata, &tx));
        for chunk in rx {
            state.merge(chunk);
            progress(state.articles, state.bytes, total);
        }
        producer.join().unwrap_or_else(|_| {
            Err(InputError::Unreadable {
                path: String::new(),
                message: "analysis thread failed".into(),
            })
        })
    });
    produced?;
    let mut graph = state.builder.finish();
    graph.set_name_variants(&extractor.lexicon.variants);
    Ok(BuildOutcome {
        graph,
        articles: state.articles,
        skipped: state.skipped,
        bytes: state.bytes,
    })
}

/// Reads and analyses the sources chunk by chunk, sending each chunk's results on.
fn produce(
    extractor: &Extractor,
    sources: &[Source],
    encoding: Option<&'static Encoding>,
    metadata: &input::Metadata,
    tx: &std::sync::mpsc::SyncSender<ChunkResult>,
) -> Result<(), InputError> {
    let text_chunk = |paths: &[PathBuf]| -> ChunkResult {
        paths
            .par_iter()
            .map(|path| {
                let article: Article = input::read_text_file(path, encoding, metadata)?;
                let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
                Ok((extractor.analyze(&article), bytes))
            })
            .collect()
    };
    let mut texts: Vec<PathBuf> = Vec::new();
    for source in sources {
        match source {
            Source::Text(path) => {
                texts.push(path.clone());
                if texts.len() >= CHUNK {
                    let _ = tx.send(text_chunk(&std::mem::take(&mut texts)));
                }
            }
            Source::Jsonl(path) => {
                if !texts.is_empty() {
                    let _ = tx.send(text_chunk(&std::mem::take(&mut texts)));
                }
                for batch in input::jsonl_batches(path, CHUNK)? {
                    let results: ChunkResult = batch
                        .into_par_iter()
                        .map(|(line, content)| {
                            let content = content.map_err(|reason| Skipped {
                                path: format!("{}:{line}", path.display()),
                                reason,
                            })?;
                            let article = input::parse_jsonl_line(path, line, &content)?;
                            Ok((extractor.analyze(&article), content.len() as u64))
                        })
                        .collect();
                    let _ = tx.send(results);
                }
            }
        }
    }
    if !texts.is_empty() {
        let _ = tx.send(text_chunk(&texts));
    }
    Ok(())
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
