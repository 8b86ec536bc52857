//! Scores: per-sentence certainty (computed by the engine), aggregated to paragraphs and
//! documents, with the densities a document report gives (cues per 1,000 words, share of
//! claims that are sourced), and the score thresholds that let CI fail on a document.
//! Pure: data in, data out (`docs/scoring.md` has the formulas).

use crate::engine::Assessment;
use crate::rules::CueKind;
use crate::rules::RuleSet;
use serde::Serialize;
use std::ops::Range;

/// Per-document figures.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct FileScore {
    /// Word-weighted mean of the sentence certainties; 0.5 for a text without words.
    pub certainty: f64,
    pub sentences: usize,
    pub words: usize,
    /// Sentences that make a claim needing a source (a claim, booster, vague attribution or
    /// unattributed hedge cue).
    pub claims: usize,
    /// Claims whose sentence names a source.
    pub sourced_claims: usize,
    /// Cue counts (stack rules not counted).
    pub hedges: usize,
    pub boosters: usize,
    /// Vague attributions and unattributed hedges.
    pub vague_attributions: usize,
    /// Claims without a source.
    pub unsourced_claims: usize,
    pub hedges_per_1000_words: f64,
    pub boosters_per_1000_words: f64,
    pub vague_attributions_per_1000_words: f64,
    pub unsourced_per_1000_words: f64,
    /// `sourced_claims / claims`, `None` without claims.
    pub sourced_share: Option<f64>,
    /// Paragraph certainties, in order.
    pub paragraphs: Vec<ParagraphScore>,
    /// The figures in words: "heavily hedged, weakly sourced" (see [`tone`]).
    pub tone: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ParagraphScore {
    /// Byte span from the first sentence's start to the last one's end.
    pub span: Range<usize>,
    pub sentences: usize,
    pub certainty: f64,
}

/// Word-weighted mean certainty of a run of sentences (0.5 when they hold no words).
pub fn aggregate(sentences: &[Assessment]) -> f64 {
    let mut sum = Weighted::default();
    sentences.iter().for_each(|s| sum.add(s));
    sum.mean()
}

/// The running sums behind [`aggregate`], added to one sentence at a time in order, so that a
/// text scored in pieces adds the same numbers in the same order as the whole text.
#[derive(Clone, Copy, Debug, Default)]
struct Weighted {
    sum: f64,
    words: usize,
    sentences: usize,
}

impl Weighted {
    fn add(&mut self, s: &Assessment) {
        self.sum += s.certainty * s.words.max(1) as f64;
        self.words += s.words.max(1);
        self.sentences += 1;
    }

    fn mean(&self) -> f64 {
        if self.sentences == 0 {
            return 0.5;
        }
        self.sum / self.words as f64
    }
}

/// Paragraphs: runs of sentences not separated by a blank line in the source.
pub fn paragraphs(source: &str, sentences: &[Assessment]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..sentences.len() {
        let gap = &source[sentences[i - 1].span.end..sentences[i].span.start];
        // A blank line: only whitespace between two line ends of the gap.
        let mut ends = memchr::memchr_iter(b'\n', gap.as_bytes());
        let mut last = ends.next();
        let blank = last.is_some()
            && ends.any(|end| {
                let line = &gap[last.map_or(0, |l| l + 1)..end];
                last = Some(end);
                line.trim().is_empty()
            });
        if blank {
            out.push(start..i);
            start = i;
        }
    }
    if start < sentences.len() {
        out.push(start..sentences.len());
    }
    out
}

/// Hedges plus vague attributions per 1,000 words from which a text reads as hedged / heavily
/// hedged; boosters per 1,000 words from which it reads as assertive; sourced shares below
/// which claims read as weakly / partly sourced.
pub const HEDGED: f64 = 10.0;
pub const HEAVILY_HEDGED: f64 = 25.0;
pub const ASSERTIVE: f64 = 10.0;
pub const WEAKLY_SOURCED: f64 = 1.0 / 3.0;
pub const PARTLY_SOURCED: f64 = 2.0 / 3.0;

