//! The learned tagger: training is deterministic, a saved model tags as the one in memory,
//! bad model files are refused, and the rules' features are really used.
//!
//! The training sentences are written here for the tests; the names are countries of the
//! built-in gazetteer and invented people.

use std::sync::Arc;

use assert_cmd::Command;
use shabaka::conll;
use shabaka::extract::{ExtractOptions, Extractor};
use shabaka::ner::features::Template;
use shabaka::ner::train::TrainOptions;
use shabaka::ner::{FeatureMask, Label, NerModel};

/// Countries the gazetteer knows, in the training sentences; `TEST_PLACE` is never among them.
const TRAIN_PLACES: [&str; 6] = ["فرنسا", "ألمانيا", "اليابان", "كندا", "السويد", "النرويج"];
const TEST_PLACE: &str = "البرتغال";
/// Ordinary words in the same slot, tagged O.
/// Ordinary words in the same slot, tagged O: more of them than places, as in any text.
const TRAIN_NOUNS: [&str; 12] = [
    "المصنع",
    "الميناء",
    "المعرض",
    "الملعب",
    "السوق",
    "المتحف",
    "المطار",
    "الفندق",
    "المدرسة",
    "المستشفى",
    "الجامعة",
    "المكتبة",
];

/// A small CoNLL file: «وصل الوفد إلى X أمس» with X a country (B-LOC) or a noun (O), and
/// sentences with an invented person after «قال».
fn training_file() -> String {
    let mut out = String::new();
    for round in 0..4 {
        let places = TRAIN_PLACES.iter().map(|p| (*p, "B-LOC"));
        let nouns = TRAIN_NOUNS.iter().map(|n| (*n, "O"));
        for (word, tag) in places.chain(nouns) {
            out.push_str("وصل O\nالوفد O\nإلى O\n");
            out.push_str(&format!("{word} {tag}\n"));
            out.push_str(if round % 2 == 0 {
                "أمس O\n\n"
            } else {
                "اليوم O\n\n"
            });
        }
        for (given, family) in [("سامر", "حداد"), ("نزار", "قباني"), ("رامي", "خوري")]
        {
            out.push_str(&format!(
                "قال O\n{given} B-PERS\n{family} I-PERS\nإن O\nالعرض O\nجيد O\n\n"
            ));
        }
    }
    out
}

fn extractor() -> Extractor {
    // NER files tag every line, as `shabaka tag` and `train-ner` read them
    Extractor::load(
        &[] as &[&str],
        None,
        ExtractOptions {
            keep_boilerplate: true,
            ..ExtractOptions::default()
        },
    )
    .expect("the built-in data load")
}

fn train(extractor: &Extractor) -> NerModel {
    let lines = conll::parse(&training_file());
    conll::train_model(extractor, &lines, TrainOptions::default())
}

/// The model's own label of every token of `text`, before the mention path uses them.
fn model_labels(extractor: &Extractor, model: &NerModel, text: &str) -> Vec<(String, Label)> {
    let doc = extractor.document(text);
    let mut out = Vec::new();
    for sentence in extractor
        .finder
        .tagger_features(&doc, &extractor.gazetteer, &extractor.lexicon)
    {
        let labels = model.tag(&sentence.flat, &sentence.ranges);
        for (k, label) in labels.into_iter().enumerate() {
            out.push((doc.token_text(sentence.first + k).to_string(), label));
        }
    }
    out
}

#[test]
fn training_twice_gives_the_same_bytes() {
    let ex = extractor();
    let (a, b) = (train(&ex).to_bytes(), train(&ex).to_bytes());
    assert!(a.len() > 100);
    assert_eq!(a, b);
}

#[test]
fn the_cli_trains_the_same_bytes_twice() {
    let dir = tempfile::tempdir().unwrap();
    let conll = dir.path().join("train.txt");
    std::fs::write(&conll, training_file()).unwrap();
    let mut models = Vec::new();
    for name in ["a.model", "b.model"] {
        let out = dir.path().join(name);
        Command::cargo_bin("shabaka")
            .unwrap()
            .args(["train-ner", "--conll"])
            .arg(&conll)
            .arg("--out")
            .arg(&out)
            .assert()
            .success();
        models.push(std::fs::read(&out).unwrap());
    }
    assert_eq!(models[0], models[1]);
    // and what the library trains is what the command wrote
    assert_eq!(models[0], train(&extractor()).to_bytes());
}

