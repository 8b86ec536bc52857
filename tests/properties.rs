//! Properties over arbitrary input: every span lies inside the source on char boundaries,
//! sentences are in order without overlap, and checking never panics.

use hedgelint::engine::Workspace;
use hedgelint::lint::check;
use hedgelint::markup::{self, Chunk, Format, Kind};
use hedgelint::rules::{PackFile, RuleSet};
use hedgelint::source::{Encoding, decode};
use hedgelint::text::prose;
use proptest::prelude::*;
use std::sync::Arc;
use std::sync::OnceLock;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::builtin().expect("built-in rules load"))
}

/// Prose-like text: hedge words, punctuation, Markdown syntax, quotes, numbers, Unicode.
fn prose_like() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "may",
        "May",
        "might",
        "some",
        "analysts",
        "suggest",
        "reportedly",
        "2,000",
        "4%",
        "(Smith, 2020)",
        "[1]",
        "[^n]",
        ".",
        "?",
        "!",
        "...",
        ",",
        "“",
        "”",
        "'",
        "\"",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "# ",
        "- ",
        "> ",
        "| a | b |\n|---|---|\n",
        "```\n",
        "`",
        "<!-- ",
        " -->",
        "[link](https://x.org/y)",
        "<https://z.org>",
        "---\n",
        "é",
        "🎉",
        "\u{301}",
        "\t",
        " ",
        "Mr.",
        "e.g.",
        "U.S.",
        "according to",
        "Smith",
        "said",
        "it is believed that",
        "*",
        "_",
        "[",
        "]",
        "(",
        ")",
    ]);
    prop::collection::vec(atoms, 0..60).prop_map(|v| v.join(" "))
}

fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[test]
fn toml_string_quotes_patterns_that_then_load() {
    let rule = format!(
        "id = \"p-rule\"\nkind = \"hedge\"\nseverity = \"info\"\nmessage = \"m\"\npatterns = [{}]\n[docs]\nwhat = \"w\"\nwhy = \"y\"\n",
        toml_string("\"May\" @say \\ x")
    );
    let files = [
        PackFile {
            name: "p/classes.toml".into(),
            text: Arc::from("[classes]\nsay = [\"say\"]\n"),
        },
        PackFile {
            name: "p/p-rule.toml".into(),
            text: Arc::from(rule.as_str()),
        },
    ];
    let mut set = RuleSet::default();
    let errors = set.add_pack("p", &files);
    // The backslash is a word of its own: the pattern parses and compiles.
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(set.rules[0].patterns[0], "\"May\" @say \\ x");
}

fn check_invariants(text: &str) {
    for format in [Format::PLAIN, Format::MARKDOWN] {
        let p = prose(text, format);
        let mut last_end = 0;
        for t in &p.tokens {
            assert!(
                t.start < t.end && t.end <= text.len(),
                "token {t:?} outside {}",
                text.len()
            );
            assert!(
                text.is_char_boundary(t.start) && text.is_char_boundary(t.end),
                "token {t:?} off a char boundary"
            );
            assert!(t.start >= last_end, "tokens overlap or go back: {t:?}");
            last_end = t.end;
        }
        let mut last = 0;
        for s in &p.sentences {
            assert!(
                s.tokens.start >= last && s.tokens.start < s.tokens.end,
                "sentences out of order: {s:?}"
            );
            assert_eq!(s.span.start, p.tokens[s.tokens.start].start);
            assert_eq!(s.span.end, p.tokens[s.tokens.end - 1].end);
            last = s.tokens.end;
        }
        // Sentences cover every token.
        let covered: usize = p.sentences.iter().map(|s| s.tokens.len()).sum();
        assert_eq!(covered, p.tokens.len(), "sentences do not cover the tokens");
        // Every chunk kind lies on the text at char boundaries; prose and citations in order
        // without overlap; a break is empty.
        let mut last = 0;
        for Chunk { kind, range: r } in markup::prose_chunks(text, format) {
            assert!(r.start <= r.end && r.end <= text.len(), "{kind:?} {r:?}");
            assert!(
                text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
                "{kind:?} {r:?} off a char boundary"
            );
            match kind {
                Kind::Text | Kind::Citation => {
                    assert!(r.start >= last, "{kind:?} {r:?} goes back before {last}");
                    last = r.end;
                }
                Kind::Break => assert!(r.is_empty(), "break {r:?}"),
                Kind::Comment | Kind::Quotation => assert!(!r.is_empty(), "{kind:?} {r:?}"),
            }
        }
        let c = check(rules(), text, format, &mut Workspace::default());
        // Deterministic, and a reused workspace changes nothing.
        let mut ws = Workspace::default();
        check(
            rules(),
            "Experts say it may rain. “Some say 40% might.”",
            format,
            &mut ws,
        );
        assert_eq!(check(rules(), text, format, &mut ws).findings, c.findings);
        for f in &c.findings {
            assert!(f.span.start < f.span.end && f.span.end <= text.len());
            assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
            for s in &f.secondary {
                assert!(
                    s.span.end <= text.len()
                        && text.is_char_boundary(s.span.start)
                        && text.is_char_boundary(s.span.end)
                );
            }
        }
        for a in &c.sentences {
            assert!((0.0..=1.0).contains(&a.certainty));
        }
    }
}