/// Says in words how a document reads: how hedged, how assertive, how well sourced.
pub fn tone(f: &FileScore) -> String {
    let hedging = f.hedges_per_1000_words + f.vague_attributions_per_1000_words;
    let mut parts = vec![if hedging >= HEAVILY_HEDGED {
        "heavily hedged"
    } else if hedging >= HEDGED {
        "hedged"
    } else {
        "plainly stated"
    }];
    if f.boosters_per_1000_words >= ASSERTIVE {
        parts.push("assertive");
    }
    parts.push(match f.sourced_share {
        None => "no claims that need a source",
        Some(s) if s < WEAKLY_SOURCED => "weakly sourced",
        Some(s) if s < PARTLY_SOURCED => "partly sourced",
        Some(_) => "well sourced",
    });
    parts.join(", ")
}

fn per_1000(n: usize, words: usize) -> f64 {
    if words == 0 {
        0.0
    } else {
        n as f64 * 1000.0 / words as f64
    }
}

/// The scores of a document from its sentences' assessments.
pub fn file_score(rules: &RuleSet, source: &str, sentences: &[Assessment]) -> FileScore {
    let mut tally = Tally::default();
    tally.add(rules, source, 0, sentences);
    tally.finish()
}

/// A document's scores added up piece by piece: a long text checked in pieces cut at blank
/// lines (no sentence or paragraph runs across a cut) gets the [`file_score`] of the whole,
/// to the bit.
#[derive(Debug, Default)]
pub struct Tally {
    certainty: Weighted,
    f: FileScore,
}

impl Tally {
    /// Adds the sentences of the piece `source`, which starts `at` bytes into the text.
    pub fn add(&mut self, rules: &RuleSet, source: &str, at: usize, sentences: &[Assessment]) {
        let f = &mut self.f;
        for a in sentences {
            self.certainty.add(a);
            f.sentences += 1;
            f.words += a.words;
            f.hedges += a.count(rules, CueKind::Hedge);
            f.boosters += a.count(rules, CueKind::Booster);
            f.vague_attributions +=
                a.count(rules, CueKind::Weasel) + a.count(rules, CueKind::UnattributedHedge);
            if a.is_claim(rules) {
                f.claims += 1;
                if a.claim_sourced(rules) {
                    f.sourced_claims += 1;
                } else {
                    f.unsourced_claims += 1;
                }
            }
        }
        let s = sentences;
        f.paragraphs
            .extend(paragraphs(source, s).into_iter().map(|r| ParagraphScore {
                span: s[r.start].span.start + at..s[r.end - 1].span.end + at,
                sentences: r.len(),
                certainty: aggregate(&s[r]),
            }));
    }

    pub fn finish(self) -> FileScore {
        let mut f = self.f;
        f.certainty = self.certainty.mean();
        f.hedges_per_1000_words = per_1000(f.hedges, f.words);
        f.boosters_per_1000_words = per_1000(f.boosters, f.words);
        f.vague_attributions_per_1000_words = per_1000(f.vague_attributions, f.words);
        f.unsourced_per_1000_words = per_1000(f.unsourced_claims, f.words);
        f.sourced_share = (f.claims > 0).then(|| f.sourced_claims as f64 / f.claims as f64);
        f.tone = tone(&f);
        f
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Workspace, logistic};
    use crate::lint::{Checked, check};
    use crate::markup::Format;

    fn score(text: &str) -> (RuleSet, Checked, FileScore) {
        let rules = RuleSet::builtin().unwrap_or_else(|e| panic!("{}", e[0].message));
        let c = check(&rules, text, Format::PLAIN, &mut Workspace::default());
        let f = file_score(&rules, text, &c.sentences);
        (rules, c, f)
    }

