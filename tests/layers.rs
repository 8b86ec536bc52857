//! The pipeline's folders import only from their own stage or earlier ones (the order in
//! `docs/architecture.md`), so that no import runs back up the pipeline and no cycle forms
//! between stages. Test modules (`#[cfg(test)]` to the end of a file) are not counted; the
//! front ends (`cli/`, `lib.rs`, `main.rs`) may use every stage.

const ORDER: &[&str] = &[
    "source", "markup", "text", "pattern", "rules", "engine", "score", "postpass", "config",
    "lint", "report", "run", "eval",
];

fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).expect("src is readable").flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn stage(name: &str) -> Option<usize> {
    ORDER.iter().position(|s| *s == name)
}

#[test]
fn no_stage_imports_a_later_one() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut bad = Vec::new();
    for f in &files {
        let rel = f.strip_prefix(&src).unwrap_or(f);
        let first = rel
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy());
        let first = first.as_deref().unwrap_or("").trim_end_matches(".rs");
        let Some(own) = stage(first) else { continue };
        let text = std::fs::read_to_string(f).unwrap_or_default();
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for (n, line) in code.lines().enumerate() {
            for part in line.split("crate::").skip(1) {
                let dep: String = part
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if stage(&dep).is_some_and(|d| d > own) {
                    bad.push(format!(
                        "{}:{}: `{first}` imports the later stage `{dep}`",
                        rel.display(),
                        n + 1
                    ));
                }
            }
        }
    }
    assert!(files.len() > 20, "found only {} source files", files.len());
    assert!(
        bad.is_empty(),
        "imports that run back up the pipeline:\n{}",
        bad.join("\n")
    );
}

/// The README's commands work on a fresh clone: the fuzz command's corpus folder is created
/// first (libFuzzer fails on a missing one), and the minimum Rust version is stated where
/// `Cargo.toml` sets it; CI recipes use the faster `dist` profile (issue 16, items 14 and 18).
#[test]
fn the_readme_and_recipes_hold_on_a_fresh_clone() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |p: &str| std::fs::read_to_string(root.join(p)).unwrap();
    let readme = read("README.md");
    let run = readme
        .lines()
        .find(|l| l.contains("cargo fuzz run"))
        .expect("a fuzz command");
    for dir in run.split_whitespace().filter(|w| w.starts_with("fuzz/")) {
        assert!(
            root.join(dir).is_dir() || readme.contains(&format!("mkdir -p {dir}")),
            "{dir} does not exist on a fresh clone and the README does not create it"
        );
    }
    let cargo = read("Cargo.toml");
    let version = cargo
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = "))
        .expect("rust-version in Cargo.toml")
        .trim_matches('"');
    assert!(
        readme.contains(&format!("{version} or newer")),
        "README states {version}"
    );
    assert!(cargo.contains("[profile.dist]"));
    for line in read("docs/ci.md")
        .lines()
        .filter(|l| l.contains("cargo install --"))
    {
        assert!(line.contains("--profile dist"), "{line}");
    }
}
