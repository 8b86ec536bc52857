//! Document-level attribution gold (PolNeAR): lines that carry their document's name and
//! character offsets. Each document is checked whole, as `check` would check it, and its
//! sentences and warnings are mapped back to the gold lines by offset: a hedgelint sentence
//! belongs to the gold line it overlaps most, a warning to the gold line holding its first byte.

use super::*;
use crate::lint::lint;
use crate::rules::{CueKind, Severity};
use std::collections::BTreeMap;

/// Reads a document's text by the name its gold lines give (`doc`).
pub type Documents = dyn Fn(&str) -> io::Result<String> + Sync;

/// What the checked document says about one gold line.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocPrediction {
    /// A sentence mapped to the line names a source.
    pub sourced: bool,
    /// A warning of kind `weasel` starts in the line.
    pub vague: bool,
    /// The sources of the sentences mapped to the line (JSON, as `score --sentences` shows them).
    pub sources: Vec<Value>,
}

/// Byte offset of each character offset of `text` (one more entry than characters).
fn char_to_byte(text: &str) -> Vec<usize> {
    let mut out: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    out.push(text.len());
    out
}

/// Checks the documents of the lines `idx` of `gold` and predicts each line; lines whose
/// document cannot be read are reported on `progress` (once a document) and left out.
pub fn predict_documents(
    rules: &RuleSet,
    gold: &[GoldLine],
    idx: &[usize],
    documents: &Documents,
    progress: &mut dyn Write,
) -> io::Result<Vec<(usize, DocPrediction)>> {
    let mut by_doc: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for &i in idx {
        if let Some(d) = gold[i].doc.as_deref() {
            by_doc.entry(d).or_default().push(i);
        }
    }
    let docs: Vec<(&str, Vec<usize>)> = by_doc.into_iter().collect();
    let results: Vec<Result<Vec<(usize, DocPrediction)>, String>> = docs
        .par_iter()
        .map(|(doc, lines)| {
            let text = documents(doc).map_err(|e| format!("{doc}: {e}"))?;
            Ok(WORKSPACE
                .with(|ws| predict_document(rules, &text, gold, lines, &mut ws.borrow_mut())))
        })
        .collect();
    let mut out = Vec::with_capacity(idx.len());
    for r in results {
        match r {
            Ok(v) => out.extend(v),
            Err(e) => writeln!(progress, "skipped: {e}")?,
        }
    }
    out.sort_by_key(|(i, _)| *i);
    Ok(out)
}

/// One document: its gold lines `lines` (indices into `gold`) predicted from the whole text.
fn predict_document(
    rules: &RuleSet,
    text: &str,
    gold: &[GoldLine],
    lines: &[usize],
    ws: &mut Workspace,
) -> Vec<(usize, DocPrediction)> {
    let linted = lint(rules, &EVAL_CONFIG, "document.txt", text, ws);
    let c2b = char_to_byte(text);
    let byte = |c: usize| c2b.get(c).copied().unwrap_or(text.len());
    let mut rows: Vec<(usize, std::ops::Range<usize>)> = lines
        .iter()
        .filter_map(|&i| {
            gold[i]
                .span
                .as_ref()
                .map(|s| (i, byte(s.start)..byte(s.end)))
        })
        .collect();
    rows.sort_by_key(|(_, s)| s.start);
    let mut preds = vec![DocPrediction::default(); rows.len()];
    let containing = |at: usize| {
        let k = rows.partition_point(|(_, s)| s.start <= at);
        (k > 0 && at < rows[k - 1].1.end).then(|| k - 1)
    };
    for a in &linted.sentences {
        // The gold line this sentence overlaps most.
        let k = rows
            .partition_point(|(_, s)| s.start <= a.span.start)
            .saturating_sub(1);
        let mut best: Option<(usize, usize)> = None;
        for (j, (_, s)) in rows.iter().enumerate().skip(k) {
            if s.start >= a.span.end {
                break;
            }
            let overlap = a
                .span
                .end
                .min(s.end)
                .saturating_sub(a.span.start.max(s.start));
            if overlap > 0 && best.is_none_or(|(_, o)| overlap > o) {
                best = Some((j, overlap));
            }
        }
        if let (Some((j, _)), Some(src)) = (best, &a.source) {
            preds[j].sourced = true;
            preds[j].sources.push(source_value(text, src));
        }
    }
    for f in &linted.findings {
        if f.severity == Severity::Warning
            && rules[f.rule].kind == CueKind::Weasel
            && let Some(j) = containing(f.span.start)
        {
            preds[j].vague = true;
        }
    }
    rows.into_iter().map(|(i, _)| i).zip(preds).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(doc: &str, span: std::ops::Range<usize>, sourced: bool, vague: bool) -> GoldLine {
        GoldLine {
            id: json!(span.start),
            text: String::new(),
            uncertain: None,
            certainty: None,
            checkworthy: None,
            line: None,
            doc: Some(doc.into()),
            span: Some(span),
            sourced: Some(sourced),
            vague: Some(vague),
        }
    }

    #[test]
    fn documents_are_checked_whole_and_mapped_by_character_offset() {
        // "é" is two bytes: the gold's character offsets must be mapped to bytes. The pronoun
        // of the second sentence resolves to the speaker named in the first.
        let text = "Café owner Okafor said the port was idle.\nShe added that many critics say it will close.\n\nSome analysts suggest it might fail.";
        let chars: Vec<char> = text.chars().collect();
        let first_end = 41;
        assert_eq!(chars[first_end - 1], '.');
        let second = text[..text.find("She").unwrap()].chars().count();
        let third = text[..text.find("Some").unwrap()].chars().count();
        let gold = vec![
            line("d", 0..first_end, true, false),
            line("d", second..third - 2, true, true),
            line("d", third..chars.len(), false, true),
        ];
        let rules = RuleSet::with_preset("journalism").unwrap();
        let docs = |name: &str| -> io::Result<String> {
            assert_eq!(name, "d");
            Ok(text.to_string())
        };
        let mut progress = Vec::new();
        let p = predict_documents(&rules, &gold, &[0, 1, 2], &docs, &mut progress).unwrap();
        let by: Vec<(bool, bool)> = p.iter().map(|(_, d)| (d.sourced, d.vague)).collect();
        assert_eq!(by, vec![(true, false), (true, false), (false, true)]);
        assert_eq!(p[0].1.sources[0]["kind"], "named");
        assert_eq!(p[1].1.sources[0]["kind"], "pronoun");
        assert_eq!(p[1].1.sources[0]["refers_to"]["text"], "Okafor said");
    }

    #[test]
    fn an_unreadable_document_is_reported_and_left_out() {
        let gold = vec![line("gone", 0..4, true, false)];
        let rules = RuleSet::with_preset("journalism").unwrap();
        let docs = |_: &str| -> io::Result<String> { Err(io::Error::other("no such file")) };
        let mut progress = Vec::new();
        let p = predict_documents(&rules, &gold, &[0], &docs, &mut progress).unwrap();
        assert!(p.is_empty());
        assert!(
            String::from_utf8(progress)
                .unwrap()
                .contains("gone: no such file")
        );
    }
}
