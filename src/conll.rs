//! CoNLL files (`token [TAG]` per line, blank lines between sentences): tagging them with
//! the whole mention path (`shabaka tag`), training the learned tagger on them
//! (`shabaka train-ner`) and cross-validating it.
//!
//! Sentences are grouped into pseudo-articles of `SENTENCES_PER_DOCUMENT`, so that the
//! rules see full names before their surnames, and each is analysed like an article. The
//! tagger labels the document's own tokens; a CoNLL token takes the label of its first one.

use rayon::prelude::*;

use crate::extract::Extractor;
use crate::ner::labels::{Label, NameKind};
use crate::ner::score::Scores;
use crate::ner::train::{self, Sequence, TrainOptions};
use crate::ner::NerModel;

/// Sentences per pseudo-article: long enough for surname resolution to see full names.
const SENTENCES_PER_DOCUMENT: usize = 40;

/// One input line: a token with its tag (O if none), or a sentence break (blank line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    Token(String, Label),
    Break,
}

/// Reads `token [TAG]` lines; the tag is the last field, MISC and unknown tags are O.
pub fn parse(content: &str) -> Vec<Line> {
    content
        .lines()
        .map(|l| {
            let mut fields = l.split_whitespace();
            match fields.next() {
                Some(token) => {
                    let tag = fields.last().map_or(Label::O, Label::parse);
                    Line::Token(token.to_string(), tag)
                }
                None => Line::Break,
            }
        })
        .collect()
}

/// A CoNLL file cut into sentences (line indices) and pseudo-articles (sentence ranges).
pub struct Corpus<'a> {
    lines: &'a [Line],
    sentences: Vec<Vec<usize>>,
    /// Each document's sentences, `first..end` into `sentences`.
    documents: Vec<std::ops::Range<usize>>,
}

