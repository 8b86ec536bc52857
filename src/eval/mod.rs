//! `hedgelint eval`: scores annotated sentences (one JSON object a line, each line one
//! sentence, never re-segmented) and measures the rules against the annotation: precision,
//! recall and F1 of the "uncertain" class, or Pearson and Spearman correlation with annotated
//! certainty. With folds, it also cross-validates the choice of rules (`docs/eval.md`).
//! Writes its report to the writers it is given; never prints on its own.

use crate::config::Config;
use crate::engine::Workspace;
use crate::lint::lint_as;
use crate::rules::{RuleId, RuleSet};
use crate::text::Segmenting;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};
use std::borrow::Cow;
use std::cell::RefCell;
use std::io::{self, BufRead, Write};

/// One annotated sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldLine {
    /// The id as given (a string or a number), echoed in predictions.
    pub id: Value,
    pub text: String,
    /// `Some(true)` for "uncertain", `Some(false)` for "certain".
    pub uncertain: Option<bool>,
    pub certainty: Option<f64>,
    /// The document the sentence comes from, when the corpus says (folds keep documents whole).
    pub doc: Option<String>,
}

/// Parses one line; the error says what is wrong with it.
pub fn parse_line(line: &str) -> Result<GoldLine, String> {
    let v: Value = serde_json::from_str(line).map_err(|e| format!("not JSON: {e}"))?;
    let o = v.as_object().ok_or("not a JSON object")?;
    let id = match o.get("id") {
        Some(v @ (Value::String(_) | Value::Number(_))) => v.clone(),
        _ => return Err("no `id` (a string or number)".into()),
    };
    let text = o
        .get("text")
        .and_then(Value::as_str)
        .ok_or("no `text` string")?
        .to_string();
    let uncertain = match o.get("label") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s == "uncertain" => Some(true),
        Some(Value::String(s)) if s == "certain" => Some(false),
        Some(other) => {
            return Err(format!(
                "`label` is {other}, expected \"uncertain\" or \"certain\""
            ));
        }
    };
    let certainty = match o.get("certainty") {
        None | Some(Value::Null) => None,
        Some(c) => Some(
            c.as_f64()
                .filter(|c| c.is_finite())
                .ok_or("`certainty` is not a number")?,
        ),
    };
    if uncertain.is_none() && certainty.is_none() {
        return Err("neither `label` nor `certainty`".into());
    }
    let doc = o.get("doc").and_then(Value::as_str).map(str::to_string);
    Ok(GoldLine {
        id,
        text,
        uncertain,
        certainty,
        doc,
    })
}

const PTB_NO_SPACE_BEFORE: &[&str] = &[
    ",", ".", ";", ":", "?", "!", ")", "]", "}", "%", "'s", "'S", "n't", "N'T", "'re", "'ve",
    "'ll", "'d", "'m", "''",
];
const PTB_NO_SPACE_AFTER: &[&str] = &["(", "[", "{", "$", "``"];

/// Undoes Penn Treebank tokenisation (`-LRB-`, `` ` ``, ` 's`, ` ,`) so that the text reads as
/// prose: brackets become brackets (and `(Smith , 2005 )` a citation again), clitics rejoin
/// their word. Text without PTB tokens comes back unchanged.
pub fn detokenize_ptb(text: &str) -> Cow<'_, str> {
    let ptb = text.contains("-LRB-")
        || text.contains("-RRB-")
        || text.contains("``")
        || text.contains(" 's ")
        || text.contains(" n't")
        || text.contains(" , ")
        || text.ends_with(" .");
    if !ptb {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut glue = true;
    for tok in text.split_whitespace() {
        let t = match tok {
            "-LRB-" => "(",
            "-RRB-" => ")",
            "-LSB-" => "[",
            "-RSB-" => "]",
            "-LCB-" => "{",
            "-RCB-" => "}",
            "``" => "\u{201C}",
            "''" => "\u{201D}",
            t => t,
        };
        if !glue && !PTB_NO_SPACE_BEFORE.contains(&tok) && !PTB_NO_SPACE_BEFORE.contains(&t) {
            out.push(' ');
        }
        out.push_str(t);
        glue = PTB_NO_SPACE_AFTER.contains(&tok) || PTB_NO_SPACE_AFTER.contains(&t);
    }
    Cow::Owned(out)
}

/// What hedgelint says about one sentence.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Prediction {
    pub uncertain: bool,
    pub certainty: f64,
    /// The rules whose cues make it uncertain (sorted, distinct).
    pub rules: Vec<RuleId>,
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
    Prediction {
        uncertain: !fired.is_empty(),
        certainty: a.certainty,
        rules: fired,
    }
}

/// Precision, recall and F1 (in percent) of the positive class.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Prf {
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    pub fn new(tp: usize, fp: usize, fn_: usize) -> Prf {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let p = ratio(tp, tp + fp);
        let r = ratio(tp, tp + fn_);
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        Prf {
            tp,
            fp,
            fn_,
            precision: 100.0 * p,
            recall: 100.0 * r,
            f1: 100.0 * f,
        }
    }

    pub fn of(pairs: impl Iterator<Item = (bool, bool)>) -> Prf {
        let (mut tp, mut fp, mut fn_) = (0, 0, 0);
        for (pred, gold) in pairs {
            match (pred, gold) {
                (true, true) => tp += 1,
                (true, false) => fp += 1,
                (false, true) => fn_ += 1,
                _ => {}
            }
        }
        Prf::new(tp, fp, fn_)
    }
}

