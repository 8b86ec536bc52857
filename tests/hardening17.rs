//! Issue 17's untrusted inputs at the command line: file names that try to inject lines or
//! workflow commands, files that are not what they seem (sparse, growing, UTF-16, the report
//! itself), CR-only line endings, thread counts beyond reason, repository configs that point
//! outside the project. Each test failed on the code before the fix.

mod common;

use common::{dir, hedgelint, write};

/// The output formats the file-name tests run through.
const FORMATS: [&str; 8] = [
    "human",
    "short",
    "github",
    "checkstyle",
    "sarif",
    "json",
    "ndjson",
    "codeclimate",
];

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The run failed as a usage or config error (2), saying `says` on stderr.
fn assert_error(out: &std::process::Output, says: &str) {
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(says), "{err}");
}

#[cfg(unix)]
#[test]
fn control_characters_in_file_names_are_escaped_in_every_format() {
    let d = dir();
    let name = "x\n::error file=README.md,line=1::pwned\r\u{1b}[2J.md";
    write(d.path(), name, "Experts say it works.\n");
    for format in FORMATS {
        let out = hedgelint(&["check", "--no-config", "--format", format, "."])
            .cwd(d.path())
            .output();
        assert_eq!(out.status.code(), Some(1), "{format}");
        let s = text(&out.stdout);
        assert!(
            !s.contains('\r') && !s.contains('\u{1b}'),
            "{format}: {s:?}"
        );
        for line in s.lines() {
            assert!(
                !line.trim_start().starts_with("::error file=README"),
                "{format}: {s}"
            );
        }
        if format == "short" {
            assert!(
                s.lines().all(|l| l.contains("x\\n::error")),
                "one finding a line: {s}"
            );
        }
    }
}

/// Three names that an escape could confuse: two bytes that are not UTF-8, and a name spelled
/// like the escape of one of them. Each format's output for a folder holding one of them is
/// different from the others' (it names its file).
#[cfg(unix)]
#[test]
fn names_that_are_not_utf8_stay_distinct_in_every_format() {
    use std::os::unix::ffi::OsStrExt;
    let names: [&[u8]; 3] = [b"a\xff.md", b"a\xfe.md", b"a\\xFF.md"];
    for format in FORMATS {
        let outs: Vec<String> = names
            .iter()
            .map(|b| {
                let d = dir();
                let p = d.path().join(std::ffi::OsStr::from_bytes(b));
                std::fs::write(p, "Experts say it works.\n").expect("write");
                let out = hedgelint(&["check", "--no-config", "--format", format, "."])
                    .cwd(d.path())
                    .output();
                text(&out.stdout)
            })
            .collect();
        assert!(
            outs[0] != outs[1] && outs[1] != outs[2] && outs[0] != outs[2],
            "{format}: {outs:?}"
        );
    }
    let d = dir();
    for b in names {
        std::fs::write(
            d.path().join(std::ffi::OsStr::from_bytes(b)),
            "Experts say so.\n",
        )
        .expect("write");
    }
    let out = hedgelint(&["check", "--no-config", "--format", "short", "."])
        .cwd(d.path())
        .output();
    let s = text(&out.stdout);
    assert!(
        s.contains("a\\xFF.md:") && s.contains("a\\xFE.md:") && s.contains("a\\\\xFF.md:"),
        "{s}"
    );
    let uris = sarif_uris(d.path());
    assert_eq!(
        uris,
        ["a%5CxFF.md", "a%FE.md", "a%FF.md"],
        "the name's own bytes"
    );
}

/// Every `artifactLocation.uri` of a SARIF run over `.` in `d`, sorted.
fn sarif_uris(d: &std::path::Path) -> Vec<String> {
    let out = hedgelint(&["check", "--no-config", "--format", "sarif", "."])
        .cwd(d)
        .output();
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).expect("SARIF is JSON");
    let mut uris: Vec<String> = log["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .expect("uri")
                .to_string()
        })
        .collect();
    uris.sort();
    uris.dedup();
    uris
}

/// A colon in a relative path's first segment would make it a scheme (`http:`) or a drive
/// (`x:`): the URI gets a `./`; what a URI reference cannot hold is percent-encoded.
#[cfg(unix)]
#[test]
fn sarif_uris_of_names_with_colons_and_reserved_characters_stay_relative() {
    let d = dir();
    for name in ["x:notes.md", "http:evil.md", "sub/c:d.md", "a b#?%é.md"] {
        write(d.path(), name, "Experts say it works.\n");
    }
    assert_eq!(
        sarif_uris(d.path()),
        [
            "./http:evil.md",
            "./x:notes.md",
            "a%20b%23%3F%25%C3%A9.md",
            "sub/c:d.md"
        ]
    );
}

