//! Quoted speech: the byte ranges between opening and closing quote marks in each sentence.
//! What is inside is the speaker's claim, not the author's, so findings there are off by
//! default (`lint-quotations`). Blockquotes come from the markup layer.
//!
//! Curly quotes and guillemets say which way they face. A straight `"` opens when the next
//! token follows it without a space and closes when it follows the previous token without
//! one. A quotation left open runs to the end of its sentence, and a closing mark without an
//! opening one closes a quotation that began with the sentence, so that a quotation of several
//! sentences is covered. A double quotation left open at the end of a sentence is still open
//! at the start of the next one in its paragraph (for at most [`CARRY`] sentences): a sentence
//! without marks inside it is quoted whole, and the sentences of one quotation are linked
//! ([`Quoted::carried`]) so that its speaker, named in one of them, owns all of them. Straight
//! single quotes count only in pairs: `'` is too often an apostrophe (`the '90s`). Two
//! apostrophes (`''`, one token) are a straight double mark, as wire copy writes them.

use crate::source::Reach;
use crate::text::lexer::{Token, TokenKind};
use crate::text::sentence::Sentence;
use std::ops::Range;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Open,
    Close,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
    /// A straight `'`: only pairs count.
    Straight,
}

fn classify(
    source: &str,
    tokens: &[Token],
    i: usize,
    lo: usize,
    hi: usize,
) -> Option<(Mark, Family)> {
    let t = tokens[i];
    let glued_before = i > lo && tokens[i - 1].end == t.start;
    let glued_after = i + 1 < hi && tokens[i + 1].start == t.end;
    let straight = |family| match (glued_before, glued_after) {
        (true, false) => Some((Mark::Close, family)),
        (false, true) => Some((Mark::Open, family)),
        // Glued on both sides or neither: decided by what is open (see `quotations`).
        _ => None,
    };
    match t.text(source) {
        "\u{201C}" | "\u{00AB}" => Some((Mark::Open, Family::Double)),
        "\u{201D}" | "\u{00BB}" => Some((Mark::Close, Family::Double)),
        "\u{2018}" => Some((Mark::Open, Family::Single)),
        "\u{2019}" => Some((Mark::Close, Family::Single)),
        "\"" | "''" => straight(Family::Double),
        "'" => straight(Family::Straight),
        _ => None,
    }
}

/// The mark token `i` of the sentence `lo..hi` is, given whether a double quotation is open
/// before it: an ambiguous straight `"` closes an open one, else opens.
fn mark_at(
    source: &str,
    tokens: &[Token],
    i: usize,
    lo: usize,
    hi: usize,
    double_open: bool,
) -> Option<(Mark, Family)> {
    match classify(source, tokens, i, lo, hi) {
        Some(m) => Some(m),
        None if matches!(tokens[i].text(source), "\"" | "''") => Some(if double_open {
            (Mark::Close, Family::Double)
        } else {
            (Mark::Open, Family::Double)
        }),
        None => None,
    }
}

/// The open quotation marks of a sentence, innermost last, with where each family's marks
/// are in that stack: finding the innermost open mark of a family, or whether one is open at
/// all, was a scan of the stack, quadratic in a run of opening marks (issue 17).
#[derive(Default)]
struct Open {
    marks: Vec<(usize, Family)>,
    /// For each family, the positions in `marks` of its marks, increasing.
    of: [Vec<usize>; 3],
}

impl Open {
    fn slot(f: Family) -> usize {
        match f {
            Family::Double => 0,
            Family::Single => 1,
            Family::Straight => 2,
        }
    }

    fn push(&mut self, token: usize, f: Family) {
        self.of[Open::slot(f)].push(self.marks.len());
        self.marks.push((token, f));
    }

    fn any(&self, f: Family) -> bool {
        !self.of[Open::slot(f)].is_empty()
    }

    /// Closes the innermost open mark of family `f` and every mark opened after it; returns
    /// the token of the mark closed.
    fn close(&mut self, f: Family) -> Option<usize> {
        let k = *self.of[Open::slot(f)].last()?;
        let (from, _) = self.marks[k];
        self.marks.truncate(k);
        for v in &mut self.of {
            while v.last().is_some_and(|&p| p >= k) {
                v.pop();
            }
        }
        Some(from)
    }

