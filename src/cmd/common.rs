//! What several commands share: the data, format and query arguments, reading a built
//! graph, resolving typed names and printing an answer as text or JSON.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use shabaka::export;
use shabaka::extract::{ExtractOptions, Extractor};
use shabaka::graph::KnowledgeGraph;
use shabaka::ner::NerModel;
use shabaka::query::{NameIndex, NodeRef, Resolution};

/// A node kind typed by the user (any case), as the graph writes it; an unknown one is an
/// error that lists the kinds there are.
pub fn parse_kind(text: &str) -> std::result::Result<String, String> {
    use shabaka::vocab::NodeKind;
    NodeKind::ALL
        .iter()
        .find(|k| k.as_str().eq_ignore_ascii_case(text.trim()))
        .map(|k| k.as_str().to_string())
        .ok_or_else(|| {
            let valid: Vec<&str> = NodeKind::ALL.iter().map(|k| k.as_str()).collect();
            format!("unknown kind {text:?} (valid: {})", valid.join(", "))
        })
}

/// A date typed by the user: ISO, of any precision.
pub fn parse_date(text: &str) -> std::result::Result<String, String> {
    let text = text.trim();
    if shabaka::extract::dates::valid_published(text) && !text.contains(['T', ' ']) {
        Ok(text.to_string())
    } else {
        Err(format!(
            "{text:?} is not a date (valid: YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2018-05-07)"
        ))
    }
}

/// A count that must be at least one (`--depth`, `-n`).
pub fn parse_positive(text: &str) -> std::result::Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(format!("{text:?} is not a whole number of at least 1")),
    }
}

/// Where the gazetteer and lexicon come from (built in, plus these).
#[derive(clap::Args)]
pub struct DataArgs {
    /// Extra gazetteer TSV file (repeatable); its entries add to or replace built-in ones.
    #[arg(long = "gazetteer", value_name = "FILE")]
    pub gazetteers: Vec<PathBuf>,
    /// Folder with lexicon files replacing the built-in ones of the same name.
    #[arg(long, value_name = "DIR")]
    pub lexicon: Option<PathBuf>,
}

/// Which learned tagger finds the names (built in, a file, or none).
#[derive(clap::Args)]
pub struct ModelArgs {
    /// A tagger model (made by `shabaka train-ner`) instead of the built-in one.
    #[arg(long, value_name = "FILE", conflicts_with = "no_model")]
    pub model: Option<PathBuf>,
    /// Rules and gazetteer alone, without the learned tagger.
    #[arg(long)]
    pub no_model: bool,
}

impl DataArgs {
    /// The extractor these data make.
    pub fn extractor(&self, options: ExtractOptions) -> Result<Extractor> {
        Extractor::load(&self.gazetteers, self.lexicon.as_deref(), options)
            .context("cannot load gazetteer or lexicon")
    }
}

impl ModelArgs {
    /// `extractor` with the tagger these arguments ask for.
    pub fn attach(&self, mut extractor: Extractor) -> Result<Extractor> {
        extractor
            .finder
            .set_model(self.tagger()?.map(std::sync::Arc::new));
        Ok(extractor)
    }

    /// The learned tagger these arguments ask for: the built-in one, a file, or none.
    pub fn tagger(&self) -> Result<Option<NerModel>> {
        if self.no_model {
            return Ok(None);
        }
        let model = match &self.model {
            Some(path) => {
                let bytes = std::fs::read(path)
                    .with_context(|| format!("cannot read model {}", path.display()))?;
                NerModel::from_bytes(&bytes)
                    .with_context(|| format!("cannot load model {}", path.display()))?
            }
            None => shabaka::ner::builtin_model().context("the built-in model is unreadable")?,
        };
        Ok(Some(model))
    }
}

/// Which formats to write, and how to draw the DOT picture.
#[derive(clap::Args)]
pub struct FormatArgs {
    /// Formats, comma-separated: all, json, graphml, gexf, dot, csv, neo4j.
    #[arg(long, default_value = "all")]
    pub format: String,
    /// DOT only: keep the N nodes of highest degree (0: all).
    #[arg(long, default_value_t = 0)]
    pub max_nodes: usize,
    /// DOT only: keep these node kinds (repeatable: Person, Organization, ...).
    #[arg(long = "kind", value_parser = parse_kind)]
    pub kinds: Vec<String>,
    /// DOT only: draw articles and provenance edges too.
    #[arg(long)]
    pub dot_articles: bool,
}

