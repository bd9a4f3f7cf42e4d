//! Errors as the user reads them: a line of text, or with `--json` an object scripts can
//! take apart, `{"error": {"kind", "message", "hint", "candidates"}}`, on stderr with the
//! same exit status.

use serde::Serialize;

/// A name that resolves to no entity, or to several: the entities it may mean.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct NameError {
    /// `unknown_name` or `ambiguous_name`.
    pub kind: &'static str,
    pub message: String,
    pub hint: &'static str,
    pub candidates: Vec<Candidate>,
}

/// An entity a name may mean.
#[derive(Debug, Clone, Serialize)]
pub struct Candidate {
    pub id: String,
    pub label: String,
}

/// An error with a kind and a hint of what to do, for errors that are not about names.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct Hinted {
    pub kind: &'static str,
    pub message: String,
    pub hint: &'static str,
}

#[derive(Serialize)]
struct ErrorObject<'a> {
    kind: &'a str,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    hint: Option<&'a str>,
    candidates: Vec<Candidate>,
}

/// The kind of an error, by what it is.
fn kind_of(e: &anyhow::Error) -> &'static str {
    if let Some(n) = e.downcast_ref::<NameError>() {
        return n.kind;
    }
    if let Some(h) = e.downcast_ref::<Hinted>() {
        return h.kind;
    }
    for cause in e.chain() {
        if cause.is::<shabaka::input::InputError>() {
            return "input";
        }
        if cause.is::<shabaka::data::DataError>() {
            return "data";
        }
        if cause.is::<std::io::Error>() {
            return "io";
        }
    }
    "error"
}

/// Prints `e` on stderr: text (control characters dropped) or the JSON object.
pub fn print_error(e: &anyhow::Error, json: bool) {
    if !json {
        eprintln!(
            "shabaka: error: {}",
            super::terminal::safe(&format!("{e:#}"))
        );
        return;
    }
    let name = e.downcast_ref::<NameError>();
    let hint = name
        .map(|n| n.hint)
        .or_else(|| e.downcast_ref::<Hinted>().map(|h| h.hint));
    let object = ErrorObject {
        kind: kind_of(e),
        message: format!("{e:#}"),
        hint,
        candidates: name.map(|n| n.candidates.clone()).unwrap_or_default(),
    };
    let text = serde_json::to_string(&serde_json::json!({ "error": object }))
        .unwrap_or_else(|_| r#"{"error":{"kind":"error","message":"unprintable error"}}"#.into());
    eprintln!("{text}");
}

/// A command-line error from clap, as JSON.
pub fn print_usage_error(e: &clap::Error) {
    let message = e.to_string();
    let first = message
        .lines()
        .next()
        .unwrap_or("")
        .trim_start_matches("error: ")
        .to_string();
    let object = ErrorObject {
        kind: "usage",
        message: first,
        hint: Some("see --help"),
        candidates: Vec::new(),
    };
    if let Ok(text) = serde_json::to_string(&serde_json::json!({ "error": object })) {
        eprintln!("{text}");
    }
}