/// Pearson correlation; 0 when either side is constant.
pub fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len().min(y.len());
    if n < 2 {
        return 0.0;
    }
    let mx = x[..n].iter().sum::<f64>() / n as f64;
    let my = y[..n].iter().sum::<f64>() / n as f64;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for i in 0..n {
        let (dx, dy) = (x[i] - mx, y[i] - my);
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    if sxx == 0.0 || syy == 0.0 {
        0.0
    } else {
        sxy / (sxx * syy).sqrt()
    }
}

/// Ranks from 1, ties sharing their mean rank.
pub fn ranks(v: &[f64]) -> Vec<f64> {
    let mut idx: Vec<usize> = (0..v.len()).collect();
    idx.sort_by(|&a, &b| v[a].total_cmp(&v[b]));
    let mut r = vec![0.0; v.len()];
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && v[idx[j + 1]] == v[idx[i]] {
            j += 1;
        }
        let mean = (i + j) as f64 / 2.0 + 1.0;
        for &k in &idx[i..=j] {
            r[k] = mean;
        }
        i = j + 1;
    }
    r
}

/// Spearman correlation: Pearson of the ranks.
pub fn spearman(x: &[f64], y: &[f64]) -> f64 {
    pearson(&ranks(x), &ranks(y))
}

/// Fold of each line: whole documents round-robin when lines name their document, otherwise
/// stratified by label (the i-th uncertain line goes to fold i mod k, and so for certain
/// ones), so that a corpus sorted by label still gives every fold its share.
pub fn folds(gold: &[GoldLine], k: usize) -> Vec<usize> {
    let k = k.max(1);
    if gold.iter().all(|g| g.doc.is_some()) {
        let mut docs: rustc_hash::FxHashMap<&str, usize> = Default::default();
        gold.iter()
            .map(|g| {
                let n = docs.len();
                *docs.entry(g.doc.as_deref().unwrap_or("")).or_insert(n) % k
            })
            .collect()
    } else {
        let mut seen = [0usize; 3];
        gold.iter()
            .map(|g| {
                let class = match g.uncertain {
                    Some(true) => 0,
                    Some(false) => 1,
                    None => 2,
                };
                seen[class] += 1;
                (seen[class] - 1) % k
            })
            .collect()
    }
}

/// Greedy backward elimination on the training lines: drops, one at a time, the rule whose
/// removal raises F1 most, until no removal helps. Returns the rules dropped.
pub fn select_rules(preds: &[&Prediction], gold: &[bool]) -> Vec<RuleId> {
    let mut fires: rustc_hash::FxHashMap<RuleId, Vec<usize>> = Default::default();
    let mut count = vec![0usize; preds.len()];
    for (i, p) in preds.iter().enumerate() {
        for &r in &p.rules {
            fires.entry(r).or_default().push(i);
        }
        count[i] = p.rules.len();
    }
    let mut dropped = Vec::new();
    let pos = gold.iter().filter(|&&g| g).count();
    loop {
        let (mut tp, mut fp) = (0usize, 0usize);
        for (i, &c) in count.iter().enumerate() {
            if c > 0 {
                if gold[i] {
                    tp += 1;
                } else {
                    fp += 1;
                }
            }
        }
        let f1 = |tp: usize, fp: usize| Prf::new(tp, fp, pos - tp).f1;
        let now = f1(tp, fp);
        let mut best: Option<(f64, RuleId)> = None;
        let mut candidates: Vec<&RuleId> = fires.keys().collect();
        candidates.sort();
        for &r in candidates {
            if dropped.contains(&r) {
                continue;
            }
            let (mut ltp, mut lfp) = (0, 0);
            for &i in &fires[&r] {
                if count[i] == 1 {
                    if gold[i] {
                        ltp += 1;
                    } else {
                        lfp += 1;
                    }
                }
            }
            let gain = f1(tp - ltp, fp - lfp) - now;
            if gain > 1e-9 && best.is_none_or(|(g, _)| gain > g) {
                best = Some((gain, r));
            }
        }
        let Some((_, r)) = best else { break };
        for &i in &fires[&r] {
            count[i] -= 1;
        }
        dropped.push(r);
    }
    dropped.sort_unstable();
    dropped
}

pub struct EvalOptions {
    /// Name shown in the report.
    pub name: String,
    /// Cross-validation folds; 0 or 1 for none.
    pub folds: usize,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pearson: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spearman: Option<f64>,
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
    let show = gold.len() > CHUNK;
    for chunk in gold.chunks(CHUNK) {
        preds.par_extend(
            chunk
                .par_iter()
                .map(|g| WORKSPACE.with(|ws| predict(rules, &g.text, &mut ws.borrow_mut()))),
        );
        if show {
            writeln!(progress, "scored {}/{} sentences", preds.len(), gold.len())?;
        }
    }
    if let Some(out) = predictions.as_mut() {
        for (g, p) in gold.iter().zip(&preds) {
            let line = json!({
                "id": g.id,
                "label": if p.uncertain { "uncertain" } else { "certain" },
                "certainty": (p.certainty * 1e6).round() / 1e6,
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
            doc: doc.map(str::to_string),
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
        };
        let preds = [p(vec![0]), p(vec![0]), p(vec![1]), p(vec![1]), p(vec![])];
        let gold = [true, true, false, false, false];
        let refs: Vec<&Prediction> = preds.iter().collect();
        assert_eq!(select_rules(&refs, &gold), vec![RuleId::from_index(1)]);
    }
}
