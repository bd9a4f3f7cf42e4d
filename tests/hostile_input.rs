//! Inputs a hostile or careless user gives the build, one test per case, each named after
//! what it guards: damaged encodings, links and special files, boilerplate glued to the
//! story, the same input twice, dates that do not parse.

use std::fs;
use std::path::Path;

use predicates::prelude::*;
use serde_json::Value;

mod common;
use common::shabaka;

/// An article of our own: three paragraphs, each naming people of the built-in gazetteer.
const ARTICLE: &str = "التقى وزير الخارجية الروسي سيرجي لافروف نظيره الأمريكي في جنيف يوم الاثنين.\n\
وقال لافروف إن المحادثات كانت مفيدة وإن الجانبين اتفقا على مواصلة الحوار.\n\
وأجرى الرئيس الروسي فلاديمير بوتين اتصالا هاتفيا مع الرئيس الأمريكي دونالد ترامب مساء الثلاثاء.\n";

fn build_in(dir: &Path, inputs: &[&Path]) -> (assert_cmd::assert::Assert, std::path::PathBuf) {
    let out = dir.join("out");
    let mut cmd = shabaka();
    cmd.arg("build").arg("--out").arg(&out);
    for i in inputs {
        cmd.arg(i);
    }
    (cmd.assert(), out)
}

fn node_ids(out: &Path) -> Vec<String> {
    let g: Value = common::graph_json(out);
    g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap().to_string())
        .collect()
}

fn articles(out: &Path) -> Vec<String> {
    node_ids(out)
        .into_iter()
        .filter(|id| id.starts_with("article:"))
        .collect()
}

fn has(out: &Path, id: &str) -> bool {
    node_ids(out).iter().any(|n| n == id)
}

#[test]
fn utf8_with_one_bad_byte_is_repaired_and_reported_not_read_as_windows_1256() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = ARTICLE.as_bytes().to_vec();
    let middle = ARTICLE.find("المحادثات").unwrap();
    bytes.insert(middle, 0xff);
    let file = dir.path().join("damaged.txt");
    fs::write(&file, &bytes).unwrap();
    let (assert, out) = build_in(dir.path(), &[&file]);
    assert.code(0).stderr(predicate::str::contains(format!(
        "damaged.txt: not valid UTF-8: 1 malformed byte sequence replaced by U+FFFD (first at byte {middle})"
    )));
    for person in [
        "person:sergey-lavrov",
        "person:vladimir-putin",
        "person:donald-trump",
    ] {
        assert!(has(&out, person), "{person} lost");
    }
    let g = common::graph_json(&out);
    let article = g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["kind"] == "Article")
        .unwrap();
    assert_eq!(article["encoding"], "UTF-8");
}

#[test]
fn utf8_cut_in_the_middle_of_a_character_is_repaired_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    // the last letter is two bytes: keep only the first
    let cut = &ARTICLE.as_bytes()[..ARTICLE.trim_end().len() - 2];
    let file = dir.path().join("cut.txt");
    fs::write(&file, cut).unwrap();
    let (assert, out) = build_in(dir.path(), &[&file]);
    assert.code(0).stderr(predicate::str::contains(
        "cut.txt: not valid UTF-8: 1 malformed",
    ));
    assert!(has(&out, "person:vladimir-putin"));
}

#[test]
fn strict_refuses_a_file_that_needed_repair() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("damaged.txt");
    let mut bytes = ARTICLE.as_bytes().to_vec();
    bytes.insert(10, 0xfe);
    fs::write(&file, &bytes).unwrap();
    let out = dir.path().join("out");
    shabaka()
        .args(["build", "--strict", "--out"])
        .arg(&out)
        .arg(&file)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "1 warning; --strict: nothing written",
        ));
    assert!(!out.join("graph.json").exists());
}

#[test]
fn a_forced_encoding_that_gives_mojibake_is_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    fs::write(&file, ARTICLE).unwrap();
    shabaka()
        .args(["build", "--encoding", "windows-1256", "--out"])
        .arg(dir.path().join("out"))
        .arg(&file)
        .assert()
        .stderr(predicate::str::contains(
            "the file is valid UTF-8, but --encoding windows-1256 read it",
        ));
    // Windows-1256 bytes forced as Latin-1 read as accented Latin letters
    let (legacy, _, _) = encoding_rs::WINDOWS_1256.encode(ARTICLE);
    let legacy_file = dir.path().join("legacy.txt");
    fs::write(&legacy_file, &legacy).unwrap();
    shabaka()
        .args(["build", "--encoding", "iso-8859-1", "--out"])
        .arg(dir.path().join("out-latin"))
        .arg(&legacy_file)
        .assert()
        .stderr(predicate::str::contains(
            "only 0% of its letters are Arabic",
        ));
    // and read as what it is, nothing is said
    shabaka()
        .args(["build", "--encoding", "windows-1256", "--out"])
        .arg(dir.path().join("out-1256"))
        .arg(&legacy_file)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("warning").not());
}

