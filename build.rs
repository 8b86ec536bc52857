//! Embeds every TOML file under `rules/` in the binary and generates one test per rule from
//! the rule's own examples.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "toml") {
            out.push(p);
        }
    }
}

fn main() {
    let root =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let rules = root.join("rules");
    println!("cargo:rerun-if-changed=rules");
    let mut files = Vec::new();
    collect(&rules, &mut files);
    files.sort();
    let mut embedded = String::from(
        "/// Every TOML file under `rules/`: (path relative to `rules/`, contents).\npub static BUILTIN_FILES: &[(&str, &str)] = &[\n",
    );
    let mut tests = String::new();
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let rel = f
            .strip_prefix(&rules)
            .expect("under rules/")
            .to_string_lossy()
            .replace('\\', "/");
        writeln!(
            embedded,
            "    ({rel:?}, include_str!({:?})),",
            f.display().to_string()
        )
        .unwrap();
        // Every rule of every pack; a pack's rules are tested under the preset of the same
        // name (the `default` pack under `general`), where they run.
        let pack = rel.split('/').next().unwrap_or("");
        let is_rule = rel.contains('/') && pack != "presets" && !rel.ends_with("classes.toml");
        if is_rule {
            let preset = if pack == "default" { "general" } else { pack };
            let stem = f.file_stem().unwrap().to_string_lossy().replace('-', "_");
            let id = f.file_stem().unwrap().to_string_lossy().to_string();
            let name = if pack == "default" {
                format!("rule_{stem}")
            } else {
                format!("rule_{pack}_{stem}")
            };
            writeln!(
                tests,
                "#[test]\nfn {name}() {{ check_rule_examples({preset:?}, {id:?}); }}\n"
            )
            .unwrap();
        }
    }
    embedded.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("builtin_rules.rs"), embedded).expect("write builtin_rules.rs");
    std::fs::write(out.join("rule_tests.rs"), tests).expect("write rule_tests.rs");
}
