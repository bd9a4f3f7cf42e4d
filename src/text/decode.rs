//! Turning raw bytes into text: BOM sniffing, UTF-8, UTF-16 and Windows-1256.
//!
//! Arabic news still arrives as Windows-1256 from older sites and as UTF-16 from Windows
//! tools, so a file is decoded by evidence (BOM, then strict UTF-8, then a detector) and the
//! encoding that was used is reported. A file that is empty, binary or undecodable is an
//! error the caller reports by name; nothing is decoded "lossily" behind the user's back:
//! a UTF-8 file with a few bad bytes (one flipped byte, a file cut in the middle of a
//! character) is decoded with U+FFFD in their place and the damage is reported as a
//! [`DecodeNote`], never re-read as Windows-1256 mojibake; a forced `--encoding` whose
//! result does not look like Arabic text is reported too.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1256};
use thiserror::Error;

/// Why a file could not be turned into article text.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("file is empty")]
    Empty,
    #[error("file looks binary (contains NUL bytes or control characters)")]
    Binary,
    #[error("file is not valid {0}")]
    Invalid(&'static str),
    #[error("unknown encoding name {0:?} (use utf-8, utf-16le, utf-16be or windows-1256)")]
    UnknownEncoding(String),
}

/// Text decoded from bytes, with the name of the encoding that was used.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    /// What the caller should tell the user about this file (repairs, doubts).
    pub notes: Vec<DecodeNote>,
}

/// Something about a decoded file the user must hear: the text was built, but not as the
/// bytes simply said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeNote {
    /// Malformed sequences replaced by U+FFFD: how many, and the byte offset of the first.
    Replaced {
        encoding: &'static str,
        count: usize,
        first_byte: usize,
    },
    /// A forced encoding read a file that is valid UTF-8 with non-ASCII text: mojibake.
    ForcedOnUtf8 { encoding: &'static str },
    /// A forced encoding gave text in which few letters are Arabic (percent of letters).
    FewArabicLetters {
        encoding: &'static str,
        percent: u32,
    },
}

impl std::fmt::Display for DecodeNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeNote::Replaced {
                encoding,
                count,
                first_byte,
            } => write!(
                f,
                "not valid {encoding}: {count} malformed byte sequence{} replaced by U+FFFD (first at byte {first_byte})",
                if *count == 1 { "" } else { "s" }
            ),
            DecodeNote::ForcedOnUtf8 { encoding } => write!(
                f,
                "the file is valid UTF-8, but --encoding {encoding} read it: the text is probably mojibake"
            ),
            DecodeNote::FewArabicLetters { encoding, percent } => write!(
                f,
                "read as {encoding}, only {percent}% of its letters are Arabic: is the encoding right?"
            ),
        }
    }
}

/// A UTF-8 file is repaired rather than re-read as another encoding when at least this
/// many of its non-ASCII characters decode for each malformed sequence: one bad byte in
/// an article is damage; a Windows-1256 file is malformed almost everywhere.
const VALID_PER_MALFORMED: usize = 20;
/// UTF-8 text may hold one NUL byte, and one more per this many bytes, as damage: each
/// is replaced like a malformed sequence. More, and the file is binary.
const STRAY_NUL_EVERY: usize = 1000;
/// A forced encoding is doubted when fewer than this percentage of the letters are Arabic,
/// given at least `PLAUSIBILITY_MIN_LETTERS` non-ASCII letters to judge by.
const MIN_ARABIC_PERCENT: u32 = 50;
const PLAUSIBILITY_MIN_LETTERS: usize = 20;

/// Looks up an encoding the user forced with `--encoding`.
pub fn encoding_by_name(name: &str) -> Result<&'static Encoding, DecodeError> {
    Encoding::for_label(name.trim().as_bytes())
        .ok_or_else(|| DecodeError::UnknownEncoding(name.to_string()))
}

