//! `--format sarif`: one SARIF 2.1.0 log for the run, with every rule's metadata in
//! `tool.driver.rules` so that GitHub code scanning and other viewers can show its docs.
//! It is written as the run goes (see [`Sarif`]).

use super::json::{push_nested, write_nested};
use super::{ColumnEncoding, FileReport, LineIndex, Position, Prerender, Reporter, Summary};
use crate::config::normalize;
use crate::rules::{Level, Severity};
use crate::rules::{Rule, RuleSet};
use crate::source::FileError;
use serde_json::{Value, json};
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::Arc;

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The log is written as the run goes: the tool and its rules first, then each file's results
/// (serialized on the worker that checked the file) as its turn comes, then the invocation,
/// whose success and notifications are known only at the end. Memory does not grow with the
/// number of findings. Keys are in that order rather than sorted; SARIF does not care.
pub struct Sarif<W: Write> {
    out: W,
    columns: ColumnEncoding,
    /// The rules' descriptors, until the head is written.
    rules: Vec<Value>,
    /// Files whose results have been written (0: the head is not written yet).
    written: usize,
    /// Files that could not be read: few, and written at the end.
    notifications: Vec<Value>,
    buf: Vec<u8>,
    base: Option<Arc<Base>>,
}

/// Where paths are resolved from and what URIs are relative to: GitHub code scanning reads
/// `artifactLocation.uri` relative to the repository's root, whatever folder the run was in.
#[derive(Clone, Debug)]
pub struct Base {
    /// The folder relative paths are relative to (the current directory).
    pub cwd: PathBuf,
    /// The folder URIs are relative to (the repository's root).
    pub root: PathBuf,
}

/// A path's URI: relative to `base.root` when the path lies under it, else as [`path_uri`].
pub fn uri_under(base: Option<&Base>, path: &str) -> String {
    if let Some(b) = base
        && path != "<stdin>"
    {
        let abs = normalize(&b.cwd.join(path));
        if let Ok(rel) = abs.strip_prefix(normalize(&b.root)) {
            return path_uri(&rel.to_string_lossy());
        }
    }
    path_uri(path)
}

