//! `--format json`: one JSON document for the whole run (schema in `docs/output.md`).

use super::{ColumnEncoding, FileReport, LineIndex, Reporter, Summary};
use crate::files::FileError;
use crate::rules::RuleSet;
use crate::score::{FileScore, Violation};
use serde_json::{Value, json};
use std::io::{self, Write};

/// Version of the JSON output schema; bumped on incompatible changes.
pub const SCHEMA_VERSION: u32 = 1;

pub struct Json<W: Write> {
    out: W,
    diagnostics: Vec<Value>,
    errors: Vec<Value>,
    files: Vec<Value>,
    columns: ColumnEncoding,
}

impl<W: Write> Json<W> {
    pub fn new(out: W) -> Self {
        Json {
            out,
            diagnostics: Vec::new(),
            errors: Vec::new(),
            files: Vec::new(),
            columns: ColumnEncoding::default(),
        }
    }

    pub fn with_columns(mut self, columns: ColumnEncoding) -> Self {
        self.columns = columns;
        self
    }
}

/// One diagnostic as a JSON object (shared with other machine formats).
pub fn diagnostic_value(
    rules: &RuleSet,
    report: &FileReport,
    index: &LineIndex,
    columns: ColumnEncoding,
    f: &crate::finding::Finding,
) -> Value {
    let rule = &rules.rules[f.rule];
    let p = index.position(&f.span, columns);
    json!({
        "path": report.file.path,
        "rule": rule.id,
        "kind": rule.kind.as_str(),
        "severity": f.severity.as_str(),
        "message": f.message,
        "help": rule.help,
        "start": f.span.start,
        "end": f.span.end,
        "line": p.line,
        "column": p.column,
        "end_line": p.end_line,
        "end_column": p.end_column,
        "text": &report.file.text[f.span.clone()],
    })
}

/// A broken score threshold as a diagnostic on the whole file (rule = the threshold's name).
pub fn violation_value(report: &FileReport, v: &Violation) -> Value {
    json!({
        "path": report.file.path,
        "rule": v.threshold,
        "kind": "threshold",
        "severity": "error",
        "message": v.message,
        "help": null,
        "start": 0,
        "end": 0,
        "line": 1,
        "column": 1,
        "end_line": 1,
        "end_column": 1,
        "text": "",
        "limit": v.limit,
        "actual": v.actual,
    })
}

/// A file's scores (the `files` array of `check --format json`, the records of `score`).
pub fn score_value(path: &str, s: &FileScore) -> Value {
    let round = |x: f64| (x * 1e4).round() / 1e4;
    json!({
        "path": path,
        "certainty": round(s.certainty),
        "sentences": s.sentences,
        "words": s.words,
        "claims": s.claims,
        "sourced_claims": s.sourced_claims,
        "unsourced_claims": s.unsourced_claims,
        "hedges": s.hedges,
        "boosters": s.boosters,
        "vague_attributions": s.vague_attributions,
        "hedges_per_1000_words": round(s.hedges_per_1000_words),
        "boosters_per_1000_words": round(s.boosters_per_1000_words),
        "vague_attributions_per_1000_words": round(s.vague_attributions_per_1000_words),
        "unsourced_per_1000_words": round(s.unsourced_per_1000_words),
        "sourced_share": s.sourced_share.map(round),
        "tone": s.tone,
        "paragraphs": s.paragraphs.iter().map(|p| json!({
            "start": p.span.start,
            "end": p.span.end,
            "sentences": p.sentences,
            "certainty": round(p.certainty),
        })).collect::<Vec<_>>(),
    })
}

impl<W: Write> Reporter for Json<W> {
    fn file(&mut self, rules: &RuleSet, report: &FileReport) -> io::Result<()> {
        let index = LineIndex::new(&report.file.text);
        for f in &report.checked.findings {
            self.diagnostics
                .push(diagnostic_value(rules, report, &index, self.columns, f));
        }
        for v in report.violations {
            self.diagnostics.push(violation_value(report, v));
        }
        self.files
            .push(score_value(&report.file.path, report.score));
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
            "column_encoding": self.columns.as_str(),
            "diagnostics": std::mem::take(&mut self.diagnostics),
            "errors": std::mem::take(&mut self.errors),
            "files": std::mem::take(&mut self.files),
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
