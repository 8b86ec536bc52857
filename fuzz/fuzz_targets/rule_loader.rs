#![no_main]
//! The rule loader on arbitrary TOML: a rule file and a classes file from one input split at
//! the first NUL. Every error points inside its file, on char boundaries, and renders.

use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor::NoColor};
use hedgelint::engine::Workspace;
use hedgelint::markup::Format;
use hedgelint::rules::{PackFile, RuleSet};
use libfuzzer_sys::fuzz_target;
use std::sync::Arc;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let (rule, classes) = input
        .split_once('\0')
        .unwrap_or((&input, "[classes]\nsay = [\"say\"]\n"));
    let files = [
        PackFile {
            name: "p/classes.toml".into(),
            text: Arc::from(classes),
        },
        PackFile {
            name: "p/x-rule.toml".into(),
            text: Arc::from(rule),
        },
    ];
    let mut set = RuleSet::default();
    let errors = set.add_pack("p", &files);
    for e in &errors {
        hedgelint_fuzz::assert_span(&e.text, e.span.start, e.span.end, "error span");
        let (text, diagnostic) = e.to_diagnostic();
        let file = SimpleFile::new(e.name.as_str(), &*text);
        let mut out = NoColor::new(Vec::new());
        term::emit_to_write_style(&mut out, &term::Config::default(), &file, &diagnostic)
            .expect("a load error renders");
    }
    let text = "Some analysts say it may rain. It is believed that 40% of them are right.";
    let c = hedgelint::lint::check(&set, text, Format::PLAIN, &mut Workspace::default());
    hedgelint_fuzz::assert_checked(text, &c);
});
