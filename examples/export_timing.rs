//! Times each exporter on the graph of a folder: builds the graph once, then writes every
//! format three times and prints the fastest run of each, in seconds and MB/s of output.
//! `cargo run --release --example export_timing -- /tmp/corpus10 /tmp/export-timing`
//! (a single thread writes, so the time is the exporter's CPU cost plus its writes).

use std::time::Instant;

/// The allocator of the `shabaka` binary, so that memory layout is the same.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use shabaka::export::{self, dot::DotOptions, Format};
use shabaka::extract::{ExtractOptions, Extractor};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(input), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!("usage: export_timing INPUT_FOLDER OUT_FOLDER [FORMAT...]");
        std::process::exit(2);
    };
    let extractor = Extractor::load(&[] as &[&str], None, ExtractOptions::default())
        .unwrap_or_else(|e| panic!("cannot load the gazetteer or lexicon: {e}"));
    let outcome = shabaka::pipeline::build(
        &extractor,
        &[input.into()],
        &Default::default(),
        &mut |_, _, _| {},
    )
    .unwrap_or_else(|e| panic!("cannot build the graph: {e}"));
    let graph = outcome.graph;
    eprintln!("{} nodes, {} edges", graph.nodes.len(), graph.edges.len());
    let formats: Vec<Format> = if args.len() > 2 {
        args[2..]
            .iter()
            .flat_map(|f| Format::parse_list(f).unwrap_or_else(|e| panic!("{e}")))
            .collect()
    } else {
        Format::ALL.to_vec()
    };
    let out = std::path::Path::new(out);
    for format in formats {
        let mut best = f64::INFINITY;
        let mut bytes = 0u64;
        for _ in 0..3 {
            let started = Instant::now();
            let written = export::write_formats(&graph, out, &[format], &DotOptions::default())
                .unwrap_or_else(|e| panic!("cannot write {format:?}: {e}"));
            best = best.min(started.elapsed().as_secs_f64());
            bytes = written
                .iter()
                .map(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0))
                .sum();
        }
        println!(
            "{format:?}: {best:.3} s, {:.0} MB, {:.0} MB/s",
            bytes as f64 / 1e6,
            bytes as f64 / 1e6 / best
        );
    }
}