    /// The outermost open mark that is not a straight `'`.
    fn outermost(&self) -> Option<usize> {
        let d = self.of[0].first();
        let s = self.of[1].first();
        let k = match (d, s) {
            (Some(&a), Some(&b)) => a.min(b),
            (Some(&a), None) | (None, Some(&a)) => a,
            (None, None) => return None,
        };
        Some(self.marks[k].0)
    }
}

/// The most sentences after the one that opens it that a quotation left open is carried over.
pub const CARRY: usize = 8;

/// The quotations of some sentences.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Quoted {
    /// Byte ranges, in source order.
    pub ranges: Vec<Range<usize>>,
    /// For each sentence, whether it starts inside a quotation that an earlier sentence of its
    /// paragraph opened (it and the sentence before it quote one speaker).
    pub carried: Vec<bool>,
}

/// Whether the text between two sentences holds a paragraph break (a blank line).
pub fn paragraph_break(source: &str, between: Range<usize>) -> bool {
    source.get(between).unwrap_or("").matches('\n').count() >= 2
}

/// The quotations in the given sentences.
pub fn quotations(source: &str, tokens: &[Token], sentences: &[Sentence]) -> Quoted {
    let mut out = Vec::new();
    // For each sentence: a double quotation is left open at its end; a double closing mark
    // without an opening one is in it (it closes a quotation begun before); a double mark of
    // any kind is in it.
    let mut ends_open = Vec::with_capacity(sentences.len());
    let mut closes_earlier = Vec::with_capacity(sentences.len());
    let mut has_double = Vec::with_capacity(sentences.len());
    for s in sentences {
        let (lo, hi) = (s.tokens.start, s.tokens.end);
        let mut open = Open::default();
        let (mut closes, mut double) = (false, false);
        for i in lo..hi {
            if tokens[i].kind != TokenKind::Quote {
                continue;
            }
            let mark = mark_at(source, tokens, i, lo, hi, open.any(Family::Double));
            double |= matches!(mark, Some((_, Family::Double)));
            match mark {
                Some((Mark::Open, f)) => open.push(i, f),
                Some((Mark::Close, f)) => {
                    if let Some(from) = open.close(f) {
                        out.push(tokens[from].start..tokens[i].end);
                    } else if f == Family::Double {
                        out.push(s.span.start..tokens[i].end);
                        closes = true;
                    }
                }
                None => {}
            }
        }
        ends_open.push(open.any(Family::Double));
        closes_earlier.push(closes);
        has_double.push(double);
        if let Some(from) = open.outermost() {
            out.push(tokens[from].start..s.span.end);
        }
    }
    // A quotation left open runs on through sentences without marks to the one that closes it,
    // in its paragraph; or to the paragraph's end when the next paragraph opens with a quote
    // mark (a long quotation's paragraphs each open, only the last closes). Otherwise the mark
    // was stray, and nothing is carried.
    let mut carried = vec![false; sentences.len()];
    let brk =
        |k: usize| paragraph_break(source, sentences[k - 1].span.end..sentences[k].span.start);
    for (i, _) in ends_open.iter().enumerate().filter(|(_, open)| **open) {
        let mut j = i + 1;
        let last = loop {
            if j >= sentences.len() || j - i > CARRY {
                break None;
            }
            if brk(j) {
                let (lo, hi) = (sentences[j].tokens.start, sentences[j].tokens.end);
                let reopens = lo < hi
                    && tokens[lo].kind == TokenKind::Quote
                    && mark_at(source, tokens, lo, lo, hi, false)
                        == Some((Mark::Open, Family::Double));
                break reopens.then(|| j - 1);
            }
            if closes_earlier[j] {
                break Some(j);
            }
            if has_double[j] {
                break None;
            }
            j += 1;
        };
        if let Some(last) = last {
            for k in i + 1..=last {
                carried[k] = true;
                if !has_double[k] {
                    out.push(sentences[k].span.clone());
                }
            }
        }
    }
    out.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    Quoted {
        ranges: out,
        carried,
    }
}

