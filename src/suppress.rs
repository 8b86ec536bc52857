//! Suppressions and quotations: the post-pass that drops findings an author has silenced in
//! the text, or that lie inside someone else's words. Checking stays pure; this runs on its
//! output.
//!
//! Markdown and HTML use comments; plain text uses a line of its own:
//!
//! ```text
//! <!-- hedgelint-disable RULE… -->     hedgelint: disable RULE…
//! <!-- hedgelint-enable RULE… -->      hedgelint: enable RULE…
//! <!-- hedgelint-disable-next-line RULE… -->   hedgelint: disable-next-line RULE…
//! <!-- hedgelint-disable-line RULE… -->        (the comment's own line)
//! <!-- hedgelint-disable-file RULE… -->        hedgelint: disable-file RULE…
//! ```
//!
//! No RULE means every rule; a RULE is a rule id or a kind; ` -- ` starts a free-text reason.
//! A name hedgelint does not know is itself reported (`unknown-suppression`).

use crate::check::Checked;
use crate::config::Settings;
use crate::engine;
use crate::finding::{CueKind, Finding};
use crate::rules::{RuleSet, Target, UNKNOWN_SUPPRESSION};
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    Disable,
    Enable,
    DisableNextLine,
    DisableLine,
    DisableFile,
}

impl Command {
    fn parse(word: &str) -> Option<Command> {
        Some(match word {
            "disable" => Command::Disable,
            "enable" => Command::Enable,
            "disable-next-line" => Command::DisableNextLine,
            "disable-line" => Command::DisableLine,
            "disable-file" => Command::DisableFile,
            _ => return None,
        })
    }
}

/// One suppression comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    pub command: Command,
    /// The rule names, with their byte spans in the source.
    pub names: Vec<(String, Range<usize>)>,
    /// The whole comment.
    pub span: Range<usize>,
}

/// Parses the text of a comment or directive line found at `offset` in the source: an HTML
/// comment `<!-- hedgelint-CMD … -->` or a plain line `hedgelint: CMD …`.
pub fn parse(text: &str, offset: usize) -> Option<Directive> {
    let trimmed_start = text.len() - text.trim_start().len();
    let t = text.trim();
    let (body, body_at) = if let Some(inner) = t.strip_prefix("<!--") {
        let inner = inner.strip_suffix("-->")?;
        let lead = inner.len() - inner.trim_start().len();
        let rest = inner.trim_start().strip_prefix("hedgelint-")?;
        (rest, trimmed_start + 4 + lead + "hedgelint-".len())
    } else {
        let rest = t.strip_prefix("hedgelint:")?;
        let lead = rest.len() - rest.trim_start().len();
        (rest.trim_start(), trimmed_start + "hedgelint:".len() + lead)
    };
    // A reason after ` -- ` is not rule names.
    let body = match body.find(" --") {
        Some(i) => &body[..i],
        None => body,
    };
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in body
        .char_indices()
        .chain(std::iter::once((body.len(), ' ')))
    {
        let sep = c.is_whitespace() || c == ',';
        match (start, sep) {
            (None, false) => start = Some(i),
            (Some(s), true) => {
                words.push((&body[s..i], s));
                start = None;
            }
            _ => {}
        }
    }
    let (&(cmd, _), names) = words.split_first()?;
    let command = Command::parse(cmd)?;
    Some(Directive {
        command,
        names: names
            .iter()
            .map(|&(n, at)| {
                let s = offset + body_at + at;
                (n.to_string(), s..s + n.len())
            })
            .collect(),
        span: offset..offset + text.len(),
    })
}

/// Whether a plain-text line (without its line ending) is a directive line.
pub fn is_plain_directive(line: &str) -> bool {
    line.trim_start().starts_with("hedgelint:") && parse(line, 0).is_some()
}

/// What a suppression silences: every rule, or some.
#[derive(Clone, Debug)]
enum Which {
    All,
    Some(Vec<Target>),
}

impl Which {
    fn matches(&self, rules: &RuleSet, rule: usize) -> bool {
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

/// Applies suppressions and quotation filtering to a file's findings, and adds a finding for
/// each suppression that names an unknown rule.
pub fn apply(rules: &RuleSet, text: &str, checked: &mut Checked, settings: &Settings) {
    let mut regions: Vec<(Which, Range<usize>)> = Vec::new();
    let mut open: Vec<(Which, usize)> = Vec::new();
    let mut unknown: Vec<Finding> = Vec::new();
    for comment in &checked.comments {
        let Some(d) = parse(&text[comment.clone()], comment.start) else {
            continue;
        };
        let mut targets = Vec::new();
        for (name, span) in &d.names {
            match rules.target(name) {
                Some(t) => targets.push(t),
                None => {
                    if let Some(rule) = rules.get(UNKNOWN_SUPPRESSION)
                        && let Some(severity) = rules.rules[rule].severity.severity()
                    {
                        unknown.push(Finding {
                            rule,
                            severity,
                            message: engine::expand_message(&rules.rules[rule].message, name, 1),
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
    // Quotations sorted by start, with the furthest end reached so far: whether one holds a
    // finding is a binary search, not a scan (many findings and many quotations in a long
    // text made this quadratic).
    let mut quotations: Vec<(usize, usize)> = checked
        .quotations
        .iter()
        .map(|q| (q.start, q.end))
        .collect();
    quotations.sort_unstable();
    let mut furthest = 0;
    for q in &mut quotations {
        furthest = furthest.max(q.1);
        q.1 = furthest;
    }
    let in_quotation = |span: &Range<usize>| {
        let n = quotations.partition_point(|&(start, _)| start <= span.start);
        n > 0 && span.end <= quotations[n - 1].1
    };
    checked.findings.retain(|f| {
        let suppressed = regions
            .iter()
            .any(|(w, r)| r.contains(&f.span.start) && w.matches(rules, f.rule));
        let quoted = !settings.lint_quotations
            && rules.rules[f.rule].kind != CueKind::Meta
            && in_quotation(&f.span);
        !suppressed && !quoted
    });
    if !unknown.is_empty() {
        checked.findings.extend(unknown);
        checked.findings.sort_by(|a, b| {
            (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_html_and_plain_directives() {
        let s = "<!-- hedgelint-disable-next-line vague-attribution, hedge -- quoted -->";
        let d = parse(s, 10).unwrap();
        assert_eq!(d.command, Command::DisableNextLine);
        let names: Vec<&str> = d.names.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["vague-attribution", "hedge"]);
        let (_, span) = &d.names[1];
        assert_eq!(&s[span.start - 10..span.end - 10], "hedge");
        let d = parse("  hedgelint: disable-file", 0).unwrap();
        assert_eq!(d.command, Command::DisableFile);
        assert!(d.names.is_empty());
        assert!(parse("hedgelint: a fine tool", 0).is_none());
        assert!(parse("<!-- a comment -->", 0).is_none());
        assert!(is_plain_directive("hedgelint: enable"));
    }

    #[test]
    fn lines() {
        let t = "a\r\nbb\ncc";
        assert_eq!(line_at(t, 4), 3..5);
        assert_eq!(next_line(t, 0), 3..5);
        assert_eq!(next_line(t, 4), 6..8);
        assert_eq!(next_line(t, 7), 8..8);
    }
}
