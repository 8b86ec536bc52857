//! The literal table: maps a token's text to the id of the rule literal it spells (all rule
//! literals are lower-case), ignoring ASCII case without copying the token. It is looked up
//! once for every token of every file, so it is a small open-addressed table with the hash,
//! the length and the bytes side by side, rather than a general hash map.

/// Marks a token whose lower-cased text no rule mentions.
pub const NO_SYM: u32 = u32::MAX;

#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    /// The high half of the literal's hash (a cheap test before comparing bytes).
    hash: u32,
    /// The literal's bytes in the arena.
    start: u32,
    len: u32,
    /// [`NO_SYM`] marks an empty slot.
    id: u32,
}

/// A literal of one to eight ASCII bytes, as a little-endian word padded with zeros.
#[derive(Clone, Copy, Debug, Default)]
struct ShortSlot {
    key: u64,
    len: u32,
    /// [`NO_SYM`] marks an empty slot.
    id: u32,
}

#[derive(Clone, Debug)]
pub struct LiteralTable {
    /// Literals of one to eight ASCII bytes (nearly every token a rule mentions): a token of
    /// that size is looked up as one machine word, without a loop over its bytes.
    short: Vec<ShortSlot>,
    short_shift: u32,
    /// The others.
    slots: Vec<Slot>,
    mask: usize,
    arena: Vec<u8>,
    /// For each first byte, bit `n` is set when a literal of `n` bytes (of `n >= 63`: of 63
    /// bytes or more) starts with it: rules out most words before any hashing.
    first_byte_lengths: [u64; 256],
}

impl Default for LiteralTable {
    fn default() -> Self {
        LiteralTable::new(std::iter::empty())
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = ONES * 0x80;

/// Lower-cases the ASCII letters of eight ASCII bytes at once.
#[inline]
fn lower8(x: u64) -> u64 {
    // In each byte (all below 0x80, so no carry crosses into the next), the high bit of
    // `ge_a` says `>= b'A'` and that of `gt_z` says `> b'Z'`.
    let ge_a = x + ONES * u64::from(0x80 - b'A');
    let gt_z = x + ONES * u64::from(0x80 - b'Z' - 1);
    x | ((ge_a & !gt_z & HIGH_BITS) >> 2)
}

/// The lower-cased word of a text of one to eight ASCII bytes.
fn short_key(text: &[u8]) -> Option<u64> {
    if !(1..=8).contains(&text.len()) || !text.is_ascii() {
        return None;
    }
    let mut word = [0; 8];
    word[..text.len()].copy_from_slice(text);
    Some(lower8(u64::from_le_bytes(word)))
}

const SEED: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a over bytes, lower-casing ASCII letters on the way.
#[inline]
fn hash_lower(bytes: &[u8]) -> u64 {
    let mut h = SEED;
    for &b in bytes {
        h = (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(0x0100_0000_01b3);
    }
    // Spread the low bits (the slot index) over the whole hash.
    h ^ (h >> 29)
}

impl LiteralTable {
    /// A table of the given lower-case literals and their ids.
    pub fn new<'a>(literals: impl Iterator<Item = (&'a str, u32)>) -> LiteralTable {
        let literals: Vec<(&str, u32)> = literals.collect();
        let size = (literals.len() * 4).next_power_of_two().max(16);
        let bits = size.trailing_zeros();
        let mut table = LiteralTable {
            short: vec![
                ShortSlot {
                    id: NO_SYM,
                    ..ShortSlot::default()
                };
                size
            ],
            short_shift: 64 - bits,
            slots: vec![
                Slot {
                    id: NO_SYM,
                    ..Slot::default()
                };
                size
            ],
            mask: size - 1,
            arena: Vec::new(),
            first_byte_lengths: [0; 256],
        };
        for (text, id) in literals {
            let bytes = text.as_bytes();
            if let Some(&b) = bytes.first() {
                table.first_byte_lengths[b as usize] |= 1 << bytes.len().min(63);
            }
            if let Some(key) = short_key(bytes) {
                let mut i = table.short_index(key);
                while table.short[i].id != NO_SYM {
                    i = (i + 1) & table.mask;
                }
                table.short[i] = ShortSlot {
                    key,
                    len: bytes.len() as u32,
                    id,
                };
                continue;
            }
            let h = hash_lower(bytes);
            let mut i = h as usize & table.mask;
            while table.slots[i].id != NO_SYM {
                i = (i + 1) & table.mask;
            }
            table.slots[i] = Slot {
                hash: (h >> 32) as u32,
                start: table.arena.len() as u32,
                len: bytes.len() as u32,
                id,
            };
            table.arena.extend_from_slice(bytes);
        }
        table
    }

    #[inline]
    fn short_index(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.short_shift) as usize
    }

