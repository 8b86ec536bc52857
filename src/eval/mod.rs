//! `hedgelint eval`: scores annotated sentences (one JSON object a line, each line one
//! sentence, never re-segmented) and measures the rules against the annotation: precision,
//! recall and F1 of the "uncertain" class, or Pearson and Spearman correlation with annotated
//! certainty. With folds, it also cross-validates the choice of rules (`docs/eval.md`).
//! Writes its report to the writers it is given; never prints on its own.

mod documents;
mod folds;
mod gold;
mod metrics;

pub use documents::{DocPrediction, Documents, predict_documents};
pub use folds::{folds, select_rules};
pub use gold::{GoldLine, detokenize_ptb, parse_line};
pub use metrics::{Prf, mean_average_precision, pearson, ranks, spearman};

use crate::config::Config;
use crate::engine::Workspace;
use crate::lint::lint_as;
use crate::report::score::source_value;
use crate::rules::{RuleId, RuleSet};
use crate::text::Segmenting;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};
use std::borrow::Cow;
use std::cell::RefCell;
use std::io::{self, BufRead, Write};

/// What hedgelint says about one sentence.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Prediction {
    pub uncertain: bool,
    pub certainty: f64,
    /// The rules whose cues make it uncertain (sorted, distinct).
    pub rules: Vec<RuleId>,
    /// Claim strength (0 without a claim cue).
    pub claim: f64,
    /// Every cue found, uncertain or not, in order: its rule, its byte span in the scored
    /// (detokenised) text and the text it matched.
    pub cues: Vec<(RuleId, std::ops::Range<usize>, String)>,
    /// The sentence's source (span in the scored text), when it names one.
    pub source: Option<crate::engine::Source>,
    /// The scored text (detokenised), which `source` and `cues` point into.
    pub text: String,
}

/// The configuration eval lints with: every rule of the preset, nothing suppressed.
static EVAL_CONFIG: std::sync::LazyLock<Config> = std::sync::LazyLock::new(Config::default);

/// Scores `text` as one sentence.
pub fn predict(rules: &RuleSet, text: &str, ws: &mut Workspace) -> Prediction {
    let text = detokenize_ptb(text);
    let linted = lint_as(rules, &EVAL_CONFIG, "", &text, Segmenting::Whole, ws);
    let Some(a) = linted.sentences.into_iter().next() else {
        return Prediction::default();
    };
    let mut fired: Vec<RuleId> = a
        .cues
        .iter()
        .map(|c| c.rule)
        .filter(|&r| rules.is_uncertain_cue(r))
        .collect();
    fired.sort_unstable();
    fired.dedup();
    let cues = a
        .cues
        .iter()
        .map(|c| {
            let t = text.get(c.span.clone()).unwrap_or("").to_string();
            (c.rule, c.span.clone(), t)
        })
        .collect();
    Prediction {
        uncertain: !fired.is_empty(),
        certainty: a.certainty,
        rules: fired,
        claim: a.claim,
        cues,
        source: a.source,
        text: text.into_owned(),
    }
}

pub struct EvalOptions {
    /// Name shown in the report.
    pub name: String,
    /// Cross-validation folds; 0 or 1 for none.
    pub folds: usize,
    /// Reads the documents of document-level attribution gold (lines with `doc`, `start`,
    /// `end` and a `has_*_source` flag); without it such lines are not measured.
    pub documents: Option<Box<Documents>>,
}

/// The measures, ready to print or serialise.
#[derive(Debug, Default, Serialize)]
pub struct EvalReport {
    pub gold: String,
    pub preset: String,
    pub lines: usize,
    pub skipped: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uncertain: Option<Prf>,
    /// Check-worthiness: "has a claim cue" against `checkworthy`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checkworthy: Option<Prf>,
    /// Mean average precision of the sentences ranked by claim strength within each document
    /// (CheckThat!'s measure), over the documents with a check-worthy line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub map: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pearson: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spearman: Option<f64>,
    /// Document-level attribution gold: the documents checked whole.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub documents: Option<usize>,
    /// … sentences marked sourced against a named or pronoun source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sourced: Option<Prf>,
    /// … sentences with a `weasel` warning against a vague source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vague: Option<Prf>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub folds: Vec<FoldReport>,
    /// Pooled over held-out folds, each fold scored with the rules selected on the others.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cross_validated: Option<Prf>,
}

