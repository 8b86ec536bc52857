//! Document score thresholds: the config's `[thresholds]` and the flags, and the diagnostics a
//! document that breaks one gets.

use crate::rules::Severity;
use crate::score::FileScore;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// Score thresholds: set in the config file (`[thresholds]`, kebab-case keys) or by flags.
/// `None` means no threshold.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Thresholds {
    pub max_unsourced_per_1000_words: Option<f64>,
    pub min_sourced_share: Option<f64>,
    pub min_certainty: Option<f64>,
    pub max_certainty: Option<f64>,
}

/// A document score beyond a threshold: a diagnostic about the whole document, made here once
/// and rendered as it is by every reporter.
#[derive(Clone, Debug, PartialEq)]
pub struct Violation {
    /// The threshold's name as written in the config (`min-certainty`): the diagnostic's code.
    pub threshold: &'static str,
    pub severity: Severity,
    /// Where it points: the start of the document (line 1, column 1), an empty range.
    pub span: Range<usize>,
    pub limit: f64,
    pub actual: f64,
    pub message: String,
}

impl Thresholds {
    pub fn is_empty(&self) -> bool {
        *self == Thresholds::default()
    }

    /// Fills unset thresholds from `other` (flags over config).
    pub fn or(self, other: &Thresholds) -> Thresholds {
        Thresholds {
            max_unsourced_per_1000_words: self
                .max_unsourced_per_1000_words
                .or(other.max_unsourced_per_1000_words),
            min_sourced_share: self.min_sourced_share.or(other.min_sourced_share),
            min_certainty: self.min_certainty.or(other.min_certainty),
            max_certainty: self.max_certainty.or(other.max_certainty),
        }
    }

    /// Every threshold the document's score breaks, with a message saying by how much.
    pub fn check(&self, s: &FileScore) -> Vec<Violation> {
        let mut out = Vec::new();
        let mut max = |name: &'static str, what: &str, limit: Option<f64>, actual: f64| {
            if let Some(limit) = limit
                && actual > limit + 1e-9
            {
                out.push(Violation {
                    threshold: name,
                    severity: Severity::Error,
                    span: 0..0,
                    limit,
                    actual,
                    message: format!(
                        "{what} is {actual:.2}, above `{name}` = {limit} by {:.2}",
                        actual - limit
                    ),
                });
            }
        };
        max(
            "max-unsourced-per-1000-words",
            "unsourced claims per 1,000 words",
            self.max_unsourced_per_1000_words,
            s.unsourced_per_1000_words,
        );
        max(
            "max-certainty",
            "document certainty",
            self.max_certainty,
            s.certainty,
        );
        let mut min = |name: &'static str, what: &str, limit: Option<f64>, actual: Option<f64>| {
            if let (Some(limit), Some(actual)) = (limit, actual)
                && actual < limit - 1e-9
            {
                out.push(Violation {
                    threshold: name,
                    severity: Severity::Error,
                    span: 0..0,
                    limit,
                    actual,
                    message: format!(
                        "{what} is {actual:.2}, below `{name}` = {limit} by {:.2}",
                        limit - actual
                    ),
                });
            }
        };
        min(
            "min-sourced-share",
            "share of claims that are sourced",
            self.min_sourced_share,
            s.sourced_share,
        );
        min(
            "min-certainty",
            "document certainty",
            self.min_certainty,
            Some(s.certainty),
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_say_which_and_by_how_much() {
        let s = FileScore {
            certainty: 0.4,
            unsourced_per_1000_words: 12.5,
            sourced_share: Some(0.25),
            ..FileScore::default()
        };
        let t = Thresholds {
            max_unsourced_per_1000_words: Some(10.0),
            min_sourced_share: Some(0.5),
            min_certainty: Some(0.45),
            max_certainty: Some(0.9),
        };
        let v = t.check(&s);
        let names: Vec<_> = v.iter().map(|v| v.threshold).collect();
        assert_eq!(
            names,
            [
                "max-unsourced-per-1000-words",
                "min-sourced-share",
                "min-certainty"
            ]
        );
        assert!(v[0].message.contains("by 2.50"), "{}", v[0].message);
        assert!(
            v.iter()
                .all(|v| v.severity == Severity::Error && v.span == (0..0))
        );
        assert!(
            v[1].message
                .contains("below `min-sourced-share` = 0.5 by 0.25")
        );
        assert!(Thresholds::default().check(&s).is_empty());
    }
}
