//! The tokenizer: turns one prose segment into tokens with byte spans into the *source*.
//!
//! Each recogniser is a small nom parser named after what it recognises; `next_token` tries
//! them in order. Spans are end-exclusive byte offsets and always fall on char boundaries,
//! because every parser consumes whole chars.

use nom::{
    IResult,
    branch::alt,
    bytes::complete::{tag, tag_no_case, take_while1},
    character::complete::{char, digit1},
    combinator::recognize,
    multi::many0,
    sequence::{pair, tuple},
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
    Quote,
    /// `[1]`, `[12, 14]`, `[^note]`, `(Smith, 2020)`, and links or footnote references found by
    /// the Markdown mapping.
    Citation,
    Url,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub start: usize,
    pub end: usize,
}

impl Token {
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        &source[self.start..self.end]
    }
}

/// Letters, digits and combining marks make up words.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '\u{2018}'
            | '\u{2019}'
            | '\u{201C}'
            | '\u{201D}'
            | '\u{00AB}'
            | '\u{00BB}'
            | '`'
    )
}

/// Whether `input` starts with one of the prefixes [`url`] accepts (a cheap test before it).
/// Its first four bytes are compared at once, case folded, with `http` and `www.`: at most
/// words that test is false, without a branch on their first letter.
#[inline(always)]
fn starts_like_url(input: &str) -> bool {
    let b = input.as_bytes();
    let Some(&head) = b.first_chunk::<4>() else {
        return false;
    };
    let head = u32::from_le_bytes(head) | 0x2020_2020;
    if (head == u32::from_le_bytes(*b"http")) | (head == u32::from_le_bytes(*b"www.")) {
        let prefix = |p: &[u8]| b.len() >= p.len() && b[..p.len()].eq_ignore_ascii_case(p);
        prefix(b"http://") || prefix(b"https://") || prefix(b"www.")
    } else {
        false
    }
}

/// `https://example.com/a?b`, `www.example.org`; trailing punctuation stays out of the URL.
fn url(input: &str) -> IResult<&str, &str> {
    let (_, _) = alt((
        tag_no_case("https://"),
        tag_no_case("http://"),
        tag_no_case("www."),
    ))(input)?;
    let (_, body) =
        take_while1(|c: char| !c.is_whitespace() && !matches!(c, '<' | '>' | '"' | '\u{201D}'))(
            input,
        )?;
    let trimmed = body.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '\'', '\u{2019}']);
    // Keep a closing paren that belongs to the URL (`.../Foo_(bar)`).
    let len = if body[trimmed.len()..].starts_with(')') && trimmed.contains('(') {
        trimmed.len() + 1
    } else {
        trimmed.len()
    };
    Ok((&input[len..], &input[..len]))
}

/// `[1]`, `[12, 14]`, `[3-5]`, `[^note]`.
fn bracket_citation(input: &str) -> IResult<&str, &str> {
    recognize(tuple((
        char('['),
        alt((
            recognize(pair(
                char('^'),
                take_while1(|c: char| c.is_alphanumeric() || c == '-' || c == '_'),
            )),
            recognize(pair(
                digit1,
                many0(pair(
                    take_while1(|c: char| matches!(c, ',' | ' ' | '-' | '\u{2013}')),
                    digit1,
                )),
            )),
        )),
        char(']'),
    )))(input)
}

/// `(Smith, 2020)`, `(Smith et al. 2020)`, `(Smith and Jones 2019; Lee 2020a)`, `(2020)`.
fn paren_citation(input: &str) -> IResult<&str, &str> {
    let (rest, inner) = recognize(tuple((
        char('('),
        take_while1(|c: char| c != ')' && c != '(' && c != '\n'),
        char(')'),
    )))(input)?;
    let body = &inner[1..inner.len() - 1];
    if body.len() <= 120 && looks_like_author_year(body) {
        Ok((rest, inner))
    } else {
        Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Verify,
        )))
    }
}

fn looks_like_author_year(body: &str) -> bool {
    let has_year = body
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(is_year_like);
    if !has_year {
        return false;
    }
    let body = body.trim();
    if is_year_like(body) {
        return true;
    }
    let starts_upper = body.chars().next().is_some_and(char::is_uppercase);
    starts_upper
        && (body.contains(',')
            || body.contains("et al")
            || body.contains(" and ")
            || body.contains('&')
            || body.split_whitespace().count() <= 4)
}

