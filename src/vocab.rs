//! The graph's vocabulary, in one place: the kinds of node and edge, the event types, and
//! the rules that produce mentions and facts. Extraction, the graph builder, the exporters
//! and the queries all name things through these types, so a kind is spelled once.

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
    fn a_rule_is_written_with_or_without_its_detail() {
        const TITLE: Rule = Rule::new("discovered:title", 0.7);
        assert_eq!(TITLE.name(), "discovered:title");
        assert_eq!(TITLE.with("الوزير"), "discovered:title:الوزير");
        assert!(TITLE.wrote("discovered:title") && TITLE.wrote("discovered:title:الوزير"));
        assert!(!TITLE.wrote("discovered:titles") && !TITLE.wrote("discovered"));
    }
}
