//! `check --statistics`: how many findings each rule made, instead of the findings (ruff's
//! `--statistics`). One row a rule and severity, most frequent first, then the summary line;
//! or, with `--format json`, one JSON array of `{"rule", "severity", "count"}`.

use super::short::one_line;
use super::{FileReport, Reporter, Summary};
use crate::rules::{RuleSet, Severity};
use crate::source::FileError;
use serde_json::json;
use std::collections::BTreeMap;
use std::io::{self, Write};

pub struct Statistics<W: Write> {
    out: W,
    json: bool,
    /// (rule or threshold id, severity) → count.
    counts: BTreeMap<(String, Severity), usize>,
}

impl<W: Write> Statistics<W> {
    /// A table (`json` false) or a JSON array.
    pub fn new(out: W, json: bool) -> Self {
        Statistics {
            out,
            json,
            counts: BTreeMap::new(),
        }
    }

    /// The rows, most frequent first, then by severity (highest first), then by id.
    fn rows(&mut self) -> Vec<(String, Severity, usize)> {
        let mut rows: Vec<_> = std::mem::take(&mut self.counts)
            .into_iter()
            .map(|((id, s), n)| (id, s, n))
            .collect();
        rows.sort_by(|a, b| b.2.cmp(&a.2).then(b.1.cmp(&a.1)).then(a.0.cmp(&b.0)));
        rows
    }
}

impl<W: Write> Reporter for Statistics<W> {
    fn file(&mut self, rules: &RuleSet, report: &FileReport) -> io::Result<()> {
        for f in &report.linted.findings {
            *self
                .counts
                .entry((rules[f.rule].id.clone(), f.severity))
                .or_default() += 1;
        }
        for v in &report.linted.violations {
            *self
                .counts
                .entry((v.threshold.to_string(), v.severity))
                .or_default() += 1;
        }
        Ok(())
    }

    fn file_error(&mut self, error: &FileError) -> io::Result<()> {
        // Not in the JSON array: the exit code (2) says a file could not be read.
        if !self.json {
            writeln!(
                self.out,
                "{}: error[io]: {}",
                error.path,
                one_line(&error.reason)
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, s: &Summary) -> io::Result<()> {
        let rows = self.rows();
        if self.json {
            let rows: Vec<_> = rows
                .iter()
                .map(|(id, sev, n)| json!({"rule": id, "severity": sev.as_str(), "count": n}))
                .collect();
            serde_json::to_writer_pretty(&mut self.out, &rows)?;
            writeln!(self.out)?;
            return self.out.flush();
        }
        let width = rows.first().map_or(1, |r| r.2.to_string().len());
        for (id, sev, n) in &rows {
            writeln!(self.out, "{n:>width$}  {:<7}  {id}", sev.as_str())?;
        }
        super::human::summary_line(&mut self.out, s)?;
        self.out.flush()
    }
}