/// FNV-1a, 64 bits: a hash that is the same on every machine and in every version.
pub(super) fn fnv(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain([0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn default_level(l: Level) -> &'static str {
    match l.severity() {
        Some(s) => level(s),
        None => "none",
    }
}

/// A rule's `reportingDescriptor`.
pub fn rule_descriptor(rule: &Rule) -> Value {
    let mut full = rule.docs.what.trim().to_string();
    if !rule.docs.why.trim().is_empty() {
        full.push(' ');
        full.push_str(rule.docs.why.trim());
    }
    let mut d = json!({
        "id": rule.id,
        "name": rule.id,
        "shortDescription": { "text": rule.summary() },
        "fullDescription": { "text": full },
        "defaultConfiguration": {
            "level": default_level(rule.severity),
            "enabled": rule.severity != Level::Off,
        },
        "properties": { "tags": [rule.kind.as_str()], "pack": rule.pack },
    });
    let mut help = String::new();
    if let Some(h) = &rule.help {
        help.push_str(h);
    }
    if let Some(n) = &rule.docs.notes {
        if !help.is_empty() {
            help.push_str("\n\n");
        }
        help.push_str(n);
    }
    if !help.is_empty() {
        d["help"] = json!({ "text": help });
    }
    d
}

/// A path (as [`display_path`](crate::source::display_path) printed it) as a URI reference:
/// the name's own bytes percent-encoded where RFC 3986 wants them to be (space, `%`, `#`,
/// `?`, controls, non-ASCII…), forward slashes, no `./` in front. A relative path whose first
/// segment holds a colon (`x:notes.md`, `http:evil.md`) would read as a scheme or a drive, so
/// it gets a `./` (RFC 3986 §4.2); an absolute path becomes a `file://` URI.
pub fn path_uri(path: &str) -> String {
    let mut bytes = crate::source::name_bytes(path);
    if cfg!(windows) {
        for b in &mut bytes {
            if *b == b'\\' {
                *b = b'/';
            }
        }
    }
    let mut p = &bytes[..];
    while let Some(rest) = p.strip_prefix(b"./") {
        p = rest;
    }
    let mut out = String::with_capacity(p.len() + 8);
    for &b in p {
        if b.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=@:".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    let first = out.split('/').next().unwrap_or("");
    let drive = cfg!(windows)
        && first.len() == 2
        && first.as_bytes()[0].is_ascii_alphabetic()
        && out.as_bytes().get(2) == Some(&b'/');
    if drive {
        out.insert_str(0, "file:///");
    } else if out.starts_with('/') {
        out.insert_str(0, "file://");
    } else if first.contains(':') {
        out.insert_str(0, "./");
    }
    out
}

impl<W: Write> Sarif<W> {
    pub fn new(out: W, rules: &RuleSet) -> Self {
        Sarif {
            out,
            columns: ColumnEncoding::default(),
            rules: rules.rules.iter().map(rule_descriptor).collect(),
            written: 0,
            notifications: Vec::new(),
            buf: Vec::new(),
            base: None,
        }
    }

    /// Write URIs relative to `base.root` (see [`Base`]).
    pub fn with_base(mut self, base: Option<Base>) -> Self {
        self.base = base.map(Arc::new);
        self
    }

    pub fn with_columns(mut self, columns: ColumnEncoding) -> Self {
        self.columns = columns;
        self
    }

    /// The log up to the `results` array's first element.
    fn write_head(&mut self) -> io::Result<()> {
        let tool = json!({
            "driver": {
                "name": "hedgelint",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": std::mem::take(&mut self.rules),
            },
        });
        writeln!(
            self.out,
            "{{\n  \"$schema\": \"{SCHEMA}\",\n  \"version\": \"2.1.0\","
        )?;
        self.out
            .write_all(b"  \"runs\": [\n    {\n      \"tool\": ")?;
        write_nested(&mut self.out, &mut self.buf, &tool, 6)?;
        match self.columns {
            ColumnEncoding::Char => {
                self.out
                    .write_all(b",\n      \"columnKind\": \"unicodeCodePoints\"")?;
            }
            ColumnEncoding::Utf16 => {
                self.out
                    .write_all(b",\n      \"columnKind\": \"utf16CodeUnits\"")?;
            }
            // SARIF has no byte columns; say what they are in the run's property bag.
            ColumnEncoding::Utf8 => self.out.write_all(
                b",\n      \"properties\": {\n        \"columnEncoding\": \"utf-8\"\n      }",
            )?,
        }
        self.out.write_all(b",\n      \"results\": [")
    }
}

/// A file's results (findings, then broken thresholds) as elements of the log's `results`
/// array, separated as the whole log separates them; empty if none.
fn render_results(
    rules: &RuleSet,
    report: &FileReport,
    columns: ColumnEncoding,
    base: Option<&Base>,
) -> Vec<u8> {
    let mut out = Vec::new();
    let uri = uri_under(base, &report.file.path);
    if !report.linted.findings.is_empty() {
        let text = &report.file.text;
        let index = LineIndex::new(text);
        // How often each (rule, flagged text, line) has been seen: the n-th of identical
        // findings keeps its fingerprint when others move.
        let mut seen: rustc_hash::FxHashMap<u64, usize> = Default::default();
        for f in &report.linted.findings {
            let rule = &rules[f.rule];
            let p = index.position(&f.span, columns);
            // Stable across unrelated edits: the rule, the words flagged and the text of
            // their line (whitespace squeezed), not its number.
            let line = &text[index.line_bounds(f.span.start)];
            let line: String = line.split_whitespace().collect::<Vec<_>>().join(" ");
            let key = fnv(&[&rule.id, &text[f.span.clone()], &line]);
            let n = seen.entry(key).or_default();
            *n += 1;
            let fingerprint = format!("{key:016x}:{n}");
            let mut result = json!({
                "ruleId": rule.id,
                "ruleIndex": f.rule.index(),
                "level": level(f.severity),
                "message": { "text": f.message },
                "partialFingerprints": { "hedgelint/v1": fingerprint },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri },
                        "region": region(&p, Some((f.span.clone(), &report.file.text))),
                    },
                }],
            });
            if !f.secondary.is_empty() {
                result["relatedLocations"] = f
                    .secondary
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        let p = index.position(&s.span, columns);
                        json!({
                            "id": i,
                            "message": { "text": s.label },
                            "physicalLocation": {
                                "artifactLocation": { "uri": uri },
                                "region": region(&p, None),
                            },
                        })
                    })
                    .collect();
            }
            push_nested(&mut out, &result, 8);
        }
    }
    // A broken score threshold is about the whole document; its id names the threshold
    // (`min-certainty`), which is configuration, not a rule in `tool.driver.rules`.
    for v in &report.linted.violations {
        let p = LineIndex::new(&report.file.text).position(&v.span, columns);
        let result = json!({
            "ruleId": v.threshold,
            "level": level(v.severity),
            "message": { "text": v.message },
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": { "uri": uri },
                    "region": { "startLine": p.line, "startColumn": p.column },
                },
            }],
            "properties": { "kind": "threshold", "limit": v.limit, "actual": v.actual },
        });
        push_nested(&mut out, &result, 8);
    }
    out
}

