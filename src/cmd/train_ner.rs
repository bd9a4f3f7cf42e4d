//! `shabaka train-ner`: trains the learned tagger on a CoNLL file, or measures it by
//! cross-validation.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{bail, Context, Result};

use super::common::DataArgs;
use super::exit::Exit;
use shabaka::extract::ExtractOptions;
use shabaka::ner::features::Template;
use shabaka::ner::labels::NameKind;
use shabaka::ner::score::Scores;
use shabaka::ner::train::TrainOptions;
use shabaka::ner::FeatureMask;

/// Train the learned tagger on a CoNLL file (`token TAG` per line, BIO tags of PERS, LOC,
/// ORG; MISC is read as O), or cross-validate it.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  shabaka train-ner --conll ner.txt --out data/models/ner.model\n  shabaka train-ner --conll ner.txt --cv 5\n\nExit status: 0 done; 1 error (unreadable file, no sentences); 2 a bad option value"
)]
pub struct Args {
    /// The training file (`-`: standard input).
    #[arg(long)]
    conll: PathBuf,
    /// Where to write the model (written atomically).
    #[arg(long, required_unless_present = "cv", conflicts_with = "cv")]
    out: Option<PathBuf>,
    /// Instead of training one model: K-fold cross-validation over contiguous blocks of
    /// documents, each fold tagged by a model trained on the others; prints scores per
    /// kind beside the rules alone.
    #[arg(long, value_name = "K")]
    cv: Option<usize>,
    /// Passes over the training data.
    #[arg(long, default_value_t = TrainOptions::default().epochs)]
    epochs: u32,
    /// Features seen fewer times are left out.
    #[arg(long, default_value_t = TrainOptions::default().min_count)]
    min_count: u32,
    /// Leave out a feature template (repeatable), to measure what it adds: word, stem,
    /// claim, claim-rule, lists, …
    #[arg(long = "without", value_name = "TEMPLATE")]
    without: Vec<String>,
    #[command(flatten)]
    data: DataArgs,
}

fn mask(names: &[String]) -> Result<FeatureMask> {
    let mut mask = FeatureMask::default();
    for name in names {
        let Some(t) = Template::parse(name) else {
            let known: Vec<&str> = Template::ALL.iter().map(|t| t.name()).collect();
            bail!(
                "no feature template «{name}»; the templates: {}",
                known.join(", ")
            );
        };
        mask = mask.without(t);
    }
    Ok(mask)
}

fn row(out: &mut impl Write, name: &str, rules: &Scores, model: &Scores) -> std::io::Result<()> {
    let cells = |s: &Scores, k: Option<usize>| {
        let c = k.map_or(s.all, |k| s.by_kind[k]);
        format!("{:.3} {:.3} {:.3}", c.precision(), c.recall(), c.f1())
    };
    writeln!(
        out,
        "{:<5} {:>5}  {}  {}",
        name,
        "",
        cells(rules, None),
        cells(model, None)
    )?;
    for (k, kind) in NameKind::ALL.iter().enumerate() {
        writeln!(
            out,
            "{:<5} {:>5}  {}  {}",
            "",
            kind.as_str(),
            cells(rules, Some(k)),
            cells(model, Some(k))
        )?;
    }
    Ok(())
}

pub fn run(args: Args) -> Result<Exit> {
    // NER corpora tag every token, boilerplate-looking lines included
    let mut extractor = args.data.extractor(ExtractOptions {
        keep_boilerplate: true,
        ..ExtractOptions::default()
    })?;
    // training reads what the rules claim: the data arguments load no model
    extractor.finder.set_feature_mask(mask(&args.without)?);
    let content = super::common::read_text_or_stdin(&args.conll)?;
    let lines = shabaka::conll::parse(&content);
    let options = TrainOptions {
        epochs: args.epochs,
        min_count: args.min_count,
    };
    let corpus = shabaka::conll::Corpus::new(&lines);
    if corpus.token_count() == 0 {
        bail!("{}: no tokens", args.conll.display());
    }
    if let Some(k) = args.cv {
        if k < 2 || k > corpus.document_count() {
            bail!(
                "--cv {k}: needs 2 to {} folds (the file has {} documents of sentences)",
                corpus.document_count(),
                corpus.document_count()
            );
        }
        let folds = shabaka::conll::cross_validate(&extractor, &lines, k, options);
        let mut out = std::io::stdout().lock();
        writeln!(
            out,
            "{k}-fold cross-validation, exact spans; P R F1 of the rules alone, then with the model"
        )?;
        let (mut rules, mut model, mut tagger) =
            (Scores::default(), Scores::default(), Scores::default());
        for (i, fold) in folds.iter().enumerate() {
            rules.add(&fold.rules);
            model.add(&fold.model);
            tagger.add(&fold.tagger);
            writeln!(
                out,
                "fold {} (documents {}..{}): F1 {:.3} → {:.3}",
                i + 1,
                fold.documents.start,
                fold.documents.end,
                fold.rules.all.f1(),
                fold.model.all.f1()
            )?;
        }
        row(&mut out, "all", &rules, &model)?;
        writeln!(out, "the tagger's own labels on the document tokens:")?;
        row(&mut out, "all", &rules, &tagger)?;
        return Ok(Exit::Ok);
    }
    let out = args.out.expect("clap requires --out without --cv");
    let model = shabaka::conll::train_model(&extractor, &lines, options);
    let bytes = model.to_bytes();
    shabaka::export::write_atomic_with(&out, |w| w.write_all(&bytes))
        .with_context(|| format!("cannot write {}", out.display()))?;
    eprintln!(
        "trained on {} tokens ({} documents): {} features, {} bytes → {}",
        corpus.token_count(),
        corpus.document_count(),
        model.feature_count(),
        bytes.len(),
        out.display()
    );
    Ok(Exit::Ok)
}
