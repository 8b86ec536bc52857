#![no_main]
//! The post-pass (suppressions, then quotations) on texts made of directives, quotes,
//! blockquotes, fences and flagged words, in both markups: every chunk kind's range, every
//! comment and quotation lies on the text; the final findings are the engine's (same rule,
//! same span) but for `unknown-suppression` findings, which lie in a comment; no finding but
//! a meta one is inside a quotation.

use hedgelint::engine::Workspace;
use hedgelint::lint::check;
use hedgelint::markup::prose_chunks;
use hedgelint::rules::{CueKind, RuleSet};
use hedgelint::text::prose;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::builtin().expect("built-in rules load"))
}

fuzz_target!(|data: &[u8]| {
    let text = hedgelint_fuzz::from_fragments(data);
    let config = hedgelint::config::Config::default();
    let mut ws = Workspace::default();
    for (format, path) in hedgelint_fuzz::FORMATS.into_iter().zip(["f.txt", "f.md"]) {
        let chunks = prose_chunks(&text, format);
        hedgelint_fuzz::assert_chunks(&text, &chunks);
        // The stages see lone CRs as LFs (byte for byte), as lint() gives them the text.
        let staged = hedgelint::lint::lone_cr_as_lf(&text);
        hedgelint_fuzz::assert_chunks(&staged, &prose_chunks(&staged, format));
        let p = prose(&staged, format);
        for c in &p.comments {
            hedgelint_fuzz::assert_span(&text, c.start, c.end, "comment");
        }
        for q in p.quotations.ranges() {
            hedgelint_fuzz::assert_span(&text, q.start, q.end, "quotation");
            assert!(!q.is_empty(), "empty quotation {q:?}");
        }
        let engine = check(rules(), &text, format, &mut ws);
        let linted = hedgelint::lint(rules(), &config, path, &text, &mut ws);
        for f in &linted.findings {
            hedgelint_fuzz::assert_span(&text, f.span.start, f.span.end, "final finding");
            if rules()[f.rule].kind == CueKind::Meta {
                assert!(
                    p.comments
                        .iter()
                        .any(|c| c.start <= f.span.start && f.span.end <= c.end),
                    "meta finding {f:?} outside the comments"
                );
                continue;
            }
            assert!(
                engine
                    .findings
                    .iter()
                    .any(|e| e.rule == f.rule && e.span == f.span),
                "{path}: post-pass made a finding {f:?} the engine did not"
            );
            assert!(
                !p.quotations.contains(&f.span),
                "{path}: finding {f:?} inside a quotation survived"
            );
        }
    }
});
