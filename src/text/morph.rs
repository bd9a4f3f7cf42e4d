//! The pieces of Arabic morphology the rules ask about, in one place: the article, the
//! clitic letters, and the suffixes of pronouns, plurals, nisbas and inflections. How a
//! token splits into clitics and a stem is `clitics`; this module names the pieces, all
//! in their normalised spelling (see `normalize`: ة → ه, أ إ آ → ا, ى → ي).

/// The definite article.
pub const ARTICLE: &str = "ال";
/// The conjunction «و» (and), written joined to the next word.
pub const AND: char = 'و';
/// The conjunction «ف» (so, then), written joined to the next word.
pub const FA: char = 'ف';
/// The prepositions «ب» (in, by) and «ل» (to, for), joined to the next word.
pub const BI: char = 'ب';
pub const LI: char = 'ل';
/// The future prefix «س» before an imperfect verb: «سيكون», «ستبدأ».
pub const FUTURE: char = 'س';
/// The person prefixes of an imperfect verb (after «س»).
pub const IMPERFECT_PREFIXES: [char; 4] = ['ي', 'ت', 'ن', 'ا'];
/// Alef maqsura as written («على», «إلى»): normalisation folds it into ي, so «على» (on)
/// reads as the name «علي»; the written letter tells them apart.
pub const ALEF_MAQSURA: char = 'ى';
/// The preposition «في» (in), written apart.
pub const IN: &str = "في";
/// The tanween marks (ً ٌ ٍ), which only indefinite nouns, adjectives and adverbs take.
pub const TANWEEN: [char; 3] = ['\u{064B}', '\u{064C}', '\u{064D}'];
/// The preposition «من» (from), written apart.
pub const FROM: &str = "من";
/// The preposition «مع» (with), written apart.
pub const WITH: &str = "مع";
/// The preposition «بين» (between), written apart.
pub const BETWEEN: &str = "بين";
/// Relative pronouns that refer back to the noun before them: «الاجتماع الذي عقد».
pub const RELATIVE_PRONOUNS: [&str; 2] = ["الذي", "التي"];

/// Object or possessive pronouns that end a noun or verb and so a name: «سلطانها»,
/// «لإقناعهم» (with at least five letters: shorter words end so by chance).
pub const PRONOUN_SUFFIXES: [&str; 4] = ["ها", "هم", "هما", "كم"];
/// What an inflected common word may end in after its base form: the pronouns and the
/// accusative alef («قوله», «بدورها», «هجوما»).
pub const INFLECTION_SUFFIXES: [&str; 7] = ["هما", "هم", "ها", "ه", "كم", "نا", "ا"];
/// The last letters of those suffixes: a word ending otherwise carries none.
pub const INFLECTION_LAST_LETTERS: [char; 3] = ['ا', 'م', 'ه'];
/// The accusative ending, which never goes with a construct form.
pub const ACCUSATIVE: &str = "ا";
/// Ta marbuta as normalised (ة → ه), and as written before a pronoun («أسرته»).
pub const TA_MARBUTA: char = 'ه';
pub const TA_MARBUTA_CONSTRUCT: &str = "ت";
/// The plural endings of a nisba adjective of people: «دبلوماسيون», «إسلاميين».
pub const PLURAL_NISBA_SUFFIXES: [&str; 2] = ["يون", "يين"];
/// The ending of a verb in the masculine plural: «سيطروا».
pub const PLURAL_VERB_SUFFIX: &str = "وا";
/// The masculine nisba ending: «الإسباني».
pub const NISBA_ENDING: char = 'ي';
/// The endings a masculine nisba takes: itself, feminine, plurals and duals (روسي →
/// روسيه، روسيون، روسيين، روسيان، روسيتان، روسيتين).
pub const NISBA_FORM_SUFFIXES: [&str; 7] = ["", "ه", "ون", "ين", "ان", "تان", "تين"];

/// «قد»: before a present verb «may» («قد يلتقي»), before a past one «has» («قد التقى»).
pub const MAY: [&str; 3] = ["قد", "وقد", "فقد"];
/// The hamza seats a word's final hamza takes before a suffix: «لقاء» → «لقائه», «لقاؤه».
pub const HAMZA_SEATS: [char; 2] = ['ئ', 'ؤ'];
/// The final hamza on the line.
pub const HAMZA: char = 'ء';

/// The present verb of a future form: «سيلتقي» → «يلتقي» (س then a person prefix).
pub fn future_verb(word: &str) -> Option<&str> {
    let rest = word.strip_prefix(FUTURE)?;
    rest.starts_with(IMPERFECT_PREFIXES)
        .then_some(rest)
        .filter(|r| r.chars().count() >= 3)
}

/// The base forms a word may have under an inflection suffix, longest suffix first:
/// «زيارتها» → «زيارة» (ت of a construct form back to ة, normalised ه), «لقائه» → «لقاء»,
/// «التقاه» → «التقي» (alef back to the final ى, normalised ي), «اجتماعا» → «اجتماع». The
/// base keeps at least three letters.
pub fn suffix_bases(word: &str) -> Vec<String> {
    let mut out = Vec::new();
    for suffix in INFLECTION_SUFFIXES {
        let Some(base) = word.strip_suffix(suffix) else {
            continue;
        };
        if base.chars().count() < 3 {
            continue;
        }
        let (head, last) = {
            let mut chars = base.chars();
            let last = chars.next_back().expect("three letters");
            (chars.as_str(), last)
        };
        out.push(base.to_string());
        if suffix != ACCUSATIVE {
            match last {
                'ت' => out.push(format!("{head}{TA_MARBUTA}")),
                c if HAMZA_SEATS.contains(&c) => out.push(format!("{head}{HAMZA}")),
                'ا' => out.push(format!("{head}{NISBA_ENDING}")),
                _ => {}
            }
        }
    }
    out
}

/// Whether `word` starts with the article.
pub fn has_article(word: &str) -> bool {
    word.starts_with(ARTICLE)
}

/// `word` without its article, if it has one.
pub fn strip_article(word: &str) -> Option<&str> {
    word.strip_prefix(ARTICLE)
}

/// `word` without its article, or as it is.
pub fn bare(word: &str) -> &str {
    strip_article(word).unwrap_or(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_article_is_taken_off_only_where_it_is() {
        assert_eq!(strip_article("الدجيل"), Some("دجيل"));
        assert_eq!(bare("واشنطن"), "واشنطن");
        assert!(has_article("الاول") && !has_article("لافروف"));
    }

    #[test]
    fn suffixes_come_off_back_to_the_base_form() {
        assert!(suffix_bases("زيارتها").contains(&"زياره".to_string()));
        assert!(suffix_bases("لقائه").contains(&"لقاء".to_string()));
        assert!(suffix_bases("التقاه").contains(&"التقي".to_string()));
        assert!(suffix_bases("اجتماعا").contains(&"اجتماع".to_string()));
        // too short to carry a suffix
        assert!(suffix_bases("له").is_empty());
        assert_eq!(future_verb("سيلتقي"), Some("يلتقي"));
        assert_eq!(future_verb("ستة"), None);
    }
}
