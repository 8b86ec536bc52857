//! Rule matching and sentence assessment: finds every rule's cues in each sentence in one
//! pass over the tokens (one literal index for all rules), applies exceptions, decides which
//! sentences name a source, scores them, and turns cues into findings.

use crate::finding::{CueKind, Finding, Secondary, Severity};
use crate::lexer::{Token, TokenKind};
use crate::pattern::{self, Builtin, Scratch, TokenView};
use crate::rules::RuleSet;
use crate::sentence::Sentence;
use std::ops::Range;

/// Marks a token whose lower-cased text no rule mentions.
pub const NO_SYM: u32 = u32::MAX;

/// A rule match inside a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Cue {
    pub rule: usize,
    /// Byte span in the source.
    pub span: Range<usize>,
    /// Token indices.
    pub tokens: Range<usize>,
}

/// What hedgelint concludes about one sentence.
#[derive(Clone, Debug)]
pub struct Assessment {
    pub span: Range<usize>,
    /// Token indices of the sentence.
    pub tokens: Range<usize>,
    pub cues: Vec<Cue>,
    /// A source cue (citation, named speaker, "according to X") is in the sentence.
    pub sourced: bool,
    /// Certainty in [0, 1]; 0.5 is neutral (see [`certainty`]).
    pub certainty: f64,
    /// What each cue (same order as `cues`) added to the sum behind `certainty`.
    pub moves: Vec<f64>,
    /// Number of word tokens.
    pub words: usize,
}

impl Assessment {
    /// Cues of a kind found by patterns (stack findings are not counted).
    pub fn count(&self, rules: &RuleSet, kind: CueKind) -> usize {
        self.cues
            .iter()
            .filter(|c| rules.rules[c.rule].kind == kind && rules.rules[c.rule].stack.is_none())
            .count()
    }

    /// A claim that needs a source: a claim or booster cue.
    pub fn is_claim(&self, rules: &RuleSet) -> bool {
        self.cues.iter().any(|c| {
            matches!(
                rules.rules[c.rule].kind,
                CueKind::Claim | CueKind::Booster | CueKind::Weasel | CueKind::UnattributedHedge
            )
        })
    }
}

struct View<'a> {
    source: &'a str,
    tokens: &'a [Token],
    syms: &'a [u32],
    /// Class masks of the sentence's tokens, from token `lo` on.
    masks: &'a [u16],
    lo: usize,
}

impl TokenView for View<'_> {
    fn sym(&self, i: usize) -> u32 {
        self.syms[i]
    }
    fn text(&self, i: usize) -> &str {
        self.tokens[i].text(self.source)
    }
    fn is(&self, i: usize, class: Builtin) -> bool {
        self.masks[i - self.lo] & class.bit() != 0
    }
    fn classes(&self, i: usize) -> u16 {
        self.masks[i - self.lo]
    }
}

/// The built-in classes a token belongs to, as [`Builtin::bit`]s.
pub fn class_mask(t: Token, source: &str) -> u16 {
    let text = t.text(source);
    let mut m = 0;
    let mut set = |b: Builtin, yes: bool| {
        if yes {
            m |= b.bit();
        }
    };
    match t.kind {
        TokenKind::Number => {
            let percent = text.ends_with(['%', '\u{066A}']);
            let year = is_year(text);
            set(Builtin::Number, true);
            set(Builtin::Percent, percent);
            set(Builtin::Year, year);
            set(
                Builtin::Quantity,
                percent
                    || text.contains(',')
                    || !year && text.split('.').next().is_some_and(|int| int.len() >= 3),
            );
        }
        TokenKind::Word => {
            set(Builtin::Word, true);
            match text.as_bytes().first() {
                Some(b) if b.is_ascii() => {
                    set(Builtin::Cap, b.is_ascii_uppercase());
                    set(Builtin::Lower, b.is_ascii_lowercase());
                }
                _ => {
                    let first = text.chars().next();
                    set(Builtin::Cap, first.is_some_and(char::is_uppercase));
                    set(Builtin::Lower, first.is_some_and(char::is_lowercase));
                }
            }
        }
        TokenKind::Citation | TokenKind::Url => set(Builtin::Citation, true),
        TokenKind::Quote => set(Builtin::Quote, true),
        TokenKind::Punct => set(Builtin::Punct, true),
    }
    m
}

