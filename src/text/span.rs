//! The three kinds of offset a document has, as three types, so that one is never taken
//! for another: code points of the original text (what the graph contract's `start` and
//! `end` count), bytes of the normalised text (what matching reads), and token indices.

/// Code points of the decoded original text, end exclusive: the offsets of the graph
/// contract (`start`, `end` of every edge; a UTF-8 BOM is not part of the text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct CharSpan {
    pub start: u32,
    pub end: u32,
}

/// Bytes of a document's normalised text (`NormText::text`), end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct NormSpan {
    pub from: usize,
    pub to: usize,
}

/// Tokens of a document, by index, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct TokenSpan {
    pub first: u32,
    pub end: u32,
}

impl CharSpan {
    pub fn new(start: u32, end: u32) -> CharSpan {
        CharSpan { start, end }
    }
}

impl TokenSpan {
    pub fn new(first: usize, end: usize) -> TokenSpan {
        TokenSpan {
            first: first as u32,
            end: end as u32,
        }
    }
}
