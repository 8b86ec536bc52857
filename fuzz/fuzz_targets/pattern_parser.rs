#![no_main]
//! The pattern language: parse, compile inside a rule pack, and match on text. The input is
//! `pattern \0 text`. Errors point inside the pattern; a compiled pattern matches in bounded
//! time and yields findings on the text.

use hedgelint::engine::Workspace;
use hedgelint::markup::Format;
use hedgelint::rules::{PackFile, RuleSet};
use libfuzzer_sys::fuzz_target;
use std::sync::Arc;

fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\u{:04X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let (pattern, text) = input
        .split_once('\0')
        .unwrap_or((&input, "Some analysts say it may rain."));
    if let Err(e) = hedgelint::pattern::parse(pattern) {
        assert!(
            e.offset <= pattern.len(),
            "error offset {} past {}",
            e.offset,
            pattern.len()
        );
    }
    let rule = format!(
        "id = \"fuzz-rule\"\nkind = \"hedge\"\nseverity = \"info\"\nmessage = \"m {{match}}\"\npatterns = [{}]\n[docs]\nwhat = \"w\"\nwhy = \"y\"\n",
        toml_string(pattern)
    );
    let classes = "[classes]\nsay = [\"say\", \"says\", \"point to\"]\n";
    let files = [
        PackFile {
            name: "p/classes.toml".into(),
            text: Arc::from(classes),
        },
        PackFile {
            name: "p/fuzz-rule.toml".into(),
            text: Arc::from(rule.as_str()),
        },
    ];
    let mut set = RuleSet::default();
    let errors = set.add_pack("p", &files);
    for e in &errors {
        hedgelint_fuzz::assert_span(&e.text, e.span.start, e.span.end, "error span");
    }
    if errors.is_empty() {
        let c = hedgelint::lint::check(&set, text, Format::PLAIN, &mut Workspace::default());
        hedgelint_fuzz::assert_checked(text, &c);
    }
});
