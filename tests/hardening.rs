//! Bad input of every kind: the run goes on with the other files, names the file and the
//! reason, keeps the exit-code contract, and never panics or hangs. And the same input gives
//! the same findings whatever the file order, thread count or output format.

mod common;

use common::{dir, hedgelint, write};
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn json(args: &[&str], cwd: &Path) -> (Value, Output) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let out = hedgelint(&all).cwd(cwd).output();
    let v = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    (v, out)
}

fn diags(v: &Value) -> &Vec<Value> {
    v["diagnostics"].as_array().expect("diagnostics array")
}

/// (rule, line, column) of every diagnostic.
fn positions(v: &Value) -> Vec<(String, u64, u64)> {
    diags(v)
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap_or_default().to_string(),
                d["line"].as_u64().unwrap_or_default(),
                d["column"].as_u64().unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn non_utf8_is_reported_and_lossy_keeps_spans_on_the_original_bytes() {
    let d = dir();
    let bytes = b"caf\xe9 \xff\xfe experts say it works.\n";
    write(d.path(), "latin1.txt", bytes);
    let (v, out) = json(&["latin1.txt"], d.path());
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(v["errors"][0]["path"], "latin1.txt");
    assert!(
        v["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("not valid UTF-8") && m.contains("offset 3")),
        "{v}"
    );

    let (v, out) = json(&["--encoding", "lossy", "latin1.txt"], d.path());
    assert_eq!(out.status.code(), Some(1), "{v}");
    let d0 = &diags(&v)[0];
    assert_eq!(d0["rule"], "vague-attribution");
    let start = d0["start"].as_u64().unwrap() as usize;
    let end = d0["end"].as_u64().unwrap() as usize;
    assert_eq!(&bytes[start..end], b"experts say");
    // One column per byte replaced: "caf?" + " " + "??" + " " → column 9.
    assert_eq!(d0["column"], 9);
}

#[test]
fn binary_files_are_skipped_with_a_note_and_the_rest_is_checked() {
    let d = dir();
    write(d.path(), "a.txt", b"Experts say \0\x01\x02 it works.\n");
    write(d.path(), "b.txt", "Experts say it works.\n");
    let out = hedgelint(&["check", "a.txt", "b.txt"])
        .cwd(d.path())
        .output();
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(
        s.contains("note[skipped]: a.txt: skipped: binary file (NUL byte at offset 12)"),
        "{s}"
    );
    assert!(s.contains("b.txt:1:1"), "{s}");
    // A skipped binary file is not an error: the exit code is that of the findings.
    assert_eq!(out.status.code(), Some(1));
    let (v, _) = json(&["a.txt"], d.path());
    assert_eq!(v["summary"]["unreadable"], 0);
    assert!(diags(&v).is_empty());
}

#[test]
fn empty_files_are_checked_and_clean() {
    let d = dir();
    write(d.path(), "empty.md", "");
    write(d.path(), "blank.txt", "\n\n   \n");
    let (v, out) = json(&["empty.md", "blank.txt"], d.path());
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(v["summary"]["files"], 2);
    assert!(diags(&v).is_empty());
}

#[test]
fn bom_is_neither_text_nor_a_column() {
    let d = dir();
    write(d.path(), "bom.md", "\u{FEFF}# Title\n\nExperts say so.\n");
    write(d.path(), "bom.txt", "\u{FEFF}Experts say so.\n");
    let (v, _) = json(&["bom.md", "bom.txt"], d.path());
    let p = positions(&v);
    assert!(p.contains(&("vague-attribution".into(), 3, 1)), "{p:?}");
    assert!(p.contains(&("vague-attribution".into(), 1, 1)), "{p:?}");
    // The heading after the BOM is still a heading (a block of its own).
    assert_eq!(diags(&v).len(), 2, "{v}");
}

#[test]
fn crlf_and_lone_cr_count_lines() {
    let d = dir();
    write(d.path(), "crlf.txt", "Intro line.\r\nExperts say so.\r\n");
    write(
        d.path(),
        "cr.txt",
        "Intro line.\rIt is clear.\rExperts say so.\r",
    );
    let (v, _) = json(&["crlf.txt"], d.path());
    assert_eq!(positions(&v), vec![("vague-attribution".into(), 2, 1)]);
    let (v, _) = json(&["cr.txt"], d.path());
    let p = positions(&v);
    assert!(p.contains(&("vague-attribution".into(), 3, 1)), "{p:?}");
}

#[test]
fn tabs_combining_marks_and_emoji_are_one_column_each() {
    let d = dir();
    write(d.path(), "tab.txt", "\tExperts say so.\n");
    // 🎉 is one char (four bytes), é here is e + U+0301 (two chars).
    write(d.path(), "uni.txt", "🎉 cafe\u{301} experts say so.\n");
    let (v, _) = json(&["tab.txt"], d.path());
    assert_eq!(positions(&v), vec![("vague-attribution".into(), 1, 2)]);
    let (v, _) = json(&["uni.txt"], d.path());
    assert_eq!(positions(&v), vec![("vague-attribution".into(), 1, 9)]);
    assert_eq!(diags(&v)[0]["end_column"], 20);
}

#[test]
fn a_one_megabyte_line_is_checked_and_printed_in_bounded_excerpts() {
    let d = dir();
    let sentence = "Experts say the river may rise, perhaps by 40% this year. ";
    let line: String = sentence.repeat(1_000_000 / sentence.len());
    write(d.path(), "long.txt", format!("{line}\n"));
    let (v, _) = json(&["long.txt"], d.path());
    let n = diags(&v).len();
    assert!(n > 10_000, "{n}");
    let last = diags(&v).last().unwrap();
    assert_eq!(last["line"], 1);
    assert!(last["column"].as_u64().unwrap() > 990_000);
    // Each finding prints a bounded excerpt, not the whole line.
    let out = hedgelint(&["check", "long.txt"]).cwd(d.path()).output();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stdout.len() < n * 2_000,
        "{} bytes for {n} findings",
        out.stdout.len()
    );
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("1 │ …"), "the cut is marked");
}