/// 1500–2099, optionally with a letter (`2020a`).
fn is_year_like(s: &str) -> bool {
    let digits = s.trim_end_matches(|c: char| c.is_ascii_lowercase());
    s.len() - digits.len() <= 1
        && digits.len() == 4
        && digits.bytes().all(|b| b.is_ascii_digit())
        && matches!(&digits[..2], "15" | "16" | "17" | "18" | "19" | "20")
}

// The hot recognisers (numbers, words, whitespace) are written by hand: they run on nearly
// every byte of prose, and nom's combinators cost several times more there. The rarer ones
// (URLs, citations) stay nom parsers.

/// `13,000`, `2,000`, `4%`, `3.5`, `-2`, `1.2` (the scale word, `million`, is a word of its
/// own). Returns the length of the number at the start of `input`.
fn number(input: &str) -> Option<usize> {
    let b = input.as_bytes();
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut n = digits(0);
    if n == 0 {
        return None;
    }
    // Groups and decimals: a `,` or `.` followed by at least one digit.
    while n < b.len() && (b[n] == b',' || b[n] == b'.') {
        let d = digits(n + 1);
        if d == 0 {
            break;
        }
        n += 1 + d;
    }
    let rest = &input[n..];
    if rest.starts_with('%') {
        n += 1;
    } else if rest.starts_with('\u{066A}') {
        n += '\u{066A}'.len_utf8();
    }
    // `3D`, `2nd`, `1990s`, `H2O` are words, not numbers.
    if !input[..n].ends_with('%') && input[n..].chars().next().is_some_and(is_word_char) {
        return None;
    }
    Some(n)
}

/// The length of the run of word chars at the start of `s`.
fn word_run(s: &str) -> usize {
    let b = s.as_bytes();
    let mut n = 0;
    while n < b.len() {
        let c = b[n];
        if c.is_ascii() {
            if !c.is_ascii_alphanumeric() {
                break;
            }
            n += 1;
        } else {
            match s[n..].chars().next() {
                Some(ch) if is_word_char(ch) => n += ch.len_utf8(),
                _ => break,
            }
        }
    }
    n
}

fn is_word_joiner(c: char) -> bool {
    is_apostrophe(c) || c == '-' || c == '\u{2010}' || c == '\u{2011}'
}

/// A word: letters, digits and marks, with inner apostrophes and hyphens (`don't`, `Kim’s`,
/// `long-standing`, `COVID-19`). Returns its length.
fn word(input: &str) -> Option<usize> {
    let mut n = word_run(input);
    if n == 0 {
        return None;
    }
    while let Some(j) = input[n..].chars().next().filter(|&c| is_word_joiner(c)) {
        let after = n + j.len_utf8();
        let run = word_run(&input[after..]);
        if run == 0 {
            break;
        }
        n = after + run;
    }
    Some(n)
}

fn ellipsis(input: &str) -> IResult<&str, &str> {
    alt((tag("..."), tag("\u{2026}")))(input)
}

/// The length of the whitespace at the start of `input`.
fn whitespace(input: &str) -> usize {
    let b = input.as_bytes();
    let mut n = 0;
    while n < b.len() {
        if b[n].is_ascii() {
            if !b[n].is_ascii_whitespace() && b[n] != 0x0B {
                break;
            }
            n += 1;
        } else {
            match input[n..].chars().next() {
                Some(c) if c.is_whitespace() => n += c.len_utf8(),
                _ => break,
            }
        }
    }
    n
}

/// The next token at the start of `input` (which is not empty and does not start with
/// whitespace), and its length. The recognisers are tried in a fixed order (URL, citations,
/// number, word, ellipsis, quote, punctuation); only those that can start with the first char
/// are tried at all.
fn next_token(input: &str) -> (TokenKind, usize) {
    let Some(first) = input.chars().next() else {
        return (TokenKind::Punct, 0);
    };
    let len = |r: IResult<&str, &str>| r.ok().map(|(_, t)| t.len());
    if starts_like_url(input)
        && let Some(n) = len(url(input))
    {
        return (TokenKind::Url, n);
    }
    if first == '['
        && let Some(n) = len(bracket_citation(input))
    {
        return (TokenKind::Citation, n);
    }
    if first == '('
        && let Some(n) = len(paren_citation(input))
    {
        return (TokenKind::Citation, n);
    }
    if first.is_ascii_digit()
        && let Some(n) = number(input)
    {
        return (TokenKind::Number, n);
    }
    if let Some(n) = word(input) {
        return (TokenKind::Word, n);
    }
    if matches!(first, '.' | '\u{2026}')
        && let Some(n) = len(ellipsis(input))
    {
        return (TokenKind::Punct, n);
    }
    // Two apostrophes are a double quotation mark where a typewriter or a wire service wrote
    // one that way: ''It is over,'' she said.
    if input.starts_with("''") {
        return (TokenKind::Quote, 2);
    }
    if is_quote(first) {
        return (TokenKind::Quote, first.len_utf8());
    }
    (TokenKind::Punct, first.len_utf8())
}

