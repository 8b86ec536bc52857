//! Properties over arbitrary input: every span lies inside the source on char boundaries,
//! sentences are in order without overlap, and checking never panics.

use hedgelint::check::{check, prose};
use hedgelint::engine::Workspace;
use hedgelint::markup::Format;
use hedgelint::rules::RuleSet;
use proptest::prelude::*;
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

fn check_invariants(text: &str) {
    for format in [Format::Plain, Format::Markdown] {
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
            last = s.tokens.end;
        }
        let c = check(rules(), text, format, &mut Workspace::default());
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn spans_lie_on_real_text(text in prose_like()) {
        check_invariants(&text);
    }

    #[test]
    fn arbitrary_strings_do_not_panic(text in any::<String>()) {
        check_invariants(&text);
    }
}