#[derive(Debug, Default, Serialize)]
pub struct FoldReport {
    pub fold: usize,
    pub lines: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub all_rules: Option<Prf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub selected_rules: Option<Prf>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dropped: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pearson: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spearman: Option<f64>,
}

thread_local! {
    static WORKSPACE: RefCell<Workspace> = RefCell::new(Workspace::default());
}

const CHUNK: usize = 2000;

/// Reads the gold lines, scores them, writes predictions (if asked) and returns the report.
/// Malformed lines are reported on `progress` with their line number and skipped.
pub fn run(
    rules: &RuleSet,
    input: impl BufRead,
    opts: &EvalOptions,
    mut predictions: Option<&mut dyn Write>,
    progress: &mut dyn Write,
) -> io::Result<EvalReport> {
    let mut gold = Vec::new();
    let mut skipped = 0;
    for (n, line) in input.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        match parse_line(&line) {
            Ok(g) => gold.push(g),
            Err(e) => {
                skipped += 1;
                writeln!(progress, "{}:{}: skipped: {e}", opts.name, n + 1)?;
            }
        }
    }
    let mut preds = Vec::with_capacity(gold.len());
    let show = gold.len() > CHUNK && gold.iter().any(|g| !g.in_document());
    for chunk in gold.chunks(CHUNK) {
        preds.par_extend(chunk.par_iter().map(|g| {
            // A line measured only in its document is not scored alone.
            let alone = !g.in_document()
                || g.uncertain.is_some()
                || g.certainty.is_some()
                || g.checkworthy.is_some();
            if alone {
                WORKSPACE.with(|ws| predict(rules, &g.text, &mut ws.borrow_mut()))
            } else {
                Prediction::default()
            }
        }));
        if show {
            writeln!(progress, "scored {}/{} sentences", preds.len(), gold.len())?;
        }
    }
    let in_docs: Vec<usize> = (0..gold.len()).filter(|&i| gold[i].in_document()).collect();
    let mut doc_preds: Vec<Option<DocPrediction>> = vec![None; gold.len()];
    if !in_docs.is_empty() {
        match &opts.documents {
            Some(documents) => {
                for (i, p) in predict_documents(rules, &gold, &in_docs, documents, progress)? {
                    doc_preds[i] = Some(p);
                }
            }
            None => writeln!(
                progress,
                "{}: {} lines of document-level attribution gold not measured: no documents to read",
                opts.name,
                in_docs.len()
            )?,
        }
    }
    if let Some(out) = predictions.as_mut() {
        for (g, (p, d)) in gold.iter().zip(preds.iter().zip(&doc_preds)) {
            if let Some(d) = d {
                let line = json!({
                    "id": g.id, "sourced": d.sourced, "vague": d.vague, "sources": d.sources,
                });
                writeln!(out, "{line}")?;
                continue;
            }
            let line = json!({
                "id": g.id,
                "label": if p.uncertain { "uncertain" } else { "certain" },
                "certainty": (p.certainty * 1e6).round() / 1e6,
                "claim": p.claim,
                "rules": p.rules.iter().map(|&r| rules[r].id.as_str()).collect::<Vec<_>>(),
                "cues": p.cues.iter().map(|(r, span, t)| json!({
                    "rule": rules[*r].id, "start": span.start, "end": span.end, "text": t,
                })).collect::<Vec<_>>(),
                "source": p.source.as_ref().map(|s| source_value(&p.text, s)),
            });
            writeln!(out, "{line}")?;
        }
        out.flush()?;
    }
    let mut report = EvalReport {
        gold: opts.name.clone(),
        preset: rules.profile.name.clone(),
        lines: gold.len(),
        skipped,
        ..EvalReport::default()
    };
    let measured: Vec<(&GoldLine, &DocPrediction)> = gold
        .iter()
        .zip(&doc_preds)
        .filter_map(|(g, d)| d.as_ref().map(|d| (g, d)))
        .collect();
    if !measured.is_empty() {
        let docs: std::collections::BTreeSet<&str> = measured
            .iter()
            .filter_map(|(g, _)| g.doc.as_deref())
            .collect();
        report.documents = Some(docs.len());
        let prf = |pred: fn(&DocPrediction) -> bool, gold: fn(&GoldLine) -> Option<bool>| {
            let pairs: Vec<(bool, bool)> = measured
                .iter()
                .filter_map(|(g, d)| gold(g).map(|y| (pred(d), y)))
                .collect();
            (!pairs.is_empty()).then(|| Prf::of(pairs.into_iter()))
        };
        report.sourced = prf(|d| d.sourced, |g| g.sourced);
        report.vague = prf(|d| d.vague, |g| g.vague);
    }
    let labelled: Vec<usize> = (0..gold.len())
        .filter(|&i| gold[i].uncertain.is_some())
        .collect();
    let rated: Vec<usize> = (0..gold.len())
        .filter(|&i| gold[i].certainty.is_some())
        .collect();
    let correlate = |idx: &[usize]| {
        let x: Vec<f64> = idx.iter().map(|&i| preds[i].certainty).collect();
        let y: Vec<f64> = idx
            .iter()
            .map(|&i| gold[i].certainty.unwrap_or(0.0))
            .collect();
        (pearson(&x, &y), spearman(&x, &y))
    };
    if !labelled.is_empty() {
        report.uncertain =
            Some(Prf::of(labelled.iter().map(|&i| {
                (preds[i].uncertain, gold[i].uncertain == Some(true))
            })));
    }
    let worthy: Vec<usize> = (0..gold.len())
        .filter(|&i| gold[i].checkworthy.is_some())
        .collect();
    if !worthy.is_empty() {
        report.checkworthy =
            Some(Prf::of(worthy.iter().map(|&i| {
                (preds[i].claim > 0.0, gold[i].checkworthy == Some(true))
            })));
        report.map = mean_average_precision(&gold, &preds, &worthy);
    }
    if !rated.is_empty() {
        let (p, s) = correlate(&rated);
        report.pearson = Some(p);
        report.spearman = Some(s);
    }
    if opts.folds > 1 {
        let fold_of = folds(&gold, opts.folds);
        let (mut tp, mut fp, mut fn_) = (0, 0, 0);
        for k in 0..opts.folds {
            let test: Vec<usize> = (0..gold.len()).filter(|&i| fold_of[i] == k).collect();
            let mut f = FoldReport {
                fold: k + 1,
                lines: test.len(),
                ..FoldReport::default()
            };
            let test_lab: Vec<usize> = test
                .iter()
                .copied()
                .filter(|&i| gold[i].uncertain.is_some())
                .collect();
            if !test_lab.is_empty() {
                let train: Vec<usize> = labelled
                    .iter()
                    .copied()
                    .filter(|&i| fold_of[i] != k)
                    .collect();
                let tp_preds: Vec<&Prediction> = train.iter().map(|&i| &preds[i]).collect();
                let tg: Vec<bool> = train
                    .iter()
                    .map(|&i| gold[i].uncertain == Some(true))
                    .collect();
                let dropped = select_rules(&tp_preds, &tg);
                let g = |i: usize| gold[i].uncertain == Some(true);
                f.all_rules = Some(Prf::of(
                    test_lab.iter().map(|&i| (preds[i].uncertain, g(i))),
                ));
                let sel = Prf::of(
                    test_lab
                        .iter()
                        .map(|&i| (preds[i].rules.iter().any(|r| !dropped.contains(r)), g(i))),
                );
                tp += sel.tp;
                fp += sel.fp;
                fn_ += sel.fn_;
                f.selected_rules = Some(sel);
                f.dropped = dropped.iter().map(|&r| rules[r].id.clone()).collect();
            }
            let test_rated: Vec<usize> = test
                .iter()
                .copied()
                .filter(|&i| gold[i].certainty.is_some())
                .collect();
            if !test_rated.is_empty() {
                let (p, s) = correlate(&test_rated);
                f.pearson = Some(p);
                f.spearman = Some(s);
            }
            report.folds.push(f);
        }
        if !labelled.is_empty() {
            report.cross_validated = Some(Prf::new(tp, fp, fn_));
        }
    }
    Ok(report)
}

