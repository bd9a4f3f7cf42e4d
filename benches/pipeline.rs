//! Pipeline benchmark, stage by stage, in MB of article text per second on one core:
//! decode, normalise + segment + boilerplate, mentions, full analysis (relations, events),
//! graph building, and each exporter. Run: `cargo bench --bench pipeline` (MB=… for size).

use std::time::Instant;

use shabaka::export::{csv, dot, gexf, graphml, json, neo4j};
use shabaka::extract::{ExtractOptions, Extractor};
use shabaka::graph::builder::GraphBuilder;
use shabaka::input::Article;
use shabaka::text::decode::decode;

fn main() {
    let target_mb: f64 = std::env::var("MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20.0);
    let mut seeds = Vec::new();
    for entry in std::fs::read_dir("data/articles").expect("run from the project root") {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            seeds.push(std::fs::read(&path).unwrap());
        }
    }
    seeds.sort();
    let mut inputs: Vec<Vec<u8>> = Vec::new();
    let mut bytes = 0usize;
    while (bytes as f64) < target_mb * 1e6 {
        let s = seeds[inputs.len() % seeds.len()].clone();
        bytes += s.len();
        inputs.push(s);
    }
    let mb = bytes as f64 / 1e6;
    println!("{} articles, {mb:.1} MB, one core", inputs.len());
    let rate = |label: &str, start: Instant| {
        let s = start.elapsed().as_secs_f64();
        println!("{label:<40} {:>8.1} MB/s  ({s:.2} s)", mb / s);
    };
    let start = Instant::now();
    let texts: Vec<String> = inputs
        .iter()
        .map(|b| decode(b, None).unwrap().text)
        .collect();
    rate("decode (UTF-8 detection)", start);
    let extractor = Extractor::load(&[] as &[&str], None, ExtractOptions::default()).unwrap();
    let start = Instant::now();
    let docs: Vec<_> = texts.iter().map(|t| extractor.document(t)).collect();
    rate("normalise + boilerplate + segment", start);
    let start = Instant::now();
    for d in &docs {
        std::hint::black_box(
            extractor
                .finder
                .find(d, &extractor.gazetteer, &extractor.lexicon),
        );
    }
    rate("mentions (gazetteer + discovery)", start);
    drop(docs);
    let articles: Vec<Article> = texts
        .into_iter()
        .enumerate()
        .map(|(i, text)| Article {
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
        })
        .collect();
    let start = Instant::now();
    let facts: Vec<_> = articles.iter().map(|a| extractor.analyze(a)).collect();
    rate("full analysis (all of the above + facts)", start);
    let start = Instant::now();
    let mut builder = GraphBuilder::new(&extractor.gazetteer);
    for f in &facts {
        builder.add(f);
    }
    let graph = builder.finish();
    rate("graph build", start);
    println!(
        "graph: {} nodes, {} edges",
        graph.nodes.len(),
        graph.edges.len()
    );
    let start = Instant::now();
    std::hint::black_box(json::to_json(&graph));
    rate("export json", start);
    let start = Instant::now();
    std::hint::black_box(graphml::to_graphml(&graph));
    rate("export graphml", start);
    let start = Instant::now();
    std::hint::black_box(gexf::to_gexf(&graph));
    rate("export gexf", start);
    let start = Instant::now();
    std::hint::black_box(dot::to_dot(&graph, &dot::DotOptions::default()));
    rate("export dot", start);
    let start = Instant::now();
    std::hint::black_box(csv::to_gephi_csv(&graph));
    rate("export gephi csv", start);
    let start = Instant::now();
    std::hint::black_box(neo4j::to_neo4j(&graph));
    rate("export neo4j", start);
}
