//! Roles and affiliations: who holds which office, which organisation belongs to which state.
//!
//! Roles come from title phrases before a name («وزير الخارجية الروسي سيرجي لافروف»), after
//! it («ستيف ويتكوف، المبعوث الأمريكي»), nested («مستشار ... للرئيس الروسي فلاديمير بوتين
//! يوري أوشاكوف»), without a name (the office holder on the article's date, from the
//! gazetteer's dated roles), and as «نظيره الروسي» (the same office in another country).

use super::gazetteer::{EntityKind, Gazetteer};
use super::lexicon::Lexicon;
use super::mentions::{Cover, DocumentMentions, EntityRef, MentionFinder};
use crate::text::morph;
use crate::text::Document;
use crate::vocab::Role;

/// A role found in a document.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleFinding {
    pub person: EntityRef,
    pub target: EntityRef,
    pub role: String,
    /// The Arabic title words.
    pub title: String,
    /// Tokens of the title phrase and of the person (the title itself when unnamed).
    pub title_first: usize,
    pub title_end: usize,
    pub person_first: usize,
    pub person_end: usize,
    pub sentence: u32,
    pub rule: String,
    pub confidence: f32,
    /// When the office is held, if the title says: `former` or `acting` (a next holder
    /// holds no role and makes no finding).
    pub term: Option<Role>,
}

impl RoleFinding {
    /// Whether the person was named in the text (not resolved from the office alone).
    pub fn named(&self) -> bool {
        !self.rule.starts_with("role_by_date") && !self.rule.starts_with("counterpart:")
    }
}

/// Where a title phrase stands, to make findings from.
struct TitleSpan {
    title: String,
    first: usize,
    end: usize,
    sentence: u32,
}

impl TitleSpan {
    fn finding(
        &self,
        person: EntityRef,
        target: EntityRef,
        role: String,
        (person_first, person_end): (usize, usize),
        rule: String,
        confidence: f32,
    ) -> RoleFinding {
        RoleFinding {
            person,
            target,
            role,
            title: self.title.clone(),
            title_first: self.first,
            title_end: self.end,
            person_first,
            person_end,
            sentence: self.sentence,
            rule,
            confidence,
            term: None,
        }
    }
}

/// Context for role finding in one document.
pub struct RoleContext<'a> {
    pub doc: &'a Document,
    pub found: &'a DocumentMentions,
    pub gazetteer: &'a Gazetteer,
    pub finder: &'a MentionFinder,
    pub common: &'a dyn Fn(&str) -> bool,
    /// «Counterpart» with its pronouns (`counterparts.tsv`).
    pub counterparts: &'a rustc_hash::FxHashSet<String>,
    /// Offices written with a pronoun for their country (`office_pronouns.tsv`), by their
    /// first word.
    pub office_pronouns: &'a super::lexicon::OfficePronouns,
    /// Words for delegations (`delegations.tsv`): a list of offices after one is its members.
    pub delegations: &'a rustc_hash::FxHashSet<String>,
    /// The article's date, for offices named without a person.
    pub date: Option<&'a str>,
}

impl RoleContext<'_> {
    fn kind(&self, e: &EntityRef) -> EntityKind {
        e.kind(self.gazetteer)
    }

    fn mention_at(&self, j: usize) -> Option<&super::mentions::Mention> {
        match self.found.cover.get(j)? {
            Cover::Mention(m) => Some(&self.found.mentions[*m as usize]),
            _ => None,
        }
    }

    fn person_at(&self, j: usize) -> Option<&super::mentions::Mention> {
        self.mention_at(j)
            .filter(|m| m.tokens.first as usize == j && self.kind(&m.entity) == EntityKind::Person)
    }

    fn country_of(&self, e: &EntityRef) -> Option<EntityRef> {
        let EntityRef::Known(i) = e else { return None };
        let entry = &self.gazetteer.entries[*i as usize];
        if entry.kind == EntityKind::Country {
            return Some(e.clone());
        }
        let slug = entry.country.as_deref()?;
        self.gazetteer
            .index_of(slug)
            .map(|i| EntityRef::Known(i as u32))
    }

    /// Gazetteer holders of `role` at `target` (or at an office of `target`'s country).
    fn holders(&self, role: &str, target: &EntityRef) -> Vec<EntityRef> {
        let (Some(date), EntityRef::Known(t)) = (self.date, target) else {
            return Vec::new();
        };
        let target_slug = &self.gazetteer.entries[*t as usize].slug;
        let mut people: Vec<EntityRef> = self
            .gazetteer
            .roles
            .iter()
            .filter(|r| r.role == role)
            .filter(|r| {
                // a country's offices count for it («وزير الخارجية الأمريكي» is the head
                // of the State Department), but not its agencies' heads: «رئيس الولايات
                // المتحدة» is no FBI director
                let office_of_country = role != "head"
                    && role != "president"
                    && self
                        .gazetteer
                        .get(&r.target)
                        .and_then(|e| e.country.as_deref())
                        == Some(target_slug);
                r.target == *target_slug || office_of_country
            })
            .filter(|r| !self.gazetteer.holders(&r.role, &r.target, date).is_empty())
            .filter(|r| {
                self.gazetteer
                    .holders(&r.role, &r.target, date)
                    .iter()
                    .any(|h| h.person == r.person)
            })
            .filter_map(|r| {
                self.gazetteer
                    .index_of(&r.person)
                    .map(|i| EntityRef::Known(i as u32))
            })
            .collect();
        people.sort();
        people.dedup();
        people
    }
}

