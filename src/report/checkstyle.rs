//! `--format checkstyle`: Checkstyle XML, which reviewdog, Jenkins and many CI dashboards read.

use super::{ColumnEncoding, FileReport, LineIndex, Reporter, Summary};
use crate::rules::RuleSet;
use crate::source::FileError;
use std::io::{self, Write};

pub struct Checkstyle<W: Write> {
    out: W,
    columns: ColumnEncoding,
    started: bool,
}

impl<W: Write> Checkstyle<W> {
    pub fn new(out: W) -> Self {
        Checkstyle {
            out,
            columns: ColumnEncoding::default(),
            started: false,
        }
    }

    pub fn with_columns(mut self, columns: ColumnEncoding) -> Self {
        self.columns = columns;
        self
    }

    fn start(&mut self) -> io::Result<()> {
        if !self.started {
            self.started = true;
            writeln!(self.out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
            writeln!(self.out, r#"<checkstyle version="4.3">"#)?;
        }
        Ok(())
    }
}

/// Escapes text for an XML attribute value. Characters XML 1.0 cannot hold at all (most C0
/// controls) become U+FFFD.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

impl<W: Write> Reporter for Checkstyle<W> {
    fn file(&mut self, rules: &RuleSet, report: &FileReport) -> io::Result<()> {
        self.start()?;
        if report.linted.findings.is_empty() && report.linted.violations.is_empty() {
            return Ok(());
        }
        let index = LineIndex::new(&report.file.text);
        writeln!(self.out, r#"  <file name="{}">"#, escape(&report.file.path))?;
        for f in &report.linted.findings {
            let p = index.position(&f.span, self.columns);
            writeln!(
                self.out,
                r#"    <error line="{}" column="{}" severity="{}" message="{}" source="hedgelint.{}"/>"#,
                p.line,
                p.column,
                f.severity.as_str(),
                escape(&f.message),
                escape(&rules[f.rule].id)
            )?;
        }
        for v in &report.linted.violations {
            let p = index.position(&v.span, self.columns);
            writeln!(
                self.out,
                r#"    <error line="{}" column="{}" severity="{}" message="{}" source="hedgelint.{}"/>"#,
                p.line,
                p.column,
                v.severity.as_str(),
                escape(&v.message),
                escape(v.threshold)
            )?;
        }
        writeln!(self.out, "  </file>")
    }

    fn file_error(&mut self, error: &FileError) -> io::Result<()> {
        self.start()?;
        writeln!(self.out, r#"  <file name="{}">"#, escape(&error.path))?;
        writeln!(
            self.out,
            r#"    <error severity="error" message="{}" source="hedgelint.io"/>"#,
            escape(&error.reason)
        )?;
        writeln!(self.out, "  </file>")
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        self.start()?;
        writeln!(self.out, "</checkstyle>")?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_quotes_and_controls() {
        assert_eq!(
            escape("a<b> & \"c\" 'd'\n\u{1}"),
            "a&lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;&#10;\u{FFFD}"
        );
    }
}
