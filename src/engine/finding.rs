//! What the engine produces for a rule that fired: a finding, with byte spans into the source.

use crate::rules::kind::Severity;
use std::ops::Range;

/// A labelled span that is not the primary one (the claim a cue qualifies, the other hedges
/// of a stack).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Secondary {
    pub span: Range<usize>,
    pub label: &'static str,
}

/// One finding: a rule fired on a span of a source file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// Index of the rule in the rule set that produced it.
    pub rule: RuleId,
    pub severity: Severity,
    pub message: String,
    /// Byte range of the cue, end-exclusive.
    pub span: Range<usize>,
    pub secondary: Vec<Secondary>,
}

impl Finding {
    /// The finding with its spans moved `by` bytes on (from a piece of a text to the text).
    pub fn shifted(mut self, by: usize) -> Finding {
        self.span = crate::source::shifted(&self.span, by);
        for s in &mut self.secondary {
            s.span = crate::source::shifted(&s.span, by);
        }
        self
    }
}

use super::*;

/// The severity a cue of this sentence is reported at, if it is: its rule's severity, or its
/// `sourced-severity` when the sentence is sourced (or covered, for a claim).
pub fn reports(rules: &RuleSet, a: &Assessment, cue: &Cue) -> Option<Severity> {
    let rule = &rules[cue.rule];
    let sourced = a.sourced || a.covered && rule.kind == CueKind::Claim;
    rule.level(sourced).severity()
}

/// Turns an assessment's cues into findings, according to each rule's severity.
pub fn findings(
    rules: &RuleSet,
    source: &str,
    tokens: &[Token],
    a: &Assessment,
    out: &mut Vec<Finding>,
) {
    let mut clause_memo = None;
    let first = out.len();
    for cue in a.cues.iter().filter(|c| !c.subsumed) {
        let rule = &rules[cue.rule];
        let Some(severity) = reports(rules, a, cue) else {
            continue;
        };
        let count = if let Some(stack) = rule.stack {
            stack_members(rules, stack, &a.cues).count()
        } else {
            1
        };
        let message = expand_message(&rule.message, &source[cue.span.clone()], count);
        let mut secondary = Vec::new();
        if let Some(stack) = rule.stack {
            for c in stack_members(rules, stack, &a.cues) {
                secondary.push(Secondary {
                    span: c.span.clone(),
                    label: rules[c.rule].kind.as_str(),
                });
            }
        } else if matches!(rule.kind, CueKind::Weasel | CueKind::UnattributedHedge)
            && !a.sourced
            && let Some(claim) = qualified_clause(source, tokens, a, cue, &mut clause_memo)
        {
            secondary.push(Secondary {
                span: claim,
                label: "claimed without a named source",
            });
        }
        out.push(Finding {
            rule: cue.rule,
            severity,
            message,
            span: cue.span.clone(),
            secondary,
        });
    }
    // A note on a claim that a warning already reports (“12,000 voters” is an unsourced
    // statistic; the figure note says the same) is left out: the cue still counts. The
    // sentence's findings come in cue order, by start.
    let is_claim = |f: &Finding| rules[f.rule].kind == CueKind::Claim;
    let warned = Reach::new(
        out[first..]
            .iter()
            .filter(|g| g.severity > Severity::Info && is_claim(g))
            .map(|g| g.span.clone()),
    );
    if !warned.is_empty() {
        let mut k = 0;
        out.retain(|f| {
            k += 1;
            k <= first
                || !(f.severity == Severity::Info
                    && is_claim(f)
                    && warned.overlaps(f.span.start, f.span.end))
        });
    }
}

/// The clause a vague attribution or unattributed hedge qualifies: the words after the cue up
/// to the next clause boundary (`,` `;` `:` dash or the end of the sentence).
///
/// `memo` is the last scan, (from, boundary): cues come in order, so a cue that ends inside the
/// last scanned stretch has the same boundary, and a long sentence is scanned once, not once
/// a cue.
fn qualified_clause(
    source: &str,
    tokens: &[Token],
    a: &Assessment,
    cue: &Cue,
    memo: &mut Option<(usize, usize)>,
) -> Option<Range<usize>> {
    let sentence_end = a.tokens.end;
    let from = cue.tokens.end;
    let mut end = match *memo {
        Some((f, b)) if f <= from && from <= b => b,
        _ => from,
    };
    while end < sentence_end {
        let t = tokens[end];
        if t.kind == TokenKind::Punct
            && matches!(
                t.text(source),
                "," | ";" | ":" | "." | "!" | "?" | "\u{2014}" | "\u{2013}" | "("
            )
        {
            break;
        }
        end += 1;
    }
    *memo = Some((from, end));
    (end > cue.tokens.end).then(|| tokens[cue.tokens.end].start..tokens[end - 1].end)
}

/// A rule's message with `{match}` replaced by the matched text (its runs of white space made
/// one space) and `{count}` by `count`: one pass and one allocation, as it runs for every
/// finding.
pub fn expand_message(template: &str, matched: &str, count: usize) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(template.len() + matched.len());
    let mut rest = template;
    while let Some(i) = memchr::memchr(b'{', rest.as_bytes()) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if let Some(after) = rest.strip_prefix("{match}") {
            for (n, word) in matched.split_whitespace().enumerate() {
                if n > 0 {
                    out.push(' ');
                }
                out.push_str(word);
            }
            rest = after;
        } else if let Some(after) = rest.strip_prefix("{count}") {
            let _ = write!(out, "{count}");
            rest = after;
        } else {
            out.push('{');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}
