//! A trained tagger: a weight per feature and label, a weight per pair of neighbouring
//! labels, and Viterbi decoding under the BIO constraint (an I-X only after B-X or I-X).
//!
//! The file format is this project's own, little-endian:
//! magic `SHABAKA NER\n`, format version, feature version (`features::FEATURE_VERSION`),
//! label count, the transition table (start row last), the feature count, then each
//! feature's hash and weights in ascending hash order, and last the SHA-256 of everything
//! before it. A file of another version, cut short or altered, is refused.

use sha2::{Digest, Sha256};

use super::features::FEATURE_VERSION;
use super::labels::Label;

const MAGIC: &[u8; 12] = b"SHABAKA NER\n";
const FORMAT_VERSION: u32 = 1;
const L: usize = Label::COUNT;
/// The transition row of a sentence's first token.
pub(crate) const START: usize = L;

/// Why a model file was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ModelError {
    #[error("not a shabaka NER model (the file does not start with its signature)")]
    NotAModel,
    #[error("the model file is cut short or altered (its checksum does not match)")]
    Corrupt,
    #[error("the model file is in format {found}; this shabaka reads format {expected}")]
    Format { found: u32, expected: u32 },
    #[error(
        "the model was trained on features of version {found}; this shabaka computes version \
         {expected}: retrain it with `shabaka train-ner`"
    )]
    FeatureVersion { found: u32, expected: u32 },
    #[error("the model has {found} labels; this shabaka tags with {expected}")]
    Labels { found: u32, expected: u32 },
}

/// A trained tagger.
#[derive(Debug, Clone)]
pub struct NerModel {
    /// The features' weights per label, looked up per token and feature.
    table: WeightTable,
    /// The features and their weights in ascending hash order, as the file has them.
    features: Vec<(u64, [f32; L])>,
    /// `transitions[prev][label]`; row `START` for the first token.
    transitions: [[f32; L]; L + 1],
}

impl NerModel {
    /// A model of these weights (`train`), put in hash order.
    pub(crate) fn new(mut features: Vec<(u64, [f32; L])>, transitions: [[f32; L]; L + 1]) -> Self {
        features.sort_by_key(|(h, _)| *h);
        features.dedup_by_key(|(h, _)| *h);
        NerModel {
            table: WeightTable::new(&features),
            features,
            transitions,
        }
    }

    /// The number of features with weights.
    pub fn feature_count(&self) -> usize {
        self.features.len()
    }

    /// Each token's score per label, from its features (`ranges` into `flat`).
    pub(crate) fn emissions(&self, flat: &[u64], ranges: &[(u32, u32)], out: &mut Vec<[f32; L]>) {
        out.clear();
        out.extend(
            ranges
                .iter()
                .map(|&(from, to)| self.score(&flat[from as usize..to as usize])),
        );
    }

    /// The summed weights of `features`, per label.
    pub fn score(&self, features: &[u64]) -> [f32; L] {
        let mut score = [0f32; L];
        for &h in features {
            if let Some(w) = self.table.get(h) {
                for (s, w) in score.iter_mut().zip(w) {
                    *s += w;
                }
            }
        }
        score
    }

    /// Labels a sentence from each token's score of its word's features (`score`, made
    /// once per word) and its other features (`ranges` into `flat`).
    pub fn tag_with_words(
        &self,
        words: &[[f32; L]],
        flat: &[u64],
        ranges: &[(u32, u32)],
    ) -> Vec<Label> {
        let emissions: Vec<[f32; L]> = words
            .iter()
            .zip(ranges)
            .map(|(word, &(from, to))| {
                let mut score = self.score(&flat[from as usize..to as usize]);
                for (s, w) in score.iter_mut().zip(word) {
                    *s += w;
                }
                score
            })
            .collect();
        self.decode(&emissions)
    }

    /// The best label sequence for these scores (Viterbi), keeping BIO well-formed.
    pub(crate) fn decode(&self, emissions: &[[f32; L]]) -> Vec<Label> {
        decode(&self.transitions, emissions)
    }

    /// Labels a sentence from its tokens' features.
    pub fn tag(&self, flat: &[u64], ranges: &[(u32, u32)]) -> Vec<Label> {
        let mut emissions = Vec::with_capacity(ranges.len());
        self.emissions(flat, ranges, &mut emissions);
        self.decode(&emissions)
    }