/// The human report.
pub fn write_human(r: &EvalReport, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "hedgelint eval: {} with preset `{}`: {} sentences{}",
        r.gold,
        r.preset,
        r.lines,
        if r.skipped > 0 {
            format!(", {} malformed lines skipped", r.skipped)
        } else {
            String::new()
        }
    )?;
    let prf = |p: &Prf| {
        format!(
            "P {:5.1}  R {:5.1}  F1 {:5.1}  (tp {}, fp {}, fn {})",
            p.precision, p.recall, p.f1, p.tp, p.fp, p.fn_
        )
    };
    if let Some(p) = &r.uncertain {
        writeln!(out, "uncertain class:        {}", prf(p))?;
    }
    if let Some(p) = &r.checkworthy {
        writeln!(out, "check-worthy (claim):   {}", prf(p))?;
    }
    if let Some(n) = r.documents {
        writeln!(out, "documents checked whole: {n}")?;
    }
    if let Some(p) = &r.sourced {
        writeln!(out, "sourced (named/pronoun): {}", prf(p))?;
    }
    if let Some(p) = &r.vague {
        writeln!(out, "vague source (weasel):  {}", prf(p))?;
    }
    if let Some(m) = r.map {
        writeln!(out, "claim ranking:          MAP {m:.3}")?;
    }
    if let (Some(p), Some(s)) = (r.pearson, r.spearman) {
        writeln!(
            out,
            "certainty:              Pearson {p:.3}  Spearman {s:.3}"
        )?;
    }
    for f in &r.folds {
        let mut line = format!("fold {} ({} sentences):", f.fold, f.lines);
        if let Some(p) = &f.all_rules {
            line.push_str(&format!(" all rules F1 {:.1};", p.f1));
        }
        if let Some(p) = &f.selected_rules {
            line.push_str(&format!(" selected {}", prf(p)));
        }
        if let (Some(p), Some(s)) = (f.pearson, f.spearman) {
            line.push_str(&format!(" Pearson {p:.3} Spearman {s:.3}"));
        }
        writeln!(out, "{line}")?;
        if !f.dropped.is_empty() {
            writeln!(
                out,
                "  dropped on the other folds: {}",
                f.dropped.join(", ")
            )?;
        }
    }
    if let Some(p) = &r.cross_validated {
        writeln!(out, "cross-validated:        {}", prf(p))?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hedge_inside_a_vague_attribution_still_makes_it_uncertain() {
        let rules = RuleSet::with_preset("academic").unwrap();
        let mut ws = Workspace::default();
        for text in [
            "These pumps are thought to be active at rest.",
            "It has been suggested [4] that the pump leaks.",
            "Earlier studies indicate that the pump leaks.",
            "The yield is expected to be low.",
        ] {
            let p = predict(&rules, text, &mut ws);
            assert!(p.uncertain && p.certainty < 0.5, "{text}: {p:?}");
        }
        // An attribution without a hedge reports, it does not doubt.
        let p = predict(
            &rules,
            "Earlier studies showed that the pump leaks.",
            &mut ws,
        );
        assert!(!p.uncertain, "{p:?}");
    }

    #[test]
    fn ptb_text_reads_as_prose() {
        assert_eq!(
            detokenize_ptb(
                "He said -LRB- in 2005 -RRB- that Kim 's team did n't , and `` left '' ."
            ),
            "He said (in 2005) that Kim's team didn't, and \u{201C}left\u{201D}."
        );
        assert_eq!(
            detokenize_ptb("A normal (sentence), here."),
            "A normal (sentence), here."
        );
    }

    #[test]
    fn prf_and_correlations() {
        let p = Prf::of([(true, true), (true, false), (false, true), (false, false)].into_iter());
        assert_eq!((p.tp, p.fp, p.fn_), (1, 1, 1));
        assert!((p.f1 - 50.0).abs() < 1e-9);
        assert_eq!(Prf::new(0, 0, 0).f1, 0.0);
        let x = [1.0, 2.0, 3.0, 4.0];
        assert!((pearson(&x, &[2.0, 4.0, 6.0, 8.0]) - 1.0).abs() < 1e-12);
        assert!((pearson(&x, &[8.0, 6.0, 4.0, 2.0]) + 1.0).abs() < 1e-12);
        assert_eq!(pearson(&x, &[1.0; 4]), 0.0);
        assert_eq!(ranks(&[10.0, 20.0, 10.0]), vec![1.5, 3.0, 1.5]);
        // Monotone but not linear: Spearman 1, Pearson below.
        let y = [1.0, 10.0, 100.0, 1000.0];
        assert!((spearman(&x, &y) - 1.0).abs() < 1e-12);
        assert!(pearson(&x, &y) < 0.9);
    }

    #[test]
    fn malformed_lines_say_why() {
        assert!(parse_line("{").unwrap_err().contains("not JSON"));
        assert!(
            parse_line(r#"{"id":1,"text":"x"}"#)
                .unwrap_err()
                .contains("neither")
        );
        assert!(
            parse_line(r#"{"id":"a","text":"x","label":"maybe"}"#)
                .unwrap_err()
                .contains("label")
        );
        let g = parse_line(r#"{"id":"a","text":"x","certainty":4.5}"#).unwrap();
        assert_eq!(g.certainty, Some(4.5));
    }

    #[test]
    fn folds_are_stratified_or_by_document() {
        let line = |u: bool, doc: Option<&str>| GoldLine {
            id: Value::Null,
            text: String::new(),
            uncertain: Some(u),
            certainty: None,
            checkworthy: None,
            line: None,
            doc: doc.map(str::to_string),
            span: None,
            sourced: None,
            vague: None,
        };
        // Sorted by label, as wikiweasel is: each fold still gets both labels.
        let g: Vec<GoldLine> = (0..6).map(|i| line(i >= 3, None)).collect();
        assert_eq!(folds(&g, 3), vec![0, 1, 2, 0, 1, 2]);
        let g = vec![
            line(true, Some("a")),
            line(false, Some("a")),
            line(true, Some("b")),
        ];
        assert_eq!(folds(&g, 2), vec![0, 0, 1]);
    }

    #[test]
    fn selection_drops_a_rule_that_only_adds_false_positives() {
        let p = |rules: Vec<usize>| Prediction {
            uncertain: !rules.is_empty(),
            certainty: 0.5,
            rules: rules.into_iter().map(RuleId::from_index).collect(),
            claim: 0.0,
            ..Prediction::default()
        };
        let preds = [p(vec![0]), p(vec![0]), p(vec![1]), p(vec![1]), p(vec![])];
        let gold = [true, true, false, false, false];
        let refs: Vec<&Prediction> = preds.iter().collect();
        assert_eq!(select_rules(&refs, &gold), vec![RuleId::from_index(1)]);
    }

    #[test]
    fn map_ranks_each_document_by_claim_strength() {
        let g = |doc: &str, line: u64, worthy: bool| GoldLine {
            id: json!(format!("{doc}-{line}")),
            text: String::new(),
            uncertain: None,
            certainty: None,
            checkworthy: Some(worthy),
            line: Some(line),
            doc: Some(doc.into()),
            span: None,
            sourced: None,
            vague: None,
        };
        let p = |claim: f64| Prediction {
            claim,
            ..Prediction::default()
        };
        // Document a: the one check-worthy line ranks second (AP 1/2); document b: first (AP 1).
        let gold = [
            g("a", 1, false),
            g("a", 2, true),
            g("b", 1, true),
            g("b", 2, false),
        ];
        let preds = [p(2.0), p(1.0), p(1.0), p(0.0)];
        let map = mean_average_precision(&gold, &preds, &[0, 1, 2, 3]);
        assert_eq!(map, Some(0.75));
        assert_eq!(
            parse_line(r#"{"id": "deb-7", "text": "x", "checkworthy": true, "line": 7}"#)
                .map(|l| (l.doc, l.checkworthy)),
            Ok((Some("deb".into()), Some(true)))
        );
    }
}