#[test]
fn a_saved_model_tags_exactly_as_the_one_in_memory() {
    let ex = extractor();
    let model = train(&ex);
    let loaded = NerModel::from_bytes(&model.to_bytes()).expect("its own bytes load");
    let lines = conll::parse(&training_file());
    let mut in_memory = ex.clone();
    in_memory.finder.set_model(Some(Arc::new(model)));
    let mut from_file = ex.clone();
    from_file.finder.set_model(Some(Arc::new(loaded)));
    let a = conll::tag(&in_memory, &lines);
    assert_eq!(a, conll::tag(&from_file, &lines));
    assert!(a.contains("B-LOC"), "{a}");
}

#[test]
fn the_rules_features_decide_an_unseen_place() {
    // «البرتغال» is in no training sentence: only the gazetteer's claim and list
    // memberships (the rules' features) say it is a place
    let sentence = format!("وصل الوفد إلى {TEST_PLACE} أمس");
    let with_rules = extractor();
    let model = train(&with_rules);
    let label_of = |ex: &Extractor, model: &NerModel| {
        model_labels(ex, model, &sentence)
            .into_iter()
            .find(|(w, _)| w == TEST_PLACE)
            .map(|(_, l)| l)
    };
    assert_eq!(label_of(&with_rules, &model), Some(Label::BLoc));

    let mut without = extractor();
    let mut mask = FeatureMask::default();
    for t in [
        Template::Claim,
        Template::ClaimRule,
        Template::ClaimPrev,
        Template::ClaimNext,
        Template::Lists,
        Template::ListsPrev,
        Template::Elsewhere,
    ] {
        mask = mask.without(t);
    }
    without.finder.set_feature_mask(mask);
    let blind = train(&without);
    assert_eq!(label_of(&without, &blind), Some(Label::O));
}

fn tag_with_model(model: &std::path::Path) -> assert_cmd::assert::Assert {
    let dir = tempfile::tempdir().unwrap();
    let conll = dir.path().join("in.txt");
    std::fs::write(&conll, "وصل O\nالوفد O\n").unwrap();
    Command::cargo_bin("shabaka")
        .unwrap()
        .args(["tag", "--conll"])
        .arg(&conll)
        .arg("--model")
        .arg(model)
        .assert()
}

#[test]
fn the_mention_path_tags_as_the_features_say() {
    // `find` scores each word once per thread and caches it across articles; its labels
    // must be those of the plain features, on first sight of the words and again
    let ex = extractor();
    let model = Arc::new(train(&ex));
    let mut tagging = ex.clone();
    tagging.finder.set_model(Some(model.clone()));
    let texts = [
        format!("وصل الوفد إلى {TEST_PLACE} أمس. قال سامر حداد إن العرض جيد."),
        "قال نزار قباني إن الوفد وصل إلى كندا اليوم، ثم وصل الوفد إلى المطار.".to_string(),
    ];
    for round in 0..2 {
        for text in &texts {
            let plain: Vec<Label> = model_labels(&ex, &model, text)
                .into_iter()
                .map(|(_, l)| l)
                .collect();
            let doc = tagging.document(text);
            let cached = tagging
                .finder
                .tagger_labels(&doc, &tagging.gazetteer, &tagging.lexicon)
                .expect("a model is set");
            assert_eq!(cached, plain, "round {round}: {text}");
            assert!(plain.iter().any(|l| *l != Label::O), "{text}");
        }
    }
}

#[test]
fn a_corrupt_or_foreign_model_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let good = train(&extractor()).to_bytes();

    let corrupt = dir.path().join("corrupt.model");
    let mut bytes = good.clone();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x55;
    std::fs::write(&corrupt, &bytes).unwrap();
    let out = tag_with_model(&corrupt).failure().get_output().clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cut short or altered"), "{err}");
    assert!(!err.contains("panicked"), "{err}");

    let cut = dir.path().join("cut.model");
    std::fs::write(&cut, &good[..good.len() / 3]).unwrap();
    let out = tag_with_model(&cut).failure().get_output().clone();
    assert!(String::from_utf8_lossy(&out.stderr).contains("cut short or altered"));

    let foreign = dir.path().join("foreign.model");
    std::fs::write(&foreign, "token\tB-PERS\n").unwrap();
    let out = tag_with_model(&foreign).failure().get_output().clone();
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a shabaka NER model"));

    let good_file = dir.path().join("good.model");
    std::fs::write(&good_file, &good).unwrap();
    tag_with_model(&good_file).success();
}

