//! `--format json`: one JSON document for the whole run (schema in `docs/output.md`).
//!
//! The document is written as the run goes, a file's diagnostics (serialized on the worker
//! that checked it) as soon as the file's turn comes, so memory does not grow with the number
//! of findings; file scores (compact data) and unreadable files are written at the end. The
//! bytes are those of `serde_json::to_writer_pretty` on the whole document: its keys are
//! sorted, and `column_encoding` and `diagnostics` come first.

use super::{ColumnEncoding, FileReport, LineIndex, Prerender, Reporter, Summary};
use crate::postpass::Violation;
use crate::rules::RuleSet;
use crate::score::FileScore;
use crate::source::FileError;
use serde::Serialize;
use serde_json::{Value, json};
use std::io::{self, Write};

/// Version of the JSON output schema; bumped on incompatible changes.
pub const SCHEMA_VERSION: u32 = 1;

pub struct Json<W: Write> {
    out: W,
    /// Files whose diagnostics have been written so far (0: the document's head is not yet).
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
    fn write_nested(&mut self, value: &impl Serialize, indent: usize) -> io::Result<()> {
        write_nested(&mut self.out, &mut self.buf, value, indent)
    }

    /// Writes elements of the `diagnostics` array, as [`render_diagnostics`] renders them (the
    /// document's head before the first).
    fn write_diagnostics(&mut self, rendered: &[u8]) -> io::Result<()> {
        if rendered.is_empty() {
            return Ok(());
        }
        if self.written == 0 {
            self.write_head()?;
            self.out.write_all(b"[\n    ")?;
        } else {
            self.out.write_all(b",\n    ")?;
        }
        self.out.write_all(rendered)?;
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

/// Writes `value` as `serde_json::to_writer_pretty` would inside a pretty-printed document,
/// nested `indent` (at most 8) spaces deep, so that a document can be written piece by piece
/// with the bytes of the whole. `buf` is scratch space.
pub fn write_nested(
    out: &mut impl Write,
    buf: &mut Vec<u8>,
    value: &impl Serialize,
    indent: usize,
) -> io::Result<()> {
    buf.clear();
    serialize_nested(buf, value, indent)?;
    out.write_all(buf)
}

/// Appends `value` to `out` as [`write_nested`] writes it.
fn serialize_nested(out: &mut Vec<u8>, value: &impl Serialize, indent: usize) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(out, Nested::new(indent));
    value.serialize(&mut ser).map_err(io::Error::from)
}

/// serde_json's `PrettyFormatter` (two spaces a level) for a value that starts `base` spaces
/// deep: every line break is followed by the base indentation as well as the value's own.
struct Nested {
    base: usize,
    level: usize,
    has_value: bool,
}

impl Nested {
    fn new(base: usize) -> Self {
        Nested {
            base: base.min(8),
            level: 0,
            has_value: false,
        }
    }

    fn indent<W: ?Sized + Write>(&self, w: &mut W) -> io::Result<()> {
        const SPACES: &[u8] = &[b' '; 64];
        let mut n = self.base + 2 * self.level;
        while n > 0 {
            let k = n.min(SPACES.len());
            w.write_all(&SPACES[..k])?;
            n -= k;
        }
        Ok(())
    }

    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(bracket)
    }

    fn item<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }
}

