//! What the tagger sees of a token: the word, its clitic readings and affixes, the word lists
//! and gazetteer names it is in, and what the rules claimed of it, from two tokens before it to
//! the one after.
//!
//! Each feature is a template number and a value, hashed to 64 bits (FNV-1a, written here
//! so that the numbers never change with a crate's version): nothing is formatted into a
//! string per token. The templates' numbers and meanings are `FEATURE_VERSION`: a model
//! trained on other features is refused (`model`).

use super::labels::NameKind;

/// The version of the templates below; bump it when one changes meaning.
pub const FEATURE_VERSION: u32 = 5;

/// Bits of `TokenInfo::words`: the word lists and gazetteer names a token is in, as
/// written or after a plain clitic prefix.
pub mod word_bits {
    pub const TITLE: u32 = 1 << 0;
    pub const COMMON: u32 = 1 << 1;
    pub const MONTH: u32 = 1 << 2;
    pub const CLAUSE_OPENER: u32 = 1 << 3;
    pub const NAME_HEAD: u32 = 1 << 4;
    pub const ORG_HEAD: u32 = 1 << 5;
    pub const SPEECH_VERB: u32 = 1 << 6;
    pub const PLACE_TRIGGER: u32 = 1 << 7;
    pub const FIRST_NAME: u32 = 1 << 8;
    /// The first word of a gazetteer name of a person, place or organisation.
    pub const GAZ_FIRST_PERS: u32 = 1 << 9;
    pub const GAZ_FIRST_LOC: u32 = 1 << 10;
    pub const GAZ_FIRST_ORG: u32 = 1 << 11;
    /// A later word of a gazetteer name.
    pub const GAZ_INNER_PERS: u32 = 1 << 12;
    pub const GAZ_INNER_LOC: u32 = 1 << 13;
    pub const GAZ_INNER_ORG: u32 = 1 << 14;
    /// A gazetteer person's surname, or a country's nisba adjective.
    pub const GAZ_SURNAME: u32 = 1 << 15;
    pub const GAZ_NISBA: u32 = 1 << 16;
    pub const COUNT: u32 = 17;

    /// The first-word and inner-word bits of a kind.
    pub fn gazetteer(kind: super::NameKind, first: bool) -> u32 {
        use super::NameKind::*;
        match (kind, first) {
            (Pers, true) => GAZ_FIRST_PERS,
            (Loc, true) => GAZ_FIRST_LOC,
            (Org, true) => GAZ_FIRST_ORG,
            (Pers, false) => GAZ_INNER_PERS,
            (Loc, false) => GAZ_INNER_LOC,
            (Org, false) => GAZ_INNER_ORG,
        }
    }
}

/// What a rule said of a token: it is in a mention of this kind, first or later, of a
/// gazetteer entry or a discovered one, by this rule (its id without the detail).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleClaim<'a> {
    pub kind: NameKind,
    pub begin: bool,
    pub known: bool,
    pub rule: &'a str,
}

/// Readings kept per token: the plain one is the word itself.
pub const MAX_STEMS: usize = 4;

/// One token as the tagger sees it.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokenInfo<'a> {
    /// The normalised token.
    pub word: &'a str,
    /// Its readings after a clitic prefix: the stem and whether it has the article.
    pub stems: [Option<(&'a str, bool)>; MAX_STEMS],
    /// `word_bits`.
    pub words: u32,
    pub claim: Option<RuleClaim<'a>>,
    /// A nisba adjective of a known country («الروسي»).
    pub nisba: bool,
    /// Punctuation separates it from the token before.
    pub after_punct: bool,
    /// The kinds (bit `NameKind as u8`) the rules claimed of the same word, or one of its
    /// stems, elsewhere in the document: a name is mostly a name throughout an article.
    pub elsewhere: u8,
}

/// The feature templates. The numbers are part of `FEATURE_VERSION`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Template {
    Bias = 0,
    Word = 1,
    WordPrev = 2,
    WordPrev2 = 3,
    Stem = 4,
    Prefix2 = 5,
    Suffix2 = 6,
    Lists = 7,
    ListsPrev = 8,
    Claim = 9,
    ClaimRule = 10,
    ClaimPrev = 11,
    ClaimNext = 12,
    Nisba = 13,
    PunctBefore = 14,
    PunctAfter = 15,
    WordPairPrev = 16,
    Elsewhere = 17,
}

