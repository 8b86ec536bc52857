//! Markdown (CommonMark + GFM tables, footnotes, front matter) through pulldown-cmark's
//! offset iterator, so every prose range is a range of the original bytes.

use super::{Chunk, Context, Kind, Markup, Pieces};
use pulldown_cmark::{BrokenLink, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

/// Markdown: CommonMark with GFM tables, footnotes and front matter (MDX is read as Markdown).
pub static MARKUP: Markup = Markup {
    name: "markdown",
    extensions: &["md", "markdown", "mdown", "mkd", "mdx"],
    chunks,
    pieces,
};

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
}

pub fn chunks(source: &str, context: &Context) -> Vec<Chunk> {
    // A footnote reference is one only where its definition is in the text parsed: a piece
    // whose references are defined in another piece is parsed with a stand-in definition of
    // each after its end, and what lies past its end is dropped.
    let stand_ins = footnote_stand_ins(source, context);
    let parsed = if stand_ins.is_empty() {
        std::borrow::Cow::Borrowed(source)
    } else {
        std::borrow::Cow::Owned(format!("{source}\n\n{stand_ins}"))
    };
    let mut out = chunks_of(&parsed, context);
    if parsed.len() > source.len() {
        out.retain(|c| c.range.end <= source.len());
    }
    out
}

/// A definition (after the text) of each footnote label the text refers to and the context
/// knows; empty when there is none.
fn footnote_stand_ins(source: &str, context: &Context) -> String {
    let mut out = String::new();
    if context.footnotes.is_empty() {
        return out;
    }
    let mut seen = rustc_hash::FxHashSet::default();
    for (i, _) in source.match_indices("[^") {
        let rest = &source[i + 2..];
        let Some(end) = rest.find(']') else { break };
        let name = &rest[..end];
        if !name.contains(['[', '\n'])
            && seen.insert(name)
            && context.footnotes.contains(&super::label(name))
        {
            out.push_str(&format!("[^{name}]: -\n\n"));
        }
    }
    out
}

fn chunks_of(source: &str, context: &Context) -> Vec<Chunk> {
    // A reference whose definition is in another piece of the text is a link, as it is in
    // the whole text.
    let elsewhere = |link: BrokenLink| {
        context
            .links
            .contains(&super::label(&link.reference))
            .then_some((CowStr::Borrowed(""), CowStr::Borrowed("")))
    };
    let mut out = Vec::new();
    // Depth of constructs whose text is not prose (code blocks, front matter, images).
    let mut skip = 0usize;
    // Open links: (full range of the link, is autolink).
    let mut links: Vec<(std::ops::Range<usize>, bool)> = Vec::new();
    let mut last_text_end = 0usize;
    let parser = Parser::new_with_broken_link_callback(source, options(), Some(elsewhere));
    for (event, range) in parser.into_offset_iter() {
        match event {
            Event::Start(tag) => {
                match &tag {
                    Tag::CodeBlock(_)
                    | Tag::MetadataBlock(_)
                    | Tag::Image { .. }
                    | Tag::HtmlBlock => skip += 1,
                    Tag::Link { link_type, .. } => {
                        let auto = matches!(link_type, LinkType::Autolink | LinkType::Email);
                        if auto {
                            skip += 1;
                        }
                        links.push((range.clone(), auto));
                        last_text_end = range.start;
                    }
                    Tag::BlockQuote(_) => out.push(Chunk::new(Kind::Quotation, range.clone())),
                    _ => {}
                }
                if is_block(&tag) {
                    out.push(Chunk::new(Kind::Break, range.start..range.start));
                }
            }
            Event::End(end) => {
                match end {
                    TagEnd::CodeBlock
                    | TagEnd::MetadataBlock(_)
                    | TagEnd::Image
                    | TagEnd::HtmlBlock => skip = skip.saturating_sub(1),
                    TagEnd::Link => {
                        if let Some((link, auto)) = links.pop() {
                            if auto {
                                skip = skip.saturating_sub(1);
                                out.push(Chunk::new(Kind::Citation, link));
                            } else {
                                let from = last_text_end.clamp(link.start, link.end);
                                if from < link.end {
                                    out.push(Chunk::new(Kind::Citation, from..link.end));
                                }
                            }
                        }
                    }
                    _ => {}
                }
                if is_block_end(&end) {
                    out.push(Chunk::new(Kind::Break, range.end..range.end));
                }
            }
            Event::Text(_) if skip == 0 => {
                last_text_end = range.end;
                // The parser cuts text at brackets it reads as possible links ("fail [3]." is
                // "fail ", "[", "3", "]", "."): text that continues the last text chunk is
                // one chunk, so the lexer sees the citation marker whole.
                match out.last_mut() {
                    Some(Chunk {
                        kind: Kind::Text,
                        range: last,
                    }) if last.end == range.start => last.end = range.end,
                    _ => out.push(Chunk::new(Kind::Text, range)),
                }
            }
            Event::FootnoteReference(_) if skip == 0 => out.push(Chunk::new(Kind::Citation, range)),
            Event::Html(_) | Event::InlineHtml(_) => comments(source, range, &mut out),
            // Inline code, HTML, math and the rest are not prose.
            _ => {}
        }
    }
    out
}

