//! Events: phone calls, meetings, talks and visits, with participants, place and date.
//!
//! A trigger word («اتصالاً هاتفياً», «اجتمع», «محادثات») opens an event mention. Its
//! participants and place are looked for in the trigger's clause: back to a clause opener
//! (حيث، الذي، إن ...) and forward while the text continues the list («، ووزير ...»,
//! «، في قصر الدرعية»). Each mention has a status: planned or hypothetical («سيلتقي», «قد
//! يعقد», «من المتوقع أن يجتمع», a date after the article's), denied («لم يلتق», «نفى أي
//! اتصال»), else occurred; the graph keeps only occurred events unless asked for all.
//! Within an article, mentions with two or more participants are events; shorter mentions
//! («الاتصال تم يوم 11 مارس», «اجتماع إسطنبول») add their date and place to the nearest
//! compatible event of the same status.

use super::dates::{self, DateMention, DateValue};
use super::gazetteer::{EntityKind, Gazetteer};
use super::lexicon::{Lexicon, ModalityReach, TriggerForm};
use super::matcher::PhraseIndex;
use super::mentions::{Cover, DocumentMentions, EntityRef};
use super::relations::RoleFinding;
use crate::text::morph;
use crate::text::Document;
use crate::vocab::{EventStatus, EventType};
use rustc_hash::FxHashMap;

/// An entity taking part in (or hosting) an event, with the tokens that name it.
#[derive(Debug, Clone, PartialEq)]
pub struct EventPart {
    pub entity: EntityRef,
    pub first: usize,
    pub end: usize,
    pub sentence: u32,
    pub rule: String,
}

/// One event as reported in one article.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleEvent {
    pub event_type: EventType,
    pub status: EventStatus,
    pub date: Option<String>,
    pub date_text: String,
    pub participants: Vec<EventPart>,
    pub places: Vec<EventPart>,
    /// Trigger token ranges and sentences of every report of it in the article.
    pub reports: Vec<(usize, usize, u32)>,
}

/// The tables event finding needs.
#[derive(Debug, Clone)]
pub struct EventFinder {
    triggers: PhraseIndex<(EventType, TriggerForm)>,
    /// The one-word triggers by their normalised form, for the forms the phrase index does
    /// not see: with a pronoun suffix («لقائه») or the future prefix («سيلتقي»).
    trigger_words: FxHashMap<String, (EventType, TriggerForm)>,
    /// The first two letters of every one-word trigger: a stem starting otherwise is no
    /// inflected trigger, and most words are ruled out by this alone.
    trigger_heads: rustc_hash::FxHashSet<[char; 2]>,
    modality: PhraseIndex<(EventStatus, ModalityReach)>,
}

/// How far modality words reach: back this many words in the sentence (across «أن»: «من
/// المقرر أن يجتمع»), forward to the next punctuation but at most this many.
const MODALITY_BEFORE: usize = 8;
const MODALITY_AFTER: usize = 8;
/// How many words may stand between an adjacent particle and the trigger it governs
/// («لم يجر أي اتصال»).
const ADJACENT_GAP: usize = 2;
/// How far after a trigger noun a future verb may govern it («القمة ... ستعقد»).
const FUTURE_AFTER: usize = 15;
const SCOPE_BACK: usize = 25;
/// The pronouns of «his», «her», «their» on a verb noun («عقده», «إجرائها»), normalised.
const POSSESSIVE_PRONOUNS: [&str; 3] = ["ه", "ها", "هم"];
/// Offices whose holders speak of events rather than take part («المتحدث باسم …»).
const SPEAKING_ROLES: [&str; 1] = ["spokesperson"];
const SCOPE_FORWARD: usize = 45;

/// A trigger found at a token.
#[derive(Debug, Clone, Copy)]
struct Trigger {
    end: usize,
    event_type: EventType,
    form: TriggerForm,
    /// Written with the future prefix: «سيلتقي», «وستزور».
    future: bool,
    /// Written with a pronoun suffix («لقائه», «زيارتها»): the pronoun is a participant.
    suffixed: bool,
}

struct Mention {
    event_type: EventType,
    status: EventStatus,
    first: usize,
    end: usize,
    sentence: u32,
    participants: Vec<EventPart>,
    places: Vec<EventPart>,
    date: Option<DateMention>,
    /// Where its clause ends: a later trigger's clause does not reach back past it.
    scope_end: usize,
    /// Its clause ended at a coordinated trigger («مكالمة ... واجتماع ...»), which then
    /// shares its date.
    coordinated: bool,
    /// Its trigger is a present verb: with a weekday, news writes what is still to come
    /// («ويلتقي الملك ... الاثنين»).
    present: bool,
    /// Its trigger is a noun.
    noun: bool,
}

impl EventFinder {
    pub fn new(lexicon: &Lexicon) -> EventFinder {
        let mut triggers = PhraseIndex::default();
        let mut trigger_words = FxHashMap::default();
        for t in &lexicon.event_triggers {
            triggers.insert(&t.tokens.join(" "), true, (t.event_type, t.form));
            if let [word] = t.tokens.as_slice() {
                trigger_words.insert(morph::bare(word).to_string(), (t.event_type, t.form));
            }
        }
        let mut modality = PhraseIndex::default();
        for m in &lexicon.modality {
            modality.insert(&m.tokens.join(" "), false, (m.status, m.reach));
        }
        let trigger_heads = trigger_words.keys().filter_map(|w| head(w)).collect();
        EventFinder {
            triggers,
            trigger_words,
            trigger_heads,
            modality,
        }
    }

