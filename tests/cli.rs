//! End-to-end tests of the `hedgelint` binary: arguments in, exit status and output out.

mod common;

use common::{hedgelint, shared};
use serde_json::Value;
use std::path::Path;
use std::process::Output;

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

fn diagnostics(v: &Value) -> Vec<(String, String)> {
    v["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn news_article_flags_vague_and_unattributed_claims_only() {
    let Some(article) = shared("examples/news-article.txt", "the news-article findings") else {
        return;
    };
    let out = hedgelint(&["check", "--format", "json", article.to_str().unwrap()]).output();
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    let warnings: Vec<String> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "warning")
        .map(|d| d["text"].as_str().unwrap().to_string())
        .collect();
    for expected in [
        "some analysts suggest",
        "others point to",
        "Reports have previously indicated",
        "reportedly",
        "allegedly",
        "are reported to have",
    ] {
        assert!(
            warnings.iter().any(|w| w == expected),
            "no warning on {expected:?}: {warnings:?}"
        );
    }
    let text = std::fs::read_to_string(&article).unwrap();
    let start = text.find("According to Russian journalist").unwrap();
    let end = start + text[start..].find("meeting room.").unwrap();
    for d in v["diagnostics"].as_array().unwrap() {
        let s = d["start"].as_u64().unwrap() as usize;
        assert!(
            !(start..end).contains(&s),
            "finding in the sourced sentence: {d}"
        );
    }
}

#[test]
fn draft_with_code_ignores_code_front_matter_and_urls() {
    let Some(draft) = shared("examples/draft-with-code.md", "the draft-with-code example") else {
        return;
    };
    let out = hedgelint(&["check", "--format", "json", draft.to_str().unwrap()]).output();
    let v = json(&out);
    let text = std::fs::read_to_string(&draft).unwrap();
    let fence = text.find("```").unwrap();
    let fence_end = fence + 3 + text[fence + 3..].find("```").unwrap() + 3;
    let front_end = text[3..].find("---").unwrap() + 6;
    let url = text.find("https://").unwrap();
    let url_end = url + text[url..].find(' ').unwrap();
    let diags = v["diagnostics"].as_array().unwrap();
    assert!(diags.len() >= 8, "{diags:?}");
    for d in diags {
        let s = d["start"].as_u64().unwrap() as usize;
        assert!(
            !(fence..fence_end).contains(&s),
            "finding in code block: {d}"
        );
        assert!(!(0..front_end).contains(&s), "finding in front matter: {d}");
        assert!(!(url..url_end).contains(&s), "finding in URL: {d}");
    }
    let rules: Vec<(String, String)> = diagnostics(&v);
    assert!(
        rules.contains(&("vague-attribution".into(), "Experts say".into())),
        "{rules:?}"
    );
    // The statistic has a citation in its sentence.
    assert!(
        !rules.iter().any(|(r, _)| r == "unsourced-statistic"),
        "{rules:?}"
    );
}

#[test]
fn exit_codes_follow_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("clean.txt"), "The cat sat on the mat.\n").unwrap();
    std::fs::write(
        dir.path().join("hedged.txt"),
        "The cat may sit on the mat.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("weasel.txt"),
        "Experts say the cat sat on the mat.\n",
    )
    .unwrap();
    assert_eq!(
        hedgelint(&["check", "clean.txt"])
            .cwd(dir.path())
            .output()
            .status
            .code(),
        Some(0)
    );
    // Infos do not fail the run by default, but do with --fail-on info.
    assert_eq!(
        hedgelint(&["check", "hedged.txt"])
            .cwd(dir.path())
            .output()
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        hedgelint(&["check", "--fail-on", "info", "hedged.txt"])
            .cwd(dir.path())
            .output()
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        hedgelint(&["check", "weasel.txt"])
            .cwd(dir.path())
            .output()
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        hedgelint(&["check", "--fail-on", "error", "weasel.txt"])
            .cwd(dir.path())
            .output()
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        hedgelint(&["check", "--format", "nope", "clean.txt"])
            .cwd(dir.path())
            .output()
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn unreadable_and_non_utf8_files_are_named_and_the_rest_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.txt"), b"caf\xe9 may be open\n").unwrap();
    std::fs::write(dir.path().join("good.txt"), "Experts say it works.\n").unwrap();
    let out = hedgelint(&["check", "bad.txt", "missing.txt", "good.txt"])
        .cwd(dir.path())
        .output();
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("bad.txt: not valid UTF-8"), "{stdout}");
    assert!(
        stdout.contains("missing.txt: No such file or directory"),
        "{stdout}"
    );
    assert!(stdout.contains("good.txt:1:1"), "{stdout}");
    assert!(stdout.contains("vague-attribution"), "{stdout}");

    let out = hedgelint(&["check", "--format", "json", "bad.txt", "good.txt"])
        .cwd(dir.path())
        .output();
    let v = json(&out);
    assert_eq!(v["errors"][0]["path"], "bad.txt");
    assert_eq!(v["diagnostics"][0]["path"], "good.txt");
}

