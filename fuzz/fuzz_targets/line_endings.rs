#![no_main]
//! BOM and CRLF invariance: a text with LF line endings, the same with CRLF, and the same
//! after a byte-order mark give the same findings (rule, severity), each moved by the bytes
//! added before it (one per line ending before it for CRLF, three for the BOM).

use hedgelint::engine::Workspace;
use hedgelint::rules::RuleSet;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::builtin().expect("built-in rules load"))
}

fuzz_target!(|data: &[u8]| {
    let text = hedgelint_fuzz::from_fragments(data).replace('\r', "");
    let crlf = text.replace('\n', "\r\n");
    // Offset `o` of `text` in `crlf`: one more byte for each line ending before it.
    let mut shift = Vec::with_capacity(text.len() + 1);
    let mut added = 0;
    for (i, b) in text.bytes().enumerate() {
        shift.push(i + added);
        if b == b'\n' {
            added += 1;
        }
    }
    shift.push(text.len() + added);
    let config = hedgelint::config::Config::default();
    let ws = &mut Workspace::default();
    for path in ["f.txt", "f.md"] {
        let lf = hedgelint::lint(rules(), &config, path, &text, ws);
        let want = |moved: &dyn Fn(usize) -> usize| -> Vec<_> {
            lf.findings
                .iter()
                .map(|f| (f.rule, f.severity, moved(f.span.start)..moved(f.span.end)))
                .collect()
        };
        let got = |other: &str, ws: &mut Workspace| -> Vec<_> {
            hedgelint::lint(rules(), &config, path, other, ws)
                .findings
                .iter()
                .map(|f| (f.rule, f.severity, f.span.clone()))
                .collect()
        };
        assert_eq!(want(&|o| shift[o]), got(&crlf, ws), "CRLF {path}: {text:?}");
        let bommed = format!("\u{FEFF}{text}");
        assert_eq!(want(&|o| o + 3), got(&bommed, ws), "BOM {path}: {text:?}");
    }
});
