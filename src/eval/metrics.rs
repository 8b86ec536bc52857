//! The measures: precision, recall and F1 of the uncertain class; Pearson and Spearman
//! correlation.

use super::*;

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

/// Mean average precision of `lines` ranked by claim strength within each document (ties in
/// the document's order: `line`, else input order), over the documents that have a document
/// name and a check-worthy line; `None` if no line names its document.
pub fn mean_average_precision(
    gold: &[GoldLine],
    preds: &[Prediction],
    lines: &[usize],
) -> Option<f64> {
    let mut by_doc: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
    for &i in lines {
        by_doc.entry(gold[i].doc.as_deref()?).or_default().push(i);
    }
    let mut aps = Vec::new();
    for mut idx in by_doc.into_values() {
        idx.sort_by(|&a, &b| {
            preds[b]
                .claim
                .total_cmp(&preds[a].claim)
                .then(gold[a].line.cmp(&gold[b].line))
                .then(a.cmp(&b))
        });
        let (mut hits, mut sum) = (0usize, 0.0);
        for (rank, &i) in idx.iter().enumerate() {
            if gold[i].checkworthy == Some(true) {
                hits += 1;
                sum += hits as f64 / (rank + 1) as f64;
            }
        }
        if hits > 0 {
            aps.push(sum / hits as f64);
        }
    }
    (!aps.is_empty()).then(|| aps.iter().sum::<f64>() / aps.len() as f64)
}
