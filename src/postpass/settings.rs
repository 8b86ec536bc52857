//! Per-path settings: which rules report (`select`, `ignore`), at what severity, what fails
//! the run, and whether quotations are checked.

use crate::rules::{Level, RuleId, RuleSet, Severity, Target};
use rustc_hash::FxHashMap;

/// What applies to one file.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// Rules (or kinds) that report; `None` is all of them.
    pub select: Option<Vec<Target>>,
    /// Rules (or kinds) that never report; wins over `select`.
    pub ignore: Vec<Target>,
    /// Severity per rule index; `off` silences it.
    pub severity: FxHashMap<RuleId, Level>,
    /// Findings at or above this severity fail the run.
    pub fail_on: Severity,
    /// Findings (and document diagnostics) below this severity are not reported, not counted
    /// and fail nothing (`min-severity`, `--min-severity`).
    pub min_severity: Severity,
    /// Report findings inside quoted speech and blockquotes.
    pub lint_quotations: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            select: None,
            ignore: Vec::new(),
            severity: FxHashMap::default(),
            fail_on: Severity::Warning,
            min_severity: Severity::Info,
            lint_quotations: false,
        }
    }
}

impl Settings {
    /// Whether rule `rule` reports under these settings.
    pub fn enabled(&self, rules: &RuleSet, rule: RuleId) -> bool {
        self.select
            .as_ref()
            .is_none_or(|s| s.iter().any(|t| t.matches(rules, rule)))
            && !self.ignore.iter().any(|t| t.matches(rules, rule))
    }

    /// Drops the findings of rules that are not enabled or are `off`, applies severity
    /// overrides, then drops what is below `min_severity`. Findings are data from checking;
    /// this only filters and relabels them.
    pub fn apply(&self, rules: &RuleSet, findings: &mut Vec<crate::engine::Finding>) {
        findings.retain_mut(|f| {
            if !self.enabled(rules, f.rule) {
                return false;
            }
            match self.severity.get(&f.rule).map(|l| l.severity()) {
                Some(None) => return false,
                Some(Some(s)) => f.severity = s,
                None => {}
            }
            f.severity >= self.min_severity
        });
    }
}