#[test]
fn stdin_with_a_reported_name() {
    let out = hedgelint(&[
        "check",
        "--format",
        "json",
        "--stdin-filename",
        "draft.md",
        "-",
    ])
    .stdin("# Title\n\n```\nexperts say\n```\n\nExperts say it works.\n")
    .output();
    let v = json(&out);
    let d = &v["diagnostics"].as_array().unwrap();
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0]["path"], "draft.md");
    assert_eq!(d[0]["line"], 7);
}

#[test]
fn json_positions_count_lines_and_unicode_columns() {
    let out = hedgelint(&["check", "--format", "json", "-"])
        .stdin("Intro line.\n“Café” ok, experts say it works.\n")
        .output();
    let v = json(&out);
    let d = &v["diagnostics"][0];
    for key in [
        "path",
        "rule",
        "kind",
        "severity",
        "message",
        "help",
        "start",
        "end",
        "line",
        "column",
        "end_line",
        "end_column",
    ] {
        assert!(!d[key].is_null(), "missing {key}: {d}");
    }
    assert_eq!(d["rule"], "vague-attribution");
    assert_eq!(d["kind"], "weasel");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(2), Some(12))
    );
    assert_eq!(
        (d["end_line"].as_u64(), d["end_column"].as_u64()),
        (Some(2), Some(23))
    );
    let text = "Intro line.\n“Café” ok, experts say it works.\n";
    let (s, e) = (
        d["start"].as_u64().unwrap() as usize,
        d["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[s..e], "experts say");
}

#[test]
fn directories_are_walked_in_sorted_order_skipping_hidden_and_build_dirs() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    for d in ["b", "a", ".hidden", "target", "node_modules"] {
        std::fs::create_dir(p.join(d)).unwrap();
        std::fs::write(p.join(d).join("doc.md"), "Experts say so.\n").unwrap();
    }
    std::fs::write(p.join("a/notes.txt"), "Experts say so.\n").unwrap();
    std::fs::write(p.join("a/code.rs"), "// Experts say so.\n").unwrap();
    std::fs::write(p.join("a/readme.markdown"), "Experts say so.\n").unwrap();
    let out = hedgelint(&["check", "--format", "json", "."])
        .cwd(p)
        .output();
    let v = json(&out);
    let paths: Vec<String> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap().replace('\\', "/"))
        .collect();
    assert_eq!(
        paths,
        vec![
            "./a/doc.md",
            "./a/notes.txt",
            "./a/readme.markdown",
            "./b/doc.md"
        ]
    );
    // Named on the command line, any extension is checked.
    let out = hedgelint(&["check", "--format", "json", "a/code.rs"])
        .cwd(p)
        .output();
    assert_eq!(json(&out)["diagnostics"].as_array().unwrap().len(), 1);
    // No paths means the current directory.
    let out = hedgelint(&["check", "--format", "json"]).cwd(p).output();
    assert_eq!(json(&out)["summary"]["files"], 4);
}

#[test]
fn human_output_has_code_labels_help_and_summary() {
    let out = hedgelint(&["check", "-"])
        .stdin("Experts say it works.\n")
        .output();
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(
        s.contains("warning[vague-attribution]: vague attribution: who is behind “Experts say”?"),
        "{s}"
    );
    assert!(s.contains("┌─ <stdin>:1:1"), "{s}");
    assert!(s.contains("= help: Name the source"), "{s}");
    assert!(
        s.trim_end()
            .ends_with("hedgelint: checked 1 file: 0 errors, 1 warning, 0 infos"),
        "{s}"
    );
}

fn fixture(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(path)
        .to_string_lossy()
        .into_owned()
}