    /// The first stems of the trigger and modality phrases.
    pub fn phrase_stems(&self) -> impl Iterator<Item = &str> {
        self.triggers.stems().chain(self.modality.stems())
    }

    /// Finds phrases by the numbers of `table` (see `PhraseIndex::number_stems`).
    pub fn number_stems(&mut self, table: &crate::text::StemTable) {
        self.triggers.number_stems(table);
        self.modality.number_stems(table);
    }

    /// The trigger at token `i`: a phrase of `events.tsv`, or one of its words inflected
    /// — with a pronoun suffix («لقائه», «زيارتها», «التقاه») or, a present verb, with the
    /// future prefix («سيلتقي»).
    fn trigger_at(&self, doc: &Document, i: usize) -> Option<Trigger> {
        if let Some(m) = self.triggers.longest_at(doc, i) {
            let (event_type, form) = *m.payload;
            return Some(Trigger {
                end: m.end,
                event_type,
                form,
                future: false,
                suffixed: false,
            });
        }
        let word = doc.token_text(i);
        let last = word.chars().next_back()?;
        let may_inflect = morph::INFLECTION_LAST_LETTERS.contains(&last) || last == 'ي';
        if !may_inflect && !word.contains(morph::FUTURE) {
            return None;
        }
        let found = |event_type, form, future, suffixed| Trigger {
            end: i + 1,
            event_type,
            form,
            future,
            suffixed,
        };
        // a final ة folds to ه, which is then no pronoun: «وزارة» is no «و» + «زار» + «ه»
        let written_ta_marbuta = || {
            doc.original_str(doc.tokens[i].chars.start, doc.tokens[i].chars.end)
                .ends_with('ة')
        };
        for r in doc.token_readings(i).filter(|r| !r.has_article) {
            let stem = &word[r.stem_prefix..];
            let future_stem = stem.strip_prefix(morph::FUTURE).unwrap_or(stem);
            let known_head = |w: &str| head(w).is_some_and(|h| self.trigger_heads.contains(&h));
            if !known_head(stem) && !known_head(future_stem) {
                continue;
            }
            if let Some(present) = morph::future_verb(stem) {
                if let Some(&(t, TriggerForm::Present)) = self.trigger_words.get(present) {
                    return Some(found(t, TriggerForm::Present, true, false));
                }
            }
            for base in morph::suffix_bases(stem)
                .into_iter()
                .filter(|_| !written_ta_marbuta())
            {
                if let Some(&(t, form)) = self.trigger_words.get(base.as_str()) {
                    if form != TriggerForm::Present || !base.ends_with(morph::ACCUSATIVE) {
                        return Some(found(t, form, false, base.len() < stem.len()));
                    }
                }
            }
        }
        None
    }

    /// Finds the events of one article.
    #[allow(clippy::too_many_arguments)]
    pub fn find(
        &self,
        doc: &Document,
        found: &DocumentMentions,
        roles: &[RoleFinding],
        date_mentions: &[DateMention],
        article_date: Option<&str>,
        gazetteer: &Gazetteer,
        lexicon: &Lexicon,
        titles: &PhraseIndex<String>,
    ) -> Vec<ArticleEvent> {
        let cx = Cx {
            doc,
            found,
            gazetteer,
            lexicon,
            titles,
            finder: self,
        };
        let mut mentions: Vec<Mention> = Vec::new();
        let title_spans: Vec<(usize, usize)> = roles
            .iter()
            .map(|r| (r.title_first, r.person_first.max(r.title_end)))
            .collect();
        let datelines = doc.datelines();
        let mut i = 0;
        while i < doc.tokens.len() {
            if doc.token_excluded(i) || matches!(found.cover[i], Cover::Mention(_)) {
                i += 1;
                continue;
            }
            let Some(mut trigger) = self.trigger_at(doc, i) else {
                i += 1;
                continue;
            };
            // «لقاء القمة», «اجتماع القمة»: a trigger right after a trigger is the same one
            while let Some(next) = (trigger.end < doc.tokens.len()
                && !doc.tokens[trigger.end].after_punct
                && !matches!(found.cover[trigger.end], Cover::Mention(_)))
            .then(|| self.trigger_at(doc, trigger.end))
            .flatten()
            .filter(|n| n.event_type.compatible(trigger.event_type))
            {
                trigger.end = next.end;
                trigger.event_type = trigger.event_type.merged(next.event_type);
            }
            let floor = mentions
                .last()
                .filter(|p| p.sentence == doc.tokens[i].sentence)
                .map_or(0, |p| p.scope_end);
            let mut mention = cx.mention(i, &trigger, roles, date_mentions, floor);
            if let Some(previous) = mentions
                .last()
                .filter(|p| p.coordinated && p.scope_end == i)
            {
                cx.share_with_coordinated(previous, &mut mention, &trigger);
            }
            // «يزور مصر», «زيارته المستمرة»: under way as the article is written
            if mention.date.is_none()
                && mention.status == EventStatus::Occurred
                && trigger.form == TriggerForm::Present
            {
                mention.date = Some(DateMention {
                    first: i,
                    end: trigger.end,
                    value: DateValue::Today,
                    text: doc.original(
                        doc.tokens[i].chars.start,
                        doc.tokens[trigger.end - 1].chars.end,
                    ),
                });
            }
            // not a place inside a title («وزير خارجية روسيا»), nor the dateline's
            mention.places.retain(|p| {
                let at = doc.tokens[p.first].chars.start;
                !title_spans
                    .iter()
                    .any(|&(a, b)| p.first >= a && p.first < b)
                    && !datelines.iter().any(|d| at >= d.start && at < d.end)
            });
            // a date after coordinated events belongs to both
            if let Some(previous) = mentions.last_mut() {
                if previous.coordinated && previous.date.is_none() && previous.scope_end == i {
                    previous.date = mention.date.clone();
                }
            }
            mentions.push(mention);
            i = trigger.end;
        }
        for m in &mut mentions {
            // a date after the article's own is still to come
            let later = m
                .date
                .as_ref()
                .and_then(|d| dates::resolve_toward(d.value, article_date, None, m.present))
                .zip(article_date)
                .is_some_and(|(d, published)| dates::after(&d, published));
            if later && m.status == EventStatus::Occurred {
                m.status = EventStatus::Planned;
            }
        }
        consolidate(&cx, mentions, article_date)
    }
}

