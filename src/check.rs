//! Checking one source text: markup → tokens → sentences → cues → assessments → findings.
//! Pure: takes text, returns data, never prints.

use crate::engine::{self, Assessment, Workspace};
use crate::finding::Finding;
use crate::lexer::{self, Token};
use crate::markup::{self, Chunk, Format};
use crate::rules::RuleSet;
use crate::sentence::{self, Sentence};

/// Everything checking learned about one text.
#[derive(Debug, Default)]
pub struct Checked {
    pub findings: Vec<Finding>,
    pub sentences: Vec<Assessment>,
}

/// Tokens and sentences of a text (the part of the pipeline that does not need rules).
pub struct Prose {
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
}

pub fn prose(source: &str, format: Format) -> Prose {
    let mut tokens = Vec::with_capacity(source.len() / 5);
    let mut breaks = Vec::new();
    for chunk in markup::prose_chunks(source, format) {
        match chunk {
            Chunk::Text(r) => lexer::tokenize_into(source, r, &mut tokens),
            Chunk::Citation(r) => tokens.push(Token {
                kind: lexer::TokenKind::Citation,
                start: r.start,
                end: r.end,
            }),
            Chunk::Break => breaks.push(tokens.len()),
        }
    }
    let sentences = sentence::split(source, &tokens, &breaks);
    Prose { tokens, sentences }
}

pub fn check(rules: &RuleSet, source: &str, format: Format, ws: &mut Workspace) -> Checked {
    let prose = prose(source, format);
    check_prose(rules, source, &prose, ws)
}

pub fn check_prose(rules: &RuleSet, source: &str, prose: &Prose, ws: &mut Workspace) -> Checked {
    let syms = engine::symbols(rules, source, &prose.tokens);
    let mut out = Checked::default();
    for s in &prose.sentences {
        let a = engine::assess(rules, source, &prose.tokens, &syms, s, ws);
        engine::findings(rules, source, &prose.tokens, &a, &mut out.findings);
        out.sentences.push(a);
    }
    out.findings.sort_by(|a, b| {
        (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
    });
    out
}
