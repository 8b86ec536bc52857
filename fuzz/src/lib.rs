//! Invariants the fuzz targets assert (the same as `tests/properties.rs`).

use hedgelint::lint::Checked;
use hedgelint::markup::{Chunk, Format, Kind};
use hedgelint::text::lexer::Token;
use hedgelint::text::sentence::Sentence;

/// A byte range lies inside `text` and on char boundaries.
pub fn assert_span(text: &str, start: usize, end: usize, what: &str) {
    assert!(
        start <= end && end <= text.len(),
        "{what} {start}..{end} outside {}",
        text.len()
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what} {start}..{end} off a char boundary"
    );
}

/// Every chunk kind lies inside the text, on char boundaries; prose and citations in order
/// without overlap; breaks are empty; comments and quotations are not.
pub fn assert_chunks(text: &str, chunks: &[Chunk]) {
    let mut last = 0;
    for Chunk { kind, range: r } in chunks {
        assert!(r.start <= r.end, "{kind:?} {r:?} runs backwards");
        assert_span(text, r.start, r.end, "chunk");
        match kind {
            Kind::Text | Kind::Citation => {
                assert!(r.start >= last, "chunk {r:?} goes back before {last}");
                last = r.end;
            }
            Kind::Break => assert!(r.is_empty(), "break {r:?}"),
            Kind::Comment | Kind::Quotation => assert!(!r.is_empty(), "{kind:?} {r:?}"),
        }
    }
}

/// Tokens are non-empty, in order, without overlap; sentences cover the tokens in order,
/// without gaps or overlap, and their spans run from their first token to their last.
pub fn assert_prose(text: &str, tokens: &[Token], sentences: &[Sentence]) {
    let mut last = 0;
    for t in tokens {
        assert_span(text, t.start, t.end, "token");
        assert!(t.start < t.end, "empty token {t:?}");
        assert!(t.start >= last, "token {t:?} overlaps or goes back");
        last = t.end;
    }
    let mut next = 0;
    for s in sentences {
        assert!(s.tokens.start < s.tokens.end, "empty sentence {s:?}");
        assert!(s.tokens.start >= next, "sentence {s:?} out of order");
        assert!(s.tokens.end <= tokens.len());
        assert_eq!(s.span.start, tokens[s.tokens.start].start);
        assert_eq!(s.span.end, tokens[s.tokens.end - 1].end);
        next = s.tokens.end;
    }
    // Every token is in a sentence.
    let covered: usize = sentences.iter().map(|s| s.tokens.len()).sum();
    assert_eq!(covered, tokens.len(), "sentences do not cover the tokens");
}

/// Findings and their secondary spans lie on the text; certainties are in [0, 1].
pub fn assert_checked(text: &str, c: &Checked) {
    for f in &c.findings {
        assert_span(text, f.span.start, f.span.end, "finding");
        assert!(f.span.start < f.span.end, "empty finding");
        for s in &f.secondary {
            assert_span(text, s.span.start, s.span.end, "secondary span");
        }
    }
    for w in c.findings.windows(2) {
        assert!(w[0].span.start <= w[1].span.start, "findings out of order");
    }
    for a in &c.sentences {
        assert!(
            (0.0..=1.0).contains(&a.certainty),
            "certainty {}",
            a.certainty
        );
    }
}

pub const FORMATS: [Format; 2] = [Format::PLAIN, Format::MARKDOWN];

/// Fragments that reach the post-pass and the line-ending code: directives of every kind in
/// both markups, quotes and blockquotes, fences and HTML, line endings, and words the default
/// rules flag. A fuzz input is read as a list of indexes into it (and raw bytes after 0xF0).
pub const FRAGMENTS: [&str; 40] = [
    "<!-- hedgelint-disable-next-line -->",
    "<!-- hedgelint-disable-next-line hedge -->",
    "<!-- hedgelint-disable-line vague-attribution -->",
    "<!-- hedgelint-disable weasel -->",
    "<!-- hedgelint-enable weasel -->",
    "<!-- hedgelint-disable-file -->",
    "<!-- hedgelint-disable-next-line nosuchrule -->",
    "hedgelint: disable-next-line hedge",
    "hedgelint: disable-line",
    "hedgelint: disable booster",
    "hedgelint: enable",
    "<!-- ",
    " -->",
    "\"",
    "“",
    "”",
    "‘",
    "’",
    "«",
    "»",
    "> ",
    "```\n",
    "<div>\n",
    "</div>\n",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    " ",
    ". ",
    "Experts say",
    " it may rain",
    " clearly",
    " reportedly",
    " Over 2,000 died",
    " he said",
    " according to Ana Ruiz",
    "[1]",
    "- ",
    "# ",
];

/// The text a fuzz input stands for: fragments by index, other bytes as themselves.
pub fn from_fragments(data: &[u8]) -> String {
    let mut s = String::new();
    for &b in data {
        match FRAGMENTS.get(usize::from(b)) {
            Some(f) => s.push_str(f),
            None if b.is_ascii() => s.push(char::from(b)),
            None => s.push('é'),
        }
    }
    s
}