fn is_year(text: &str) -> bool {
    text.len() == 4
        && text.bytes().all(|b| b.is_ascii_digit())
        && (text.starts_with('1') && text.as_bytes()[1] >= b'5' || text.starts_with("20"))
}

/// The literal id of each token (one table lookup a token: this is the shared automaton).
pub fn symbols(rules: &RuleSet, source: &str, tokens: &[Token]) -> Vec<u32> {
    let mut buf = String::new();
    tokens
        .iter()
        .map(|t| {
            rules
                .token_id(source.as_bytes(), t.start, t.end)
                .unwrap_or_else(|| {
                    // Not ASCII: fold it first.
                    pattern::fold_into(t.text(source), &mut buf);
                    rules.word_id(&buf).unwrap_or(NO_SYM)
                })
        })
        .collect()
}

/// Reusable per-thread buffers.
#[derive(Default)]
pub struct Workspace {
    scratch: Scratch,
    raw: Vec<(u32, usize, usize)>,
    masks: Vec<u16>,
}

/// Finds the cues of one sentence.
pub fn cues(
    rules: &RuleSet,
    source: &str,
    tokens: &[Token],
    syms: &[u32],
    sentence: &Sentence,
    ws: &mut Workspace,
) -> Vec<Cue> {
    let (lo, hi) = (sentence.tokens.start, sentence.tokens.end);
    ws.masks.clear();
    ws.masks
        .extend(tokens[lo..hi].iter().map(|&t| class_mask(t, source)));
    let view = View {
        source,
        tokens,
        syms,
        masks: &ws.masks,
        lo,
    };
    ws.raw.clear();
    for (i, &sym) in syms.iter().enumerate().take(hi).skip(lo) {
        let mask = ws.masks[i - lo];
        // Programs that can start with a token of this token's classes, then those that can
        // start with its literal (unless the first list already had them); a list only if
        // the next token can be the second token of a match of one of its programs, and then
        // a program only if it can be the second token of one of its own.
        let next_may = |second: &Option<pattern::TokenFilter>| {
            second
                .as_ref()
                .is_none_or(|f| f.accepts_after(&view, i, hi))
        };
        let mut run = |pid: u32| {
            let program = &rules.programs[pid as usize];
            if let Some(end) = program.longest_at(&view, lo, hi, i, &mut ws.scratch) {
                ws.raw.push((pid, i, end));
            }
        };
        if let Some(s) = rules.starts_by_mask.get(mask as usize)
            && !s.programs.is_empty()
            && next_may(&s.second)
        {
            for &pid in &s.programs {
                if rules.programs[pid as usize].may_start_at(&view, i, hi) {
                    run(pid);
                }
            }
        }
        if let Some(s) = rules.starts_by_sym.get(sym as usize)
            && next_may(&s.second)
        {
            for p in &s.programs {
                if p.classes & mask == 0 && next_may(&p.second) {
                    run(p.program);
                }
            }
        }
    }
    if ws.raw.is_empty() {
        // No rule matched: no cues, and no stack of them.
        return Vec::new();
    }
    // Group by rule: matches and vetoes.
    ws.raw.sort_unstable_by_key(|&(pid, s, e)| {
        (rules.owners[pid as usize].rule, s, std::cmp::Reverse(e))
    });
    let mut out: Vec<Cue> = Vec::new();
    let mut k = 0;
    while k < ws.raw.len() {
        let rule = rules.owners[ws.raw[k].0 as usize].rule;
        let mut j = k;
        while j < ws.raw.len() && rules.owners[ws.raw[j].0 as usize].rule == rule {
            j += 1;
        }
        let group = &ws.raw[k..j];
        let vetoes: Vec<(usize, usize)> = group
            .iter()
            .filter(|(p, _, _)| rules.owners[*p as usize].exception)
            .map(|&(_, s, e)| (s, e))
            .collect();
        let mut last_end = 0;
        for &(pid, s, e) in group {
            if rules.owners[pid as usize].exception || s < last_end {
                continue;
            }
            if vetoes.iter().any(|&(vs, ve)| vs < e && s < ve) {
                continue;
            }
            last_end = e;
            out.push(Cue {
                rule,
                span: tokens[s].start..tokens[e - 1].end,
                tokens: s..e,
            });
        }
        k = j;
    }
    // A vague attribution is not a source, and the hedge inside one ("some analysts
    // *suggest*") is part of it: drop source cues that overlap a vague attribution and hedge
    // cues that lie inside one.
    let vague: Vec<Range<usize>> = out
        .iter()
        .filter(|c| {
            matches!(
                rules.rules[c.rule].kind,
                CueKind::Weasel | CueKind::UnattributedHedge
            )
        })
        .map(|c| c.tokens.clone())
        .collect();
    out.retain(|c| match rules.rules[c.rule].kind {
        CueKind::Source => !vague
            .iter()
            .any(|v| v.start < c.tokens.end && c.tokens.start < v.end),
        CueKind::Hedge => !vague
            .iter()
            .any(|v| v.start < c.tokens.end && c.tokens.start < v.end),
        _ => true,
    });
    // Stack rules count cues of a kind.
    for &ri in &rules.stacks {
        if let Some(stack) = rules.rules[ri].stack {
            let of_kind: Vec<&Cue> = out
                .iter()
                .filter(|c| {
                    rules.rules[c.rule].kind == stack.kind && rules.rules[c.rule].stack.is_none()
                })
                .collect();
            if of_kind.len() >= stack.min {
                let first = of_kind.iter().map(|c| c.tokens.start).min().unwrap_or(lo);
                let last = of_kind.iter().map(|c| c.tokens.end).max().unwrap_or(hi);
                out.push(Cue {
                    rule: ri,
                    span: tokens[first].start..tokens[last - 1].end,
                    tokens: first..last,
                });
            }
        }
    }
    out.sort_by_key(|c| (c.span.start, c.span.end, c.rule));
    out
}

