//! The GitHub Actions job summary for `--format github`: GitHub shows at most 10 annotations
//! of each level a step (50 a job), so the counts and the first findings also go to the step's
//! summary (`$GITHUB_STEP_SUMMARY`, which the CLI opens) as Markdown. A wrapper around the
//! annotations reporter: it forwards everything and keeps what the summary needs.

use super::{FileReport, LineIndex, Prerender, Reporter, Summary};
use crate::rules::RuleSet;
use crate::source::FileError;
use std::io::{self, Write};

/// How many findings the summary lists.
pub const LISTED: usize = 20;

pub struct StepSummary<'a> {
    inner: Box<dyn Reporter + 'a>,
    out: Box<dyn Write + 'a>,
    /// (path, line, severity, rule, message) of the first [`LISTED`] findings.
    first: Vec<[String; 5]>,
    findings: usize,
}

impl<'a> StepSummary<'a> {
    /// Reports to `inner` and writes the summary to `out` when the run ends.
    pub fn new(inner: Box<dyn Reporter + 'a>, out: Box<dyn Write + 'a>) -> Self {
        StepSummary {
            inner,
            out,
            first: Vec::new(),
            findings: 0,
        }
    }
}

/// Text for a Markdown table cell: no line breaks or control characters, `|` escaped.
fn cell(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '|' => "\\|".to_string(),
            c if c.is_control() => format!("\\u{{{:x}}}", c as u32),
            c => c.to_string(),
        })
        .collect()
}

impl Reporter for StepSummary<'_> {
    fn file(&mut self, rules: &RuleSet, report: &FileReport) -> io::Result<()> {
        let n = report.linted.findings.len() + report.linted.violations.len();
        if self.first.len() < LISTED && n > 0 {
            let index = LineIndex::new(&report.file.text);
            for f in &report.linted.findings {
                if self.first.len() == LISTED {
                    break;
                }
                let (line, _) = index.line_col(f.span.start);
                self.first.push([
                    report.file.path.clone(),
                    line.to_string(),
                    f.severity.as_str().to_string(),
                    rules[f.rule].id.clone(),
                    f.message.clone(),
                ]);
            }
            for v in &report.linted.violations {
                if self.first.len() == LISTED {
                    break;
                }
                self.first.push([
                    report.file.path.clone(),
                    "1".into(),
                    v.severity.as_str().to_string(),
                    v.threshold.to_string(),
                    v.message.clone(),
                ]);
            }
        }
        self.findings += n;
        self.inner.file(rules, report)
    }

    fn file_error(&mut self, error: &FileError) -> io::Result<()> {
        self.inner.file_error(error)
    }

    fn file_note(&mut self, note: &FileError) -> io::Result<()> {
        self.inner.file_note(note)
    }

    fn prerenderer(&self) -> Option<Box<Prerender>> {
        // The summary needs each file's text for its lines: nothing is rendered ahead.
        None
    }

    fn finish(&mut self, s: &Summary) -> io::Result<()> {
        self.inner.finish(s)?;
        let out = &mut self.out;
        writeln!(out, "### hedgelint\n")?;
        writeln!(out, "| files | errors | warnings | infos | unreadable |")?;
        writeln!(out, "| ---: | ---: | ---: | ---: | ---: |")?;
        writeln!(
            out,
            "| {} | {} | {} | {} | {} |\n",
            s.files, s.errors, s.warnings, s.infos, s.file_errors
        )?;
        if !self.first.is_empty() {
            let shown = if self.findings > self.first.len() {
                format!(
                    "The first {} of {} findings (GitHub shows at most 10 annotations of each \
                     level a step and 50 a job):",
                    self.first.len(),
                    self.findings
                )
            } else {
                "Findings:".to_string()
            };
            writeln!(out, "{shown}\n")?;
            writeln!(out, "| file | line | severity | rule | message |")?;
            writeln!(out, "| --- | ---: | --- | --- | --- |")?;
            for row in &self.first {
                let row: Vec<String> = row.iter().map(|c| cell(c)).collect();
                writeln!(out, "| {} |", row.join(" | "))?;
            }
            writeln!(out)?;
        }
        out.flush()
    }
}
