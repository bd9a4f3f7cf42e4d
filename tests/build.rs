//! The build on the sample articles and on bad inputs, through the real binary.

use std::fs;
use std::path::Path;

use predicates::prelude::*;
use serde_json::Value;

mod common;
use common::shabaka;

fn build(inputs: &[&Path], out: &Path) -> assert_cmd::assert::Assert {
    let mut cmd = shabaka();
    cmd.arg("build");
    for i in inputs {
        cmd.arg(i);
    }
    cmd.arg("--out").arg(out).arg("--quiet").assert()
}

fn graph(out: &Path) -> Value {
    common::graph_json(out)
}

const SAMPLE: &str = "data/articles/000_1fae26120cd127fd.txt";

#[test]
fn sample_build_is_deterministic_and_matches_committed_exports() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    build(&[Path::new("data/articles")], a.path()).success();
    build(&[Path::new("data/articles")], b.path()).success();
    let first = fs::read(a.path().join("graph.json")).unwrap();
    assert_eq!(first, fs::read(b.path().join("graph.json")).unwrap());
    let committed = fs::read("exports/graph.json").expect("exports/graph.json is committed");
    assert!(
        first == committed,
        "exports/graph.json is stale: run `cargo run --release -- build data/articles --out exports`"
    );
}

#[test]
fn sample_graph_has_the_contract_fields() {
    let out = tempfile::tempdir().unwrap();
    build(&[Path::new("data/articles")], out.path()).success();
    let g = graph(out.path());
    assert_eq!(g["directed"], true);
    assert_eq!(g["multigraph"], true);
    let nodes = g["nodes"].as_array().unwrap();
    let naryshkin = nodes
        .iter()
        .find(|n| n["id"] == "person:sergey-naryshkin")
        .unwrap();
    assert_eq!(naryshkin["kind"], "Person");
    assert_eq!(naryshkin["label_en"], "Sergey Naryshkin");
    let aliases: Vec<&str> = naryshkin["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(
        aliases.contains(&"سيرجي ناريشكين") && aliases.contains(&"سيرغي ناريشكين"),
        "{aliases:?}"
    );
    let article = nodes
        .iter()
        .find(|n| n["id"] == "article:000_1fae26120cd127fd")
        .unwrap();
    assert_eq!(article["kind"], "Article");
    // every MENTIONED_IN edge's offsets slice the mention out of the original text
    let text: Vec<char> = fs::read_to_string(SAMPLE).unwrap().chars().collect();
    let mut checked = 0;
    for e in g["edges"].as_array().unwrap() {
        if e["kind"] == "MENTIONED_IN" && e["target"] == "article:000_1fae26120cd127fd" {
            let (s, t) = (
                e["start"].as_u64().unwrap() as usize,
                e["end"].as_u64().unwrap() as usize,
            );
            let surface: String = text[s..t].iter().collect();
            let node = nodes.iter().find(|n| n["id"] == e["source"]).unwrap();
            let aliases = node["aliases"].as_array().unwrap();
            assert!(
                aliases.iter().any(|a| a == &Value::String(surface.clone())),
                "{surface} not an alias of {}",
                node["id"]
            );
            checked += 1;
        }
    }
    assert!(checked > 10);
}

#[test]
fn other_encodings_give_the_same_graph() {
    let text = fs::read_to_string(SAMPLE).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let utf8 = dir.path().join("utf8");
    let cp1256 = dir.path().join("cp1256");
    let utf16 = dir.path().join("utf16");
    for d in [&utf8, &cp1256, &utf16] {
        fs::create_dir(d).unwrap();
    }
    let name = "000_1fae26120cd127fd.txt";
    fs::write(utf8.join(name), &text).unwrap();
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1256.encode(&text);
    assert!(!unmappable);
    fs::write(cp1256.join(name), &bytes).unwrap();
    let mut le = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        le.extend_from_slice(&unit.to_le_bytes());
    }
    fs::write(utf16.join(name), le).unwrap();
    let strip = |mut g: Value| {
        for n in g["nodes"].as_array_mut().unwrap() {
            let n = n.as_object_mut().unwrap();
            n.remove("encoding");
            n.remove("path");
        }
        g
    };
    let mut graphs = Vec::new();
    for d in [&utf8, &cp1256, &utf16] {
        let out = d.join("out");
        build(&[d.as_path()], &out).success();
        graphs.push(strip(graph(&out)));
    }
    assert!(graphs[0]["nodes"].as_array().unwrap().len() > 20);
    assert_eq!(graphs[0], graphs[1], "Windows-1256 copy differs");
    assert_eq!(graphs[0], graphs[2], "UTF-16 copy differs");
}

