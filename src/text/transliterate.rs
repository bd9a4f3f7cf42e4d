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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_map_one_to_one_and_words_are_joined_by_dashes() {
        assert_eq!(id_form("سامر حداد"), "samr-hdad");
        assert_eq!(id_form("شيخ 2"), "shykh-2");
        assert_eq!(id_form("؟"), "x");
    }
}