/// Tokenizes `source[range]`, appending tokens with spans into `source`.
pub fn tokenize_into(source: &str, range: std::ops::Range<usize>, out: &mut Vec<Token>) {
    tokenize_with(source, range, out, true);
}

/// [`tokenize_into`], with or without the fast paths (without, it is the reference the fast
/// paths are tested against).
#[inline(always)]
fn tokenize_with(source: &str, range: std::ops::Range<usize>, out: &mut Vec<Token>, fast: bool) {
    let bytes = source.as_bytes();
    let mut pos = range.start;
    let end = range.end;
    loop {
        // A single space between words is the common case.
        if pos < end && bytes[pos] == b' ' {
            pos += 1;
        }
        pos += whitespace(&source[pos..end]);
        if pos >= end {
            break;
        }
        // Fast path: a word of ASCII letters and digits that starts with a letter and ends at
        // ASCII that joins nothing (what `next_token` would find too, see the property test).
        let b = bytes[pos];
        if fast && b.is_ascii_alphabetic() && !starts_like_url(&source[pos..end]) {
            // Near the end of the range, the run reads on into the next few bytes of the
            // source (eight at a time) and is cut back to the range.
            let n = (pos + ascii_alnum_run(&bytes[pos..bytes.len().min(end + 8)])).min(end);
            if n == end || (bytes[n].is_ascii() && !matches!(bytes[n], b'\'' | b'-')) {
                out.push(Token {
                    kind: TokenKind::Word,
                    start: pos,
                    end: n,
                });
                pos = n;
                continue;
            }
        }
        // Fast path: ASCII punctuation that starts nothing longer (no citation, ellipsis or
        // quote, no digit or letter).
        if fast && is_lone_punct(b) {
            out.push(Token {
                kind: TokenKind::Punct,
                start: pos,
                end: pos + 1,
            });
            pos += 1;
            continue;
        }
        let (kind, len) = next_token(&source[pos..end]);
        if len == 0 {
            break;
        }
        out.push(Token {
            kind,
            start: pos,
            end: pos + len,
        });
        pos += len;
    }
}

/// An ASCII byte that is a punctuation token of its own whatever follows it.
fn is_lone_punct(b: u8) -> bool {
    matches!(
        b,
        b',' | b';'
            | b':'
            | b')'
            | b'!'
            | b'?'
            | b'*'
            | b'/'
            | b'&'
            | b'='
            | b'+'
            | b'>'
            | b'<'
            | b'|'
            | b'#'
            | b'~'
            | b']'
            | b'{'
            | b'}'
            | b'_'
            | b'%'
            | b'$'
            | b'@'
            | b'^'
            | b'\\'
    )
}

