//! Cross-validation: folds that keep documents whole, and the choice of rules on the
//! training folds.

use super::*;

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
