//! Pass: a gazetteer place that names an organisation where it stands — a team or a paper.

use super::state::{Claim, State};
use super::{Cover, MentionFinder};
use crate::text::morph;
use crate::vocab::Rule;

/// `discovered:team:<the nationality or club noun>`: «برشلونة الإسباني», «فريق برشلونة».
pub(super) const TEAM_RULE: Rule = Rule::new("discovered:team", 0.6);
/// A place in quotation marks of its own is a paper: «"الشرق الأوسط"».
pub(super) const PAPER_RULE: Rule = Rule::new("discovered:quoted", 0.6);

/// A gazetteer place that names an organisation here: a team («برشلونة الإسباني»,
/// «فريق برشلونة») or a paper in quotation marks («الشرق الأوسط»). The mention becomes a
/// discovered organisation; the place keeps every other mention.
pub(super) fn run(_: &MentionFinder, s: &mut State) {
    for index in 0..s.out.mentions.len() {
        let m = &s.out.mentions[index];
        if !s.is_known_place(&m.entity) {
            continue;
        }
        let (first, end) = (m.tokens.first as usize, m.tokens.end as usize);
        let claim = s
            .team_by_nationality(first, end)
            .or_else(|| s.team_after_club_noun(first))
            .or_else(|| s.quoted(first, end).then(|| Claim::of(PAPER_RULE)));
        if let Some(claim) = claim {
            s.make_organization(index, claim);
        }
    }
}

impl State<'_> {
    /// A place followed by a masculine nationality is a team: a city or country is feminine
    /// in Arabic («برشلونة الإسبانية» is the city), so «برشلونة الإسباني», «قطر القطري»
    /// speak of the club (الفريق or النادي understood). The rule, if so.
    pub(super) fn team_by_nationality(&self, first: usize, end: usize) -> Option<Claim> {
        let next = self.doc.tokens.get(end)?;
        let nisba = self.doc.token_text(end);
        let masculine_definite =
            nisba.starts_with(morph::ARTICLE) && nisba.ends_with(morph::NISBA_ENDING);
        (matches!(self.out.cover[end], Cover::Nisba(_))
            && next.sentence == self.doc.tokens[first].sentence
            && !next.after_punct
            && masculine_definite)
            .then(|| Claim::with(TEAM_RULE, nisba))
    }

    /// A place right after a club head noun is the club: «فريق برشلونة», «لنادي مانشستر».
    /// The rule, if so.
    pub(super) fn team_after_club_noun(&self, first: usize) -> Option<Claim> {
        if first == 0
            || self.doc.tokens[first].after_punct
            || self.out.cover[first - 1] != Cover::Free
        {
            return None;
        }
        let clitic = self.free_stem(first - 1, |w| {
            self.lexicon
                .name_heads
                .get(w)
                .is_some_and(|h| h.category == "club")
        })?;
        let head = &self.doc.token_text(first - 1)[clitic..];
        Some(Claim::with(TEAM_RULE, head))
    }

    /// Whether tokens `first..end` stand in quotation marks of their own.
    pub(super) fn quoted(&self, first: usize, end: usize) -> bool {
        if first == 0 || end >= self.doc.tokens.len() {
            return false;
        }
        let text = &self.doc.norm.text;
        let before = &text[self.doc.tokens[first - 1].norm.to..self.doc.tokens[first].norm.from];
        let after = &text[self.doc.tokens[end - 1].norm.to..self.doc.tokens[end].norm.from];
        before.contains('"') && after.contains('"')
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::mentions;
    use super::*;

    #[test]
    fn a_city_with_a_masculine_nationality_is_its_team_with_a_feminine_one_the_city() {
        let team = mentions("وشارك لاعب برشلونة الإسباني أمس.");
        assert!(
            team.contains(&("برشلونة".into(), TEAM_RULE.with("الاسباني"))),
            "{team:?}"
        );
        let city = mentions("وزار الوفد برشلونة الإسبانية أمس.");
        assert!(city.iter().all(|(_, r)| !TEAM_RULE.wrote(r)), "{city:?}");
    }

    #[test]
    fn a_place_after_a_club_noun_is_the_club_and_in_quotation_marks_a_paper() {
        let club = mentions("ووصل لاعب فريق برشلونة إلى المطار.");
        assert!(
            club.contains(&("برشلونة".into(), TEAM_RULE.with("فريق"))),
            "{club:?}"
        );
        let paper = mentions("وكتبت \"الشرق الأوسط\" أمس أن الحكومة سقطت.");
        assert!(
            paper.contains(&("الشرق الأوسط".into(), PAPER_RULE.name())),
            "{paper:?}"
        );
    }
}
