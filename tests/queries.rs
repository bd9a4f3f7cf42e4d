//! Queries on the sample graph through the binary: paths with evidence, name forms,
//! unknown names, cards, neighbours, timelines, and rankings checked against networkx.

use std::path::PathBuf;
use std::process::Command as Std;
use std::sync::OnceLock;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

/// The sample graph, built once into a temporary folder kept for the test run.
fn graph() -> &'static PathBuf {
    static GRAPH: OnceLock<PathBuf> = OnceLock::new();
    GRAPH.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap().keep();
        Command::cargo_bin("shabaka")
            .unwrap()
            .args([
                "build",
                "data/articles",
                "--format",
                "json",
                "--quiet",
                "--out",
            ])
            .arg(&dir)
            .assert()
            .success();
        dir.join("graph.json")
    })
}

fn query(args: &[&str]) -> Value {
    let out = Command::cargo_bin("shabaka")
        .unwrap()
        .args(args)
        .arg("--json")
        .arg("--graph")
        .arg(graph())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn path_goes_through_facts_with_evidence_on_every_hop() {
    let answer = query(&["path", "ناريشكين", "روبيو"]);
    assert_eq!(answer["from"]["id"], "person:sergey-naryshkin");
    assert_eq!(answer["to"]["id"], "person:marco-rubio");
    let hops = answer["paths"][0]["hops"].as_array().unwrap();
    assert!(!hops.is_empty());
    for h in hops {
        let rel = h["relation"].as_str().unwrap();
        assert!(
            !matches!(rel, "MENTIONED_IN" | "REPORTED_IN"),
            "a hop through an article: {h}"
        );
        assert_ne!(h["from"]["kind"], "Article");
        assert!(
            h["citation"]["evidence"].as_str().unwrap().chars().count() > 10,
            "{h}"
        );
        assert!(h["citation"]["article"]
            .as_str()
            .unwrap()
            .starts_with("article:"));
    }
    // consecutive hops chain
    for w in hops.windows(2) {
        assert_eq!(w[0]["to"]["id"], w[1]["from"]["id"]);
    }
}

#[test]
fn english_names_variants_and_clitic_forms_give_the_same_path() {
    let arabic = query(&["path", "ناريشكين", "روبيو"]);
    for (a, b) in [
        ("Sergey Naryshkin", "marco rubio"),
        ("naryshkin", "RUBIO"),
        ("سيرغي ناريشكين", "وروبيو"),
        ("لناريشكين", "ماركو روبيو"),
    ] {
        assert_eq!(query(&["path", a, b]), arabic, "{a} / {b}");
    }
}

#[test]
fn via_articles_allows_co_mention_paths() {
    let direct = query(&["path", "ناريشكين", "ترامب"]);
    let co = query(&["path", "ناريشكين", "ترامب", "--via-articles"]);
    let len = |v: &Value| v["paths"][0]["hops"].as_array().unwrap().len();
    assert!(len(&co) <= len(&direct));
    assert_eq!(len(&co), 2, "both are mentioned in article 000");
}

#[test]
fn unknown_names_get_suggestions_and_fail() {
    Command::cargo_bin("shabaka")
        .unwrap()
        .args(["path", "نارشكين", "روبيو", "--graph"])
        .arg(graph())
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("did you mean")
                .and(predicate::str::contains("person:sergey-naryshkin")),
        );
    Command::cargo_bin("shabaka")
        .unwrap()
        .args(["show", "Zzyzx Qwerty", "--graph"])
        .arg(graph())
        .assert()
        .failure()
        .stderr(predicate::str::contains("no entity named"));
}

#[test]
fn show_neighbors_and_events() {
    let card = query(&["show", "Naryshkin"]);
    assert_eq!(card["node"]["id"], "person:sergey-naryshkin");
    let roles = card["roles"].as_array().unwrap();
    assert!(roles.iter().any(|r| r["role"] == "head"
        && r["office"]["id"] == "organization:svr"
        && r["sources"].as_u64().unwrap() >= 3));
    assert_eq!(
        card["events"].as_array().unwrap().len(),
        3,
        "two calls and the Ankara talks"
    );
    assert_eq!(card["articles"].as_array().unwrap().len(), 3);

    let near = query(&["neighbors", "ناريشكين"]);
    let ids: Vec<&str> = near
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["node"]["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"organization:svr"));
    assert!(!ids.iter().any(|i| i.starts_with("article:")));
    let people = query(&["neighbors", "ناريشكين", "--depth", "2", "--kind", "Person"]);
    let ids: Vec<&str> = people
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["node"]["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"person:john-ratcliffe") && ids.contains(&"person:william-burns"),
        "{ids:?}"
    );

    let timeline = query(&["events", "--between", "ناريشكين", "راتكليف"]);
    let list = timeline.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["date"], "2025-03-11");
    assert_eq!(list[0]["event_type"], "PhoneCall");
    let in_2025 = query(&["events", "--from", "2025-02", "--to", "2025-02-28"]);
    let dates: Vec<&str> = in_2025
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, vec!["2025-02", "2025-02-18", "2025-02-27"]);
    let stats = query(&["stats"]);
    assert_eq!(stats["nodes"]["Article"], 5);
    assert_eq!(stats["nodes"]["Event"], 7);
}