/// The quotations of a text (quoted speech and blockquotes), indexed so that whether one holds
/// a span is a binary search: many findings and many quotations in a long text made a scan
/// quadratic.
#[derive(Clone, Debug, Default)]
pub struct Quotations {
    reach: Reach,
    ranges: Vec<Range<usize>>,
}

impl Quotations {
    pub fn new(mut ranges: Vec<Range<usize>>) -> Quotations {
        ranges.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        let reach = Reach::new(ranges.iter().cloned());
        Quotations { reach, ranges }
    }

    /// Whether a quotation holds all of `span`.
    pub fn contains(&self, span: &Range<usize>) -> bool {
        self.reach.contains(span.start, span.end)
    }

    /// Whether a quotation and `span` share a byte.
    pub fn overlaps(&self, span: &Range<usize>) -> bool {
        self.reach.overlaps(span.start, span.end)
    }

    /// The quotations, sorted by start.
    pub fn ranges(&self) -> &[Range<usize>] {
        &self.ranges
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::lexer::tokenize;
    use crate::text::sentence::split;

    fn quoted(s: &str) -> Vec<&str> {
        let toks = tokenize(s);
        let sents = split(s, &toks, &[]);
        quotations(s, &toks, &sents)
            .ranges
            .into_iter()
            .map(|r| &s[r])
            .collect()
    }

    #[test]
    fn curly_and_straight_pairs() {
        assert_eq!(
            quoted("He said “experts say so” and left."),
            ["“experts say so”"]
        );
        assert_eq!(
            quoted("He said \"experts say so\" and left."),
            ["\"experts say so\""]
        );
        assert_eq!(quoted("She said 'maybe' twice."), ["'maybe'"]);
        // Two apostrophes as one double mark, as wire copy writes them.
        assert_eq!(
            quoted("He said ''experts say so'' and left."),
            ["''experts say so''"]
        );
        assert_eq!(
            quoted("''It is done. Experts say so,'' he said."),
            ["''It is done.", "Experts say so,''"]
        );
    }

    #[test]
    fn quotations_over_several_sentences() {
        assert_eq!(
            quoted("“It is done. Experts say so,” he said. Then he left."),
            ["“It is done.", "Experts say so,”"]
        );
    }

    fn carried(s: &str) -> Vec<bool> {
        let toks = tokenize(s);
        let sents = split(s, &toks, &[]);
        quotations(s, &toks, &sents).carried
    }

    #[test]
    fn a_quotation_runs_on_through_sentences_without_marks_to_its_close() {
        let text =
            "“The port is closed. The cranes are idle. Nobody works,” Okafor said. Then she left.";
        assert_eq!(
            quoted(text),
            [
                "“The port is closed.",
                "The cranes are idle.",
                "Nobody works,”"
            ]
        );
        assert_eq!(carried(text), [false, true, true, false]);
        // Straight marks the same way.
        let straight = "\"It is done. We are sure. Truly,\" he said.";
        assert_eq!(carried(straight), [false, true, true]);
    }

    #[test]
    fn a_stray_open_mark_carries_nothing() {
        // Never closed in its paragraph, and the next paragraph does not open with a quote.
        let text = "He wrote “draft. The cranes are idle.\n\nThe port is open.";
        assert_eq!(quoted(text), ["“draft."]);
        assert_eq!(carried(text), [false, false, false]);
        // A sentence with marks of its own ends the search.
        let marks = "He wrote “draft. She said “no” twice. It closed.”";
        assert_eq!(carried(marks), [false, false, false]);
    }

    #[test]
    fn a_quotation_continued_in_the_next_paragraph_runs_to_its_paragraphs_end() {
        let text = "“The port is closed. The cranes are idle.\n\n“We will reopen,” she said.";
        assert_eq!(carried(text), [false, true, false]);
        assert_eq!(quoted(text)[1], "The cranes are idle.");
    }

    #[test]
    fn apostrophes_are_not_quotations() {
        assert!(quoted("In the '90s experts say it grew. It's Tom's.").is_empty());
    }
}