#[test]
fn a_model_of_another_feature_version_is_refused() {
    use sha2::Digest;
    let good = train(&extractor()).to_bytes();
    // the header: signature, format, feature version, labels; a checksum ends the file
    let signature = b"SHABAKA NER\n".len();
    let mut other = good[..good.len() - 32].to_vec();
    other[signature + 4..signature + 8].copy_from_slice(&999u32.to_le_bytes());
    let digest = sha2::Sha256::digest(&other);
    other.extend_from_slice(&digest);
    let err = NerModel::from_bytes(&other).unwrap_err().to_string();
    assert!(
        err.contains("version 999") && err.contains("train-ner"),
        "{err}"
    );
    // and the command says so too
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.model");
    std::fs::write(&path, &other).unwrap();
    let out = tag_with_model(&path).failure().get_output().clone();
    assert!(String::from_utf8_lossy(&out.stderr).contains("version 999"));
}

#[test]
fn cross_validation_prints_scores_per_kind() {
    let dir = tempfile::tempdir().unwrap();
    let conll = dir.path().join("train.txt");
    // enough sentences for two documents of 40
    std::fs::write(&conll, training_file().repeat(2)).unwrap();
    let out = Command::cargo_bin("shabaka")
        .unwrap()
        .args(["train-ner", "--cv", "2", "--conll"])
        .arg(&conll)
        .assert()
        .success()
        .get_output()
        .clone();
    let text = String::from_utf8_lossy(&out.stdout);
    for needle in ["fold 1", "fold 2", "PERS", "LOC", "ORG"] {
        assert!(text.contains(needle), "{needle} missing in:\n{text}");
    }
    // the held-out places are gazetteer countries in sentences like the training ones:
    // the rules find them, and the model trained on the other fold keeps them
    let loc_f1 = |line: &str| -> f64 { line.split_whitespace().last().unwrap().parse().unwrap() };
    let loc = text
        .lines()
        .find(|l| l.trim_start().starts_with("LOC"))
        .expect("a LOC row");
    assert!(loc_f1(loc) > 0.9, "{text}");
    // more folds than documents is a clear error
    Command::cargo_bin("shabaka")
        .unwrap()
        .args(["train-ner", "--cv", "50", "--conll"])
        .arg(&conll)
        .assert()
        .failure()
        .stderr(predicates::str::contains("folds"));
}

/// A gazetteer surname alone that the built-in tagger reads as the first word of a longer
/// name is that other person, not the gazetteer's: «كيم» of «كيم يونغ تشول» is not Kim Jong
/// Un, while «كيم» alone after his full name still is.
#[test]
fn a_surname_the_tagger_reads_as_the_start_of_another_name_is_not_the_gazetteer_person() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kim.txt");
    std::fs::write(
        &file,
        "وقال الزعيم الكوري الشمالي كيم جونغ أون إن القمة ناجحة.\n\
         واستقبل الوزير المسؤول الكوري الشمالي كيم يونغ تشول في العاصمة يوم الخميس.\n\
         وقال كيم إن بلاده مستعدة للحوار.\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    Command::cargo_bin("shabaka")
        .unwrap()
        .args(["build", "-q", "--out"])
        .arg(&out)
        .arg(&file)
        .assert()
        .success();
    let g: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("graph.json")).unwrap()).unwrap();
    let people: Vec<(&str, &str)> = g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "Person")
        .map(|n| (n["id"].as_str().unwrap(), n["label"].as_str().unwrap()))
        .collect();
    assert!(
        people
            .iter()
            .any(|(id, label)| *id != "person:kim-jong-un" && label.starts_with("كيم يونغ")),
        "{people:?}"
    );
    let kim = g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "person:kim-jong-un")
        .expect("Kim Jong Un is found");
    assert_eq!(kim["mentions"], 2, "his full name and «كيم» alone: {kim}");
}
