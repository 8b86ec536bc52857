//! Finding cues: every rule's patterns matched in one pass over a sentence's tokens (one
//! literal index for all rules, first-token filters), with exceptions applied.

use super::*;

struct View<'a> {
    source: &'a str,
    tokens: &'a [Token],
    syms: &'a [u32],
    /// Class masks of the sentence's tokens, from token `lo` on.
    masks: &'a [u16],
    lo: usize,
}

impl TokenView for View<'_> {
    fn sym(&self, i: usize) -> u32 {
        self.syms[i]
    }
    fn text(&self, i: usize) -> &str {
        self.tokens[i].text(self.source)
    }
    fn is(&self, i: usize, class: Builtin) -> bool {
        self.masks[i - self.lo] & class.bit() != 0
    }
    fn classes(&self, i: usize) -> u16 {
        self.masks[i - self.lo]
    }
}

/// The built-in classes a token belongs to, as [`Builtin::bit`]s.
pub fn class_mask(t: Token, source: &str) -> u16 {
    let text = t.text(source);
    let mut m = 0;
    let mut set = |b: Builtin, yes: bool| {
        if yes {
            m |= b.bit();
        }
    };
    match t.kind {
        TokenKind::Number => {
            let percent = text.ends_with(['%', '\u{066A}']);
            let year = is_year(text);
            set(Builtin::Number, true);
            set(Builtin::Percent, percent);
            set(Builtin::Year, year);
            set(
                Builtin::Quantity,
                percent
                    || text.contains(',')
                    || !year && text.split('.').next().is_some_and(|int| int.len() >= 3),
            );
        }
        TokenKind::Word => {
            set(Builtin::Word, true);
            set(Builtin::CompoundNumeral, is_compound_numeral(text));
            match text.as_bytes().first() {
                Some(b) if b.is_ascii() => {
                    set(Builtin::Cap, b.is_ascii_uppercase());
                    set(Builtin::Lower, b.is_ascii_lowercase());
                }
                _ => {
                    let first = text.chars().next();
                    set(Builtin::Cap, first.is_some_and(char::is_uppercase));
                    set(Builtin::Lower, first.is_some_and(char::is_lowercase));
                }
            }
        }
        TokenKind::Citation | TokenKind::Url => set(Builtin::Citation, true),
        TokenKind::Quote => set(Builtin::Quote, true),
        TokenKind::Punct => set(Builtin::Punct, true),
    }
    m
}