    /// The model as bytes (the format above).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(32 + self.features.len() * (8 + 4 * L) + 256);
        out.extend_from_slice(MAGIC);
        for n in [FORMAT_VERSION, FEATURE_VERSION, L as u32] {
            out.extend_from_slice(&n.to_le_bytes());
        }
        for row in &self.transitions {
            for w in row {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        out.extend_from_slice(&(self.features.len() as u32).to_le_bytes());
        for (h, weights) in &self.features {
            out.extend_from_slice(&h.to_le_bytes());
            for w in weights {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        let digest = Sha256::digest(&out);
        out.extend_from_slice(&digest);
        out
    }

    /// Reads a model written by `to_bytes`.
    pub fn from_bytes(bytes: &[u8]) -> Result<NerModel, ModelError> {
        if !bytes.starts_with(MAGIC) {
            return Err(ModelError::NotAModel);
        }
        if bytes.len() < MAGIC.len() + 32 {
            return Err(ModelError::Corrupt);
        }
        let (body, digest) = bytes.split_at(bytes.len() - 32);
        if Sha256::digest(body).as_slice() != digest {
            return Err(ModelError::Corrupt);
        }
        let mut r = Reader {
            bytes: body,
            at: MAGIC.len(),
        };
        let format = r.u32()?;
        if format != FORMAT_VERSION {
            return Err(ModelError::Format {
                found: format,
                expected: FORMAT_VERSION,
            });
        }
        let features = r.u32()?;
        if features != FEATURE_VERSION {
            return Err(ModelError::FeatureVersion {
                found: features,
                expected: FEATURE_VERSION,
            });
        }
        let labels = r.u32()?;
        if labels != L as u32 {
            return Err(ModelError::Labels {
                found: labels,
                expected: L as u32,
            });
        }
        let mut transitions = [[0f32; L]; L + 1];
        for row in &mut transitions {
            for w in row.iter_mut() {
                *w = r.f32()?;
            }
        }
        let count = r.u32()? as usize;
        if r.bytes.len() - r.at != count * (8 + 4 * L) {
            return Err(ModelError::Corrupt);
        }
        let mut rows = Vec::with_capacity(count);
        for _ in 0..count {
            let h = r.u64()?;
            let mut w = [0f32; L];
            for x in &mut w {
                *x = r.f32()?;
            }
            rows.push((h, w));
        }
        if rows.windows(2).any(|p| p[0].0 >= p[1].0) {
            return Err(ModelError::Corrupt);
        }
        Ok(NerModel::new(rows, transitions))
    }
}

/// An open-addressing table from feature hash to weights, made for the tagger's lookups:
/// most features of a token are not in the model, and a miss reads only the small key
/// array (half empty, so a probe ends soon). The hashes are already well mixed, so their
/// top bits are the slot. Hash 0 marks an empty slot; a feature that hashes to 0 is kept
/// aside.
#[derive(Debug, Clone)]
struct WeightTable {
    keys: Vec<u64>,
    values: Vec<[f32; L]>,
    shift: u32,
    zero: Option<[f32; L]>,
}

impl WeightTable {
    fn new(features: &[(u64, [f32; L])]) -> WeightTable {
        let bits = (features.len() * 2)
            .next_power_of_two()
            .max(2)
            .trailing_zeros();
        let size = 1usize << bits;
        let mut table = WeightTable {
            keys: vec![0; size],
            values: vec![[0.0; L]; size],
            shift: 64 - bits,
            zero: None,
        };
        for &(h, w) in features {
            if h == 0 {
                table.zero = Some(w);
                continue;
            }
            let mut slot = table.slot(h);
            while table.keys[slot] != 0 {
                slot = (slot + 1) & (size - 1);
            }
            table.keys[slot] = h;
            table.values[slot] = w;
        }
        table
    }

    #[inline]
    fn slot(&self, h: u64) -> usize {
        (h >> self.shift) as usize
    }

    #[inline]
    fn get(&self, h: u64) -> Option<&[f32; L]> {
        if h == 0 {
            return self.zero.as_ref();
        }
        let mask = self.keys.len() - 1;
        let mut slot = self.slot(h);
        loop {
            match self.keys[slot] {
                0 => return None,
                k if k == h => return Some(&self.values[slot]),
                _ => slot = (slot + 1) & mask,
            }
        }
    }
}

/// Viterbi over `emissions` with `transitions`, an I-X allowed only after B-X or I-X.
pub(crate) fn decode(transitions: &[[f32; L]; L + 1], emissions: &[[f32; L]]) -> Vec<Label> {
    let n = emissions.len();
    if n == 0 {
        return Vec::new();
    }
    // the transitions with the BIO constraint in them: a forbidden step scores -inf
    let mut allowed = [[f32::NEG_INFINITY; L]; L + 1];
    for (p, row) in allowed.iter_mut().enumerate() {
        let prev = Label::ALL.get(p).copied();
        for (y, label) in Label::ALL.iter().enumerate() {
            if label.may_follow(prev) {
                row[y] = transitions[p][y];
            }
        }
    }
    let mut best = vec![[f32::NEG_INFINITY; L]; n];
    let mut back = vec![[0u8; L]; n];
    for y in 0..L {
        best[0][y] = allowed[START][y] + emissions[0][y];
    }
    for t in 1..n {
        let before = best[t - 1];
        let (mut top, mut from) = ([f32::NEG_INFINITY; L], [0u8; L]);
        // previous labels in ascending order, a later one only when strictly better: ties
        // go to the lower label, so decoding is the same everywhere
        for (p, row) in allowed[..L].iter().enumerate() {
            let b = before[p];
            if b == f32::NEG_INFINITY {
                continue;
            }
            for y in 0..L {
                let s = b + row[y];
                if s > top[y] {
                    top[y] = s;
                    from[y] = p as u8;
                }
            }
        }
        for y in 0..L {
            best[t][y] = top[y] + emissions[t][y];
        }
        back[t] = from;
    }
    let mut y = (0..L)
        .fold((f32::NEG_INFINITY, 0), |acc, y| {
            if best[n - 1][y] > acc.0 {
                (best[n - 1][y], y)
            } else {
                acc
            }
        })
        .1;
    let mut out = vec![Label::O; n];
    for t in (0..n).rev() {
        out[t] = Label::from_index(y);
        y = back[t][y] as usize;
    }
    out
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Result<[u8; N], ModelError> {
        let slice = self
            .bytes
            .get(self.at..self.at + N)
            .ok_or(ModelError::Corrupt)?;
        self.at += N;
        Ok(slice.try_into().expect("N bytes"))
    }

    fn u32(&mut self) -> Result<u32, ModelError> {
        self.take().map(u32::from_le_bytes)
    }

    fn u64(&mut self) -> Result<u64, ModelError> {
        self.take().map(u64::from_le_bytes)
    }

    fn f32(&mut self) -> Result<f32, ModelError> {
        let w = self.take().map(f32::from_le_bytes)?;
        if w.is_finite() {
            Ok(w)
        } else {
            Err(ModelError::Corrupt)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> NerModel {
        let mut t = [[0f32; L]; L + 1];
        t[Label::BPers.index()][Label::IPers.index()] = 1.0;
        let mut w = [0f32; L];
        w[Label::BPers.index()] = 2.0;
        NerModel::new(vec![(7, w), (3, [0.5; L])], t)
    }

    #[test]
    fn bytes_read_back_to_the_same_model() {
        let m = small();
        let bytes = m.to_bytes();
        let back = NerModel::from_bytes(&bytes).unwrap();
        assert_eq!(back.to_bytes(), bytes);
        assert_eq!(
            back.tag(&[7, 3], &[(0, 1), (1, 2)]),
            m.tag(&[7, 3], &[(0, 1), (1, 2)])
        );
    }

    #[test]
    fn altered_cut_and_foreign_files_are_refused() {
        let bytes = small().to_bytes();
        let mut altered = bytes.clone();
        altered[30] ^= 1;
        assert_eq!(
            NerModel::from_bytes(&altered).unwrap_err(),
            ModelError::Corrupt
        );
        assert_eq!(
            NerModel::from_bytes(&bytes[..bytes.len() - 5]).unwrap_err(),
            ModelError::Corrupt
        );
        assert_eq!(
            NerModel::from_bytes(b"hello").unwrap_err(),
            ModelError::NotAModel
        );
        assert_eq!(
            NerModel::from_bytes(MAGIC).unwrap_err(),
            ModelError::Corrupt
        );
    }

    #[test]
    fn a_model_of_other_features_is_refused() {
        let mut bytes = small().to_bytes();
        bytes.truncate(bytes.len() - 32);
        bytes[16..20].copy_from_slice(&(FEATURE_VERSION + 1).to_le_bytes());
        let digest = Sha256::digest(&bytes);
        bytes.extend_from_slice(&digest);
        assert_eq!(
            NerModel::from_bytes(&bytes).unwrap_err(),
            ModelError::FeatureVersion {
                found: FEATURE_VERSION + 1,
                expected: FEATURE_VERSION
            }
        );
    }

    #[test]
    fn decoding_keeps_bio_well_formed() {
        let t = [[0f32; L]; L + 1];
        let mut e = [0f32; L];
        e[Label::IPers.index()] = 5.0;
        // I-PERS alone is best for each token, but may not start a sentence
        let labels = decode(&t, &[e, e]);
        assert_ne!(labels[0], Label::IPers);
        assert!(labels[1].may_follow(Some(labels[0])));
    }
}