impl FormatArgs {
    /// The formats and DOT options, or why the list is wrong.
    pub fn parse(&self) -> Result<(Vec<export::Format>, export::dot::DotOptions)> {
        let formats = export::Format::parse_list(&self.format).map_err(anyhow::Error::msg)?;
        let dot = export::dot::DotOptions {
            max_nodes: self.max_nodes,
            kinds: self.kinds.clone(),
            with_articles: self.dot_articles,
        };
        Ok((formats, dot))
    }
}

/// The arguments every query takes.
#[derive(clap::Args)]
pub struct QueryArgs {
    /// The built graph (`-`: standard input).
    #[arg(long, default_value = "exports/graph.json")]
    pub graph: PathBuf,
    /// Output as JSON (errors too: `{"error": {...}}` on stderr).
    #[arg(long)]
    pub json: bool,
}

/// A UTF-8 text file, or standard input for `-`.
pub fn read_text_or_stdin(path: &Path) -> Result<String> {
    if path.as_os_str() == "-" {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
            .context("cannot read standard input as UTF-8 text")?;
        return Ok(text);
    }
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

/// Reads a built graph.json (`-`: from standard input), saying how to make one if it is
/// missing.
pub fn read_graph(path: &Path) -> Result<KnowledgeGraph> {
    let text = if path.as_os_str() == "-" {
        read_text_or_stdin(path)?
    } else {
        std::fs::read_to_string(path).map_err(|e| super::report::Hinted {
            kind: "graph",
            message: format!("cannot read {}: {e}", path.display()),
            hint: "run `shabaka build` first, or give --graph",
        })?
    };
    export::json::from_json(&text)
        .with_context(|| format!("{} is not a shabaka graph", path.display()))
}

/// Resolves a name typed by the user to a node id, or explains why not ("did you mean"),
/// with the candidates as data for `--json` errors.
pub fn resolve(names: &NameIndex, graph: &KnowledgeGraph, name: &str) -> Result<String> {
    use super::report::{Candidate, NameError};
    let candidates = |ids: &mut dyn Iterator<Item = &String>| -> Vec<Candidate> {
        ids.map(|id| Candidate {
            id: id.clone(),
            label: NodeRef::new(graph, id).display(),
        })
        .collect()
    };
    let listed = |candidates: &[Candidate]| {
        candidates
            .iter()
            .map(|c| format!("  {} — {}", c.label, c.id))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let (kind, message, hint, candidates) = match names.resolve(name) {
        Resolution::Found(id) => return Ok(id),
        Resolution::Ambiguous(ids) => {
            let found = candidates(&mut ids.iter());
            (
                "ambiguous_name",
                format!(
                    "{name:?} is ambiguous; did you mean one of:\n{}",
                    listed(&found)
                ),
                "give the full name or the id",
                found,
            )
        }
        Resolution::Unknown(suggestions) if suggestions.is_empty() => (
            "unknown_name",
            format!("no entity named {name:?}"),
            "`shabaka unknown` lists the names found beyond the gazetteer",
            Vec::new(),
        ),
        Resolution::Unknown(suggestions) => {
            let found = candidates(&mut suggestions.iter().map(|(_, i)| i));
            (
                "unknown_name",
                format!(
                    "no entity named {name:?}; did you mean:\n{}",
                    listed(&found)
                ),
                "check the spelling, or pick a candidate",
                found,
            )
        }
    };
    Err(NameError {
        kind,
        message,
        hint,
        candidates,
    }
    .into())
}

/// Prints `value` as pretty JSON, or as the text `text` renders (told whether to style it:
/// see `terminal::color`).
pub fn print_answer<T: serde::Serialize>(
    json: bool,
    value: &T,
    text: impl FnOnce(bool) -> String,
) -> Result<()> {
    use std::io::IsTerminal;
    if json {
        println!("{}", serde_json::to_string_pretty(value)?);
    } else {
        let terminal = std::io::stdout().is_terminal();
        let rendered = text(super::terminal::color(terminal));
        let safe = super::terminal::safe_keeping_bold(&rendered);
        match super::terminal::width(terminal) {
            Some(width) => print!("{}", super::terminal::fit(&safe, width)),
            None => print!("{safe}"),
        }
    }
    Ok(())
}