impl Template {
    pub const ALL: [Template; 18] = [
        Template::Bias,
        Template::Word,
        Template::WordPrev,
        Template::WordPrev2,
        Template::Stem,
        Template::Prefix2,
        Template::Suffix2,
        Template::Lists,
        Template::ListsPrev,
        Template::Claim,
        Template::ClaimRule,
        Template::ClaimPrev,
        Template::ClaimNext,
        Template::Nisba,
        Template::PunctBefore,
        Template::PunctAfter,
        Template::WordPairPrev,
        Template::Elsewhere,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Template::Bias => "bias",
            Template::Word => "word",
            Template::WordPrev => "word-1",
            Template::WordPrev2 => "word-2",
            Template::Stem => "stem",
            Template::Prefix2 => "prefix2",
            Template::Suffix2 => "suffix2",
            Template::Lists => "lists",
            Template::ListsPrev => "lists-1",
            Template::Claim => "claim",
            Template::ClaimRule => "claim-rule",
            Template::ClaimPrev => "claim-1",
            Template::ClaimNext => "claim+1",
            Template::Nisba => "nisba",
            Template::PunctBefore => "punct-before",
            Template::PunctAfter => "punct-after",
            Template::WordPairPrev => "word-1|word",
            Template::Elsewhere => "elsewhere",
        }
    }

    pub fn parse(name: &str) -> Option<Template> {
        Template::ALL.into_iter().find(|t| t.name() == name)
    }
}

/// Which templates are used: all of them, unless one is switched off to measure it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeatureMask(u64);

impl Default for FeatureMask {
    fn default() -> Self {
        FeatureMask(u64::MAX)
    }
}

impl FeatureMask {
    pub fn without(self, t: Template) -> FeatureMask {
        FeatureMask(self.0 & !(1 << t as u8))
    }

    fn has(self, t: Template) -> bool {
        self.0 & (1 << t as u8) != 0
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a of a string, ended by a separator byte so that («ab», «c») and («a», «bc»)
/// differ as parts of one feature.
fn str_hash(s: &str) -> u64 {
    s.bytes()
        .chain(std::iter::once(0xff))
        .fold(FNV_OFFSET, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(FNV_PRIME)
        })
}

/// A feature's number: the template's, mixed with each part of the value in turn
/// (each part a string's `str_hash` or a small number), through the splitmix64
/// finaliser. Strings are hashed once per token, and each feature costs a few
/// multiplications however long its words.
#[derive(Clone, Copy)]
struct FeatureHash(u64);

impl FeatureHash {
    fn new(t: Template) -> FeatureHash {
        FeatureHash(FNV_OFFSET).part(t as u64 + 1)
    }

    #[inline]
    fn part(self, value: u64) -> FeatureHash {
        let mut x = self.0 ^ value.wrapping_add(0x9e37_79b9_7f4a_7c15);
        x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        FeatureHash(x ^ (x >> 31))
    }

    #[inline]
    fn byte(self, b: u8) -> FeatureHash {
        self.part(u64::from(b))
    }

