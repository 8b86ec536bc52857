//! Bounded snippets for the human format. codespan-reporting prints every source line a label
//! touches, whole: on a 1 MB line, or for a label that runs over a long sentence, each finding
//! would print megabytes, and a file with many findings there takes quadratic time. When a
//! diagnostic's labels touch a line longer than [`LONG_LINE`] bytes or span more than
//! [`MAX_LINES`] lines, it is rendered against an [`Excerpt`]: the part of the text around its
//! labels, with the real file name, line numbers and columns. Other diagnostics render as before.

use super::{LineIndex, line_span};
use crate::engine::Secondary;
use codespan_reporting::diagnostic::Label;
use codespan_reporting::files::{Error, Files};
use std::ops::Range;

/// Lines longer than this are cut around the labels.
pub const LONG_LINE: usize = 1000;
/// Labels spanning more lines than this are shortened.
pub const MAX_LINES: usize = 20;
/// Bytes of context kept before the first and after the last label on a cut line.
const CONTEXT: usize = 80;
/// The most of a label an excerpt shows.
const MAX_LABEL: usize = 160;
/// Secondary labels further than this from the primary one are left out.
const MAX_SPREAD: usize = 400;
/// The most secondary labels an excerpt shows.
const MAX_SECONDARY: usize = 16;

/// A window of a file's text that reports real line numbers and columns.
pub struct Excerpt<'a> {
    name: &'a str,
    text: &'a str,
    /// Start of the window in the file.
    base: usize,
    /// Line starts inside the window (relative to `base`).
    starts: Vec<usize>,
    /// 0-based line of the window's first line in the file.
    first_line: usize,
    /// Columns (chars) of the file's line before the window starts.
    first_col: usize,
}

fn floor_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Whether a diagnostic with these label ranges needs an excerpt.
pub fn needed(index: &LineIndex, ranges: &[Range<usize>]) -> bool {
    ranges.len() > MAX_SECONDARY + 1
        || ranges.iter().any(|r| {
            let (first, last) = (index.line_bounds(r.start), index.line_bounds(r.end));
            first.len() > LONG_LINE
                || last.len() > LONG_LINE
                || last.end - first.start > LONG_LINE * MAX_LINES
                || index.line_of(r.end) - index.line_of(r.start) > MAX_LINES
        })
}

impl<'a> Excerpt<'a> {
    /// The excerpt for a primary range and secondary labels (range, message). Returns it, the
    /// labels moved into it, and how many secondary labels were left out.
    pub fn new(
        name: &'a str,
        text: &'a str,
        index: &LineIndex,
        primary: Range<usize>,
        secondary: &[Secondary],
    ) -> (Excerpt<'a>, Range<usize>, Vec<Label<()>>, usize) {
        let clip = |r: &Range<usize>| {
            let s = floor_char(text, r.start);
            let e = floor_char(text, r.end.min(s + MAX_LABEL)).max(s);
            s..e
        };
        let primary = clip(&primary);
        let mut kept: Vec<(Range<usize>, &str)> = secondary
            .iter()
            .map(|s| (clip(&s.span), s.label))
            .filter(|(r, _)| r.start.abs_diff(primary.start) <= MAX_SPREAD)
            .collect();
        kept.truncate(MAX_SECONDARY);
        let left_out = secondary.len() - kept.len();
        let lo = kept
            .iter()
            .map(|(r, _)| r.start)
            .fold(primary.start, usize::min);
        let hi = kept
            .iter()
            .map(|(r, _)| r.end)
            .fold(primary.end, usize::max);
        let ls = index.line_bounds(lo).start;
        let start = if lo - ls > CONTEXT {
            floor_char(text, lo - CONTEXT)
        } else {
            ls
        };
        let le = index.line_bounds(hi).end;
        let end = if le - hi > CONTEXT {
            floor_char(text, hi + CONTEXT)
        } else {
            le
        };
        let window = &text[start..end];
        let mut starts = vec![0];
        let b = window.as_bytes();
        for (i, &c) in b.iter().enumerate() {
            if c == b'\n' || c == b'\r' && b.get(i + 1) != Some(&b'\n') {
                starts.push(i + 1);
            }
        }
        let (line, col) = index.line_col(start);
        let (first_line, first_col) = (line - 1, col - 1);
        let shift = |r: &Range<usize>| r.start - start..r.end - start;
        let labels = kept
            .iter()
            .map(|(r, m)| Label::secondary((), shift(r)).with_message(*m))
            .collect();
        (
            Excerpt {
                name,
                text: window,
                base: start,
                starts,
                first_line,
                first_col,
            },
            shift(&primary),
            labels,
            left_out,
        )
    }

    /// Whether the window is less than the lines it shows.
    pub fn is_cut(&self, index: &LineIndex) -> bool {
        let end = self.base + self.text.len();
        index.line_bounds(self.base).start != self.base || index.line_bounds(end).end != end
    }
}

impl<'f> Files<'f> for Excerpt<'_> {
    type FileId = ();
    type Name = &'f str;
    type Source = &'f str;

    fn name(&'f self, _: ()) -> Result<&'f str, Error> {
        Ok(self.name)
    }

    fn source(&'f self, _: ()) -> Result<&'f str, Error> {
        Ok(self.text)
    }

    fn line_index(&'f self, _: (), byte_index: usize) -> Result<usize, Error> {
        Ok(self
            .starts
            .partition_point(|&s| s <= byte_index)
            .saturating_sub(1))
    }

    fn line_number(&'f self, _: (), line_index: usize) -> Result<usize, Error> {
        Ok(self.first_line + line_index + 1)
    }

    fn column_number(
        &'f self,
        _: (),
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, Error> {
        let range = self.line_range((), line_index)?;
        let from = range.start.min(byte_index);
        let chars = self
            .text
            .get(from..byte_index)
            .map_or(0, |s| s.chars().count());
        let before = if line_index == 0 { self.first_col } else { 0 };
        Ok(before + chars + 1)
    }

    fn line_range(&'f self, _: (), line_index: usize) -> Result<Range<usize>, Error> {
        line_span(&self.starts, self.text.len(), line_index).ok_or(Error::LineTooLarge {
            given: line_index,
            max: self.starts.len().saturating_sub(1),
        })
    }
}