impl<'a> Corpus<'a> {
    pub fn new(lines: &'a [Line]) -> Corpus<'a> {
        let mut sentences: Vec<Vec<usize>> = vec![Vec::new()];
        for (i, line) in lines.iter().enumerate() {
            match line {
                Line::Token(..) => sentences.last_mut().expect("one sentence").push(i),
                Line::Break => {
                    if !sentences.last().is_some_and(Vec::is_empty) {
                        sentences.push(Vec::new());
                    }
                }
            }
        }
        if sentences.last().is_some_and(Vec::is_empty) {
            sentences.pop();
        }
        let documents = (0..sentences.len())
            .step_by(SENTENCES_PER_DOCUMENT)
            .map(|first| first..(first + SENTENCES_PER_DOCUMENT).min(sentences.len()))
            .collect();
        Corpus {
            lines,
            sentences,
            documents,
        }
    }

    /// Pseudo-articles.
    pub fn document_count(&self) -> usize {
        self.documents.len()
    }

    /// Tokens.
    pub fn token_count(&self) -> usize {
        self.sentences.iter().map(Vec::len).sum()
    }

    /// Document `d`'s text and, per CoNLL token, its line and character span in the text.
    fn document_text(&self, d: usize) -> (String, Vec<(usize, u32, u32)>) {
        let mut text = String::new();
        let mut spans = Vec::new();
        let mut cp = 0u32;
        for sentence in &self.sentences[self.documents[d].clone()] {
            for (k, &i) in sentence.iter().enumerate() {
                if k > 0 {
                    text.push(' ');
                    cp += 1;
                }
                let Line::Token(token, _) = &self.lines[i] else {
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
        (text, spans)
    }

    /// The labels the whole mention path gives document `d`'s tokens, by line.
    fn tag_document(&self, extractor: &Extractor, d: usize) -> Vec<(usize, Label)> {
        let (text, spans) = self.document_text(d);
        let doc = extractor.document_with(&text, true);
        let found = extractor
            .finder
            .find(&doc, &extractor.gazetteer, &extractor.lexicon);
        let mut out = Vec::new();
        for m in &found.mentions {
            let kind = NameKind::from(m.entity.kind(&extractor.gazetteer));
            let mut first = true;
            for &(line, start, end) in &spans {
                if start < m.chars.end && m.chars.start < end {
                    let label = if first {
                        Label::begin(kind)
                    } else {
                        Label::inside(kind)
                    };
                    out.push((line, label));
                    first = false;
                }
            }
        }
        out
    }

    /// Every line's label from the mention path, for the documents `range`.
    fn tag_documents(&self, extractor: &Extractor, range: std::ops::Range<usize>) -> Vec<Label> {
        let tagged: Vec<Vec<(usize, Label)>> = range
            .into_par_iter()
            .map(|d| self.tag_document(extractor, d))
            .collect();
        let mut labels = vec![Label::O; self.lines.len()];
        for (i, l) in tagged.into_iter().flatten() {
            labels[i] = l;
        }
        labels
    }

    /// Document `d` as training sentences: the tagger's features of its tokens and their
    /// gold labels (a CoNLL token's label on its first token, I- on the rest; a name cut
    /// by a sentence end starts again with B-).
    fn training_sequences(&self, extractor: &Extractor, d: usize) -> Vec<Sequence> {
        let (text, spans) = self.document_text(d);
        let doc = extractor.document_with(&text, true);
        let sentences =
            extractor
                .finder
                .tagger_features(&doc, &extractor.gazetteer, &extractor.lexicon);
        // the CoNLL token each document token starts in
        let mut k = 0;
        let mut labels = Vec::with_capacity(doc.tokens.len());
        let mut previous_line = None;
        for token in &doc.tokens {
            while k < spans.len() && spans[k].2 <= token.chars.start {
                k += 1;
            }
            let label = match spans.get(k) {
                Some(&(line, start, _)) if start <= token.chars.start => {
                    let Line::Token(_, gold) = self.lines[line] else {
                        unreachable!("spans hold tokens")
                    };
                    let later_part = previous_line == Some(line);
                    previous_line = Some(line);
                    match gold.kind() {
                        Some(kind) if later_part || gold.is_inside() => Label::inside(kind),
                        _ => gold,
                    }
                }
                _ => Label::O,
            };
            labels.push(label);
        }
        sentences
            .into_iter()
            .map(|sentence| {
                let (first, flat, ranges) = (sentence.first, sentence.flat, sentence.ranges);
                let mut gold = labels[first..first + ranges.len()].to_vec();
                for t in 0..gold.len() {
                    if !gold[t].may_follow(if t == 0 { None } else { Some(gold[t - 1]) }) {
                        gold[t] = Label::begin(gold[t].kind().expect("an I- label has a kind"));
                    }
                }
                Sequence { flat, ranges, gold }
            })
            .collect()
    }

    /// The training sentences of every document, by document.
    pub fn sequences(&self, extractor: &Extractor) -> Vec<Vec<Sequence>> {
        (0..self.documents.len())
            .into_par_iter()
            .map(|d| self.training_sequences(extractor, d))
            .collect()
    }

    /// Exact-span scores of `labels` (one per line) against the gold tags, for the
    /// documents `range`.
    fn score(&self, labels: &[Label], range: std::ops::Range<usize>) -> Scores {
        let mut scores = Scores::default();
        for sentence in &self.sentences[self.documents[range.start].start
            ..self
                .documents
                .get(range.end)
                .map_or(self.sentences.len(), |d| d.start)]
        {
            let gold: Vec<Label> = sentence
                .iter()
                .map(|&i| match self.lines[i] {
                    Line::Token(_, l) => l,
                    Line::Break => Label::O,
                })
                .collect();
            let predicted: Vec<Label> = sentence.iter().map(|&i| labels[i]).collect();
            scores.add_sentence(&gold, &predicted);
        }
        scores
    }
}

/// Tags every token; the output has one `token TAG` line per input token, breaks kept.
pub fn tag(extractor: &Extractor, lines: &[Line]) -> String {
    let corpus = Corpus::new(lines);
    let labels = corpus.tag_documents(extractor, 0..corpus.document_count());
    let mut out = String::with_capacity(lines.len() * 12);
    for (line, label) in lines.iter().zip(labels) {
        match line {
            Line::Token(t, _) => {
                out.push_str(t);
                out.push(' ');
                out.push_str(label.as_str());
                out.push('\n');
            }
            Line::Break => out.push('\n'),
        }
    }
    out
}

/// Trains the tagger on a whole CoNLL file.
pub fn train_model(extractor: &Extractor, lines: &[Line], options: TrainOptions) -> NerModel {
    let corpus = Corpus::new(lines);
    let data: Vec<Sequence> = corpus.sequences(extractor).into_iter().flatten().collect();
    train::train(&data, options)
}

/// One fold of a cross-validation: its documents and the scores of the rules alone and of
/// the rules with a model trained on the other folds.
#[derive(Debug, Clone)]
pub struct Fold {
    pub documents: std::ops::Range<usize>,
    pub rules: Scores,
    pub model: Scores,
    /// The model's own labels on the document tokens, before the mention path resolves
    /// them (what the tagger learned, apart from how its names become mentions).
    pub tagger: Scores,
}

/// `k`-fold cross-validation over contiguous blocks of documents: each fold is tagged by a
/// model trained on the others, through the whole mention path, and by the rules alone.
pub fn cross_validate(
    extractor: &Extractor,
    lines: &[Line],
    k: usize,
    options: TrainOptions,
) -> Vec<Fold> {
    let corpus = Corpus::new(lines);
    let n = corpus.document_count();
    let k = k.clamp(2, n.max(2));
    let mut rules_only = extractor.clone();
    rules_only.finder.set_model(None);
    let rule_labels = corpus.tag_documents(&rules_only, 0..n);
    let sequences = corpus.sequences(&rules_only);
    (0..k)
        .map(|fold| {
            let documents = fold * n / k..(fold + 1) * n / k;
            let data: Vec<Sequence> = sequences
                .iter()
                .enumerate()
                .filter(|(d, _)| !documents.contains(d))
                .flat_map(|(_, s)| s.iter().cloned())
                .collect();
            let model = train::train(&data, options);
            let mut tagger = Scores::default();
            for sequence in sequences[documents.clone()].iter().flatten() {
                tagger.add_sentence(&sequence.gold, &model.tag(&sequence.flat, &sequence.ranges));
            }
            let mut with_model = rules_only.clone();
            with_model
                .finder
                .set_model(Some(std::sync::Arc::new(model)));
            let labels = corpus.tag_documents(&with_model, documents.clone());
            Fold {
                rules: corpus.score(&rule_labels, documents.clone()),
                model: corpus.score(&labels, documents.clone()),
                tagger,
                documents,
            }
        })
        .collect()
}
