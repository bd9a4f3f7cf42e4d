//! The command line's habits: completions, the manual page, `--version`, colour
//! conventions, help on every argument.

use std::process::Command as Std;

use predicates::prelude::*;

mod common;
use common::shabaka;

fn stdout_of(args: &[&str], env: &[(&str, &str)]) -> String {
    let mut cmd = shabaka();
    cmd.args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_bash_completion_script_is_valid_bash_and_every_shell_gets_one() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("shabaka.bash");
    std::fs::write(&script, stdout_of(&["completions", "bash"], &[])).unwrap();
    let checked = Std::new("bash").arg("-n").arg(&script).status().unwrap();
    assert!(checked.success(), "bash -n rejects the completion script");
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let text = stdout_of(&["completions", shell], &[]);
        assert!(
            text.contains("shabaka") && text.contains("build"),
            "{shell}"
        );
    }
    shabaka()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("possible values"));
}

#[test]
fn the_manual_page_renders_with_groff_and_names_every_command() {
    let page = stdout_of(&["man"], &[]);
    let mut groff = Std::new("groff")
        .args(["-k", "-man", "-Tutf8", "-ww"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("groff is installed (scripts/setup.sh)");
    use std::io::Write;
    groff
        .stdin
        .take()
        .unwrap()
        .write_all(page.as_bytes())
        .unwrap();
    let out = groff.wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    for command in ["build", "path", "show", "events", "completions"] {
        assert!(text.contains(command), "the page lacks {command}");
    }
    let dir = tempfile::tempdir().unwrap();
    shabaka()
        .args(["man", "--out"])
        .arg(dir.path())
        .assert()
        .success();
    for page in ["shabaka.1", "shabaka-build.1", "shabaka-path.1"] {
        assert!(dir.path().join(page).is_file(), "{page} not written");
    }
}

#[test]
fn version_names_the_built_in_data_also_as_json() {
    let text = stdout_of(&["--version"], &[]);
    assert!(text.starts_with(&format!("shabaka {}", env!("CARGO_PKG_VERSION"))));
    for part in ["gazetteer", "lexicon", "model"] {
        assert!(text.contains(part), "{text}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&stdout_of(&["--version", "--json"], &[])).unwrap();
    assert_eq!(json["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(
        json["model"]["bytes"],
        std::fs::metadata("data/models/ner.model").unwrap().len()
    );
    for data in ["gazetteer", "lexicon", "model"] {
        assert_eq!(json[data]["sha256"].as_str().unwrap().len(), 12, "{json}");
    }
}

#[test]
fn colour_follows_the_flag_no_color_and_clicolor_force() {
    let graph = ["--graph", "exports/graph.json"];
    let show = |color: &str, env: &[(&str, &str)]| {
        let mut args = vec!["show", "ناريشكين", "--color", color];
        args.extend(graph);
        stdout_of(&args, env)
    };
    assert!(show("always", &[]).contains('\x1b'));
    assert!(!show("never", &[("CLICOLOR_FORCE", "1")]).contains('\x1b'));
    // not a terminal here: auto is plain, unless forced; NO_COLOR wins over forcing
    assert!(!show("auto", &[]).contains('\x1b'));
    assert!(show("auto", &[("CLICOLOR_FORCE", "1")]).contains('\x1b'));
    assert!(!show("auto", &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]).contains('\x1b'));
}

#[test]
fn every_argument_has_help_and_query_commands_give_examples_and_exit_codes() {
    // through the binary: the help of each command describes each of its arguments
    for command in [
        "build",
        "export",
        "tag",
        "train-ner",
        "path",
        "neighbors",
        "show",
        "stats",
        "top",
        "events",
        "unknown",
        "completions",
        "man",
    ] {
        let help = stdout_of(&[command, "--help"], &[]);
        assert!(help.contains("Exit status:"), "{command}: no exit statuses");
        assert!(help.contains("Example"), "{command}: no example");
        // every argument and option line says what it is: its name, then its help
        let mut listing = false;
        for line in help.lines() {
            if line.ends_with(':') && !line.starts_with(' ') {
                listing = matches!(line, "Arguments:" | "Options:");
                continue;
            }
            if listing && line.starts_with("  ") && line.trim_start().starts_with(['-', '<']) {
                let described = line.trim_start().split_once("  ").is_some();
                assert!(described, "{command}: an argument without help: {line}");
            }
        }
    }
}

/// graph.json of a build, without the `path` attributes (`-` for standard input).
fn graph_without_paths(out: &std::path::Path) -> serde_json::Value {
    let mut g = common::graph_json(out);
    for n in g["nodes"].as_array_mut().unwrap() {
        n.as_object_mut().unwrap().remove("path");
    }
    g
}

const TEXT: &str = "وقال وزير الخارجية الروسي سيرجي لافروف إن المحادثات مع الجانب الأمريكي مفيدة.\n\
واتصل الرئيس فلاديمير بوتين بالرئيس دونالد ترامب هاتفيا يوم الثلاثاء.\n";

#[test]
fn standard_input_builds_equal_file_builds_for_text_and_jsonl() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("story.txt");
    std::fs::write(&file, TEXT).unwrap();
    let from_file = dir.path().join("file");
    let from_stdin = dir.path().join("stdin");
    shabaka()
        .args(["build", "-q", "--out"])
        .arg(&from_file)
        .arg(&file)
        .assert()
        .success();
    shabaka()
        .args(["build", "-", "-q", "--stdin-name", "story", "--out"])
        .arg(&from_stdin)
        .write_stdin(TEXT)
        .assert()
        .success();
    assert_eq!(
        graph_without_paths(&from_file),
        graph_without_paths(&from_stdin)
    );

    let jsonl = dir.path().join("d.jsonl");
    let lines = [
        serde_json::json!({"id": "one", "text": TEXT, "published": "2025-02-18"}).to_string(),
        serde_json::json!({"id": "two", "text": TEXT.replace("الثلاثاء", "الأربعاء")}).to_string(),
    ]
    .join("\n");
    std::fs::write(&jsonl, &lines).unwrap();
    let (jsonl_file, jsonl_stdin) = (dir.path().join("jf"), dir.path().join("js"));
    shabaka()
        .args(["build", "-q", "--out"])
        .arg(&jsonl_file)
        .arg(&jsonl)
        .assert()
        .success();
    shabaka()
        .args(["build", "-", "-q", "--out"])
        .arg(&jsonl_stdin)
        .write_stdin(lines.clone())
        .assert()
        .success();
    assert_eq!(
        graph_without_paths(&jsonl_file),
        graph_without_paths(&jsonl_stdin)
    );
    // told it is text, the same bytes are one article
    let forced = dir.path().join("forced");
    shabaka()
        .args(["build", "-", "-q", "--stdin-format", "text", "--out"])
        .arg(&forced)
        .write_stdin(lines)
        .assert()
        .success();
    let g = common::graph_json(&forced);
    let articles = g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "Article")
        .count();
    assert_eq!(articles, 1);
}

#[test]
fn tag_reads_standard_input_when_no_file_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let conll = dir.path().join("t.conll");
    let tokens: String = TEXT.split_whitespace().map(|t| format!("{t}\n")).collect();
    std::fs::write(&conll, &tokens).unwrap();
    let from_file = stdout_of(&["tag", "--conll", conll.to_str().unwrap()], &[]);
    assert!(from_file.contains("B-PERS"));
    for args in [vec!["tag"], vec!["tag", "--conll", "-"]] {
        let out = shabaka()
            .args(&args)
            .write_stdin(tokens.clone())
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            from_file,
            "{args:?}"
        );
    }
}

