//! `--format json`: one JSON document for the whole run (schema in `docs/output.md`).
//!
//! The document is written as the run goes, a file's diagnostics as soon as the file is
//! checked, so memory does not grow with the number of findings; file scores (compact data)
//! and unreadable files are written at the end. The bytes are those of
//! `serde_json::to_writer_pretty` on the whole document: its keys are sorted, and
//! `column_encoding` and `diagnostics` come first.

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
    /// Diagnostics written so far.
    written: usize,
    /// Files that could not be checked: few, and written at the end.
    errors: Vec<Value>,
    /// Each file's path and scores, written at the end.
    files: Vec<(String, FileScore)>,
    columns: ColumnEncoding,
    buf: Vec<u8>,
}

impl<W: Write> Json<W> {
    pub fn new(out: W) -> Self {
        Json {
            out,
            written: 0,
            errors: Vec::new(),
            files: Vec::new(),
            columns: ColumnEncoding::default(),
            buf: Vec::new(),
        }
    }

    pub fn with_columns(mut self, columns: ColumnEncoding) -> Self {
        self.columns = columns;
        self
    }

    /// Writes `value` pretty-printed as if it were nested `indent` (at most 8) spaces deep.
    fn write_nested(&mut self, value: &Value, indent: usize) -> io::Result<()> {
        self.buf.clear();
        serde_json::to_writer_pretty(&mut self.buf, value)?;
        // Newlines occur only between tokens (strings escape theirs).
        let mut from = 0;
        for i in memchr::memchr_iter(b'\n', &self.buf) {
            self.out.write_all(&self.buf[from..=i])?;
            self.out.write_all(&b"        "[..indent.min(8)])?;
            from = i + 1;
        }
        self.out.write_all(&self.buf[from..])
    }

    /// Writes one element of the `diagnostics` array (the document's head before the first).
    fn write_diagnostic(&mut self, v: &Value) -> io::Result<()> {
        if self.written == 0 {
            self.write_head()?;
            self.out.write_all(b"[\n    ")?;
        } else {
            self.out.write_all(b",\n    ")?;
        }
        self.write_nested(v, 4)?;
        self.written += 1;
        Ok(())
    }

    fn write_head(&mut self) -> io::Result<()> {
        let columns = Value::from(self.columns.as_str());
        self.out.write_all(b"{\n  \"column_encoding\": ")?;
        self.write_nested(&columns, 2)?;
        self.out.write_all(b",\n  \"diagnostics\": ")
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
        if !report.checked.findings.is_empty() {
            let index = LineIndex::new(&report.file.text);
            for f in &report.checked.findings {
                let v = diagnostic_value(rules, report, &index, self.columns, f);
                self.write_diagnostic(&v)?;
            }
        }
        for v in report.violations {
            let v = violation_value(report, v);
            self.write_diagnostic(&v)?;
        }
        self.files
            .push((report.file.path.clone(), report.score.clone()));
        Ok(())
    }

    fn file_error(&mut self, error: &FileError) -> io::Result<()> {
        self.errors
            .push(json!({ "path": error.path, "message": error.reason }));
        Ok(())
    }

    fn finish(&mut self, s: &Summary) -> io::Result<()> {
        if self.written == 0 {
            self.write_head()?;
            self.out.write_all(b"[],\n")?;
        } else {
            self.out.write_all(b"\n  ],\n")?;
        }
        let errors = Value::Array(std::mem::take(&mut self.errors));
        self.out.write_all(b"  \"errors\": ")?;
        self.write_nested(&errors, 2)?;
        self.out.write_all(b",\n  \"files\": ")?;
        let files = std::mem::take(&mut self.files);
        if files.is_empty() {
            self.out.write_all(b"[]")?;
        } else {
            for (k, (path, score)) in files.iter().enumerate() {
                self.out
                    .write_all(if k == 0 { b"[\n    " } else { b",\n    " })?;
                let v = score_value(path, score);
                self.write_nested(&v, 4)?;
            }
            self.out.write_all(b"\n  ]")?;
        }
        let summary = json!({
            "files": s.files,
            "errors": s.errors,
            "warnings": s.warnings,
            "infos": s.infos,
            "unreadable": s.file_errors,
        });
        self.out.write_all(b",\n  \"summary\": ")?;
        self.write_nested(&summary, 2)?;
        writeln!(self.out, ",\n  \"version\": {SCHEMA_VERSION}\n}}")?;
        self.out.flush()
    }
}
