//! Text: the tokens of a source's prose (the nom lexer), its sentences, and the quotations in
//! them.

pub mod lexer;
pub mod quotes;
pub mod sentence;

use crate::markup::{self, Format, Kind};
use lexer::{Token, TokenKind};
use quotes::Quotations;
use sentence::Sentence;
use std::ops::Range;

/// Tokens and sentences of a text (the part of the pipeline that does not need rules).
pub struct Prose {
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    /// Comments that may hold directives.
    pub comments: Vec<Range<usize>>,
    /// Quoted speech and blockquotes: the speaker's claims, not the author's. The one quote
    /// model: findings inside are dropped by the post-pass and cues inside count less in the
    /// certainty score.
    pub quotations: Quotations,
    /// For each sentence, whether it carries on a quotation of the sentence before it (one
    /// speaker's words over several sentences, see [`quotes`]).
    pub quote_carried: Vec<bool>,
}

/// How a text is cut into sentences.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Segmenting {
    /// By the sentence splitter, at block breaks and sentence ends.
    #[default]
    Sentences,
    /// The whole text is one sentence (an annotated corpus's line, never re-segmented).
    Whole,
}

/// Reads `source` as `format` into tokens, sentences, comments and quotations.
pub fn prose(source: &str, format: Format) -> Prose {
    prose_as(source, format, Segmenting::Sentences)
}

/// [`prose`], cut into sentences as `segmenting` says.
pub fn prose_as(source: &str, format: Format, segmenting: Segmenting) -> Prose {
    prose_in(source, format, segmenting, &markup::Context::default())
}

/// [`prose_as`] for a piece of a long text, read with what the rest of it defines.
pub fn prose_in(
    source: &str,
    format: Format,
    segmenting: Segmenting,
    context: &markup::Context,
) -> Prose {
    let mut tokens = Vec::with_capacity(source.len() / 5);
    let mut breaks = Vec::new();
    let mut comments = Vec::new();
    let mut blockquotes = Vec::new();
    for chunk in markup::prose_chunks_in(source, format, context) {
        match chunk.kind {
            Kind::Text => lexer::tokenize_into(source, chunk.range, &mut tokens),
            Kind::Citation => tokens.push(Token {
                kind: TokenKind::Citation,
                start: chunk.range.start,
                end: chunk.range.end,
            }),
            Kind::Break => breaks.push(tokens.len()),
            Kind::Comment => comments.push(chunk.range),
            Kind::Quotation => blockquotes.push(chunk.range),
        }
    }
    let sentences = match segmenting {
        Segmenting::Sentences => sentence::split(source, &tokens, &breaks),
        Segmenting::Whole => vec![Sentence {
            span: tokens.first().map_or(0, |t| t.start)..tokens.last().map_or(0, |t| t.end),
            tokens: 0..tokens.len(),
        }],
    };
    let quotes::Quoted {
        ranges: mut quotations,
        carried,
    } = quotes::quotations(source, &tokens, &sentences);
    quotations.extend(blockquotes);
    let quotations = Quotations::new(quotations);
    Prose {
        tokens,
        sentences,
        comments,
        quotations,
        quote_carried: carried,
    }
}

/// The first sentence of a paragraph (a rule's summary), by the sentence splitter: "(Smith et
/// al. 2020)" does not end a sentence.
pub fn first_sentence(s: &str) -> String {
    let s = s.trim();
    match prose(s, Format::PLAIN).sentences.first() {
        Some(first) => s[..first.span.end].to_string(),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_sentence_survives_abbreviations() {
        assert_eq!(
            first_sentence("Recognises citations: (Smith et al. 2020), links. And more."),
            "Recognises citations: (Smith et al. 2020), links."
        );
        assert_eq!(first_sentence("  One line only  "), "One line only");
    }
}