/// Finds the roles in a document.
pub fn find_roles(cx: &RoleContext) -> Vec<RoleFinding> {
    let doc = cx.doc;
    let mut out: Vec<RoleFinding> = Vec::new();
    let mut i = 0;
    while i < doc.tokens.len() {
        if doc.token_excluded(i) {
            i += 1;
            continue;
        }
        if let Some(counterpart) = counterpart_at(cx, i, &out) {
            out.push(counterpart);
            i += 1;
            continue;
        }
        if let Some(office) = office_pronoun_at(cx, i) {
            i = office.title_end;
            out.push(office);
            continue;
        }
        let Some(m) = cx
            .finder
            .titles
            .longest_at(doc, i)
            .filter(|m| !Lexicon::is_decoration(m.payload))
        else {
            i += 1;
            continue;
        };
        if matches!(cx.found.cover[i], Cover::Mention(_)) {
            i += 1;
            continue;
        }
        let sentence = doc.tokens[i].sentence;
        let t0 = &doc.tokens[i];
        let (title_start, _) = doc
            .norm
            .original_span(t0.norm.from + m.prefix_len, t0.norm.to);
        let title: String = doc.original(title_start, doc.tokens[m.end - 1].chars.end);
        let mut tail = parse_tail(cx, m.end, sentence);
        // «المستشار السياسي لمرشد إيران، علي أكبر ولايتي»: an office governed by «ل»
        // describes someone else's title, and the name after the comma is that title's
        if m.prefix_len > 0
            && tail
                .person
                .is_some_and(|p| doc.tokens[p.tokens.first as usize].after_punct)
        {
            tail.person = None;
        }
        // «الرئيس المنتخب»: whoever it is holds no office yet
        if tail.term == Some(Role::Next) {
            i = m.end;
            continue;
        }
        let mut role = m.payload.clone();
        let span = TitleSpan {
            title: title.clone(),
            first: i,
            end: m.end,
            sentence,
        };
        let term = tail.term;
        let make = |person, target, role, pf, pe, rule, confidence| RoleFinding {
            term,
            ..span.finding(person, target, role, (pf, pe), rule, confidence)
        };
        if let Some(person) = tail.person {
            let (mut pf, mut pe) = (person.tokens.first as usize, person.tokens.end as usize);
            let mut person_ref = person.entity.clone();
            let mut target = tail.org.clone().or(tail.country.clone());
            // «مستشار ... للرئيس الروسي فلاديمير بوتين يوري أوشاكوف»: the title is the
            // second person's, and the first is whom they serve
            let second = cx
                .person_at(pe)
                .filter(|_| tail.inner_title && !doc.tokens[pe].after_break);
            if let Some(second) = second {
                target = Some(person_ref.clone());
                person_ref = second.entity.clone();
                pf = second.tokens.first as usize;
                pe = second.tokens.end as usize;
            }
            let (target, rule, confidence) = match target.or_else(|| cx.country_of(&person_ref)) {
                Some(t) => (Some(t), "title_before", 0.85),
                // «ولي العهد السعودي ... على رأس وفد يضم وزير التجارة الدكتور ماجد
                // القصبي، ووزير ...»: an office of no country named, listed after
                // another's, is of that one's country
                None => (
                    shared_country(cx, &out, i, sentence),
                    "title_before:listed",
                    0.6,
                ),
            };
            // an office inside the title of the same person («رئيس الشؤون الخاصة لسمو ولي
            // العهد الأستاذ ثامر نصيف») is not theirs: the outer title was
            let inner_of_same = out
                .iter()
                .any(|r| r.person == person_ref && r.title_first < i && i < r.person_first);
            // a listed office the gazetteer gives someone else that day is not this one's
            // («مكتب سمو وزير الدفاع الأستاذ فهد العيسى»: the minister is another man)
            let held_by_another = rule != "title_before"
                && target.as_ref().is_some_and(|t| {
                    let holders = cx.holders(&role, t);
                    !holders.is_empty() && !holders.contains(&person_ref)
                });
            if let Some(target) = target.filter(|_| !inner_of_same && !held_by_another) {
                if role == "head"
                    && cx.kind(&target) == EntityKind::Country
                    && rule == "title_before"
                {
                    role = "president".into();
                }
                out.push(make(
                    person_ref,
                    target,
                    role,
                    pf,
                    pe,
                    rule.into(),
                    confidence,
                ));
            }
            i = m.end;
            continue;
        }
        // «ستيف ويتكوف، المبعوث الأمريكي»: the name just before the title, in apposition —
        // a title with a preposition on it is no apposition but what the sentence says of
        // someone else («… مايك بومبيو، بزعيم كوريا الشمالية»)
        let apposition = m.prefix_len == 0;
        let target = tail.org.clone().or(tail.country.clone());
        // without the comma («أنجلينا جولي المبعوثة الخاصة للمفوضية»), only a definite title
        // of a named office stands in apposition, and only to someone the gazetteer does
        // not know: «التقى ترامب وزير الخارجية الصيني» has an object there, not Trump's title
        let unmarked_apposition = |p: &super::mentions::Mention| {
            target.is_some()
                && doc.token_text(i).starts_with(morph::ARTICLE)
                && matches!(p.entity, EntityRef::Discovered { .. })
        };
        let before = (i > 0 && apposition && doc.tokens[i - 1].sentence == sentence)
            .then(|| cx.mention_at(i - 1))
            .flatten()
            .filter(|p| p.tokens.end as usize == i && cx.kind(&p.entity) == EntityKind::Person)
            .filter(|p| doc.tokens[i].after_punct || unmarked_apposition(p));
        if let Some(p) = before {
            if let Some(target) = target.or_else(|| cx.country_of(&p.entity)) {
                out.push(make(
                    p.entity.clone(),
                    target,
                    role,
                    p.tokens.first as usize,
                    p.tokens.end as usize,
                    "title_after".into(),
                    0.8,
                ));
            }
        } else if let Some(target) = target.filter(|_| term.is_none()) {
            // an office without a name: its holder on the article's date, if only one (not
            // for a former holder, who is someone else)
            let mut holders = cx.holders(&role, &target);
            if holders.is_empty() && role == "head" {
                holders = cx.holders("president", &target);
            }
            if let [holder] = holders.as_slice() {
                out.push(make(
                    holder.clone(),
                    target,
                    role,
                    i,
                    tail.end,
                    "role_by_date".into(),
                    0.7,
                ));
            }
        }
        i = m.end;
    }
    out
}

