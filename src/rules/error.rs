//! Errors in rule packs and config files, with a span into the TOML so that they render
//! like any other diagnostic.

use codespan_reporting::diagnostic::{Diagnostic, Label};
use std::ops::Range;
use std::sync::Arc;

#[derive(Clone, Debug)]
pub struct LoadError {
    pub name: String,
    pub text: Arc<str>,
    pub span: Range<usize>,
    pub message: String,
}

impl LoadError {
    /// An error at one byte (widened to the char there).
    pub fn at(f: &PackFile, offset: usize, message: String) -> LoadError {
        let mut offset = offset.min(f.text.len());
        // Never inside a char, whatever the caller computed.
        while !f.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let end = f.text[offset..]
            .chars()
            .next()
            .map_or(offset, |c| offset + c.len_utf8());
        LoadError::span(f, offset..end, message)
    }

    pub fn span(f: &PackFile, span: Range<usize>, message: String) -> LoadError {
        let len = f.text.len();
        let (start, end) = (span.start.min(len), span.end.min(len));
        // A span must lie on the text's chars, or rendering it would panic.
        let span = if f.text.is_char_boundary(start) && f.text.is_char_boundary(end) {
            start..end.max(start)
        } else {
            0..0
        };
        LoadError {
            name: f.name.clone(),
            text: f.text.clone(),
            span,
            message,
        }
    }

    pub fn whole(f: &PackFile, message: String) -> LoadError {
        LoadError::span(f, 0..0, message)
    }

    pub fn from_toml(f: &PackFile, e: &toml::de::Error) -> LoadError {
        let span = e.span().unwrap_or(0..0);
        LoadError::span(f, span, e.message().trim().to_string())
    }

    pub fn to_diagnostic(&self) -> Diagnostic<()> {
        let d = Diagnostic::error()
            .with_code("config")
            .with_message(self.message.clone());
        // An error about a file as a whole (it cannot be read) has nothing to point at.
        if self.text.is_empty() {
            d
        } else {
            d.with_labels(vec![Label::primary((), self.span.clone())])
        }
    }
}

/// A TOML file of a rule pack: its name (for messages) and text.
#[derive(Clone, Debug)]
pub struct PackFile {
    pub name: String,
    pub text: Arc<str>,
}