#[cfg(unix)]
#[test]
fn a_sparse_terabyte_does_not_abort_the_run_and_big_files_are_bounded() {
    let d = dir();
    write(d.path(), "a.md", "Experts say it works.\n");
    let f = std::fs::File::create(d.path().join("huge.txt")).expect("create");
    // Text at the start, so that it is not skipped as binary; a terabyte of hole after it.
    use std::io::Write;
    (&f).write_all(b"Experts say it works. ").expect("write");
    if f.set_len(1 << 40).is_err() {
        return; // a file system without sparse files
    }
    let out = hedgelint(&["check", "--no-config", "--format", "json", "."])
        .cwd(d.path())
        .output();
    // The hole reads as NUL bytes: a binary file, skipped from its first bytes.
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["diagnostics"][0]["path"], "./a.md", "{v}");
    assert_eq!(v["summary"]["files"], 1, "{v}");
    // A file over the bound is an error that names the flag.
    write(d.path(), "b.md", "Experts say it works.\n".repeat(100));
    let out = hedgelint(&[
        "check",
        "--no-config",
        "--format",
        "short",
        "--max-file-size",
        "1K",
        "b.md",
    ])
    .cwd(d.path())
    .output();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stdout).contains("b.md: error[io]: larger than 1024 bytes"));
    let out = hedgelint(&["check", "--no-config", "--max-file-size", "4K", "b.md"])
        .cwd(d.path())
        .output();
    assert_eq!(out.status.code(), Some(1));
}

#[cfg(unix)]
#[test]
fn a_sparse_file_of_nuls_is_skipped_without_being_read() {
    let d = dir();
    let f = std::fs::File::create(d.path().join("zeros.txt")).expect("create");
    if f.set_len(2 << 30).is_err() {
        return;
    }
    let t = std::time::Instant::now();
    let out = hedgelint(&["check", "--no-config", "--format", "json", "zeros.txt"])
        .cwd(d.path())
        .output();
    assert_eq!(out.status.code(), Some(0));
    assert!(t.elapsed().as_secs() < 5, "{:?}", t.elapsed());
}

#[test]
fn utf16_files_are_named_as_not_checked_in_every_format() {
    let d = dir();
    let mut le = vec![0xFF, 0xFE];
    for u in "Experts say it works.\n".encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
    }
    write(d.path(), "le.txt", &le);
    for format in FORMATS {
        let out = hedgelint(&["check", "--no-config", "--format", format, "."])
            .cwd(d.path())
            .output();
        assert_eq!(out.status.code(), Some(2), "{format}");
        let all = text(&out.stdout) + &text(&out.stderr);
        assert!(
            all.contains("le.txt") && all.contains("UTF-16"),
            "{format}: {all}"
        );
    }
}

#[test]
fn cr_only_line_endings_read_as_lines() {
    let d = dir();
    // Plain text: a directive on line 1 silences line 2 only; line 3 is reported.
    write(
        d.path(),
        "a.txt",
        "hedgelint: disable-next-line\rExperts say it works.\rExperts say so too.\r",
    );
    // Markdown: after a fence, the rest is checked.
    write(
        d.path(),
        "b.md",
        "# T\r\r```\rcode\r```\r\rExperts say it works.\r",
    );
    let out = hedgelint(&["check", "--no-config", "--format", "short", "."])
        .cwd(d.path())
        .output();
    let s = text(&out.stdout);
    assert!(!s.contains("unknown-suppression"), "{s}");
    assert!(s.contains("a.txt:3:1: warning[vague-attribution]"), "{s}");
    assert!(!s.contains("a.txt:2:"), "{s}");
    assert!(s.contains("b.md:7:1: warning[vague-attribution]"), "{s}");
}

#[cfg(unix)]
#[test]
fn the_file_stdout_goes_to_is_not_checked() {
    let d = dir();
    write(d.path(), "a.txt", "Experts say it works.\n");
    write(d.path(), "report.txt", "Experts say it may rain.\n");
    let report = std::fs::OpenOptions::new()
        .append(true)
        .open(d.path().join("report.txt"))
        .expect("open");
    let mut cmd = hedgelint(&["check", "--no-config", "--format", "short", "."])
        .cwd(d.path())
        .command();
    let status = cmd.stdout(report).status().expect("run");
    assert_eq!(status.code(), Some(1));
    let s = std::fs::read_to_string(d.path().join("report.txt")).expect("read");
    assert!(s.contains("a.txt:1:1"), "{s}");
    assert!(!s.contains("report.txt:"), "{s}");
}