struct Cx<'a> {
    doc: &'a Document,
    found: &'a DocumentMentions,
    gazetteer: &'a Gazetteer,
    lexicon: &'a Lexicon,
    titles: &'a PhraseIndex<String>,
    finder: &'a EventFinder,
}

impl Cx<'_> {
    fn kind(&self, e: &EntityRef) -> EntityKind {
        e.kind(self.gazetteer)
    }

    fn stem_in(&self, j: usize, set: &rustc_hash::FxHashSet<String>) -> bool {
        self.stems(j).any(|stem| set.contains(stem))
    }

    /// The stems token `j` may have after a clitic prefix, without the article.
    fn stems(&self, j: usize) -> impl Iterator<Item = &str> + '_ {
        let w = self.doc.token_text(j);
        self.doc
            .token_readings(j)
            .filter(|r| !r.has_article)
            .map(move |r| &w[r.stem_prefix..])
    }

    /// Whether the trigger at `first` reports an event that happened, one planned or
    /// possible, or one denied: from its own form and the modality words around it.
    fn status(
        &self,
        first: usize,
        trigger: &Trigger,
        (clause_start, clause_end): (usize, usize),
    ) -> EventStatus {
        let doc = self.doc;
        if trigger.future {
            return EventStatus::Planned;
        }
        // «ليلتقي نظيره»: a present verb with the ل of purpose is what someone set out to do
        if trigger.form == TriggerForm::Present
            && doc
                .token_text(first)
                .trim_start_matches([morph::AND, morph::FA])
                .starts_with(morph::LI)
        {
            return EventStatus::Planned;
        }
        // «سيقود وفدا ... في زيارة», «وسيعقد الرئيسان قمة»: a future verb earlier in the
        // clause governs the trigger noun
        if trigger.form == TriggerForm::Noun && (clause_start..first).any(|j| self.future_word(j)) {
            return EventStatus::Planned;
        }
        // «القمة ... بين ترمب وكيم، ستعقد في سنغافورة»: the noun is the subject of a future
        // verb later in the sentence, past the commas of its parties' titles: the first
        // verb after it, before another clause or trigger
        if trigger.form == TriggerForm::Noun && self.future_verb_after(trigger.end, clause_end) {
            return EventStatus::Planned;
        }
        // «قد» before a present verb: may (before a past verb it is «has»)
        if trigger.form == TriggerForm::Present
            && first > 0
            && morph::MAY.contains(&doc.token_text(first - 1))
        {
            return EventStatus::Planned;
        }
        let sentence = doc.tokens[first].sentence;
        let from = first.saturating_sub(MODALITY_BEFORE);
        let mut to = trigger.end;
        while to < doc.tokens.len()
            && to < trigger.end + MODALITY_AFTER
            && !doc.tokens[to].after_punct
        {
            to += 1;
        }
        for j in (from..to).filter(|&j| doc.tokens[j].sentence == sentence) {
            let Some(m) = self.finder.modality.longest_at(doc, j) else {
                continue;
            };
            let (status, reach) = *m.payload;
            let governs = match reach {
                ModalityReach::Clause => true,
                ModalityReach::Adjacent => {
                    m.end <= first
                        && first - m.end <= ADJACENT_GAP
                        && !(m.end..=first).any(|k| doc.tokens[k].after_punct)
                }
            };
            if governs {
                return status;
            }
        }
        EventStatus::Occurred
    }

    /// Whether a future verb follows a trigger noun ending at `from` in its sentence: past
    /// the clause's end (`clause_end`) only over the names, titles and commas of its
    /// parties, and never past another clause or trigger.
    fn future_verb_after(&self, from: usize, clause_end: usize) -> bool {
        let doc = self.doc;
        let sentence = doc.tokens[from.saturating_sub(1)].sentence;
        let mut j = from;
        while j < doc.tokens.len() && j < from + FUTURE_AFTER && doc.tokens[j].sentence == sentence
        {
            if self.future_word(j) {
                return true;
            }
            let free = !matches!(self.found.cover[j], Cover::Mention(_));
            if free
                && (self.stem_in(j, &self.lexicon.clause_openers)
                    || self.finder.trigger_at(doc, j).is_some())
            {
                return false;
            }
            // past the clause, only its parties' names and titles
            if j >= clause_end
                && free
                && !matches!(self.found.cover[j], Cover::Nisba(_))
                && self.titles.longest_at(doc, j).is_none()
            {
                return false;
            }
            j += 1;
        }
        false
    }

    /// Whether the word at `j` is a verb in the future: «سيقود», «وستعقد» (not a noun that
    /// starts with the same letters: «سياسة», «سيارات»).
    fn future_word(&self, j: usize) -> bool {
        if matches!(self.found.cover[j], Cover::Mention(_)) {
            return false;
        }
        self.stems(j).any(|stem| {
            morph::future_verb(stem).is_some()
                && !stem.ends_with(morph::TA_MARBUTA)
                && !stem.ends_with("ات")
                && !self.lexicon.common_words.contains(stem)
        })
    }

    fn mention_starting(&self, j: usize) -> Option<&super::mentions::Mention> {
        match self.found.cover.get(j)? {
            Cover::Mention(m) => {
                Some(&self.found.mentions[*m as usize]).filter(|m| m.tokens.first as usize == j)
            }
            _ => None,
        }
    }

    /// Whether the text after a punctuation break at `k` still continues the event's clause.
    fn continues(&self, k: usize, dates: &[DateMention]) -> bool {
        if self
            .mention_starting(k)
            .is_some_and(|m| self.kind(&m.entity) != EntityKind::Organization)
        {
            return true;
        }
        if self.titles.longest_at(self.doc, k).is_some() || dates.iter().any(|d| d.first == k) {
            return true;
        }
        self.doc.token_text(k) == morph::IN
            && (self.mention_starting(k + 1).is_some() || dates.iter().any(|d| d.first == k + 1))
    }

    fn mention(
        &self,
        first: usize,
        trigger: &Trigger,
        roles: &[RoleFinding],
        dates: &[DateMention],
        floor: usize,
    ) -> Mention {
        let doc = self.doc;
        let (end, event_type) = (trigger.end, trigger.event_type);
        let sentence = doc.tokens[first].sentence;
        // back to the clause start
        let mut start = first;
        let mut opener: Option<usize> = None;
        while start > floor && first - start < SCOPE_BACK {
            let j = start - 1;
            if doc.tokens[j].sentence != sentence || doc.tokens[start].after_colon {
                break;
            }
            // (an opener's letters inside a name are the name's: «مون جاي-إن»)
            if self.stem_in(j, &self.lexicon.clause_openers)
                && !matches!(self.found.cover[j], Cover::Mention(_))
            {
                opener = Some(j);
                break;
            }
            if self
                .finder
                .trigger_at(doc, j)
                .is_some_and(|m| m.end <= first)
                && !matches!(self.found.cover[j], Cover::Mention(_))
            {
                break;
            }
            start = j;
        }
        // «كيم، الذي يشرف على ...، سيقود وفدا في زيارة»: the relative clause ended at the
        // comma, and the trigger is in the main clause about the same person
        if let Some(o) = opener.filter(|&o| morph::RELATIVE_PRONOUNS.contains(&doc.token_text(o))) {
            if let Some(k) = (o + 2..=first).rev().find(|&k| doc.tokens[k].after_punct) {
                start = k;
            }
        }
        // forward while the clause goes on
        let mut stop = end;
        let mut coordinated = false;
        while stop < doc.tokens.len() && stop - end < SCOPE_FORWARD {
            let t = &doc.tokens[stop];
            if t.sentence != sentence || t.after_colon {
                break;
            }
            if self.stem_in(stop, &self.lexicon.clause_openers)
                && !matches!(self.found.cover[stop], Cover::Mention(_))
            {
                // «المحادثات التي جرت في جدة»: a relative clause about the event itself
                let about_event = morph::RELATIVE_PRONOUNS.contains(&self.doc.token_text(stop))
                    && stop + 1 < doc.tokens.len()
                    && self.stem_in(stop + 1, &self.lexicon.happened_verbs);
                if !about_event {
                    break;
                }
                stop += 2;
                continue;
            }
            if !matches!(self.found.cover[stop], Cover::Mention(_))
                && self.finder.trigger_at(doc, stop).is_some()
            {
                // «زيارة ... إلى بيونغيانغ، واجتماعه مع كيم»: joined by «و», after a comma or not
                coordinated = doc.token_text(stop).starts_with(morph::AND);
                break;
            }
            if t.after_punct && !self.continues(stop, dates) {
                break;
            }
            stop += 1;
        }
        let status = self.status(first, trigger, (start, stop));
        let in_scope = |j: usize| j >= start && j < stop;
        let mut participants: Vec<EventPart> = Vec::new();
        let mut places: Vec<EventPart> = Vec::new();
        let part = |entity: EntityRef, first: usize, end: usize, rule: &str| EventPart {
            entity,
            first,
            end,
            sentence,
            rule: rule.to_string(),
        };
        for m in self
            .found
            .mentions
            .iter()
            .filter(|m| in_scope(m.tokens.first as usize))
        {
            let (mf, me) = (m.tokens.first as usize, m.tokens.end as usize);
            match self.kind(&m.entity) {
                EntityKind::Person => {
                    // «للرئيس الروسي فلاديمير بوتين يوري أوشاكوف»: the first name only qualifies
                    // («فلاديمير بوتين ودونالد ترامب»: «و» joins two people)
                    let qualifies_next = self.mention_starting(me).is_some_and(|n| {
                        let joined = n.chars.start > doc.tokens[me].chars.start
                            && doc.token_text(me).starts_with(morph::AND);
                        self.kind(&n.entity) == EntityKind::Person
                            && !doc.tokens[me].after_break
                            && !joined
                    });
                    if !qualifies_next
                        && !self.described_by(mf)
                        && !self.speaker(mf, me, trigger, first)
                    {
                        participants.push(part(m.entity.clone(), mf, me, "event:participant"));
                    }
                }
                EntityKind::Location if event_type.has_place() => {
                    places.push(part(m.entity.clone(), mf, me, "event:place"))
                }
                EntityKind::Country if event_type.has_place() => {
                    // «بالسعودية», «في تركيا»: the country is where it happened
                    let prefix = doc.original(doc.tokens[mf].chars.start, m.chars.start);
                    // «زيارة للولايات المتحدة»: a visit names its destination with ل
                    // «زار روسيا»: a visit's destination is also its object, unless it is
                    // where the visitor came from («من موسكو»)
                    let from = mf > 0 && doc.token_text(mf - 1) == morph::FROM;
                    let written_in = prefix.contains(morph::BI)
                        || (event_type.is_travel() && !from && mf >= end)
                        || (mf > 0 && doc.token_text(mf - 1) == morph::IN);
                    if written_in {
                        places.push(part(m.entity.clone(), mf, me, "event:place"));
                    }
                }
                _ => {}
            }
        }
        // an office inside someone else's title («مستشار مرشد إيران، ولايتي») is no party
        let inside_title = |r: &RoleFinding| {
            roles.iter().any(|o| {
                o.named() && r.title_first > o.title_first && r.title_first < o.person_first
            })
        };
        for r in roles
            .iter()
            .filter(|r| !r.named() && in_scope(r.title_first) && !inside_title(r))
        {
            participants.push(part(
                r.person.clone(),
                r.title_first,
                r.person_end,
                &format!("event:participant:{}", r.rule),
            ));
        }
        // delegations: «وفدان أمريكي وأوكراني», «الوفدان الأمريكي والروسي»
        for j in start..stop {
            if !self.stem_in(j, &self.lexicon.delegations) {
                continue;
            }
            let mut k = j + 1;
            while let Some(Cover::Nisba(n)) = self.found.cover.get(k) {
                let n = &self.found.nisbas[*n as usize];
                participants.push(part(
                    EntityRef::Known(n.country),
                    n.tokens.first as usize,
                    n.tokens.end as usize,
                    "event:delegation",
                ));
                k = n.tokens.end as usize;
            }
        }
        // «ترامب، الذي التقى كيم»: the person a relative clause is about is its subject
        if let Some(o) = opener.filter(|&o| {
            morph::RELATIVE_PRONOUNS.contains(&doc.token_text(o))
                && !participants.iter().any(|p| p.first < first)
        }) {
            let subject =
                self.found.mentions.iter().find(|m| {
                    m.tokens.end as usize == o && self.kind(&m.entity) == EntityKind::Person
                });
            if let Some(m) = subject {
                let (mf, me) = (m.tokens.first as usize, m.tokens.end as usize);
                participants.insert(0, part(m.entity.clone(), mf, me, "event:relative_subject"));
            }
        }
        // «قال بوتين عقب لقائه مع ترامب»: the pronoun on the trigger is the person the
        // sentence is about, named before the trigger's clause. So is the pronoun subject
        // of a verb after «إنه»/«أنها» («قال بوتين إنه التقى ...»): without the pronoun
        // («بعد أن التقى رئيس المجلس») the verb's subject may as well follow it.
        let no_subject = !participants.iter().any(|p| p.first < first);
        let pronoun_subject = opener.is_some_and(|o| {
            let w = doc.token_text(o);
            w.len() > 2 && w.starts_with("ان") && w != "ان"
        });
        let implied_subject = trigger.form != TriggerForm::Noun && pronoun_subject;
        // «خلال عقده مؤتمرا صحفيا مع …», «بعد إجرائها اتصالا»: the pronoun is on the verb
        // noun that holds the trigger
        let held_by_pronoun = first > 0 && self.light_verb_with_pronoun(first - 1);
        if no_subject && (trigger.suffixed || held_by_pronoun || implied_subject) {
            let possessor = self.found.mentions.iter().rfind(|m| {
                (m.tokens.end as usize) <= start
                    && m.sentence == sentence
                    && self.kind(&m.entity) == EntityKind::Person
                    && !self.described_by(m.tokens.first as usize)
            });
            if let Some(m) = possessor {
                let (mf, me) = (m.tokens.first as usize, m.tokens.end as usize);
                let rule = if trigger.suffixed || held_by_pronoun {
                    "event:possessor"
                } else {
                    "event:implied_subject"
                };
                participants.insert(0, part(m.entity.clone(), mf, me, rule));
            }
        }
        // «قمة بين الزعيمين», «التقيا ... بينهما»: the two people named last before it
        if participants.len() < 2 && self.dual_reference(end, stop) {
            let before: Vec<&super::mentions::Mention> = self
                .found
                .mentions
                .iter()
                .filter(|m| {
                    let mf = m.tokens.first as usize;
                    (m.tokens.end as usize) <= first
                        && m.sentence == sentence
                        && self.kind(&m.entity) == EntityKind::Person
                        && !self.described_by(mf)
                        && !self.speaker_anywhere(mf, m.tokens.end as usize)
                        && !roles.iter().any(|r| {
                            r.person == m.entity && SPEAKING_ROLES.contains(&r.role.as_str())
                        })
                })
                .collect();
            let mut two: Vec<&super::mentions::Mention> = Vec::new();
            for m in before.iter().rev() {
                if !two.iter().any(|t| t.entity == m.entity) {
                    two.push(m);
                }
                if two.len() == 2 {
                    break;
                }
            }
            if two.len() == 2 {
                participants.clear();
                for m in two.into_iter().rev() {
                    let (mf, me) = (m.tokens.first as usize, m.tokens.end as usize);
                    participants.push(part(m.entity.clone(), mf, me, "event:dual_reference"));
                }
            }
        }
        let mut seen = Vec::new();
        participants.retain(|p| {
            let new = !seen.contains(&p.entity);
            seen.push(p.entity.clone());
            new
        });
        let date = dates
            .iter()
            .filter(|d| in_scope(d.first))
            .min_by_key(|d| d.first.abs_diff(first))
            .or_else(|| opener.and_then(|o| dates.iter().find(|d| d.end == o)))
            .cloned();
        Mention {
            event_type,
            status,
            first,
            end,
            sentence,
            participants,
            places,
            date,
            scope_end: stop,
            coordinated,
            present: trigger.form == TriggerForm::Present,
            noun: trigger.form == TriggerForm::Noun,
        }
    }

    /// Whether the person named at `first` only describes someone else: a relation noun
    /// before the name and its titles («صهر الرئيس ترامب», «حليف بوتين», «إدارة ترامب»).
    fn described_by(&self, first: usize) -> bool {
        let mut k = first;
        for _ in 0..4 {
            let Some(j) = k.checked_sub(1) else {
                return false;
            };
            if self.doc.tokens[k].after_punct
                || self.doc.tokens[j].sentence != self.doc.tokens[k].sentence
            {
                return false;
            }
            if self.stem_in(j, &self.lexicon.relation_nouns) {
                return true;
            }
            let decorates = matches!(self.found.cover[j], Cover::Nisba(_))
                || self
                    .titles
                    .longest_at(self.doc, j)
                    .is_some_and(|m| m.end <= k);
            if !decorates {
                return false;
            }
            k = j;
        }
        false
    }

    /// Whether the person named at `first` is the one speaking of the event, not a party
    /// to it, before a trigger noun that no pronoun ties to them («وقال بولتون عندما سئل
    /// عن قمة ترامب وبوتين», «وكان ترامب قد أكد زيارة بومبيو»).
    fn speaker(&self, name: usize, name_end: usize, trigger: &Trigger, trigger_at: usize) -> bool {
        trigger.form == TriggerForm::Noun
            && !trigger.suffixed
            && name < trigger_at
            && (self.after_speech_verb(name) || self.before_speech_verb(name_end, trigger_at))
    }

    /// Whether the person named at `name..name_end` speaks in the sentence: right after a
    /// verb of saying, or its subject before it.
    fn speaker_anywhere(&self, name: usize, name_end: usize) -> bool {
        self.after_speech_verb(name) || self.before_speech_verb(name_end, self.doc.tokens.len())
    }

    /// Whether a verb of saying stands before the name at `name`, its titles between
    /// («وأكد الرئيس الأمريكي دونالد ترامب …»).
    fn after_speech_verb(&self, name: usize) -> bool {
        let mut k = name;
        while k > 0
            && !self.doc.tokens[k].after_punct
            && (matches!(self.found.cover[k - 1], Cover::Nisba(_))
                || self.titles.longest_at(self.doc, k - 1).is_some())
        {
            k -= 1;
        }
        k > 0 && self.stem_in(k - 1, &self.lexicon.speech_verbs)
    }

    /// Whether a verb of saying follows the name ending at `name_end` (before `limit`),
    /// «قد» between or not: the name is its subject («وكان ترامب قد أكد»).
    fn before_speech_verb(&self, name_end: usize, limit: usize) -> bool {
        (name_end..(name_end + 2).min(limit))
            .find(|&k| !morph::MAY.contains(&self.doc.token_text(k)))
            .is_some_and(|k| {
                !self.doc.tokens[k].after_punct && self.stem_in(k, &self.lexicon.speech_verbs)
            })
    }

    /// Whether token `j` is a verb of holding («عقد», «إجراء», `happened_verbs.tsv`) with a
    /// possessive pronoun: «عقده», «إجرائها».
    fn light_verb_with_pronoun(&self, j: usize) -> bool {
        self.stems(j).any(|stem| {
            POSSESSIVE_PRONOUNS.iter().any(|p| stem.ends_with(p))
                && morph::suffix_bases(stem)
                    .iter()
                    .any(|b| self.lexicon.happened_verbs.contains(b))
        })
    }

    /// Whether the trigger's clause (`from..to`) refers to its two parties without naming
    /// them: «بين الزعيمين», «بينهما» (`dual_references.tsv`).
    fn dual_reference(&self, from: usize, to: usize) -> bool {
        (from..to).any(|j| {
            let after_between = j > 0 && self.doc.token_text(j - 1) == morph::BETWEEN;
            self.stem_in(j, &self.lexicon.dual_references)
                && (after_between || self.doc.token_text(j).starts_with(morph::BETWEEN))
        })
    }

    /// What a trigger coordinated with the one before («زيارة بومبيو إلى بيونغيانغ
    /// واجتماعه مع كيم», «فزار روسيا والتقى رئيسها») takes from it: the place of the
    /// journey, and the subject when it names none of its own.
    fn share_with_coordinated(&self, previous: &Mention, mention: &mut Mention, trigger: &Trigger) {
        if previous.event_type.is_travel()
            && mention.event_type.has_place()
            && mention.places.is_empty()
        {
            mention.places = previous
                .places
                .iter()
                .map(|p| EventPart {
                    rule: "event:place_coordinated".into(),
                    ..p.clone()
                })
                .collect();
        }
        let subject = previous
            .participants
            .iter()
            .find(|p| p.first < previous.first)
            .cloned();
        let has_subject = mention.participants.iter().any(|p| p.first < mention.first);
        if let Some(subject) = subject.filter(|_| trigger.form != TriggerForm::Noun && !has_subject)
        {
            if !mention
                .participants
                .iter()
                .any(|p| p.entity == subject.entity)
            {
                mention.participants.insert(
                    0,
                    EventPart {
                        rule: "event:shared_subject".into(),
                        ..subject
                    },
                );
            }
        }
    }

    /// Whether `inner` lies in `outer` (a city in its country), or they are the same.
    fn place_fits(&self, a: &EntityRef, b: &EntityRef) -> bool {
        if a == b {
            return true;
        }
        let country = |e: &EntityRef| match e {
            EntityRef::Known(i) => self.gazetteer.entries[*i as usize].country.clone(),
            _ => None,
        };
        let slug = |e: &EntityRef| match e {
            EntityRef::Known(i) => Some(self.gazetteer.entries[*i as usize].slug.clone()),
            _ => None,
        };
        (country(a).is_some() && country(a) == slug(b))
            || (country(b).is_some() && country(b) == slug(a))
    }
}

