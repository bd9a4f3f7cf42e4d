//! Training: an averaged structured perceptron over labelled sentences (Collins 2002).
//!
//! Each sentence is decoded with the current weights; where the best sequence differs from
//! the gold one, the gold sequence's features gain and the predicted one's lose. The model
//! keeps the average of the weights over all steps, which generalises far better than the
//! last. Everything is in a fixed order and the sentence order of each epoch comes from a
//! fixed-seed generator: the same data give the same bytes.
//!
//! A perceptron rather than a CRF (the `crfs` crate): its features are numbers, where
//! `crfs` tags from attribute strings (one string per feature and token at tagging time),
//! and it trains in seconds.

use rustc_hash::FxHashMap;

use super::labels::Label;
use super::model::{decode, NerModel, START};

const L: usize = Label::COUNT;

/// One labelled sentence: its tokens' features (`ranges` into `flat`) and gold labels.
#[derive(Debug, Clone, Default)]
pub struct Sequence {
    pub flat: Vec<u64>,
    pub ranges: Vec<(u32, u32)>,
    pub gold: Vec<Label>,
}

/// How to train.
#[derive(Debug, Clone, Copy)]
pub struct TrainOptions {
    /// Passes over the data.
    pub epochs: u32,
    /// Features seen fewer times are left out.
    pub min_count: u32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 12,
            min_count: 2,
        }
    }
}

/// A small generator for the epochs' sentence order (xorshift64*), so that no crate's
/// algorithm change can change a model.
struct Shuffler(u64);

impl Shuffler {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// The weights during training, with their running sums for the average.
struct Weights {
    now: Vec<[f64; L]>,
    /// Σ step × change, so that average = now − sum / steps.
    sum: Vec<[f64; L]>,
}

impl Weights {
    fn new(n: usize) -> Weights {
        Weights {
            now: vec![[0.0; L]; n],
            sum: vec![[0.0; L]; n],
        }
    }

    fn add(&mut self, row: usize, label: usize, by: f64, step: f64) {
        self.now[row][label] += by;
        self.sum[row][label] += by * step;
    }

    fn average(&self, row: usize, steps: f64) -> [f32; L] {
        let mut out = [0f32; L];
        for (l, o) in out.iter_mut().enumerate() {
            *o = (self.now[row][l] - self.sum[row][l] / steps) as f32;
        }
        out
    }
}

/// Trains a model on `data`.
pub fn train(data: &[Sequence], options: TrainOptions) -> NerModel {
    // number the features seen often enough, in order of first sight
    let mut counts: FxHashMap<u64, u32> = FxHashMap::default();
    for s in data {
        for h in &s.flat {
            *counts.entry(*h).or_default() += 1;
        }
    }
    let mut ids: FxHashMap<u64, u32> = FxHashMap::default();
    let mut hashes: Vec<u64> = Vec::new();
    for s in data {
        for h in &s.flat {
            if counts[h] >= options.min_count && !ids.contains_key(h) {
                ids.insert(*h, hashes.len() as u32);
                hashes.push(*h);
            }
        }
    }
    drop(counts);
    // each sentence's features as rows
    let rows: Vec<Vec<Vec<u32>>> = data
        .iter()
        .map(|s| {
            s.ranges
                .iter()
                .map(|&(from, to)| {
                    s.flat[from as usize..to as usize]
                        .iter()
                        .filter_map(|h| ids.get(h).copied())
                        .collect()
                })
                .collect()
        })
        .collect();
    let mut emit = Weights::new(hashes.len());
    let mut trans = Weights::new(L + 1);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut shuffler = Shuffler(0x5eed_5eed_5eed_5eed);
    let mut step = 1.0f64;
    let mut emissions: Vec<[f32; L]> = Vec::new();
    for _ in 0..options.epochs {
        shuffler.shuffle(&mut order);
        for &k in &order {
            let (sentence, gold) = (&rows[k], &data[k].gold);
            if gold.is_empty() {
                continue;
            }
            let transitions = current_transitions(&trans);
            emissions.clear();
            for token in sentence {
                let mut score = [0f32; L];
                for &r in token {
                    for (s, w) in score.iter_mut().zip(&emit.now[r as usize]) {
                        *s += *w as f32;
                    }
                }
                emissions.push(score);
            }
            let predicted = decode(&transitions, &emissions);
            if predicted != *gold {
                for (t, token) in sentence.iter().enumerate() {
                    let (g, p) = (gold[t].index(), predicted[t].index());
                    if g != p {
                        for &r in token {
                            emit.add(r as usize, g, 1.0, step);
                            emit.add(r as usize, p, -1.0, step);
                        }
                    }
                    let prev = |labels: &[Label]| {
                        if t == 0 {
                            START
                        } else {
                            labels[t - 1].index()
                        }
                    };
                    let (gp, pp) = (prev(gold), prev(&predicted));
                    if (gp, g) != (pp, p) {
                        trans.add(gp, g, 1.0, step);
                        trans.add(pp, p, -1.0, step);
                    }
                }
            }
            step += 1.0;
        }
    }
    let features = hashes
        .iter()
        .enumerate()
        .map(|(row, h)| (*h, emit.average(row, step)))
        .filter(|(_, w)| w.iter().any(|x| *x != 0.0))
        .collect();
    let mut transitions = [[0f32; L]; L + 1];
    for (row, out) in transitions.iter_mut().enumerate() {
        *out = trans.average(row, step);
    }
    NerModel::new(features, transitions)
}

fn current_transitions(trans: &Weights) -> [[f32; L]; L + 1] {
    let mut out = [[0f32; L]; L + 1];
    for (row, o) in out.iter_mut().enumerate() {
        for (l, x) in o.iter_mut().enumerate() {
            *x = trans.now[row][l] as f32;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two features: «name» marks a person's first word, «more» a later one.
    fn toy() -> Vec<Sequence> {
        let (name, more, other) = (11u64, 22u64, 33u64);
        let sentence = |tokens: &[(u64, Label)]| Sequence {
            flat: tokens.iter().map(|t| t.0).collect(),
            ranges: (0..tokens.len() as u32).map(|i| (i, i + 1)).collect(),
            gold: tokens.iter().map(|t| t.1).collect(),
        };
        vec![
            sentence(&[
                (other, Label::O),
                (name, Label::BPers),
                (more, Label::IPers),
            ]),
            sentence(&[(name, Label::BPers), (other, Label::O)]),
            sentence(&[(other, Label::O), (other, Label::O), (name, Label::BPers)]),
        ]
    }

    #[test]
    fn training_learns_the_toy_and_gives_the_same_bytes_twice() {
        let options = TrainOptions {
            epochs: 5,
            min_count: 1,
        };
        let a = train(&toy(), options);
        let b = train(&toy(), options);
        assert_eq!(a.to_bytes(), b.to_bytes());
        let s = &toy()[0];
        assert_eq!(a.tag(&s.flat, &s.ranges), s.gold);
    }

    #[test]
    fn shuffling_is_a_permutation() {
        let mut items: Vec<u32> = (0..50).collect();
        Shuffler(7).shuffle(&mut items);
        let mut sorted = items.clone();
        sorted.sort();
        assert_eq!(sorted, (0..50).collect::<Vec<_>>());
        assert_ne!(items, sorted);
    }
}