#[test]
fn a_hundred_thousand_threads_are_capped() {
    let d = dir();
    for i in 0..3 {
        write(d.path(), &format!("{i}.md"), "Experts say it works.\n");
    }
    let out = hedgelint(&[
        "check",
        "--no-config",
        "--threads",
        "100000",
        "--format",
        "short",
        ".",
    ])
    .cwd(d.path())
    .output();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).lines().count(), 3);
}

/// A project in `repo/` beside a secret in `outside/`.
#[cfg(unix)]
fn project_beside_a_secret() -> tempfile::TempDir {
    let d = dir();
    write(
        d.path(),
        "outside/secret.toml",
        "TOKEN = \"ghp_SECRET\"\nnot toml at all\n",
    );
    write(d.path(), "repo/a.md", "Experts say it works.\n");
    d
}

#[cfg(unix)]
fn assert_refused_without_the_secret(out: &std::process::Output, what: &str) {
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{what}: {err}");
    assert!(
        !err.contains("ghp_SECRET") && !text(&out.stdout).contains("ghp_SECRET"),
        "{what}: {err}"
    );
}

#[cfg(unix)]
#[test]
fn a_config_linked_out_of_the_project_is_not_read_or_shown() {
    let d = project_beside_a_secret();
    let repo = d.path().join("repo");
    std::os::unix::fs::symlink("../outside/secret.toml", repo.join("hedgelint.toml"))
        .expect("link");
    let out = hedgelint(&["check", "a.md"]).cwd(&repo).output();
    assert_refused_without_the_secret(&out, "discovered");
    assert!(
        text(&out.stderr).contains("symbolic link"),
        "{}",
        text(&out.stderr)
    );
    // Named on the command line it is read, but nothing of it is shown.
    let out = hedgelint(&["check", "--config", "hedgelint.toml", "a.md"])
        .cwd(&repo)
        .output();
    assert_refused_without_the_secret(&out, "--config");
    assert!(
        text(&out.stderr).contains("line 2"),
        "{}",
        text(&out.stderr)
    );
}

#[cfg(unix)]
#[test]
fn a_config_s_rules_dir_stays_inside_the_project() {
    let d = project_beside_a_secret();
    let repo = d.path().join("repo");
    std::os::unix::fs::symlink("../outside", repo.join("packs")).expect("link");
    let outside = d.path().join("outside");
    for dir in ["../outside", outside.to_str().expect("utf-8"), "packs", "/"] {
        write(&repo, "hedgelint.toml", format!("rules-dir = {dir:?}\n"));
        let out = hedgelint(&["check", "a.md"]).cwd(&repo).output();
        assert_refused_without_the_secret(&out, dir);
        assert!(
            text(&out.stderr).contains("outside the project"),
            "{dir}: {}",
            text(&out.stderr)
        );
    }
    // Inside, a pack folder is read as before (and its errors shown).
    write(&repo, "style/x.toml", "not toml\n");
    write(&repo, "hedgelint.toml", "rules-dir = \"style\"\n");
    let out = hedgelint(&["check", "a.md"]).cwd(&repo).output();
    assert_error(&out, "not toml");
}

