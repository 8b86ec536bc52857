//! Suppressions: the post-pass step that drops the findings an author has silenced in the
//! text (directives, parsed by [`crate::markup::directive`]).

use crate::engine;
use crate::engine::Finding;
use crate::markup::directive::{Command, parse};
use crate::rules::{RuleId, RuleSet, Target, UNKNOWN_SUPPRESSION};
use std::ops::Range;

/// What a suppression silences: every rule, or some.
#[derive(Clone, Debug)]
enum Which {
    All,
    Some(Vec<Target>),
}

impl Which {
    fn matches(&self, rules: &RuleSet, rule: RuleId) -> bool {
        match self {
            Which::All => true,
            Which::Some(ts) => ts.iter().any(|t| t.matches(rules, rule)),
        }
    }
}

/// The byte range of the line holding `offset`, without its line ending.
fn line_at(text: &str, offset: usize) -> Range<usize> {
    let start = text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let end = text[offset..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| offset + i);
    start..end
}

/// The line after the one holding `offset` (empty at the end of the text).
fn next_line(text: &str, offset: usize) -> Range<usize> {
    let end = line_at(text, offset).end;
    if end >= text.len() {
        return text.len()..text.len();
    }
    let next = if text[end..].starts_with("\r\n") {
        end + 2
    } else {
        end + 1
    };
    line_at(text, next)
}

/// Drops the findings that the directives in `comments` silence, and adds a finding for each
/// directive name that is not a rule or kind (`unknown-suppression`).
pub fn apply(rules: &RuleSet, text: &str, comments: &[Range<usize>], findings: &mut Vec<Finding>) {
    let mut regions: Vec<(Which, Range<usize>)> = Vec::new();
    let mut open: Vec<(Which, usize)> = Vec::new();
    let mut unknown: Vec<Finding> = Vec::new();
    for comment in comments {
        let Some(d) = parse(&text[comment.clone()], comment.start) else {
            continue;
        };
        let mut targets = Vec::new();
        for (name, span) in &d.names {
            match rules.target(name) {
                Some(t) => targets.push(t),
                None => {
                    if let Some(rule) = rules.get(UNKNOWN_SUPPRESSION)
                        && let Some(severity) = rules[rule].severity.severity()
                    {
                        unknown.push(Finding {
                            rule,
                            severity,
                            message: match rules.suggest(name) {
                                Some(best) => format!(
                                    "{}; did you mean `{best}`?",
                                    engine::expand_message(&rules[rule].message, name, 1)
                                ),
                                None => engine::expand_message(&rules[rule].message, name, 1),
                            },
                            span: span.clone(),
                            secondary: Vec::new(),
                        });
                    }
                }
            }
        }
        // A directive whose names are all unknown suppresses nothing.
        let which = if d.names.is_empty() {
            Which::All
        } else if targets.is_empty() {
            continue;
        } else {
            Which::Some(targets)
        };
        match d.command {
            Command::DisableFile => regions.push((which, 0..text.len())),
            Command::DisableLine => {
                let a = line_at(text, d.span.start);
                let b = line_at(text, d.span.end);
                regions.push((which, a.start..b.end));
            }
            Command::DisableNextLine => regions.push((which, next_line(text, d.span.end))),
            Command::Disable => open.push((which, d.span.end)),
            Command::Enable => {
                let closes = |w: &Which| match (&which, w) {
                    (Which::All, _) => true,
                    (Which::Some(ts), Which::Some(ws)) => ws.iter().any(|w| ts.contains(w)),
                    (Which::Some(_), Which::All) => false,
                };
                let mut still = Vec::new();
                for (w, from) in open.drain(..) {
                    if closes(&w) {
                        regions.push((w, from..d.span.start));
                    } else {
                        still.push((w, from));
                    }
                }
                open = still;
            }
        }
    }
    for (w, from) in open {
        regions.push((w, from..text.len()));
    }
    if !regions.is_empty() {
        findings.retain(|f| {
            !regions
                .iter()
                .any(|(w, r)| r.contains(&f.span.start) && w.matches(rules, f.rule))
        });
    }
    if !unknown.is_empty() {
        findings.extend(unknown);
        findings.sort_by(|a, b| {
            (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines() {
        let t = "a\r\nbb\ncc";
        assert_eq!(line_at(t, 4), 3..5);
        assert_eq!(next_line(t, 0), 3..5);
        assert_eq!(next_line(t, 4), 6..8);
        assert_eq!(next_line(t, 7), 8..8);
    }
}
