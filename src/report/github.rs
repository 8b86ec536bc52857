//! `--format github`: GitHub Actions workflow commands, which the runner turns into
//! annotations on the pull request:
//! `::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`.

use super::{ColumnEncoding, FileReport, LineIndex, Reporter, Summary};
use crate::rules::RuleSet;
use crate::rules::Severity;
use crate::source::FileError;
use std::io::{self, Write};

pub struct Github<W: Write> {
    out: W,
    columns: ColumnEncoding,
}

impl<W: Write> Github<W> {
    pub fn new(out: W) -> Self {
        Github {
            out,
            columns: ColumnEncoding::default(),
        }
    }

    pub fn with_columns(mut self, columns: ColumnEncoding) -> Self {
        self.columns = columns;
        self
    }
}

/// Escapes a command's message (the part after `::`).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (`file=`, `title=`): also `:` and `,`, which end a property.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

impl<W: Write> Reporter for Github<W> {
    fn file(&mut self, rules: &RuleSet, report: &FileReport) -> io::Result<()> {
        let index = LineIndex::new(&report.file.text);
        let file = escape_property(&report.file.path);
        for f in &report.linted.findings {
            let rule = &rules[f.rule];
            let p = index.position(&f.span, self.columns);
            let mut message = f.message.clone();
            if let Some(help) = &rule.help {
                message.push('\n');
                message.push_str(help);
            }
            writeln!(
                self.out,
                "::{} file={file},line={},col={},endLine={},endColumn={},title={}::{}",
                command(f.severity),
                p.line,
                p.column,
                p.end_line,
                p.end_column,
                escape_property(&rule.id),
                escape_data(&message)
            )?;
        }
        for v in &report.linted.violations {
            let p = index.position(&v.span, self.columns);
            writeln!(
                self.out,
                "::{} file={file},line={},title={}::{}",
                command(v.severity),
                p.line,
                escape_property(v.threshold),
                escape_data(&v.message)
            )?;
        }
        self.out.flush()
    }

    fn file_error(&mut self, error: &FileError) -> io::Result<()> {
        writeln!(
            self.out,
            "::error file={},title={}::{}",
            escape_property(&error.path),
            escape_property("hedgelint: cannot read file"),
            escape_data(&error.reason)
        )
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_data_and_properties() {
        assert_eq!(escape_data("50% a\r\nb: c, d"), "50%25 a%0D%0Ab: c, d");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
