//! Finding the bytes that need escaping, sixteen at a time.
//!
//! Every exported string goes through an escaper, and over a corpus that is several hundred
//! megabytes per format, nearly all of it Arabic text that needs no escaping at all. Testing
//! those bytes one at a time was the largest cost of the text exporters; a SIMD comparison
//! of sixteen bytes against the few special ones finds the next special byte several times
//! faster, and the escapers copy everything before it in one piece.

use wide::u8x16;

/// The bytes a format must treat with care: every byte below `below`, and those `listed`.
pub struct Specials<const N: usize> {
    below: u8,
    listed: [u8; N],
}

impl<const N: usize> Specials<N> {
    /// The set of bytes below `below` (at least 1) and the `listed` ones.
    pub const fn new(below: u8, listed: [u8; N]) -> Specials<N> {
        Specials { below, listed }
    }

    /// Whether `byte` is special (one byte at a time: the definition `plain_prefix` meets).
    pub fn contains(&self, byte: u8) -> bool {
        byte < self.below || self.listed.contains(&byte)
    }

    /// How many bytes at the start of `bytes` are not special.
    #[inline]
    pub fn plain_prefix(&self, bytes: &[u8]) -> usize {
        let mut chunks = bytes.chunks_exact(16);
        let mut done = 0;
        for chunk in &mut chunks {
            let mask = self.special_lanes(chunk.try_into().unwrap_or([0; 16]));
            if mask != 0 {
                return done + mask.trailing_zeros() as usize;
            }
            done += 16;
        }
        // the short rest (most strings are short) is padded with a plain byte
        let rest = chunks.remainder();
        let mut padded = [b'a'; 16];
        padded[..rest.len()].copy_from_slice(rest);
        let mask = self.special_lanes(padded);
        done + (mask.trailing_zeros() as usize).min(rest.len())
    }

    /// One bit per special byte among sixteen.
    #[inline]
    fn special_lanes(&self, chunk: [u8; 16]) -> u32 {
        let lanes = u8x16::new(chunk);
        let mut special = lanes.min(u8x16::splat(self.below - 1)).simd_eq(lanes);
        for listed in self.listed {
            special |= lanes.simd_eq(u8x16::splat(listed));
        }
        special.to_bitmask()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SET: Specials<3> = Specials::new(0x20, [b'"', b'\\', 0xef]);

    #[test]
    fn finds_the_first_special_byte_wherever_it_is() {
        for length in 0..70 {
            for at in 0..=length {
                let mut bytes = vec![b'a'; length];
                for (i, b) in bytes.iter_mut().enumerate() {
                    // plain bytes of every kind: ASCII, UTF-8 leads and continuations
                    *b = [b'a', b' ', 0xd8, 0x8c, 0x7f, 0xff][i % 6];
                }
                if at < length {
                    bytes[at] = [b'"', b'\\', 0xef, 0x00, 0x1f][at % 5];
                }
                assert_eq!(
                    SET.plain_prefix(&bytes),
                    at,
                    "length {length}, special at {at}"
                );
            }
        }
    }

    #[test]
    fn agrees_with_the_byte_by_byte_definition() {
        for b in 0..=255u8 {
            let bytes = [b; 16];
            let expected = if SET.contains(b) { 0 } else { 16 };
            assert_eq!(SET.plain_prefix(&bytes), expected, "byte {b:#x}");
        }
    }
}
