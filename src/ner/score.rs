//! Exact-span scores per kind, conlleval style: a predicted name counts only if its first
//! token, last token and kind are the gold one's.

use super::labels::{spans, Label, NameKind};

/// Counts for one kind of name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub gold: usize,
    pub predicted: usize,
    pub correct: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn add(&mut self, other: Counts) {
        self.gold += other.gold;
        self.predicted += other.predicted;
        self.correct += other.correct;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Counts per kind (in `NameKind::ALL` order) and over all kinds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scores {
    pub by_kind: [Counts; 3],
    pub all: Counts,
}

impl Scores {
    /// Adds one sentence's names.
    pub fn add_sentence(&mut self, gold: &[Label], predicted: &[Label]) {
        let (g, p) = (spans(gold), spans(predicted));
        for (k, kind) in NameKind::ALL.iter().enumerate() {
            let gk: Vec<_> = g.iter().filter(|s| s.2 == *kind).collect();
            let pk: Vec<_> = p.iter().filter(|s| s.2 == *kind).collect();
            let counts = Counts {
                gold: gk.len(),
                predicted: pk.len(),
                correct: pk.iter().filter(|s| gk.contains(s)).count(),
            };
            self.by_kind[k].add(counts);
            self.all.add(counts);
        }
    }

    pub fn add(&mut self, other: &Scores) {
        for (mine, theirs) in self.by_kind.iter_mut().zip(&other.by_kind) {
            mine.add(*theirs);
        }
        self.all.add(other.all);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Label::*;

    #[test]
    fn only_exact_spans_count() {
        let mut s = Scores::default();
        s.add_sentence(&[BPers, IPers, O, BLoc], &[BPers, O, O, BLoc]);
        assert_eq!(
            s.all,
            Counts {
                gold: 2,
                predicted: 2,
                correct: 1
            }
        );
        assert_eq!(s.by_kind[1].correct, 1);
        assert_eq!(s.by_kind[0].correct, 0);
        assert!((s.all.f1() - 0.5).abs() < 1e-9);
    }
}
