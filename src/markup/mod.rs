//! Markup: finds the prose in a source file. The output is a list of [`Chunk`]s in source
//! order: prose ranges to tokenize, evidence (links, footnote references), block breaks
//! that end a sentence (paragraphs, headings, list items, table cells), comments (where
//! suppressions live) and blockquotes.

mod markdown;
mod plain;

use std::ops::Range;
use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    Plain,
    Markdown,
}

impl Format {
    pub fn from_path(path: &Path) -> Format {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("md" | "markdown" | "mdown" | "mkd" | "mdx") => Format::Markdown,
            _ => Format::Plain,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Chunk {
    /// Prose to tokenize.
    Text(Range<usize>),
    /// A link, autolink or footnote reference: evidence of a source. Its range is the part
    /// of the markup that is not prose (`](https://…)`, `[^1]`).
    Citation(Range<usize>),
    /// The end of a block: no sentence continues across it.
    Break,
    /// A comment that is not prose but may hold a suppression: an HTML comment in Markdown,
    /// a `hedgelint:` directive line in plain text.
    Comment(Range<usize>),
    /// A blockquote: someone else's words (see `quotes` for quoted speech).
    Quotation(Range<usize>),
}

pub fn prose_chunks(source: &str, format: Format) -> Vec<Chunk> {
    // A byte-order mark is not text (and would hide a Markdown heading on the first line): map
    // what follows it, and move the ranges back onto the source's bytes.
    let (skip, text) = match source.strip_prefix('\u{FEFF}') {
        Some(rest) => (source.len() - rest.len(), rest),
        None => (0, source),
    };
    let mut chunks = match format {
        Format::Plain => plain::chunks(text),
        Format::Markdown => markdown::chunks(text),
    };
    if skip > 0 {
        for c in &mut chunks {
            if let Chunk::Text(r) | Chunk::Citation(r) = c {
                *r = r.start + skip..r.end + skip;
            }
        }
    }
    chunks
}
