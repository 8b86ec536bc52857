//! `--format codeclimate`: GitLab's Code Quality report, a JSON array of Code Climate issues
//! (`description`, `check_name`, `fingerprint`, `severity`, `location.path` and
//! `location.positions`), which GitLab shows in merge requests. Written as the run goes.

use super::sarif::fnv;
use super::{FileReport, LineIndex, Reporter, Summary};
use crate::rules::{RuleSet, Severity};
use crate::source::{ColumnEncoding, FileError};
use serde_json::json;
use std::io::{self, Write};

pub struct CodeClimate<W: Write> {
    out: W,
    /// Issues written so far.
    written: usize,
}

impl<W: Write> CodeClimate<W> {
    pub fn new(out: W) -> Self {
        CodeClimate { out, written: 0 }
    }

    fn issue(&mut self, issue: serde_json::Value) -> io::Result<()> {
        self.out.write_all(if self.written == 0 {
            b"[\n  "
        } else {
            b",\n  "
        })?;
        serde_json::to_writer(&mut self.out, &issue)?;
        self.written += 1;
        Ok(())
    }
}

/// Code Climate's severities.
fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

impl<W: Write> Reporter for CodeClimate<W> {
    fn file(&mut self, rules: &RuleSet, report: &FileReport) -> io::Result<()> {
        let text = &report.file.text;
        let index = LineIndex::new(text);
        let path = report
            .file
            .path
            .strip_prefix("./")
            .unwrap_or(&report.file.path);
        let mut seen: rustc_hash::FxHashMap<u64, usize> = Default::default();
        for f in &report.linted.findings {
            let rule = &rules[f.rule];
            let p = index.position(&f.span, ColumnEncoding::Char);
            // As SARIF's partialFingerprints: stable when other lines change.
            let line: String = text[index.line_bounds(f.span.start)]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let key = fnv(&[path, &rule.id, &text[f.span.clone()], &line]);
            let n = seen.entry(key).or_default();
            *n += 1;
            self.issue(json!({
                "type": "issue",
                "check_name": rule.id,
                "description": f.message,
                "categories": ["Style"],
                "severity": severity(f.severity),
                "fingerprint": format!("{key:016x}{n:04x}"),
                "location": {
                    "path": path,
                    "positions": {
                        "begin": { "line": p.line, "column": p.column },
                        "end": { "line": p.end_line, "column": p.end_column },
                    },
                },
            }))?;
        }
        for v in &report.linted.violations {
            self.issue(json!({
                "type": "issue",
                "check_name": v.threshold,
                "description": v.message,
                "categories": ["Style"],
                "severity": severity(v.severity),
                "fingerprint": format!("{:016x}", fnv(&[path, v.threshold])),
                "location": { "path": path, "lines": { "begin": 1 } },
            }))?;
        }
        Ok(())
    }

    fn file_error(&mut self, error: &FileError) -> io::Result<()> {
        let path = error.path.strip_prefix("./").unwrap_or(&error.path);
        self.issue(json!({
            "type": "issue",
            "check_name": "io",
            "description": format!("cannot read the file: {}", error.reason),
            "categories": ["Bug Risk"],
            "severity": "blocker",
            "fingerprint": format!("{:016x}", fnv(&[path, "io"])),
            "location": { "path": path, "lines": { "begin": 1 } },
        }))
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        if self.written == 0 {
            self.out.write_all(b"[]\n")?;
        } else {
            self.out.write_all(b"\n]\n")?;
        }
        self.out.flush()
    }
}
