//! Query benchmark: load, index, `path` and `top` on a synthetic graph with one million
//! edges. Run: `cargo bench --bench query` (EDGES=… to change the size).

use std::time::{Duration, Instant};

use serde_json::{json, Map};
use shabaka::export::json::{from_json, to_json};
use shabaka::graph::{Attrs, Edge, KnowledgeGraph, Node};
use shabaka::query::{Measure, PathOptions, Queries};
use shabaka::vocab::EdgeKind;

/// A deterministic pseudo-random sequence (xorshift), so every run builds the same graph.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn synthetic(edges: usize) -> KnowledgeGraph {
    use shabaka::vocab::NodeKind;
    let kinds = [
        NodeKind::Person,
        NodeKind::Organization,
        NodeKind::Country,
        NodeKind::Location,
        NodeKind::Event,
        NodeKind::Article,
    ];
    let nodes = edges / 5;
    let mut g = KnowledgeGraph::default();
    for i in 0..nodes {
        let kind = kinds[i % kinds.len()];
        let mut attrs = Map::new();
        attrs.insert("label".into(), json!(format!("كيان {i}")));
        attrs.insert("label_en".into(), json!(format!("Entity {i}")));
        attrs.insert("aliases".into(), json!([format!("كيان {i}")]));
        let id = format!("{}:n{i}", kind.as_str().to_lowercase());
        g.nodes.insert(
            id.clone(),
            Node {
                id: id.into(),
                kind,
                attrs: Attrs::from_json(attrs),
            },
        );
    }
    let mut rng = Rng(0x9E3779B97F4A7C15);
    let rels = [
        EdgeKind::HoldsRole,
        EdgeKind::ParticipatedIn,
        EdgeKind::PartOf,
        EdgeKind::MentionedIn,
    ];
    for i in 0..edges {
        let s = (rng.next() % nodes as u64) as usize;
        let t = (rng.next() % nodes as u64) as usize;
        let mut attrs = Map::new();
        attrs.insert("article".into(), json!("article:n5"));
        attrs.insert("evidence".into(), json!("جملة الدليل"));
        attrs.insert("confidence".into(), json!(0.8));
        attrs.insert("start".into(), json!(i % 1000));
        attrs.insert("end".into(), json!(i % 1000 + 5));
        g.edges.push(Edge {
            source: g.nodes[s].id.clone(),
            target: g.nodes[t].id.clone(),
            kind: rels[i % rels.len()],
            attrs: Attrs::from_json(attrs),
        });
    }
    g
}

fn time<T>(label: &str, f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    let took = start.elapsed();
    println!("{label:<38} {:>10.1} ms", took.as_secs_f64() * 1000.0);
    (out, took)
}

fn main() {
    let edges: usize = std::env::var("EDGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    println!("synthetic graph: {} nodes, {edges} edges", edges / 5);
    let graph = synthetic(edges);
    let (text, _) = time("serialise graph.json", || to_json(&graph));
    println!(
        "{:<38} {:>10.1} MB",
        "graph.json size",
        text.len() as f64 / 1e6
    );
    let (loaded, _) = time("load graph.json (parse + model)", || {
        from_json(&text).expect("parses")
    });
    let (queries, _) = time("build petgraph index", || Queries::new(&loaded));
    let ids: Vec<&String> = loaded.nodes.keys().collect();
    let mut rng = Rng(42);
    let mut times = Vec::new();
    for _ in 0..20 {
        let a = ids[(rng.next() % ids.len() as u64) as usize];
        let b = ids[(rng.next() % ids.len() as u64) as usize];
        let start = Instant::now();
        let answer = queries.path(a, b, &PathOptions::default());
        times.push(start.elapsed());
        assert!(answer.paths.len() <= 1);
    }
    times.sort();
    println!(
        "{:<38} {:>10.1} ms (median of 20; max {:.1} ms)",
        "path (one shortest, facts only)",
        times[10].as_secs_f64() * 1000.0,
        times[19].as_secs_f64() * 1000.0
    );
    time("top --by degree", || queries.top(Measure::Degree, &[], 10));
    time("top --by pagerank", || {
        queries.top(Measure::Pagerank, &[], 10)
    });
    println!("(betweenness is O(V·E): on this graph it is a batch job, not an interactive query)");
}