struct Anchor {
    event: ArticleEvent,
    same_day: bool,
    /// Every report of it is a trigger noun with no tense, modality or date of its own
    /// («المكان المفضل للقاء ترمب وكيم»): it says nothing of whether it happened.
    unmarked: bool,
}

fn consolidate(cx: &Cx, mentions: Vec<Mention>, article_date: Option<&str>) -> Vec<ArticleEvent> {
    // what is planned lies ahead: «يوم الأربعاء» of a planned meeting is the next one
    let resolve = |d: &DateMention, status: EventStatus| {
        dates::resolve_toward(d.value, article_date, None, status == EventStatus::Planned)
    };
    let mut anchors: Vec<Anchor> = Vec::new();
    let mut rest: Vec<Mention> = Vec::new();
    for m in mentions {
        // an event needs two parties; a visit needs a visitor and the place visited
        let visit = m.event_type.is_travel() && m.participants.len() == 1 && !m.places.is_empty();
        if m.participants.len() < 2 && !visit {
            rest.push(m);
            continue;
        }
        let date = m.date.as_ref().and_then(|d| resolve(d, m.status));
        let unmarked = m.noun && m.status == EventStatus::Occurred && m.date.is_none();
        let same_day = m
            .date
            .as_ref()
            .is_some_and(|d| d.value == DateValue::SameDay);
        let existing = anchors.iter_mut().find(|a| {
            let shared = m
                .participants
                .iter()
                .filter(|p| a.event.participants.iter().any(|q| q.entity == p.entity))
                .count();
            // a visit has one party: another report of the same visitor's journey to the
            // same place is the same visit
            let one_party = a.event.participants.len().min(m.participants.len()) == 1;
            let same_places = a.event.places.is_empty()
                || m.places.is_empty()
                || m.places.iter().any(|p| {
                    a.event
                        .places
                        .iter()
                        .any(|q| cx.place_fits(&p.entity, &q.entity))
                });
            a.event.event_type.compatible(m.event_type)
                && a.event.status == m.status
                && (shared >= 2 || (shared == 1 && one_party && same_places))
                && match (&a.event.date, &date) {
                    (Some(x), Some(y)) => dates::compatible(x, y),
                    _ => true,
                }
        });
        match existing {
            Some(a) => {
                a.event.event_type = a.event.event_type.merged(m.event_type);
                for p in m.participants {
                    if !a.event.participants.iter().any(|q| q.entity == p.entity) {
                        a.event.participants.push(p);
                    }
                }
                add_places(&mut a.event, m.places);
                if let (None, Some(d)) = (&a.event.date, &date) {
                    a.event.date = Some(d.clone());
                    a.event.date_text = m.date.as_ref().map(|d| d.text.clone()).unwrap_or_default();
                }
                a.event.reports.push((m.first, m.end, m.sentence));
                a.unmarked &= unmarked;
            }
            None => anchors.push(Anchor {
                event: ArticleEvent {
                    event_type: m.event_type,
                    status: m.status,
                    date,
                    date_text: m.date.as_ref().map(|d| d.text.clone()).unwrap_or_default(),
                    participants: m.participants,
                    places: if !m.event_type.has_place() {
                        Vec::new()
                    } else {
                        m.places
                    },
                    reports: vec![(m.first, m.end, m.sentence)],
                },
                same_day,
                unmarked,
            }),
        }
    }
    // an unmarked noun («للقاء ترمب وكيم») refers to the event the article reports as
    // planned or denied between the same parties, if there is one
    let mut k = 0;
    while k < anchors.len() {
        let target = anchors[k]
            .unmarked
            .then(|| {
                anchors.iter().position(|a| {
                    let e = &anchors[k].event;
                    let shared = e
                        .participants
                        .iter()
                        .filter(|p| a.event.participants.iter().any(|q| q.entity == p.entity))
                        .count();
                    a.event.status != EventStatus::Occurred
                        && a.event.event_type.compatible(e.event_type)
                        && shared >= 2
                })
            })
            .flatten();
        match target {
            Some(t) => {
                let u = anchors.remove(k);
                let t = if t > k { t - 1 } else { t };
                add_places(&mut anchors[t].event, u.event.places);
                anchors[t].event.reports.extend(u.event.reports);
            }
            None => k += 1,
        }
    }
    // short mentions add their date and place to the nearest event they fit
    for m in rest {
        if m.places.is_empty() && m.date.is_none() {
            continue;
        }
        let date = m.date.as_ref().and_then(|d| resolve(d, m.status));
        let fits = |a: &Anchor| {
            let e = &a.event;
            e.event_type.compatible(m.event_type)
                && e.status == m.status
                && m.participants
                    .iter()
                    .all(|p| e.participants.iter().any(|q| q.entity == p.entity))
                && (m.places.is_empty() || e.event_type.has_place())
                && m.places.iter().all(|p| {
                    e.places.is_empty()
                        || e.places.iter().any(|q| cx.place_fits(&p.entity, &q.entity))
                })
                && match (&e.date, &date) {
                    (Some(x), Some(y)) => dates::compatible(x, y),
                    _ => true,
                }
        };
        let distance = |a: &Anchor| {
            a.event
                .reports
                .iter()
                .map(|r| r.0.abs_diff(m.first))
                .min()
                .unwrap_or(usize::MAX)
        };
        if let Some(a) = anchors
            .iter_mut()
            .filter(|a| fits(a))
            .min_by_key(|a| distance(a))
        {
            add_places(&mut a.event, m.places);
            let more_precise = match (&a.event.date, &date) {
                (None, Some(_)) => true,
                (Some(x), Some(y)) => y.len() > x.len(),
                _ => false,
            };
            if more_precise {
                a.event.date = date;
                a.event.date_text = m.date.as_ref().map(|d| d.text.clone()).unwrap_or_default();
            }
            a.event.reports.push((m.first, m.end, m.sentence));
        }
    }
    // «في اليوم ذاته»: the day of the event last talked about before it
    let dated: Vec<(usize, String)> = anchors
        .iter()
        .filter_map(|a| {
            Some((
                a.event.reports.first()?.0,
                a.event.date.clone().filter(|d| d.len() == 10)?,
            ))
        })
        .collect();
    for a in anchors
        .iter_mut()
        .filter(|a| a.same_day && a.event.date.is_none())
    {
        let at = a.event.reports.first().map_or(0, |r| r.0);
        a.event.date = dated
            .iter()
            .filter(|(p, _)| *p < at)
            .max_by_key(|(p, _)| *p)
            .map(|(_, d)| d.clone());
    }
    let mut events: Vec<ArticleEvent> = anchors.into_iter().map(|a| a.event).collect();
    for e in &mut events {
        add_venue_countries(cx, e);
    }
    events
}

