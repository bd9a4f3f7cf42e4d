//! Prints the mentions found in each text given on the command line, with the rule that
//! found them: `cargo run --release --example dbg_mentions -- "وقال الرئيس ..."`. A quick
//! way to see why a name was (or was not) found while working on the rules.

use shabaka::extract::{ExtractOptions, Extractor};

fn main() {
    let extractor = match Extractor::load(&[] as &[&str], None, ExtractOptions::default()) {
        Ok(extractor) => extractor,
        Err(e) => {
            eprintln!("cannot load the gazetteer or lexicon: {e}");
            std::process::exit(1);
        }
    };
    for text in std::env::args().skip(1) {
        let doc = extractor.document(&text);
        let found = extractor
            .finder
            .find(&doc, &extractor.gazetteer, &extractor.lexicon);
        println!("{text}");
        for m in &found.mentions {
            println!(
                "  [{}..{}) {:?} «{}» {}",
                m.chars.start, m.chars.end, m.entity, m.surface, m.rule
            );
        }
    }
}