    /// The id of the literal spelt by the token `source[start..end]`, ignoring ASCII case, or
    /// [`NO_SYM`]; `None` when the token is not ASCII (fold it and call [`LiteralTable::get`]).
    #[inline]
    pub fn get_token(&self, source: &[u8], start: usize, end: usize) -> Option<u32> {
        let len = end - start;
        if (1..=8).contains(&len)
            && let Some(word) = source.get(start..).and_then(|s| s.first_chunk::<8>())
        {
            let key = u64::from_le_bytes(*word) & (u64::MAX >> (64 - 8 * len));
            if key & HIGH_BITS != 0 {
                return None;
            }
            let key = lower8(key);
            let mut i = self.short_index(key);
            loop {
                let s = self.short[i];
                // One branch for hit and miss alike (an empty slot's id is `NO_SYM`): which of
                // the two a word is cannot be predicted, that the probe ends mostly can.
                if (s.key == key) & (s.len as usize == len) | (s.id == NO_SYM) {
                    return Some(s.id);
                }
                i = (i + 1) & self.mask;
            }
        }
        let text = &source[start..end];
        if !text.is_ascii() {
            return None;
        }
        if !self.may_be(text) {
            return Some(NO_SYM);
        }
        Some(self.get(text))
    }

    /// The id of the literal `text` spells, ignoring ASCII case, or [`NO_SYM`]. `text` must
    /// be folded already when it is not ASCII (see [`crate::pattern::fold_into`]).
    #[inline]
    pub fn get(&self, text: &[u8]) -> u32 {
        if let Some(key) = short_key(text) {
            let mut i = self.short_index(key);
            loop {
                let s = self.short[i];
                if s.key == key && s.len as usize == text.len() {
                    return s.id;
                }
                if s.id == NO_SYM {
                    return NO_SYM;
                }
                i = (i + 1) & self.mask;
            }
        }
        let h = hash_lower(text);
        let tag = (h >> 32) as u32;
        let mut i = h as usize & self.mask;
        loop {
            let s = self.slots[i];
            if s.id == NO_SYM {
                return NO_SYM;
            }
            if s.hash == tag && s.len as usize == text.len() {
                let (start, end) = (s.start as usize, (s.start + s.len) as usize);
                if self.arena[start..end].eq_ignore_ascii_case(text) {
                    return s.id;
                }
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Whether an ASCII text could be a literal, judging by its first byte and length.
    #[inline]
    pub fn may_be(&self, ascii: &[u8]) -> bool {
        match ascii.first() {
            None => self.get(ascii) != NO_SYM,
            Some(b) => {
                self.first_byte_lengths[b.to_ascii_lowercase() as usize]
                    & (1 << ascii.len().min(63))
                    != 0
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_literals_ignoring_ascii_case_and_nothing_else() {
        let words = ["may", "according to", "naïve", "it's", "", "mayor"];
        let t = LiteralTable::new(words.iter().enumerate().map(|(i, w)| (*w, i as u32)));
        assert_eq!(t.get(b"may"), 0);
        assert_eq!(t.get(b"MAY"), 0);
        assert_eq!(t.get(b"May"), 0);
        assert_eq!(t.get("naïve".as_bytes()), 2);
        assert_eq!(t.get(b"it's"), 3);
        assert_eq!(t.get(b""), 4);
        assert_eq!(t.get(b"mayor"), 5);
        assert_eq!(t.get(b"ma"), NO_SYM);
        assert_eq!(t.get(b"mayo"), NO_SYM);
        assert_eq!(t.get(b"might"), NO_SYM);
        let src = b"It MAY be naive; the Mayor said it's so, according to them......";
        let at = |w: &[u8]| {
            let start = src.windows(w.len()).position(|x| x == w).unwrap();
            t.get_token(src, start, start + w.len())
        };
        assert_eq!(at(b"MAY"), Some(0));
        assert_eq!(at(b"Mayor"), Some(5));
        assert_eq!(at(b"it's"), Some(3));
        assert_eq!(at(b"naive"), Some(NO_SYM));
        assert_eq!(at(b"said"), Some(NO_SYM));
        // Near the end of the source, without eight bytes to read at once.
        assert_eq!(t.get_token(b"may", 0, 3), Some(0));
        assert_eq!(t.get_token("naïve".as_bytes(), 0, 6), None);
        assert!(t.may_be(b"May"));
        assert!(!t.may_be(b"Mays"));
        assert!(!t.may_be(b"the"));
    }

    #[test]
    fn a_full_table_of_many_literals_finds_each() {
        let words: Vec<String> = (0..5000).map(|i| format!("w{i}")).collect();
        let t = LiteralTable::new(
            words
                .iter()
                .enumerate()
                .map(|(i, w)| (w.as_str(), i as u32)),
        );
        for (i, w) in words.iter().enumerate() {
            assert_eq!(t.get(w.to_uppercase().as_bytes()), i as u32);
        }
        assert_eq!(t.get(b"w5000"), NO_SYM);
    }
}