struct Tail<'a> {
    org: Option<EntityRef>,
    country: Option<EntityRef>,
    person: Option<&'a super::mentions::Mention>,
    end: usize,
    /// Another title stood between this one and the name («مستشار ... للرئيس ...»).
    inner_title: bool,
    /// A word of the office's term in it: «السابق», «المنتخب», «بالوكالة».
    term: Option<Role>,
}

/// What follows a title: its organisation or country, decorations, then maybe a name.
fn parse_tail<'a>(cx: &'a RoleContext, mut j: usize, sentence: u32) -> Tail<'a> {
    let doc = cx.doc;
    let mut tail = Tail {
        org: None,
        country: None,
        person: None,
        end: j,
        inner_title: false,
        term: None,
    };
    let mut descriptors = 0;
    let limit = j + 14;
    while j < doc.tokens.len() && j < limit && doc.tokens[j].sentence == sentence {
        let t = &doc.tokens[j];
        if t.after_colon {
            break;
        }
        match cx.found.cover[j] {
            Cover::Nisba(n) => {
                let n = &cx.found.nisbas[n as usize];
                tail.country.get_or_insert(EntityRef::Known(n.country));
                j = n.tokens.end as usize;
                tail.end = j;
                continue;
            }
            Cover::Mention(m) => {
                let mention = &cx.found.mentions[m as usize];
                match cx.kind(&mention.entity) {
                    EntityKind::Person => {
                        // a name after a comma belongs to the title only in apposition to an office
                        if !t.after_punct || tail.org.is_some() || tail.country.is_some() {
                            tail.person = Some(mention);
                        }
                        return tail;
                    }
                    EntityKind::Organization => {
                        tail.org.get_or_insert(mention.entity.clone());
                    }
                    EntityKind::Country => {
                        tail.country.get_or_insert(mention.entity.clone());
                    }
                    EntityKind::Location => {}
                }
                if t.after_punct && !t.after_break {
                    break;
                }
                j = mention.tokens.end as usize;
                tail.end = j;
                continue;
            }
            Cover::Free => {}
        }
        if t.after_punct {
            break;
        }
        if let Some(m) = cx.finder.titles.longest_at(doc, j) {
            tail.inner_title |= !Lexicon::is_decoration(m.payload);
            if let Some(term) = Role::parse(m.payload).filter(|r| r.is_term()) {
                tail.term.get_or_insert(term);
            }
            j = m.end;
            continue;
        }
        // descriptive words of the office («السياسة الخارجية»), and its complement with
        // «ل» («للأمن القومي», «لشؤون اللاجئين»)
        // («وزير التجارة والاستثمار»: joined by «و»)
        let w = doc.token_text(j);
        let w = w
            .strip_prefix(morph::AND)
            .filter(|rest| rest.starts_with(morph::ARTICLE) || rest.starts_with(OF_THE))
            .unwrap_or(w);
        let complement = w.starts_with(OF_THE) && w.chars().count() > 3;
        if (w.starts_with(morph::ARTICLE) || complement) && !(cx.common)(w) && descriptors < 4 {
            descriptors += 1;
            j += 1;
            continue;
        }
        break;
    }
    tail
}