#[test]
fn eval_reports_prf_skips_malformed_lines_and_writes_predictions_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let preds = dir.path().join("p.jsonl");
    let gold = fixture("eval/labels.jsonl");
    let out = hedgelint(&[
        "eval",
        "--gold",
        &gold,
        "--preset",
        "journalism",
        "--format",
        "json",
        "--predictions",
        preds.to_str().unwrap(),
    ])
    .output();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("labels.jsonl:6: skipped: not JSON"),
        "{stderr}"
    );
    let v = json(&out);
    assert_eq!(v["lines"], 8);
    assert_eq!(v["skipped"], 1);
    assert_eq!(v["preset"], "journalism");
    // a2, a3, a4, a8 found; a7 missed; nothing certain flagged (the PTB line a5 included).
    let u = &v["uncertain"];
    assert_eq!(
        (u["tp"].as_u64(), u["fp"].as_u64(), u["fn"].as_u64()),
        (Some(4), Some(0), Some(1))
    );
    let lines: Vec<Value> = std::fs::read_to_string(&preds)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let ids: Vec<&str> = lines.iter().map(|l| l["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8"]);
    assert_eq!(lines[1]["label"], "uncertain");
    assert_eq!(lines[0]["label"], "certain");
    assert_eq!(lines[0]["certainty"], 0.5);
}

#[test]
fn eval_correlates_certainty_and_cross_validates() {
    let gold = fixture("eval/certainty.jsonl");
    let out = hedgelint(&["eval", "--gold", &gold, "--preset", "academic"]).output();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Pearson 0.9"), "{text}");
    let out = hedgelint(&[
        "eval",
        "--gold",
        &fixture("eval/labels.jsonl"),
        "--folds",
        "2",
        "--preset",
        "journalism",
    ])
    .output();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("fold 2") && text.contains("cross-validated:"),
        "{text}"
    );
}

#[test]
fn unknown_preset_is_a_usage_error_naming_the_presets() {
    let out = hedgelint(&["check", "--preset", "poetry", "-"])
        .stdin("x")
        .output();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("unknown preset `poetry`") && err.contains("academic, general, journalism"),
        "{err}"
    );
}

#[test]
fn score_reports_densities_and_sentences() {
    let text = "Some analysts suggest the plan failed. Sales rose 40% last year, Smith said.\n";
    let out = hedgelint(&["score", "--format", "json", "--sentences", "-"])
        .stdin(text)
        .output();
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out);
    let f = &v["files"][0];
    assert_eq!(f["path"], "<stdin>");
    assert_eq!(f["claims"], 2);
    assert_eq!(f["sourced_share"], 0.5);
    let s = f["sentence_scores"].as_array().unwrap();
    assert_eq!(s.len(), 2);
    assert!(s[0]["certainty"].as_f64().unwrap() < 0.5);
    assert_eq!(s[0]["cues"][0]["rule"], "vague-attribution");
    assert!(s[0]["cues"][0]["move"].as_f64().unwrap() < 0.0);
    let human = hedgelint(&["score", "--sentences", "-"])
        .stdin(text)
        .output();
    let h = String::from_utf8_lossy(&human.stdout);
    assert!(
        h.contains("certainty") && h.contains("moved by: vague-attribution"),
        "{h}"
    );
}

#[test]
fn score_reads_non_utf8_files_with_encoding_lossy() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("latin1.txt"),
        b"caf\xe9 \xff experts say it works.\n",
    )
    .unwrap();
    let out = hedgelint(&["score", "latin1.txt"]).cwd(dir.path()).output();
    assert_eq!(out.status.code(), Some(2));
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(
        s.contains("error[io]: latin1.txt: not valid UTF-8 (invalid byte at offset 3)"),
        "{s}"
    );
    let out = hedgelint(&[
        "score",
        "--encoding",
        "lossy",
        "--format",
        "json",
        "latin1.txt",
    ])
    .cwd(dir.path())
    .output();
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out);
    assert_eq!(v["errors"], Value::Array(Vec::new()));
    assert_eq!(v["files"][0]["path"], "latin1.txt");
    assert_eq!(v["files"][0]["vague_attributions"], 1);
}