/// How steeply the summed cue weights move the score away from 0.5.
pub const SCORE_SLOPE: f64 = 4.0;
/// Each further cue pulling the same way counts this much less than the one before.
pub const SCORE_DECAY: f64 = 0.6;
/// A cue inside quotation marks or parentheses (someone else's words, an aside) counts this much.
pub const SCORE_QUOTED: f64 = 0.5;

/// Sentence certainty (`docs/scoring.md`): `σ(SLOPE × Σ wᵢ × scopeᵢ × DECAY^rankᵢ)`, 0.5 when
/// no cue moves it. `rankᵢ` counts the stronger cues pulling the same way before it ("might
/// possibly" is less certain than "might", but not twice as much); `scopeᵢ` halves a cue inside
/// quotation marks or parentheses. Returns the score and each cue's move.
pub fn certainty(
    rules: &RuleSet,
    source: &str,
    tokens: &[Token],
    sentence: &Range<usize>,
    cues: &[Cue],
) -> (f64, Vec<f64>) {
    // The scope is a left fold over the sentence's tokens up to each cue: cues come in order,
    // so carry it on from one cue to the next (from the sentence start for each cue, a long
    // sentence with many cues took quadratic time).
    let mut state = Scope::default();
    let mut pos = sentence.start;
    let scoped: Vec<f64> = cues
        .iter()
        .map(|c| {
            let at = c.tokens.start.max(sentence.start);
            if at < pos {
                state = Scope::default();
                pos = sentence.start;
            }
            state.advance(source, &tokens[pos..at]);
            pos = at;
            rules.rules[c.rule].certainty * state.factor()
        })
        .collect();
    let mut order: Vec<usize> = (0..cues.len()).collect();
    order.sort_by(|&a, &b| {
        scoped[b]
            .abs()
            .total_cmp(&scoped[a].abs())
            .then(cues[a].tokens.start.cmp(&cues[b].tokens.start))
    });
    let mut moves = vec![0.0; cues.len()];
    let (mut down, mut up) = (0i32, 0i32);
    for i in order {
        let w = scoped[i];
        let rank = if w < 0.0 {
            down += 1;
            down - 1
        } else if w > 0.0 {
            up += 1;
            up - 1
        } else {
            continue;
        };
        moves[i] = w * SCORE_DECAY.powi(rank);
    }
    let sum: f64 = moves.iter().sum();
    (logistic(sum), moves)
}