impl<W: Write> Reporter for Sarif<W> {
    fn file(&mut self, rules: &RuleSet, report: &FileReport) -> io::Result<()> {
        let base = self.base.clone();
        let bytes =
            report.rendered(|| render_results(rules, report, self.columns, base.as_deref()));
        if bytes.is_empty() {
            return Ok(());
        }
        if self.written == 0 {
            self.write_head()?;
            self.out.write_all(b"\n        ")?;
        } else {
            self.out.write_all(b",\n        ")?;
        }
        self.out.write_all(&bytes)?;
        self.written += 1;
        Ok(())
    }

    /// A file's results are serialized on the worker threads.
    fn prerenderer(&self) -> Option<Box<Prerender>> {
        let columns = self.columns;
        let base = self.base.clone();
        Some(Box::new(move |rules: &RuleSet, report: &FileReport| {
            render_results(rules, report, columns, base.as_deref())
        }))
    }

    fn file_error(&mut self, error: &FileError) -> io::Result<()> {
        self.notifications.push(json!({
            "level": "error",
            "message": { "text": format!("{}: {}", error.path, error.reason) },
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": { "uri": uri_under(self.base.as_deref(), &error.path) },
                },
            }],
        }));
        Ok(())
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        if self.written == 0 {
            self.write_head()?;
            self.out.write_all(b"],\n")?;
        } else {
            self.out.write_all(b"\n      ],\n")?;
        }
        let invocations = json!([{
            "executionSuccessful": self.notifications.is_empty(),
            "toolExecutionNotifications": std::mem::take(&mut self.notifications),
        }]);
        self.out.write_all(b"      \"invocations\": ")?;
        write_nested(&mut self.out, &mut self.buf, &invocations, 6)?;
        self.out.write_all(b"\n    }\n  ]\n}\n")?;
        self.out.flush()
    }
}

/// A SARIF region; with the span and its text, also the byte offsets and the snippet.
fn region(p: &Position, bytes: Option<(std::ops::Range<usize>, &str)>) -> Value {
    let mut r = json!({
        "startLine": p.line,
        "startColumn": p.column,
        "endLine": p.end_line,
        "endColumn": p.end_column,
    });
    if let Some((span, text)) = bytes {
        r["byteOffset"] = json!(span.start);
        r["byteLength"] = json!(span.len());
        r["snippet"] = json!({ "text": &text[span] });
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_relative_uris() {
        assert_eq!(path_uri("./docs/a b.md"), "docs/a%20b.md");
        assert_eq!(path_uri("<stdin>"), "%3Cstdin%3E");
        assert_eq!(path_uri("/tmp/x#.md"), "file:///tmp/x%23.md");
        assert_eq!(path_uri("x:notes.md"), "./x:notes.md");
        assert_eq!(path_uri("http:evil.md"), "./http:evil.md");
        assert_eq!(path_uri("./a/b:c.md"), "a/b:c.md");
        assert_eq!(path_uri("é ?%.md"), "%C3%A9%20%3F%25.md");
        #[cfg(windows)]
        assert_eq!(path_uri("C:\\x\\y.md"), "file:///C:/x/y.md");
        #[cfg(unix)]
        {
            assert_eq!(path_uri("C:\\\\x.md"), "./C:%5Cx.md");
            assert_eq!(path_uri("a\\xFF\\n.md"), "a%FF%0A.md");
        }
    }
}