/// A venue in a country makes the event one held in that country too («في طهران» → Iran):
/// the country is added as a place with the venue's words and its own rule.
fn add_venue_countries(cx: &Cx, event: &mut ArticleEvent) {
    let mut added = Vec::new();
    for p in &event.places {
        let EntityRef::Known(i) = p.entity else {
            continue;
        };
        let entry = &cx.gazetteer.entries[i as usize];
        if entry.kind != EntityKind::Location {
            continue;
        }
        let Some(country) = entry
            .country
            .as_deref()
            .and_then(|c| cx.gazetteer.index_of(c))
        else {
            continue;
        };
        let country = EntityRef::Known(country as u32);
        let known = event
            .places
            .iter()
            .chain(&added)
            .any(|q| q.entity == country);
        if !known {
            added.push(EventPart {
                entity: country,
                rule: "event:place_country".into(),
                ..p.clone()
            });
        }
    }
    event.places.extend(added);
}

/// The first two letters of a word.
fn head(word: &str) -> Option<[char; 2]> {
    let mut chars = word.chars();
    Some([chars.next()?, chars.next()?])
}

/// Adds places to an event (a phone call has none).
fn add_places(event: &mut ArticleEvent, places: Vec<EventPart>) {
    if !event.event_type.has_place() {
        return;
    }
    for p in places {
        if !event.places.iter().any(|q| q.entity == p.entity) {
            event.places.push(p);
        }
    }
}
