//! `--format human`: rustc-style diagnostics through codespan-reporting, then a summary line.

use super::excerpt::{self, Excerpt};
use super::{FileReport, LineIndex, Prerender, Reporter, Summary};
use crate::rules::RuleSet;
use crate::rules::Severity;
use crate::source::FileError;
use codespan_reporting::diagnostic::{Diagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::{Error as FilesError, Files, SimpleFile};
use codespan_reporting::term::{
    self,
    termcolor::{Ansi, NoColor, WriteColor},
};
use std::io;

pub struct Human<W: WriteColor> {
    out: W,
    config: term::Config,
    width: Option<usize>,
}

impl<W: WriteColor> Human<W> {
    pub fn new(out: W) -> Self {
        Human {
            out,
            config: term::Config::default(),
            width: None,
        }
    }

    /// Fit excerpts to `width` columns (a terminal's): a line that does not fit is cut around
    /// the finding, with `…` where it is cut. Without a width, only lines over
    /// [`excerpt::LONG_LINE`] bytes are cut.
    pub fn with_width(mut self, width: Option<usize>) -> Self {
        self.width = width;
        self
    }
}

pub fn severity(s: Severity) -> CsSeverity {
    match s {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    }
}

/// Emits a diagnostic. codespan-reporting has no `info` severity: an info is rendered as its
/// `note` and the word in the header (its first `note`, after any colour codes) becomes `info`,
/// the word every other format, the config and the flags use.
fn emit<'f, W: WriteColor, F: Files<'f, FileId = ()>>(
    out: &mut W,
    config: &term::Config,
    files: &'f F,
    d: &Diagnostic<()>,
) -> io::Result<()> {
    if d.severity != CsSeverity::Note {
        return term::emit_to_write_style(out, config, files, d).map_err(to_io);
    }
    let mut buf = if out.supports_color() {
        let mut w = Ansi::new(Vec::new());
        term::emit_to_write_style(&mut w, config, files, d).map_err(to_io)?;
        w.into_inner()
    } else {
        let mut w = NoColor::new(Vec::new());
        term::emit_to_write_style(&mut w, config, files, d).map_err(to_io)?;
        w.into_inner()
    };
    if let Some(at) = buf.windows(4).position(|w| w == b"note") {
        buf[at..at + 4].copy_from_slice(b"info");
    }
    out.write_all(&buf)
}

fn to_io(e: codespan_reporting::files::Error) -> io::Error {
    match e {
        codespan_reporting::files::Error::Io(e) => e,
        other => io::Error::other(other.to_string()),
    }
}

/// A checked file as codespan-reporting sees it: its lines are those of the [`LineIndex`] the
/// other formats use (a lone CR ends a line, a byte-order mark is not a column), so every
/// format gives a finding the same line and column, and the lines are found once.
struct IndexedFile<'a> {
    name: &'a str,
    index: &'a LineIndex<'a>,
    text: &'a str,
}

impl<'a> Files<'a> for IndexedFile<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(self.text)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, FilesError> {
        Ok(self.index.line_of(byte_index))
    }

    fn column_number(
        &'a self,
        (): (),
        _line_index: usize,
        byte_index: usize,
    ) -> Result<usize, FilesError> {
        Ok(self.index.line_col(byte_index).1)
    }

    fn line_range(
        &'a self,
        (): (),
        line_index: usize,
    ) -> Result<std::ops::Range<usize>, FilesError> {
        self.index
            .line_range(line_index)
            .ok_or(FilesError::LineTooLarge {
                given: line_index,
                max: self.index.lines().saturating_sub(1),
            })
    }
}