/// Cuts where the parser itself starts a top-level block at the start of a line that follows
/// a blank line and starts with a letter (a paragraph, a heading, a table). CommonMark decides
/// a line's blocks from the lines before it alone, so a block the parser starts there in a
/// window that begins at the previous cut (where nothing was open either) is one it starts
/// there in the whole text: every fence, list, HTML block, comment and front matter before it
/// has ended. The context is the labels of the link reference and footnote definitions of
/// every piece.
fn pieces(source: &str, size: usize) -> Pieces {
    let mut cuts = Vec::new();
    let mut start = 0;
    let mut window = 2 * size;
    while source.len() - start > size {
        let end = line_end(source, start + window);
        match first_cut(&source[start..end], size) {
            Some(cut) => {
                cuts.push(start + cut);
                start += cut;
                window = 2 * size;
            }
            // Nothing may be cut in the window (one long fence): look further.
            None if end < source.len() => window *= 2,
            None => break,
        }
    }
    let mut pieces = Pieces::from_cuts(cuts, source.len(), Context::default());
    // The definitions, as the parser finds them: each is whole in its piece.
    if pieces.ranges.len() > 1 {
        for r in &pieces.ranges {
            definitions(&source[r.clone()], &mut pieces.context);
        }
    }
    pieces
}

/// The end of the line that holds byte `at` (the text's end if it is past it).
fn line_end(source: &str, at: usize) -> usize {
    if at >= source.len() {
        return source.len();
    }
    memchr::memchr(b'\n', &source.as_bytes()[at..]).map_or(source.len(), |i| at + i + 1)
}

