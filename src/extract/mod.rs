//! Extraction: gazetteer and lexicon data, mentions, discovery, resolution, relations.
//!
//! `Extractor::analyze` turns one article into `ArticleFacts`: plain data with provenance,
//! independent of the article text, so articles can be processed in parallel and dropped.

pub mod dates;
pub mod events;
pub mod facts;
pub mod gazetteer;
pub mod lexicon;
pub mod matcher;
pub mod mentions;
pub mod relations;

use std::path::Path;

use events::{ArticleEvent, EventFinder};
use gazetteer::Gazetteer;
use lexicon::Lexicon;
use matcher::PhraseIndex;
use mentions::{Cover, DocumentMentions, EntityRef, MentionFinder, WordList};
use relations::{find_roles, RoleContext, RoleFinding};

use crate::data::DataError;
use crate::input::Article;
use crate::text::normalize::normalize_key;
use crate::text::{Document, StemTable};
use crate::vocab::EdgeKind;
pub use facts::{
    ArticleFacts, ArticleInfo, EventFact, FactEntity, KnownEntity, MentionFact, Provenance,
    RelationFact,
};

/// Options that change what is extracted.
#[derive(Debug, Clone, Copy, Default)]
pub struct ExtractOptions {
    pub keep_boilerplate: bool,
    /// Planned and denied events become nodes too (marked by `status`), not only those
    /// that occurred.
    pub all_events: bool,
}

