//! Plain text: blank lines end paragraphs, and a short line without closing punctuation
//! (a title, a heading, "Have a look:") ends a sentence.

use super::{Chunk, Context, Kind, Markup, Pieces};

/// Plain text; also what a named file of an extension no markup claims is read as.
pub static MARKUP: Markup = Markup {
    name: "plain",
    extensions: &["txt"],
    chunks,
    pieces,
};

/// Cut after any blank line: a paragraph, and every sentence, ends there.
fn pieces(source: &str, size: usize) -> Pieces {
    let cuts = super::cuts_after_blank_lines(source, size, |_| true);
    Pieces::from_cuts(cuts, source.len(), Context::default())
}

/// Lines of at most this many words, ending without punctuation, count as headings.
const HEADING_MAX_WORDS: usize = 12;

pub fn chunks(source: &str, _: &Context) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut para_start: Option<usize> = None;
    let mut offset = 0;
    let lines: Vec<&str> = source.split_inclusive('\n').collect();
    for (i, line) in lines.iter().enumerate() {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        if super::directive::is_plain_directive(content) {
            // A directive line is not prose, and no sentence runs across it.
            if let Some(s) = para_start.take() {
                out.push(Chunk::new(Kind::Text, s..start));
                out.push(Chunk::new(Kind::Break, start..start));
            }
            out.push(Chunk::new(Kind::Comment, start..start + content.len()));
            continue;
        }
        if content.trim().is_empty() {
            if let Some(s) = para_start.take() {
                out.push(Chunk::new(Kind::Text, s..start));
                out.push(Chunk::new(Kind::Break, start..start));
            }
            continue;
        }
        let para = *para_start.get_or_insert(start);
        let end = start + content.len();
        let next = lines.get(i + 1).copied().unwrap_or("");
        if ends_block(content, next) {
            out.push(Chunk::new(Kind::Text, para..end));
            out.push(Chunk::new(Kind::Break, start..start));
            para_start = None;
        }
    }
    if let Some(s) = para_start {
        out.push(Chunk::new(Kind::Text, s..source.len()));
    }
    out
}

/// Heading-like lines are also shorter than this (a hard-wrapped prose line is longer).
const HEADING_MAX_BYTES: usize = 60;

/// A line that cannot run on into the next one: one ending in a colon, or a short line with
/// no closing punctuation followed by a line that starts a new sentence.
fn ends_block(line: &str, next: &str) -> bool {
    let t = line.trim_end();
    let Some(last) = t.chars().last() else {
        return false;
    };
    if last == ':' {
        return true;
    }
    let ends_open = last.is_alphanumeric() || matches!(last, '\u{2019}' | '\'' | ')');
    let next_starts = next
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“‘'«".contains(c));
    ends_open
        && next_starts
        && t.len() < HEADING_MAX_BYTES
        && t.split_whitespace().count() <= HEADING_MAX_WORDS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        chunks(s, &Context::default())
            .into_iter()
            .filter_map(|c| match c {
                Chunk {
                    kind: Kind::Text,
                    range,
                } => Some(&s[range]),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn blank_lines_and_headings_end_blocks() {
        let s = "Title Of Piece\nFirst line runs on\nand on. Second.\n\nNext para.";
        assert_eq!(
            texts(s),
            vec![
                "Title Of Piece",
                "First line runs on\nand on. Second.\n",
                "Next para."
            ]
        );
        let s = "Have a look:\n“Quote.”";
        assert_eq!(texts(s), vec!["Have a look:", "“Quote.”"]);
    }

    #[test]
    fn directive_lines_are_comments() {
        let s = "One line.\nhedgelint: disable-next-line hedge\nTwo may.\n";
        let c = chunks(s, &Context::default());
        assert!(c.contains(&Chunk::new(Kind::Comment, 10..44)), "{c:?}");
        assert_eq!(texts(s), vec!["One line.\n", "Two may.\n"]);
    }

    #[test]
    fn crlf_is_handled() {
        let s = "A heading\r\nBody text here.\r\n";
        assert_eq!(texts(s), vec!["A heading", "Body text here.\r\n"]);
    }
}
