//! `--format ndjson`: one JSON object a line, written as each file is reported, so that a
//! consumer sees results before the run ends. Diagnostics are the objects of `--format json`
//! with `"type": "diagnostic"`; then `error` lines and one `summary` line (docs/output.md).

use super::json::{SCHEMA_VERSION, diagnostic_value, violation_value};
use super::{ColumnEncoding, FileReport, LineIndex, Reporter, Summary};
use crate::rules::RuleSet;
use crate::source::FileError;
use serde_json::{Value, json};
use std::io::{self, Write};

pub struct Ndjson<W: Write> {
    out: W,
    columns: ColumnEncoding,
}

impl<W: Write> Ndjson<W> {
    pub fn new(out: W) -> Self {
        Ndjson {
            out,
            columns: ColumnEncoding::default(),
        }
    }

    pub fn with_columns(mut self, columns: ColumnEncoding) -> Self {
        self.columns = columns;
        self
    }

    fn line(&mut self, kind: &str, mut v: Value) -> io::Result<()> {
        if let Value::Object(m) = &mut v {
            m.insert("type".into(), Value::from(kind));
        }
        serde_json::to_writer(&mut self.out, &v)?;
        writeln!(self.out)
    }
}

impl<W: Write> Reporter for Ndjson<W> {
    fn file(&mut self, rules: &RuleSet, report: &FileReport) -> io::Result<()> {
        let index = LineIndex::new(&report.file.text);
        for f in &report.linted.findings {
            let v = diagnostic_value(rules, report, &index, self.columns, f);
            self.line("diagnostic", v)?;
        }
        for v in &report.linted.violations {
            let v = violation_value(report, &index, self.columns, v);
            self.line("diagnostic", v)?;
        }
        self.out.flush()
    }

    fn file_error(&mut self, error: &FileError) -> io::Result<()> {
        self.line(
            "error",
            json!({ "path": error.path, "message": error.reason }),
        )?;
        self.out.flush()
    }

    fn finish(&mut self, s: &Summary) -> io::Result<()> {
        self.line(
            "summary",
            json!({
                "version": SCHEMA_VERSION,
                "column_encoding": self.columns.as_str(),
                "files": s.files,
                "errors": s.errors,
                "warnings": s.warnings,
                "infos": s.infos,
                "unreadable": s.file_errors,
            }),
        )?;
        self.out.flush()
    }
}
