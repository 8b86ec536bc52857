//! The post-pass: what happens to a file's findings after the engine, in one ordered chain, in
//! one place. Each step only drops, adds or relabels findings; none re-reads the text's sense.
//!
//! 1. [`suppress`]: directives in comments silence findings (and a directive that names no
//!    rule or kind becomes an `unknown-suppression` finding);
//! 2. quotations: findings inside quoted speech or a blockquote are dropped, unless
//!    `lint-quotations` is set (meta findings such as `unknown-suppression` stay);
//! 3. [`settings`]: `select`, `ignore`, severity overrides and `min-severity` for the file's
//!    path (after the directives, so that `unknown-suppression` can be ignored or relabelled
//!    like any rule);
//! 4. [`thresholds`]: a document score beyond a threshold becomes a document diagnostic
//!    (dropped, too, when it is below `min-severity`);
//! 5. the fail decision: is a finding at or above the path's `fail-on`?
//!
//! Scores are not changed by any step: they say how the text as written reads.

pub mod settings;
pub mod suppress;
pub mod thresholds;

pub use settings::Settings;
pub use thresholds::{Thresholds, Violation};

use crate::engine::Finding;
use crate::rules::{CueKind, RuleSet};
use crate::score::FileScore;
use crate::text::Prose;
use crate::text::quotes::Quotations;

/// A file's final findings and document diagnostics.
#[derive(Debug, Default)]
pub struct PostPass {
    pub findings: Vec<Finding>,
    pub violations: Vec<Violation>,
    /// A finding is at or above the path's `fail-on` (a document diagnostic fails `check`
    /// and `score` whatever `fail-on` says).
    pub failed: bool,
}

/// Runs the chain on the engine's `findings` for a text.
pub fn apply(
    rules: &RuleSet,
    settings: &Settings,
    thresholds: &Thresholds,
    text: &str,
    prose: &Prose,
    mut findings: Vec<Finding>,
    score: &FileScore,
) -> PostPass {
    unquoted(rules, settings, &prose.quotations, &mut findings);
    after_quotations(
        rules,
        settings,
        thresholds,
        text,
        &prose.comments,
        findings,
        score,
    )
}

/// Step 2, which a text checked in pieces takes piece by piece (quotations end with their
/// sentence): it commutes with step 1, as each only drops findings and the findings step 1
/// adds are meta findings, which step 2 keeps.
pub fn unquoted(
    rules: &RuleSet,
    settings: &Settings,
    quotations: &Quotations,
    findings: &mut Vec<Finding>,
) {
    if !settings.lint_quotations && !quotations.ranges().is_empty() {
        findings.retain(|f| rules[f.rule].kind == CueKind::Meta || !quotations.contains(&f.span));
    }
}

/// Steps 1 and 3–5 on findings already past step 2, with every comment of the whole `text`.
pub fn after_quotations(
    rules: &RuleSet,
    settings: &Settings,
    thresholds: &Thresholds,
    text: &str,
    comments: &[std::ops::Range<usize>],
    mut findings: Vec<Finding>,
    score: &FileScore,
) -> PostPass {
    suppress::apply(rules, text, comments, &mut findings);
    settings.apply(rules, &mut findings);
    let mut violations = thresholds.check(score);
    violations.retain(|v| v.severity >= settings.min_severity);
    let failed = findings.iter().any(|f| f.severity >= settings.fail_on);
    PostPass {
        findings,
        violations,
        failed,
    }
}