/// A pack outside the project is the user's to choose: `--rules-dir` loads it (for check,
/// score, explain, rules, test and eval), where a config's `rules-dir` naming it is refused.
#[test]
fn a_pack_outside_the_project_loads_with_the_flag_only() {
    let d = dir();
    let repo = d.path().join("repo");
    write(
        d.path(),
        "shared-packs/house/house-zorb.toml",
        r#"id = "house-zorb"
kind = "hedge"
severity = "warning"
message = "hedge: “{match}” is a house word"
patterns = ["zorbly"]
[docs]
what = "Flags zorbly."
why = "The house style has no room for it."
[[example]]
flag = "It is zorbly done."
[[example]]
pass = "It is done."
"#,
    );
    write(&repo, "a.md", "The bridge is zorbly finished.\n");
    let pack = d.path().join("shared-packs/house");
    let pack = pack.to_str().expect("utf-8");
    let out = hedgelint(&["check", "--format", "short", "--rules-dir", pack, "a.md"])
        .cwd(&repo)
        .output();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("house-zorb"),
        "{}",
        text(&out.stdout)
    );
    // Relative to the current directory, and with --no-config too.
    for args in [
        &[
            "check",
            "--no-config",
            "--format",
            "short",
            "--rules-dir",
            "../shared-packs/house",
            "a.md",
        ][..],
        &["score", "--rules-dir", "../shared-packs/house", "a.md"],
        &[
            "explain",
            "--rules-dir",
            "../shared-packs/house",
            "house-zorb",
        ],
        &["rules", "--rules-dir", "../shared-packs/house"],
        &[
            "test",
            "--rules-dir",
            "../shared-packs/house",
            "--pack",
            "house",
        ],
    ] {
        let out = hedgelint(args).cwd(&repo).output();
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{args:?}: {}",
            text(&out.stderr)
        );
        if args[0] != "score" {
            assert!(
                text(&out.stdout).contains("house-zorb") || text(&out.stdout).contains("1 rules"),
                "{args:?}: {}",
                text(&out.stdout)
            );
        }
    }
    write(
        &repo,
        "gold.jsonl",
        "{\"id\":\"1\",\"text\":\"It is zorbly done.\",\"label\":\"hedge\"}\n",
    );
    let out = hedgelint(&[
        "eval",
        "--gold",
        "gold.jsonl",
        "--rules-dir",
        "../shared-packs/house",
    ])
    .cwd(&repo)
    .output();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // The same folder named by the repository's config is refused.
    write(
        &repo,
        "hedgelint.toml",
        "rules-dir = \"../shared-packs/house\"\n",
    );
    let out = hedgelint(&["check", "a.md"]).cwd(&repo).output();
    assert_error(&out, "outside the project");
    // A folder that is not there is an error naming the flag.
    let out = hedgelint(&["check", "--no-config", "--rules-dir", "nowhere", "a.md"])
        .cwd(&repo)
        .output();
    assert_error(&out, "--rules-dir `nowhere`");
}