/// Renders one file's findings and threshold violations.
fn render<W: WriteColor>(
    out: &mut W,
    config: &term::Config,
    width: Option<usize>,
    rules: &RuleSet,
    report: &FileReport,
) -> io::Result<()> {
    {
        let path = report.file.path.as_str();
        let text = report.file.text.as_str();
        let index = LineIndex::new(text);
        let file = IndexedFile {
            name: path,
            index: &index,
            text,
        };
        let mut ranges = Vec::new();
        for f in &report.linted.findings {
            let rule = &rules[f.rule];
            let mut d = Diagnostic::new(severity(f.severity))
                .with_code(rule.id.clone())
                .with_message(f.message.clone());
            let mut notes = Vec::new();
            ranges.clear();
            ranges.push(f.span.clone());
            ranges.extend(f.secondary.iter().map(|s| s.span.clone()));
            let fit = width.and_then(|w| {
                let last = ranges.iter().map(|r| r.end).max().unwrap_or(0);
                let multiline = ranges
                    .iter()
                    .any(|r| index.line_of(r.start) != index.line_of(r.end));
                let avail = excerpt::source_width(w, index.line_of(last), multiline);
                excerpt::too_wide(text, &index, &ranges, avail).then_some(avail)
            });
            if fit.is_some() || excerpt::needed(&index, &ranges) {
                // A line wider than the terminal, a long line or a long label: show the part
                // around the finding (`…` marks the cuts).
                let (ex, primary, mut labels, left_out) =
                    Excerpt::new(path, text, &index, f.span.clone(), &f.secondary, fit);
                labels.insert(
                    0,
                    Label::primary((), primary).with_message(rule.kind.as_str()),
                );
                if left_out > 0 {
                    notes.push(format!("{left_out} more labels not shown"));
                }
                if let Some(help) = &rule.help {
                    notes.push(format!("help: {help}"));
                }
                d = d.with_labels(labels).with_notes(notes);
                emit(out, config, &ex, &d)?;
                continue;
            }
            let mut labels =
                vec![Label::primary((), f.span.clone()).with_message(rule.kind.as_str())];
            labels.extend(
                f.secondary
                    .iter()
                    .map(|s| Label::secondary((), s.span.clone()).with_message(s.label)),
            );
            d = d.with_labels(labels);
            if let Some(help) = &rule.help {
                notes.push(format!("help: {help}"));
                d = d.with_notes(notes);
            }
            emit(out, config, &file, &d)?;
        }
        for v in &report.linted.violations {
            let d: Diagnostic<()> = Diagnostic::new(severity(v.severity))
                .with_code(v.threshold)
                .with_message(format!("{}: {}", report.file.path, v.message));
            emit(out, config, &file, &d)?;
        }
        Ok(())
    }
}

impl<W: WriteColor> Reporter for Human<W> {
    fn file(&mut self, rules: &RuleSet, report: &FileReport) -> io::Result<()> {
        match report.prerendered {
            Some(bytes) => self.out.write_all(bytes),
            None => render(&mut self.out, &self.config, self.width, rules, report),
        }
    }

    fn prerenderer(&self) -> Option<Box<Prerender>> {
        let color = self.out.supports_color();
        let config = self.config.clone();
        let width = self.width;
        Some(Box::new(move |rules, report| {
            // About 600 bytes a diagnostic: sized once rather than grown by doubling.
            let capacity = 600 * (report.linted.findings.len() + report.linted.violations.len());
            let buf = Vec::with_capacity(capacity);
            // Writing into memory cannot fail; a rendering error leaves what was rendered.
            if color {
                let mut w = Ansi::new(buf);
                let _ = render(&mut w, &config, width, rules, report);
                w.into_inner()
            } else {
                let mut w = NoColor::new(buf);
                let _ = render(&mut w, &config, width, rules, report);
                w.into_inner()
            }
        }))
    }

    fn file_error(&mut self, error: &FileError) -> io::Result<()> {
        let d: Diagnostic<()> = Diagnostic::error()
            .with_code("io")
            .with_message(format!("{}: {}", error.path, error.reason));
        let file = SimpleFile::new("", "");
        term::emit_to_write_style(&mut self.out, &self.config, &file, &d).map_err(to_io)
    }

    fn file_note(&mut self, note: &FileError) -> io::Result<()> {
        let d: Diagnostic<()> = Diagnostic::note()
            .with_code("skipped")
            .with_message(format!("{}: {}", note.path, note.reason));
        let file = SimpleFile::new("", "");
        term::emit_to_write_style(&mut self.out, &self.config, &file, &d).map_err(to_io)
    }

    fn finish(&mut self, s: &Summary) -> io::Result<()> {
        summary_line(&mut self.out, s)?;
        self.out.flush()
    }
}

/// `hedgelint: checked 3 files: 0 errors, 2 warnings, 5 infos` (and what else went wrong).
pub(super) fn summary_line(out: &mut dyn io::Write, s: &Summary) -> io::Result<()> {
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    let mut line = format!(
        "hedgelint: checked {}: {}, {}, {}",
        plural(s.files, "file"),
        plural(s.errors, "error"),
        plural(s.warnings, "warning"),
        plural(s.infos, "info")
    );
    if let Some(max) = s.max_warnings
        && s.warnings > max
    {
        line.push_str(&format!(" (more than the {max} allowed)"));
    }
    if s.file_errors > 0 {
        line.push_str(&format!(
            "; {} could not be read",
            plural(s.file_errors, "file")
        ));
    }
    writeln!(out, "{line}")
}
