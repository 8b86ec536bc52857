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
        LoadError::span(f, span, plain_message(e.message().trim()))
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

/// Edit distance between two names (Levenshtein, in chars).
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, &cb) in b.iter().enumerate() {
            cur.push(
                (prev[j] + usize::from(ca != cb))
                    .min(prev[j + 1] + 1)
                    .min(cur[j] + 1),
            );
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The candidate nearest to `name`, if it is near enough to be a typo of it (for "did you
/// mean"): at most a third of the name's length away, and never the name itself.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).clamp(1, 3);
    candidates
        .into_iter()
        .filter(|c| *c != name)
        .map(|c| (distance(name, c), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

/// serde's wording for a TOML error, in a user's: `expected usize` becomes what the value must
/// be, and an unknown key or value gets the nearest allowed one (`did you mean`).
fn plain_message(message: &str) -> String {
    let mut m = message
        .replace("expected usize", "expected a whole number (0 or more)")
        .replace("expected u32", "expected a whole number (0 or more)")
        .replace("expected u64", "expected a whole number (0 or more)")
        .replace("expected f64", "expected a number")
        .replace("expected a boolean", "expected `true` or `false`");
    for what in ["unknown field `", "unknown variant `"] {
        let Some(rest) = m.strip_prefix(what) else {
            continue;
        };
        let Some((name, allowed)) = rest.split_once("`, expected one of ") else {
            continue;
        };
        let options: Vec<&str> = allowed.split(", ").map(|o| o.trim_matches('`')).collect();
        if let Some(best) = closest(name, options.iter().copied()) {
            m.push_str(&format!("; did you mean `{best}`?"));
        }
        break;
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_wording_gets_allowed_values_and_a_suggestion() {
        assert_eq!(
            plain_message("unknown variant `warnings`, expected one of `info`, `warning`, `error`"),
            "unknown variant `warnings`, expected one of `info`, `warning`, `error`; did you \
             mean `warning`?"
        );
        assert_eq!(
            plain_message("invalid type: string \"ten\", expected usize"),
            "invalid type: string \"ten\", expected a whole number (0 or more)"
        );
        assert_eq!(
            closest("vague-atribution", ["booster", "vague-attribution"]),
            Some("vague-attribution")
        );
        assert_eq!(closest("xyz", ["booster"]), None);
    }
}
