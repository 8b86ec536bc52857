//! `--format json`: one JSON document for the whole run (schema in `docs/output.md`).

use super::{FileReport, LineIndex, Reporter, Summary};
use crate::files::FileError;
use crate::rules::RuleSet;
use serde_json::{Value, json};
use std::io::{self, Write};

/// Version of the JSON output schema; bumped on incompatible changes.
pub const SCHEMA_VERSION: u32 = 1;

pub struct Json<W: Write> {
    out: W,
    diagnostics: Vec<Value>,
    errors: Vec<Value>,
}

impl<W: Write> Json<W> {
    pub fn new(out: W) -> Self {
        Json {
            out,
            diagnostics: Vec::new(),
            errors: Vec::new(),
        }
    }
}

/// One diagnostic as a JSON object (shared with other machine formats).
pub fn diagnostic_value(
    rules: &RuleSet,
    report: &FileReport,
    index: &LineIndex,
    f: &crate::finding::Finding,
) -> Value {
    let rule = &rules.rules[f.rule];
    let (line, column) = index.line_col(f.span.start);
    let (end_line, end_column) = index.line_col(f.span.end);
    json!({
        "path": report.file.path,
        "rule": rule.id,
        "kind": rule.kind.as_str(),
        "severity": f.severity.as_str(),
        "message": f.message,
        "help": rule.help,
        "start": f.span.start,
        "end": f.span.end,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "text": &report.file.text[f.span.clone()],
    })
}

impl<W: Write> Reporter for Json<W> {
    fn file(&mut self, rules: &RuleSet, report: &FileReport) -> io::Result<()> {
        let index = LineIndex::new(&report.file.text);
        for f in &report.checked.findings {
            self.diagnostics
                .push(diagnostic_value(rules, report, &index, f));
        }
        Ok(())
    }

    fn file_error(&mut self, error: &FileError) -> io::Result<()> {
        self.errors
            .push(json!({ "path": error.path, "message": error.reason }));
        Ok(())
    }

    fn finish(&mut self, s: &Summary) -> io::Result<()> {
        let doc = json!({
            "version": SCHEMA_VERSION,
            "diagnostics": std::mem::take(&mut self.diagnostics),
            "errors": std::mem::take(&mut self.errors),
            "summary": {
                "files": s.files,
                "errors": s.errors,
                "warnings": s.warnings,
                "infos": s.infos,
                "unreadable": s.file_errors,
            },
        });
        serde_json::to_writer_pretty(&mut self.out, &doc)?;
        writeln!(self.out)?;
        self.out.flush()
    }
}
