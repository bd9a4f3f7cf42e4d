//! `shabaka tag --conll`: tag pre-tokenised text with BIO tags (PERS, LOC, ORG), to measure
//! extraction on text nobody here wrote. Any tags in the input are ignored.

use rayon::prelude::*;

use crate::extract::gazetteer::EntityKind;
use crate::extract::Extractor;

/// Sentences per pseudo-article: long enough for surname resolution to see full names.
const SENTENCES_PER_DOCUMENT: usize = 40;

/// One input line: a token, or a sentence break (blank line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    Token(String),
    Break,
}

/// Reads `token [TAG]` lines.
pub fn parse(content: &str) -> Vec<Line> {
    content
        .lines()
        .map(|l| match l.split_whitespace().next() {
            Some(token) => Line::Token(token.to_string()),
            None => Line::Break,
        })
        .collect()
}

fn tag_name(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "PERS",
        EntityKind::Organization => "ORG",
        EntityKind::Country | EntityKind::Location => "LOC",
    }
}

/// Tags every token; the output has one `token TAG` line per input token, breaks kept.
pub fn tag(extractor: &Extractor, lines: &[Line]) -> String {
    // group token indices into sentences, then sentences into documents
    let mut sentences: Vec<Vec<usize>> = vec![Vec::new()];
    for (i, line) in lines.iter().enumerate() {
        match line {
            Line::Token(_) => sentences.last_mut().expect("one sentence").push(i),
            Line::Break => {
                if !sentences.last().is_some_and(Vec::is_empty) {
                    sentences.push(Vec::new());
                }
            }
        }
    }
    let documents: Vec<Vec<Vec<usize>>> = sentences
        .chunks(SENTENCES_PER_DOCUMENT)
        .map(|c| c.to_vec())
        .collect();
    let tagged: Vec<Vec<(usize, String)>> = documents
        .par_iter()
        .map(|doc_sentences| tag_document(extractor, lines, doc_sentences))
        .collect();
    let mut tags = vec![String::from("O"); lines.len()];
    for (i, t) in tagged.into_iter().flatten() {
        tags[i] = t;
    }
    let mut out = String::with_capacity(lines.len() * 12);
    for (line, tag) in lines.iter().zip(tags) {
        match line {
            Line::Token(t) => {
                out.push_str(t);
                out.push(' ');
                out.push_str(&tag);
                out.push('\n');
            }
            Line::Break => out.push('\n'),
        }
    }
    out
}

fn tag_document(
    extractor: &Extractor,
    lines: &[Line],
    sentences: &[Vec<usize>],
) -> Vec<(usize, String)> {
    let mut text = String::new();
    let mut spans: Vec<(usize, u32, u32)> = Vec::new();
    let mut cp = 0u32;
    for sentence in sentences {
        for (k, &i) in sentence.iter().enumerate() {
            if k > 0 {
                text.push(' ');
                cp += 1;
            }
            let Line::Token(token) = &lines[i] else {
                continue;
            };
            text.push_str(token);
            let len = token.chars().count() as u32;
            spans.push((i, cp, cp + len));
            cp += len;
        }
        text.push('\n');
        cp += 1;
    }
    let doc = extractor.document_with(&text, true);
    let found = extractor
        .finder
        .find(&doc, &extractor.gazetteer, &extractor.lexicon);
    let mut out = Vec::new();
    for m in &found.mentions {
        let kind = m.entity.kind(&extractor.gazetteer);
        let mut first = true;
        for &(line, start, end) in &spans {
            if start < m.chars.end && m.chars.start < end {
                let prefix = if first { "B" } else { "I" };
                out.push((line, format!("{prefix}-{}", tag_name(kind))));
                first = false;
            }
        }
    }
    out
}
