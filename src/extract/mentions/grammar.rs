//! The name-span grammar: which tokens can begin, continue and end a name, shared by every
//! discovery rule. The words of names that are not names (connectors, kunyas, particles,
//! ordinals) are data: `data/lexicon/name_words.tsv`, read as `Lexicon::name_words`.

use super::state::State;
use super::word_lists::WordList;
use super::{Cover, EntityRef};
use crate::extract::gazetteer::EntityKind;
use crate::text::clitics::readings;
use crate::text::morph;

pub(super) fn is_arabic_word(w: &str) -> bool {
    w.chars().count() >= 2 && w.chars().all(|c| ('\u{0621}'..='\u{064A}').contains(&c))
}

impl State<'_> {
    /// Whether token `k` is a definite word that can stand alone as a name: free and
    /// attached, of five letters or more with its article, no common, listed or
    /// definite-common word, and ending its clause or followed by a word that cannot be a
    /// name's («في بلدة الدجيل والتي», but not «مدينة الأحلام الكبيرة»).
    pub(super) fn lone_definite_name(&self, k: usize) -> bool {
        let Some(token) = self.doc.tokens.get(k) else {
            return false;
        };
        let w = self.doc.token_text(k);
        let name = w.starts_with(morph::ARTICLE)
            && w.chars().count() >= 5
            && !token.after_punct
            && self.out.cover[k] == Cover::Free
            && !self.doc.token_excluded(k)
            && !self.is_listed(w)
            && !self.is_definite_common(w);
        name && self.closes_name(k + 1)
    }

    /// Whether a name ends before token `k`: there is none, a break or punctuation comes
    /// first (a sentence's first token always follows one), or the word cannot be part of
    /// a name (not Arabic, common, or a word that ends names).
    pub(super) fn closes_name(&self, k: usize) -> bool {
        self.doc.tokens.get(k).is_none_or(|next| {
            next.after_punct
                || next.after_break
                || !is_arabic_word(self.doc.token_text(k))
                || self.is_common_token(k, 0)
                || self.ends_name(k)
        })
    }

    /// Whether token `k` is a laqab standing alone after its title («الإمام الرضا»): a lone
    /// definite name that is no ordinal («الإمام الثامن» counts imams).
    pub(super) fn is_laqab(&self, k: usize) -> bool {
        self.lone_definite_name(k)
            && !self
                .lexicon
                .name_words
                .regnal_ordinals
                .contains(self.doc.token_text(k))
    }

    /// Whether token `k`, right after a place trigger, is a definite one-word place name
    /// («بلدة الدجيل»): a lone definite name that is not itself a trigger word («الإقليم»).
    pub(super) fn is_definite_place_name(&self, k: usize) -> bool {
        self.lone_definite_name(k)
            && !self
                .lexicon
                .place_triggers
                .contains_key(&self.doc.token_text(k)[morph::ARTICLE.len()..])
    }

    /// Whether a family name at token `i` (written without a clitic) keeps the free name
    /// particle written right before it: «فان باستن», «دي ماريا».
    pub(super) fn particle_before(&self, i: usize, prefix: usize) -> bool {
        prefix == 0
            && i > 0
            && self.is_name_particle(i - 1)
            && self.out.cover[i - 1] == Cover::Free
            && !self.doc.token_excluded(i - 1)
            && self.doc.tokens[i - 1].sentence == self.doc.tokens[i].sentence
            && !self.doc.tokens[i].after_break
    }

    /// Where a known person's name ends once the lineage written after it is taken in: the
    /// gazetteer knows «محمد بن زايد», the article writes «محمد بن زايد آل نهيان»; «حمد بن
    /// جاسم بن جبر آل ثاني». Each step is a filiation or «آل» and the word after it, whatever
    /// that word means elsewhere («ثاني»).
    pub(super) fn lineage_after(&self, mut end: usize) -> usize {
        let Some(sentence) = end.checked_sub(1).map(|k| self.doc.tokens[k].sentence) else {
            return end;
        };
        let free = |k: usize| {
            self.doc.tokens.get(k).is_some_and(|t| {
                t.sentence == sentence
                    && !t.after_punct
                    && !t.after_break
                    && self.out.cover[k] == Cover::Free
                    && !self.doc.token_excluded(k)
            })
        };
        while free(end)
            && free(end + 1)
            && self
                .lexicon
                .name_words
                .lineage
                .contains(self.doc.token_text(end))
            && is_arabic_word(self.doc.token_text(end + 1))
        {
            end += 2;
        }
        end
    }

    /// Where a known person's mention starts once the given names written before it are
    /// taken in: the gazetteer knows «شافيز» or «ثاباتيرو», the article writes «هوغو
    /// شافيز», «خوسيه لويس ثاباتيرو». At most two free given names, directly before (a
    /// clitic on the mention itself marks where the phrase starts, so nothing is taken then).
    pub(super) fn given_names_before(&self, mut first: usize, mut prefix: usize) -> (usize, usize) {
        let start = first;
        for _ in 0..2 {
            if prefix > 0 || first == 0 {
                break;
            }
            let (before, here) = (&self.doc.tokens[first - 1], &self.doc.tokens[first]);
            if before.sentence != here.sentence
                || here.after_punct
                || here.after_break
                || self.out.cover[first - 1] != Cover::Free
                || self.doc.token_excluded(first - 1)
            {
                break;
            }
            // «على» folds to «علي»: a word that is also common is not taken
            let Some(clitic) = self
                .free_stem_in(first - 1, WordList::FirstNames)
                .filter(|_| !self.is_common_token(first - 1, 0))
            else {
                break;
            };
            first -= 1;
            prefix = clitic;
        }
        if first == start && prefix == 0 {
            if let Some(unknown) = self.unknown_given_name_before(first) {
                return (unknown, 0);
            }
        }
        (first, prefix)
    }

    /// Whether tokens `from..to` (the first after `prefix` bytes) are all among the words
    /// of gazetteer entry `entry`'s label and aliases, spelling variants aside.
    pub(super) fn names_of_entry(&self, entry: u32, from: usize, prefix: usize, to: usize) -> bool {
        let Some(known) = self.finder.person_words.get(&entry) else {
            return false;
        };
        (from..to)
            .all(|t| known.contains(&self.doc.token_text(t)[if t == from { prefix } else { 0 }..]))
    }

    /// One word the lists do not know, before a known person's surname, where a name is
    /// expected to start: after a title, a nationality or a verb of saying («الرئيس
    /// الأذربيجاني إلهام علييف», «وقالت أنيت براون»). Its position is the evidence.
    pub(super) fn unknown_given_name_before(&self, first: usize) -> Option<usize> {
        let word_at = first.checked_sub(1)?;
        let (word, here) = (&self.doc.tokens[word_at], &self.doc.tokens[first]);
        let text = self.doc.token_text(word_at);
        let name_like = word.sentence == here.sentence
            && !here.after_punct
            && !here.after_break
            && self.out.cover[word_at] == Cover::Free
            && !self.doc.token_excluded(word_at)
            && is_arabic_word(text)
            && text.chars().count() >= 3
            && !text.starts_with(morph::ARTICLE)
            && !self.is_common_token(word_at, 0)
            && !self.ends_name(word_at)
            && !self.lexicon.name_words.connectors.contains(text);
        if !name_like || word.after_punct || word.after_break {
            return None;
        }
        let cue_at = word_at.checked_sub(1)?;
        if self.doc.tokens[cue_at].sentence != word.sentence {
            return None;
        }
        let cue_text = self.doc.token_text(cue_at);
        let cue = matches!(self.out.cover[cue_at], Cover::Nisba(_))
            || self.finder.one_word_titles.contains(cue_text)
            || self
                .doc
                .token_readings(cue_at)
                .filter(|r| !r.has_article)
                .any(|r| {
                    self.lexicon
                        .speech_verbs
                        .contains(&cue_text[r.stem_prefix..])
                })
            || self.lexicon.speech_verbs.contains(cue_text);
        cue.then_some(word_at)
    }

    /// The last word of a discovered person's name, if it can stand for them alone in the
    /// article: long enough, not an ال-word, not a connector or after one (بن، عبد), not common.
    pub(super) fn discovered_surname<'e>(&self, entity: &'e EntityRef) -> Option<&'e str> {
        let EntityRef::Discovered {
            kind: EntityKind::Person,
            key,
        } = entity
        else {
            return None;
        };
        let mut words = key.rsplit(' ');
        let (last, before) = (words.next()?, words.next()?);
        let usable = last.chars().count() >= 3
            && !last.starts_with(morph::ARTICLE)
            && !self.lexicon.name_words.connectors.contains(last)
            && !self.lexicon.name_words.connectors.contains(before)
            && !self.lexicon.is_common(last);
        usable.then_some(last)
    }

    /// Whether token `k` (after a name's first word) is a particle inside a European name:
    /// «دي», «فان» … («لا», «لو» only after another: alone they are «no», «if»), followed
    /// in the sentence by a word that can be a name's.
    pub(super) fn particle_in_name(&self, k: usize, sentence: u32) -> bool {
        let is_particle = self.is_name_particle(k)
            || (k > 0
                && self
                    .lexicon
                    .name_words
                    .article_particles
                    .contains(self.doc.token_text(k))
                && self.is_name_particle(k - 1));
        if !is_particle {
            return false;
        }
        let Some(next) = self.doc.tokens.get(k + 1) else {
            return false;
        };
        let next_word = self.doc.token_text(k + 1);
        next.sentence == sentence
            && !next.after_break
            && self.out.cover[k + 1] == Cover::Free
            && (self
                .lexicon
                .name_words
                .article_particles
                .contains(next_word)
                || (is_arabic_word(next_word) && !self.is_common_token(k + 1, 0)))
    }

    /// Whether token `k` is a particle of a European name, written as such: «فإن» («so
    /// indeed») folds to «فان» but is no «van».
    pub(super) fn is_name_particle(&self, k: usize) -> bool {
        let t = &self.doc.tokens[k];
        let word = self.doc.token_text(k);
        self.lexicon.name_words.particles.contains(word)
            && self.doc.original(t.chars.start, t.chars.end) == word
    }

    /// A run of name-like free tokens starting at `start`: its end, if `min..=max` long.
    pub(super) fn name_span(&self, start: usize, min: usize, max: usize) -> Option<usize> {
        if start >= self.doc.tokens.len() {
            return None;
        }
        self.name_span_from(start, 0, min, max)
    }

    /// A common word, possibly behind a clitic (وأول، فكان، بعد).
    /// A common word, or a word of a title, trigger, month or modality phrase.
    pub(super) fn is_listed(&self, x: &str) -> bool {
        self.lexicon.is_common(x) || self.finder.lexicon_words.contains(x)
    }

    pub(super) fn is_common_with_clitics(&self, w: &str) -> bool {
        let listed = |x: &str| self.is_listed(x);
        listed(w)
            || readings(w)
                .iter()
                .any(|r| r.stem_prefix > 0 && !r.has_article && listed(&w[r.stem_prefix..]))
    }

    /// `is_common_with_clitics` for token `i` after `prefix` bytes; a whole token uses the
    /// readings its document already holds.
    pub(super) fn is_common_token(&self, i: usize, prefix: usize) -> bool {
        let token = self.doc.token_text(i);
        if prefix > 0 {
            return self.is_common_with_clitics(&token[prefix..]);
        }
        let listed = |x: &str| self.lexicon.is_common(x) || self.finder.lexicon_words.contains(x);
        listed(token)
            || self
                .doc
                .token_readings(i)
                .any(|r| r.stem_prefix > 0 && !r.has_article && listed(&token[r.stem_prefix..]))
    }

    /// Whether token `i` cannot continue (or, unprefixed, begin) a name: a clitic before
    /// the article («والشعب», «بالسلطة», «للتدريبات»), the conjunction before another given
    /// name («وطارق»), a verb in the plural («سيطروا»), a plural nisba («دبلوماسيون»), a
    /// word written with tanween («بوضوحٍ», «ساخراً»), or a title («ومعالي»).
    pub(super) fn ends_name(&self, i: usize) -> bool {
        // asked of the same tokens by many rules: answered once per token
        match self.ends_name_memo[i].get() {
            1 => return false,
            2 => return true,
            _ => {}
        }
        let ends = self.ends_name_uncached(i);
        self.ends_name_memo[i].set(if ends { 2 } else { 1 });
        ends
    }

    fn ends_name_uncached(&self, i: usize) -> bool {
        let token = self.doc.token_text(i);
        let clitic_article = self
            .doc
            .token_readings(i)
            .any(|r| r.has_article && r.span_prefix > 0);
        let and_given_name = !self.lexicon.first_names.contains(token)
            && token
                .strip_prefix(morph::AND)
                .is_some_and(|rest| self.lexicon.first_names.contains(rest));
        let plural_verb = token.ends_with(morph::PLURAL_VERB_SUFFIX) && token.chars().count() >= 4;
        // «دبلوماسيون», «إسلاميين»: plural adjectives of people, never a name
        let plural_nisba = morph::PLURAL_NISBA_SUFFIXES
            .iter()
            .any(|suffix| token.ends_with(suffix))
            && token.chars().count() >= 6;
        // «سلطانها», «لإقناعهم»: a noun or verb with a possessive or object pronoun
        let pronoun_suffix = morph::PRONOUN_SUFFIXES
            .iter()
            .any(|suffix| token.ends_with(suffix))
            && token.chars().count() >= 5;
        // «متخوفاً», «علانيةً»: tanween marks an indefinite noun or an adverb, not a name
        let t = &self.doc.tokens[i];
        let tanween = self
            .doc
            .original_str(t.chars.start, t.chars.end)
            .chars()
            .any(|c| morph::TANWEEN.contains(&c));
        // «… ومعالي وزير», «مجلس الوزراء الشيخ …»: a title opens what follows
        let title = self.lexicon.is_title_word(token)
            || token
                .strip_prefix(morph::AND)
                .is_some_and(|rest| self.lexicon.is_title_word(rest));
        clitic_article
            || and_given_name
            || plural_verb
            || plural_nisba
            || pronoun_suffix
            || tanween
            || title
    }

    /// A common noun or adjective with the article («الخلافة», «المحادثات»): it describes,
    /// it does not name. A stem that is also a given name stays a possible family name
    /// («الشريف», «الحكيم»).
    pub(super) fn is_definite_common(&self, w: &str) -> bool {
        w.strip_prefix(morph::ARTICLE).is_some_and(|stem| {
            stem.chars().count() >= 3
                && !self.lexicon.first_names.contains(stem)
                && self.lexicon.is_common(stem)
        })
    }

    /// Whether token `i` follows a definite nationality that stands as a noun: the nisba
    /// opens its clause (sentence start, punctuation, or after a verb or particle), so it
    /// describes no noun before it.
    pub(super) fn after_nationality_noun(&self, i: usize) -> bool {
        if i == 0 || !matches!(self.out.cover[i - 1], Cover::Nisba(_)) {
            return false;
        }
        let (nisba, here) = (&self.doc.tokens[i - 1], &self.doc.tokens[i]);
        if nisba.sentence != here.sentence || here.after_punct {
            return false;
        }
        let nisba_text = self.doc.token_text(i - 1);
        let definite = self.doc.token_readings(i - 1).any(|r| r.has_article)
            || nisba_text.starts_with(morph::ARTICLE);
        if !definite {
            return false;
        }
        // a nisba of several tokens is not this case
        if i >= 2 && matches!(self.out.cover[i - 2], Cover::Nisba(_)) {
            return false;
        }
        i < 2
            || nisba.after_punct
            || nisba.after_break
            || self.doc.tokens[i - 2].sentence != nisba.sentence
            || (self.out.cover[i - 2] == Cover::Free && self.is_common_token(i - 2, 0))
    }

    /// Whether token `i` is «و» + a word with a name-like word after it: the next person
    /// of a list («بوفون وغانلوكا زامبروتا», «فتحي عبد الوهاب وجومانا مراد»), not a surname.
    /// A last word that starts with و stays («هنري وينكلر»).
    pub(super) fn opens_coordinated_name(&self, i: usize, sentence: u32) -> bool {
        let token = self.doc.token_text(i);
        let Some(rest) = token.strip_prefix(morph::AND) else {
            return false;
        };
        if rest.chars().count() < 3 || self.lexicon.first_names.contains(token) {
            return false;
        }
        self.doc.tokens.get(i + 1).is_some_and(|next| {
            next.sentence == sentence
                && !next.after_punct
                && !next.after_break
                && self.out.cover[i + 1] == Cover::Free
                && is_arabic_word(self.doc.token_text(i + 1))
                && !self.is_common_token(i + 1, 0)
        })
    }

    /// Whether token `i` is free, in `sentence`, attached, and one of `words`.
    pub(super) fn free_word_in(
        &self,
        i: usize,
        words: &rustc_hash::FxHashSet<String>,
        sentence: u32,
    ) -> bool {
        self.doc.tokens.get(i).is_some_and(|t| {
            t.sentence == sentence
                && !t.after_break
                && self.out.cover[i] == Cover::Free
                && words.contains(self.doc.token_text(i))
        })
    }

    pub(super) fn name_span_from(
        &self,
        start: usize,
        prefix: usize,
        min: usize,
        max: usize,
    ) -> Option<usize> {
        let sentence = self.doc.tokens.get(start)?.sentence;
        let mut end = start;
        // connectors (بن، آل، عبد) do not count, and always take the word after them:
        // «حمد بن جاسم بن جبر آل ثاني» is one name
        let mut words = 0;
        let connector = |k: usize| {
            self.lexicon
                .name_words
                .connectors
                .contains(self.doc.token_text(k))
        };
        // a particle of a European name («دي», «فان», «لا») inside a name, before a word
        // that can be a name's: «جان مارك دو لا سابليير», «رود فان نيستلروي»
        let particle = |k: usize| k > start && self.particle_in_name(k, sentence);
        while end < self.doc.tokens.len()
            && (words < max
                || connector(end)
                || (end > start && connector(end - 1))
                || particle(end)
                || (end > start && particle(end - 1)))
        {
            let t = &self.doc.tokens[end];
            if t.sentence != sentence || (end > start && t.after_break) {
                break;
            }
            if self.doc.token_excluded(end) || self.out.cover[end] != Cover::Free {
                break;
            }
            let w = &self.doc.token_text(end)[if end == start { prefix } else { 0 }..];
            if (end > start || prefix == 0) && self.ends_name(end) {
                break;
            }
            if end > start && self.opens_coordinated_name(end, sentence) {
                break;
            }
            // ordinals are decided after the loop: a ruler's number, or a ranking
            if end > start
                && self
                    .lexicon
                    .name_words
                    .regnal_ordinals
                    .contains(self.doc.token_text(end))
            {
                break;
            }
            if particle(end) {
                end += 1;
                continue;
            }
            let prev = (end > start).then(|| self.doc.token_text(end - 1));
            // a theophoric name takes «الله» like a connector's word: «عطاء الله», «نصر الله»
            let after_connector = prev
                .is_some_and(|p| self.lexicon.name_words.connectors.contains(p))
                || (end > start && self.lexicon.name_words.theophoric.contains(w));
            // the word after a connector is the name's whatever it means («آل ثاني»)
            let ok = is_arabic_word(w)
                && (after_connector
                    || !self.is_common_token(end, if end == start { prefix } else { 0 }))
                && !self.lexicon.org_heads.contains_key(w)
                && !self.lexicon.place_triggers.contains_key(w)
                && (!w.starts_with(morph::ARTICLE)
                    || after_connector
                    || (end > start
                        && (self.lexicon.name_words.family.contains(w) || w.chars().count() > 4)
                        && !self.is_definite_common(w))
                    || self.lexicon.first_names.contains(w))
                && !(end == start
                    && self.lexicon.name_words.connectors.contains(w)
                    && !self.lexicon.name_words.openers.contains(w));
            if !ok {
                break;
            }
            if !self.lexicon.name_words.connectors.contains(w) {
                words += 1;
            }
            end += 1;
        }
        // a name does not end on a connector (بن، عبد)
        while end > start
            && self
                .lexicon
                .name_words
                .connectors
                .contains(self.doc.token_text(end - 1))
        {
            end -= 1;
        }
        // a kunya takes the nisba after it: «أبو حمزة المصري», «أبو عبد الله التركي»
        let kunya = self
            .lexicon
            .name_words
            .kunyas
            .contains(&self.doc.token_text(start)[prefix..]);
        if kunya
            && end > start + 1
            && end < self.doc.tokens.len()
            && matches!(self.out.cover[end], Cover::Nisba(_))
            && self.doc.token_text(end).starts_with(morph::ARTICLE)
            && !self.doc.tokens[end].after_punct
            && self.doc.tokens[end].sentence == sentence
        {
            end += 1;
        }
        // a regnal number belongs to the name: «عبدالله الثاني», «بنديكت السادس عشر»
        // (a ruler is known by one name before the number; after a full name an ordinal is
        // a ranking: «فرناندو غونزاليز العاشر»)
        if end > start
            && words == 1
            && self.free_word_in(end, &self.lexicon.name_words.regnal_ordinals, sentence)
        {
            end += 1;
        }
        let ends_on_ordinal = end > start
            && self
                .lexicon
                .name_words
                .regnal_ordinals
                .contains(self.doc.token_text(end - 1));
        if ends_on_ordinal
            && self.free_word_in(end, &self.lexicon.name_words.ordinal_teens, sentence)
        {
            end += 1;
        }
        (end - start >= min).then_some(end)
    }
}