/// The first offset at or after `from` in `window` where a top-level block starts that a
/// piece may start with (see [`pieces`]).
fn first_cut(window: &str, from: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(window, options()).into_offset_iter() {
        match event {
            Event::Start(_) => {
                if depth == 0 && range.start >= from && may_start_piece(window, range.start) {
                    return Some(range.start);
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// `at` starts a line (not indented: an indented code block starts past its indent) that
/// starts with a letter and follows a blank line.
fn may_start_piece(text: &str, at: usize) -> bool {
    let Some(before) = text[..at].strip_suffix('\n') else {
        return false;
    };
    text.as_bytes().get(at).is_some_and(u8::is_ascii_alphabetic)
        && before.trim_end_matches([' ', '\t', '\r']).ends_with('\n')
}

/// Adds the labels of the link reference and footnote definitions in `piece` to `context`.
fn definitions(piece: &str, context: &mut Context) {
    let parser = Parser::new_ext(piece, options());
    let links = parser.reference_definitions().iter();
    context.links.extend(links.map(|(l, _)| super::label(l)));
    if piece.contains("[^") {
        for event in parser {
            if let Event::Start(Tag::FootnoteDefinition(l)) = event {
                context.footnotes.insert(super::label(&l));
            }
        }
    }
}

/// The HTML comments (`<!-- … -->`) inside a range of HTML.
fn comments(source: &str, range: std::ops::Range<usize>, out: &mut Vec<Chunk>) {
    let mut at = range.start;
    while let Some(i) = source[at..range.end].find("<!--") {
        let start = at + i;
        let Some(j) = source[start + 4..range.end].find("-->") else {
            break;
        };
        let end = start + 4 + j + 3;
        out.push(Chunk::new(Kind::Comment, start..end));
        at = end;
    }
}

fn is_block(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::List(_)
            | Tag::Item
            | Tag::FootnoteDefinition(_)
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell
            | Tag::MetadataBlock(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
    )
}

fn is_block_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::FootnoteDefinition
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::TableCell
            | TagEnd::MetadataBlock(_)
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
    )
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
    fn code_front_matter_and_html_are_not_prose() {
        let s = "---\ntitle: clearly\n---\n# Head\n\nSome `clearly` text.\n\n```\nobviously\n```\n\n<!-- clearly -->\n\n    indented clearly\n";
        let t = texts(s);
        assert_eq!(t, vec!["Head", "Some ", " text."]);
    }

    #[test]
    fn bracketed_citations_are_one_text_chunk() {
        // The parser splits "[3]" and "[12, 14]" off as link candidates; they are text.
        let s = "Analysts suggest it might fail [3]. Others disagree [12, 14].[5]\n";
        assert_eq!(
            texts(s),
            vec!["Analysts suggest it might fail [3]. Others disagree [12, 14].[5]"]
        );
    }

    #[test]
    fn link_text_is_prose_and_destination_is_evidence() {
        let s =
            "See [the report](https://x.org/clearly) and <https://y.org>[^1].\n\n[^1]: A note.\n";
        let c = chunks(s, &Context::default());
        assert!(c.contains(&Chunk::new(Kind::Text, 5..15)), "{c:?}");
        assert!(c.iter().any(
            |c| matches!(c, Chunk { kind: Kind::Citation, range: r } if &s[r.clone()] == "](https://x.org/clearly)")
        ));
        assert!(
            c.iter()
                .any(|c| matches!(c, Chunk { kind: Kind::Citation, range: r } if &s[r.clone()] == "<https://y.org>"))
        );
        assert!(c.iter().any(
            |c| matches!(c, Chunk { kind: Kind::Citation, range: r } if &s[r.clone()] == "[^1]")
        ));
        assert!(!texts(s).iter().any(|t| t.contains("https")));
    }

    #[test]
    fn comments_and_blockquotes_are_reported() {
        let s = "<!-- hedgelint-disable -->\n\nText <!-- inline --> here.\n\n> Quoted\n> words.\n";
        let c = chunks(s, &Context::default());
        let comments: Vec<&str> = c
            .iter()
            .filter_map(|c| match c {
                Chunk {
                    kind: Kind::Comment,
                    range,
                } => Some(&s[range.clone()]),
                _ => None,
            })
            .collect();
        assert_eq!(comments, ["<!-- hedgelint-disable -->", "<!-- inline -->"]);
        assert!(
            c.iter()
                .any(|c| matches!(c, Chunk { kind: Kind::Quotation, range: r } if s[r.clone()].starts_with("> Quoted")))
        );
    }

    /// Issue 16, item 17: a long text is cut only between top-level blocks.
    #[test]
    fn pieces_are_cut_between_top_level_blocks_only() {
        let s = "---\ntitle: x\nend: y\n---\n\nOne.\n\n    Indented code\n\n```\ncode\n\ninside\n```\n\n\
                 <!--\n\ncomment\n-->\n\n<pre>\n\npre\n</pre>\n\n- item\n\n  more\n\n\
                 Two [a][r] and [^n].\n\n> quote\n\n    indented\n\nThree.\n\n\
                 [r]: https://example.org\n\n[^n]: A note.\n";
        let p = pieces(s, 1);
        let starts: Vec<&str> = p.ranges.iter().map(|r| &s[r.start..]).collect();
        let firsts: Vec<&str> = starts.iter().map(|t| t.lines().next().unwrap()).collect();
        assert_eq!(firsts, ["---", "One.", "Two [a][r] and [^n].", "Three."]);
        assert_eq!(p.ranges.last().unwrap().end, s.len());
        assert!(p.context.links.contains("r") && p.context.footnotes.contains("n"));
        // The piece with the references reads them as the whole text does.
        let two = &s[p.ranges[2].clone()];
        let citations = |c: Vec<Chunk>| c.iter().filter(|c| c.kind == Kind::Citation).count();
        assert_eq!(citations(chunks(two, &Context::default())), 0);
        let c = chunks(two, &p.context);
        assert_eq!(citations(c.clone()), 2, "{c:?}");
        assert!(c.iter().all(|c| c.range.end <= two.len()));
    }

    #[test]
    fn table_cells_are_separate_blocks() {
        let s = "| a | b |\n|---|---|\n| one | two |\n";
        let c = chunks(s, &Context::default());
        let breaks = c.iter().filter(|c| c.kind == Kind::Break).count();
        assert!(breaks >= 4);
    }
}