#[test]
fn utf16_without_a_bom_is_decoded_not_called_binary() {
    let dir = tempfile::tempdir().unwrap();
    let le: Vec<u8> = ARTICLE.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let other = ARTICLE.replace("جنيف", "فيينا");
    let be: Vec<u8> = other.encode_utf16().flat_map(u16::to_be_bytes).collect();
    fs::create_dir(dir.path().join("in")).unwrap();
    fs::write(dir.path().join("in/le.txt"), le).unwrap();
    fs::write(dir.path().join("in/be.txt"), be).unwrap();
    let (assert, out) = build_in(dir.path(), &[&dir.path().join("in")]);
    assert.code(0);
    let g = common::graph_json(&out);
    let encodings: Vec<&str> = g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "Article")
        .map(|n| n["encoding"].as_str().unwrap())
        .collect();
    assert_eq!(encodings, ["UTF-16BE", "UTF-16LE"]);
    assert!(has(&out, "person:donald-trump"));
}

#[cfg(unix)]
#[test]
fn a_folder_holding_a_symlink_to_itself_is_walked_once() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    fs::write(input.join("a.txt"), ARTICLE).unwrap();
    std::os::unix::fs::symlink("../in", input.join("self")).unwrap();
    let (assert, out) = build_in(dir.path(), &[&input]);
    assert.code(0).stderr(predicate::str::contains(
        "not walked again: it is the folder",
    ));
    assert_eq!(articles(&out), ["article:a"]);
}

#[cfg(unix)]
#[test]
fn two_symlinks_to_their_own_folder_do_not_hang() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    fs::write(input.join("a.txt"), ARTICLE).unwrap();
    std::os::unix::fs::symlink("../in", input.join("x")).unwrap();
    std::os::unix::fs::symlink("../in", input.join("y")).unwrap();
    let out = dir.path().join("out");
    shabaka()
        .args(["build", "--out"])
        .arg(&out)
        .arg(&input)
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(0);
    assert_eq!(articles(&out), ["article:a"]);
}

#[cfg(unix)]
#[test]
fn a_fifo_is_skipped_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    fs::write(input.join("a.txt"), ARTICLE).unwrap();
    let fifo = input.join("pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let out = dir.path().join("out");
    shabaka()
        .args(["build", "--out"])
        .arg(&out)
        .arg(&input)
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "pipe.txt: a FIFO (named pipe): only regular files are read",
        ));
    assert_eq!(articles(&out), ["article:a"]);
    // named directly, too
    shabaka()
        .args(["build", "--out"])
        .arg(dir.path().join("out2"))
        .arg(&fifo)
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("only regular files are read"));
}

#[cfg(unix)]
#[test]
fn a_txt_symlink_to_dev_zero_is_skipped_not_read_forever() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    fs::write(input.join("a.txt"), ARTICLE).unwrap();
    std::os::unix::fs::symlink("/dev/zero", input.join("zero.txt")).unwrap();
    let (assert, out) = build_in(dir.path(), &[&input]);
    assert
        .code(3)
        .stderr(predicate::str::contains("zero.txt: a device"));
    assert_eq!(articles(&out), ["article:a"]);
}

#[test]
fn a_file_over_max_file_size_is_skipped_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    fs::write(input.join("small.txt"), ARTICLE).unwrap();
    fs::write(input.join("big.txt"), ARTICLE.repeat(20)).unwrap();
    let other = ARTICLE.replace("جنيف", "فيينا");
    let jsonl = dir.path().join("dump.jsonl");
    let line = |id: &str, text: &str| serde_json::json!({"id": id, "text": text}).to_string();
    fs::write(
        &jsonl,
        format!(
            "{}\n{}\n",
            line("j1", &other),
            line("j2", &ARTICLE.repeat(20))
        ),
    )
    .unwrap();
    let out = dir.path().join("out");
    shabaka()
        .args(["build", "--max-file-size", "5k", "--out"])
        .arg(&out)
        .arg(&input)
        .arg(&jsonl)
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "big.txt: 9.0 kB is larger than --max-file-size (5.0 kB)",
        ))
        .stderr(predicate::str::contains(
            "dump.jsonl:2: line is larger than --max-file-size (5.0 kB)",
        ));
    assert_eq!(articles(&out), ["article:j1", "article:small"]);
    shabaka()
        .args(["build", "--max-file-size", "lots", "--out"])
        .arg(&out)
        .arg(&input)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a size"));
}