    #[test]
    fn paragraphs_end_at_blank_lines_only() {
        let sentences = |t: &str| score(t).1.sentences.len();
        let paras = |t: &str| paragraphs(t, &score(t).1.sentences).len();
        for (text, n) in [
            ("One. Two.", 1),
            ("One.\nTwo.", 1),
            ("One.\n\nTwo.", 2),
            ("One.\n \t\nTwo.\r\n\r\nThree.", 3),
            ("One.\n\u{a0}\nTwo. Three.\n\n\n\nFour.", 3),
            ("One. \nTwo \n\n", 1),
        ] {
            assert!(sentences(text) >= n, "{text:?}");
            assert_eq!(paras(text), n, "{text:?}");
        }
    }

    #[test]
    fn tone_says_how_hedged_and_how_sourced() {
        let (_, _, f) = score(
            "Some analysts suggest the plan might fail. Others point to delays. It reportedly cost more.",
        );
        assert_eq!(f.tone, "heavily hedged, weakly sourced");
        let (_, _, f) =
            score("The plan worked, Smith said. Costs fell 4% [2]. The team met on Tuesday.");
        assert_eq!(f.tone, "plainly stated, well sourced");
        let (_, _, f) = score("The team met on Tuesday.");
        assert_eq!(f.tone, "plainly stated, no claims that need a source");
        let (_, _, f) = score("This is clearly and undoubtedly the best plan of all time.");
        assert_eq!(f.tone, "plainly stated, assertive, weakly sourced");
    }

    #[test]
    fn neutral_text_scores_one_half() {
        let (_, c, f) = score("The meeting was held on Tuesday. It ended at noon.");
        assert!(c.sentences.iter().all(|s| s.certainty == 0.5));
        assert_eq!(f.certainty, 0.5);
        assert_eq!(f.sentences, 2);
        assert_eq!(f.words, 10);
    }

    #[test]
    fn more_hedges_lower_the_score_with_diminishing_steps() {
        let one = score("The merger might fail.").1.sentences[0].certainty;
        let two = score("The merger might possibly fail.").1.sentences[0].certainty;
        assert!(one < 0.5 && two < one, "{one} {two}");
        // The second hedge counts less than the first.
        assert!(0.5 - one > one - two, "{one} {two}");
        let boosted = score("The merger will clearly fail.").1.sentences[0].certainty;
        assert!(boosted > 0.5);
    }

    #[test]
    fn quoted_hedges_count_half() {
        let plain = score("The merger might fail.").1.sentences[0].certainty;
        let quoted = score("He said “the merger might fail”.").1.sentences[0].certainty;
        assert!(plain < quoted && quoted < 0.5, "{plain} {quoted}");
    }

    #[test]
    fn worked_example_in_the_docs() {
        // docs/scoring.md: "might possibly" = hedge-modal −0.3 then hedge-lexical −0.12 × 0.6.
        let (rules, c, _) = score("The merger might possibly fail.");
        let s = &c.sentences[0];
        let sum: f64 = s.moves.iter().sum();
        let modal = rules[rules.get("hedge-modal").unwrap()].certainty;
        let lexical = rules[rules.get("hedge-lexical").unwrap()].certainty;
        assert!((sum - (modal + 0.6 * lexical)).abs() < 1e-12, "{sum}");
        assert!((s.certainty - logistic(sum)).abs() < 1e-12);
        assert!((s.certainty - 0.1842).abs() < 1e-3, "{}", s.certainty);
    }

    #[test]
    fn densities_and_sourced_share() {
        let (_, _, f) = score(
            "Some analysts suggest the plan failed.\n\nSales rose 40% last year, Smith said.",
        );
        assert_eq!(f.claims, 2, "{f:?}");
        assert_eq!(f.sourced_claims, 1);
        assert_eq!(f.sourced_share, Some(0.5));
        assert_eq!(f.vague_attributions, 1);
        assert!((f.unsourced_per_1000_words - 1000.0 / f.words as f64).abs() < 1e-9);
        assert_eq!(f.paragraphs.len(), 2);
    }
}