#[test]
fn bad_files_are_reported_and_skipped_and_the_rest_is_built() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    fs::copy(SAMPLE, input.join("good.txt")).unwrap();
    fs::write(input.join("empty.txt"), "").unwrap();
    fs::write(
        input.join("binary.txt"),
        [0x7f, b'E', b'L', b'F', 0, 0, 0, 1, 2, 3, 0, 0],
    )
    .unwrap();
    let out = dir.path().join("out");
    build(&[input.as_path()], &out)
        .code(3)
        .stderr(predicate::str::contains("empty.txt: file is empty"))
        .stderr(predicate::str::contains("binary.txt: file looks binary"));
    let g = graph(&out);
    assert!(g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["id"] == "article:good"));
    // --strict makes a skip fatal and writes nothing
    let strict_out = dir.path().join("strict");
    shabaka()
        .args(["build", "--strict", "--out"])
        .arg(&strict_out)
        .arg(&input)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--strict"));
    assert!(!strict_out.join("graph.json").exists());
}

#[test]
fn undecodable_file_with_forced_encoding_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("bad.txt");
    fs::write(&input, [0xc3, 0x28, 0xa0, 0xa1, b'x', b'y']).unwrap();
    shabaka()
        .args(["build", "--encoding", "utf-8", "--out"])
        .arg(dir.path().join("out"))
        .arg(&input)
        .assert()
        .failure()
        .stderr(predicate::str::contains("bad.txt: file is not valid UTF-8"));
}

#[test]
fn missing_path_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    shabaka()
        .args(["build", "no/such/folder", "--out"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "no/such/folder: no such file or directory",
        ));
}

#[test]
fn malformed_gazetteer_row_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let gaz = dir.path().join("extra.tsv");
    fs::write(&gaz, "id\tkind\tcategory\tlabel_ar\tlabel_en\taliases_ar\tcountry\tnisba\n# ok\nbad id\tPerson\tx\tس\tS\n").unwrap();
    shabaka()
        .args(["build", SAMPLE, "--out"])
        .arg(dir.path().join("out"))
        .arg("--gazetteer")
        .arg(&gaz)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("extra.tsv:3:"));
}

#[test]
fn user_gazetteer_adds_entities() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("a.txt");
    fs::write(&input, "التقى وزير الخارجية زاهر الفلاني بنظيره في مسقط.").unwrap();
    let gaz = dir.path().join("extra.tsv");
    fs::write(&gaz, "id\tkind\tcategory\tlabel_ar\tlabel_en\taliases_ar\tcountry\tnisba\nzaher-x\tPerson\tofficial\tزاهر الفلاني\tZaher X\t\toman\t\n").unwrap();
    let out = dir.path().join("out");
    shabaka()
        .args(["build", "--quiet", "--out"])
        .arg(&out)
        .arg(&input)
        .arg("--gazetteer")
        .arg(&gaz)
        .assert()
        .success();
    let g = graph(&out);
    assert!(g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["id"] == "person:zaher-x"));
}

#[test]
fn jsonl_input_with_a_bad_line() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("dump.jsonl");
    let good = serde_json::json!({"id": "n1", "text": "قال وزير الخارجية الروسي سيرغي لافروف إن موسكو مستعدة.", "published": "2025-02-18", "title": "لافروف"});
    fs::write(&input, format!("{good}\n{{not json\n")).unwrap();
    let out = dir.path().join("out");
    build(&[input.as_path()], &out)
        .code(3)
        .stderr(predicate::str::contains("dump.jsonl:2: invalid JSON"));
    let g = graph(&out);
    let nodes = g["nodes"].as_array().unwrap();
    let article = nodes.iter().find(|n| n["id"] == "article:n1").unwrap();
    assert_eq!(article["published"], "2025-02-18");
    assert!(nodes.iter().any(|n| n["id"] == "person:sergey-lavrov"));
}

#[test]
fn a_user_lexicon_folder_replaces_files_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let lexicon = dir.path().join("lexicon");
    fs::create_dir(&lexicon).unwrap();
    // a new title: «الكابتن» before a name now discovers the person
    let titles = fs::read_to_string("data/lexicon/titles.tsv").unwrap() + "الكابتن\thonorific\n";
    fs::write(lexicon.join("titles.tsv"), titles).unwrap();
    let input = dir.path().join("a.txt");
    fs::write(&input, "وصل الكابتن زوربا.").unwrap();
    let run = |extra: &[&str], out: &str| {
        let out = dir.path().join(out);
        shabaka()
            .args(["build", "--quiet", "--format", "json", "--out"])
            .arg(&out)
            .arg(&input)
            .args(extra)
            .assert()
            .success();
        graph(&out)["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["label"] == "زوربا")
    };
    assert!(!run(&[], "plain"));
    assert!(run(&["--lexicon", lexicon.to_str().unwrap()], "custom"));
    // a malformed lexicon row names its file and line
    fs::write(lexicon.join("months.tsv"), "name\tmonth\nيناير\t13\n").unwrap();
    shabaka()
        .args(["build", "--quiet", "--out"])
        .arg(dir.path().join("bad"))
        .arg(&input)
        .args(["--lexicon", lexicon.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "months.tsv:2: month must be a number from 1 to 12",
        ));
}