/// A byte-order mark changes no finding, only where it is: every span moves by its 3 bytes.
fn bom_invariant(text: &str, path: &str) {
    let config = hedgelint::config::Config::default();
    let ws = &mut Workspace::default();
    let plain = hedgelint::lint(rules(), &config, path, text, ws);
    let bommed = hedgelint::lint(rules(), &config, path, &format!("\u{FEFF}{text}"), ws);
    let moved: Vec<_> = plain
        .findings
        .iter()
        .map(|f| (f.rule, f.severity, f.span.start + 3..f.span.end + 3))
        .collect();
    let got: Vec<_> = bommed
        .findings
        .iter()
        .map(|f| (f.rule, f.severity, f.span.clone()))
        .collect();
    assert_eq!(moved, got, "{text:?} as {path}");
}

#[test]
fn a_bom_moves_findings_and_keeps_suppressions() {
    bom_invariant(
        "<!-- hedgelint-disable-next-line -->\nExperts say so.\n\n> Critics say no.\n",
        "a.md",
    );
    bom_invariant(
        "hedgelint: disable-file hedge\nIt may rain. Experts say so.\n",
        "a.txt",
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn a_bom_changes_no_finding_but_its_place(text in prose_like(), md in any::<bool>()) {
        bom_invariant(&text, if md { "a.md" } else { "a.txt" });
    }

    /// Lone CR line endings read as LF ones do (issue 17: a CR-only file was one line, one
    /// Markdown block, one directive): the same findings at the same offsets.
    #[test]
    fn cr_only_line_endings_change_no_finding(text in prose_like(), md in any::<bool>()) {
        let text = text.replace('\r', "");
        let path = if md { "a.md" } else { "a.txt" };
        let config = hedgelint::config::Config::default();
        let ws = &mut Workspace::default();
        let key = |l: hedgelint::Linted| -> Vec<_> {
            l.findings.iter().map(|f| (f.rule, f.severity, f.span.clone())).collect()
        };
        let lf = key(hedgelint::lint(rules(), &config, path, &text, ws));
        let cr = key(hedgelint::lint(rules(), &config, path, &text.replace('\n', "\r"), ws));
        prop_assert_eq!(lf, cr, "{:?} as {}", text, path);
    }

    /// A file name is printed as one line of plain characters, and two names (without a
    /// backslash, which is printed as it is) stay two names (issue 17).
    #[test]
    fn names_print_as_one_line_and_stay_distinct(a in any::<String>(), b in any::<String>()) {
        use hedgelint::source::escape_name;
        let (ea, eb) = (escape_name(&a), escape_name(&b));
        prop_assert!(!ea.chars().any(char::is_control), "{:?}", ea);
        if a != b && !a.contains('\\') && !b.contains('\\') {
            prop_assert_ne!(ea, eb);
        }
    }

    #[test]
    fn spans_lie_on_real_text(text in prose_like()) {
        check_invariants(&text);
    }

    #[test]
    fn arbitrary_strings_do_not_panic(text in any::<String>()) {
        check_invariants(&text);
    }

    /// `--encoding lossy` keeps every byte offset: valid text is unchanged, and each invalid
    /// byte becomes one substitute byte.
    #[test]
    fn lossy_decoding_keeps_offsets(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let text = decode(bytes.clone(), Encoding::Lossy).expect("lossy never fails");
        prop_assert_eq!(text.len(), bytes.len());
        for (i, (&a, &b)) in bytes.iter().zip(text.as_bytes()).enumerate() {
            prop_assert!(a == b || b == hedgelint::source::SUBSTITUTE, "byte {}", i);
        }
        if let Ok(s) = std::str::from_utf8(&bytes) {
            prop_assert_eq!(s, text.as_str());
        }
        check_invariants(&text);
    }

    /// Patterns of the language's own atoms either load or are refused with an error inside
    /// the pattern; a loaded one matches without panicking on prose.
    #[test]
    fn patterns_load_or_are_refused(
        atoms in prop::collection::vec(prop::sample::select(vec![
            "may", "@say", "@number", "@cap", "_", "_{0,3}", "!very", "(a|b)", "(", ")", "|",
            "?", "{2}", "{1,9}", "^", "$", "\"May\"", "@nope", "x{0,8}", "((_ _){1,8})",
        ]), 1..8),
        text in prose_like(),
    ) {
        let pattern = atoms.join(" ");
        let rule = format!(
            "id = \"p-rule\"\nkind = \"hedge\"\nseverity = \"info\"\nmessage = \"m\"\npatterns = [{}]\n[docs]\nwhat = \"w\"\nwhy = \"y\"\n",
            toml_string(&pattern)
        );
        let files = [
            PackFile { name: "p/classes.toml".into(), text: Arc::from("[classes]\nsay = [\"say\", \"point to\"]\n") },
            PackFile { name: "p/p-rule.toml".into(), text: Arc::from(rule.as_str()) },
        ];
        let mut set = RuleSet::default();
        let errors = set.add_pack("p", &files);
        for e in &errors {
            prop_assert!(e.span.end <= e.text.len() && e.text.is_char_boundary(e.span.start));
        }
        if errors.is_empty() {
            let c = check(&set, &text, Format::PLAIN, &mut Workspace::default());
            for f in &c.findings {
                prop_assert!(text.is_char_boundary(f.span.start) && f.span.end <= text.len());
            }
        }
    }
}
