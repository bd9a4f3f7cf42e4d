//! Hard to break: arbitrary bytes and Unicode through the whole pipeline, and the ways a
//! build can fail (unwritable output, interrupted build) leave previous exports intact.

use std::fs;
use std::process::Command as Std;

use assert_cmd::Command;
use predicates::prelude::*;
use proptest::prelude::*;
use shabaka::graph::builder::GraphBuilder;
use shabaka::text::decode::decode;

mod common;
use common::extractor;

/// Runs text through analysis and graph building, checking every offset.
fn exercise(text: &str) {
    let ex = extractor();
    let article = common::article("x", text, Some("2025-02-28"));
    let facts = ex.analyze(&article);
    let len = text.chars().count() as u32;
    let mut builder = GraphBuilder::new();
    builder.add(&facts);
    let graph = builder.finish();
    for e in &graph.edges {
        if let (Some(s), Some(t)) = (
            e.attrs.get("start").and_then(|v| v.as_u64()),
            e.attrs.get("end").and_then(|v| v.as_u64()),
        ) {
            assert!(
                s < t && t as u32 <= len,
                "offsets {s}..{t} outside a text of {len} chars"
            );
        }
    }
    let json = shabaka::export::json::to_json(&graph);
    let back = shabaka::export::json::from_json(&json).expect("our JSON reads back");
    assert_eq!(back.nodes.len(), graph.nodes.len());
    shabaka::export::graphml::to_graphml(&graph);
    shabaka::export::gexf::to_gexf(&graph);
}

fn arabic_like() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "وزير الخارجية الروسي سيرجي لافروف",
        "اجتمع",
        " مع ",
        "ولافروف",
        "للكرملين",
        "في 18 فبراير 2025",
        "،",
        ".",
        "\n",
        "اقرأ أيضا",
        "أخبار ذات صلة",
        "نظيره الأمريكي",
        "الرئيس",
        "قال",
        "يوم الخميس",
        "\u{0}",
        "\u{fffe}",
        "ـــ",
        "ً",
        "\u{200f}",
        "ﻻ",
        "😀",
        "\"",
        "بن",
        "آل",
        "جون",
        "وفدان أمريكي وأوكراني",
        "مدير وكالة الاستخبارات المركزية",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: common::cases(256), ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        if let Ok(decoded) = decode(&bytes, None) {
            exercise(&decoded.text);
        }
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in "\\PC{0,300}") {
        exercise(&text);
    }

    #[test]
    fn arabic_fragments_never_panic(text in arabic_like()) {
        exercise(&text);
    }
}

#[test]
fn unwritable_output_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("file");
    fs::write(&blocker, "not a folder").unwrap();
    Command::cargo_bin("shabaka")
        .unwrap()
        .args([
            "build",
            "data/articles/000_1fae26120cd127fd.txt",
            "--quiet",
            "--out",
        ])
        .arg(blocker.join("out"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot write exports to"));
}

#[test]
fn a_failed_write_leaves_the_previous_file_and_no_temporary() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("graph.json");
    fs::write(&path, "previous").unwrap();
    let result = shabaka::export::write_atomic_with(&path, |w| {
        w.write_all(b"half a gra")?;
        Err(std::io::Error::other("disk full"))
    });
    assert!(result.is_err());
    assert_eq!(fs::read_to_string(&path).unwrap(), "previous");
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name() != "graph.json")
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

/// Builds the sample articles into `out` and returns the graph.json written.
fn build_samples_into(out: &std::path::Path) -> Vec<u8> {
    Command::cargo_bin("shabaka")
        .unwrap()
        .args(["build", "data/articles", "--quiet", "--out"])
        .arg(out)
        .assert()
        .success();
    fs::read(out.join("graph.json")).unwrap()
}

