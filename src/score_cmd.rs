//! The `score` driver: reads, checks and scores files in parallel and prints one record a
//! file (a human table or JSON), optionally with every sentence's score and the cues that
//! moved it. Threshold violations make the exit code 1, as in `check`.

use crate::files::{self, FileError};
use crate::report::LineIndex;
use crate::report::json::score_value;
use crate::rules::RuleSet;
use crate::run::{self, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, Scored};
use crate::score::{Thresholds, Violation};
use rayon::prelude::*;
use serde_json::{Value, json};
use std::io::{self, Write};
use std::path::PathBuf;

pub struct ScoreOptions {
    pub paths: Vec<PathBuf>,
    pub stdin_filename: String,
    /// List every sentence with its score and cues.
    pub sentences: bool,
    pub json: bool,
    pub thresholds: Thresholds,
}

fn sentence_values(rules: &RuleSet, s: &Scored) -> Vec<Value> {
    let text = &s.file.text;
    let index = LineIndex::new(text);
    s.checked
        .sentences
        .iter()
        .map(|a| {
            let (line, column) = index.line_col(a.span.start);
            let cues: Vec<Value> = a
                .cues
                .iter()
                .zip(&a.moves)
                .map(|(c, m)| {
                    let r = &rules.rules[c.rule];
                    json!({
                        "rule": r.id,
                        "kind": r.kind.as_str(),
                        "text": &text[c.span.clone()],
                        "start": c.span.start,
                        "end": c.span.end,
                        "move": (m * 1e4).round() / 1e4,
                    })
                })
                .collect();
            json!({
                "start": a.span.start,
                "end": a.span.end,
                "line": line,
                "column": column,
                "text": &text[a.span.clone()],
                "certainty": (a.certainty * 1e4).round() / 1e4,
                "words": a.words,
                "claim": a.is_claim(rules),
                "sourced": a.sourced,
                "cues": cues,
            })
        })
        .collect()
}

fn short(s: &str, n: usize) -> String {
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= n {
        flat
    } else {
        let cut: String = flat.chars().take(n - 1).collect();
        format!("{cut}…")
    }
}

fn human_row(out: &mut dyn Write, s: &Scored) -> io::Result<()> {
    let f = &s.score;
    let share = f
        .sourced_share
        .map_or("—".to_string(), |x| format!("{:.0}%", 100.0 * x));
    writeln!(
        out,
        "{:<32} {:>9.2} {:>9} {:>6} {:>6} {:>9.1} {:>9.1} {:>9.1} {:>9.1} {:>7}",
        short(&s.file.path, 32),
        f.certainty,
        f.sentences,
        f.words,
        f.claims,
        f.hedges_per_1000_words,
        f.boosters_per_1000_words,
        f.vague_attributions_per_1000_words,
        f.unsourced_per_1000_words,
        share
    )?;
    writeln!(out, "{:<32} {}", "", f.tone)
}

fn human_sentences(out: &mut dyn Write, rules: &RuleSet, s: &Scored) -> io::Result<()> {
    let text = &s.file.text;
    let index = LineIndex::new(text);
    for a in &s.checked.sentences {
        let (line, col) = index.line_col(a.span.start);
        let cues: Vec<String> = a
            .cues
            .iter()
            .zip(&a.moves)
            .filter(|(_, m)| **m != 0.0)
            .map(|(c, m)| {
                format!(
                    "{} “{}” {:+.2}",
                    rules.rules[c.rule].id,
                    short(&text[c.span.clone()], 30),
                    m
                )
            })
            .collect();
        writeln!(
            out,
            "  {:>4}:{:<3} {:.2}  {}{}",
            line,
            col,
            a.certainty,
            short(&text[a.span.clone()], 70),
            if cues.is_empty() {
                String::new()
            } else {
                format!("\n              moved by: {}", cues.join(", "))
            }
        )?;
    }
    Ok(())
}

/// Runs `hedgelint score`. Returns the exit code.
pub fn run_score(rules: &RuleSet, opts: &ScoreOptions, out: &mut dyn Write) -> io::Result<i32> {
    let paths = if opts.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        opts.paths.clone()
    };
    let (inputs, mut errors) = files::discover(&paths, &opts.stdin_filename);
    let results: Vec<Result<Scored, FileError>> = inputs
        .par_iter()
        .map(|i| run::check_input(rules, i))
        .collect();
    let mut records = Vec::new();
    let mut violations: Vec<(String, Violation)> = Vec::new();
    if !opts.json {
        writeln!(
            out,
            "{:<32} {:>9} {:>9} {:>6} {:>6} {:>9} {:>9} {:>9} {:>9} {:>7}",
            "file",
            "certainty",
            "sentences",
            "words",
            "claims",
            "hedges/k",
            "boost/k",
            "vague/k",
            "unsrc/k",
            "sourced"
        )?;
    }
    for r in results {
        match r {
            Ok(s) => {
                let v = opts.thresholds.check(&s.score);
                if opts.json {
                    let mut rec = score_value(&s.file.path, &s.score);
                    if opts.sentences {
                        rec["sentence_scores"] = Value::Array(sentence_values(rules, &s));
                    }
                    rec["violations"] = v
                        .iter()
                        .map(|v| {
                            json!({"threshold": v.threshold, "limit": v.limit,
                                   "actual": v.actual, "message": v.message})
                        })
                        .collect();
                    records.push(rec);
                } else {
                    human_row(out, &s)?;
                    if opts.sentences {
                        human_sentences(out, rules, &s)?;
                    }
                }
                violations.extend(v.into_iter().map(|v| (s.file.path.clone(), v)));
            }
            Err(e) => errors.push(e),
        }
    }
    if opts.json {
        let doc = json!({
            "version": crate::report::json::SCHEMA_VERSION,
            "preset": rules.profile.name,
            "files": records,
            "errors": errors.iter().map(|e| json!({"path": e.path, "message": e.reason})).collect::<Vec<_>>(),
        });
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)?;
    } else {
        for (path, v) in &violations {
            writeln!(out, "error[{}]: {path}: {}", v.threshold, v.message)?;
        }
        for e in &errors {
            writeln!(out, "error[io]: {}: {}", e.path, e.reason)?;
        }
    }
    out.flush()?;
    Ok(if !errors.is_empty() {
        EXIT_ERROR
    } else if !violations.is_empty() {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}
