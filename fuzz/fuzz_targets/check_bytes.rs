#![no_main]
//! The whole check on arbitrary bytes (decoded as `--encoding lossy` does), as plain text and
//! Markdown: invariants of the engine's result, the same result twice, then `lint()` with its
//! post-pass, and both reporters render it.

use codespan_reporting::term::termcolor::NoColor;
use hedgelint::engine::Workspace;
use hedgelint::lint::check;
use hedgelint::report::{FileReport, Human, Json, Reporter};
use hedgelint::rules::RuleSet;
use hedgelint::source::{Encoding, SourceFile, decode};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::builtin().expect("built-in rules load"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = decode(data.to_vec(), Encoding::Lossy) else {
        return;
    };
    assert_eq!(text.len(), data.len(), "lossy decoding keeps byte offsets");
    let mut ws = Workspace::default();
    let config = hedgelint::config::Config::default();
    for (format, path) in hedgelint_fuzz::FORMATS
        .into_iter()
        .zip(["fuzz.txt", "fuzz.md"])
    {
        let c = check(rules(), &text, format, &mut ws);
        hedgelint_fuzz::assert_checked(&text, &c);
        let again = check(rules(), &text, format, &mut Workspace::default());
        assert_eq!(c.findings, again.findings, "not deterministic");
        // The whole pipeline, post-pass included, as `check` runs it on a file of that name.
        let linted = hedgelint::lint(rules(), &config, path, &text, &mut ws);
        assert!(
            (0.0..=1.0).contains(&linted.score.certainty),
            "certainty {}",
            linted.score.certainty
        );
        for f in &linted.findings {
            assert!(f.span.start < f.span.end && f.span.end <= text.len());
            assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
        }
        let file = SourceFile {
            path: path.into(),
            text: text.clone(),
        };
        let report = FileReport {
            file: &file,
            linted: &linted,
            prerendered: None,
        };
        let mut human = Human::new(NoColor::new(Vec::new()));
        human.file(rules(), &report).expect("human output renders");
        let mut buf = Vec::new();
        let mut json = Json::new(&mut buf);
        json.file(rules(), &report).expect("json renders");
        json.finish(&Default::default()).expect("json finishes");
        drop(json);
        let _: serde_json::Value = serde_json::from_slice(&buf).expect("valid JSON");
    }
});