#[test]
fn a_share_bar_glued_to_a_one_line_article_removes_only_itself() {
    let dir = tempfile::tempdir().unwrap();
    let flat = format!(
        "{} 18 فبراير 2025. شارك الخبر: FacebookTwitterLinkedInEmail",
        ARTICLE.replace('\n', " ")
    );
    let file = dir.path().join("flat.txt");
    fs::write(&file, flat).unwrap();
    let (assert, out) = build_in(dir.path(), &[&file]);
    assert
        .code(0)
        .stderr(predicate::str::contains("boilerplate").not());
    for person in [
        "person:sergey-lavrov",
        "person:vladimir-putin",
        "person:donald-trump",
    ] {
        assert!(has(&out, person), "{person} lost");
    }
    // the bar itself is still boilerplate: no node comes of it
    assert!(!node_ids(&out).iter().any(|n| n.contains("facebook")));
}

#[test]
fn an_article_that_is_all_boilerplate_is_read_whole_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    // one short line that opens like a share bar, and is the whole story
    let file = dir.path().join("short.txt");
    fs::write(
        &file,
        "تابعنا على الموقع: لافروف يلتقي بوتين في موسكو اليوم\n",
    )
    .unwrap();
    let (assert, out) = build_in(dir.path(), &[&file]);
    assert.code(0).stderr(predicate::str::contains(
        "short.txt: all text looked like boilerplate: read whole",
    ));
    assert!(has(&out, "person:sergey-lavrov"));
}

#[test]
fn the_same_file_given_twice_is_one_source() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    fs::write(input.join("a.txt"), ARTICLE).unwrap();
    fs::write(input.join("b.txt"), ARTICLE.replace("جنيف", "فيينا")).unwrap();
    let (assert, out) = build_in(dir.path(), &[&input, &input.join("a.txt")]);
    assert
        .code(0)
        .stderr(predicate::str::contains("a.txt: the same file as"))
        .stderr(predicate::str::contains("1 duplicate counted once"));
    assert_eq!(articles(&out), ["article:a", "article:b"]);
}

#[test]
fn identical_texts_under_two_names_are_one_source() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    fs::write(input.join("a.txt"), ARTICLE).unwrap();
    fs::write(input.join("copy.txt"), ARTICLE).unwrap();
    let (assert, out) = build_in(dir.path(), &[&input]);
    assert
        .code(0)
        .stderr(predicate::str::contains("copy.txt: the same text as"));
    assert_eq!(articles(&out), ["article:a"]);
}

#[test]
fn an_unparseable_published_date_is_reported_and_inferred_as_if_absent() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    let dated = format!("{ARTICLE}وذلك في 12 مارس 2024.\n");
    fs::write(input.join("a.txt"), &dated).unwrap();
    fs::write(
        input.join("metadata.tsv"),
        "file\tpublished\ttitle\tsource\turl\na.txt\t2024-02-30\t\t\t\n",
    )
    .unwrap();
    let jsonl = dir.path().join("d.jsonl");
    fs::write(
        &jsonl,
        serde_json::json!({"id": "j", "text": dated.replace("جنيف", "فيينا"), "published": "yesterday"})
            .to_string(),
    )
    .unwrap();
    let (assert, out) = build_in(dir.path(), &[&input, &jsonl]);
    assert
        .code(0)
        .stderr(predicate::str::contains(
            "a.txt: publication date \"2024-02-30\" is not an ISO date",
        ))
        .stderr(predicate::str::contains(
            "d.jsonl:1: publication date \"yesterday\"",
        ));
    let g = common::graph_json(&out);
    for article in g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "Article")
    {
        assert_eq!(article["published"], "2024-03-12", "{article}");
        assert_eq!(article["published_inferred"], true);
    }
}

/// A folder with one article of ours, its title (and URL) given in `metadata.tsv`.
fn titled(dir: &Path, title: &str) -> std::path::PathBuf {
    let input = dir.join("in");
    fs::create_dir(&input).unwrap();
    fs::write(
        input.join("a.txt"),
        format!("{ARTICLE}- وقال لافروف إن اللقاء المقبل سيعقد في موسكو.\n"),
    )
    .unwrap();
    fs::write(
        input.join("metadata.tsv"),
        format!("file\tpublished\ttitle\tsource\turl\na.txt\t2024-03-12\t{title}\t\t@evil\n"),
    )
    .unwrap();
    input
}

