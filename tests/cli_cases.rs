//! CLI cases as data: every `tests/cmd/**/*.toml` is one run of the binary in a fresh sandbox
//! folder, with its exact expected exit status, stdout and stderr. `BLESS=1 cargo test --test
//! cli_cases` rewrites each case's `[expected]` table from what the binary does now; review the
//! diff before committing it. The format is described in `tests/cmd/README.md`.
//!
//! A hand-written runner rather than `trycmd`: a case here is one file holding its sandbox
//! inline (`[files]`), where `trycmd` wants a folder of input files per case beside it and
//! separate `.stdout`/`.stderr` files, and it adds a dozen crates to the test build. This
//! needs only the `toml` and `serde` the crate already has.

mod common;

use common::hedgelint;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// One case file. Unknown keys are errors, so a typo cannot silently drop a check.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    args: Vec<String>,
    /// A folder of the sandbox to run in; made if no file puts one there.
    #[serde(default)]
    cwd: Option<String>,
    #[serde(default)]
    stdin: Option<String>,
    /// Set on top of the test's environment and `NO_COLOR=1`.
    #[serde(default)]
    env: BTreeMap<String, String>,
    /// Path in the sandbox → its contents.
    #[serde(default)]
    files: BTreeMap<String, String>,
    expected: Option<Expected>,
}

#[derive(Deserialize, PartialEq, Debug)]
#[serde(deny_unknown_fields)]
struct Expected {
    status: i32,
    stdout: String,
    stderr: String,
}

fn cases() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "toml") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cmd"),
        &mut out,
    );
    out.sort();
    out
}

/// Runs a case in a fresh sandbox and returns what it did, redacted (see [`redact`]).
fn run(case: &Case) -> Expected {
    let dir = tempfile::tempdir().expect("sandbox");
    for (path, text) in &case.files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
    }
    let cwd = dir.path().join(case.cwd.as_deref().unwrap_or("."));
    std::fs::create_dir_all(&cwd).unwrap();
    let mut cmd = hedgelint(&case.args).cwd(&cwd);
    for (k, v) in &case.env {
        cmd = cmd.env(k, v);
    }
    if let Some(input) = &case.stdin {
        cmd = cmd.stdin(input);
    }
    let out = cmd.output();
    let text = |bytes: &[u8], which: &str| {
        String::from_utf8(bytes.to_vec()).unwrap_or_else(|e| panic!("{which} is not UTF-8: {e}"))
    };
    Expected {
        // A run killed by a signal has no code: -1 never matches a real one.
        status: out.status.code().unwrap_or(-1),
        stdout: redact(&text(&out.stdout, "stdout"), dir.path()),
        stderr: redact(&text(&out.stderr, "stderr"), dir.path()),
    }
}

/// What varies from machine to machine: the sandbox's path is `[ROOT]` (as given and with
/// symbolic links resolved), and on Windows `\` in paths is `/`. Nothing else is redacted;
/// hedgelint prints no times or dates.
fn redact(s: &str, root: &Path) -> String {
    let mut s = s.to_string();
    let canonical = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    for r in [canonical, root.to_path_buf()] {
        s = s.replace(r.to_str().expect("UTF-8 temp path"), "[ROOT]");
    }
    if cfg!(windows) {
        s = s.replace('\\', "/");
    }
    s
}

