//! The tagger's labels: BIO over three kinds of name.

/// A token's label. The numbers are stable: a model stores its weights in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Label {
    O = 0,
    BPers,
    IPers,
    BLoc,
    ILoc,
    BOrg,
    IOrg,
}

/// The kinds of name the tagger knows, in CoNLL spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NameKind {
    Pers,
    Loc,
    Org,
}

impl From<crate::extract::gazetteer::EntityKind> for NameKind {
    /// The tag of an entity kind: countries are places.
    fn from(kind: crate::extract::gazetteer::EntityKind) -> NameKind {
        use crate::extract::gazetteer::EntityKind;
        match kind {
            EntityKind::Person => NameKind::Pers,
            EntityKind::Organization => NameKind::Org,
            EntityKind::Location | EntityKind::Country => NameKind::Loc,
        }
    }
}

impl NameKind {
    pub const ALL: [NameKind; 3] = [NameKind::Pers, NameKind::Loc, NameKind::Org];

    pub fn as_str(self) -> &'static str {
        match self {
            NameKind::Pers => "PERS",
            NameKind::Loc => "LOC",
            NameKind::Org => "ORG",
        }
    }

    /// `PERS` (or `PER`), `LOC`, `ORG`; anything else (MISC) is no kind of ours.
    pub fn parse(s: &str) -> Option<NameKind> {
        match s {
            "PERS" | "PER" => Some(NameKind::Pers),
            "LOC" => Some(NameKind::Loc),
            "ORG" => Some(NameKind::Org),
            _ => None,
        }
    }
}

impl Label {
    pub const COUNT: usize = 7;
    pub const ALL: [Label; Label::COUNT] = [
        Label::O,
        Label::BPers,
        Label::IPers,
        Label::BLoc,
        Label::ILoc,
        Label::BOrg,
        Label::IOrg,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn from_index(i: usize) -> Label {
        Label::ALL[i]
    }

    pub fn begin(kind: NameKind) -> Label {
        match kind {
            NameKind::Pers => Label::BPers,
            NameKind::Loc => Label::BLoc,
            NameKind::Org => Label::BOrg,
        }
    }

    pub fn inside(kind: NameKind) -> Label {
        match kind {
            NameKind::Pers => Label::IPers,
            NameKind::Loc => Label::ILoc,
            NameKind::Org => Label::IOrg,
        }
    }

    /// The kind of name this label is part of (none for O).
    pub fn kind(self) -> Option<NameKind> {
        match self {
            Label::O => None,
            Label::BPers | Label::IPers => Some(NameKind::Pers),
            Label::BLoc | Label::ILoc => Some(NameKind::Loc),
            Label::BOrg | Label::IOrg => Some(NameKind::Org),
        }
    }

    pub fn is_inside(self) -> bool {
        matches!(self, Label::IPers | Label::ILoc | Label::IOrg)
    }

    /// Whether this label may follow `prev` (None: the sentence's first token): an I-X only
    /// continues a name of kind X.
    pub fn may_follow(self, prev: Option<Label>) -> bool {
        !self.is_inside() || prev.is_some_and(|p| p.kind() == self.kind())
    }

    /// `B-PERS`, `I-LOC`, `O`.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::O => "O",
            Label::BPers => "B-PERS",
            Label::IPers => "I-PERS",
            Label::BLoc => "B-LOC",
            Label::ILoc => "I-LOC",
            Label::BOrg => "B-ORG",
            Label::IOrg => "I-ORG",
        }
    }

    /// A CoNLL tag; MISC and unknown types are O.
    pub fn parse(tag: &str) -> Label {
        let Some((bio, kind)) = tag.split_once('-') else {
            return Label::O;
        };
        match (bio, NameKind::parse(kind)) {
            ("B", Some(k)) => Label::begin(k),
            ("I", Some(k)) => Label::inside(k),
            _ => Label::O,
        }
    }
}

/// The names in a label sequence: `(first, end, kind)`, an I- without its B- starting one.
pub fn spans(labels: &[Label]) -> Vec<(usize, usize, NameKind)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, NameKind)> = None;
    for (i, l) in labels.iter().enumerate() {
        let continues = l.is_inside() && open.is_some_and(|(_, k)| Some(k) == l.kind());
        if !continues {
            if let Some((first, kind)) = open.take() {
                out.push((first, i, kind));
            }
            if let Some(kind) = l.kind() {
                open = Some((i, kind));
            }
        }
    }
    if let Some((first, kind)) = open {
        out.push((first, labels.len(), kind));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_parse_and_print_back() {
        for l in Label::ALL {
            assert_eq!(Label::parse(l.as_str()), l);
        }
        assert_eq!(Label::parse("B-MISC"), Label::O);
        assert_eq!(Label::parse("I-PER"), Label::IPers);
    }

    #[test]
    fn spans_follow_conlleval() {
        use Label::*;
        let labels = [BPers, IPers, O, ILoc, ILoc, BOrg, BOrg, IPers];
        assert_eq!(
            spans(&labels),
            vec![
                (0, 2, NameKind::Pers),
                (3, 5, NameKind::Loc),
                (5, 6, NameKind::Org),
                (6, 7, NameKind::Org),
                (7, 8, NameKind::Pers)
            ]
        );
    }
}
