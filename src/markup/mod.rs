//! Markup: finds the prose in a source file. Every markup is one file here with a [`Markup`]
//! value, and one line in [`MARKUPS`]: its name, its extensions and a function that turns a
//! text into [`Chunk`]s in source order: prose ranges to tokenize, evidence (links, footnote
//! references), block breaks that end a sentence (paragraphs, headings, list items, table
//! cells), comments (where directives live, read by [`directive`]) and blockquotes. Every
//! chunk carries its byte range the same way, so that what is done to one kind (moving past a
//! byte-order mark) is done to all.

pub mod directive;
mod markdown;
mod plain;

use std::ops::Range;
use std::path::Path;

/// One markup: how its files are recognised and read.
#[derive(Debug)]
pub struct Markup {
    /// Its name in output and docs (`markdown`).
    pub name: &'static str,
    /// Lower-case file extensions, without the dot. A file with one of these is read as this
    /// markup, whether it is named on the command line or found in a directory.
    pub extensions: &'static [&'static str],
    /// The chunks of a text (which holds no byte-order mark).
    pub chunks: fn(&str) -> Vec<Chunk>,
}

/// Every markup, in the order extensions are looked up. Adding a markup is adding its file
/// and a line here.
pub static MARKUPS: &[&Markup] = &[&markdown::MARKUP, &plain::MARKUP];

/// The markup a source is read as: a handle on an entry of [`MARKUPS`].
#[derive(Clone, Copy, Debug)]
pub struct Format(&'static Markup);

impl PartialEq for Format {
    fn eq(&self, other: &Format) -> bool {
        self.0.name == other.0.name
    }
}

impl Eq for Format {}

impl Format {
    pub const PLAIN: Format = Format(&plain::MARKUP);
    pub const MARKDOWN: Format = Format(&markdown::MARKUP);

    /// The markup whose extensions hold `path`'s (case-insensitive); plain text otherwise.
    pub fn from_path(path: &Path) -> Format {
        path.extension()
            .and_then(|e| e.to_str())
            .and_then(Format::for_extension)
            .unwrap_or(Format::PLAIN)
    }

    /// The markup that claims an extension (without the dot), if one does.
    pub fn for_extension(ext: &str) -> Option<Format> {
        MARKUPS
            .iter()
            .find(|m| m.extensions.iter().any(|e| e.eq_ignore_ascii_case(ext)))
            .map(|m| Format(m))
    }

    pub fn name(self) -> &'static str {
        self.0.name
    }

    pub fn markup(self) -> &'static Markup {
        self.0
    }
}

/// What a chunk of a source is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Prose to tokenize.
    Text,
    /// A link, autolink or footnote reference: evidence of a source. Its range is the part
    /// of the markup that is not prose (`](https://…)`, `[^1]`).
    Citation,
    /// The end of a block: no sentence continues across it. Its range is empty, where the
    /// block starts or ends.
    Break,
    /// A comment that is not prose but may hold a directive: an HTML comment in Markdown,
    /// a `hedgelint:` directive line in plain text.
    Comment,
    /// A blockquote: someone else's words (quoted speech is found from the tokens).
    Quotation,
}

/// A byte range of the source and what it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chunk {
    pub kind: Kind,
    pub range: Range<usize>,
}

impl Chunk {
    pub fn new(kind: Kind, range: Range<usize>) -> Chunk {
        Chunk { kind, range }
    }
}

/// The chunks of `source` read as `format`, in source order, with ranges into `source`.
pub fn prose_chunks(source: &str, format: Format) -> Vec<Chunk> {
    // A byte-order mark is not text (and would hide a Markdown heading on the first line): map
    // what follows it, and move every chunk back onto the source's bytes.
    let (skip, text) = match source.strip_prefix('\u{FEFF}') {
        Some(rest) => (source.len() - rest.len(), rest),
        None => (0, source),
    };
    let mut chunks = (format.0.chunks)(text);
    if skip > 0 {
        for c in &mut chunks {
            c.range = c.range.start + skip..c.range.end + skip;
        }
    }
    chunks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_extension_is_claimed_by_one_markup() {
        let mut seen = std::collections::HashSet::new();
        for m in MARKUPS {
            for e in m.extensions {
                assert_eq!(*e, e.to_ascii_lowercase(), "{e}");
                assert!(seen.insert(*e), "{e} is claimed twice");
            }
        }
        assert_eq!(Format::from_path(Path::new("a.MDX")), Format::MARKDOWN);
        assert_eq!(Format::from_path(Path::new("a.rst")), Format::PLAIN);
    }

    /// Bug (issue 11): only text and citation chunks were moved past a BOM, so suppression
    /// comments and blockquotes pointed three bytes early.
    #[test]
    fn a_bom_moves_every_chunk_kind_alike() {
        for (text, format) in [
            (
                "Some text.\n\n> Quoted.\n\n<!-- hedgelint-disable -->\n",
                Format::MARKDOWN,
            ),
            ("A line of text.\nhedgelint: disable-file\n", Format::PLAIN),
        ] {
            let plain = prose_chunks(text, format);
            let bommed = prose_chunks(&format!("\u{FEFF}{text}"), format);
            assert_eq!(plain.len(), bommed.len());
            for (a, b) in plain.iter().zip(&bommed) {
                assert_eq!(a.kind, b.kind);
                assert_eq!(a.range.start + 3..a.range.end + 3, b.range, "{:?}", a.kind);
            }
        }
    }
}
