//! Assessing a sentence: its cues, whether it names a source, its certainty.

use super::*;

/// A rule match inside a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Cue {
    pub rule: RuleId,
    /// Byte span in the source.
    pub span: Range<usize>,
    /// Token indices.
    pub tokens: Range<usize>,
    /// A hedge inside a vague attribution ("it is *thought* to", "studies *indicate* that"):
    /// it makes the sentence uncertain and moves its certainty, but it is part of the
    /// attribution's finding, not one of its own, and not counted as a hedge apart from it.
    pub subsumed: bool,
}

/// What hedgelint concludes about one sentence.
#[derive(Clone, Debug)]
pub struct Assessment {
    pub span: Range<usize>,
    /// Token indices of the sentence.
    pub tokens: Range<usize>,
    pub cues: Vec<Cue>,
    /// A source cue (citation, named speaker, "according to X") is in the sentence.
    pub sourced: bool,
    /// Certainty in [0, 1]; 0.5 is neutral (see [`certainty`]).
    pub certainty: f64,
    /// What each cue (same order as `cues`) added to the sum behind `certainty`.
    pub moves: Vec<f64>,
    /// Number of word tokens.
    pub words: usize,
}

impl Assessment {
    /// Cues of a kind found by patterns (stack findings are not counted).
    pub fn count(&self, rules: &RuleSet, kind: CueKind) -> usize {
        self.cues
            .iter()
            .filter(|c| rules[c.rule].kind == kind && rules[c.rule].stack.is_none() && !c.subsumed)
            .count()
    }

    /// A claim that needs a source: a claim or booster cue.
    pub fn is_claim(&self, rules: &RuleSet) -> bool {
        self.cues.iter().any(|c| {
            matches!(
                rules[c.rule].kind,
                CueKind::Claim | CueKind::Booster | CueKind::Weasel | CueKind::UnattributedHedge
            )
        })
    }
}

pub fn assess(
    rules: &RuleSet,
    source: &str,
    tokens: &[Token],
    syms: &[u32],
    sentence: &Sentence,
    quotations: &Quotations,
    ws: &mut Workspace,
) -> Assessment {
    let cues = cues(rules, source, tokens, syms, sentence, ws);
    let sourced = cues.iter().any(|c| rules[c.rule].kind == CueKind::Source);
    let (certainty, moves) = certainty(rules, source, tokens, &sentence.tokens, &cues, quotations);
    // `cues` left the sentence's class masks in the workspace.
    let words = ws
        .masks
        .iter()
        .filter(|&&m| m & Builtin::Word.bit() != 0)
        .count();
    Assessment {
        span: sentence.span.clone(),
        tokens: sentence.tokens.clone(),
        cues,
        sourced,
        certainty,
        moves,
        words,
    }
}