/// Decodes `bytes`, detecting the encoding unless `forced` names one.
pub fn decode(bytes: &[u8], forced: Option<&'static Encoding>) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return strict(&bytes[bom_len..], encoding);
    }
    if let Some(encoding) = forced {
        let mut decoded = strict(bytes, encoding)?;
        decoded.notes.extend(plausibility(bytes, &decoded));
        return Ok(decoded);
    }
    // UTF-16 without a BOM shows in its high bytes: 0x00 (ASCII, spaces) and 0x06 (Arabic)
    if bytes.contains(&0) || memchr::memchr(6, bytes).is_some() {
        if let Some(encoding) = bomless_utf16(bytes) {
            return lossy_utf16(bytes, encoding);
        }
    }
    if bytes.contains(&0) {
        // a stray NUL or two in UTF-8 text is damage, like any malformed byte; binary
        // data has many
        let zeros = memchr::memchr_iter(0, bytes).count();
        if zeros <= 1 + bytes.len() / STRAY_NUL_EVERY {
            let cleaned: Vec<u8> = bytes
                .iter()
                .map(|&b| if b == 0 { 0xff } else { b })
                .collect();
            if let Some(repaired) = repaired_utf8(&cleaned) {
                return repaired;
            }
        }
        return Err(DecodeError::Binary);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return checked(text.to_string(), UTF_8.name());
    }
    if let Some(repaired) = repaired_utf8(bytes) {
        return repaired;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(Some(b"sa"), chardetng::Utf8Detection::Deny);
    // Arabic text in a legacy encoding is Windows-1256 in practice; the detector confirms it
    // or names another single-byte encoding the user can force if it is right.
    let encoding = if guess == UTF_8 { WINDOWS_1256 } else { guess };
    strict(bytes, encoding)
}

/// `decode` for bytes the caller owns: plain UTF-8 (nearly every file) becomes the text
/// without a copy.
pub fn decode_vec(
    bytes: Vec<u8>,
    forced: Option<&'static Encoding>,
) -> Result<Decoded, DecodeError> {
    // zero and 0x06 bytes may be UTF-16 without a BOM (see `bomless_utf16`)
    if forced.is_some()
        || Encoding::for_bom(&bytes).is_some()
        || memchr::memchr2(0, 6, &bytes).is_some()
    {
        return decode(&bytes, forced);
    }
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    // validated by SIMD code, several times faster on Arabic text than the standard
    // library's check
    if simdutf8::basic::from_utf8(&bytes).is_err() {
        return decode(&bytes, forced);
    }
    // SAFETY: `bytes` was just validated as UTF-8
    let text = unsafe { String::from_utf8_unchecked(bytes) };
    checked(text, UTF_8.name())
}

fn strict(bytes: &[u8], encoding: &'static Encoding) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    match encoding.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => checked(text.into_owned(), encoding.name()),
        None => Err(DecodeError::Invalid(encoding.name())),
    }
}

/// Mostly valid UTF-8 decoded with U+FFFD for each malformed sequence, and the damage
/// noted; `None` when the file is malformed too often to be UTF-8 (another encoding).
fn repaired_utf8(bytes: &[u8]) -> Option<Result<Decoded, DecodeError>> {
    let (mut malformed, mut first_byte, mut non_ascii) = (0usize, None, 0usize);
    let mut offset = 0usize;
    for chunk in bytes.utf8_chunks() {
        non_ascii += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        offset += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            malformed += 1;
            first_byte.get_or_insert(offset);
            offset += chunk.invalid().len();
        }
    }
    if malformed == 0 || non_ascii < malformed * VALID_PER_MALFORMED {
        return None;
    }
    let text = String::from_utf8_lossy(bytes).into_owned();
    Some(checked(text, UTF_8.name()).map(|mut decoded| {
        decoded.notes.push(DecodeNote::Replaced {
            encoding: UTF_8.name(),
            count: malformed,
            first_byte: first_byte.unwrap_or(0),
        });
        decoded
    }))
}

/// UTF-16 detected without a BOM, decoded with U+FFFD for unpaired surrogates or a last
/// odd byte (a cut file), the damage noted.
fn lossy_utf16(bytes: &[u8], encoding: &'static Encoding) -> Result<Decoded, DecodeError> {
    if let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes) {
        return checked(text.into_owned(), encoding.name());
    }
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    // the first malformed unit: where the strict decoder of the prefix first fails
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|pair| match (pair, encoding == UTF_16BE) {
            ([a, b], true) => u16::from_be_bytes([*a, *b]),
            ([a, b], false) => u16::from_le_bytes([*a, *b]),
            _ => 0xdc00,
        })
        .collect();
    let mut first_byte = 0;
    let mut count = 0;
    for (at, unit) in char::decode_utf16(units.iter().copied()).enumerate() {
        if unit.is_err() {
            if count == 0 {
                first_byte = at * 2;
            }
            count += 1;
        }
    }
    // decode_utf16 yields one item per unit or surrogate pair: good enough for the first
    // offset of the usual single fault; the count is what the user needs
    let count = count.max(1);
    checked(text.into_owned(), encoding.name()).map(|mut decoded| {
        decoded.notes.push(DecodeNote::Replaced {
            encoding: encoding.name(),
            count,
            first_byte,
        });
        decoded
    })
}

