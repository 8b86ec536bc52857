//! The reporter of `hedgelint score`: one record a file (a human table or JSON), optionally
//! with every sentence's score and the cues that moved it, printed in path order as soon as
//! each file is done. Files go through the same run as `check` (`run::run_score`).

use crate::engine::{Assessment, by_claim_strength};
use crate::postpass::Violation;
use crate::report::json::{SCHEMA_VERSION, score_value, write_nested};
use crate::report::{FileReport, LineIndex, Prerender, Reporter, Summary};
use crate::rules::RuleSet;
use crate::source::FileError;
use serde_json::{Value, json};
use std::io::{self, Write};

/// What `score` prints.
#[derive(Clone, Copy, Debug, Default)]
pub struct ScoreFormat {
    /// List every sentence with its score and cues.
    pub sentences: bool,
    /// List the sentences by claim strength, strongest first (ties in text order), for a
    /// fact-checker; otherwise in text order.
    pub by_claim: bool,
    pub json: bool,
}

/// A file's sentences in the order `score` lists them.
fn listed<'a>(format: ScoreFormat, s: &'a FileReport) -> Vec<&'a Assessment> {
    let sentences = &s.linted.sentences;
    if format.by_claim {
        by_claim_strength(sentences)
            .into_iter()
            .map(|i| &sentences[i])
            .collect()
    } else {
        sentences.iter().collect()
    }
}

fn sentence_values(format: ScoreFormat, rules: &RuleSet, s: &FileReport) -> Vec<Value> {
    let text = &s.file.text;
    let index = LineIndex::new(text);
    listed(format, s)
        .into_iter()
        .map(|a| {
            let (line, column) = index.line_col(a.span.start);
            let cues: Vec<Value> = a
                .cues
                .iter()
                .zip(&a.moves)
                .map(|(c, m)| {
                    let r = &rules[c.rule];
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
                "claim_strength": a.claim,
                "sourced": a.sourced,
                "source": a.source.as_ref().map(|src| source_value(text, src)),
                "covered": a.covered,
                "cues": cues,
            })
        })
        .collect()
}

