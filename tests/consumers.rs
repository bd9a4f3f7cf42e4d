//! Every export is loaded by the real tool that consumes it (networkx, igraph, Graphviz,
//! xmllint, Kùzu), through tests/consumers/check_exports.py. CI installs them
//! (scripts/setup.sh); a missing consumer fails the test rather than skipping it.

use std::path::Path;
use std::process::Command;

use proptest::prelude::*;

mod common;
use serde_json::{json, Map};
use shabaka::export::{dot::DotOptions, write_formats, Format};
use shabaka::graph::{Attrs, Edge, KnowledgeGraph, Node};
use shabaka::vocab::EdgeKind;

fn check(dir: &Path, extra: &[&str]) {
    let out = Command::new("python3")
        .arg("tests/consumers/check_exports.py")
        .arg(dir)
        .args(extra)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "consumers rejected the exports in {}:\n{}\n{}",
        dir.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Builds the sample articles into a fresh folder.
fn build_samples() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_shabaka"))
        .args(["build", "data/articles", "--quiet", "--out"])
        .arg(dir.path())
        .status()
        .unwrap();
    assert!(status.success());
    dir
}

#[test]
fn sample_exports_load_in_every_consumer_and_cypher_path_matches() {
    let dir = build_samples();
    let path = Command::new(env!("CARGO_BIN_EXE_shabaka"))
        .args(["path", "ناريشكين", "روبيو", "--json", "--graph"])
        .arg(dir.path().join("graph.json"))
        .output()
        .unwrap();
    assert!(
        path.status.success(),
        "{}",
        String::from_utf8_lossy(&path.stderr)
    );
    let answer: serde_json::Value = serde_json::from_slice(&path.stdout).unwrap();
    let hops = answer["paths"][0]["hops"]
        .as_array()
        .unwrap()
        .len()
        .to_string();
    check(
        dir.path(),
        &[
            "--path",
            "person:sergey-naryshkin",
            "person:marco-rubio",
            &hops,
        ],
    );
}

#[test]
fn committed_exports_are_current() {
    let dir = build_samples();
    let mut compared = 0;
    for entry in walk(dir.path()) {
        let rel = entry.strip_prefix(dir.path()).unwrap();
        let committed = Path::new("exports").join(rel);
        let fresh = std::fs::read(&entry).unwrap();
        let old = std::fs::read(&committed).unwrap_or_default();
        assert!(
            fresh == old,
            "exports/{} is stale: run `bash scripts/setup.sh`",
            rel.display()
        );
        compared += 1;
    }
    assert!(compared >= 10);
    assert!(
        Path::new("exports/graph.svg").exists(),
        "exports/graph.svg is rendered by scripts/setup.sh"
    );
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// Text that breaks naive writers: quotes, backslashes, newlines, C0 controls, bidi
/// marks, XML-forbidden U+FFFE, markup characters, Arabic with harakat.
fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "سيرجي",
        "ناريشكين",
        "وَزيرُ",
        "\"",
        "'",
        "\\",
        "\n",
        "\r\n",
        "\t",
        "\u{0}",
        "\u{b}",
        "\u{1f}",
        "\u{200f}",
        "\u{202e}",
        "\u{fffe}",
        "&",
        "<",
        ">",
        "]]>",
        ";",
        ",",
        "|",
        " ",
        "٢٠٢٥",
        "😀",
        "{",
        "}",
        "--",
        "#",
    ]);
    prop::collection::vec(pieces, 0..12).prop_map(|v| v.concat())
}

fn graph_from(labels: Vec<(String, String)>) -> KnowledgeGraph {
    use shabaka::vocab::NodeKind;
    let kinds = [
        NodeKind::Person,
        NodeKind::Organization,
        NodeKind::Country,
        NodeKind::Location,
        NodeKind::Event,
        NodeKind::Article,
    ];
    let mut g = KnowledgeGraph::default();
    g.graph_attrs
        .insert("generator".into(), json!("shabaka test"));
    for (i, (label, evidence)) in labels.iter().enumerate() {
        let mut attrs = Map::new();
        attrs.insert("label".into(), json!(label));
        attrs.insert("label_en".into(), json!(evidence));
        attrs.insert("aliases".into(), json!([label, evidence]));
        attrs.insert("mentions".into(), json!(i));
        attrs.insert("discovered".into(), json!(i % 2 == 0));
        if i % 6 == 4 {
            attrs.insert("date".into(), json!("2025-02-18"));
        }
        let id = format!("{}:n-{i}", kinds[i % kinds.len()].as_str().to_lowercase());
        g.nodes.insert(
            id.clone(),
            Node {
                id: id.into(),
                kind: kinds[i % kinds.len()],
                attrs: Attrs::from_json(attrs),
            },
        );
    }
    let ids: Vec<String> = g.nodes.keys().cloned().collect();
    for (i, (_, evidence)) in labels.iter().enumerate() {
        let mut attrs = Map::new();
        attrs.insert("evidence".into(), json!(evidence));
        attrs.insert("start".into(), json!(i));
        attrs.insert("end".into(), json!(i + 3));
        attrs.insert("confidence".into(), json!(0.5));
        attrs.insert("article".into(), json!("article:x"));
        let (s, t) = (&ids[i], &ids[(i * 7 + 1) % ids.len()]);
        for kind in [
            EdgeKind::HoldsRole,
            EdgeKind::HoldsRole,
            EdgeKind::ParticipatedIn,
        ] {
            g.edges.push(Edge {
                source: g.nodes[s].id.clone(),
                target: g.nodes[t].id.clone(),
                kind,
                attrs: Attrs::from_json(attrs.clone()),
            });
        }
    }
    g.canonicalize();
    g
}

proptest! {
    #![proptest_config(ProptestConfig { cases: common::cases(8), ..ProptestConfig::default() })]
    #[test]
    fn hostile_text_always_gives_exports_the_consumers_parse(
        labels in prop::collection::vec((hostile_text(), hostile_text()), 2..10)
    ) {
        let g = graph_from(labels);
        let dir = tempfile::tempdir().unwrap();
        write_formats(&g, dir.path(), &Format::ALL, &DotOptions::default()).unwrap();
        check(dir.path(), &[]);
    }
}