impl serde_json::ser::Formatter for Nested {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// A file's diagnostics (findings, then broken thresholds) as elements of the document's
/// `diagnostics` array, separated as the whole document separates them; empty if none.
fn render_diagnostics(rules: &RuleSet, report: &FileReport, columns: ColumnEncoding) -> Vec<u8> {
    let mut out = Vec::new();
    if report.linted.findings.is_empty() && report.linted.violations.is_empty() {
        return out;
    }
    let index = LineIndex::new(&report.file.text);
    for f in &report.linted.findings {
        let v = DiagnosticRecord::new(rules, report, &index, columns, f);
        push_nested(&mut out, &v, 4);
    }
    for v in &report.linted.violations {
        let v = violation_value(report, &index, columns, v);
        push_nested(&mut out, &v, 4);
    }
    out
}

/// Appends `value` to `out` as an element of a pretty-printed array whose elements are
/// `indent` spaces deep (see [`write_nested`]), after a separator if `out` has one already.
pub fn push_nested(out: &mut Vec<u8>, value: &impl Serialize, indent: usize) {
    if !out.is_empty() {
        out.push(b',');
        out.push(b'\n');
        out.extend_from_slice(&b"        "[..indent.min(8)]);
    }
    // Writing into memory cannot fail.
    let _ = serialize_nested(out, value, indent);
}

/// One diagnostic as JSON: its fields in the order of the document's sorted keys, so that
/// it serializes straight to the same bytes as its [`Value`].
#[derive(Serialize)]
pub struct DiagnosticRecord<'a> {
    column: usize,
    end: usize,
    end_column: usize,
    end_line: usize,
    help: Option<&'a str>,
    kind: &'a str,
    line: usize,
    message: &'a str,
    path: &'a str,
    rule: &'a str,
    severity: &'a str,
    start: usize,
    text: &'a str,
}

impl<'a> DiagnosticRecord<'a> {
    pub fn new(
        rules: &'a RuleSet,
        report: &'a FileReport,
        index: &LineIndex,
        columns: ColumnEncoding,
        f: &'a crate::engine::Finding,
    ) -> Self {
        let rule = &rules[f.rule];
        let p = index.position(&f.span, columns);
        DiagnosticRecord {
            column: p.column,
            end: f.span.end,
            end_column: p.end_column,
            end_line: p.end_line,
            help: rule.help.as_deref(),
            kind: rule.kind.as_str(),
            line: p.line,
            message: &f.message,
            path: &report.file.path,
            rule: &rule.id,
            severity: f.severity.as_str(),
            start: f.span.start,
            text: report.file.text.get(f.span.clone()).unwrap_or_default(),
        }
    }
}

/// One diagnostic as a JSON object (shared with other machine formats).
pub fn diagnostic_value(
    rules: &RuleSet,
    report: &FileReport,
    index: &LineIndex,
    columns: ColumnEncoding,
    f: &crate::engine::Finding,
) -> Value {
    serde_json::to_value(DiagnosticRecord::new(rules, report, index, columns, f))
        .unwrap_or_default()
}

/// A broken score threshold as a diagnostic on the whole file (rule = the threshold's name).
pub fn violation_value(
    report: &FileReport,
    index: &LineIndex,
    columns: ColumnEncoding,
    v: &Violation,
) -> Value {
    let p = index.position(&v.span, columns);
    json!({
        "path": report.file.path,
        "rule": v.threshold,
        "kind": "threshold",
        "severity": v.severity.as_str(),
        "message": v.message,
        "help": null,
        "start": v.span.start,
        "end": v.span.end,
        "line": p.line,
        "column": p.column,
        "end_line": p.end_line,
        "end_column": p.end_column,
        "text": "",
        "limit": v.limit,
        "actual": v.actual,
    })
}

/// A file's scores as JSON, fields in sorted order (see [`DiagnosticRecord`]).
#[derive(Serialize)]
pub struct ScoreRecord<'a> {
    boosters: usize,
    boosters_per_1000_words: f64,
    certainty: f64,
    claims: usize,
    hedges: usize,
    hedges_per_1000_words: f64,
    paragraphs: Vec<ParagraphRecord>,
    path: &'a str,
    sentences: usize,
    sourced_claims: usize,
    sourced_share: Option<f64>,
    tone: &'a str,
    unsourced_claims: usize,
    unsourced_per_1000_words: f64,
    vague_attributions: usize,
    vague_attributions_per_1000_words: f64,
    words: usize,
}

#[derive(Serialize)]
struct ParagraphRecord {
    certainty: f64,
    end: usize,
    sentences: usize,
    start: usize,
}

