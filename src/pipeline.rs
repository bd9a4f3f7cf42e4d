//! The build: inputs → articles (in parallel) → facts → graph, streaming.
//!
//! Articles are read, analysed and dropped in chunks; only their facts reach the graph
//! builder, which consumes them in input order so the result never depends on scheduling.

use std::collections::HashMap;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::extract::{ArticleFacts, Extractor};
use crate::graph::builder::GraphBuilder;
use crate::graph::KnowledgeGraph;
use crate::input::{self, Article, InputError, InputWarning, ReadOptions, Skipped, Source};

/// How many articles are in flight at once: enough for both cores, small for memory.
const CHUNK: usize = 256;

/// Progress after each chunk: articles done, input bytes done, input bytes in all.
pub type Progress<'a> = dyn FnMut(usize, u64, u64) + 'a;

/// The result of a build.
#[derive(Debug, Clone)]
pub struct BuildOutcome {
    pub graph: KnowledgeGraph,
    pub articles: usize,
    /// Inputs not used, with the reason (unreadable, undecodable, not a regular file, ...).
    pub skipped: Vec<Skipped>,
    /// Inputs already read under another path or with the same text: counted once.
    pub duplicates: Vec<Skipped>,
    /// Articles built, with something the user must hear about them.
    pub warnings: Vec<InputWarning>,
    pub bytes: u64,
}

/// Analysed chunks waiting for the merger: enough to keep both cores busy, few enough
/// that memory stays flat.
const CHUNKS_IN_FLIGHT: usize = 2;

/// What became of one input, in input order.
enum Analysed {
    Built(Box<ArticleFacts>, u64),
    Skipped(Skipped),
    /// The same text as an earlier article (its path in the reason).
    Duplicate(Skipped),
}

type ChunkResult = Vec<Analysed>;
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
    options: &ReadOptions,
    progress: &mut Progress<'_>,
) -> Result<BuildOutcome, InputError> {
    let input::Collected {
        sources,
        metadata,
        skipped,
        duplicates,
    } = input::collect(paths, options)?;
    let total: u64 = sources
        .iter()
        .map(|s| match s {
            Source::Text(p) | Source::Jsonl(p) => {
                std::fs::metadata(p).map(|m| m.len()).unwrap_or(0)
            }
            Source::Stdin => 0,
        })
        .sum();
    progress(0, 0, total);
    let mut state = Merge {
        builder: GraphBuilder::new().with_all_events(extractor.options.all_events),
        skipped,
        duplicates,
        warnings: Vec::new(),
        articles: 0,
        bytes: 0,
    };
    let (tx, rx) = std::sync::mpsc::sync_channel::<ChunkResult>(CHUNKS_IN_FLIGHT);
    let produced = std::thread::scope(|scope| {
        let producer = scope.spawn(move || produce(extractor, &sources, options, &metadata, &tx));
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
        duplicates: state.duplicates,
        warnings: state.warnings,
        bytes: state.bytes,
    })
}

/// Reads and analyses the sources chunk by chunk, sending each chunk's results on.
fn produce(
    extractor: &Extractor,
    sources: &[Source],
    options: &ReadOptions,
    metadata: &input::Metadata,
    tx: &std::sync::mpsc::SyncSender<ChunkResult>,
) -> Result<(), InputError> {
    let mut ids = ArticleIds::default();
    // the first path each text was read from: the same text again is one source, not two
    let mut texts_seen: HashMap<String, String> = HashMap::new();
    // duplicates are found and ids assigned between reading (in parallel) and analysis
    // (in parallel), in input order
    let mut analyze = |read: ChunkRead| -> ChunkResult {
        let unique: Vec<Result<(Article, u64), Analysed>> = read
            .into_iter()
            .map(|r| {
                let (mut article, bytes) = r.map_err(Analysed::Skipped)?;
                if let Some(first) = texts_seen.get(&article.sha256) {
                    return Err(Analysed::Duplicate(Skipped {
                        path: article.path,
                        reason: format!("the same text as {first} (counted once)"),
                    }));
                }
                texts_seen.insert(article.sha256.clone(), article.path.clone());
                ids.assign(&mut article);
                Ok((article, bytes))
            })
            .collect();
        unique
            .into_par_iter()
            .map(|r| match r {
                Ok((article, bytes)) => {
                    Analysed::Built(Box::new(extractor.analyze(&article)), bytes)
                }
                Err(unused) => unused,
            })
            .collect()
    };
    let read_texts = |paths: &[PathBuf]| -> ChunkRead {
        paths
            .par_iter()
            .map(|path| {
                let article: Article = input::read_text_file(path, options, metadata)?;
                let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
                Ok((article, bytes))
            })
            .collect()
    };
    let read_jsonl = |path: &std::path::Path, batch: Vec<input::JsonlLine>| -> ChunkRead {
        batch
            .into_par_iter()
            .map(|(line, content)| {
                let content = content.map_err(|reason| Skipped {
                    path: format!("{}:{line}", path.display()),
                    reason,
                })?;
                let article = input::parse_jsonl_line(path, line, &content)?;
                Ok((article, content.len() as u64))
            })
            .collect()
    };
    let mut texts: Vec<PathBuf> = Vec::new();
    for source in sources {
        if !matches!(source, Source::Text(_)) && !texts.is_empty() {
            let _ = tx.send(analyze(read_texts(&std::mem::take(&mut texts))));
        }
        match source {
            Source::Text(path) => {
                texts.push(path.clone());
                if texts.len() >= CHUNK {
                    let _ = tx.send(analyze(read_texts(&std::mem::take(&mut texts))));
                }
            }
            Source::Jsonl(path) => {
                for batch in input::jsonl_batches(path, CHUNK, options.max_file_size)? {
                    let _ = tx.send(analyze(read_jsonl(path, batch)));
                }
            }
            Source::Stdin => {
                use std::io::BufRead;
                let mut reader = std::io::BufReader::new(std::io::stdin().lock());
                let unreadable = |e: std::io::Error| InputError::Unreadable {
                    path: input::STDIN.into(),
                    message: e.to_string(),
                };
                let head = reader.fill_buf().map_err(unreadable)?;
                if input::stdin_is_jsonl(options.stdin_format, head) {
                    let path = std::path::Path::new(input::STDIN);
                    for batch in input::jsonl_batches_from(reader, CHUNK, options.max_file_size) {
                        let _ = tx.send(analyze(read_jsonl(path, batch)));
                    }
                } else {
                    let read = match input::read_capped_from(reader, 0, options.max_file_size)
                        .map_err(unreadable)?
                    {
                        Some(bytes) => {
                            let len = bytes.len() as u64;
                            input::read_text_stdin(bytes, options).map(|a| (a, len))
                        }
                        None => Err(Skipped {
                            path: input::STDIN.into(),
                            reason: "larger than --max-file-size".into(),
                        }),
                    };
                    let _ = tx.send(analyze(vec![read]));
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
    duplicates: Vec<Skipped>,
    warnings: Vec<InputWarning>,
    articles: usize,
    bytes: u64,
}

impl Merge {
    fn merge(&mut self, results: ChunkResult) {
        for result in results {
            match result {
                Analysed::Built(facts, bytes) => {
                    self.bytes += bytes;
                    self.articles += 1;
                    self.builder.add(&facts);
                    self.warnings
                        .extend(facts.warnings.iter().map(|message| InputWarning {
                            path: facts.article.path.clone(),
                            message: message.clone(),
                        }));
                }
                Analysed::Skipped(skipped) => self.skipped.push(skipped),
                Analysed::Duplicate(duplicate) => self.duplicates.push(duplicate),
            }
        }
    }
}