/// How many tokens may stand between a listed office and the end of the one before it
/// («، ومعالي»).
const LISTED_REACH: usize = 3;
/// How many tokens may stand between a person and the first office of their delegation
/// («محمد بن سلمان مصر على رأس وفد يضم وزير …»).
const DELEGATION_REACH: usize = 10;

/// The country of the office named just before token `i` in a list («…، ووزير …»), for
/// an office listed after it with no country of its own.
fn shared_country(
    cx: &RoleContext,
    earlier: &[RoleFinding],
    i: usize,
    sentence: u32,
) -> Option<EntityRef> {
    // in this sentence, near; or the list goes on in the next («ويضم الوفد أيضا ...»)
    let last = earlier.iter().rev().find(|r| r.sentence == sentence)?;
    if i < last.person_end {
        return None;
    }
    let doc = cx.doc;
    // in a list: the comma or «و» between them, and nothing else but honorifics
    let joined = i - last.person_end <= LISTED_REACH
        && (doc.tokens[last.person_end].after_punct
            || doc.token_text(last.person_end).starts_with(morph::AND));
    // or the first member of the delegation of the one named before («على رأس وفد يضم»)
    let delegation = i - last.person_end <= DELEGATION_REACH
        && (last.person_end..i).any(|k| {
            let w = doc.token_text(k);
            doc.token_readings(k)
                .any(|r| cx.delegations.contains(&w[r.stem_prefix..]))
        });
    if !joined && !delegation {
        return None;
    }
    cx.country_of(&last.target)
}

/// The rule of a name discovered between commas after an office (`mentions`).
const APPOSITION_RULE: &str = "discovered:apposition";

/// «لل»: «ل» (for) on the article, how an office's complement is written.
const OF_THE: &str = "لل";

/// How far back the country of an office's pronoun may be named, in tokens.
const PRONOUN_REACH: usize = 15;