#[test]
fn score_output_is_in_path_order_whatever_the_threads() {
    let dir = tempfile::tempdir().unwrap();
    let texts = [
        "Experts say it may rain. It is clearly the best plan.\n",
        "Some analysts suggest that 40% of users might leave.\n",
        "Reportedly, over 2,000 people died (Smith, 2020).\n",
    ];
    for i in 0..90 {
        let sub = dir.path().join(format!("d{}", i % 3));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(
            sub.join(format!("f{i:02}.md")),
            texts[i % texts.len()].repeat(1 + i % 7),
        )
        .unwrap();
    }
    let run = |threads: &str, format: &str| {
        let out = hedgelint(&[
            "score",
            "--threads",
            threads,
            "--format",
            format,
            "--sentences",
        ])
        .cwd(dir.path())
        .output();
        assert_eq!(out.status.code(), Some(0));
        out.stdout
    };
    let base = run("1", "json");
    let v: Value = serde_json::from_slice(&base).unwrap();
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 90);
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    let human = run("1", "human");
    for threads in ["2", "5"] {
        assert!(run(threads, "json") == base, "--threads {threads}");
        assert!(run(threads, "human") == human, "--threads {threads}");
    }
}

#[test]
fn thresholds_fail_check_and_score_saying_which_and_by_how_much() {
    let text = "Some analysts suggest the plan failed. Experts say it may collapse.\n";
    let out = hedgelint(&[
        "check",
        "--format",
        "json",
        "--min-certainty",
        "0.6",
        "--fail-on",
        "error",
        "-",
    ])
    .stdin(text)
    .output();
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    let d: Vec<&Value> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["kind"] == "threshold")
        .collect();
    assert_eq!(d.len(), 1);
    assert_eq!(d[0]["rule"], "min-certainty");
    assert!(
        d[0]["message"]
            .as_str()
            .unwrap()
            .contains("below `min-certainty` = 0.6 by"),
        "{}",
        d[0]["message"]
    );
    assert!(v["files"][0]["certainty"].as_f64().unwrap() < 0.6);
    let out = hedgelint(&["score", "--max-unsourced-per-1000-words", "5", "-"])
        .stdin(text)
        .output();
    assert_eq!(out.status.code(), Some(1));
    let h = String::from_utf8_lossy(&out.stdout);
    assert!(
        h.contains("error[max-unsourced-per-1000-words]") && h.contains("above"),
        "{h}"
    );
    let ok = hedgelint(&["check", "--min-certainty", "0.1", "--fail-on", "error", "-"])
        .stdin(text)
        .output();
    assert_eq!(ok.status.code(), Some(0));
}

#[test]
fn presets_change_what_is_found() {
    let text = "The album is widely regarded as his finest work.\n";
    let general = json(
        &hedgelint(&["check", "--format", "json", "-"])
            .stdin(text)
            .output(),
    );
    let journalism = json(
        &hedgelint(&["check", "--format", "json", "--preset", "journalism", "-"])
            .stdin(text)
            .output(),
    );
    let rules = |v: &Value| diagnostics(v).into_iter().map(|d| d.0).collect::<Vec<_>>();
    assert!(!rules(&general).contains(&"passive-attribution".to_string()));
    assert!(
        rules(&journalism).contains(&"passive-attribution".to_string()),
        "{:?}",
        rules(&journalism)
    );
}

#[test]
fn news_article_reads_as_heavily_hedged_and_weakly_sourced() {
    let Some(article) = shared("examples/news-article.txt", "the news-article score") else {
        return;
    };
    let out = hedgelint(&["score", article.to_str().unwrap()]).output();
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("heavily hedged, weakly sourced"), "{s}");
    let out = hedgelint(&["score", "--format", "json", article.to_str().unwrap()]).output();
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(
        s.contains("\"tone\": \"heavily hedged, weakly sourced\""),
        "{s}"
    );
}

/// `-o` writes the report to the file; a config error exits 2 and leaves no (empty) report
/// behind for an upload step to choke on (issue 16, items 3 and 11).
#[test]
fn output_file_holds_the_report_and_a_config_error_writes_none() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Experts say it works.\n").unwrap();
    let out = hedgelint(&["check", "--format", "sarif", "-o", "out.sarif", "a.txt"])
        .cwd(dir.path())
        .output();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let sarif: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out.sarif")).unwrap()).unwrap();
    assert_eq!(
        sarif["runs"][0]["results"][0]["ruleId"],
        "vague-attribution"
    );

    let human = hedgelint(&["check", "--output-file", "out.txt", "a.txt"])
        .cwd(dir.path())
        .output();
    assert_eq!(human.status.code(), Some(1));
    let text = std::fs::read_to_string(dir.path().join("out.txt")).unwrap();
    assert!(text.starts_with("warning[vague-attribution]"), "{text}");
    assert!(!text.contains('\x1b'), "no colour in a file: {text:?}");

    std::fs::write(
        dir.path().join("hedgelint.toml"),
        "fail-on = \"warnings\"\n",
    )
    .unwrap();
    let broken = hedgelint(&["check", "--format", "sarif", "-o", "broken.sarif", "a.txt"])
        .cwd(dir.path())
        .output();
    assert_eq!(broken.status.code(), Some(2));
    assert!(!dir.path().join("broken.sarif").exists());
}

