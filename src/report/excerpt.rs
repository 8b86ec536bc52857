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

/// A window of a file's text that reports real line numbers and columns. Where it cuts a line
/// short, it shows `…` (which is no column of the file).
pub struct Excerpt<'a> {
    name: &'a str,
    /// The window, with a `…` before and after where it cuts a line.
    text: String,
    /// Bytes of the leading `…` (0 when the window starts a line).
    lead: usize,
    /// Line starts inside `text`.
    starts: Vec<usize>,
    /// 0-based line of the window's first line in the file.
    first_line: usize,
    /// Columns (chars) of the file's line before the window starts.
    first_col: usize,
}

/// The mark of a cut.
const MARK: &str = "…";

fn floor_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn chars(text: &str, r: Range<usize>) -> usize {
    text.get(r).map_or(0, |s| s.chars().count())
}

/// The byte `n` chars after `from` (at most the end of the text).
fn advance(text: &str, from: usize, n: usize) -> usize {
    text[from..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| from + i)
}

/// The byte `n` chars before `from` (at least 0).
fn retreat(text: &str, from: usize, n: usize) -> usize {
    if n == 0 {
        return from;
    }
    text[..from]
        .char_indices()
        .rev()
        .nth(n - 1)
        .map_or(0, |(i, _)| i)
}

/// How far a cut moves to fall between words rather than inside one.
const SNAP: usize = 12;

/// A cut at `at` (before the labels at `limit`) moved forward to the start of a word, when one
/// starts within [`SNAP`] bytes.
fn word_start(text: &str, at: usize, limit: usize) -> usize {
    let b = text.as_bytes();
    if at == 0 || b[at - 1].is_ascii_whitespace() {
        return at;
    }
    (at..limit.min(at + SNAP))
        .find(|&i| b[i].is_ascii_whitespace())
        .map_or(at, |i| i + 1)
}

