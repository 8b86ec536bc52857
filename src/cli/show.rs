//! `hedgelint config`: the effective configuration, and the file it came from, as TOML a user
//! could paste into `hedgelint.toml`. With a path, the settings that apply to that file (its
//! `[[overrides]]` applied) and whether a walk would check it.

use super::score::PresetArgs;
use super::{Color, ConfigArgs, load};
use hedgelint::config::{Config, Flags};
use hedgelint::rules::{RuleSet, Target};
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct ShowArgs {
    /// Show the settings that apply to this file (its overrides applied).
    path: Option<PathBuf>,
    #[command(flatten)]
    preset: PresetArgs,
    #[command(flatten)]
    config: ConfigArgs,
}

fn quoted(items: impl IntoIterator<Item = String>) -> String {
    let items: Vec<String> = items.into_iter().map(|s| format!("{s:?}")).collect();
    format!("[{}]", items.join(", "))
}

fn target_name(rules: &RuleSet, t: &Target) -> String {
    match t {
        Target::Rule(r) => rules[*r].id.clone(),
        Target::Kind(k) => k.as_str().to_string(),
    }
}

fn render(rules: &RuleSet, config: &Config, path: Option<&PathBuf>) -> String {
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    match &config.path {
        Some(p) => line(format!("# config file: {}", p.display())),
        None => line("# config file: none (built-in defaults and flags)".into()),
    }
    let name = path.map(|p| p.display().to_string());
    if let (Some(p), Some(name)) = (path, &name) {
        let checked = if config.excluded(p) {
            "no: `exclude` matches it"
        } else if !config.included(p) {
            "only when named: `include` does not match it"
        } else {
            "yes"
        };
        line(format!("# settings for: {name} (checked: {checked})"));
    }
    let s = config.settings_for(name.as_deref().unwrap_or(""));
    line(format!("preset = {:?}", config.preset));
    line(format!("fail-on = {:?}", s.fail_on.as_str()));
    line(format!("min-severity = {:?}", s.min_severity.as_str()));
    match config.max_warnings {
        Some(n) => line(format!("max-warnings = {n}")),
        None => line("# max-warnings: no limit".into()),
    }
    line(format!("lint-quotations = {}", s.lint_quotations));
    line(format!("respect-gitignore = {}", config.respect_gitignore));
    match &s.select {
        Some(sel) => line(format!(
            "select = {}",
            quoted(sel.iter().map(|t| target_name(rules, t)))
        )),
        None => line("# select: every rule".into()),
    }
    line(format!(
        "ignore = {}",
        quoted(s.ignore.iter().map(|t| target_name(rules, t)))
    ));
    match &config.include_globs {
        Some(g) => line(format!("include = {}", quoted(g.iter().cloned()))),
        None => line("# include: the extensions of every markup".into()),
    }
    match &config.exclude_globs {
        Some(g) => line(format!("exclude = {}", quoted(g.iter().cloned()))),
        None => line("# exclude: nothing".into()),
    }
    if config.override_count > 0 && path.is_none() {
        line(format!(
            "# [[overrides]]: {} (give a path to see them applied)",
            config.override_count
        ));
    }
    let mut severities: Vec<(String, &str)> = s
        .severity
        .iter()
        .map(|(r, l)| (rules[*r].id.clone(), l.as_str()))
        .collect();
    severities.sort();
    for (id, level) in severities {
        line(format!("rules.{id}.severity = {level:?}"));
    }
    let t = &config.thresholds;
    let thresholds = [
        (
            "max-unsourced-per-1000-words",
            t.max_unsourced_per_1000_words,
        ),
        ("min-sourced-share", t.min_sourced_share),
        ("min-certainty", t.min_certainty),
        ("max-certainty", t.max_certainty),
    ];
    for (k, v) in thresholds {
        if let Some(v) = v {
            line(format!("thresholds.{k} = {v}"));
        }
    }
    out
}

pub fn run(args: ShowArgs) -> i32 {
    let (rules, config) = match load(
        &args.config,
        args.preset.preset.as_deref(),
        &Flags::default(),
        Color::Auto,
    ) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let text = render(&rules, &config, args.path.as_ref());
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => 0,
        Err(e) => super::write_failed(&e),
    }
}