#[test]
fn missing_paths_symlink_loops_and_broken_links_are_named() {
    let d = dir();
    write(d.path(), "good.txt", "Experts say so.\n");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("loop-b", d.path().join("loop-a")).unwrap();
        std::os::unix::fs::symlink("loop-a", d.path().join("loop-b")).unwrap();
        std::os::unix::fs::symlink("nowhere.txt", d.path().join("broken.txt")).unwrap();
        // Inside a directory, symlinks are not followed: a loop there is no error.
        std::os::unix::fs::symlink(".", d.path().join("sub-loop")).unwrap();
    }
    let (v, out) = json(
        &["missing.txt", "loop-a", "broken.txt", "good.txt"],
        d.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    let errors: Vec<(String, String)> = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["path"].as_str().unwrap().to_string(),
                e["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        errors.contains(&("missing.txt".into(), "No such file or directory".into())),
        "{errors:?}"
    );
    #[cfg(unix)]
    {
        assert!(
            errors
                .iter()
                .any(|(p, m)| p == "loop-a" && m.contains("symbolic links")),
            "{errors:?}"
        );
        assert!(errors.iter().any(|(p, _)| p == "broken.txt"), "{errors:?}");
    }
    assert_eq!(diags(&v)[0]["path"], "good.txt");
    let (v, out) = json(&["."], d.path());
    assert_eq!(out.status.code(), Some(1), "{v}");
    assert_eq!(v["summary"]["files"], 1);
}

#[cfg(unix)]
#[test]
fn unreadable_files_and_directories_are_named() {
    use std::os::unix::fs::PermissionsExt;
    let d = dir();
    write(d.path(), "secret.txt", "Experts say so.\n");
    write(d.path(), "locked/inner.md", "Experts say so.\n");
    write(d.path(), "open.txt", "Experts say so.\n");
    let mode = |p: &str, m: u32| {
        std::fs::set_permissions(d.path().join(p), std::fs::Permissions::from_mode(m)).unwrap()
    };
    mode("secret.txt", 0o000);
    mode("locked", 0o000);
    // Root reads anything: then there is nothing unreadable to report.
    let root = std::fs::read(d.path().join("secret.txt")).is_ok();
    let (v, out) = json(&["."], d.path());
    mode("locked", 0o755);
    mode("secret.txt", 0o644);
    if root {
        assert_eq!(v["summary"]["files"], 3, "{v}");
        return;
    }
    assert_eq!(out.status.code(), Some(2));
    let errors = v["errors"].as_array().unwrap();
    assert!(
        errors.iter().any(|e| e["path"]
            .as_str()
            .is_some_and(|p| p.ends_with("secret.txt"))
            && e["message"] == "Permission denied"),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e["path"].as_str().is_some_and(|p| p.ends_with("locked"))),
        "{errors:?}"
    );
    assert_eq!(v["summary"]["files"], 1);
}

#[cfg(unix)]
#[test]
fn fifos_and_devices_on_the_command_line_do_not_hang() {
    let d = dir();
    let fifo = d.path().join("pipe.md");
    let made = Command::new("mkfifo").arg(&fifo).status();
    write(d.path(), "good.txt", "Experts say so.\n");
    let mut args = vec!["/dev/zero", "good.txt"];
    if made.is_ok_and(|s| s.success()) {
        args.insert(0, "pipe.md");
    }
    // Nothing writes to the FIFO and /dev/zero never ends: reading either would hang.
    let (v, out) = json(&args, d.path());
    assert_eq!(out.status.code(), Some(2));
    let messages: Vec<&str> = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["message"].as_str())
        .collect();
    assert!(
        messages.iter().any(|m| m.contains("a device")),
        "{messages:?}"
    );
    if args.len() == 3 {
        assert!(
            messages.iter().any(|m| m.contains("a FIFO")),
            "{messages:?}"
        );
    }
    assert_eq!(diags(&v)[0]["path"], "good.txt");
}

