#![no_main]
//! The whole check on arbitrary bytes (decoded as `--encoding lossy` does), as plain text and
//! Markdown: invariants of the result, the same result twice, and both reporters render it.

use codespan_reporting::term::termcolor::NoColor;
use hedgelint::lint::check;
use hedgelint::engine::Workspace;
use hedgelint::source::{Encoding, SourceFile, decode};
use hedgelint::report::{FileReport, Human, Json, Reporter};
use hedgelint::rules::RuleSet;
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
    for format in hedgelint_fuzz::FORMATS {
        let c = check(rules(), &text, format, &mut ws);
        hedgelint_fuzz::assert_checked(&text, &c);
        let again = check(rules(), &text, format, &mut Workspace::default());
        assert_eq!(c.findings, again.findings, "not deterministic");
        let file = SourceFile {
            path: "fuzz".into(),
            text: text.clone(),
            format,
        };
        let score = hedgelint::score::file_score(rules(), &text, &c);
        assert!(
            (0.0..=1.0).contains(&score.certainty),
            "certainty {}",
            score.certainty
        );
        let report = FileReport {
            file: &file,
            checked: &c,
            score: &score,
            violations: &[],
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
