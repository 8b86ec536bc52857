//! `--format short`: `path:line:column: severity[rule]: message`, one finding a line — the
//! shape Vim's quickfix, Emacs compilation mode and VS Code problem matchers parse.

use super::{ColumnEncoding, FileReport, LineIndex, Reporter, Summary};
use crate::rules::RuleSet;
use crate::source::FileError;
use std::io::{self, Write};

pub struct Short<W: Write> {
    out: W,
    columns: ColumnEncoding,
}

impl<W: Write> Short<W> {
    pub fn new(out: W) -> Self {
        Short {
            out,
            columns: ColumnEncoding::default(),
        }
    }

    pub fn with_columns(mut self, columns: ColumnEncoding) -> Self {
        self.columns = columns;
        self
    }
}

/// A message on one line: editors read one finding a line.
pub(super) fn one_line(s: &str) -> String {
    s.split(['\r', '\n'])
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

impl<W: Write> Reporter for Short<W> {
    fn file(&mut self, rules: &RuleSet, report: &FileReport) -> io::Result<()> {
        let index = LineIndex::new(&report.file.text);
        for f in &report.linted.findings {
            let p = index.position(&f.span, self.columns);
            writeln!(
                self.out,
                "{}:{}:{}: {}[{}]: {}",
                report.file.path,
                p.line,
                p.column,
                f.severity.as_str(),
                rules[f.rule].id,
                one_line(&f.message)
            )?;
        }
        // A broken score threshold is about the whole document (the post-pass puts it at its
        // start).
        for v in &report.linted.violations {
            let p = index.position(&v.span, self.columns);
            writeln!(
                self.out,
                "{}:{}:{}: {}[{}]: {}",
                report.file.path,
                p.line,
                p.column,
                v.severity.as_str(),
                v.threshold,
                one_line(&v.message)
            )?;
        }
        self.out.flush()
    }

    fn file_error(&mut self, error: &FileError) -> io::Result<()> {
        writeln!(
            self.out,
            "{}: error[io]: {}",
            error.path,
            one_line(&error.reason)
        )
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        self.out.flush()
    }
}
