#![no_main]
//! Every reporter's output parsed back, for a file whose name and text come from the input:
//! JSON, NDJSON (a document a line), Code Climate and SARIF (JSON of the expected shape) as
//! JSON; checkstyle as XML; short as one `path:line:col: severity[rule]: message` a finding;
//! github as one workflow command a line, no raw line break inside a value.

use codespan_reporting::term::termcolor::NoColor;
use hedgelint::engine::Workspace;
use hedgelint::report::{
    Checkstyle, CodeClimate, FileReport, Github, Human, Json, Ndjson, Reporter, Sarif, Short,
};
use hedgelint::rules::RuleSet;
use hedgelint::source::SourceFile;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::builtin().expect("built-in rules load"))
}

fn render(r: &mut dyn Reporter, report: &FileReport) {
    r.file(rules(), report).expect("renders");
    r.finish(&Default::default()).expect("finishes");
}

fuzz_target!(|data: &[u8]| {
    // The first bytes up to a NUL name the file (any bytes, as a Unix name can hold).
    let (name, body) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (&b"f"[..], data),
    };
    #[cfg(unix)]
    let shown = {
        use std::os::unix::ffi::OsStrExt;
        let mut n = name.to_vec();
        n.extend_from_slice(b".md");
        hedgelint::source::display_path(std::path::Path::new(std::ffi::OsStr::from_bytes(&n)))
    };
    #[cfg(not(unix))]
    let shown = format!("{}.md", String::from_utf8_lossy(name));
    assert!(!shown.chars().any(char::is_control), "{shown:?}");
    assert_eq!(
        hedgelint::source::name_bytes(&shown),
        [name, b".md"].concat(),
        "the shown name gives the name back"
    );
    let text = hedgelint_fuzz::from_fragments(body);
    let config = hedgelint::config::Config::default();
    let linted = hedgelint::lint(rules(), &config, &shown, &text, &mut Workspace::default());
    let file = SourceFile {
        path: shown.clone(),
        text: text.clone(),
    };
    let report = FileReport {
        file: &file,
        linted: &linted,
        prerendered: None,
    };
    let n = linted.findings.len() + linted.violations.len();

    let mut out = Vec::new();
    render(&mut Human::new(NoColor::new(&mut out)), &report);

    let json = |bytes: &[u8], what: &str| -> serde_json::Value {
        serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("{what}: {e}"))
    };
    let mut out = Vec::new();
    render(&mut Json::new(&mut out), &report);
    let v = json(&out, "json");
    assert_eq!(v["files"][0]["path"].as_str(), Some(shown.as_str()));

    let mut out = Vec::new();
    render(&mut Ndjson::new(&mut out), &report);
    for line in out.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        json(line, "ndjson line");
    }

    let mut out = Vec::new();
    render(&mut CodeClimate::new(&mut out), &report);
    assert_eq!(json(&out, "codeclimate").as_array().map(Vec::len), Some(n));

    let mut out = Vec::new();
    render(&mut Sarif::new(&mut out, rules()), &report);
    let v = json(&out, "sarif");
    assert_eq!(v["version"], "2.1.0");
    let results = v["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), n);
    for r in results {
        assert!(r["ruleId"].is_string() && r["message"]["text"].is_string());
        let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .expect("uri");
        // A relative reference (no scheme), or a `file:` URI for an absolute path; nothing a
        // URI cannot hold.
        let first = uri.split('/').next().unwrap_or("");
        let absolute = shown.starts_with('/');
        assert_eq!(absolute, uri.starts_with("file:///"), "{shown} {uri}");
        assert!(
            absolute || !first.contains(':') || uri.starts_with("./"),
            "{uri}"
        );
        assert!(
            uri.bytes()
                .all(|b| b.is_ascii_graphic() && !b"#?\\\"<>[]^`{|} ".contains(&b)),
            "{uri}"
        );
    }

    let mut out = Vec::new();
    render(&mut Checkstyle::new(&mut out), &report);
    let xml = String::from_utf8(out).expect("checkstyle is UTF-8");
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("checkstyle: {e}"));
    let errors = doc
        .descendants()
        .filter(|e| e.has_tag_name("error"))
        .count();
    assert_eq!(errors, n);
    if n > 0 {
        let f = doc
            .descendants()
            .find(|e| e.has_tag_name("file"))
            .expect("file");
        assert_eq!(f.attribute("name"), Some(shown.as_str()));
    }

    let mut out = Vec::new();
    render(&mut Short::new(&mut out), &report);
    let short = String::from_utf8(out).expect("short is UTF-8");
    let lines: Vec<&str> = short.lines().collect();
    assert!(lines.len() >= n, "{short}");
    for l in lines.iter().take(n) {
        let rest = l
            .strip_prefix(&format!("{shown}:"))
            .unwrap_or_else(|| panic!("{l}"));
        let mut parts = rest.splitn(3, ':');
        let (line, col) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        assert!(
            line.parse::<usize>().is_ok() && col.parse::<usize>().is_ok(),
            "{l}"
        );
        assert!(!l.contains('\r'), "{l:?}");
    }

    let mut out = Vec::new();
    render(&mut Github::new(&mut out), &report);
    let gh = String::from_utf8(out).expect("github is UTF-8");
    assert!(!gh.contains('\r'));
    let commands = gh.lines().filter(|l| l.starts_with("::")).count();
    assert_eq!(commands, n, "{gh}");
    for l in gh.lines().filter(|l| l.starts_with("::")) {
        let (head, _message) = l[2..].split_once("::").unwrap_or_else(|| panic!("{l}"));
        let (cmd, props) = head.split_once(' ').unwrap_or((head, ""));
        assert!(matches!(cmd, "error" | "warning" | "notice"), "{l}");
        for p in props.split(',').filter(|p| !p.is_empty()) {
            let (k, _) = p.split_once('=').unwrap_or_else(|| panic!("{l}"));
            assert!(
                matches!(
                    k,
                    "file" | "line" | "col" | "endLine" | "endColumn" | "title"
                ),
                "{l}"
            );
        }
    }
});