#[test]
fn build_json_summary_counts_what_was_written() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join("a.txt"), TEXT).unwrap();
    std::fs::write(input.join("empty.txt"), "").unwrap();
    let out = dir.path().join("out");
    let run = shabaka()
        .args(["build", "--json", "-q", "--out"])
        .arg(&out)
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(3));
    let summary: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let graph = common::graph_json(&out);
    assert_eq!(summary["articles"], 1);
    assert_eq!(summary["skipped"][0]["reason"], "file is empty");
    assert_eq!(
        summary["nodes"]["total"],
        graph["nodes"].as_array().unwrap().len()
    );
    assert_eq!(
        summary["edges"]["total"],
        graph["edges"].as_array().unwrap().len()
    );
    let people = graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "Person")
        .count();
    assert_eq!(summary["nodes"]["by_kind"]["Person"], people);
    let files: Vec<&str> = summary["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert!(files.iter().any(|f| f.ends_with("graph.json")), "{files:?}");
    for f in files {
        assert!(
            std::path::Path::new(f).is_file(),
            "{f} listed but not written"
        );
    }
}

#[test]
fn errors_are_json_with_json_and_keep_their_exit_status() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    std::fs::write(&file, format!("{TEXT}وحضر سيرجي ناريشكين اللقاء.\n")).unwrap();
    let out = dir.path().join("out");
    shabaka()
        .args(["build", "-q", "--out"])
        .arg(&out)
        .arg(&file)
        .assert()
        .success();
    let graph = out.join("graph.json");
    let error = |args: &[&str], code: i32| -> serde_json::Value {
        let run = shabaka().args(args).output().unwrap();
        assert_eq!(run.status.code(), Some(code), "{args:?}");
        assert!(run.stdout.is_empty(), "{args:?} printed on stdout");
        let text = String::from_utf8(run.stderr).unwrap();
        serde_json::from_str::<serde_json::Value>(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
            ["error"]
            .clone()
    };
    let g = graph.to_str().unwrap();
    let ambiguous = error(&["show", "سيرجي", "--json", "--graph", g], 1);
    assert_eq!(ambiguous["kind"], "ambiguous_name");
    let ids: Vec<&str> = ambiguous["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["person:sergey-lavrov", "person:sergey-naryshkin"]);
    let unknown = error(&["show", "زززز", "--json", "--graph", g], 1);
    assert_eq!(unknown["kind"], "unknown_name");
    assert!(unknown["hint"].is_string());
    let missing = error(&["path", "a", "b", "--json", "--graph", "no/such.json"], 1);
    assert_eq!(missing["kind"], "graph");
    let usage = error(&["top", "--kind", "Alien", "--json", "--graph", g], 2);
    assert_eq!(usage["kind"], "usage");
    assert!(usage["message"]
        .as_str()
        .unwrap()
        .contains("valid: Article"));
    let input = error(&["build", "no/such/folder", "--json"], 1);
    assert_eq!(input["kind"], "input");
}

#[cfg(target_os = "linux")]
#[test]
fn progress_on_a_terminal_counts_decimal_megabytes_and_the_exports() {
    // `script` runs the build on a pseudo-terminal, where the progress bars appear
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let sample = std::fs::read_to_string("data/articles/004_cef7240dbd8b702b.txt").unwrap();
    for i in 0..300 {
        std::fs::write(
            input.join(format!("{i:03}.txt")),
            format!("{sample}\n{i}\n"),
        )
        .unwrap();
    }
    let command = format!(
        "{} build {} --out {}",
        env!("CARGO_BIN_EXE_shabaka"),
        input.display(),
        dir.path().join("out").display()
    );
    let out = Std::new("script")
        .args(["-qec", &command, "/dev/null"])
        .output()
        .expect("script (util-linux) runs");
    assert!(out.status.success());
    let screen = String::from_utf8_lossy(&out.stdout);
    assert!(screen.contains("writing exports"), "{screen}");
    assert!(screen.contains(" MB"), "{screen}");
    assert!(
        !screen.contains("MiB"),
        "binary units in the progress: {screen}"
    );
    assert!(screen.contains("built 300 articles"), "{screen}");
}

#[test]
fn queries_read_the_graph_from_standard_input_with_graph_dash() {
    let graph = std::fs::read_to_string("exports/graph.json").unwrap();
    let from_file = stdout_of(&["show", "ناريشكين", "--graph", "exports/graph.json"], &[]);
    let out = shabaka()
        .args(["show", "ناريشكين", "--graph", "-"])
        .write_stdin(graph)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), from_file);
}