/// The length of the run of ASCII letters and digits at the start of `b`, eight bytes at a
/// time (a branch per word rather than per byte).
fn ascii_alnum_run(b: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    // The high bit of each byte of the result says that byte of `x` is in `lo..=hi` (all
    // bytes of `x` below 0x80, so no sum carries into the next byte).
    let in_range = |x: u64, lo: u8, hi: u8| {
        (x + ONES * u64::from(0x80 - lo)) & !(x + ONES * u64::from(0x7f - hi)) & HIGH
    };
    let mut n = 0;
    while let Some(chunk) = b[n..].first_chunk::<8>() {
        let x = u64::from_le_bytes(*chunk);
        let ascii = !x & HIGH;
        let x7 = x & !HIGH;
        let alnum = ascii & (in_range(x7, b'0', b'9') | in_range(x7 | (ONES * 0x20), b'a', b'z'));
        let stop = !alnum & HIGH;
        if stop != 0 {
            return n + stop.trailing_zeros() as usize / 8;
        }
        n += 8;
    }
    n + b[n..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count()
}

pub fn tokenize(source: &str) -> Vec<Token> {
    let mut out = Vec::new();
    tokenize_into(source, 0..source.len(), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The tokenizer without its fast paths: `next_token` at every token.
    fn reference(source: &str) -> Vec<Token> {
        let mut out = Vec::new();
        tokenize_with(source, 0..source.len(), &mut out, false);
        out
    }

    proptest! {
        #[test]
        fn fast_paths_tokenize_as_the_recognisers_do(
            s in r#"([a-zA-Z0-9]{0,12}|[ \t\n'’.,;:()\[\]"@`{}~_/%^*&=+<>|#$!?\\-]|é|ß|\u{301}|—|…|http://x|www\.|https://a\.b/c|H|W|\u{a0}){0,40}"#
        ) {
            prop_assert_eq!(tokenize(&s), reference(&s));
        }

        #[test]
        fn a_range_tokenizes_as_its_text_alone(
            s in r#"([a-zA-Z0-9]{0,12}|[ ,.'*-]|é){0,30}"#,
            cut in (0usize..200, 0usize..200)
        ) {
            let bound = |i: usize| (0..=i.min(s.len())).rev().find(|&j| s.is_char_boundary(j)).unwrap_or(0);
            let (a, b) = (bound(cut.0.min(cut.1)), bound(cut.0.max(cut.1)));
            let mut got = Vec::new();
            tokenize_into(&s, a..b, &mut got);
            let want: Vec<Token> = reference(&s[a..b])
                .into_iter()
                .map(|t| Token { start: t.start + a, end: t.end + a, ..t })
                .collect();
            prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn alnum_runs_of_every_length() {
        for len in 0..40 {
            let word = "aZ09".repeat(10)[..len].to_string();
            for tail in ["", " x", "-", "é", "'", "@", "[", "`", "{", "/", ":"] {
                let text = format!("{word}{tail}");
                assert_eq!(ascii_alnum_run(text.as_bytes()), len, "{text:?}");
            }
        }
    }

    fn kinds(s: &str) -> Vec<(TokenKind, &str)> {
        tokenize(s).iter().map(|t| (t.kind, t.text(s))).collect()
    }

    #[test]
    fn words_keep_apostrophes_and_hyphens() {
        assert_eq!(
            kinds("Kim’s long-standing don't"),
            vec![
                (TokenKind::Word, "Kim’s"),
                (TokenKind::Word, "long-standing"),
                (TokenKind::Word, "don't")
            ]
        );
    }

    #[test]
    fn numbers_with_groups_decimals_and_percent() {
        let k = kinds("13,000 troops, 4% and 3.5 or 1.2 million; 3D 1990s");
        assert!(k.contains(&(TokenKind::Number, "13,000")));
        assert!(k.contains(&(TokenKind::Number, "4%")));
        assert!(k.contains(&(TokenKind::Number, "3.5")));
        assert!(k.contains(&(TokenKind::Number, "1.2")));
        assert!(k.contains(&(TokenKind::Word, "3D")));
        assert!(k.contains(&(TokenKind::Word, "1990s")));
        // The trailing comma is punctuation, not part of the number.
        assert!(k.contains(&(TokenKind::Punct, ",")));
    }

    #[test]
    fn citations() {
        for c in [
            "[1]",
            "[12, 14]",
            "[^note]",
            "(Smith, 2020)",
            "(Smith et al. 2020)",
            "(2020)",
        ] {
            assert_eq!(kinds(c), vec![(TokenKind::Citation, c)], "{c}");
        }
        // A parenthesis without a year is not a citation.
        assert_eq!(kinds("(see above)")[0], (TokenKind::Punct, "("));
        assert_eq!(kinds("(in the summer)")[0], (TokenKind::Punct, "("));
    }

    #[test]
    fn urls_leave_trailing_punctuation() {
        assert_eq!(
            kinds("see https://example.com/a_(b). Next"),
            vec![
                (TokenKind::Word, "see"),
                (TokenKind::Url, "https://example.com/a_(b)"),
                (TokenKind::Punct, "."),
                (TokenKind::Word, "Next")
            ]
        );
    }

    #[test]
    fn quotes_straight_and_curly() {
        let k = kinds("“all traces” 'x' «y»");
        assert_eq!(k[0], (TokenKind::Quote, "“"));
        assert!(k.contains(&(TokenKind::Quote, "”")));
        assert!(k.contains(&(TokenKind::Quote, "«")));
    }

    #[test]
    fn spans_are_offset_by_range() {
        let src = "xx hello";
        let mut out = Vec::new();
        tokenize_into(src, 3..8, &mut out);
        assert_eq!(
            out,
            vec![Token {
                kind: TokenKind::Word,
                start: 3,
                end: 8
            }]
        );
    }

    #[test]
    fn emoji_and_combining_marks() {
        let k = kinds("cafe\u{301} 🎉!");
        assert_eq!(k[0], (TokenKind::Word, "cafe\u{301}"));
        assert_eq!(k[1], (TokenKind::Punct, "🎉"));
    }
}