/// Output that cannot be written (`> /dev/full`) is an error (exit 2, said on stderr), not a
/// panic in clap_complete or a silent success.
#[cfg(target_os = "linux")]
#[test]
fn output_to_a_full_device_is_an_error() {
    for args in [
        &["completions", "bash"][..],
        &["--help"],
        &["--version"],
        &["check", "--help"],
        &["man"],
        &["test"],
    ] {
        let out = to_full_device(hedgelint(args).command());
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("cannot write output"), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

/// Runs `cmd` with its standard output on `/dev/full` (every write fails with ENOSPC).
#[cfg(target_os = "linux")]
fn to_full_device(mut cmd: std::process::Command) -> std::process::Output {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    cmd.stdout(full)
        .stderr(std::process::Stdio::piped())
        .output()
        .expect("run")
}

/// `hedgelint test` whose first output is a diagnostic (a rule without examples), not the
/// summary line, to a full device: the failed write is an error too, exit 2, not a failed test.
#[cfg(target_os = "linux")]
#[test]
fn test_diagnostics_to_a_full_device_are_an_error() {
    let d = dir();
    write(d.path(), "hedgelint.toml", "rules-dir = \"style\"\n");
    write(
        d.path(),
        "style/no-synergy.toml",
        "id = \"no-synergy\"\nkind = \"claim\"\nseverity = \"warning\"\n\
         message = \"jargon: {match}\"\npatterns = [\"synergy\"]\n\
         [docs]\nwhat = \"Flags synergy.\"\nwhy = \"Jargon.\"\n",
    );
    let mut cmd = hedgelint(&["test"]).command();
    cmd.current_dir(d.path());
    let out = to_full_device(cmd);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("cannot write output"), "{err}");
}

/// A value of megabytes in the config (where no argument-length limit applies) is echoed cut,
/// once, and quickly: the "did you mean" search skips names whose lengths are too far apart
/// (comparing a 1 MB name char by char took a minute).
#[test]
fn huge_values_are_echoed_cut() {
    let d = dir();
    let big = |c: &str| c.repeat(1 << 20);
    write(d.path(), "a.md", "Text.\n");
    let configs = [
        format!("preset = \"{}\"\n", big("p")),
        format!("select = [\"{}\"]\n", big("s")),
        format!("[rules.\"{}\"]\nseverity = \"off\"\n", big("r")),
        format!("fail-on = \"{}\"\n", big("f")),
        format!("{} = 1\n", big("k")),
    ];
    for config in configs {
        write(d.path(), "hedgelint.toml", &config);
        let started = std::time::Instant::now();
        let out = hedgelint(&["check", "a.md"]).cwd(d.path()).output();
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{}", &err[..err.len().min(500)]);
        assert!(
            err.len() < 2000 && err.contains('…'),
            "{} bytes: {}",
            err.len(),
            &err[..err.len().min(500)]
        );
        assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    }
    let long = "x".repeat(100_000);
    for args in [
        &["check", "--preset", &long, "a.md"][..],
        &["check", "--select", &long, "a.md"],
        &["check", "--threads", &long, "a.md"],
        &["check", "--stdin-filename", &long, "a.md"],
        &["explain", &long],
    ] {
        let out = hedgelint(args).cwd(d.path()).output();
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{}", &err[..err.len().min(500)]);
        assert!(
            err.len() < 2000,
            "{}: {}",
            args[1],
            &err[..err.len().min(500)]
        );
    }
}

/// A folder of `n` files, each a few kilobytes of prose with findings: a run long enough to
/// be interrupted.
#[cfg(unix)]
fn many_files(n: usize) -> tempfile::TempDir {
    let d = dir();
    let body =
        "Experts say the bridge may open soon. It is clearly the best design.\n\n".repeat(60);
    for i in 0..n {
        write(d.path(), &format!("docs/{i:05}.md"), &body);
    }
    d
}

/// Sends `signal` to the child once `ready` says it is under way, and waits for it.
#[cfg(unix)]
fn interrupt(
    child: &mut std::process::Child,
    signal: &str,
    ready: impl Fn() -> bool,
) -> std::process::ExitStatus {
    let started = std::time::Instant::now();
    while !ready() && started.elapsed().as_secs() < 60 {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let sent = std::process::Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(sent.success());
    child.wait().expect("wait")
}

/// SIGINT or SIGTERM in the middle of a run: what is on stdout is a whole JSON or SARIF
/// document (of the files checked so far), and the exit status says it was interrupted.
#[cfg(unix)]
#[test]
fn a_signal_leaves_a_whole_document_on_stdout() {
    use std::io::Read;
    let d = many_files(1500);
    for (format, signal) in [("json", "-INT"), ("sarif", "-TERM")] {
        let mut cmd = hedgelint(&["check", "--no-config", "--format", format, "docs"]).command();
        let mut child = cmd
            .current_dir(d.path())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        let mut stdout = child.stdout.take().expect("stdout");
        // The first bytes of the document: the run is under way. The rest is read while the
        // child finishes (it blocks on a full pipe otherwise).
        let mut first = vec![0; 4096];
        stdout.read_exact(&mut first).expect("a first block");
        let rest = std::thread::spawn(move || {
            let mut rest = Vec::new();
            stdout.read_to_end(&mut rest).expect("the rest");
            rest
        });
        let status = interrupt(&mut child, signal, || true);
        let mut head = first;
        head.extend(rest.join().expect("reader"));
        assert_eq!(status.code(), Some(130), "{format}");
        let doc: serde_json::Value = serde_json::from_slice(&head).unwrap_or_else(|e| {
            panic!(
                "{format}: {e}: …{}",
                text(&head[head.len().saturating_sub(300)..])
            )
        });
        let files = match format {
            "json" => doc["files"].as_array().map(Vec::len),
            _ => doc["runs"][0]["results"].as_array().map(Vec::len),
        };
        assert!(files.is_some_and(|n| n > 0), "{format}: {files:?}");
        if format == "json" {
            assert!(files < Some(1500), "interrupted before the end: {files:?}");
        }
    }
}

/// With `-o FILE`, an interrupted run leaves no file (nor its temporary one), and an earlier
/// report at that path stays as it was.
#[cfg(unix)]
#[test]
fn a_signal_leaves_no_partial_output_file() {
    let d = many_files(1500);
    write(d.path(), "out/report.json", "earlier");
    let mut cmd = hedgelint(&[
        "check",
        "--no-config",
        "--format",
        "json",
        "-o",
        "out/report.json",
        "docs",
    ])
    .command();
    let mut child = cmd
        .current_dir(d.path())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    let out = d.path().join("out");
    let partial_grown = || {
        std::fs::read_dir(&out).expect("out").flatten().any(|e| {
            e.file_name()
                .to_string_lossy()
                .ends_with(".hedgelint-partial")
                && e.metadata().is_ok_and(|m| m.len() > 4096)
        })
    };
    let status = interrupt(&mut child, "-INT", partial_grown);
    assert_eq!(status.code(), Some(130));
    let left: Vec<_> = std::fs::read_dir(&out)
        .expect("out")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left, ["report.json"], "only the earlier report");
    assert_eq!(
        std::fs::read_to_string(out.join("report.json")).expect("read"),
        "earlier"
    );
    // Uninterrupted, the report replaces it whole.
    let out2 = hedgelint(&[
        "check",
        "--no-config",
        "--format",
        "json",
        "-o",
        "out/report.json",
        "docs/00001.md",
    ])
    .cwd(d.path())
    .output();
    assert_eq!(out2.status.code(), Some(1));
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).expect("read"))
            .expect("JSON");
    assert_eq!(doc["files"].as_array().map(Vec::len), Some(1));
}
