//! `shabaka --version`: the program and the data built into it.

use anyhow::Result;

use super::exit::Exit;

/// What `--version` reports: a graph is only reproducible with the same binary and data.
#[derive(serde::Serialize)]
struct Version {
    version: &'static str,
    gazetteer: Data,
    lexicon: Data,
    model: Model,
}

#[derive(serde::Serialize)]
struct Data {
    files: usize,
    sha256: String,
}

#[derive(serde::Serialize)]
struct Model {
    bytes: usize,
    sha256: String,
}

pub fn run(json: bool) -> Result<Exit> {
    let (gazetteer_files, gazetteer_hash) = shabaka::extract::gazetteer::builtin_fingerprint();
    let (lexicon_files, lexicon_hash) = shabaka::extract::lexicon::builtin_fingerprint();
    let model = shabaka::ner::BUILTIN_MODEL;
    let v = Version {
        version: env!("CARGO_PKG_VERSION"),
        gazetteer: Data {
            files: gazetteer_files,
            sha256: gazetteer_hash,
        },
        lexicon: Data {
            files: lexicon_files,
            sha256: lexicon_hash,
        },
        model: Model {
            bytes: model.len(),
            sha256: shabaka::input::sha256_hex(model)[..12].to_string(),
        },
    };
    if json {
        println!("{}", serde_json::to_string_pretty(&v)?);
    } else {
        println!("shabaka {}", v.version);
        println!(
            "gazetteer  {} files, sha256 {}",
            v.gazetteer.files, v.gazetteer.sha256
        );
        println!(
            "lexicon    {} files, sha256 {}",
            v.lexicon.files, v.lexicon.sha256
        );
        println!(
            "model      {} bytes, sha256 {}",
            v.model.bytes, v.model.sha256
        );
    }
    Ok(Exit::Ok)
}
