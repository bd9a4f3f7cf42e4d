//! Pipeline benchmarks (criterion), stage by stage, as MB of article text per second on one
//! core: decode; normalise + boilerplate + sentences + tokens; mention matching; relation
//! extraction (roles); event extraction; full analysis; graph building; each exporter; and
//! the whole build through `pipeline::build` (files read from disk, both cores).
//!
//! Run: `cargo bench --bench pipeline` (`MB=…` sets the input size, default 2 MB of the
//! sample articles repeated; criterion's own options follow `--`, e.g. `-- export`).

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use shabaka::export::{csv, dot, gexf, graphml, json, neo4j};
use shabaka::extract::dates;
use shabaka::extract::relations::{find_roles, RoleContext};
use shabaka::extract::{ArticleFacts, ExtractOptions, Extractor};
use shabaka::graph::builder::GraphBuilder;
use shabaka::graph::KnowledgeGraph;
use shabaka::input::Article;
use shabaka::text::decode::decode;

/// The allocator of the `shabaka` binary, so that stages are measured as the tool runs them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The sample articles repeated to about `MB` megabytes, as raw files, each copy numbered.
fn inputs() -> Vec<Vec<u8>> {
    let target_mb: f64 = std::env::var("MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2.0);
    let mut seeds = Vec::new();
    for entry in std::fs::read_dir("data/articles").expect("run from the project root") {
        let path = entry.expect("readable folder").path();
        if path.extension().is_some_and(|e| e == "txt") {
            seeds.push(std::fs::read(&path).expect("readable article"));
        }
    }
    seeds.sort();
    let mut out: Vec<Vec<u8>> = Vec::new();
    let mut bytes = 0usize;
    while (bytes as f64) < target_mb * 1e6 {
        let mut s = seeds[out.len() % seeds.len()].clone();
        // each copy differs by a line of digits, or the build reads it once (a duplicate)
        s.extend_from_slice(format!("\n{}\n", out.len()).as_bytes());
        bytes += s.len();
        out.push(s);
    }
    out
}

fn article(i: usize, text: String) -> Article {
    Article {
        id: format!("article:a{i}"),
        stem: format!("a{i}"),
        path: String::new(),
        title: None,
        source: None,
        url: None,
        published: None,
        sha256: String::new(),
        encoding: "UTF-8".into(),
        text,
        notes: Vec::new(),
    }
}

fn graph_of(facts: &[ArticleFacts]) -> KnowledgeGraph {
    let mut builder = GraphBuilder::new();
    for f in facts {
        builder.add(f);
    }
    builder.finish()
}

fn stages(c: &mut Criterion) {
    let raw = inputs();
    let bytes: u64 = raw.iter().map(|r| r.len() as u64).sum();
    let extractor = Extractor::load(&[] as &[&str], None, ExtractOptions::default())
        .expect("the shipped data loads");
    let texts: Vec<String> = raw
        .iter()
        .map(|b| decode(b, None).expect("UTF-8 samples").text)
        .collect();
    let docs: Vec<_> = texts.iter().map(|t| extractor.document(t)).collect();
    // the same with the built-in tagger, as `build` runs by default
    let mut tagging = extractor.clone();
    tagging.finder.set_model(Some(std::sync::Arc::new(
        shabaka::ner::builtin_model().expect("the built-in model loads"),
    )));
    let found: Vec<_> = docs
        .iter()
        .map(|d| {
            extractor
                .finder
                .find(d, &extractor.gazetteer, &extractor.lexicon)
        })
        .collect();
    let articles: Vec<Article> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| article(i, t.clone()))
        .collect();
    let facts: Vec<ArticleFacts> = articles.iter().map(|a| extractor.analyze(a)).collect();
    let graph = graph_of(&facts);

    let mut text = c.benchmark_group("text");
    text.throughput(Throughput::Bytes(bytes));
    text.bench_function("decode", |b| {
        b.iter(|| {
            for r in &raw {
                black_box(decode(r, None).ok());
            }
        })
    });
    text.bench_function("normalise+boilerplate+segment", |b| {
        b.iter(|| {
            for t in &texts {
                black_box(extractor.document(t));
            }
        })
    });
    text.finish();

    let mut extract = c.benchmark_group("extract");
    extract.throughput(Throughput::Bytes(bytes));
    extract.bench_function("mentions", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(
                    extractor
                        .finder
                        .find(d, &extractor.gazetteer, &extractor.lexicon),
                );
            }
        })
    });
    extract.bench_function("mentions + tagger", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(tagging.finder.find(d, &tagging.gazetteer, &tagging.lexicon));
            }
        })
    });
    let common = |w: &str| extractor.lexicon.is_common(w);
    let context = |doc, found| RoleContext {
        doc,
        found,
        gazetteer: &extractor.gazetteer,
        finder: &extractor.finder,
        common: &common,
        counterparts: &extractor.lexicon.counterparts,
        office_pronouns: &extractor.lexicon.office_pronouns,
        delegations: &extractor.lexicon.delegations,
        date: Some("2025-03-12"),
    };
    extract.bench_function("relations (roles)", |b| {
        b.iter(|| {
            for (d, f) in docs.iter().zip(&found) {
                black_box(find_roles(&context(d, f)));
            }
        })
    });
    extract.bench_function("events", |b| {
        let prepared: Vec<_> = docs
            .iter()
            .zip(&found)
            .map(|(d, f)| {
                (
                    find_roles(&context(d, f)),
                    dates::find(d, &extractor.months, &extractor.lexicon.date_words),
                )
            })
            .collect();
        b.iter(|| {
            for ((d, f), (roles, dates)) in docs.iter().zip(&found).zip(&prepared) {
                black_box(extractor.events.find(
                    d,
                    f,
                    roles,
                    dates,
                    Some("2025-03-12"),
                    &extractor.gazetteer,
                    &extractor.lexicon,
                    &extractor.finder.titles,
                ));
            }
        })
    });
    extract.bench_function("full analysis", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(extractor.analyze(a));
            }
        })
    });
    extract.bench_function("full analysis + tagger", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(tagging.analyze(a));
            }
        })
    });
    extract.finish();

    let mut build = c.benchmark_group("graph");
    build.throughput(Throughput::Bytes(bytes));
    build.bench_function("graph build", |b| b.iter(|| black_box(graph_of(&facts))));
    build.finish();

    let mut export = c.benchmark_group("export");
    export.throughput(Throughput::Bytes(bytes));
    export.bench_function("json", |b| b.iter(|| black_box(json::to_json(&graph))));
    export.bench_function("graphml", |b| {
        b.iter(|| black_box(graphml::to_graphml(&graph)))
    });
    export.bench_function("gexf", |b| b.iter(|| black_box(gexf::to_gexf(&graph))));
    export.bench_function("dot", |b| {
        b.iter(|| black_box(dot::to_dot(&graph, &dot::DotOptions::default())))
    });
    export.bench_function("gephi csv", |b| {
        b.iter(|| black_box(csv::to_gephi_csv(&graph)))
    });
    export.bench_function("neo4j", |b| b.iter(|| black_box(neo4j::to_neo4j(&graph))));
    export.finish();

    // the whole build from files on disk, all formats written, both cores
    let dir = tempfile::tempdir().expect("a temporary folder");
    let input = dir.path().join("articles");
    std::fs::create_dir_all(&input).expect("writable temporary folder");
    for (i, r) in raw.iter().enumerate() {
        std::fs::write(input.join(format!("a{i:05}.txt")), r).expect("writable");
    }
    let out = dir.path().join("out");
    let mut whole = c.benchmark_group("build");
    whole.throughput(Throughput::Bytes(bytes));
    whole.bench_function("folder, all formats", |b| {
        b.iter(|| {
            let outcome = shabaka::pipeline::build(
                &extractor,
                std::slice::from_ref(&input),
                &Default::default(),
                &mut |_, _, _| {},
            )
            .expect("the build runs");
            shabaka::export::write_formats(
                &outcome.graph,
                &out,
                &shabaka::export::Format::ALL,
                &dot::DotOptions::default(),
            )
            .expect("the exports are written");
        })
    });
    whole.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    targets = stages
}
criterion_main!(benches);
