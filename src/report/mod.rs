//! Reporters: one file per output format, all behind [`Reporter`]. Reporters turn findings
//! (bytes) into text (lines and columns); they never decide what counts as a finding.

mod checkstyle;
mod codeclimate;
mod excerpt;
mod github;
mod human;
pub mod json;
mod ndjson;
pub mod sarif;
pub mod score;
mod short;
mod statistics;
mod step_summary;

pub use checkstyle::Checkstyle;
pub use codeclimate::CodeClimate;
pub use github::Github;
pub use human::Human;
pub use json::Json;
pub use ndjson::Ndjson;
pub use sarif::Sarif;
pub use short::Short;
pub use statistics::Statistics;
pub use step_summary::StepSummary;

use crate::lint::Linted;
use crate::rules::RuleSet;
use crate::rules::Severity;
use crate::source::{FileError, SourceFile};
use std::io;

pub use crate::source::{ColumnEncoding, LineIndex, Position, line_span};

/// A checked file, handed to reporters in path order.
pub struct FileReport<'a> {
    pub file: &'a SourceFile,
    /// What [`crate::lint()`] made of it: the findings and document diagnostics to render,
    /// the scores, the sentences.
    pub linted: &'a Linted,
    /// This report as the reporter's [`Prerender`] rendered it on a worker thread, if it has one.
    /// When it is set, `file.text` is empty and `linted` holds no sentences: they were freed
    /// on the worker.
    pub prerendered: Option<&'a [u8]>,
}

impl FileReport<'_> {
    /// The prerendered report, or what `render` makes of it when there is none.
    pub fn rendered(&self, render: impl FnOnce() -> Vec<u8>) -> std::borrow::Cow<'_, [u8]> {
        match self.prerendered {
            Some(bytes) => std::borrow::Cow::Borrowed(bytes),
            None => std::borrow::Cow::Owned(render()),
        }
    }
}

/// Rendering a reporter can do on a worker thread before the file's turn to be reported comes:
/// the human format's codespan rendering costs more than checking when findings are many.
pub type Prerender = dyn Fn(&RuleSet, &FileReport) -> Vec<u8> + Send + Sync;

/// Totals over a run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub file_errors: usize,
    /// The `--max-warnings` limit, if any (the human summary says when it is exceeded).
    pub max_warnings: Option<usize>,
}

impl Summary {
    pub fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
    }
}

pub trait Reporter {
    fn file(&mut self, rules: &RuleSet, report: &FileReport) -> io::Result<()>;
    fn file_error(&mut self, error: &FileError) -> io::Result<()>;
    /// A file that was not checked for a reason that is not an error (a binary file).
    fn file_note(&mut self, _note: &FileError) -> io::Result<()> {
        Ok(())
    }
    fn finish(&mut self, summary: &Summary) -> io::Result<()>;
    /// A function that renders a file's report into bytes on any thread, which [`Reporter::file`]
    /// then writes as they are (see [`FileReport::prerendered`]).
    fn prerenderer(&self) -> Option<Box<Prerender>> {
        None
    }
    /// Whether it reads the sentences' assessments ([`crate::lint::Linted::sentences`]): a long
    /// file checked in pieces keeps them only for a reporter that does.
    fn wants_sentences(&self) -> bool {
        false
    }
}