/// `s` as a TOML string: a literal multi-line string when it can be one (readable, and a
/// line of output is a line of the file), otherwise a basic string with escapes.
fn toml_string(s: &str) -> String {
    let literal_ok = !s.contains("'''")
        && !s.ends_with('\'')
        && !s.chars().any(|c| c.is_control() && c != '\n' && c != '\t');
    if s.contains('\n') && literal_ok {
        return format!("'''\n{s}'''");
    }
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => write!(out, "\\u{:04X}", c as u32).unwrap(),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The case file `text` with its `[expected]` table (the last thing in the file) replaced.
fn blessed(text: &str, got: &Expected) -> String {
    let head = match text.find("\n[expected]\n") {
        Some(i) => &text[..=i],
        None if text.starts_with("[expected]\n") => "",
        None => text,
    };
    let mut out = head.trim_end().to_string();
    if !out.is_empty() {
        out.push_str("\n\n");
    }
    writeln!(out, "[expected]").unwrap();
    writeln!(out, "status = {}", got.status).unwrap();
    writeln!(out, "stdout = {}", toml_string(&got.stdout)).unwrap();
    writeln!(out, "stderr = {}", toml_string(&got.stderr)).unwrap();
    out
}

/// A line diff of `want` and `got`: the lines between their common start and end, with two
/// lines of context, `-` for expected and `+` for actual.
fn diff(want: &str, got: &str) -> String {
    let (w, g): (Vec<&str>, Vec<&str>) = (want.split('\n').collect(), got.split('\n').collect());
    let head = w.iter().zip(&g).take_while(|(a, b)| a == b).count();
    let tail = w[head..]
        .iter()
        .rev()
        .zip(g[head..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let from = head.saturating_sub(2);
    let mut out = format!("  @@ line {}\n", from + 1);
    for l in &w[from..head] {
        writeln!(out, "   {l}").unwrap();
    }
    for l in &w[head..w.len() - tail] {
        writeln!(out, "  -{l}").unwrap();
    }
    for l in &g[head..g.len() - tail] {
        writeln!(out, "  +{l}").unwrap();
    }
    for l in w[w.len() - tail..].iter().take(2) {
        writeln!(out, "   {l}").unwrap();
    }
    out
}

/// `path` from the package root, as a case file is named in a failure.
fn shown(path: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

fn report(path: &Path, want: &Expected, got: &Expected) -> String {
    let mut out = format!("{}:\n", shown(path));
    if want.status != got.status {
        writeln!(out, " status: expected {}, got {}", want.status, got.status).unwrap();
    }
    for (name, w, g) in [
        ("stdout", &want.stdout, &got.stdout),
        ("stderr", &want.stderr, &got.stderr),
    ] {
        if w != g {
            writeln!(out, " {name} (-expected +actual):\n{}", diff(w, g)).unwrap();
        }
    }
    out
}

#[test]
fn cli_cases() {
    let bless = std::env::var_os("BLESS").is_some_and(|v| !v.is_empty() && v != "0");
    let paths = cases();
    assert!(!paths.is_empty(), "no case files in tests/cmd");
    let mut failures = Vec::new();
    for path in &paths {
        let text = std::fs::read_to_string(path).unwrap();
        let case: Case = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", shown(path)));
        let got = run(&case);
        if bless {
            if case.expected.as_ref() != Some(&got) {
                std::fs::write(path, blessed(&text, &got)).unwrap();
            }
            continue;
        }
        match &case.expected {
            None => failures.push(format!(
                "{}: no [expected] table; run with BLESS=1 to write one\n",
                shown(path)
            )),
            Some(want) if *want != got => failures.push(report(path, want, &got)),
            Some(_) => {}
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} CLI cases differ (BLESS=1 cargo test --test cli_cases rewrites them):\n\n{}",
        failures.len(),
        paths.len(),
        failures.join("\n")
    );
}

#[test]
fn toml_strings_read_back_as_written() {
    for s in [
        "",
        "one line",
        "a\nb\n",
        "ends in '",
        "has ''' inside\n",
        "tab\tand \"quotes\" and \\ backslash\n",
        "nul \0, escape \x1b[1m, cr \r\n",
        "\n\nleading newlines\n",
    ] {
        let doc = format!("s = {}\n", toml_string(s));
        let back: BTreeMap<String, String> =
            toml::from_str(&doc).unwrap_or_else(|e| panic!("{doc}: {e}"));
        assert_eq!(back["s"], s, "{doc}");
    }
}

#[test]
fn blessing_replaces_only_the_expected_table() {
    let got = Expected {
        status: 1,
        stdout: "out\n".into(),
        stderr: String::new(),
    };
    let fresh = blessed("# a case\nargs = [\"x\"]\n", &got);
    assert_eq!(
        fresh,
        "# a case\nargs = [\"x\"]\n\n[expected]\nstatus = 1\nstdout = '''\nout\n'''\nstderr = \"\"\n"
    );
    let again = Expected { status: 0, ..got };
    let re = blessed(&fresh, &again);
    assert_eq!(re, fresh.replace("status = 1", "status = 0"));
}

#[test]
fn init_writes_a_starter_config_that_check_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let out = hedgelint(&["init"]).cwd(dir.path()).output();
    assert_eq!(out.status.code(), Some(0));
    let text = std::fs::read_to_string(dir.path().join("hedgelint.toml")).unwrap();
    assert!(text.contains("# hedgelint configuration"));
    std::fs::write(dir.path().join("a.txt"), "Experts say it works.\n").unwrap();
    let out = hedgelint(&["check", "a.txt"]).cwd(dir.path()).output();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
