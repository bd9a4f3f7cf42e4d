//! The graph's vocabulary, in one place: the kinds of node and edge, the event types, and
//! the rules that produce mentions and facts. Extraction, the graph builder, the exporters
//! and the queries all name things through these types, so a kind is spelled once.

use serde::{Deserialize, Serialize};

/// Declares a closed vocabulary: the enum, its names as written in exports and data
/// files, and parsing back from them.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant,)*
        }

        impl $name {
            /// Every value, in the order of the declaration (the order of exports).
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The name as written in exports and data files.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }

            /// The value written `text`, if it is one.
            pub fn parse(text: &str) -> Option<$name> {
                match text {
                    $($text => Some($name::$variant),)*
                    _ => None,
                }
            }

            /// The names of all values, for error messages: `a, b, c`.
            pub fn names() -> String {
                Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary! {
    /// The kinds of node of the graph contract (DESIGN.md), in the order exports list them:
    /// articles first, then entities, then events.
    NodeKind {
        Article => "Article",
        Person => "Person",
        Organization => "Organization",
        Country => "Country",
        Location => "Location",
        Event => "Event",
    }
}

impl NodeKind {
    /// Where nodes of this kind come in exports.
    pub fn rank(self) -> u8 {
        self as u8
    }

    /// Entities are what names refer to: not articles, not events.
    pub fn is_entity(self) -> bool {
        !matches!(self, NodeKind::Article | NodeKind::Event)
    }
}

impl From<EntityKind> for NodeKind {
    fn from(kind: EntityKind) -> NodeKind {
        match kind {
            EntityKind::Person => NodeKind::Person,
            EntityKind::Organization => NodeKind::Organization,
            EntityKind::Country => NodeKind::Country,
            EntityKind::Location => NodeKind::Location,
        }
    }
}

vocabulary! {
    /// The kinds of entity a name can refer to: the gazetteer's kinds and what discovery
    /// finds.
    EntityKind {
        Person => "Person",
        Organization => "Organization",
        Country => "Country",
        Location => "Location",
    }
}

impl EntityKind {
    /// The prefix of node ids of this kind: `person:sergey-naryshkin`.
    pub fn id_prefix(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Country => "country",
            EntityKind::Location => "location",
        }
    }
}

vocabulary! {
    /// The kinds of edge of the graph contract (DESIGN.md).
    EdgeKind {
        /// Entity → article: where it is named (count and first mention).
        MentionedIn => "MENTIONED_IN",
        /// Event → article that reports it.
        ReportedIn => "REPORTED_IN",
        /// Person → organisation or country, with `role` and `title`.
        HoldsRole => "HOLDS_ROLE",
        /// Organisation → country.
        PartOf => "PART_OF",
        /// Place → country.
        LocatedIn => "LOCATED_IN",
        /// Entity → event.
        ParticipatedIn => "PARTICIPATED_IN",
        /// Event → place.
        HeldIn => "HELD_IN",
    }
}

impl EdgeKind {
    /// Edges that say where something is written, not a fact between entities.
    pub fn is_provenance(self) -> bool {
        matches!(self, EdgeKind::MentionedIn | EdgeKind::ReportedIn)
    }
}

vocabulary! {
    /// The types of event (`data/lexicon/events.tsv` names one per trigger phrase).
    EventType {
        PhoneCall => "PhoneCall",
        Meeting => "Meeting",
        Talks => "Talks",
        Visit => "Visit",
    }
}

vocabulary! {
    /// Whether a reported event took place: from the trigger's tense, mood and context
    /// («سيلتقي», «من المقرر», «نفى أي لقاء»). Only occurred events are nodes by default.
    EventStatus {
        Occurred => "occurred",
        Planned => "planned",
        Denied => "denied",
    }
}

impl EventType {
    /// The Arabic label of an event node of this type.
    pub fn label_ar(self) -> &'static str {
        match self {
            EventType::PhoneCall => "اتصال هاتفي",
            EventType::Meeting => "اجتماع",
            EventType::Talks => "محادثات",
            EventType::Visit => "زيارة",
        }
    }

    /// Whether the event happens somewhere: a phone call has no place of its own (the
    /// places named with it are where its parties are).
    pub fn has_place(self) -> bool {
        self != EventType::PhoneCall
    }

    /// Whether one participant travelling to a place is the event (a visit), rather than
    /// needing two parties.
    pub fn is_travel(self) -> bool {
        self == EventType::Visit
    }

    /// Whether reports of these two types can describe one event: talks can be a call or
    /// a meeting, not a visit.
    pub fn compatible(self, other: EventType) -> bool {
        let general = |t: EventType| t == EventType::Talks;
        self == other
            || (general(self) && other != EventType::Visit)
            || (general(other) && self != EventType::Visit)
    }

    /// The more specific of two compatible types.
    pub fn merged(self, other: EventType) -> EventType {
        if self == EventType::Talks {
            other
        } else {
            self
        }
    }
}