/// A cut at `at` (after the labels at `limit`) moved back to the end of a word, when one ends
/// within [`SNAP`] bytes.
fn word_end(text: &str, at: usize, limit: usize) -> usize {
    let b = text.as_bytes();
    if at >= b.len() || b[at].is_ascii_whitespace() {
        return at;
    }
    (limit.max(at.saturating_sub(SNAP))..at)
        .rev()
        .find(|&i| b[i].is_ascii_whitespace())
        .unwrap_or(at)
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

/// How many chars of source a line of a diagnostic has in `width` terminal columns, for labels
/// that end on 0-based line `last_line`: codespan-reporting's gutter (`12 │ `) takes the line
/// number's digits and three columns, and a label over several lines two more.
pub fn source_width(width: usize, last_line: usize, multiline: bool) -> usize {
    let digits = (last_line + 1).to_string().len();
    let gutter = digits + 3 + if multiline { 2 } else { 0 };
    width.saturating_sub(gutter).max(MIN_SOURCE)
}

/// The fewest chars of source an excerpt shows, however narrow the terminal.
const MIN_SOURCE: usize = 24;

/// Whether a line these ranges touch is longer than `avail` chars.
pub fn too_wide(text: &str, index: &LineIndex, ranges: &[Range<usize>], avail: usize) -> bool {
    ranges.iter().any(|r| {
        [r.start, r.end].into_iter().any(|at| {
            let line = index.line_bounds(at);
            line.len() > avail && chars(text, line) > avail
        })
    })
}

impl<'a> Excerpt<'a> {
    /// The excerpt for a primary range and secondary labels (range, message). Returns it, the
    /// labels moved into it, and how many secondary labels were left out. With `fit`, the
    /// lines are cut to about that many chars around the labels (more context on the side
    /// that has more); otherwise long lines are cut [`CONTEXT`] bytes around them.
    pub fn new(
        name: &'a str,
        text: &'a str,
        index: &LineIndex,
        primary: Range<usize>,
        secondary: &[Secondary],
        fit: Option<usize>,
    ) -> (Excerpt<'a>, Range<usize>, Vec<Label<()>>, usize) {
        let clip = |r: &Range<usize>| {
            let s = floor_char(text, r.start);
            let e = floor_char(text, r.end.min(s + MAX_LABEL)).max(s);
            s..e
        };
        let mut primary = clip(&primary);
        if let Some(avail) = fit {
            primary.end = primary.end.min(advance(text, primary.start, avail));
        }
        let mut kept: Vec<(Range<usize>, &str)> = secondary
            .iter()
            .map(|s| (clip(&s.span), s.label))
            .filter(|(r, _)| r.start.abs_diff(primary.start) <= MAX_SPREAD)
            .collect();
        kept.truncate(MAX_SECONDARY);
        let (mut lo, mut hi) = (primary.start, primary.end);
        if let Some(avail) = fit {
            // Labels are kept while they fit beside the primary one; one that runs past the
            // width is shortened, one that starts past it is left out.
            kept.retain_mut(|(r, _)| {
                let (l, h) = (lo.min(r.start), hi.max(r.end));
                if chars(text, l..h) <= avail {
                    (lo, hi) = (l, h);
                    return true;
                }
                if r.start >= lo {
                    let end = advance(text, lo, avail);
                    if end > r.start {
                        r.end = end;
                        hi = hi.max(end);
                        return true;
                    }
                } else {
                    let start = retreat(text, hi, avail);
                    if start < r.end {
                        r.start = start;
                        lo = lo.min(start);
                        return true;
                    }
                }
                false
            });
        } else {
            lo = kept.iter().map(|(r, _)| r.start).fold(lo, usize::min);
            hi = kept.iter().map(|(r, _)| r.end).fold(hi, usize::max);
        }
        let left_out = secondary.len() - kept.len();
        let ls = index.line_bounds(lo).start;
        let le = index.line_bounds(hi).end;
        let (start, end) = match fit {
            None => (
                if lo - ls > CONTEXT {
                    floor_char(text, lo - CONTEXT)
                } else {
                    ls
                },
                if le - hi > CONTEXT {
                    floor_char(text, hi + CONTEXT)
                } else {
                    le
                },
            ),
            Some(avail) => {
                let used = chars(text, lo..hi);
                let (left_avail, right_avail) = (chars(text, ls..lo), chars(text, hi..le));
                if left_avail + used + right_avail <= avail {
                    (ls, le)
                } else {
                    // Room for the marks of the cuts, then context shared between the sides.
                    let room = avail.saturating_sub(used + 2);
                    let right = right_avail.min(room - room / 2);
                    let left = left_avail.min(room - right);
                    let right = right_avail.min(room - left);
                    let (start, end) = (retreat(text, lo, left), advance(text, hi, right));
                    (word_start(text, start, lo), word_end(text, end, hi))
                }
            }
        };
        let lead = if start > ls { MARK.len() } else { 0 };
        let mut window = String::with_capacity(end - start + 2 * MARK.len());
        if lead > 0 {
            window.push_str(MARK);
        }
        window.push_str(&text[start..end]);
        if end < le {
            window.push_str(MARK);
        }
        let mut starts = vec![0];
        let b = window.as_bytes();
        for (i, &c) in b.iter().enumerate() {
            if c == b'\n' || c == b'\r' && b.get(i + 1) != Some(&b'\n') {
                starts.push(i + 1);
            }
        }
        let (line, col) = index.line_col(start);
        let (first_line, first_col) = (line - 1, col - 1);
        let shift = |r: &Range<usize>| r.start - start + lead..r.end - start + lead;
        let labels = kept
            .iter()
            .map(|(r, m)| Label::secondary((), shift(r)).with_message(*m))
            .collect();
        (
            Excerpt {
                name,
                text: window,
                lead,
                starts,
                first_line,
                first_col,
            },
            shift(&primary),
            labels,
            left_out,
        )
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
        Ok(&self.text)
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
        // On the first line, the chars before the window count and its `…` does not.
        let before = if line_index == 0 {
            self.first_col - usize::from(self.lead > 0 && byte_index >= self.lead)
        } else {
            0
        };
        Ok(before + chars + 1)
    }

    fn line_range(&'f self, _: (), line_index: usize) -> Result<Range<usize>, Error> {
        line_span(&self.starts, self.text.len(), line_index).ok_or(Error::LineTooLarge {
            given: line_index,
            max: self.starts.len().saturating_sub(1),
        })
    }
}