/// The loaded data and matching tables; shared read-only across threads.
#[derive(Debug, Clone)]
pub struct Extractor {
    pub gazetteer: Gazetteer,
    pub lexicon: Lexicon,
    pub finder: MentionFinder,
    pub months: PhraseIndex<u32>,
    pub events: EventFinder,
    pub options: ExtractOptions,
    /// The first stems of every phrase index, numbered: documents number their tokens'
    /// stems by it and the indexes find phrases by number (see `StemTable`).
    stems: StemTable,
    /// Each gazetteer entry as facts describe it, by entry index.
    known: Vec<std::sync::Arc<KnownEntity>>,
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
        let mut finder = MentionFinder::new(&gazetteer, &lexicon);
        let mut months = dates::month_index(&lexicon);
        let mut events = EventFinder::new(&lexicon);
        let stems = StemTable::new(
            finder
                .phrase_stems()
                .chain(months.stems())
                .chain(events.phrase_stems())
                .map(str::to_string)
                .chain(WordList::all_words(&lexicon).cloned()),
        );
        finder.number_stems(&stems, &lexicon);
        months.number_stems(&stems);
        events.number_stems(&stems);
        let known = gazetteer
            .entries
            .iter()
            .map(|e| {
                std::sync::Arc::new(KnownEntity {
                    id: e.id.clone(),
                    kind: e.kind,
                    label: e.label.clone(),
                    label_en: e.label_en.clone(),
                    category: e.category.clone(),
                    rule: mentions::GAZETTEER_RULE.with(&e.slug),
                    country: e
                        .country
                        .as_deref()
                        .and_then(|c| gazetteer.get(c))
                        .map(|c| c.id.clone()),
                    known_as: e
                        .aliases
                        .iter()
                        .filter(|a| **a != e.label)
                        .cloned()
                        .collect(),
                })
            })
            .collect();
        Ok(Extractor {
            known,
            stems,
            events,
            gazetteer,
            lexicon,
            finder,
            months,
            options,
        })
    }

    /// A mention's entity as facts name it.
    pub fn fact_entity(&self, entity: EntityRef) -> FactEntity {
        match entity {
            EntityRef::Known(i) => FactEntity::Known(self.known[i as usize].clone()),
            EntityRef::Discovered { kind, key } => FactEntity::Discovered { kind, key },
        }
    }

    /// Prepares an article's text (normalisation, boilerplate, sentences, tokens).
    pub fn document(&self, text: &str) -> Document {
        self.document_with(text, self.options.keep_boilerplate)
    }

    /// `document`, deciding about boilerplate here.
    pub fn document_with(&self, text: &str, keep_boilerplate: bool) -> Document {
        Document::analyze_with(
            text,
            &self.lexicon.boilerplate,
            keep_boilerplate,
            Some(&self.stems),
        )
    }

    /// Extracts everything from one article.
    pub fn analyze(&self, article: &Article) -> ArticleFacts {
        let doc = self.document(&article.text);
        let found = self.finder.find(&doc, &self.gazetteer, &self.lexicon);
        let mentions = self.mention_facts(&doc, &article.id, &found);
        // a month inside a name is the name: «تيريزا ماي» is no May
        let date_mentions: Vec<dates::DateMention> =
            dates::find(&doc, &self.months, &self.lexicon.date_words)
                .into_iter()
                .filter(|d| (d.first..d.end).all(|t| !matches!(found.cover[t], Cover::Mention(_))))
                .collect();
        let mut warnings = article.notes.clone();
        if doc.all_boilerplate {
            warnings.push(
                "all text looked like boilerplate: read whole, as with --keep-boilerplate".into(),
            );
        }
        // a date that does not parse is reported and the date inferred as if it were absent
        let given = article.published.as_deref().and_then(|p| {
            let valid = dates::valid_published(p);
            if !valid {
                warnings.push(format!(
                    "publication date {p:?} is not an ISO date (YYYY-MM-DD, optionally with a time); inferred from the text instead"
                ));
            }
            valid.then(|| p.to_string())
        });
        let (published, published_inferred) = match given {
            Some(p) => (Some(p), false),
            None => (dates::infer_article_date(&date_mentions), true),
        };
        let published_inferred = published_inferred && published.is_some();
        // dates resolve against the day of publication, whatever the time stamp says
        // («2018-05-07T06:05:27Z» is 7 May)
        let published_day = published.as_deref().map(dates::calendar_date);
        let common = |w: &str| self.lexicon.is_common(w);
        let role_context = RoleContext {
            doc: &doc,
            found: &found,
            gazetteer: &self.gazetteer,
            finder: &self.finder,
            common: &common,
            counterparts: &self.lexicon.counterparts,
            office_pronouns: &self.lexicon.office_pronouns,
            delegations: &self.lexicon.delegations,
            date: published_day,
        };
        let roles = find_roles(&role_context);
        let mut relations = self.role_relations(&doc, &article.id, &roles);
        relations.extend(self.affiliations(&doc, &article.id, &found));
        let events = self
            .events
            .find(
                &doc,
                &found,
                &roles,
                &date_mentions,
                published_day,
                &self.gazetteer,
                &self.lexicon,
                &self.finder.titles,
            )
            .iter()
            .map(|e| self.event_fact(&doc, &article.id, e))
            .collect();
        ArticleFacts {
            article: ArticleInfo {
                id: article.id.clone(),
                stem: article.stem.clone(),
                path: article.path.clone(),
                title: article.title.clone().unwrap_or_else(|| title_of(&doc)),
                source: article.source.clone(),
                url: article.url.clone(),
                published,
                published_inferred,
                sha256: article.sha256.clone(),
                encoding: article.encoding.clone(),
                chars: article.text.chars().count(),
            },
            mentions,
            relations,
            events,
            warnings,
        }
    }

    /// Mentions grouped by entity, in order of first mention; nisbas («الروسي») count as
    /// references to their country. Evidence is built once per entity, not per mention.
    fn mention_facts(
        &self,
        doc: &Document,
        article: &str,
        found: &DocumentMentions,
    ) -> Vec<MentionFact> {
        struct Seen {
            first: (u32, u32, u32, String, f32),
            surfaces: Vec<String>,
            count: u32,
        }
        let mut order: Vec<EntityRef> = Vec::new();
        let mut by_entity: rustc_hash::FxHashMap<EntityRef, Seen> = Default::default();
        let mut note = |entity: EntityRef,
                        sentence: u32,
                        start: u32,
                        stop: u32,
                        surface: String,
                        rule: String,
                        confidence: f32| {
            match by_entity.get_mut(&entity) {
                Some(seen) => {
                    seen.count += 1;
                    if !seen.surfaces.contains(&surface) {
                        seen.surfaces.push(surface);
                    }
                }
                None => {
                    order.push(entity.clone());
                    by_entity.insert(
                        entity,
                        Seen {
                            first: (sentence, start, stop, rule, confidence),
                            surfaces: vec![surface],
                            count: 1,
                        },
                    );
                }
            }
        };
        struct Raw {
            start: u32,
            stop: u32,
            entity: EntityRef,
            sentence: u32,
            surface: String,
            rule: String,
            confidence: f32,
        }
        let mut all: Vec<Raw> = found
            .mentions
            .iter()
            .map(|m| Raw {
                start: m.chars.start,
                stop: m.chars.end,
                entity: m.entity.clone(),
                sentence: m.sentence,
                surface: m.surface.clone(),
                rule: m.rule.clone(),
                confidence: m.confidence,
            })
            .collect();
        for n in &found.nisbas {
            let (first, last) = (
                &doc.tokens[n.tokens.first as usize],
                &doc.tokens[n.tokens.end as usize - 1],
            );
            let slug = &self.gazetteer.entries[n.country as usize].slug;
            all.push(Raw {
                start: first.chars.start,
                stop: last.chars.end,
                entity: EntityRef::Known(n.country),
                sentence: first.sentence,
                surface: doc.original(first.chars.start, last.chars.end),
                rule: format!("nisba:{slug}"),
                confidence: 0.8,
            });
        }
        all.sort_by_key(|m| (m.start, m.stop));
        for m in all {
            note(
                m.entity,
                m.sentence,
                m.start,
                m.stop,
                m.surface,
                m.rule,
                m.confidence,
            );
        }
        order
            .into_iter()
            .map(|entity| {
                let seen = by_entity.remove(&entity).expect("noted");
                let (sentence, start, stop, rule, confidence) = seen.first;
                MentionFact {
                    entity: self.fact_entity(entity),
                    surfaces: seen.surfaces,
                    count: seen.count,
                    provenance: mention_provenance(
                        doc, article, sentence, start, stop, &rule, confidence,
                    ),
                }
            })
            .collect()
    }

    /// HOLDS_ROLE facts from role findings.
    fn role_relations(
        &self,
        doc: &Document,
        article: &str,
        roles: &[RoleFinding],
    ) -> Vec<RelationFact> {
        roles
            .iter()
            .map(|r| {
                let first = r.title_first.min(r.person_first);
                let end = r.title_end.max(r.person_end);
                let (start, stop) = (doc.tokens[first].chars.start, doc.tokens[end - 1].chars.end);
                RelationFact {
                    kind: EdgeKind::HoldsRole,
                    source: self.fact_entity(r.person.clone()),
                    target: self.fact_entity(r.target.clone()),
                    attrs: {
                        let mut attrs = vec![("role", r.role.clone()), ("title", r.title.clone())];
                        // «الرئيس السابق»: held before the article, not now
                        if let Some(term) = r.term {
                            attrs.push(("term", term.as_str().to_string()));
                        }
                        attrs
                    },
                    provenance: provenance(
                        doc,
                        article,
                        r.sentence,
                        start,
                        stop,
                        &r.rule,
                        r.confidence,
                    ),
                }
            })
            .collect()
    }

    /// PART_OF (organisation → country) and LOCATED_IN (place → country), once per entity
    /// per article, from the gazetteer or from a nisba inside a discovered name.
    fn affiliations(
        &self,
        doc: &Document,
        article: &str,
        found: &DocumentMentions,
    ) -> Vec<RelationFact> {
        let mut out: Vec<RelationFact> = Vec::new();
        let mut seen: rustc_hash::FxHashSet<(EntityRef, EntityRef)> = Default::default();
        // a gazetteer affiliation is reported where the article names the country too
        let mut named: rustc_hash::FxHashSet<EntityRef> =
            found.mentions.iter().map(|m| m.entity.clone()).collect();
        named.extend(found.nisbas.iter().map(|n| EntityRef::Known(n.country)));
        for m in &found.mentions {
            let (kind, country, rule) = match &m.entity {
                EntityRef::Known(i) => {
                    let e = &self.gazetteer.entries[*i as usize];
                    let country = e
                        .country
                        .as_deref()
                        .and_then(|c| self.gazetteer.index_of(c));
                    (
                        e.kind,
                        country.map(|c| EntityRef::Known(c as u32)),
                        mentions::GAZETTEER_RULE.with(&e.slug),
                    )
                }
                EntityRef::Discovered { kind, .. } => {
                    let nisba = (m.tokens.first..m.tokens.end).find_map(|t| {
                        match found.cover[t as usize] {
                            Cover::Nisba(n) => Some(found.nisbas[n as usize].country),
                            _ => None,
                        }
                    });
                    let nisba = nisba.or_else(|| {
                        found
                            .nisbas
                            .iter()
                            .find(|n| {
                                n.tokens.first >= m.tokens.first && n.tokens.end <= m.tokens.end
                            })
                            .map(|n| n.country)
                    });
                    (
                        *kind,
                        nisba.map(EntityRef::Known),
                        "nisba_in_name".to_string(),
                    )
                }
            };
            let relation = match kind {
                gazetteer::EntityKind::Organization => EdgeKind::PartOf,
                gazetteer::EntityKind::Location => EdgeKind::LocatedIn,
                _ => continue,
            };
            // «صحيفة "تشوسن إيلبو" الكورية الجنوبية», «وزارة التوحيد في كوريا الجنوبية»:
            // an organisation of no country known, with one right after its name
            let (country, rule, stop, confidence) = match country {
                Some(c) => (c, rule, m.chars.end, 0.9),
                None if kind == gazetteer::EntityKind::Organization => {
                    let Some((c, stop, how)) = country_after(doc, found, &self.gazetteer, m) else {
                        continue;
                    };
                    (c, how.to_string(), stop, 0.7)
                }
                None => continue,
            };
            // (or in the name itself: «وزارة التوحيد في كوريا الجنوبية»)
            let named_inside = || {
                let EntityRef::Known(c) = &country else {
                    return false;
                };
                let label = normalize_key(&self.gazetteer.entries[*c as usize].label);
                normalize_key(&m.surface).contains(&label)
            };
            if matches!(m.entity, EntityRef::Known(_))
                && !named.contains(&country)
                && !named_inside()
            {
                continue;
            }
            if !seen.insert((m.entity.clone(), country.clone())) {
                continue;
            }
            out.push(RelationFact {
                kind: relation,
                source: self.fact_entity(m.entity.clone()),
                target: self.fact_entity(country),
                attrs: Vec::new(),
                provenance: provenance(
                    doc,
                    article,
                    m.sentence,
                    m.chars.start,
                    stop,
                    &rule,
                    confidence,
                ),
            });
        }
        out
    }

    /// Provenance for every part of an article's event.
    fn event_fact(&self, doc: &Document, article: &str, e: &ArticleEvent) -> EventFact {
        let part = |p: &events::EventPart, confidence: f32| {
            let (start, end) = (
                doc.tokens[p.first].chars.start,
                doc.tokens[p.end - 1].chars.end,
            );
            (
                self.fact_entity(p.entity.clone()),
                provenance(doc, article, p.sentence, start, end, &p.rule, confidence),
            )
        };
        EventFact {
            event_type: e.event_type,
            status: e.status,
            date: e.date.clone(),
            date_text: e.date_text.clone(),
            participants: e.participants.iter().map(|p| part(p, 0.75)).collect(),
            places: e.places.iter().map(|p| part(p, 0.7)).collect(),
            reports: e
                .reports
                .iter()
                .map(|&(first, end, sentence)| {
                    let (start, stop) =
                        (doc.tokens[first].chars.start, doc.tokens[end - 1].chars.end);
                    let rule = format!("event_trigger:{}", e.event_type);
                    provenance(doc, article, sentence, start, stop, &rule, 0.8)
                })
                .collect(),
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
        .map(|t| {
            t.lines()
                .next()
                .unwrap_or("")
                .trim()
                .chars()
                .take(200)
                .collect()
        })
        .unwrap_or_default()
}

/// Provenance of a mention: its evidence is the mention as written (`text[start..end]`).
/// A mention edge is provenance for a name, not a fact; a corpus has ~70 per article, and
/// a window of context on each was most of a big graph's memory and export size. The
/// sentence index says where to read the context.
fn mention_provenance(
    doc: &Document,
    article: &str,
    sentence: u32,
    start: u32,
    end: u32,
    rule: &str,
    confidence: f32,
) -> Provenance {
    let span = Span {
        sentence,
        start,
        end,
    };
    span_provenance(doc, article, span, (start, end), rule, confidence)
}

/// Where a fact or mention is: sentence index and code-point span.
struct Span {
    sentence: u32,
    start: u32,
    end: u32,
}

/// Provenance of `span` with the original text of `evidence` (a code-point range).
fn span_provenance(
    doc: &Document,
    article: &str,
    Span {
        sentence,
        start,
        end,
    }: Span,
    (from, to): (u32, u32),
    rule: &str,
    confidence: f32,
) -> Provenance {
    Provenance {
        article: article.to_string(),
        sentence,
        start,
        end,
        evidence: doc.evidence(sentence, from, to),
        rule: rule.to_string(),
        confidence,
    }
}

/// Provenance for a span in a sentence: the evidence is the sentence, or a window of
/// `EVIDENCE_MAX_CHARS` around the span when the sentence is longer.
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
    let (from, to) = if s.chars.end - s.chars.start <= EVIDENCE_MAX_CHARS {
        (s.chars.start, s.chars.end)
    } else {
        let half = EVIDENCE_MAX_CHARS / 2;
        let from = start.saturating_sub(half).max(s.chars.start);
        (from, (end + half).min(s.chars.end).max(end))
    };
    let span = Span {
        sentence,
        start,
        end,
    };
    span_provenance(doc, article, span, (from, to), rule, confidence)
}

