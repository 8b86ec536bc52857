//! The directive grammar, the same in every markup: a markup finds its comments (an HTML
//! comment, a plain-text line) and hands their text here. Markdown and HTML use comments;
//! plain text uses a line of its own:
//!
//! ```text
//! <!-- hedgelint-disable RULE… -->     hedgelint: disable RULE…
//! <!-- hedgelint-enable RULE… -->      hedgelint: enable RULE…
//! <!-- hedgelint-disable-next-line RULE… -->   hedgelint: disable-next-line RULE…
//! <!-- hedgelint-disable-line RULE… -->        (the comment's own line)
//! <!-- hedgelint-disable-file RULE… -->        hedgelint: disable-file RULE…
//! ```
//!
//! No RULE means every rule; a RULE is a rule id or a kind; ` -- ` starts a free-text reason.
//! A name hedgelint does not know is itself reported (`unknown-suppression`).

use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    Disable,
    Enable,
    DisableNextLine,
    DisableLine,
    DisableFile,
}

impl Command {
    fn parse(word: &str) -> Option<Command> {
        Some(match word {
            "disable" => Command::Disable,
            "enable" => Command::Enable,
            "disable-next-line" => Command::DisableNextLine,
            "disable-line" => Command::DisableLine,
            "disable-file" => Command::DisableFile,
            _ => return None,
        })
    }
}

/// One suppression comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    pub command: Command,
    /// The rule names, with their byte spans in the source.
    pub names: Vec<(String, Range<usize>)>,
    /// The whole comment.
    pub span: Range<usize>,
}

/// Parses the text of a comment or directive line found at `offset` in the source: an HTML
/// comment `<!-- hedgelint-CMD … -->` or a plain line `hedgelint: CMD …`.
pub fn parse(text: &str, offset: usize) -> Option<Directive> {
    let trimmed_start = text.len() - text.trim_start().len();
    let t = text.trim();
    let (body, body_at) = if let Some(inner) = t.strip_prefix("<!--") {
        let inner = inner.strip_suffix("-->")?;
        let lead = inner.len() - inner.trim_start().len();
        let rest = inner.trim_start().strip_prefix("hedgelint-")?;
        (rest, trimmed_start + 4 + lead + "hedgelint-".len())
    } else {
        let rest = t.strip_prefix("hedgelint:")?;
        let lead = rest.len() - rest.trim_start().len();
        (rest.trim_start(), trimmed_start + "hedgelint:".len() + lead)
    };
    // A reason after ` -- ` is not rule names.
    let body = match body.find(" --") {
        Some(i) => &body[..i],
        None => body,
    };
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in body
        .char_indices()
        .chain(std::iter::once((body.len(), ' ')))
    {
        let sep = c.is_whitespace() || c == ',';
        match (start, sep) {
            (None, false) => start = Some(i),
            (Some(s), true) => {
                words.push((&body[s..i], s));
                start = None;
            }
            _ => {}
        }
    }
    let (&(cmd, _), names) = words.split_first()?;
    let command = Command::parse(cmd)?;
    Some(Directive {
        command,
        names: names
            .iter()
            .map(|&(n, at)| {
                let s = offset + body_at + at;
                (n.to_string(), s..s + n.len())
            })
            .collect(),
        span: offset..offset + text.len(),
    })
}

/// Whether a plain-text line (without its line ending) is a directive line.
pub fn is_plain_directive(line: &str) -> bool {
    line.trim_start().starts_with("hedgelint:") && parse(line, 0).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_html_and_plain_directives() {
        let s = "<!-- hedgelint-disable-next-line vague-attribution, hedge -- quoted -->";
        let d = parse(s, 10).unwrap();
        assert_eq!(d.command, Command::DisableNextLine);
        let names: Vec<&str> = d.names.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["vague-attribution", "hedge"]);
        let (_, span) = &d.names[1];
        assert_eq!(&s[span.start - 10..span.end - 10], "hedge");
        let d = parse("  hedgelint: disable-file", 0).unwrap();
        assert_eq!(d.command, Command::DisableFile);
        assert!(d.names.is_empty());
        assert!(parse("hedgelint: a fine tool", 0).is_none());
        assert!(parse("<!-- a comment -->", 0).is_none());
        assert!(is_plain_directive("hedgelint: enable"));
    }
}