#[test]
fn rankings_match_networkx() {
    let script = r#"
import json, sys, networkx as nx
d = json.load(open(sys.argv[1]))
kind = {n["id"]: n["kind"] for n in d["nodes"]}
G = nx.Graph()
G.add_nodes_from(i for i, k in kind.items() if k != "Article")
G.add_edges_from((e["source"], e["target"]) for e in d["edges"]
                 if e["kind"] not in ("MENTIONED_IN", "REPORTED_IN") and e["source"] != e["target"])
print(json.dumps({"degree": dict(G.degree()), "betweenness": nx.betweenness_centrality(G), "pagerank": nx.pagerank(G)}))
"#;
    let out = Std::new("python3")
        .args(["-c", script])
        .arg(graph())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let expected: Value = serde_json::from_slice(&out.stdout).unwrap();
    for measure in ["degree", "betweenness", "pagerank"] {
        let ours = query(&["top", "--by", measure, "-n", "1000"]);
        let ours = ours.as_array().unwrap();
        assert_eq!(
            ours.len(),
            expected[measure].as_object().unwrap().len(),
            "{measure}: node count"
        );
        for r in ours {
            let id = r["node"]["id"].as_str().unwrap();
            let want = expected[measure][id].as_f64().unwrap();
            let got = r["score"].as_f64().unwrap();
            assert!(
                (want - got).abs() < 1e-6,
                "{measure} of {id}: ours {got}, networkx {want}"
            );
        }
    }
}

/// Queries resolve spelling variants by the rules the graph was built with, recorded in
/// graph.json, not by a lexicon of their own: a rule given only with `--lexicon` at build
/// time lets `show` find a spelling that the built-in rules do not allow.
#[test]
fn names_resolve_by_the_spelling_rules_the_graph_was_built_with() {
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("in");
    std::fs::create_dir(&articles).unwrap();
    std::fs::write(
        articles.join("a.txt"),
        "وقال وزير الخارجية الروسي سيرغي لافروف إن المحادثات كانت مفيدة.\n",
    )
    .unwrap();
    let lexicon = dir.path().join("lexicon");
    std::fs::create_dir(&lexicon).unwrap();
    std::fs::write(lexicon.join("variants.tsv"), "from\tto\nغ\tج\nغ\tق\n").unwrap();
    let build = |out: &str, extra: &[&std::ffi::OsStr]| {
        Command::cargo_bin("shabaka")
            .unwrap()
            .arg("build")
            .arg(&articles)
            .args(["--format", "json", "--quiet", "--out"])
            .arg(dir.path().join(out))
            .args(extra)
            .assert()
            .success();
        dir.path().join(out).join("graph.json")
    };
    let plain = build("plain", &[]);
    let custom = build("custom", &["--lexicon".as_ref(), lexicon.as_os_str()]);
    let show = |graph: &PathBuf| {
        Command::cargo_bin("shabaka")
            .unwrap()
            .args(["show", "سيرقي لافروف", "--json", "--graph"])
            .arg(graph)
            .output()
            .unwrap()
    };
    let found = show(&custom);
    assert!(
        found.status.success(),
        "{}",
        String::from_utf8_lossy(&found.stderr)
    );
    let card: Value = serde_json::from_slice(&found.stdout).unwrap();
    assert_eq!(card["node"]["id"], "person:sergey-lavrov");
    // the built-in rules (and so a graph built with them) know ج for غ, not ق
    let missing = show(&plain);
    assert_eq!(missing.status.code(), Some(1));
    let graph: Value = serde_json::from_str(&std::fs::read_to_string(&custom).unwrap()).unwrap();
    assert!(graph["graph"]["name_variants"]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!(["غ", "ق"])));
}