vocabulary! {
    /// The roles a person holds (`role` of HOLDS_ROLE edges, DESIGN.md's role vocabulary),
    /// and the two kinds of title word that hold none: `honorific` decorates a name
    /// (الأمير، الجنرال), `descriptor` describes it (السابق، الجديد).
    Role {
        Head => "head",
        President => "president",
        VicePresident => "vice_president",
        PrimeMinister => "prime_minister",
        Minister => "minister",
        King => "king",
        CrownPrince => "crown_prince",
        Emir => "emir",
        Sultan => "sultan",
        SupremeLeader => "supreme_leader",
        Leader => "leader",
        Chancellor => "chancellor",
        ForeignMinister => "foreign_minister",
        DefenceMinister => "defence_minister",
        InteriorMinister => "interior_minister",
        DeputyMinister => "deputy_minister",
        NationalSecurityAdvisor => "national_security_advisor",
        Spokesperson => "spokesperson",
        Envoy => "envoy",
        Ambassador => "ambassador",
        Advisor => "advisor",
        ChiefOfStaff => "chief_of_staff",
        SecretaryGeneral => "secretary_general",
        DirectorGeneral => "director_general",
        HighRepresentative => "high_representative",
        Speaker => "speaker",
        Commander => "commander",
        Honorific => "honorific",
        Descriptor => "descriptor",
        /// «السابق»: the office was held before the article, and is not now.
        Former => "former",
        /// «القادم», «المنتخب»: the office is still to be taken up.
        Next => "next",
        /// «بالوكالة», «المؤقت»: held for the time being.
        Acting => "acting",
    }
}

impl Role {
    /// Whether a title of this role only decorates or describes a name: no office.
    pub fn is_decoration(self) -> bool {
        matches!(
            self,
            Role::Honorific | Role::Descriptor | Role::Former | Role::Next | Role::Acting
        )
    }

    /// Whether this decoration says when the office is held (former, next, acting).
    pub fn is_term(self) -> bool {
        matches!(self, Role::Former | Role::Next | Role::Acting)
    }
}

/// A rule that finds mentions or facts: its id, written as the `rule` of everything it
/// finds, and how far its finds are trusted. Each rule's file owns its `Rule`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    /// `family:name`, e.g. `discovered:speech_verb`; stable, since exports carry it.
    pub id: &'static str,
    /// 0..1, the `confidence` of what the rule finds.
    pub confidence: f32,
}

impl Rule {
    pub const fn new(id: &'static str, confidence: f32) -> Rule {
        Rule { id, confidence }
    }

    /// The rule as written on what it found.
    pub fn name(self) -> String {
        self.id.to_string()
    }

    /// The rule with what it matched, as written on what it found:
    /// `discovered:title:وزير الخارجية`, `gazetteer:sergey-lavrov`.
    pub fn with(self, detail: &str) -> String {
        format!("{}:{detail}", self.id)
    }

    /// Whether `written` (a `rule` attribute) was produced by this rule, with or without
    /// a detail.
    pub fn wrote(self, written: &str) -> bool {
        written
            .strip_prefix(self.id)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(':'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_parses_back_to_its_value() {
        for kind in NodeKind::ALL {
            assert_eq!(NodeKind::parse(kind.as_str()), Some(*kind));
        }
        for kind in EdgeKind::ALL {
            assert_eq!(EdgeKind::parse(kind.as_str()), Some(*kind));
        }
        for t in EventType::ALL {
            assert_eq!(EventType::parse(t.as_str()), Some(*t));
        }
        assert_eq!(NodeKind::parse("Alien"), None);
        assert_eq!(EventType::names(), "PhoneCall, Meeting, Talks, Visit");
    }

    #[test]
    fn talks_merge_with_calls_and_meetings_but_not_visits() {
        use EventType::*;
        assert!(Talks.compatible(PhoneCall) && Meeting.compatible(Talks));
        assert!(!Talks.compatible(Visit) && !PhoneCall.compatible(Meeting));
        assert_eq!(Talks.merged(Meeting), Meeting);
        assert_eq!(PhoneCall.merged(Talks), PhoneCall);
    }

    #[test]
    fn a_rule_is_written_with_or_without_its_detail() {
        const TITLE: Rule = Rule::new("discovered:title", 0.7);
        assert_eq!(TITLE.name(), "discovered:title");
        assert_eq!(TITLE.with("الوزير"), "discovered:title:الوزير");
        assert!(TITLE.wrote("discovered:title") && TITLE.wrote("discovered:title:الوزير"));
        assert!(!TITLE.wrote("discovered:titles") && !TITLE.wrote("discovered"));
    }
}