/// Inputs with one id (the same file stem in two folders) get `<id>-2`, `-3` … in input
/// order before analysis, so every fact's provenance names the article's final id; a
/// skipped input takes no id.
#[test]
fn articles_with_one_stem_get_distinct_ids_their_facts_carry() {
    let dir = tempfile::tempdir().unwrap();
    let folders: Vec<_> = ["1", "2", "3"].iter().map(|f| dir.path().join(f)).collect();
    for f in &folders {
        fs::create_dir(f).unwrap();
    }
    fs::write(folders[0].join("a.txt"), "").unwrap(); // empty: skipped
    fs::write(
        folders[1].join("a.txt"),
        "وقال وزير الخارجية الروسي سيرغي لافروف إن المحادثات مفيدة.\n",
    )
    .unwrap();
    fs::write(
        folders[2].join("a.txt"),
        "واستقبل الرئيس الأمريكي دونالد ترامب الوفد في البيت الأبيض.\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let paths: Vec<&Path> = folders.iter().map(|f| f.as_path()).collect();
    build(&paths, &out).code(3);
    let g = graph(&out);
    let articles: Vec<&str> = g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "Article")
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert_eq!(articles, ["article:a", "article:a-2"]);
    let edges = g["edges"].as_array().unwrap();
    let lavrov = edges
        .iter()
        .find(|e| e["source"] == "person:sergey-lavrov" && e["kind"] == "MENTIONED_IN")
        .expect("Lavrov is mentioned");
    assert_eq!(lavrov["target"], "article:a");
    for e in edges {
        let article = e["article"].as_str().unwrap();
        assert!(articles.contains(&article), "{e}");
        if e["kind"] == "MENTIONED_IN" {
            assert_eq!(e["target"], article, "{e}");
        }
    }
}

/// The graph does not depend on how many threads analyse the articles.
#[test]
fn the_build_is_byte_identical_on_one_thread_and_on_several() {
    let runs: Vec<Vec<u8>> = ["1", "3"]
        .iter()
        .map(|threads| {
            let out = tempfile::tempdir().unwrap();
            shabaka()
                .env("RAYON_NUM_THREADS", threads)
                .args([
                    "build",
                    "data/articles",
                    "--format",
                    "json",
                    "--quiet",
                    "--out",
                ])
                .arg(out.path())
                .assert()
                .success();
            fs::read(out.path().join("graph.json")).unwrap()
        })
        .collect();
    assert!(
        runs[0] == runs[1],
        "graph.json differs between 1 and 3 threads"
    );
}

/// The vocabulary in data files is checked where it is read: an event type, or a role in
/// the titles or the dated roles, that the graph does not know stops the build with the
/// file and line; the same files with known values build.
#[test]
fn unknown_event_types_and_roles_in_data_files_name_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let write = |name: &str, content: &str| {
        let path = dir.path().join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, content).unwrap();
        path
    };
    let run = |extra: &[&std::ffi::OsStr]| {
        let mut cmd = shabaka();
        cmd.args(["build", SAMPLE, "--format", "json", "--quiet", "--out"])
            .arg(&out)
            .args(extra);
        cmd.assert()
    };
    let cases = [
        (
            "events/events.tsv",
            "phrase\tevent_type\tform\nلقاء\t",
            "Meeting",
            "Party",
            true,
        ),
        (
            "titles/titles.tsv",
            "phrase\trole\nالقائد\t",
            "commander",
            "boss",
            true,
        ),
        (
            "roles.tsv",
            "person\trole\ttarget\ttitle_ar\tfrom\tto\nsergey-lavrov\t",
            "foreign_minister",
            "boss",
            false,
        ),
    ];
    for (file, head, known, unknown, is_lexicon) in cases {
        for (value, ok) in [(known, true), (unknown, false)] {
            let tail = if file.starts_with("events") {
                "\tnoun\n"
            } else if is_lexicon {
                "\n"
            } else {
                "\trussia\t\t\t\n"
            };
            let path = write(file, &format!("{head}{value}{tail}"));
            let flag: &std::ffi::OsStr = if is_lexicon {
                "--lexicon".as_ref()
            } else {
                "--gazetteer".as_ref()
            };
            let arg = if is_lexicon {
                path.parent().unwrap().as_os_str()
            } else {
                path.as_os_str()
            };
            let assert = run(&[flag, arg]);
            if ok {
                assert.success();
            } else {
                assert.code(1).stderr(
                    predicate::str::contains(format!("{}:2: unknown", path.display()))
                        .and(predicate::str::contains(unknown)),
                );
            }
        }
    }
}