#[test]
fn markdown_edge_cases_are_checked_without_panic() {
    let d = dir();
    write(
        d.path(),
        "fence.md",
        "Experts say so.\n\n```rust\nexperts say this is code\n",
    );
    let nested_lists: String = (0..1000)
        .map(|i| format!("{}- experts say {i}\n", "  ".repeat(i)))
        .collect();
    write(d.path(), "lists.md", nested_lists);
    write(
        d.path(),
        "quotes.md",
        format!("{} Experts say so.\n", ">".repeat(1000)),
    );
    write(
        d.path(),
        "html.md",
        "<div>\n<p>Experts say so.</p>\n</div>\n<!-- clearly -->\n",
    );
    write(
        d.path(),
        "front.md",
        "---\ntitle: x\nExperts say so.\n\nIt is clear.\n",
    );
    let header: String = (0..300).map(|i| format!("| c{i} ")).collect::<String>() + "|\n";
    let rule: String = "|---".repeat(300) + "|\n";
    let row: String = (0..300).map(|_| "| experts say so ").collect::<String>() + "|\n";
    write(d.path(), "table.md", format!("{header}{rule}{row}"));
    let (v, out) = json(&["."], d.path());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(v["summary"]["files"], 6);
    let count = |path: &str| {
        diags(&v)
            .iter()
            .filter(|d| d["path"].as_str().is_some_and(|p| p.ends_with(path)))
            .count()
    };
    // The unclosed fence runs to the end: only the paragraph before it is prose.
    assert_eq!(count("fence.md"), 1);
    assert!(count("lists.md") >= 100, "{}", count("lists.md"));
    // Block quotes are quotations, not linted by default; with --lint-quotations they are.
    assert_eq!(count("quotes.md"), 0);
    let (q, _) = json(&["--lint-quotations", "quotes.md"], d.path());
    assert_eq!(diags(&q).len(), 1, "{q}");
    // HTML blocks are not prose.
    assert_eq!(count("html.md"), 0);
    assert_eq!(count("table.md"), 300);
    assert!(count("front.md") >= 1);
    for d in diags(&v) {
        assert!(d["line"].as_u64().is_some_and(|l| l >= 1));
    }
}

#[test]
fn closed_stdout_exits_quietly() {
    let d = dir();
    let text = "Experts say it may rain.\n".repeat(20_000);
    write(d.path(), "many.txt", text);
    let mut child = hedgelint(&["check", "many.txt"])
        .cwd(d.path())
        .command()
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run hedgelint");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("one line");
    // `| head -1`: the reader goes away after one line.
    let out = child.wait_with_output().expect("hedgelint exits");
    assert!(first.contains("vague-attribution"), "{first}");
    // Quietly, but not passing: a run cut short exits 1 (issue 16, item 16).
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The same findings whatever the file order, the thread count or the output format.
#[test]
fn findings_do_not_depend_on_order_threads_or_format() {
    let d = dir();
    let texts = [
        "Experts say it may rain. It is clearly the best plan.\n",
        "# Heading\n\nSome analysts suggest that 40% of users might leave.\n",
        "Reportedly, over 2,000 people died (Smith, 2020).\n",
        "Plain text with nothing to report.\n",
    ];
    let mut names = Vec::new();
    for i in 0..40 {
        let name = format!(
            "d{}/f{i:02}.{}",
            i % 3,
            if i % 2 == 0 { "md" } else { "txt" }
        );
        write(d.path(), &name, texts[i % texts.len()].repeat(1 + i % 5));
        names.push(name);
    }
    let all = |v: &Value| -> Vec<(String, String, u64, u64)> {
        diags(v)
            .iter()
            .map(|d| {
                (
                    d["path"].as_str().unwrap().to_string(),
                    d["rule"].as_str().unwrap().to_string(),
                    d["start"].as_u64().unwrap(),
                    d["end"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let forward: Vec<&str> = names.iter().map(String::as_str).collect();
    let backward: Vec<&str> = names.iter().rev().map(String::as_str).collect();
    let (base, _) = json(&forward, d.path());
    assert!(diags(&base).len() > 40);
    let (reversed, _) = json(&backward, d.path());
    assert_eq!(all(&base), all(&reversed));
    for threads in ["1", "3", "8"] {
        let mut args = vec!["--threads", threads];
        args.extend_from_slice(&forward);
        let (v, _) = json(&args, d.path());
        assert_eq!(all(&base), all(&v), "--threads {threads}");
    }
    // The human format names the same (path, line, column, rule) in the same order.
    let mut args = vec!["check"];
    args.extend_from_slice(&backward);
    let out = hedgelint(&args).cwd(d.path()).output();
    let human = String::from_utf8_lossy(&out.stdout);
    let mut from_human = Vec::new();
    let mut rule = String::new();
    for line in human.lines() {
        if let Some((_, rest)) = line.split_once('[')
            && !line.starts_with(' ')
            && let Some((r, _)) = rest.split_once(']')
        {
            rule = r.to_string();
        }
        if let Some(loc) = line.trim_start().strip_prefix("┌─ ") {
            from_human.push(format!("{loc} {rule}"));
        }
    }
    let from_json: Vec<String> = diags(&base)
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{} {}",
                d["path"].as_str().unwrap(),
                d["line"],
                d["column"],
                d["rule"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(from_human, from_json);
}
