//! Markdown (CommonMark + GFM tables, footnotes, front matter) through pulldown-cmark's
//! offset iterator, so every prose range is a range of the original bytes.

use super::{Chunk, Kind, Markup};
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

/// Markdown: CommonMark with GFM tables, footnotes and front matter (MDX is read as Markdown).
pub static MARKUP: Markup = Markup {
    name: "markdown",
    extensions: &["md", "markdown", "mdown", "mkd", "mdx"],
    chunks,
};

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
}

pub fn chunks(source: &str) -> Vec<Chunk> {
    let mut out = Vec::new();
    // Depth of constructs whose text is not prose (code blocks, front matter, images).
    let mut skip = 0usize;
    // Open links: (full range of the link, is autolink).
    let mut links: Vec<(std::ops::Range<usize>, bool)> = Vec::new();
    let mut last_text_end = 0usize;
    for (event, range) in Parser::new_ext(source, options()).into_offset_iter() {
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
        chunks(s)
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
        let c = chunks(s);
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
        let c = chunks(s);
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

    #[test]
    fn table_cells_are_separate_blocks() {
        let s = "| a | b |\n|---|---|\n| one | two |\n";
        let c = chunks(s);
        let breaks = c.iter().filter(|c| c.kind == Kind::Break).count();
        assert!(breaks >= 4);
    }
}