/// Doubts about text a forced encoding produced: the bytes were plain UTF-8 with Arabic
/// in them, or few of the letters are Arabic.
fn plausibility(bytes: &[u8], decoded: &Decoded) -> Option<DecodeNote> {
    let encoding = decoded.encoding;
    if encoding != UTF_8.name() && !bytes.is_ascii() && simdutf8::basic::from_utf8(bytes).is_ok() {
        return Some(DecodeNote::ForcedOnUtf8 { encoding });
    }
    let (mut letters, mut arabic, mut non_ascii) = (0usize, 0usize, 0usize);
    for c in decoded.text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        non_ascii += usize::from(!c.is_ascii());
        arabic += usize::from(crate::text::is_arabic_letter(c));
    }
    let percent = (arabic * 100 / letters.max(1)) as u32;
    (non_ascii >= PLAUSIBILITY_MIN_LETTERS && percent < MIN_ARABIC_PERCENT)
        .then_some(DecodeNote::FewArabicLetters { encoding, percent })
}

/// Rejects decoded text that is really binary: many C0 controls other than tab/LF/CR/FF.
fn checked(text: String, encoding: &'static str) -> Result<Decoded, DecodeError> {
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    let bytes = text.as_bytes();
    let (total, c0) = census(bytes);
    // C1 controls (U+0080–U+009F) are written C2 80–C2 9F; C2 itself is rare in Arabic text
    let c1 = memchr::memchr_iter(0xc2, bytes)
        .filter(|&at| {
            bytes
                .get(at + 1)
                .is_some_and(|next| (0x80..0xa0).contains(next))
        })
        .count();
    let nul = memchr::memchr(0, bytes).is_some();
    if (c0 + c1) * 20 > total || nul {
        return Err(DecodeError::Binary);
    }
    Ok(Decoded {
        text,
        encoding,
        notes: Vec::new(),
    })
}

/// Code points (the bytes that do not continue a character) and C0 controls other than
/// tab, LF, CR and FF, with DEL, in UTF-8 text: counted in blocks small enough for byte
/// counters, which the compiler turns into vector code.
fn census(bytes: &[u8]) -> (usize, usize) {
    let (mut chars, mut controls) = (0usize, 0usize);
    for block in bytes.chunks(u8::MAX as usize) {
        chars += usize::from(
            block
                .iter()
                .map(|&b| u8::from((b as i8) >= -0x40))
                .sum::<u8>(),
        );
        let control = |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f;
        controls += usize::from(block.iter().map(|&b| u8::from(control(b))).sum::<u8>());
    }
    (chars, controls)
}