impl<'a> ScoreRecord<'a> {
    pub fn new(path: &'a str, s: &'a FileScore) -> Self {
        let round = |x: f64| (x * 1e4).round() / 1e4;
        ScoreRecord {
            boosters: s.boosters,
            boosters_per_1000_words: round(s.boosters_per_1000_words),
            certainty: round(s.certainty),
            claims: s.claims,
            hedges: s.hedges,
            hedges_per_1000_words: round(s.hedges_per_1000_words),
            paragraphs: s
                .paragraphs
                .iter()
                .map(|p| ParagraphRecord {
                    certainty: round(p.certainty),
                    end: p.span.end,
                    sentences: p.sentences,
                    start: p.span.start,
                })
                .collect(),
            path,
            sentences: s.sentences,
            sourced_claims: s.sourced_claims,
            sourced_share: s.sourced_share.map(round),
            tone: &s.tone,
            unsourced_claims: s.unsourced_claims,
            unsourced_per_1000_words: round(s.unsourced_per_1000_words),
            vague_attributions: s.vague_attributions,
            vague_attributions_per_1000_words: round(s.vague_attributions_per_1000_words),
            words: s.words,
        }
    }
}

impl ScoreRecord<'_> {
    /// Appends the record to `out` as [`write_nested`] writes it, `indent` spaces deep. It is
    /// written field by field, each value by serde_json: a run's scores are written at its end
    /// on one thread, and a file has a record for each of its paragraphs.
    fn push_nested(&self, out: &mut Vec<u8>, indent: usize) {
        let mut o = Fields::open(out, indent);
        o.field("boosters", &self.boosters);
        o.field("boosters_per_1000_words", &self.boosters_per_1000_words);
        o.field("certainty", &self.certainty);
        o.field("claims", &self.claims);
        o.field("hedges", &self.hedges);
        o.field("hedges_per_1000_words", &self.hedges_per_1000_words);
        o.key("paragraphs");
        if self.paragraphs.is_empty() {
            o.out.extend_from_slice(b"[]");
        } else {
            let inner = o.indent + 2;
            for (k, p) in self.paragraphs.iter().enumerate() {
                o.out.extend_from_slice(if k == 0 { b"[" } else { b"," });
                newline(o.out, inner + 2);
                let mut q = Fields::open(o.out, inner + 2);
                q.field("certainty", &p.certainty);
                q.field("end", &p.end);
                q.field("sentences", &p.sentences);
                q.field("start", &p.start);
                q.close();
            }
            newline(o.out, inner);
            o.out.push(b']');
        }
        o.field("path", &self.path);
        o.field("sentences", &self.sentences);
        o.field("sourced_claims", &self.sourced_claims);
        o.field("sourced_share", &self.sourced_share);
        o.field("tone", &self.tone);
        o.field("unsourced_claims", &self.unsourced_claims);
        o.field("unsourced_per_1000_words", &self.unsourced_per_1000_words);
        o.field("vague_attributions", &self.vague_attributions);
        o.field(
            "vague_attributions_per_1000_words",
            &self.vague_attributions_per_1000_words,
        );
        o.field("words", &self.words);
        o.close();
    }
}

/// A line break and `indent` spaces.
fn newline(out: &mut Vec<u8>, indent: usize) {
    out.push(b'\n');
    out.resize(out.len() + indent, b' ');
}

/// A pretty-printed JSON object (non-empty) written a field at a time, as serde_json's
/// `PrettyFormatter` writes it `indent` spaces deep.
struct Fields<'a> {
    out: &'a mut Vec<u8>,
    indent: usize,
    first: bool,
}

impl<'a> Fields<'a> {
    fn open(out: &'a mut Vec<u8>, indent: usize) -> Self {
        out.push(b'{');
        Fields {
            out,
            indent,
            first: true,
        }
    }

