//! Errors in rule packs and config files, with a span into the TOML so that they render
//! like any other diagnostic.

use codespan_reporting::diagnostic::{Diagnostic, Label};
use std::borrow::Cow;
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

    /// The diagnostic and the text its label points into: the message with each quoted user
    /// value [`cut`], and a long labelled line cut to a window around the span (see
    /// [`excerpt`]), so that an error about a 50 MB value does not echo it.
    pub fn to_diagnostic(&self) -> (Cow<'_, str>, Diagnostic<()>) {
        let d = Diagnostic::error()
            .with_code("config")
            .with_message(cut_quoted(&self.message));
        // An error about a file as a whole (it cannot be read) has nothing to point at.
        if self.text.is_empty() {
            (Cow::Borrowed(""), d)
        } else {
            let (text, span) = excerpt(&self.text, self.span.clone());
            (text, d.with_labels(vec![Label::primary((), span)]))
        }
    }
}

/// How many chars of a user's value an error message or excerpt echoes.
pub const ECHO: usize = 64;

/// `value` as an error message echoes it: at most [`ECHO`] chars, cut with `…`.
pub fn cut(value: &str) -> Cow<'_, str> {
    match value.char_indices().nth(ECHO) {
        None => Cow::Borrowed(value),
        Some((i, _)) => Cow::Owned(format!("{}…", &value[..i])),
    }
}

/// `message` with each `` `quoted` `` part [`cut`] (the user's values are quoted), and any
/// other part that is longer than a message of ours cut too.
pub fn cut_quoted(message: &str) -> String {
    cut_quoted_by(message, '`')
}

/// [`cut_quoted`] with another quote mark (clap quotes values with `'`).
pub fn cut_quoted_by(message: &str, quote: char) -> String {
    message
        .split(quote)
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 || part.len() > 8 * ECHO {
                cut(part)
            } else {
                Cow::Borrowed(part)
            }
        })
        .collect::<Vec<_>>()
        .join(&quote.to_string())
}

/// The text and span to render for a label on `span`: unchanged when the line it is on is
/// short; else that line cut around it (a little before, the span itself [`cut`], a little
/// after), so the excerpt stays a few lines of bounded length. Columns after a cut are
/// counted in the cut line.
pub fn excerpt(text: &str, span: Range<usize>) -> (Cow<'_, str>, Range<usize>) {
    let start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    if end - start <= 4 * ECHO {
        return (Cow::Borrowed(text), span);
    }
    let before = &text[start..span.start];
    let before = match before.char_indices().rev().nth(ECHO / 2) {
        Some((i, c)) if before.chars().count() > ECHO => {
            Cow::Owned(format!("…{}", &before[i + c.len_utf8()..]))
        }
        _ => Cow::Borrowed(before),
    };
    let flagged = cut(&text[span.clone()]);
    let after = &text[span.end..end];
    let after = match after.char_indices().nth(ECHO / 2) {
        Some((i, _)) => Cow::Owned(format!("{}…", &after[..i])),
        None => Cow::Borrowed(after),
    };
    let at = start + before.len();
    let out = format!("{}{before}{flagged}{after}{}", &text[..start], &text[end..]);
    (Cow::Owned(out), at..at + flagged.len())
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
    let len = name.chars().count();
    let limit = (len / 3).clamp(1, 3);
    candidates
        .into_iter()
        // Lengths further apart than the limit are further apart in edits too; a name of
        // megabytes is not compared char by char.
        .filter(|c| *c != name && c.chars().count().abs_diff(len) <= limit)
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
