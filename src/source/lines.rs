//! The line index: byte offsets into lines and columns (in code points, UTF-8 bytes or UTF-16
//! units), computed only at the edges (reporters, editors).

use std::cell::Cell;
/// How columns are counted in machine formats. Lines are the same in every encoding.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ColumnEncoding {
    /// Unicode scalar values (code points): Emacs, most humans, SARIF `unicodeCodePoints`.
    #[default]
    Char,
    /// UTF-8 bytes: Vim's `col()` and quickfix `%c`.
    Utf8,
    /// UTF-16 code units: VS Code, LSP, SARIF `utf16CodeUnits`.
    Utf16,
}

impl ColumnEncoding {
    pub fn as_str(self) -> &'static str {
        match self {
            ColumnEncoding::Char => "char",
            ColumnEncoding::Utf8 => "utf-8",
            ColumnEncoding::Utf16 => "utf-16",
        }
    }
}

/// Where a finding lies, in 1-based lines and columns; the end is exclusive (the column just
/// after the last character), as in SARIF.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

/// Byte offset → 1-based line and column. Lines end at `\n`, `\r\n` or a lone `\r`.
/// Line `line` (0-based) of a text of `len` bytes whose lines start at `starts`, with its line
/// ending.
pub fn line_span(starts: &[usize], len: usize, line: usize) -> Option<std::ops::Range<usize>> {
    let start = *starts.get(line)?;
    Some(start..starts.get(line + 1).copied().unwrap_or(len))
}

pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// The last position asked for, (offset, line, column in chars): findings come in order, so
    /// the next column is counted on from there, not from the start of the line (which would
    /// be quadratic on a long line with many findings).
    last: Cell<Option<(usize, usize, usize)>>,
    last_utf16: Cell<Option<(usize, usize, usize)>>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        // A byte-order mark is not a column.
        let mut starts = vec![if text.starts_with('\u{FEFF}') { 3 } else { 0 }];
        let b = text.as_bytes();
        // memchr: this runs over every byte of every file with a finding.
        for i in memchr::memchr2_iter(b'\n', b'\r', b) {
            if b[i] == b'\n' || b.get(i + 1) != Some(&b'\n') {
                starts.push(i + 1);
            }
        }
        LineIndex {
            text,
            starts,
            last: Cell::new(None),
            last_utf16: Cell::new(None),
        }
    }

    /// The 0-based line of `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// The number of lines.
    pub fn lines(&self) -> usize {
        self.starts.len()
    }

    /// Line `line` (0-based) with its line ending, if there is such a line.
    pub fn line_range(&self, line: usize) -> Option<std::ops::Range<usize>> {
        line_span(&self.starts, self.text.len(), line)
    }

    /// The line around `offset`: from its first byte to its line ending (excluded).
    pub fn line_bounds(&self, offset: usize) -> std::ops::Range<usize> {
        let std::ops::Range { start, end: next } = self
            .line_range(self.line_of(offset))
            .unwrap_or(self.text.len()..self.text.len());
        let content = &self.text.as_bytes()[start..next];
        let ending = if content.ends_with(b"\r\n") {
            2
        } else {
            usize::from(content.ends_with(b"\n") || content.ends_with(b"\r"))
        };
        start..next - ending
    }

    /// The line after the one holding `offset`, without its line ending (empty at the end of
    /// the text).
    pub fn next_line_bounds(&self, offset: usize) -> std::ops::Range<usize> {
        let next = self.line_of(offset) + 1;
        match self.starts.get(next) {
            Some(&start) => self.line_bounds(start),
            None => self.text.len()..self.text.len(),
        }
    }

    /// 1-based line, and 1-based column counted in Unicode scalar values.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        self.column(offset, &self.last, |s| s.chars().count())
    }

    /// Line and column of `offset`, the column counted by `count` on from the last position
    /// asked for (in `last`) when that is on the same line and near: findings come in order,
    /// and counting from the line start each time is quadratic on a long line.
    fn column(
        &self,
        offset: usize,
        last: &Cell<Option<(usize, usize, usize)>>,
        count: impl Fn(&str) -> usize,
    ) -> (usize, usize) {
        let line = self.line_of(offset);
        let start = self.starts[line];
        let count = |r: std::ops::Range<usize>| self.text.get(r).map_or(0, &count);
        let col = match last.get() {
            Some((o, l, c)) if l == line && start <= o && o <= offset => c + count(o..offset),
            // Ranges of findings overlap (a stack of hedges and the hedges in it): going back
            // a little from the last position is cheaper than from the line start.
            Some((o, l, c)) if l == line && offset < o && o - offset < offset - start => {
                c - count(offset..o)
            }
            _ => 1 + count(start.min(offset)..offset),
        };
        last.set(Some((offset, line, col)));
        (line + 1, col)
    }

    /// 1-based line and column in the given encoding.
    pub fn line_col_in(&self, offset: usize, enc: ColumnEncoding) -> (usize, usize) {
        match enc {
            ColumnEncoding::Char => self.line_col(offset),
            ColumnEncoding::Utf16 => self.line_col_utf16(offset),
            ColumnEncoding::Utf8 => {
                let line = self.line_of(offset);
                (line + 1, offset.saturating_sub(self.starts[line]) + 1)
            }
        }
    }

    /// Start and end of a byte span.
    pub fn position(&self, span: &std::ops::Range<usize>, enc: ColumnEncoding) -> Position {
        let (line, column) = self.line_col_in(span.start, enc);
        let (end_line, end_column) = self.line_col_in(span.end, enc);
        Position {
            line,
            column,
            end_line,
            end_column,
        }
    }

    /// 1-based column counted in UTF-16 code units.
    pub fn line_col_utf16(&self, offset: usize) -> (usize, usize) {
        self.column(offset, &self.last_utf16, |s| s.encode_utf16().count())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_counts_chars_and_line_endings() {
        let t = "ab\r\ncé x\rz\n";
        let li = LineIndex::new(t);
        assert_eq!(li.line_col(0), (1, 1));
        assert_eq!(li.line_col(4), (2, 1));
        assert_eq!(li.line_col(t.find('x').unwrap()), (2, 4));
        assert_eq!(li.line_col(t.find('z').unwrap()), (3, 1));
        let e = "🎉x";
        assert_eq!(LineIndex::new(e).line_col_utf16(4), (1, 3));
        assert_eq!(
            LineIndex::new(e).line_col_in(4, ColumnEncoding::Utf8),
            (1, 5)
        );
        assert_eq!(
            LineIndex::new(e).line_col_in(4, ColumnEncoding::Char),
            (1, 2)
        );
    }
}
