//! The exact user-facing output on each fixture, human and JSON, as insta snapshots.

use codespan_reporting::term::termcolor::{Ansi, NoColor};
use hedgelint::report::{Human, Json, Reporter};
use hedgelint::rules::RuleSet;
use hedgelint::run::{CheckOptions, run_check};
use std::path::PathBuf;

#[derive(Clone, Copy, PartialEq)]
enum As {
    Human,
    Color,
    Json,
}

fn render(path: &str, json: bool) -> (String, i32) {
    render_as(path, if json { As::Json } else { As::Human })
}

fn render_as(path: &str, format: As) -> (String, i32) {
    let rules = RuleSet::builtin().expect("built-in rules load");
    let opts = CheckOptions {
        paths: vec![PathBuf::from(path)],
        ..CheckOptions::default()
    };
    let mut buf = Vec::new();
    let code = {
        let mut reporter: Box<dyn Reporter + '_> = match format {
            As::Json => Box::new(Json::new(&mut buf)),
            As::Human => Box::new(Human::new(NoColor::new(&mut buf))),
            As::Color => Box::new(Human::new(Ansi::new(&mut buf))),
        };
        run_check(&rules, &opts, reporter.as_mut()).expect("report to memory")
    };
    (String::from_utf8(buf).expect("utf-8 output"), code)
}

macro_rules! fixture {
    ($name:ident, $path:literal) => {
        mod $name {
            use super::render;
            #[test]
            fn human() {
                let (out, code) = render($path, false);
                assert_eq!(code, 1, "fixtures all have warnings");
                insta::assert_snapshot!(out);
            }
            #[test]
            fn json() {
                let (out, _) = render($path, true);
                let _: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
                insta::assert_snapshot!(out);
            }
        }
    };
}

fixture!(news_style, "fixtures/news-style.txt");
fixture!(markdown_doc, "fixtures/markdown-doc.md");
fixture!(academic, "fixtures/academic.txt");
fixture!(tabs_and_wide, "fixtures/tabs-and-wide.md");

/// Tabs, wide and combining characters, and labels that start and end inside a line, in
/// colour: what codespan-reporting's source and caret lines are made of (vendor/ patches how
/// they are written; this snapshot was taken with the unpatched crate).
#[test]
fn tabs_and_wide_in_colour() {
    let (out, _) = render_as("fixtures/tabs-and-wide.md", As::Color);
    assert!(out.contains("\u{1b}["), "colour codes expected");
    insta::assert_snapshot!(out);
}