/// The README opens with real output: `hedgelint check article.txt` on fixtures/article.txt in
/// an 80-column terminal, a long line cut around each finding with `…` and the file's own
/// columns (issue 16, item 1).
#[test]
fn the_readmes_opening_sample_is_real_output() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let start = readme.find("```text\n").expect("a text block") + "```text\n".len();
    let sample = &readme[start..start + readme[start..].find("```\n").unwrap()];
    let out = hedgelint(&["check", "--no-config", "article.txt"])
        .cwd(root.join("fixtures"))
        .env("COLUMNS", "80")
        .output();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stdout), sample);
}

/// Fitted to a width, a long line shows the part around the cue, `…` where it is cut, and the
/// columns of the file; short and JSON are unchanged; without a width (a pipe) only lines over
/// 1,000 bytes are cut (issue 16, item 1).
#[test]
fn human_excerpts_fit_the_width_around_the_cue() {
    let dir = tempfile::tempdir().unwrap();
    let pad = "The council met again on Tuesday to talk about roads and the budget. ".repeat(6);
    let line = format!("{pad}Experts say the plan works, and the vote is on Friday.\n");
    std::fs::write(dir.path().join("a.txt"), &line).unwrap();
    let col = pad.chars().count() + 1;
    let run = |columns: Option<&str>, format: &str| {
        let mut h = hedgelint(&["check", "--format", format, "a.txt"]).cwd(dir.path());
        h = match columns {
            Some(c) => h.env("COLUMNS", c),
            None => h.env_remove("COLUMNS"),
        };
        String::from_utf8(h.output().stdout).unwrap()
    };
    for width in [40, 60, 100] {
        let human = run(Some(&width.to_string()), "human");
        assert!(human.contains(&format!("a.txt:1:{col}")), "{human}");
        let source = human
            .lines()
            .find(|l| l.starts_with("1 │ "))
            .unwrap_or_else(|| panic!("{human}"));
        assert!(source.chars().count() <= width, "{width}: {source:?}");
        assert!(source.starts_with("1 │ …"), "{source:?}");
        assert!(source.contains("Experts say"), "{source:?}");
        // The caret is under the cue.
        let carets = human.lines().find(|l| l.contains('^')).unwrap();
        let at = |s: &str, pat: &str| s.char_indices().position(|(i, _)| s[i..].starts_with(pat));
        assert_eq!(at(carets, "^"), at(source, "Experts"), "{human}");
    }
    // A pipe without COLUMNS: a 500-byte line is shown whole, as before.
    let whole = run(None, "human");
    assert!(whole.contains(line.trim_end()), "{whole}");
    assert!(!whole.contains("│ …"), "{whole}");
    // Machine formats do not change with the width.
    for format in ["short", "json"] {
        assert_eq!(run(Some("40"), format), run(None, format), "{format}");
    }
}

/// `hedgelint man` is the whole manual: every option of every command (as `--help` lists
/// them), exit status, configuration keys, environment and examples, and it names no page
/// that does not exist (issue 16, item 6).
#[test]
fn the_man_page_has_every_commands_options_and_the_contracts() {
    let man = String::from_utf8(hedgelint(&["man"]).output().stdout).unwrap();
    let man = man.replace("\\-", "-");
    for section in [
        ".SH COMMANDS",
        ".SH \"EXIT STATUS\"",
        ".SH CONFIGURATION",
        ".SH ENVIRONMENT",
        ".SH EXAMPLES",
    ] {
        assert!(man.contains(section), "no {section}");
    }
    assert!(
        !man.contains("hedgelint-check(1)"),
        "names a page that does not exist"
    );
    let options = regex::Regex::new(r"--[a-z][a-z0-9-]+").unwrap();
    for sub in [
        "check",
        "score",
        "eval",
        "rules",
        "explain",
        "init",
        "config",
        "test",
        "completions",
    ] {
        assert!(
            man.contains(&format!(".SS \"hedgelint {sub}\"")),
            "no {sub}"
        );
        let help = String::from_utf8(hedgelint(&[sub, "--help"]).output().stdout).unwrap();
        for option in options.find_iter(&help) {
            assert!(
                man.contains(option.as_str()),
                "{sub} {} is not in the man page",
                option.as_str()
            );
        }
    }
    for key in [
        "fail-on",
        "max-warnings",
        "min-severity",
        "rules-dir",
        "[[overrides]]",
    ] {
        assert!(man.contains(key), "config key {key}");
    }
}