#[test]
fn csv_cells_that_would_start_a_formula_are_neutralised_in_gephi_csv_not_in_neo4j() {
    let dir = tempfile::tempdir().unwrap();
    let input = titled(dir.path(), "=HYPERLINK(\"http://example.invalid\",\"x\")");
    let (assert, out) = build_in(dir.path(), &[&input]);
    assert.code(0);
    let cells = |file: &Path| -> Vec<String> {
        let mut reader = csv::Reader::from_path(file).unwrap();
        reader
            .records()
            .flat_map(|r| r.unwrap().iter().map(str::to_string).collect::<Vec<_>>())
            .collect()
    };
    let gephi = [cells(&out.join("nodes.csv")), cells(&out.join("edges.csv"))].concat();
    for c in &gephi {
        let numeric = c.parse::<f64>().is_ok();
        assert!(
            numeric || !c.starts_with(['=', '+', '-', '@']),
            "a Gephi CSV cell starts a formula: {c:?}"
        );
    }
    assert!(gephi.iter().any(|c| c.starts_with("'=HYPERLINK")));
    assert!(gephi.iter().any(|c| c == "'@evil"));
    // the bulleted sentence is evidence: neutralised in Gephi, exact for Neo4j
    assert!(gephi.iter().any(|c| c.starts_with("'- وقال لافروف")));
    let neo4j: Vec<String> = fs::read_dir(out.join("neo4j"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "csv"))
        .flat_map(|e| cells(&e.path()))
        .collect();
    assert!(neo4j.iter().any(|c| c.starts_with("=HYPERLINK")));
    assert!(neo4j.iter().any(|c| c.starts_with("- وقال لافروف")));
}

#[test]
fn terminal_output_strips_control_characters_and_json_keeps_them() {
    let dir = tempfile::tempdir().unwrap();
    let input = titled(dir.path(), "عنوان\x1b]0;pwned\x07\x1b[2J الخبر");
    let (assert, out) = build_in(dir.path(), &[&input]);
    assert.code(0);
    let graph = out.join("graph.json");
    for query in [
        vec!["show", "لافروف"],
        vec!["path", "لافروف", "بوتين"],
        vec!["events", "--with", "بوتين"],
    ] {
        let text = shabaka()
            .args(&query)
            .arg("--graph")
            .arg(&graph)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let stdout = String::from_utf8(text.stdout).unwrap();
        // the events table has no titles; the others print them
        assert!(
            query[0] == "events" || stdout.contains("عنوان]0;pwned[2J الخبر"),
            "{query:?}: {stdout}"
        );
        assert!(
            !stdout.contains(['\x1b', '\x07']),
            "{query:?} printed control characters"
        );
    }
    let json = shabaka()
        .args(["show", "لافروف", "--json", "--graph"])
        .arg(&graph)
        .output()
        .unwrap();
    let card: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(card.to_string().contains("\\u001b]0;pwned\\u0007"));
}

/// The graph of `ARTICLE`, built into `dir/out`.
fn article_graph(dir: &Path) -> std::path::PathBuf {
    let file = dir.join("a.txt");
    fs::write(&file, ARTICLE).unwrap();
    let (assert, out) = build_in(dir, &[&file]);
    assert.code(0);
    out.join("graph.json")
}

#[test]
fn invalid_dates_kinds_and_numbers_are_rejected_with_what_is_valid() {
    let dir = tempfile::tempdir().unwrap();
    let graph = article_graph(dir.path());
    let refused = |args: &[&str], says: &str| {
        shabaka()
            .args(args)
            .arg("--graph")
            .arg(&graph)
            .assert()
            .failure()
            .stderr(predicate::str::contains(says));
    };
    refused(
        &["events", "--from", "notadate"],
        "\"notadate\" is not a date (valid: YYYY, YYYY-MM or YYYY-MM-DD",
    );
    refused(&["events", "--to", "2025-02-30"], "is not a date");
    refused(
        &["events", "--from", "2025-03", "--to", "2025-02-01"],
        "--from 2025-03 is after --to 2025-02-01",
    );
    refused(
        &["top", "--kind", "Alien"],
        "unknown kind \"Alien\" (valid: Article, Person, Organization, Country, Location, Event)",
    );
    refused(&["neighbors", "بوتين", "--kind", "Alien"], "unknown kind");
    refused(
        &["path", "بوتين", "ترامب", "--kind", "Alien"],
        "unknown kind",
    );
    refused(&["neighbors", "بوتين", "--depth", "0"], "at least 1");
    refused(&["top", "-n", "0"], "at least 1");
    // a kind in any case is the kind
    shabaka()
        .args(["top", "--kind", "person", "--graph"])
        .arg(&graph)
        .assert()
        .success()
        .stdout(predicate::str::contains("Person"));
}

