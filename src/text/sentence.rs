//! Sentence segmentation over tokens. A sentence ends at `.`, `!`, `?` or an ellipsis that is
//! followed by the start of a new sentence (after any closing quotes or brackets), and at
//! every block break. Abbreviations (Mr., e.g., et al.), initials (J. R. R.), decimals (they
//! are one number token) do not end one.

use crate::text::lexer::{Token, TokenKind};
use std::ops::Range;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Indices into the token list.
    pub tokens: Range<usize>,
    /// Bytes from the first token's start to the last token's end.
    pub span: Range<usize>,
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "vs", "etc", "al", "inc", "ltd", "co",
    "corp", "fig", "figs", "no", "nos", "vol", "pp", "p", "approx", "cf", "ca", "gen", "gov",
    "sen", "rep", "lt", "col", "capt", "sgt", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "eq", "eqs", "ref", "refs", "resp", "viz", "ie", "eg",
    "est", "dept", "univ", "assn", "bros", "ph", "u.s",
];

fn is_abbreviation(word: &str) -> bool {
    // No allocation: this runs at every full stop after a word.
    ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

/// Splits `tokens` into sentences. `breaks` holds the token indices before which a block ends
/// (sorted, may repeat).
pub fn split(source: &str, tokens: &[Token], breaks: &[usize]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut next_break = breaks.iter().copied().peekable();
    let mut i = 0;
    let push = |out: &mut Vec<Sentence>, from: usize, to: usize| {
        if from < to {
            out.push(Sentence {
                tokens: from..to,
                span: tokens[from].start..tokens[to - 1].end,
            });
        }
    };
    while i < tokens.len() {
        while next_break.peek().is_some_and(|&b| b <= i) {
            next_break.next();
            push(&mut out, start, i);
            start = i;
        }
        let t = tokens[i];
        // Only punctuation is looked at: slicing out every token's text cost more than the test.
        if t.kind == TokenKind::Punct
            && matches!(
                t.text(source),
                "." | "!" | "?" | "..." | "\u{2026}" | "?!" | "!?"
            )
        {
            // Swallow repeated terminators and closing quotes/brackets.
            let mut end = i + 1;
            while end < tokens.len()
                && (tokens[end].kind == TokenKind::Quote && is_closing(tokens, end, source)
                    || matches!(tokens[end].text(source), ")" | "]" | "!" | "?" | "."))
                && next_break.clone().next().is_none_or(|b| b > end)
            {
                end += 1;
            }
            // A citation right after the full stop belongs to this sentence ("…grew.[3]").
            while end < tokens.len()
                && tokens[end].kind == TokenKind::Citation
                && next_break.clone().next().is_none_or(|b| b > end)
            {
                end += 1;
            }
            if ends_sentence(source, tokens, i, end) {
                push(&mut out, start, end);
                start = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    push(&mut out, start, tokens.len());
    out
}

/// A quote mark closes when it follows the previous token without a space.
fn is_closing(tokens: &[Token], i: usize, _source: &str) -> bool {
    i > 0 && tokens[i - 1].end == tokens[i].start
}

fn ends_sentence(source: &str, tokens: &[Token], stop: usize, next: usize) -> bool {
    let Some(following) = tokens.get(next) else {
        return true;
    };
    let stop_text = tokens[stop].text(source);
    // No space after the stop: "e.g.x", "file.txt" style runs.
    if tokens[stop].end == following.start && following.kind != TokenKind::Quote {
        return false;
    }
    let next_text = following.text(source);
    let next_starts_upper = next_text
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        || matches!(following.kind, TokenKind::Quote | TokenKind::Citation)
        || next_text == "(";
    if stop_text == "." && stop > 0 {
        let prev = tokens[stop - 1];
        if prev.kind == TokenKind::Word && prev.end == tokens[stop].start {
            let w = prev.text(source);
            // Initials and single-letter abbreviation parts (J. R. R., U.S., e.g., i.e.).
            let single = w.chars().count() == 1;
            if single && w.chars().all(char::is_alphabetic) {
                // "…in plan B. Next" still ends; an initial is followed by a capitalised name.
                return next_starts_upper && !w.chars().all(char::is_uppercase);
            }
            if is_abbreviation(w) {
                return next_starts_upper
                    && matches!(
                        w.to_ascii_lowercase().as_str(),
                        "etc" | "al" | "inc" | "ltd" | "co" | "corp"
                    )
                    && !looks_like_name_after(source, tokens, next);
            }
        }
    }
    if stop_text == "..." || stop_text == "\u{2026}" {
        return next_starts_upper;
    }
    next_starts_upper || following.kind != TokenKind::Word
}

/// "et al. (2020)" or "Smith et al. Reported" — after `al.` a year or citation continues.
fn looks_like_name_after(source: &str, tokens: &[Token], next: usize) -> bool {
    tokens.get(next).is_some_and(|t| {
        t.kind == TokenKind::Citation || t.kind == TokenKind::Number || t.text(source) == "("
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::lexer::tokenize;

    fn sentences(s: &str) -> Vec<&str> {
        let toks = tokenize(s);
        split(s, &toks, &[])
            .into_iter()
            .map(|x| &s[x.span])
            .collect()
    }

    #[test]
    fn abbreviations_do_not_split() {
        assert_eq!(
            sentences("Mr. Smith met Dr. Jones in the U.S. capital, e.g. at noon. He left."),
            vec![
                "Mr. Smith met Dr. Jones in the U.S. capital, e.g. at noon.",
                "He left."
            ]
        );
    }

    #[test]
    fn initials_and_et_al() {
        assert_eq!(
            sentences("J. R. R. Tolkien wrote it. Smith et al. (2020) found more. Done."),
            vec![
                "J. R. R. Tolkien wrote it.",
                "Smith et al. (2020) found more.",
                "Done."
            ]
        );
    }

    #[test]
    fn decimals_and_ellipses() {
        assert_eq!(
            sentences("It grew 3.5 times... Then it stopped... and went on. End!"),
            vec![
                "It grew 3.5 times...",
                "Then it stopped... and went on.",
                "End!"
            ]
        );
    }

    #[test]
    fn quote_after_full_stop_stays() {
        assert_eq!(
            sentences("He said, “It is done.” Then he left. “Why?” she asked."),
            vec![
                "He said, “It is done.”",
                "Then he left.",
                "“Why?” she asked."
            ]
        );
    }

    #[test]
    fn breaks_end_sentences() {
        let s = "Heading here Body text.";
        let toks = tokenize(s);
        let got: Vec<&str> = split(s, &toks, &[2])
            .into_iter()
            .map(|x| &s[x.span])
            .collect();
        assert_eq!(got, vec!["Heading here", "Body text."]);
    }

    #[test]
    fn citation_after_stop_belongs_to_sentence() {
        assert_eq!(
            sentences("Revenue grew.[3] Costs fell."),
            vec!["Revenue grew.[3]", "Costs fell."]
        );
    }
}