/// A sentence's source in JSON: its span, text and kind, and for a pronoun the named source it
/// stands for (`refers_to`, `null` when none is near).
pub fn source_value(text: &str, s: &crate::engine::Source) -> Value {
    let span = |r: &std::ops::Range<usize>| {
        json!({
            "start": r.start,
            "end": r.end,
            "text": text.get(r.clone()).unwrap_or(""),
        })
    };
    let mut v = span(&s.span);
    v["kind"] = json!(s.kind.as_str());
    if s.kind == crate::rules::SourceKind::Pronoun {
        v["refers_to"] = s.refers_to.as_ref().map_or(Value::Null, span);
    }
    v
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

/// A path fitted to `n` columns by cutting its start: the file name and the folders nearest it
/// tell rows apart, a shared prefix does not.
fn short_path(s: &str, n: usize) -> String {
    let count = s.chars().count();
    if count <= n {
        s.to_string()
    } else {
        let tail: String = s.chars().skip(count - (n - 1)).collect();
        format!("…{tail}")
    }
}

fn human_row(out: &mut dyn Write, s: &FileReport) -> io::Result<()> {
    let f = &s.linted.score;
    let share = f
        .sourced_share
        .map_or("—".to_string(), |x| format!("{:.0}%", 100.0 * x));
    writeln!(
        out,
        "{:<32} {:>9.2} {:>9} {:>6} {:>6} {:>9.1} {:>9.1} {:>9.1} {:>9.1} {:>7}",
        short_path(&s.file.path, 32),
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

fn human_sentences(
    out: &mut dyn Write,
    format: ScoreFormat,
    rules: &RuleSet,
    s: &FileReport,
) -> io::Result<()> {
    let text = &s.file.text;
    let index = LineIndex::new(text);
    for a in listed(format, s) {
        let (line, col) = index.line_col(a.span.start);
        let cues: Vec<String> = a
            .cues
            .iter()
            .zip(&a.moves)
            .filter(|(_, m)| **m != 0.0)
            .map(|(c, m)| {
                format!(
                    "{} “{}” {:+.2}",
                    rules[c.rule].id,
                    short(&text[c.span.clone()], 30),
                    m
                )
            })
            .collect();
        // Ranked by claim, each line leads with the strength it is ranked by.
        let claim = if format.by_claim {
            format!("claim {:.2}  ", a.claim)
        } else {
            String::new()
        };
        writeln!(
            out,
            "  {:>4}:{:<3} {}{:.2}  {}{}",
            line,
            col,
            claim,
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

/// One file's output: its row of the table (and its sentences), or its JSON record as an
/// element of the document's `files` array.
fn render(format: ScoreFormat, rules: &RuleSet, report: &FileReport) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing to a `Vec` cannot fail.
    if format.json {
        let mut rec = score_value(&report.file.path, &report.linted.score);
        if format.sentences {
            rec["sentence_scores"] = Value::Array(sentence_values(format, rules, report));
        }
        rec["violations"] = report
            .linted
            .violations
            .iter()
            .map(|v| {
                json!({"threshold": v.threshold, "limit": v.limit,
                       "actual": v.actual, "message": v.message})
            })
            .collect();
        let _ = write_nested(&mut out, &mut Vec::new(), &rec, 4);
    } else {
        let _ = human_row(&mut out, report);
        if format.sentences {
            let _ = human_sentences(&mut out, format, rules, report);
        }
    }
    out
}

/// Prints `score`'s output as the run hands it files.
///
/// Human: the table's head, a row a file as it comes, then broken thresholds, files that
/// could not be scored and skipped files. JSON: one document; its keys are sorted and
/// `errors` comes before `files`, so each file's record is rendered as it comes and kept (as
/// bytes) until the end.
pub struct ScoreReporter<W: Write> {
    out: W,
    format: ScoreFormat,
    /// The preset the rules were built with, named in the JSON document.
    preset: String,
    /// Whether the table's head has been written.
    started: bool,
    /// JSON: the records so far, each nested in the `files` array, joined by commas.
    records: Vec<u8>,
    /// Human: broken thresholds, listed under the table.
    violations: Vec<(String, Violation)>,
    /// Files not scored, in the order they came: errors, and (human) skipped files as notes.
    unscored: Vec<(&'static str, FileError)>,
}

impl<W: Write> ScoreReporter<W> {
    pub fn new(out: W, format: ScoreFormat, preset: &str) -> Self {
        ScoreReporter {
            out,
            format,
            preset: preset.to_string(),
            started: false,
            records: Vec::new(),
            violations: Vec::new(),
            unscored: Vec::new(),
        }
    }

    /// The human table's head, once.
    fn start(&mut self) -> io::Result<()> {
        if self.started || self.format.json {
            return Ok(());
        }
        self.started = true;
        writeln!(
            self.out,
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
        )
    }

    /// The JSON document around the records.
    fn finish_json(&mut self) -> io::Result<()> {
        let mut buf = Vec::new();
        let errors: Vec<Value> = self
            .unscored
            .iter()
            .map(|(_, e)| json!({"path": e.path, "message": e.reason}))
            .collect();
        self.out.write_all(b"{\n  \"errors\": ")?;
        write_nested(&mut self.out, &mut buf, &errors, 2)?;
        self.out.write_all(b",\n  \"files\": ")?;
        if self.records.is_empty() {
            self.out.write_all(b"[]")?;
        } else {
            self.out.write_all(b"[\n    ")?;
            self.out.write_all(&self.records)?;
            self.out.write_all(b"\n  ]")?;
        }
        self.out.write_all(b",\n  \"preset\": ")?;
        write_nested(&mut self.out, &mut buf, &self.preset, 2)?;
        writeln!(self.out, ",\n  \"version\": {SCHEMA_VERSION}\n}}")
    }
}

impl<W: Write> Reporter for ScoreReporter<W> {
    fn wants_sentences(&self) -> bool {
        self.format.sentences
    }

    fn file(&mut self, rules: &RuleSet, report: &FileReport) -> io::Result<()> {
        let bytes = report.rendered(|| render(self.format, rules, report));
        if self.format.json {
            if !self.records.is_empty() {
                self.records.extend_from_slice(b",\n    ");
            }
            self.records.extend_from_slice(&bytes);
        } else {
            self.start()?;
            self.out.write_all(&bytes)?;
            self.violations.extend(
                report
                    .linted
                    .violations
                    .iter()
                    .map(|v| (report.file.path.clone(), v.clone())),
            );
        }
        Ok(())
    }

    fn file_error(&mut self, error: &FileError) -> io::Result<()> {
        self.unscored.push(("error[io]", error.clone()));
        Ok(())
    }

    /// JSON has no place for notes (as in `check --format json`).
    fn file_note(&mut self, note: &FileError) -> io::Result<()> {
        if !self.format.json {
            self.unscored.push(("note[skipped]", note.clone()));
        }
        Ok(())
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        if self.format.json {
            self.finish_json()?;
        } else {
            self.start()?;
            for (path, v) in &self.violations {
                let severity = v.severity.as_str();
                writeln!(
                    self.out,
                    "{severity}[{}]: {path}: {}",
                    v.threshold, v.message
                )?;
            }
            for (what, e) in &self.unscored {
                writeln!(self.out, "{what}: {}: {}", e.path, e.reason)?;
            }
        }
        self.out.flush()
    }

    /// Rows and records are rendered on the worker threads.
    fn prerenderer(&self) -> Option<Box<Prerender>> {
        let format = self.format;
        Some(Box::new(move |rules: &RuleSet, report: &FileReport| {
            render(format, rules, report)
        }))
    }
}