/// The byte order of UTF-16 without a BOM, if the bytes look like it: in one byte of
/// (nearly) every pair, the high byte of the code unit, only the blocks news is written
/// in (0x00 ASCII and Latin-1, 0x06 Arabic, 0x20 punctuation, 0xFB–0xFE presentation
/// forms), with the zero high bytes of spaces and digits; the other byte (the low byte)
/// rarely zero. Binary data and single-byte text fail one of these.
fn bomless_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    const MIN_UNITS: usize = 4;
    let units = bytes.len() / 2;
    if units < MIN_UNITS {
        return None;
    }
    let plausible_high = |b: u8| matches!(b, 0x00 | 0x06 | 0x20 | 0xfb..=0xfe);
    let looks = |high_at: usize| {
        let (mut high_ok, mut low_zero) = (0usize, 0usize);
        for pair in bytes.chunks_exact(2) {
            let (high, low) = (pair[high_at], pair[1 - high_at]);
            high_ok += usize::from(plausible_high(high));
            low_zero += usize::from(low == 0);
        }
        // nearly every unit in the blocks above, and a zero low byte rare (U+0600 and
        // U+2000 have one)
        high_ok * 100 >= units * 95 && low_zero * 20 <= units
    };
    if looks(1) {
        Some(UTF_16LE)
    } else if looks(0) {
        Some(UTF_16BE)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The block-wise counts agree with counting characters one by one, on text long
        /// enough to span many blocks and with controls anywhere in it.
        #[test]
        fn census_counts_characters_and_controls(
            text in "[\\x00-\\x20\\x7f\\u{80}-\\u{a0}aب\\u{feff}]{0,1200}"
        ) {
            let chars = text.chars().count();
            let c0 = text
                .chars()
                .filter(|&c| (c < ' ' && !matches!(c, '\t' | '\n' | '\r' | '\x0c')) || c == '\x7f')
                .count();
            proptest::prop_assert_eq!(census(text.as_bytes()), (chars, c0));
        }
    }

    #[test]
    fn census_of_long_runs_overflows_no_block_counter() {
        assert_eq!(census("a".repeat(1000).as_bytes()), (1000, 0));
        assert_eq!(census("\x01".repeat(600).as_bytes()), (600, 600));
    }

    #[test]
    fn control_characters_are_counted_as_characters() {
        // the byte count agrees with the definition: Unicode control characters but tab,
        // LF, CR and FF, over code points
        let at_threshold = format!("\u{85}{}", "ب".repeat(19));
        let past_threshold = format!("\u{85}{}", "ب".repeat(18));
        for text in [
            at_threshold.as_str(),
            past_threshold.as_str(),
            "a\u{1}b",
            "قال\u{85}\u{9f}",
            "\u{7f}\u{80}x",
            "سطر\tآخر\n\x0c",
            "\u{100}\u{80}",
        ] {
            let expected_controls = text
                .chars()
                .filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c'))
                .count();
            let binary = expected_controls * 20 > text.chars().count();
            assert_eq!(
                matches!(checked(text.to_string(), "UTF-8"), Err(DecodeError::Binary)),
                binary,
                "{text:?}"
            );
        }
    }

    const ARABIC: &str = "قال وزير الخارجية الروسي سيرجي لافروف إن روسيا مستعدة.";

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode(ARABIC.as_bytes(), None).unwrap();
        assert_eq!(plain.text, ARABIC);
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(ARABIC.as_bytes());
        assert_eq!(decode(&bom, None).unwrap().text, ARABIC);
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        for unit in ARABIC.encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
        }
        let decoded = decode(&le, None).unwrap();
        assert_eq!(decoded.text, ARABIC);
        assert_eq!(decoded.encoding, "UTF-16LE");
        let mut be = vec![0xFE, 0xFF];
        for unit in ARABIC.encode_utf16() {
            be.extend_from_slice(&unit.to_be_bytes());
        }
        assert_eq!(decode(&be, None).unwrap().text, ARABIC);
    }

    #[test]
    fn windows_1256_is_detected() {
        let (bytes, _, unmappable) = WINDOWS_1256.encode(ARABIC);
        assert!(!unmappable);
        let decoded = decode(&bytes, None).unwrap();
        assert_eq!(decoded.text, ARABIC);
        assert_eq!(decoded.encoding, "windows-1256");
    }

    #[test]
    fn forced_encoding_is_used() {
        let (bytes, _, _) = WINDOWS_1256.encode(ARABIC);
        let forced = encoding_by_name("cp1256").unwrap();
        assert_eq!(decode(&bytes, Some(forced)).unwrap().text, ARABIC);
        assert!(encoding_by_name("klingon").is_err());
    }

    #[test]
    fn empty_binary_and_invalid() {
        assert_eq!(decode(b"", None).unwrap_err(), DecodeError::Empty);
        assert_eq!(decode(b"  \n\t ", None).unwrap_err(), DecodeError::Empty);
        assert_eq!(
            decode(&[0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3], None).unwrap_err(),
            DecodeError::Binary
        );
        let forced = encoding_by_name("utf-8").unwrap();
        assert_eq!(
            decode(&[0xff, 0xfe, 0xfd, 0x41], Some(forced)).map(|d| d.encoding),
            // a UTF-16 BOM wins over a forced encoding: the BOM is stronger evidence
            Ok("UTF-16LE")
        );
        assert!(matches!(
            decode(&[0xc3, 0x28, 0x41, 0x42], Some(forced)),
            Err(DecodeError::Invalid(_))
        ));
    }
}
