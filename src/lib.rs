//! hedgelint: a linter for prose that finds unsourced assertions, vague attributions and
//! hedges, and scores how certain a text sounds.
//!
//! The pipeline, one folder a stage, each importing only from the stages before it (see
//! `docs/architecture.md`): [`source`] (texts, line index) → [`markup`] (prose ranges,
//! directives) → [`text`] (tokens, sentences, quotations) → [`pattern`] (the rule-pattern
//! language) → [`rules`] (packs, presets) → [`engine`] (cues, assessments, certainty,
//! findings) → [`score`] (document scores) → [`postpass`] (settings, suppressions,
//! quotations, thresholds) → [`lint()`], the one entry point → [`report`] → [`run`] (walk, read,
//! workers) and [`eval`]. [`config`] resolves the settings a front end hands to [`lint()`].
//! Everything works in byte offsets of the original source; only reporters compute lines and
//! columns.

#![forbid(unsafe_code)]

pub mod config;
pub mod engine;
pub mod eval;
pub mod lint;
pub mod markup;
pub mod pattern;
pub mod postpass;
pub mod report;
pub mod rules;
pub mod run;
pub mod score;
pub mod source;
pub mod text;

pub use lint::{Checked, Linted, lint, lint_as};

// The names a library user needs, at the crate root.
pub use config::Config;
pub use engine::{Assessment, Finding, Workspace};
pub use markup::Format;
pub use postpass::{Settings, Thresholds, Violation};
pub use rules::{CueKind, Level, LoadError, Rule, RuleId, RuleSet, Severity};
pub use score::FileScore;
pub use source::SourceFile;
pub use text::Segmenting;
