//! docs/ci.md's pre-commit recipe, run as written with real pre-commit on a scratch repository
//! (issue 16, item 13).
//!
//! Ignored by default: it needs `pre-commit` on PATH and pre-commit builds the hook with
//! `cargo install` (a release build, minutes). `.ci/run` installs pre-commit from PyPI and runs
//! it with `cargo test --test precommit -- --ignored`.
//!
//! The recipe is taken from the doc; only its `repo:` (this checkout, a path pre-commit clones
//! like a URL) and `rev:` (this checkout's `HEAD`) are replaced, so the hook that runs is the
//! `.pre-commit-hooks.yaml` and the source of the commit under test. Uncommitted changes are
//! not in it: commit before running this locally.

mod common;

use std::path::Path;
use std::process::{Command, Output};

/// The first fenced YAML block after the `## pre-commit` heading of docs/ci.md.
fn recipe(doc: &str) -> String {
    let section = doc
        .split_once("\n## pre-commit\n")
        .expect("docs/ci.md has a `## pre-commit` section")
        .1;
    let block = section
        .split_once("```yaml\n")
        .expect("a yaml block in the pre-commit section")
        .1;
    block
        .split_once("```")
        .expect("the yaml block ends")
        .0
        .to_string()
}

/// The recipe with its `repo:` value replaced by `repo` and its `rev:` value (before its
/// comment) by `rev`; each key must be there exactly once.
fn pointed_at(recipe: &str, repo: &str, rev: &str) -> String {
    let (mut repos, mut revs) = (0, 0);
    let lines: Vec<String> = recipe
        .lines()
        .map(|line| {
            if let Some((key, _)) = line.split_once("repo: ") {
                repos += 1;
                format!("{key}repo: {repo}")
            } else if let Some((key, value)) = line.split_once("rev: ") {
                revs += 1;
                let comment = value.find(char::is_whitespace).map_or("", |i| &value[i..]);
                format!("{key}rev: {rev}{comment}")
            } else {
                line.to_string()
            }
        })
        .collect();
    assert_eq!((repos, revs), (1, 1), "one repo: and one rev: in\n{recipe}");
    lines.join("\n") + "\n"
}

fn run(cmd: &mut Command) -> Output {
    cmd.output()
        .unwrap_or_else(|e| panic!("run {cmd:?}: {e} (pre-commit: `pip install pre-commit`)"))
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = run(Command::new("git").arg("-C").arg(dir).args(args));
    assert!(out.status.success(), "git {args:?}: {out:?}");
    String::from_utf8(out.stdout)
        .expect("utf-8")
        .trim()
        .to_string()
}

/// `pre-commit ARGS` in `repo`, its status and its stdout and stderr together.
fn pre_commit(repo: &Path, home: &Path, args: &[&str]) -> (i32, String) {
    let out = run(Command::new("pre-commit")
        .args(args)
        .args(["--color", "never"])
        .current_dir(repo)
        .env("PRE_COMMIT_HOME", home)
        .env("NO_COLOR", "1"));
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

#[test]
#[ignore = "needs pre-commit on PATH and a release build of the hook; .ci/run runs it"]
fn the_docs_pre_commit_recipe_runs_as_written() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let hooks = std::fs::read_to_string(root.join(".pre-commit-hooks.yaml")).expect("hooks file");
    assert_eq!(
        git(root, &["show", "HEAD:.pre-commit-hooks.yaml"]),
        hooks.trim_end(),
        "pre-commit runs the committed .pre-commit-hooks.yaml: commit it first"
    );
    let rev = git(root, &["rev-parse", "HEAD"]);
    let doc = std::fs::read_to_string(root.join("docs/ci.md")).expect("docs/ci.md");
    let config = pointed_at(&recipe(&doc), root.to_str().expect("utf-8 path"), &rev);

    let scratch = common::dir();
    let repo = scratch.path();
    git(repo, &["init", "--quiet"]);
    common::write(repo, ".pre-commit-config.yaml", &config);
    common::write(repo, "hedgelint.toml", "include = [\"docs/**\"]\n");
    common::write(
        repo,
        "docs/a.md",
        "# Notes\n\nExperts say the bridge is safe.\n",
    );
    common::write(repo, "docs/b.txt", "The council voted on Tuesday.\n");
    // Outside `include`: pre-commit passes it, hedgelint leaves it out as a walk would.
    common::write(repo, "notes/c.md", "Critics say the plan failed.\n");
    // Not Markdown or plain text: the hook's `types_or` keeps pre-commit from passing it.
    common::write(repo, "docs/d.rst", "Observers say the vote was rigged.\n");
    git(repo, &["add", "-A"]);
    // The first run builds the hook; a rerun at the same `HEAD` reuses it.
    let home = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pre-commit-home");

    let (status, out) = pre_commit(repo, &home, &["run", "--all-files"]);
    assert_eq!(status, 1, "findings fail the hook:\n{out}");
    assert!(out.contains("hedgelint") && out.contains("Failed"), "{out}");
    assert!(
        out.contains("docs/a.md:3:1: warning[vague-attribution]"),
        "{out}"
    );
    assert!(
        !out.contains("notes/c.md:"),
        "include leaves it out:\n{out}"
    );
    assert!(!out.contains("d.rst"), "types_or leaves it out:\n{out}");

    // One named file, outside `include`: nothing to check, the hook passes and says why.
    let (status, out) = pre_commit(repo, &home, &["run", "--verbose", "--files", "notes/c.md"]);
    assert_eq!(status, 0, "{out}");
    assert!(
        out.contains("Passed") && out.contains("hedgelint.toml"),
        "{out}"
    );

    // One named file, inside it: its finding fails the hook.
    let (status, out) = pre_commit(repo, &home, &["run", "--files", "docs/a.md"]);
    assert_eq!(status, 1, "{out}");
    assert!(
        out.contains("docs/a.md:3:1: warning[vague-attribution]"),
        "{out}"
    );

    // The hook pre-commit ran is this repository's file at this commit.
    let clones: Vec<_> = std::fs::read_dir(&home)
        .expect("pre-commit home")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.join(".pre-commit-hooks.yaml").is_file() && git(p, &["rev-parse", "HEAD"]) == rev
        })
        .collect();
    assert!(
        !clones.is_empty(),
        "no clone of {rev} in {}",
        home.display()
    );
    for clone in clones {
        let used = std::fs::read_to_string(clone.join(".pre-commit-hooks.yaml")).expect("read");
        assert_eq!(used, hooks, "{}", clone.display());
    }
}