/// `check … | head -1` with findings: the reader closes the pipe, the run ends quietly, and
/// the exit code still fails (issue 16, item 16).
#[test]
fn a_closed_pipe_does_not_pass_the_run() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "Experts say it works.\n\n".repeat(3000),
    )
    .unwrap();
    for args in [
        &["check", "a.txt"][..],
        &["check", "--format", "short", "a.txt"],
    ] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_hedgelint"))
            .args(args)
            .current_dir(dir.path())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        assert!(first.contains("vague-attribution"), "{first}");
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// SARIF for code scanning: URIs relative to the repository's root whatever folder the run is
/// in, and `partialFingerprints` that stay when unrelated lines change (issue 16, item 9).
#[test]
fn sarif_uris_are_relative_to_the_repository_and_fingerprints_are_stable() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    std::fs::create_dir_all(root.join("docs/sub")).unwrap();
    std::fs::write(root.join("docs/sub/a.md"), "Experts say it works.\n").unwrap();
    std::fs::write(root.join("docs/b.md"), "Experts say it works.\n").unwrap();
    let sarif = |cwd: &Path, args: &[&str]| {
        let mut all = vec!["check", "--format", "sarif", "--no-config"];
        all.extend_from_slice(args);
        let out = hedgelint(&all).cwd(cwd).output();
        assert_eq!(out.status.code(), Some(1));
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v["runs"][0]["results"].as_array().unwrap().clone()
    };
    let results = sarif(&root.join("docs/sub"), &["a.md", "../b.md"]);
    let uris: Vec<&str> = results
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(uris, ["docs/b.md", "docs/sub/a.md"]);
    let fingerprint = |r: &Value| r["partialFingerprints"]["hedgelint/v1"].clone();
    let before = fingerprint(&results[1]);
    assert!(before.is_string(), "{results:?}");
    // An unrelated edit above the finding moves it, and keeps its fingerprint.
    std::fs::write(
        root.join("docs/sub/a.md"),
        "# Title\n\nA new paragraph.\n\nExperts say it works.\n",
    )
    .unwrap();
    let after = sarif(&root.join("docs/sub"), &["a.md"]);
    assert_eq!(
        after[0]["locations"][0]["physicalLocation"]["region"]["startLine"],
        5
    );
    assert_eq!(fingerprint(&after[0]), before);
}

/// `--format github` in Actions also appends a Markdown summary to `$GITHUB_STEP_SUMMARY`:
/// the counts and the first findings, since the runner shows only 10 annotations of each level
/// a step (issue 16, item 10).
#[test]
fn github_format_writes_the_job_summary() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "Experts say it works.\n\n".repeat(25),
    )
    .unwrap();
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let out = hedgelint(&["check", "--format", "github", "a.txt"])
        .cwd(dir.path())
        .env("GITHUB_STEP_SUMMARY", summary.to_str().unwrap())
        .output();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 25);
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(md.starts_with("earlier step\n### hedgelint\n"), "{md}");
    assert!(md.contains("| 1 | 0 | 25 | 0 | 0 |"), "{md}");
    assert!(md.contains("The first 20 of 25 findings"), "{md}");
    assert_eq!(md.matches("| a.txt | ").count(), 20, "{md}");
    assert!(
        md.contains("| a.txt | 39 | warning | vague-attribution | "),
        "{md}"
    );
    assert!(!md.contains("| a.txt | 41 |"), "{md}");
    // Without the variable (outside Actions) nothing is written anywhere else.
    let plain = hedgelint(&["check", "--format", "github", "a.txt"])
        .cwd(dir.path())
        .env_remove("GITHUB_STEP_SUMMARY")
        .output();
    assert_eq!(plain.stdout, out.stdout);
}
