//! Extraction: gazetteer and lexicon data, mentions, discovery, resolution, relations.
//!
//! `Extractor::analyze` turns one article into `ArticleFacts`: plain data with provenance,
//! independent of the article text, so articles can be processed in parallel and dropped.

pub mod gazetteer;
pub mod lexicon;
pub mod matcher;
pub mod mentions;

use std::path::Path;

use gazetteer::Gazetteer;
use lexicon::Lexicon;
use mentions::{EntityRef, MentionFinder};

use crate::data::DataError;
use crate::input::Article;
use crate::text::Document;

/// Where a fact was read: the contract's provenance fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Provenance {
    pub article: String,
    pub sentence: u32,
    pub start: u32,
    pub end: u32,
    pub evidence: String,
    pub rule: String,
    pub confidence: f32,
}

/// An entity mention with provenance and the form it was written in.
#[derive(Debug, Clone, PartialEq)]
pub struct MentionFact {
    pub entity: EntityRef,
    pub surface: String,
    pub provenance: Provenance,
}

/// Article metadata kept after the text is dropped.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleInfo {
    pub id: String,
    pub stem: String,
    pub path: String,
    pub title: String,
    pub source: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub sha256: String,
    pub encoding: String,
    pub chars: usize,
}

/// Everything extracted from one article.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleFacts {
    pub article: ArticleInfo,
    pub mentions: Vec<MentionFact>,
}

impl ArticleFacts {
    /// Gives the article another id (two inputs with the same file stem), provenance too.
    pub fn rename_article(&mut self, id: &str) {
        self.article.id = id.to_string();
        for m in &mut self.mentions {
            m.provenance.article = id.to_string();
        }
    }
}

/// Options that change what is extracted.
#[derive(Debug, Clone, Copy, Default)]
pub struct ExtractOptions {
    pub keep_boilerplate: bool,
}

/// The loaded data and matching tables; shared read-only across threads.
#[derive(Debug, Clone)]
pub struct Extractor {
    pub gazetteer: Gazetteer,
    pub lexicon: Lexicon,
    pub finder: MentionFinder,
    pub options: ExtractOptions,
}

/// Evidence longer than this is cut to a window around the fact.
const EVIDENCE_MAX_CHARS: u32 = 400;

impl Extractor {
    /// Loads the built-in data plus the user's gazetteer files and lexicon folder.
    pub fn load(
        extra_gazetteers: &[impl AsRef<Path>],
        lexicon_dir: Option<&Path>,
        options: ExtractOptions,
    ) -> Result<Extractor, DataError> {
        let lexicon = match lexicon_dir {
            Some(dir) => Lexicon::from_dir(dir)?,
            None => Lexicon::builtin()?,
        };
        let gazetteer = Gazetteer::load(extra_gazetteers)?;
        let finder = MentionFinder::new(&gazetteer, &lexicon);
        Ok(Extractor {
            gazetteer,
            lexicon,
            finder,
            options,
        })
    }

    /// Prepares an article's text (normalisation, boilerplate, sentences, tokens).
    pub fn document(&self, text: &str) -> Document {
        Document::analyze(text, &self.lexicon.boilerplate, self.options.keep_boilerplate)
    }

    /// Extracts everything from one article.
    pub fn analyze(&self, article: &Article) -> ArticleFacts {
        let doc = self.document(&article.text);
        let found = self.finder.find(&doc, &self.gazetteer, &self.lexicon);
        let mut mentions: Vec<MentionFact> = found
            .mentions
            .iter()
            .map(|m| MentionFact {
                entity: m.entity.clone(),
                surface: m.surface.clone(),
                provenance: provenance(&doc, &article.id, m.sentence, m.start, m.stop, &m.rule, m.confidence),
            })
            .collect();
        // A nisba («الروسي») is a reference to its country: the article is about it too.
        for n in &found.nisbas {
            let (first, last) = (&doc.tokens[n.first as usize], &doc.tokens[n.end as usize - 1]);
            let slug = &self.gazetteer.entries[n.country as usize].slug;
            mentions.push(MentionFact {
                entity: EntityRef::Known(n.country),
                surface: doc.original(first.start, last.end),
                provenance: provenance(
                    &doc,
                    &article.id,
                    first.sentence,
                    first.start,
                    last.end,
                    &format!("nisba:{slug}"),
                    0.8,
                ),
            });
        }
        ArticleFacts {
            article: ArticleInfo {
                id: article.id.clone(),
                stem: article.stem.clone(),
                path: article.path.clone(),
                title: article.title.clone().unwrap_or_else(|| title_of(&doc)),
                source: article.source.clone(),
                url: article.url.clone(),
                published: article.published.clone(),
                sha256: article.sha256.clone(),
                encoding: article.encoding.clone(),
                chars: article.text.chars().count(),
            },
            mentions,
        }
    }
}

/// The first content sentence that looks like a headline (short, first line).
fn title_of(doc: &Document) -> String {
    doc.sentences
        .iter()
        .enumerate()
        .find(|(i, _)| !doc.excluded[*i])
        .map(|(i, _)| doc.sentence_text(i as u32))
        .map(|t| t.lines().next().unwrap_or("").trim().chars().take(200).collect())
        .unwrap_or_default()
}

/// Provenance for a span in a sentence; long sentences give a window around the span.
pub fn provenance(
    doc: &Document,
    article: &str,
    sentence: u32,
    start: u32,
    end: u32,
    rule: &str,
    confidence: f32,
) -> Provenance {
    let s = &doc.sentences[sentence as usize];
    let (from, to) = if s.end - s.start <= EVIDENCE_MAX_CHARS {
        (s.start, s.end)
    } else {
        let half = EVIDENCE_MAX_CHARS / 2;
        let from = start.saturating_sub(half).max(s.start);
        (from, (end + half).min(s.end).max(from))
    };
    Provenance {
        article: article.to_string(),
        sentence,
        start,
        end,
        evidence: doc.original(from, to),
        rule: rule.to_string(),
        confidence,
    }
}
