//! Arabic letters in Latin, for readable ids of discovered entities
//! (`person:sergey-naryshkin` style). The ids are part of the graph contract, so this table
//! never changes for letters it already knows: the same name always gets the same id.

/// A normalised Arabic name in Latin letters, for readable node ids: one Latin form per
/// letter, `-` between words, at most 40 characters, `x` if nothing is left.
pub fn id_form(key: &str) -> String {
    let mut out = String::new();
    for c in key.chars() {
        let t = match c {
            'ا' => "a",
            'ب' => "b",
            'ت' => "t",
            'ث' => "th",
            'ج' => "j",
            'ح' => "h",
            'خ' => "kh",
            'د' => "d",
            'ذ' => "dh",
            'ر' => "r",
            'ز' => "z",
            'س' => "s",
            'ش' => "sh",
            'ص' => "s",
            'ض' => "d",
            'ط' => "t",
            'ظ' => "z",
            'ع' => "a",
            'غ' => "gh",
            'ف' => "f",
            'ق' => "q",
            'ك' => "k",
            'ل' => "l",
            'م' => "m",
            'ن' => "n",
            'ه' => "h",
            'و' => "w",
            'ي' | 'ئ' => "y",
            'ؤ' => "w",
            ' ' | '-' => "-",
            c if c.is_ascii_alphanumeric() => {
                out.push(c.to_ascii_lowercase());
                continue;
            }
            _ => "",
        };
        out.push_str(t);
    }
    let trimmed: String = out.trim_matches('-').chars().take(40).collect();
    if trimmed.is_empty() {
        "x".into()
    } else {
        trimmed
    }
}

/// The key under which spellings of one foreign or compound name meet: compounds joined
/// («عبد الفتاح» = «عبدالفتاح», «نصر الله» = «نصرالله»), the given name as written, and in
/// the other words the long vowels and hamza seats dropped after the first letter
/// («بوتين» = «بوتن», «زاخاروفا» = «زخاروفا»). The given name keeps its vowels, which tell
/// Arabic names apart (حسن, حسين). `words` are normalised; `compound` says which words join
/// the next one (عبد، أبو) or the one before (الله، الدين).
pub fn spelling_key(
    words: &[&str],
    joins_next: impl Fn(&str) -> bool,
    joins_previous: impl Fn(&str) -> bool,
) -> String {
    let mut merged: Vec<String> = Vec::new();
    let mut glue = false;
    for w in words {
        match merged.last_mut() {
            Some(last) if glue || joins_previous(w) => last.push_str(w),
            _ => merged.push(w.to_string()),
        }
        glue = joins_next(w);
    }
    let mut out = String::new();
    for (k, word) in merged.iter().enumerate() {
        if k > 0 {
            out.push(' ');
            out.push_str(&word_key(word));
        } else {
            out.push_str(word);
        }
    }
    out
}

/// One word's spelling key: its first letter, then its letters without the long vowels
/// and hamza seats («جوهانسبورغ», «جوهانسبرغ» → «جهنسبرغ»).
pub fn word_key(word: &str) -> String {
    let mut chars = word.chars();
    let mut out: String = chars.next().into_iter().collect();
    out.extend(chars.filter(|c| !matches!(c, 'ا' | 'و' | 'ي' | 'ى' | 'ء' | 'ئ' | 'ؤ')));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_map_one_to_one_and_words_are_joined_by_dashes() {
        assert_eq!(id_form("سامر حداد"), "samr-hdad");
        assert_eq!(id_form("شيخ 2"), "shykh-2");
        assert_eq!(id_form("؟"), "x");
    }

    #[test]
    fn spellings_of_a_name_share_a_key_and_given_names_keep_their_vowels() {
        let key = |s: &str| {
            let words: Vec<&str> = s.split(' ').collect();
            spelling_key(&words, |w| w == "عبد", |w| w == "الله" || w == "الدين")
        };
        assert_eq!(key("فلاديمير بوتين"), key("فلاديمير بوتن"));
        assert_eq!(key("عبد الفتاح السيسي"), key("عبدالفتاح السيسي"));
        assert_eq!(key("ماريا زاخاروفا"), key("ماريا زخاروفا"));
        assert_ne!(key("حسن نصرالله"), key("حسين نصرالله"));
    }
}