#[test]
fn a_given_name_alone_lists_the_people_who_carry_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    fs::write(
        &file,
        format!("{ARTICLE}وشارك في الاجتماع سيرجي ناريشكين أيضا.\n"),
    )
    .unwrap();
    let (assert, out) = build_in(dir.path(), &[&file]);
    assert.code(0);
    let graph = out.join("graph.json");
    for name in ["Sergey", "سيرجي", "سيرغي"] {
        shabaka()
            .args(["show", name, "--graph"])
            .arg(&graph)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(
                "is ambiguous; did you mean one of",
            ))
            .stderr(predicate::str::contains("person:sergey-lavrov"))
            .stderr(predicate::str::contains("person:sergey-naryshkin"));
    }
    // one bearer: that person; a surname seen only in the full name, too
    for name in ["Vladimir", "بوتين", "ترامب"] {
        shabaka()
            .args(["show", name, "--graph"])
            .arg(&graph)
            .assert()
            .success();
    }
}

#[test]
fn every_gazetteer_alias_resolves_in_queries_seen_in_the_text_or_not() {
    let dir = tempfile::tempdir().unwrap();
    let graph = article_graph(dir.path());
    // the article writes «دونالد ترامب»; the gazetteer also knows «ترمب»
    shabaka()
        .args(["show", "ترمب", "--graph"])
        .arg(&graph)
        .assert()
        .success()
        .stdout(predicate::str::contains("person:donald-trump"));
    shabaka()
        .args(["path", "دونالد ترمب", "بوتين", "--graph"])
        .arg(&graph)
        .assert()
        .success();
}

#[test]
fn gazetteer_duplicates_and_bad_role_dates_are_errors_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    fs::write(&file, ARTICLE).unwrap();
    let refused = |name: &str, content: &str, says: &str| {
        let data = dir.path().join(name);
        fs::write(&data, content).unwrap();
        shabaka()
            .args(["build", "--out"])
            .arg(dir.path().join("out"))
            .arg("--gazetteer")
            .arg(&data)
            .arg(&file)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(format!("{name}:{says}")));
    };
    let people = "id\tkind\tcategory\tlabel_ar\tlabel_en\taliases_ar\tcountry\tnisba\n";
    let roles = "person\trole\ttarget\ttitle_ar\tfrom\tto\n";
    refused(
        "twice.tsv",
        &format!("{people}zaid-one\tPerson\tx\tزيد\tZaid\t\t\t\nzaid-one\tPerson\tx\tزيد آخر\tZaid\t\t\t\n"),
        "3: duplicate id \"zaid-one\": already on line 2",
    );
    refused(
        "day.tsv",
        &format!("{roles}sergey-lavrov\tforeign_minister\trussia\t\t2025-02-30\t\n"),
        "2: \"2025-02-30\" is not a date of the calendar",
    );
    refused(
        "order.tsv",
        &format!("{roles}sergey-lavrov\tforeign_minister\trussia\t\t2025-03\t2024\n"),
        "2: the role starts (2025-03) after it ends (2024)",
    );
    refused(
        "who.tsv",
        &format!("{roles}# a comment\nnobody\tforeign_minister\trussia\t\t\t\n"),
        "3: role of \"nobody\" names unknown id \"nobody\"",
    );
}

#[test]
fn a_lexicon_folder_that_is_missing_or_holds_a_misnamed_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    fs::write(&file, ARTICLE).unwrap();
    let build_with = |lexicon: &Path| {
        shabaka()
            .args(["build", "--out"])
            .arg(dir.path().join("out"))
            .arg("--lexicon")
            .arg(lexicon)
            .arg(&file)
            .assert()
    };
    build_with(&dir.path().join("no-such-folder"))
        .code(1)
        .stderr(predicate::str::contains("cannot read the lexicon folder"));
    let lexicon = dir.path().join("lexicon");
    fs::create_dir(&lexicon).unwrap();
    fs::write(lexicon.join("title.tsv"), "word\tmeaning\n").unwrap();
    build_with(&lexicon)
        .code(1)
        .stderr(predicate::str::contains(
            "title.tsv: replaces no lexicon file (did you mean titles.tsv?",
        ));
}

