//! A file larger than the piece size is checked in pieces (issue 16, item 17) and reports what
//! checking it whole reports, to the byte: findings, lines and columns, suppressions, the score.
//! `HEDGELINT_PIECE_SIZE` makes the pieces small here; `lint::lint_pieces`' unit tests show
//! the text is really cut.

mod common;

use common::hedgelint;

/// One section of the Markdown document, `i` making each a little different.
fn section(i: usize) -> String {
    format!(
        "## Part {i}\n\n\
         Experts say the harbour wall may fail within {n} years. The port authority reported \
         that 4,{i:03} ships docked last year.\n\
         Another 1,{i:03} containers arrived in March.\n\n\
         Officials believe the repairs were clearly rushed.\n\n\
         ```text\n\
         code, not prose:\n\n\
         Critics say it was the most expensive repair of all time.\n\n\
         ```\n\n\
         <!--\n\n\
         Some analysts suggest this comment is not prose either.\n\n\
         -->\n\n\
         - Reportedly, the council might possibly reconsider.\n\
         - Over 9,{i:03} people signed the petition.\n\n\
         As the [harbour report][report] shows, traffic grew by {n} percent[^count].\n\n\
         It is widely believed that the bridge is safe.\n\n\
         According to the Marist Institute, turnout rose last year.\n\n\
         Another 4{i:03} voters registered in March.\n\n",
        n = 10 + i
    )
}

/// The Markdown document: a file-wide directive at the top, a `disable`/`enable` region that
/// runs over many pieces, a `disable-next-line`, fences and comments holding blank lines, and
/// a reference link and a footnote whose definitions sit at the end, pieces away.
fn markdown() -> String {
    let mut s = String::from("<!-- hedgelint-disable-file emphasis -->\n\n# Harbour notes\n\n");
    for i in 0..30 {
        match i {
            5 => s.push_str("<!-- hedgelint-disable vague-attribution -->\n\n"),
            20 => s.push_str("<!-- hedgelint-enable vague-attribution -->\n\n"),
            12 => {
                s.push_str("<!-- hedgelint-disable-next-line -->\nExperts say it is silenced.\n\n")
            }
            _ => {}
        }
        s.push_str(&section(i));
    }
    s.push_str("[report]: https://example.org/harbour\n\n[^count]: The harbour log.\n");
    s
}

/// The plain-text document: directive lines, a region over many pieces, sources before claims
/// and a poll named after its figure.
fn plain() -> String {
    let mut s = String::from("hedgelint: disable-file emphasis\n\n");
    for i in 0..40 {
        match i {
            3 => s.push_str("hedgelint: disable unsourced-statistic\n\n"),
            30 => s.push_str("hedgelint: enable unsourced-statistic\n\n"),
            _ => {}
        }
        s.push_str(&format!(
            "Experts say the ferry may be late on day {i}. According to the Marist Institute, \
             3,{i:03} passengers travelled.\n\nAnother 2,{i:03} passengers came by train.\n\
             The timetable is clearly wrong.\nhedgelint: disable-next-line hedge-modal\n\
             It might rain.\n\n\n\
             Ruiz trails at {i} percent.\n\nOkafor has 9 percent, according to the poll.\n\n"
        ));
    }
    s
}

/// `hedgelint ARGS` in `dir`, with pieces of `piece` bytes (`None`: the default, larger than
/// the test's files).
fn run(args: &[&str], dir: &std::path::Path, piece: Option<&str>) -> (Option<i32>, Vec<u8>) {
    let mut cmd = hedgelint(args).cwd(dir).env_remove("HEDGELINT_PIECE_SIZE");
    if let Some(piece) = piece {
        cmd = cmd.env("HEDGELINT_PIECE_SIZE", piece);
    }
    let out = cmd.output();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code(), out.stdout)
}

#[test]
fn a_file_checked_in_pieces_reports_what_it_reports_whole() {
    let dir = common::dir();
    for (name, text) in [("notes.md", markdown()), ("notes.txt", plain())] {
        common::write(dir.path(), name, &text);
        assert!(text.len() > 8 * 1024, "{name}: {} bytes", text.len());
        // The journalism preset's sources reach the sentence after them, across a cut.
        for command in [
            &["check", "--format", "json", name][..],
            &["check", "--format", "json", "--preset", "journalism", name],
            &["score", "--format", "json", name],
            &["score", "--sentences", "--format", "json", name],
        ] {
            let whole = run(command, dir.path(), None);
            let json = String::from_utf8_lossy(&whole.1);
            if command[0] == "check" {
                // The document has findings, and its directives silence some.
                assert!(json.contains("\"rule\": \"vague-attribution\""), "{json}");
                assert!(!json.contains("\"rule\": \"emphasis\""), "{json}");
            }
            if command[0] == "check" && name == "notes.txt" {
                // How far a source reaches depends on the preset, also where a cut falls
                // between the source and the figure.
                let journalism = command.contains(&"journalism");
                // The Marist Institute reaches the sentence after it with `journalism`
                // (`reach = 1`) and not with the default preset (`reach = 0`).
                let figure = json.contains("a figure worth a source: “2,007 passengers”");
                assert_eq!(figure, !journalism, "{command:?}");
                // The poll reaches the sentence before it with both (`document-back = 1`).
                assert!(
                    !json.contains("where does “7 percent” come from"),
                    "{command:?}"
                );
            }
            for piece in ["1", "500", "2K"] {
                let pieces = run(command, dir.path(), Some(piece));
                assert_eq!(whole.0, pieces.0, "{command:?} in pieces of {piece}");
                assert!(
                    whole.1 == pieces.1,
                    "{command:?} in pieces of {piece} differs from the whole file:\n{}",
                    first_difference(&whole.1, &pieces.1)
                );
            }
        }
    }
}

/// The lines around the first byte where two outputs differ.
fn first_difference(a: &[u8], b: &[u8]) -> String {
    let at = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let from = at.saturating_sub(300);
    format!(
        "whole: {}\npieces: {}",
        String::from_utf8_lossy(&a[from..(at + 200).min(a.len())]),
        String::from_utf8_lossy(&b[from..(at + 200).min(b.len())])
    )
}