/// The score of a summed weight.
pub fn logistic(sum: f64) -> f64 {
    1.0 / (1.0 + (-SCORE_SLOPE * sum).exp())
}

/// 1, or [`SCORE_QUOTED`] when token `at` is inside quotation marks or parentheses opened
/// earlier in the sentence.
/// Quotation marks and parentheses open before a point of a sentence.
#[derive(Clone, Copy, Default)]
struct Scope {
    quotes: usize,
    parens: i32,
}

impl Scope {
    fn advance(&mut self, source: &str, tokens: &[Token]) {
        for t in tokens {
            match (t.kind, t.text(source)) {
                (TokenKind::Quote, "\u{201C}" | "\"") => self.quotes += 1,
                (TokenKind::Quote, "\u{201D}") => self.quotes = self.quotes.saturating_sub(1),
                (TokenKind::Punct, "(") => self.parens += 1,
                (TokenKind::Punct, ")") => self.parens -= 1,
                _ => {}
            }
        }
    }

    /// How much a cue here counts.
    fn factor(self) -> f64 {
        // Straight double quotes open and close alike: an odd count is inside.
        let inside_quote = self.quotes % 2 == 1;
        if inside_quote || self.parens > 0 {
            SCORE_QUOTED
        } else {
            1.0
        }
    }
}

pub fn assess(
    rules: &RuleSet,
    source: &str,
    tokens: &[Token],
    syms: &[u32],
    sentence: &Sentence,
    ws: &mut Workspace,
) -> Assessment {
    let cues = cues(rules, source, tokens, syms, sentence, ws);
    let sourced = cues
        .iter()
        .any(|c| rules.rules[c.rule].kind == CueKind::Source);
    let (certainty, moves) = certainty(rules, source, tokens, &sentence.tokens, &cues);
    // `cues` left the sentence's class masks in the workspace.
    let words = ws
        .masks
        .iter()
        .filter(|&&m| m & Builtin::Word.bit() != 0)
        .count();
    Assessment {
        span: sentence.span.clone(),
        tokens: sentence.tokens.clone(),
        cues,
        sourced,
        certainty,
        moves,
        words,
    }
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
    for cue in &a.cues {
        let rule = &rules.rules[cue.rule];
        let Some(severity): Option<Severity> = rule.level(a.sourced).severity() else {
            continue;
        };
        let count = if let Some(stack) = rule.stack {
            a.count(rules, stack.kind)
        } else {
            1
        };
        let message = expand_message(&rule.message, &source[cue.span.clone()], count);
        let mut secondary = Vec::new();
        if let Some(stack) = rule.stack {
            for c in a.cues.iter().filter(|c| {
                rules.rules[c.rule].kind == stack.kind && rules.rules[c.rule].stack.is_none()
            }) {
                secondary.push(Secondary {
                    span: c.span.clone(),
                    label: rules.rules[c.rule].kind.as_str(),
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

#[cfg(test)]
mod tests {
    use super::expand_message;

    #[test]
    fn messages_expand_the_match_and_the_count_once() {
        assert_eq!(
            expand_message("“{match}” ({count} hedges)", "some\n  analysts\tsay", 3),
            "“some analysts say” (3 hedges)"
        );
        // Matched text is not expanded again, and other braces stay as they are.
        assert_eq!(
            expand_message("{match} {x} {", "{count}", 2),
            "{count} {x} {"
        );
        assert_eq!(expand_message("no fields", "x", 1), "no fields");
    }
}
