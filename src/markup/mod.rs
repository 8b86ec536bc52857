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
    /// The chunks of a text (which holds no byte-order mark), or of a piece of a long text
    /// read with what the rest of the text defines ([`Context`]).
    pub chunks: fn(&str, &Context) -> Vec<Chunk>,
    /// Where a long text may be cut into pieces that read as they read in the whole text
    /// (see [`pieces`]).
    pub pieces: fn(&str, usize) -> Pieces,
}

/// What a piece of a long text needs from the rest of it to be read as the whole text reads
/// it: the labels (normalised by [`label`]) of the Markdown link reference definitions and
/// footnote definitions anywhere in the text, so that `[text][ref]` and `[^1]` in one piece
/// are a link and a footnote reference when their definitions are in another.
#[derive(Debug, Default)]
pub struct Context {
    pub links: rustc_hash::FxHashSet<String>,
    pub footnotes: rustc_hash::FxHashSet<String>,
}

/// A long text cut into pieces, with the context every piece is read with.
#[derive(Debug, Default)]
pub struct Pieces {
    /// Consecutive byte ranges that cover the text, in order.
    pub ranges: Vec<Range<usize>>,
    pub context: Context,
}

impl Pieces {
    /// Ranges from the cut offsets (each inside the text, increasing) of a text of `len` bytes.
    pub fn from_cuts(cuts: Vec<usize>, len: usize, context: Context) -> Pieces {
        let mut ranges = Vec::with_capacity(cuts.len() + 1);
        let mut from = 0;
        for cut in cuts.into_iter().chain([len]) {
            if cut > from {
                ranges.push(from..cut);
                from = cut;
            }
        }
        Pieces { ranges, context }
    }
}

/// A link or footnote label as a reference matches it: case and runs of white space do not
/// matter.
pub fn label(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// `source` cut into pieces of about `size` bytes (more where no cut is allowed sooner) that
/// `format` reads, one at a time with the pieces' context, as it reads the whole text: cuts
/// fall after a blank line, and in Markdown only between top-level blocks, never inside a
/// fenced code block, an HTML comment or block, or front matter. No sentence or paragraph runs
/// across a cut.
pub fn pieces(source: &str, format: Format, size: usize) -> Pieces {
    (format.0.pieces)(source, size.max(1))
}

/// Whether a line (without its line end) is blank: a paragraph ends at it.
pub(crate) fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// The offsets, about `size` bytes apart, of lines that follow a blank line and before which
/// `may_start(line)` allows a cut. `may_start` sees every line (without its line end) in
/// order, so it can follow what is open (a fence, a comment).
pub(crate) fn cuts_after_blank_lines(
    source: &str,
    size: usize,
    mut may_start: impl FnMut(&str) -> bool,
) -> Vec<usize> {
    let mut cuts = Vec::new();
    let (mut last, mut start, mut blank) = (0, 0, false);
    for line in source.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let ok = may_start(content);
        if ok && blank && start - last >= size {
            cuts.push(start);
            last = start;
        }
        blank = is_blank(content);
        start += line.len();
    }
    cuts
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
    prose_chunks_in(source, format, &Context::default())
}

/// [`prose_chunks`] of a piece of a long text, read with what the rest of it defines.
pub fn prose_chunks_in(source: &str, format: Format, context: &Context) -> Vec<Chunk> {
    // A byte-order mark is not text (and would hide a Markdown heading on the first line): map
    // what follows it, and move every chunk back onto the source's bytes.
    let (skip, text) = match source.strip_prefix('\u{FEFF}') {
        Some(rest) => (source.len() - rest.len(), rest),
        None => (0, source),
    };
    let mut chunks = (format.0.chunks)(text, context);
    if skip > 0 {
        for c in &mut chunks {
            c.range = crate::source::shifted(&c.range, skip);
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
