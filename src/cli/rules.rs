//! `hedgelint rules` and `hedgelint explain RULE`: the documentation each rule carries.

use super::score::PresetArgs;
use super::{Color, ConfigArgs, load, write_failed};
use clap::ValueEnum;
use hedgelint::config::Flags;
use hedgelint::rules::Level;
use hedgelint::rules::{Rule, RuleSet};
use hedgelint::run::EXIT_ERROR;
use std::io::{self, Write};

#[derive(Clone, Copy, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(clap::Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: ListFormat,
    #[command(flatten)]
    preset: PresetArgs,
    #[command(flatten)]
    config: ConfigArgs,
}

#[derive(clap::Args)]
pub struct ExplainArgs {
    /// A rule id (`hedgelint rules` lists them).
    rule: String,
    #[command(flatten)]
    preset: PresetArgs,
    #[command(flatten)]
    config: ConfigArgs,
}

fn level(l: Level) -> &'static str {
    match l {
        Level::Off => "off",
        Level::Info => "info",
        Level::Warning => "warning",
        Level::Error => "error",
    }
}

fn rules(config: &ConfigArgs, preset: Option<&str>) -> Result<RuleSet, i32> {
    load(config, preset, &Flags::default(), Color::Auto).map(|(r, _)| r)
}

pub fn list(args: RulesArgs) -> i32 {
    let rules = match rules(&args.config, args.preset.preset.as_deref()) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    let result = match args.format {
        ListFormat::Text => write_table(&mut out, &rules),
        ListFormat::Json => {
            let list: Vec<serde_json::Value> = rules
                .rules
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id,
                        "kind": r.kind.as_str(),
                        "severity": level(r.severity),
                        "sourced_severity": r.sourced_severity.map(level),
                        "pack": r.pack,
                        "summary": r.summary(),
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &list)
                .map_err(io::Error::from)
                .and_then(|_| writeln!(out))
        }
    };
    match result.and_then(|_| out.flush()) {
        Ok(()) => 0,
        Err(e) => write_failed(&e),
    }
}

fn write_table(out: &mut impl Write, rules: &RuleSet) -> io::Result<()> {
    let id_w = rules.rules.iter().map(|r| r.id.len()).max().unwrap_or(2);
    let kind_w = rules
        .rules
        .iter()
        .map(|r| r.kind.as_str().len())
        .max()
        .unwrap_or(4);
    writeln!(
        out,
        "{:id_w$}  {:kind_w$}  {:8}  SUMMARY",
        "ID", "KIND", "SEVERITY"
    )?;
    for r in &rules.rules {
        writeln!(
            out,
            "{:id_w$}  {:kind_w$}  {:8}  {}",
            r.id,
            r.kind.as_str(),
            level(r.severity),
            r.summary()
        )?;
    }
    Ok(())
}

pub fn explain(args: ExplainArgs) -> i32 {
    let rules = match rules(&args.config, args.preset.preset.as_deref()) {
        Ok(r) => r,
        Err(code) => return code,
    };
    if let Some(doc) = threshold_doc(&args.rule) {
        let mut out = io::stdout().lock();
        return match out.write_all(doc.as_bytes()) {
            Ok(()) => 0,
            Err(e) => write_failed(&e),
        };
    }
    let Some(i) = rules.get(&args.rule) else {
        let msg = format!(
            "error: unknown rule `{}`{}",
            hedgelint::rules::error::cut(&args.rule),
            rules.unknown_hint(&args.rule)
        );
        let _ = writeln!(io::stderr(), "{msg}\n(`hedgelint rules` lists every rule)");
        return EXIT_ERROR;
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    match write_explanation(&mut out, &rules[i]).and_then(|_| out.flush()) {
        Ok(()) => 0,
        Err(e) => write_failed(&e),
    }
}

fn section(out: &mut impl Write, title: &str, body: &str) -> io::Result<()> {
    writeln!(out, "\n{title}")?;
    for line in body.trim().lines() {
        writeln!(out, "  {line}")?;
    }
    Ok(())
}

fn write_explanation(out: &mut impl Write, r: &Rule) -> io::Result<()> {
    let mut severity = level(r.severity).to_string();
    if let Some(s) = r.sourced_severity {
        severity.push_str(&format!("; {} when the sentence names a source", level(s)));
    }
    writeln!(out, "{} ({}, {})", r.id, r.kind.as_str(), severity)?;
    writeln!(out, "pack: {}", r.pack)?;
    section(out, "What it flags", &r.docs.what)?;
    section(out, "Why it matters", &r.docs.why)?;
    if let Some(n) = &r.docs.notes {
        section(out, "Notes", n)?;
    }
    writeln!(out, "\nMessage\n  {}", r.message)?;
    if let Some(h) = &r.help {
        section(out, "Help", h)?;
    }
    if !r.patterns.is_empty() {
        writeln!(out, "\nPatterns")?;
        for p in &r.patterns {
            writeln!(out, "  {p}")?;
        }
    }
    if !r.exceptions.is_empty() {
        writeln!(out, "\nExceptions")?;
        for p in &r.exceptions {
            writeln!(out, "  {p}")?;
        }
    }
    if let Some(s) = r.stack {
        writeln!(
            out,
            "\nStack\n  {} or more `{}` cues in one sentence",
            s.min,
            s.kind.as_str()
        )?;
    }
    if !r.examples.is_empty() {
        writeln!(out, "\nExamples")?;
        for e in &r.examples {
            if let Some(t) = &e.flag {
                writeln!(out, "  flagged:     {t}")?;
            }
            if let Some(t) = &e.pass {
                writeln!(out, "  not flagged: {t}")?;
            }
        }
    }
    writeln!(
        out,
        "\nSilence it: `ignore = [\"{0}\"]` in hedgelint.toml, or <!-- hedgelint-disable-next-line {0} -->",
        r.id
    )
}

/// `explain` for a score threshold's name (the code of its diagnostics): what it limits.
fn threshold_doc(name: &str) -> Option<String> {
    let what = match name {
        "max-unsourced-per-1000-words" => {
            "fails a document with more unsourced claims per 1,000 words than the limit"
        }
        "min-sourced-share" => {
            "fails a document whose share of sourced claims (0–1) is below the limit"
        }
        "min-certainty" => "fails a document whose certainty (0–1) is below the limit",
        "max-certainty" => "fails a document whose certainty (0–1) is above the limit",
        _ => return None,
    };
    Some(format!(
        "{name} (a score threshold, not a rule)\n\n  It {what}.\n  Set it with \
         `--{name} N` or `{name} = N` under `[thresholds]` in hedgelint.toml; a broken \
         threshold is an error at line 1 of the document (docs/scoring.md).\n"
    ))
}