    fn key(&mut self, key: &str) {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        newline(self.out, self.indent + 2);
        self.out.push(b'"');
        self.out.extend_from_slice(key.as_bytes());
        self.out.extend_from_slice(b"\": ");
    }

    /// A field whose value is a scalar (a number, a string, null): compact and pretty are one.
    fn field(&mut self, key: &str, value: &impl Serialize) {
        self.key(key);
        // Writing into memory cannot fail.
        let _ = serde_json::to_writer(&mut *self.out, value);
    }

    fn close(self) {
        newline(self.out, self.indent);
        self.out.push(b'}');
    }
}

/// A file's scores (the `files` array of `check --format json`, the records of `score`).
pub fn score_value(path: &str, s: &FileScore) -> Value {
    serde_json::to_value(ScoreRecord::new(path, s)).unwrap_or_default()
}

impl<W: Write> Reporter for Json<W> {
    fn file(&mut self, rules: &RuleSet, report: &FileReport) -> io::Result<()> {
        self.write_diagnostics(
            &report.rendered(|| render_diagnostics(rules, report, self.columns)),
        )?;
        self.files
            .push((report.file.path.clone(), report.linted.score.clone()));
        Ok(())
    }

    /// A file's diagnostics are serialized on the worker threads.
    fn prerenderer(&self) -> Option<Box<Prerender>> {
        let columns = self.columns;
        Some(Box::new(move |rules: &RuleSet, report: &FileReport| {
            render_diagnostics(rules, report, columns)
        }))
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
            let mut buf = std::mem::take(&mut self.buf);
            buf.clear();
            for (k, (path, score)) in files.iter().enumerate() {
                buf.extend_from_slice(if k == 0 { b"[\n    " } else { b",\n    " });
                ScoreRecord::new(path, score).push_nested(&mut buf, 4);
            }
            buf.extend_from_slice(b"\n  ]");
            self.out.write_all(&buf)?;
            self.buf = buf;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::ParagraphScore;

    /// The score records written field by field are the bytes serde_json's pretty printer
    /// writes for them, with and without paragraphs and a share.
    #[test]
    fn score_records_written_by_hand_are_serde_jsons_bytes() {
        let mut score = FileScore {
            certainty: 0.123_456,
            sentences: 3,
            words: 40,
            tone: "heavily \"hedged\"".to_string(),
            boosters_per_1000_words: f64::NAN,
            ..FileScore::default()
        };
        for (paragraphs, share) in [(0, None), (1, Some(0.5)), (3, Some(1.0 / 3.0))] {
            score.paragraphs = (0..paragraphs)
                .map(|k| ParagraphScore {
                    span: k * 10..k * 10 + 7,
                    sentences: k + 1,
                    certainty: 0.25 * k as f64,
                })
                .collect();
            score.sourced_share = share;
            for indent in [0, 4] {
                let record = ScoreRecord::new("docs/a \"b\".md", &score);
                let mut by_hand = Vec::new();
                record.push_nested(&mut by_hand, indent);
                let mut by_serde = Vec::new();
                serialize_nested(&mut by_serde, &record, indent).unwrap();
                assert_eq!(
                    String::from_utf8(by_hand).unwrap(),
                    String::from_utf8(by_serde).unwrap()
                );
            }
        }
    }

    /// The nested formatter writes what `to_writer_pretty` writes, with `indent` spaces after
    /// each line break.
    #[test]
    fn nested_values_are_pretty_json_indented() {
        let v = json!({"a": [1, {"b": [], "c": {}}, [2, 3]], "d": "x\ny", "e": null});
        let pretty = serde_json::to_string_pretty(&v).unwrap();
        for indent in [0, 2, 8, 12] {
            let mut out = Vec::new();
            serialize_nested(&mut out, &v, indent).unwrap();
            let expected = pretty.replace('\n', &format!("\n{}", " ".repeat(indent.min(8))));
            assert_eq!(String::from_utf8(out).unwrap(), expected);
        }
    }
}
