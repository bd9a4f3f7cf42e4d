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
/// A chunk of articles read (or skipped), with their input bytes, before analysis.
type ChunkRead = Vec<Result<(Article, u64), Skipped>>;

/// Article ids, made unique in input order before analysis, so that every fact names its
/// article's final id: the second input with an id already taken (two files with one
/// stem in different folders, a repeated JSONL id) becomes `<id>-2`, the third `<id>-3`.
/// Skipped inputs take no id.
#[derive(Debug, Default)]
struct ArticleIds {
    seen: HashMap<String, usize>,
}

impl ArticleIds {
    fn assign(&mut self, article: &mut Article) {
        let count = self.seen.entry(article.id.clone()).or_insert(0);
        *count += 1;
        if *count > 1 {
            article.id = format!("{}-{}", article.id, count);
        }
    }
}

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
        builder: GraphBuilder::new().with_all_events(extractor.options.all_events),
        skipped: Vec::new(),
        articles: 0,
        bytes: 0,
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
    let mut ids = ArticleIds::default();
    // ids are assigned between reading (in parallel) and analysis (in parallel), in order
    let mut analyze = |mut read: ChunkRead| -> ChunkResult {
        for (article, _) in read.iter_mut().flatten() {
            ids.assign(article);
        }
        read.into_par_iter()
            .map(|r| r.map(|(article, bytes)| (extractor.analyze(&article), bytes)))
            .collect()
    };
    let read_texts = |paths: &[PathBuf]| -> ChunkRead {
        paths
            .par_iter()
            .map(|path| {
                let article: Article = input::read_text_file(path, encoding, metadata)?;
                let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
                Ok((article, bytes))
            })
            .collect()
    };
    let mut texts: Vec<PathBuf> = Vec::new();
    for source in sources {
        match source {
            Source::Text(path) => {
                texts.push(path.clone());
                if texts.len() >= CHUNK {
                    let _ = tx.send(analyze(read_texts(&std::mem::take(&mut texts))));
                }
            }
            Source::Jsonl(path) => {
                if !texts.is_empty() {
                    let _ = tx.send(analyze(read_texts(&std::mem::take(&mut texts))));
                }
                for batch in input::jsonl_batches(path, CHUNK)? {
                    let read: ChunkRead = batch
                        .into_par_iter()
                        .map(|(line, content)| {
                            let content = content.map_err(|reason| Skipped {
                                path: format!("{}:{line}", path.display()),
                                reason,
                            })?;
                            let article = input::parse_jsonl_line(path, line, &content)?;
                            Ok((article, content.len() as u64))
                        })
                        .collect();
                    let _ = tx.send(analyze(read));
                }
            }
        }
    }
    if !texts.is_empty() {
        let _ = tx.send(analyze(read_texts(&texts)));
    }
    Ok(())
}

struct Merge {
    builder: GraphBuilder,
    skipped: Vec<Skipped>,
    articles: usize,
    bytes: u64,
}

impl Merge {
    fn merge(&mut self, results: Vec<Result<(ArticleFacts, u64), Skipped>>) {
        for result in results {
            match result {
                Ok((facts, bytes)) => {
                    self.bytes += bytes;
                    self.articles += 1;
                    self.builder.add(&facts);
                }
                Err(skipped) => self.skipped.push(skipped),
            }
        }
    }
}