/// «فزار روسيا والتقى رئيسها»: an office with a pronoun for the country named last before
/// it in the sentence, held on the article's date by one person of the gazetteer.
fn office_pronoun_at(cx: &RoleContext, i: usize) -> Option<RoleFinding> {
    let doc = cx.doc;
    // one lookup per reading: most tokens start no such office
    let token = doc.token_text(i);
    let (words, roles) = doc
        .token_readings(i)
        .filter(|r| !r.has_article)
        .filter_map(|r| cx.office_pronouns.get(&token[r.stem_prefix..]))
        .flatten()
        .find(|(words, _)| {
            words[1..].iter().enumerate().all(|(k, w)| {
                let j = i + 1 + k;
                j < doc.tokens.len() && !doc.tokens[j].after_punct && doc.token_text(j) == w
            })
        })?;
    let end = i + words.len();
    // «رئيسة الوزراء»: a final ة folds to ه, and is then no pronoun
    let last_written = doc.original_str(
        doc.tokens[end - 1].chars.start,
        doc.tokens[end - 1].chars.end,
    );
    if last_written.ends_with('ة') {
        return None;
    }
    let sentence = doc.tokens[i].sentence;
    let country = cx
        .found
        .mentions
        .iter()
        .rev()
        .filter(|m| (m.tokens.end as usize) <= i && i - (m.tokens.end as usize) < PRONOUN_REACH)
        .take_while(|m| m.sentence == sentence)
        .find(|m| cx.kind(&m.entity) == EntityKind::Country)?;
    let holder =
        roles
            .iter()
            .find_map(|role| match cx.holders(role, &country.entity).as_slice() {
                [one] => Some((role, one.clone())),
                _ => None,
            })?;
    let (role, person) = holder;
    let span = TitleSpan {
        title: doc.original(doc.tokens[i].chars.start, doc.tokens[end - 1].chars.end),
        first: i,
        end,
        sentence,
    };
    Some(span.finding(
        person,
        country.entity.clone(),
        role.clone(),
        (i, end),
        "role_by_date:pronoun".into(),
        0.6,
    ))
}

/// «نظيره الروسي»: the office of the last role in this or the previous sentences, in the
/// country of the nisba that follows; named if a person follows, else by date.
fn counterpart_at(cx: &RoleContext, i: usize, earlier: &[RoleFinding]) -> Option<RoleFinding> {
    let doc = cx.doc;
    let token = doc.token_text(i);
    doc.token_readings(i)
        .filter(|r| !r.has_article)
        .find(|r| cx.counterparts.contains(&token[r.stem_prefix..]))?;
    let sentence = doc.tokens[i].sentence;
    let Cover::Nisba(n) = *cx.found.cover.get(i + 1)? else {
        return None;
    };
    let nisba = &cx.found.nisbas[n as usize];
    let country = EntityRef::Known(nisba.country);
    let reference = earlier
        .iter()
        .rev()
        .find(|r| r.sentence + 2 >= sentence && r.sentence <= sentence)?;
    let after = nisba.tokens.end as usize;
    let span = TitleSpan {
        title: doc.original(doc.tokens[i].chars.start, doc.tokens[after - 1].chars.end),
        first: i,
        end: after,
        sentence,
    };
    let make = |person, target, pf, pe, rule, confidence| {
        span.finding(
            person,
            target,
            reference.role.clone(),
            (pf, pe),
            rule,
            confidence,
        )
    };
    // named right after, or set off by commas («نظيره الكوري الجنوبي، تشونغ ويونغ،»)
    if let Some(p) = cx
        .person_at(after)
        .filter(|p| !doc.tokens[after].after_punct || p.rule.starts_with(APPOSITION_RULE))
    {
        return Some(make(
            p.entity.clone(),
            country,
            p.tokens.first as usize,
            p.tokens.end as usize,
            "counterpart_named".into(),
            0.8,
        ));
    }
    // the same kind of office in the other country
    let EntityRef::Known(ref_target) = reference.target else {
        return None;
    };
    let ref_entry = &cx.gazetteer.entries[ref_target as usize];
    let date = cx.date?;
    let country_slug = &cx.gazetteer.entries[nisba.country as usize].slug;
    let mut people: Vec<(u32, u32)> = Vec::new();
    for r in &cx.gazetteer.roles {
        if r.role != reference.role {
            continue;
        }
        let Some(target) = cx.gazetteer.get(&r.target) else {
            continue;
        };
        let same_office = if ref_entry.kind == EntityKind::Country {
            target.slug == *country_slug || target.country.as_deref() == Some(country_slug)
        } else {
            target.category == ref_entry.category && target.country.as_deref() == Some(country_slug)
        };
        if same_office
            && cx
                .gazetteer
                .holders(&r.role, &r.target, date)
                .iter()
                .any(|h| h.person == r.person)
        {
            if let (Some(p), Some(t)) = (
                cx.gazetteer.index_of(&r.person),
                cx.gazetteer.index_of(&r.target),
            ) {
                people.push((p as u32, t as u32));
            }
        }
    }
    people.sort();
    people.dedup_by_key(|p| p.0);
    match people.as_slice() {
        [(person, target)] => Some(make(
            EntityRef::Known(*person),
            EntityRef::Known(*target),
            i,
            after,
            format!("counterpart:{}", reference.role),
            0.65,
        )),
        _ => None,
    }
}