/// Interrupts a build of many articles with `signal` while it writes its exports: the
/// previous exports stay, no temporary is left, the status is 128 + the signal's number.
fn interrupt_while_exporting(signal: &str, status_code: i32) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let before = build_samples_into(&out);
    // a larger input so the build is still running when interrupted; each copy differs
    // (the same text twice is read once)
    let big = dir.path().join("big");
    fs::create_dir(&big).unwrap();
    let sample = fs::read_to_string("data/articles/004_cef7240dbd8b702b.txt").unwrap();
    for i in 0..3000 {
        fs::write(big.join(format!("{i:04}.txt")), format!("{sample}\n{i}\n")).unwrap();
    }
    let child = Std::new(env!("CARGO_BIN_EXE_shabaka"))
        .args(["build", "--quiet", "--out"])
        .arg(&out)
        .arg(&big)
        .spawn()
        .unwrap();
    // interrupt while the exports are being written: as soon as a temporary file appears
    let mut child = child;
    let temporaries = |dir: &std::path::Path| -> Vec<String> {
        fs::read_dir(dir)
            .map(|entries| {
                entries
                    .flatten()
                    .map(|e| e.file_name().to_string_lossy().to_string())
                    .filter(|n| n.starts_with(".shabaka-") && n.ends_with(".tmp"))
                    .collect()
            })
            .unwrap_or_default()
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while temporaries(&out).is_empty() {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the build finished before the interrupt; the test proves nothing"
        );
        assert!(
            std::time::Instant::now() < deadline,
            "the build never wrote"
        );
        std::thread::sleep(std::time::Duration::from_micros(200));
    }
    Std::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status()
        .unwrap();
    let status = child.wait_with_output().unwrap().status;
    assert_eq!(
        status.code(),
        Some(status_code),
        "SIG{signal}: the build finished before the interrupt, or ended otherwise"
    );
    let after = fs::read(out.join("graph.json")).unwrap();
    assert_eq!(
        before, after,
        "a build interrupted by SIG{signal} changed graph.json"
    );
    let left = [temporaries(&out), temporaries(&out.join("neo4j"))].concat();
    assert!(
        left.is_empty(),
        "a build interrupted by SIG{signal} left {left:?}"
    );
}

#[test]
fn interrupted_build_leaves_previous_exports_intact() {
    interrupt_while_exporting("INT", 130);
}

#[test]
fn sigterm_removes_the_temporaries_as_an_interrupt_does() {
    interrupt_while_exporting("TERM", 143);
}

#[test]
fn sighup_removes_the_temporaries_as_an_interrupt_does() {
    interrupt_while_exporting("HUP", 129);
}

#[test]
fn very_long_lines_and_deep_folders() {
    let dir = tempfile::tempdir().unwrap();
    let mut deep = dir.path().to_path_buf();
    for i in 0..40 {
        deep = deep.join(format!("d{i}"));
    }
    fs::create_dir_all(&deep).unwrap();
    let line = "قال وزير الخارجية الروسي سيرجي لافروف ".repeat(40_000);
    fs::write(deep.join("long.txt"), &line).unwrap();
    let out = dir.path().join("out");
    Command::cargo_bin("shabaka")
        .unwrap()
        .args(["build", "--quiet", "--out"])
        .arg(&out)
        .arg(dir.path().join("d0"))
        .assert()
        .success();
    let g: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("graph.json")).unwrap()).unwrap();
    assert!(g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["id"] == "person:sergey-lavrov"));
}

#[test]
fn a_format_that_cannot_be_written_leaves_every_previous_export_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let before = build_samples_into(&out);
    // the Neo4j folder is now a file: that format fails, every other one could be written
    fs::remove_dir_all(out.join("neo4j")).unwrap();
    fs::write(out.join("neo4j"), "not a folder").unwrap();
    Command::cargo_bin("shabaka")
        .unwrap()
        .args([
            "build",
            "data/articles/001_e90adfdcfb2c0df6.txt",
            "--quiet",
            "--out",
        ])
        .arg(&out)
        .assert()
        .failure();
    let after = fs::read(out.join("graph.json")).unwrap();
    assert_eq!(
        before, after,
        "graph.json of a build that failed replaced the previous one"
    );
    let left: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}