/// A number in words written as a hyphenated compound of a tens word and a unit: `sixty-one`,
/// `Twenty-five`. (The single number words are a pack class, matched by their literal.) It runs
/// on every word, so most are turned away by their length and first letter.
fn is_compound_numeral(text: &str) -> bool {
    const TENS: &[&str] = &[
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    const UNITS: &[&str] = &[
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    let bytes = text.as_bytes();
    if !(9..=13).contains(&bytes.len())
        || !matches!(bytes[0] | 0x20, b'e' | b'f' | b'n' | b's' | b't')
    {
        return false;
    }
    text.split_once('-').is_some_and(|(tens, unit)| {
        TENS.iter().any(|t| t.eq_ignore_ascii_case(tens))
            && UNITS.iter().any(|u| u.eq_ignore_ascii_case(unit))
    })
}

fn is_year(text: &str) -> bool {
    text.len() == 4
        && text.bytes().all(|b| b.is_ascii_digit())
        && (text.starts_with('1') && text.as_bytes()[1] >= b'5' || text.starts_with("20"))
}

/// The literal id of each token (one table lookup a token: this is the shared automaton).
pub fn symbols(rules: &RuleSet, source: &str, tokens: &[Token]) -> Vec<u32> {
    let mut buf = String::new();
    tokens
        .iter()
        .map(|t| {
            rules
                .token_id(source.as_bytes(), t.start, t.end)
                .unwrap_or_else(|| {
                    // Not ASCII: fold it first.
                    pattern::fold_into(t.text(source), &mut buf);
                    rules.word_id(&buf).unwrap_or(NO_SYM)
                })
        })
        .collect()
}

/// Reusable per-thread buffers.
#[derive(Default)]
pub struct Workspace {
    scratch: Scratch,
    raw: Vec<(u32, usize, usize)>,
    pub(super) masks: Vec<u16>,
}

/// Finds the cues of one sentence.
pub fn cues(
    rules: &RuleSet,
    source: &str,
    tokens: &[Token],
    syms: &[u32],
    sentence: &Sentence,
    ws: &mut Workspace,
) -> Vec<Cue> {
    let (lo, hi) = (sentence.tokens.start, sentence.tokens.end);
    ws.masks.clear();
    ws.masks
        .extend(tokens[lo..hi].iter().map(|&t| class_mask(t, source)));
    let view = View {
        source,
        tokens,
        syms,
        masks: &ws.masks,
        lo,
    };
    ws.raw.clear();
    for (i, &sym) in syms.iter().enumerate().take(hi).skip(lo) {
        let mask = ws.masks[i - lo];
        // Programs that can start with a token of this token's classes, then those that can
        // start with its literal (unless the first list already had them); a list only if
        // the next token can be the second token of a match of one of its programs, and then
        // a program only if it can be the second token of one of its own.
        let next_may = |second: &Option<pattern::TokenFilter>| {
            second
                .as_ref()
                .is_none_or(|f| f.accepts_after(&view, i, hi))
        };
        let mid = i > lo && i + 1 < hi;
        let mut run = |pid: u32| {
            let program = &rules.programs[pid as usize];
            // `^ _? @number _? $` starts with any token, so it is indexed under every class;
            // it can only match at the sentence's start.
            if mid && program.starts_only_at_edges() {
                return;
            }
            if let Some(end) = program.longest_at(&view, lo, hi, i, &mut ws.scratch) {
                ws.raw.push((pid, i, end));
            }
        };
        if let Some(s) = rules.starts_by_mask.get(mask as usize)
            && !s.programs.is_empty()
            && next_may(&s.second)
        {
            for &pid in &s.programs {
                if rules.programs[pid as usize].may_start_at(&view, i, hi) {
                    run(pid);
                }
            }
        }
        if let Some(s) = rules.starts_by_sym.get(sym as usize)
            && next_may(&s.second)
        {
            for p in &s.programs {
                if p.classes & mask == 0 && next_may(&p.second) {
                    run(p.program);
                }
            }
        }
    }
    if ws.raw.is_empty() {
        // No rule matched: no cues, and no stack of them.
        return Vec::new();
    }
    // Group by rule: matches and vetoes.
    ws.raw.sort_unstable_by_key(|&(pid, s, e)| {
        (rules.owners[pid as usize].rule, s, std::cmp::Reverse(e))
    });
    let mut out: Vec<Cue> = Vec::new();
    let mut k = 0;
    while k < ws.raw.len() {
        let rule = rules.owners[ws.raw[k].0 as usize].rule;
        let mut j = k;
        while j < ws.raw.len() && rules.owners[ws.raw[j].0 as usize].rule == rule {
            j += 1;
        }
        let group = &ws.raw[k..j];
        // The group is sorted by start, so its vetoes are too.
        let vetoes = Reach::new(
            group
                .iter()
                .filter(|(p, _, _)| rules.owners[*p as usize].exception)
                .map(|&(_, s, e)| s..e),
        );
        let mut last_end = 0;
        for &(pid, s, e) in group {
            if rules.owners[pid as usize].exception || s < last_end {
                continue;
            }
            if vetoes.overlaps(s, e) {
                continue;
            }
            last_end = e;
            out.push(Cue {
                rule,
                span: tokens[s].start..tokens[e - 1].end,
                tokens: s..e,
                subsumed: false,
            });
        }
        k = j;
    }
    // A vague attribution is not a source: drop source cues that overlap one. The hedge inside
    // one ("some analysts *suggest*", "it is *thought* to") is part of its finding, but still a
    // hedge: keep it, marked subsumed (it counts for certainty and uncertainty, not as a
    // finding or a hedge of its own).
    let mut vague: Vec<Range<usize>> = out
        .iter()
        .filter(|c| {
            matches!(
                rules[c.rule].kind,
                CueKind::Weasel | CueKind::UnattributedHedge
            )
        })
        .map(|c| c.tokens.clone())
        .collect();
    if !vague.is_empty() {
        vague.sort_unstable_by_key(|v| v.start);
        let vague = Reach::new(vague.into_iter());
        out.retain(|c| {
            rules[c.rule].kind != CueKind::Source || !vague.overlaps(c.tokens.start, c.tokens.end)
        });
        for c in &mut out {
            if rules[c.rule].kind == CueKind::Hedge && vague.overlaps(c.tokens.start, c.tokens.end)
            {
                c.subsumed = true;
            }
        }
    }
    // One span of text is one finding, by the most specific rule: where cues of one family
    // (hedges; boosters; vague attributions and unattributed hedges) overlap, the one that
    // reports, then the longest ("some engineers suggest" over "some"), then the later pack's
    // (a preset's own rule over the default's "might") is the finding; the others are
    // subsumed in it (they still move the certainty, and are not counted in a stack).
    if out.len() > 1 {
        dedupe(rules, &mut out);
    }
    // Stack rules count cues of a kind.
    for &ri in &rules.stacks {
        if let Some(stack) = rules[ri].stack
            && stack_holds(rules, stack, &out)
        {
            let first = stack_members(rules, stack, &out)
                .map(|c| c.tokens.start)
                .min()
                .unwrap_or(lo);
            let last = stack_members(rules, stack, &out)
                .map(|c| c.tokens.end)
                .max()
                .unwrap_or(hi);
            out.push(Cue {
                rule: ri,
                span: tokens[first].start..tokens[last - 1].end,
                tokens: first..last,
                subsumed: false,
            });
        }
    }
    out.sort_by_key(|c| (c.span.start, c.span.end, c.rule));
    out
}

/// The family of cues that report the same thing (see [`cues`]); 0 for cues never merged.
fn family(kind: CueKind) -> u8 {
    match kind {
        CueKind::Hedge => 1,
        CueKind::Booster => 2,
        CueKind::Weasel | CueKind::UnattributedHedge => 3,
        _ => 0,
    }
}

/// Whether `cue` (subsumed) was merged into the finding of a more specific cue of its family
/// on the same words, rather than being part of a vague attribution.
pub fn merged(rules: &RuleSet, cues: &[Cue], cue: &Cue) -> bool {
    let f = family(rules[cue.rule].kind);
    f != 0
        && cues.iter().any(|d| {
            !d.subsumed
                && family(rules[d.rule].kind) == f
                && d.tokens.start < cue.tokens.end
                && cue.tokens.start < d.tokens.end
        })
}

/// Marks subsumed each cue that overlaps a more specific cue of its family. Sorted by start,
/// each cue is compared with the ones that start before it ends: patterns are bounded, so that
/// is a bounded number of cues, and a long sentence costs linear time.
fn dedupe(rules: &RuleSet, out: &mut [Cue]) {
    let rank = |c: &Cue| (rules[c.rule].severity != Level::Off, c.tokens.len(), c.rule);
    let mut order: Vec<usize> = (0..out.len())
        .filter(|&i| {
            let c = &out[i];
            !c.subsumed && rules[c.rule].stack.is_none() && family(rules[c.rule].kind) != 0
        })
        .collect();
    if order.len() < 2 {
        return;
    }
    order.sort_unstable_by_key(|&i| out[i].tokens.start);
    let mut beaten = vec![false; out.len()];
    for (k, &i) in order.iter().enumerate() {
        for &j in &order[k + 1..] {
            if out[j].tokens.start >= out[i].tokens.end {
                break;
            }
            if family(rules[out[i].rule].kind) == family(rules[out[j].rule].kind) {
                if rank(&out[j]) > rank(&out[i]) {
                    beaten[i] = true;
                } else {
                    beaten[j] = true;
                }
            }
        }
    }
    for (c, b) in out.iter_mut().zip(beaten) {
        c.subsumed |= b;
    }
}

#[cfg(test)]
mod tests {
    use super::is_compound_numeral;

    #[test]
    fn compound_numerals_are_a_tens_word_and_a_unit() {
        for w in ["sixty-one", "Twenty-five", "ninety-nine", "SEVENTY-SEVEN"] {
            assert!(is_compound_numeral(w), "{w}");
        }
        for w in [
            "sixty",
            "one",
            "sixty-",
            "-sixty-one",
            "sixty-ones",
            "twenty-twenty",
            "long-standing",
            "fifty-fifty",
            "sixty-one-two",
        ] {
            assert!(!is_compound_numeral(w), "{w}");
        }
    }
}