/// The country written right after the name of an organisation the rules discovered: its
/// nisba (past a closing quote: «"تشوسن إيلبو" الكورية»), or «في» and the country. With
/// where the words end and the rule.
fn country_after(
    doc: &Document,
    found: &DocumentMentions,
    gazetteer: &Gazetteer,
    m: &mentions::Mention,
) -> Option<(EntityRef, u32, &'static str)> {
    let next = m.tokens.end as usize;
    let t = doc.tokens.get(next)?;
    if t.sentence != m.sentence {
        return None;
    }
    // nothing between but spaces and the quotes the name was written in
    let gap = doc.original(doc.tokens[next - 1].chars.end, t.chars.start);
    if !gap
        .chars()
        .all(|c| c.is_whitespace() || "\"«»“”'".contains(c))
    {
        return None;
    }
    match found.cover[next] {
        // a discovered name's own nisba, definite as a name's is («"إيني" الإيطالية»): an
        // indefinite one describes a common noun («شركة طيران إيرانية») or is a given name
        // («… في اليمن تركي المالكي»), and after a gazetteer body it is the country's
        // named last in it («بقيادة الولايات المتحدة الأمريكية»)
        Cover::Nisba(n)
            if matches!(m.entity, EntityRef::Discovered { .. })
                && doc
                    .token_text(next)
                    .starts_with(crate::text::morph::ARTICLE) =>
        {
            let n = &found.nisbas[n as usize];
            let stop = doc.tokens[n.tokens.end as usize - 1].chars.end;
            Some((EntityRef::Known(n.country), stop, "nisba_after_name"))
        }
        Cover::Free
            if matches!(m.entity, EntityRef::Discovered { .. })
                && doc.token_text(next) == crate::text::morph::IN =>
        {
            let Cover::Mention(c) = *found.cover.get(next + 1)? else {
                return None;
            };
            let c = &found.mentions[c as usize];
            let EntityRef::Known(i) = c.entity else {
                return None;
            };
            (c.tokens.first as usize == next + 1
                && c.chars.start == doc.tokens[next + 1].chars.start)
                .then_some((EntityRef::Known(i), c.chars.end, "country_after_name"))
                .filter(|_| c.entity.kind(gazetteer) == gazetteer::EntityKind::Country)
        }
        _ => None,
    }
}
