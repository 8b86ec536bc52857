//! Suppressions: the post-pass step that drops the findings an author has silenced in the
//! text (directives, parsed by [`crate::markup::directive`]).

use crate::engine;
use crate::engine::Finding;
use crate::markup::directive::{Command, parse};
use crate::rules::{RuleSet, Target, UNKNOWN_SUPPRESSION};
use crate::source::LineIndex;
use rustc_hash::FxHashMap;
use std::ops::Range;

/// What a suppression silences: every rule, or some.
#[derive(Clone, Debug)]
enum Which {
    All,
    Some(Vec<Target>),
}

/// Ranges merged and sorted, so that whether one holds an offset is a binary search.
fn merged(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_unstable_by_key(|r| r.start);
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        if r.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

fn holds(ranges: &[Range<usize>], offset: usize) -> bool {
    let k = ranges.partition_point(|r| r.start <= offset);
    k > 0 && offset < ranges[k - 1].end
}

/// One target's regions, merged.
type TargetRegions = (Target, Vec<Range<usize>>);

/// The regions the directives silence: those of every rule, and those of each target, each
/// merged. (A finding is checked against each target's regions by binary search: checking
/// every region for every finding made many directives quadratic.)
#[derive(Default)]
struct Regions {
    all: Vec<Range<usize>>,
    by_target: FxHashMap<Target, Vec<Range<usize>>>,
}

impl Regions {
    fn push(&mut self, which: &Which, r: Range<usize>) {
        match which {
            Which::All => self.all.push(r),
            Which::Some(ts) => {
                for t in ts {
                    self.by_target.entry(*t).or_default().push(r.clone());
                }
            }
        }
    }

    fn is_empty(&self) -> bool {
        self.all.is_empty() && self.by_target.is_empty()
    }

    fn finish(self) -> (Vec<Range<usize>>, Vec<TargetRegions>) {
        let by_target = self
            .by_target
            .into_iter()
            .map(|(t, r)| (t, merged(r)))
            .collect();
        (merged(self.all), by_target)
    }
}

/// Drops the findings that the directives in `comments` silence, and adds a finding for each
/// directive name that is not a rule or kind (`unknown-suppression`).
pub fn apply(rules: &RuleSet, text: &str, comments: &[Range<usize>], findings: &mut Vec<Finding>) {
    let mut regions = Regions::default();
    // Open `disable` regions: each with what it silences, where it starts and whether an
    // `enable` has closed it. An `enable RULE…` closes the open regions that name one of its
    // rules (found through `open_by_target`), a bare `enable` every open region (`live`);
    // each region leaves each list once, so many directives stay linear.
    let mut open: Vec<(Which, usize, bool)> = Vec::new();
    let mut open_by_target: FxHashMap<Target, Vec<usize>> = FxHashMap::default();
    let mut live: Vec<usize> = Vec::new();
    let mut lines: Option<LineIndex> = None;
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
            let mut seen = rustc_hash::FxHashSet::default();
            targets.retain(|t| seen.insert(*t));
            Which::Some(targets)
        };
        match d.command {
            Command::DisableFile => regions.push(&which, 0..text.len()),
            Command::DisableLine => {
                let lines = lines.get_or_insert_with(|| LineIndex::new(text));
                let a = lines.line_bounds(d.span.start);
                let b = lines.line_bounds(d.span.end);
                regions.push(&which, a.start..b.end);
            }
            Command::DisableNextLine => {
                let lines = lines.get_or_insert_with(|| LineIndex::new(text));
                regions.push(&which, lines.next_line_bounds(d.span.end));
            }
            Command::Disable => {
                let id = open.len();
                if let Which::Some(ts) = &which {
                    for t in ts {
                        open_by_target.entry(*t).or_default().push(id);
                    }
                }
                live.push(id);
                open.push((which, d.span.end, false));
            }
            Command::Enable => {
                let ids: Vec<usize> = match &which {
                    Which::All => {
                        open_by_target.clear();
                        std::mem::take(&mut live)
                    }
                    Which::Some(ts) => ts
                        .iter()
                        .flat_map(|t| open_by_target.remove(t).unwrap_or_default())
                        .collect(),
                };
                for id in ids {
                    let (w, from, closed) = &mut open[id];
                    if !*closed {
                        *closed = true;
                        regions.push(w, *from..d.span.start);
                    }
                }
            }
        }
    }
    for (w, from, closed) in &open {
        if !closed {
            regions.push(w, *from..text.len());
        }
    }
    if !regions.is_empty() {
        let (all, by_target) = regions.finish();
        findings.retain(|f| {
            !(holds(&all, f.span.start)
                || by_target
                    .iter()
                    .any(|(t, r)| t.matches(rules, f.rule) && holds(r, f.span.start)))
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
        let l = LineIndex::new(t);
        assert_eq!(l.line_bounds(4), 3..5);
        assert_eq!(l.line_bounds(1), 0..1);
        assert_eq!(l.line_bounds(2), 0..1);
        assert_eq!(l.next_line_bounds(0), 3..5);
        assert_eq!(l.next_line_bounds(4), 6..8);
        assert_eq!(l.next_line_bounds(7), 8..8);
        let t = "a\rbb\r\r";
        let l = LineIndex::new(t);
        assert_eq!(l.line_bounds(3), 2..4);
        assert_eq!(l.next_line_bounds(3), 5..5);
        assert_eq!(l.next_line_bounds(0), 2..4);
    }
}
