//! Checking one source text: markup → tokens → sentences → cues → assessments → findings.
//! Pure: takes text, returns data, never prints.

use crate::engine::{self, Assessment, Workspace};
use crate::finding::Finding;
use crate::lexer::{self, Token};
use crate::markup::{self, Chunk, Format};
use crate::quotes;
use crate::rules::RuleSet;
use crate::sentence::{self, Sentence};
use std::ops::Range;

/// Everything checking learned about one text.
#[derive(Debug, Default)]
pub struct Checked {
    pub findings: Vec<Finding>,
    pub sentences: Vec<Assessment>,
    /// Comments that may hold suppressions (applied by `suppress`, after checking).
    pub comments: Vec<Range<usize>>,
    /// Quoted speech and blockquotes: the speaker's claims, not the author's.
    pub quotations: Vec<Range<usize>>,
}

/// Tokens and sentences of a text (the part of the pipeline that does not need rules).
pub struct Prose {
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    pub comments: Vec<Range<usize>>,
    /// Blockquotes (quoted speech is found from the tokens).
    pub blockquotes: Vec<Range<usize>>,
}

pub fn prose(source: &str, format: Format) -> Prose {
    let mut tokens = Vec::with_capacity(source.len() / 5);
    let mut breaks = Vec::new();
    let mut comments = Vec::new();
    let mut blockquotes = Vec::new();
    for chunk in markup::prose_chunks(source, format) {
        match chunk {
            Chunk::Text(r) => lexer::tokenize_into(source, r, &mut tokens),
            Chunk::Citation(r) => tokens.push(Token {
                kind: lexer::TokenKind::Citation,
                start: r.start,
                end: r.end,
            }),
            Chunk::Break => breaks.push(tokens.len()),
            Chunk::Comment(r) => comments.push(r),
            Chunk::Quotation(r) => blockquotes.push(r),
        }
    }
    let sentences = sentence::split(source, &tokens, &breaks);
    Prose {
        tokens,
        sentences,
        comments,
        blockquotes,
    }
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
    out.comments = prose.comments.clone();
    out.quotations = quotes::quotations(source, &prose.tokens, &prose.sentences);
    out.quotations.extend(prose.blockquotes.iter().cloned());
    out
}

/// How often rule `rule` fires on `text` (plain text): its findings if it reports, its cues if
/// it only feeds the assessment (sources). This is what a rule's examples are checked with.
pub fn rule_hits(rules: &RuleSet, rule: usize, text: &str) -> usize {
    let checked = check(rules, text, Format::Plain, &mut Workspace::default());
    if rules.rules[rule].severity.severity().is_some() {
        checked.findings.iter().filter(|f| f.rule == rule).count()
    } else {
        checked
            .sentences
            .iter()
            .flat_map(|s| &s.cues)
            .filter(|c| c.rule == rule)
            .count()
    }
}

/// Checks a rule's own examples; returns one message per example that does not hold.
pub fn example_failures(rules: &RuleSet, rule: usize) -> Vec<String> {
    let r = &rules.rules[rule];
    let mut failures = Vec::new();
    if !r.examples.iter().any(|e| e.flag.is_some()) || !r.examples.iter().any(|e| e.pass.is_some())
    {
        failures.push(format!(
            "rule `{}` needs at least one `flag` and one `pass` example",
            r.id
        ));
    }
    for e in &r.examples {
        if let Some(t) = &e.flag
            && rule_hits(rules, rule, t) == 0
        {
            failures.push(format!("rule `{}` should flag: {t:?}", r.id));
        }
        if let Some(t) = &e.pass {
            let n = rule_hits(rules, rule, t);
            if n > 0 {
                failures.push(format!(
                    "rule `{}` should pass but fired {n} time(s): {t:?}",
                    r.id
                ));
            }
        }
    }
    failures
}