/// The sample articles, as bytes.
fn samples() -> Vec<Vec<u8>> {
    let mut paths: Vec<_> = fs::read_dir("data/articles")
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths.iter().map(|p| fs::read(p).unwrap()).collect()
}

/// What extraction keeps of an article: the text of each sentence not taken for
/// boilerplate, and the gazetteer entities named in full in each.
fn kept(text: &str) -> Vec<(String, Vec<String>)> {
    use shabaka::extract::mentions::EntityRef;
    use shabaka::text::normalize::normalize_key;
    let ex = common::extractor();
    let doc = ex.document(text);
    let found = ex.finder.find(&doc, &ex.gazetteer, &ex.lexicon);
    (0..doc.sentences.len())
        .filter(|&i| !doc.excluded[i])
        .map(|i| {
            let mut known: Vec<String> = found
                .mentions
                .iter()
                .filter(|m| m.sentence as usize == i)
                .filter_map(|m| match m.entity {
                    EntityRef::Known(k) => Some((&ex.gazetteer.entries[k as usize], m)),
                    _ => None,
                })
                // named in full: a surname alone is resolved by the full name elsewhere
                // in the article, which the damage may have hit
                .filter(|(entry, m)| {
                    let surface = normalize_key(&m.surface);
                    entry.aliases.iter().any(|a| normalize_key(a) == surface)
                })
                .map(|(entry, _)| entry.id.clone())
                .collect();
            known.sort();
            known.dedup();
            (doc.sentence_text(i as u32), known)
        })
        .collect()
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: common::cases(48),
        ..Default::default()
    })]

    /// One byte of an article changed to any other value (a flipped bit, a NUL, a stray
    /// control or terminator): the file still decodes, and every sentence but the one the
    /// byte is in (or ends, or begins) is kept, with the gazetteer entities it names in full.
    #[test]
    fn a_single_corrupted_byte_never_drops_more_than_its_sentence(
        article in 0usize..5,
        position in proptest::prelude::any::<proptest::sample::Index>(),
        value in proptest::prelude::any::<u8>(),
    ) {
        let bytes = &samples()[article];
        let at = position.index(bytes.len());
        proptest::prop_assume!(bytes[at] != value);
        let original = std::str::from_utf8(bytes).unwrap();
        let mut damaged = bytes.clone();
        damaged[at] = value;
        let decoded = shabaka::text::decode::decode(&damaged, None);
        proptest::prop_assert!(decoded.is_ok(), "byte {at} → {value:#x}: {decoded:?}");
        let decoded = decoded.unwrap();
        let before = kept(original);
        let after = kept(&decoded.text);
        // the sentences around the damaged byte: the one holding its character, and a
        // neighbour when the character is a sentence end or begins one
        let char_at = original[..original.floor_char_boundary(at)].chars().count() as u32;
        let ex = common::extractor();
        let doc = ex.document(original);
        let spans: Vec<(u32, u32)> = doc.sentences.iter().map(|s| (s.chars.start, s.chars.end)).collect();
        let mut touched: Vec<usize> = Vec::new();
        match spans.iter().position(|&(start, end)| start <= char_at && char_at < end) {
            // inside a sentence; its last character (the terminator) joins it to the next
            Some(i) => {
                touched.push(i);
                if char_at + 1 == spans[i].1 {
                    touched.push(i + 1);
                }
            }
            // between two sentences: both
            None => {
                touched.extend(spans.iter().rposition(|&(_, end)| end <= char_at));
                touched.extend(spans.iter().position(|&(start, _)| start > char_at));
            }
        }
        let affected: Vec<String> = touched
            .into_iter()
            .filter(|&i| i < spans.len())
            .map(|i| doc.sentence_text(i as u32))
            .collect();
        for (sentence, known) in &before {
            if affected.contains(sentence) {
                continue;
            }
            let still = after.iter().find(|(s, _)| s == sentence);
            proptest::prop_assert!(
                still.is_some(),
                "byte {at} → {value:#x} dropped another sentence: {sentence}"
            );
            let (_, known_after) = still.unwrap();
            for entity in known {
                proptest::prop_assert!(
                    known_after.contains(entity),
                    "byte {at} → {value:#x} lost {entity} in: {sentence}"
                );
            }
        }
    }
}
