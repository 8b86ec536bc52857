//! Sentence certainty: cue weights through a logistic, damped for repeats and for cues in
//! quotations or asides.

use super::*;

/// How steeply the summed cue weights move the score away from 0.5.
pub const SCORE_SLOPE: f64 = 4.0;
/// Each further cue pulling the same way counts this much less than the one before.
pub const SCORE_DECAY: f64 = 0.6;
/// A cue inside quotation marks or parentheses (someone else's words, an aside) counts this much.
pub const SCORE_QUOTED: f64 = 0.5;

/// Sentence certainty (`docs/scoring.md`): `σ(SLOPE × Σ wᵢ × scopeᵢ × DECAY^rankᵢ)`, 0.5 when
/// no cue moves it. `rankᵢ` counts the stronger cues pulling the same way before it ("might
/// possibly" is less certain than "might", but not twice as much); `scopeᵢ` halves a cue inside
/// quotation marks or parentheses. Returns the score and each cue's move.
pub fn certainty(
    rules: &RuleSet,
    source: &str,
    tokens: &[Token],
    sentence: &Range<usize>,
    cues: &[Cue],
    quotations: &Quotations,
) -> (f64, Vec<f64>) {
    // The scope is a left fold over the sentence's tokens up to each cue: cues come in order,
    // so carry it on from one cue to the next (from the sentence start for each cue, a long
    // sentence with many cues took quadratic time).
    let mut state = Scope::default();
    let mut pos = sentence.start;
    let scoped: Vec<f64> = cues
        .iter()
        .map(|c| {
            let at = c.tokens.start.max(sentence.start);
            if at < pos {
                state = Scope::default();
                pos = sentence.start;
            }
            state.advance(source, &tokens[pos..at]);
            pos = at;
            let factor = if state.parens > 0 || quotations.contains(&c.span) {
                SCORE_QUOTED
            } else {
                1.0
            };
            rules[c.rule].certainty * factor
        })
        .collect();
    let mut order: Vec<usize> = (0..cues.len()).collect();
    order.sort_by(|&a, &b| {
        scoped[b]
            .abs()
            .total_cmp(&scoped[a].abs())
            .then(cues[a].tokens.start.cmp(&cues[b].tokens.start))
    });
    let mut moves = vec![0.0; cues.len()];
    let (mut down, mut up) = (0i32, 0i32);
    for i in order {
        let w = scoped[i];
        let rank = if w < 0.0 {
            down += 1;
            down - 1
        } else if w > 0.0 {
            up += 1;
            up - 1
        } else {
            continue;
        };
        moves[i] = w * SCORE_DECAY.powi(rank);
    }
    let sum: f64 = moves.iter().sum();
    (logistic(sum), moves)
}

/// The score of a summed weight.
pub fn logistic(sum: f64) -> f64 {
    1.0 / (1.0 + (-SCORE_SLOPE * sum).exp())
}

/// Parentheses open before a point of a sentence: a cue in an aside counts less. (Quotations
/// come from [`Quotations`], the model the post-pass uses too.)
#[derive(Clone, Copy, Default)]
struct Scope {
    parens: i32,
}

impl Scope {
    fn advance(&mut self, source: &str, tokens: &[Token]) {
        // Only punctuation's text is looked at (slicing out every token's cost more).
        for t in tokens.iter().filter(|t| t.kind == TokenKind::Punct) {
            match t.text(source) {
                "(" => self.parens += 1,
                ")" => self.parens -= 1,
                _ => {}
            }
        }
    }
}