    fn str(self, s: &str) -> FeatureHash {
        self.part(str_hash(s))
    }
}

/// The boundary marker's hash, for a window position outside the sentence.
fn outside_hash() -> u64 {
    str_hash("\u{1}")
}

/// The first or last `n` characters of `word`, or None if it is no longer than that.
fn affix(word: &str, n: usize, from_end: bool) -> Option<&str> {
    let count = word.chars().count();
    if count <= n {
        return None;
    }
    let cut = if from_end { count - n } else { n };
    let (byte, _) = word.char_indices().nth(cut)?;
    Some(if from_end {
        &word[byte..]
    } else {
        &word[..byte]
    })
}

/// Pushes the features that depend on the token's word alone (its spelling, stems,
/// affixes and list memberships) onto `out`, and returns the word's hash. They are the
/// same wherever the word occurs, so the tagger can score them once per word.
pub fn word_features(t: &TokenInfo, mask: FeatureMask, out: &mut Vec<u64>) -> u64 {
    let word = str_hash(t.word);
    let mut push = |template: Template, make: &dyn Fn(FeatureHash) -> FeatureHash| {
        if mask.has(template) {
            out.push(make(FeatureHash::new(template)).0);
        }
    };
    push(Template::Word, &|h| h.part(word));
    for (stem, article) in t.stems.iter().flatten() {
        push(Template::Stem, &|h| h.str(stem).byte(u8::from(*article)));
    }
    if let Some(a) = affix(t.word, 2, false) {
        push(Template::Prefix2, &|h| h.str(a));
    }
    if let Some(a) = affix(t.word, 2, true) {
        push(Template::Suffix2, &|h| h.str(a));
    }
    for bit in list_bits(t.words) {
        push(Template::Lists, &|h| h.byte(bit));
    }
    word
}

/// The `word_bits` set in `words`, as feature values.
fn list_bits(words: u32) -> impl Iterator<Item = u8> {
    (0..word_bits::COUNT as u8).filter(move |bit| words & (1 << bit) != 0)
}

/// Pushes the features of token `i` that depend on its place in the sentence: the words
/// before it, the rules' claims, punctuation (`word_hashes` from `word_features`, of token
/// `i` and those before it; later ones are not read).
pub fn context_features(
    tokens: &[TokenInfo],
    word_hashes: &[u64],
    i: usize,
    mask: FeatureMask,
    out: &mut Vec<u64>,
) {
    let at = |offset: isize| -> Option<&TokenInfo> {
        let j = i as isize + offset;
        (j >= 0).then(|| tokens.get(j as usize)).flatten()
    };
    let outside = outside_hash();
    let word_at = |offset: usize| i.checked_sub(offset).map_or(outside, |j| word_hashes[j]);
    let t = &tokens[i];
    let own = word_hashes[i];
    let mut push = |template: Template, make: &dyn Fn(FeatureHash) -> FeatureHash| {
        if mask.has(template) {
            out.push(make(FeatureHash::new(template)).0);
        }
    };
    push(Template::Bias, &|h| h);
    push(Template::WordPrev, &|h| h.part(word_at(1)));
    push(Template::WordPrev2, &|h| h.part(word_at(2)));
    push(Template::WordPairPrev, &|h| h.part(word_at(1)).part(own));
    if let Some(prev) = at(-1) {
        for bit in list_bits(prev.words) {
            push(Template::ListsPrev, &|h| h.byte(bit));
        }
    }
    let claim_byte = |c: &RuleClaim| c.kind as u8 | u8::from(c.begin) << 2 | u8::from(c.known) << 3;
    if let Some(c) = &t.claim {
        push(Template::Claim, &|h| h.byte(claim_byte(c)));
        push(Template::ClaimRule, &|h| {
            h.str(c.rule).byte(u8::from(c.begin))
        });
    }
    for (template, offset) in [(Template::ClaimPrev, -1), (Template::ClaimNext, 1)] {
        if let Some(c) = at(offset).and_then(|o| o.claim.as_ref()) {
            push(template, &|h| h.byte(claim_byte(c)));
        }
    }
    if t.nisba {
        push(Template::Nisba, &|h| h);
    }
    if t.after_punct {
        push(Template::PunctBefore, &|h| h);
    }
    if at(1).is_some_and(|n| n.after_punct) {
        push(Template::PunctAfter, &|h| h);
    }
    if t.elsewhere != 0 {
        push(Template::Elsewhere, &|h| h.byte(t.elsewhere));
    }
}

/// The features of every token of a sentence, as one flat list and each token's range in
/// it: the word's features, then the context's.
pub fn sentence_features(
    tokens: &[TokenInfo],
    mask: FeatureMask,
    flat: &mut Vec<u64>,
    ranges: &mut Vec<(u32, u32)>,
) {
    flat.clear();
    ranges.clear();
    // the context reads the hashes of this word and those before it only
    let mut word_hashes = Vec::with_capacity(tokens.len());
    for (i, t) in tokens.iter().enumerate() {
        let from = flat.len() as u32;
        word_hashes.push(word_features(t, mask, flat));
        context_features(tokens, &word_hashes, i, mask, flat);
        ranges.push((from, flat.len() as u32));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(word: &str) -> TokenInfo<'_> {
        TokenInfo {
            word,
            ..Default::default()
        }
    }

    #[test]
    fn features_are_stable_numbers() {
        // the numbers are the model's contract: a change here needs a new FEATURE_VERSION
        assert_eq!(str_hash("a"), 0x089b_c907_b544_c769);
        assert_eq!(
            FeatureHash::new(Template::Word).str("a").0,
            0x8bee_6a1d_73aa_788b
        );
    }

    #[test]
    fn a_masked_template_adds_nothing() {
        let tokens = [token("قال"), token("أحمد")];
        let (mut all, mut masked) = (Vec::new(), Vec::new());
        let hashes: Vec<u64> = tokens.iter().map(|t| str_hash(t.word)).collect();
        context_features(&tokens, &hashes, 1, FeatureMask::default(), &mut all);
        context_features(
            &tokens,
            &hashes,
            1,
            FeatureMask::default().without(Template::WordPrev),
            &mut masked,
        );
        assert_eq!(all.len(), masked.len() + 1);
        let prev = FeatureHash::new(Template::WordPrev).str("قال").0;
        assert!(all.contains(&prev) && !masked.contains(&prev));
    }

    #[test]
    fn affixes_count_characters() {
        assert_eq!(affix("الرئيس", 2, false), Some("ال"));
        assert_eq!(affix("الرئيس", 3, true), Some("ئيس"));
        assert_eq!(affix("من", 2, true), None);
    }

    #[test]
    fn template_names_parse_back() {
        for t in Template::ALL {
            assert_eq!(Template::parse(t.name()), Some(t));
        }
    }
}
