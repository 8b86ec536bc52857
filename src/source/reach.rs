//! An index over ranges sorted by start: whether one of them overlaps or holds a span is a
//! binary search. Checking every range against every span made long sentences and texts
//! quadratic (vetoes and vague cues in a sentence, quotations in a text: issue 17).

use std::ops::Range;

/// Ranges sorted by start, each with the furthest end reached by it or any before it.
#[derive(Clone, Debug, Default)]
pub struct Reach {
    starts: Vec<usize>,
    furthest: Vec<usize>,
}

impl Reach {
    /// `ranges` must come sorted by start.
    pub fn new(ranges: impl Iterator<Item = Range<usize>>) -> Reach {
        let mut starts = Vec::new();
        let mut furthest = Vec::new();
        let mut far = 0;
        for r in ranges {
            debug_assert!(starts.last().is_none_or(|&s| s <= r.start));
            far = far.max(r.end);
            starts.push(r.start);
            furthest.push(far);
        }
        Reach { starts, furthest }
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// Whether a range overlaps `s..e`: one starts before `e` and reaches past `s`.
    pub fn overlaps(&self, s: usize, e: usize) -> bool {
        let n = self.starts.partition_point(|&v| v < e);
        n > 0 && self.furthest[n - 1] > s
    }

    /// Whether a range holds all of `s..e`: one starts at or before `s` and reaches `e`.
    pub fn contains(&self, s: usize, e: usize) -> bool {
        let n = self.starts.partition_point(|&v| v <= s);
        n > 0 && self.furthest[n - 1] >= e
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_and_containment_by_binary_search() {
        let r = Reach::new([0..4, 2..10, 20..22].into_iter());
        assert!(r.overlaps(9, 12) && !r.overlaps(10, 20) && r.overlaps(21, 30));
        assert!(r.contains(3, 10) && !r.contains(3, 11) && r.contains(20, 22));
        assert!(!r.contains(11, 12) && !Reach::default().overlaps(0, 9));
    }
}
