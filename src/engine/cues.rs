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
    // Words, then numbers, are looked at (their text is sliced out in their branches); the
    // other kinds are one class each. Two tests rather than a `match` on the kind: a jump
    // table on the kinds of running text is mispredicted at most changes of kind.
    if t.kind == TokenKind::Word {
        word_mask(t.text(source))
    } else if t.kind == TokenKind::Number {
        number_mask(t.text(source))
    } else {
        const OTHER: [u16; 6] = {
            let mut m = [0; 6];
            m[TokenKind::Punct as usize] = Builtin::Punct.bit();
            m[TokenKind::Quote as usize] = Builtin::Quote.bit();
            m[TokenKind::Citation as usize] = Builtin::Citation.bit();
            m[TokenKind::Url as usize] = Builtin::Citation.bit();
            m
        };
        OTHER[t.kind as usize]
    }
}

fn number_mask(text: &str) -> u16 {
    let percent = text.ends_with(['%', '\u{066A}']);
    let year = is_year(text);
    let quantity = percent
        || text.contains(',')
        || !year && text.split('.').next().is_some_and(|int| int.len() >= 3);
    let bit = |b: Builtin, yes: bool| if yes { b.bit() } else { 0 };
    Builtin::Number.bit()
        | bit(Builtin::Percent, percent)
        | bit(Builtin::Year, year)
        | bit(Builtin::Quantity, quantity)
}

fn word_mask(text: &str) -> u16 {
    let bit = |b: Builtin, yes: bool| if yes { b.bit() } else { 0 };
    let case = match text.as_bytes().first() {
        Some(b) if b.is_ascii() => {
            bit(Builtin::Cap, b.is_ascii_uppercase()) | bit(Builtin::Lower, b.is_ascii_lowercase())
        }
        _ => {
            let first = text.chars().next();
            bit(Builtin::Cap, first.is_some_and(char::is_uppercase))
                | bit(Builtin::Lower, first.is_some_and(char::is_lowercase))
        }
    };
    Builtin::Word.bit() | bit(Builtin::CompoundNumeral, is_compound_numeral(text)) | case
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
    needs: Needs,
    /// Exception attempts that passed their gate, run once the rule's own patterns matched.
    deferred: Vec<(u32, usize)>,
    /// For each rule (by index), while its exceptions are tried: the first start and the last
    /// end of its matches in the sentence.
    matched: Vec<Option<(usize, usize)>>,
}

/// Which needs of the rule set (see [`Gate::needs`]) the tokens from the current one to the
/// sentence's end meet: the sentence is read from its end, so each token adds its own. No
/// branch depends on the words: every token ORs one row of bits.
#[derive(Default)]
struct Needs {
    /// The needs met by the tokens from the current one on.
    from: NeedRow,
    /// The needs met by the tokens after the current one.
    after: NeedRow,
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
    ws.needs = Needs {
        from: NeedRow::START,
        after: NeedRow::default(),
    };
    let view = View {
        source,
        tokens,
        syms,
        masks: &ws.masks,
        lo,
    };
    ws.raw.clear();
    ws.deferred.clear();
    let (needs, scratch, raw, deferred) = (
        &mut ws.needs,
        &mut ws.scratch,
        &mut ws.raw,
        &mut ws.deferred,
    );
    // One closure for the whole sentence, not one a token: made inside the loop, its
    // captures were written out at every token, attempt or not.
    let mut run = |pid: u32, i: usize, needs: &Needs| {
        let gate = &rules.gates[pid as usize];
        // `^ _? @number _? $` starts with any token, so it is indexed under every class;
        // it can only match in a sentence of at most 3 tokens, with a number.
        if gate.must_end && hi - i > gate.longest
            || !gate.needs.iter().all(|&n| needs.from.has(n))
            || gate.after_first.is_some_and(|n| !needs.after.has(n))
        {
            return;
        }
        if gate.exception {
            deferred.push((pid, i));
        } else if let Some(end) = rules.programs[pid as usize].longest_at(&view, lo, hi, i, scratch)
        {
            raw.push((pid, i, end));
        }
    };
    // From the sentence's end, so that the needs met from each token on are known there (the
    // matches are sorted afterwards).
    for (k, (&sym, &mask)) in syms[lo..hi].iter().zip(&ws.masks).enumerate().rev() {
        let i = lo + k;
        needs.after = needs.from;
        needs.from = rules.needs_met(&needs.after, sym, mask);
        // Programs that can start with a token of this token's classes, then those that can
        // start with its literal (unless the first list already had them); a list only if
        // the next token can be the second token of a match of one of its programs, and then
        // a program only if it can be the second token of one of its own.
        let next_may = |second: &Option<pattern::TokenFilter>| {
            second
                .as_ref()
                .is_none_or(|f| f.accepts_after(&view, i, hi))
        };
        // Past the first token, the lists leave out the programs anchored at the start.
        let mid = usize::from(i > lo);
        if let Some(s) = rules
            .mask_slot
            .get(usize::from(mask))
            .map(|&slot| &rules.starts_by_mask[mid][usize::from(slot)])
            && !s.programs.is_empty()
            && next_may(&s.second)
        {
            for t in &s.programs {
                if needs.from.has(t.lead)
                    && rules.programs[t.program as usize].may_start_at(&view, i, hi)
                {
                    run(t.program, i, needs);
                }
            }
        }
        if let Some(s) = rules.sym_starts(mid, sym)
            && !s.programs.is_empty()
            && next_may(&s.second)
        {
            for p in &s.programs {
                if p.classes & mask == 0 && needs.from.has(p.lead) && next_may(&p.second) {
                    run(p.program, i, needs);
                }
            }
        }
    }
    if raw.is_empty() {
        // No rule matched: no cues, and no stack of them; its exceptions veto nothing.
        return Vec::new();
    }
    // An exception vetoes only a match of its rule that it overlaps: try those that can.
    if !deferred.is_empty() {
        let matched = &mut ws.matched;
        if matched.len() < rules.rules.len() {
            matched.resize(rules.rules.len(), None);
        }
        let rule_of = |pid: u32| rules.owners[pid as usize].rule.index();
        for &(pid, s, e) in raw.iter() {
            let m = &mut matched[rule_of(pid)];
            *m = Some(m.map_or((s, e), |(first, last)| (first.min(s), last.max(e))));
        }
        let mains = raw.len();
        for &(pid, i) in deferred.iter() {
            let Some((first, last)) = matched[rule_of(pid)] else {
                continue;
            };
            if i >= last || i + rules.gates[pid as usize].longest <= first {
                continue;
            }
            if let Some(end) = rules.programs[pid as usize].longest_at(&view, lo, hi, i, scratch) {
                raw.push((pid, i, end));
            }
        }
        for &(pid, _, _) in &raw[..mains] {
            matched[rule_of(pid)] = None;
        }
    }
    from_matches(rules, source, tokens, lo, hi, &mut ws.raw)
}

/// The cues of a sentence `lo..hi` from its matches (program, start, end): each rule's
/// longest matches that no exception of the rule overlaps, then vague attributions and stacks.
fn from_matches(
    rules: &RuleSet,
    source: &str,
    tokens: &[Token],
    lo: usize,
    hi: usize,
    raw: &mut [(u32, usize, usize)],
) -> Vec<Cue> {
    // Group by rule: matches and vetoes.
    raw.sort_unstable_by_key(|&(pid, s, e)| {
        (rules.owners[pid as usize].rule, s, std::cmp::Reverse(e))
    });
    let mut out: Vec<Cue> = Vec::new();
    let mut k = 0;
    while k < raw.len() {
        let rule = rules.owners[raw[k].0 as usize].rule;
        let mut j = k;
        while j < raw.len() && rules.owners[raw[j].0 as usize].rule == rule {
            j += 1;
        }
        let group = &raw[k..j];
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
            // A vague attribution's finding starts at its first word: the comma or quotation
            // mark a pattern reads to place it (", officials said") is context.
            let mut s = s;
            if rules[rule].kind == CueKind::Weasel {
                while s + 1 < e && matches!(tokens[s].kind, TokenKind::Punct | TokenKind::Quote) {
                    s += 1;
                }
            }
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
            && stack_holds(rules, stack, &out, source, tokens)
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
    use super::*;
    use crate::markup::Format;
    use crate::rules::PackFile;
    use proptest::prelude::*;
    use std::sync::Arc;

    /// A pack whose patterns need tokens after their first (`,` … `said`), end at `$`, start
    /// at `^` or with a class, and have exceptions.
    fn pack() -> RuleSet {
        let rule = |id: &str, patterns: &[&str], exceptions: &[&str]| {
            let list = |v: &[&str]| {
                v.iter()
                    .map(|p| format!("{p:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let text = format!(
                "id = \"{id}\"\nkind = \"hedge\"\nseverity = \"info\"\nmessage = \"m\"\n\
                 patterns = [{}]\nexceptions = [{}]\n[docs]\nwhat = \"w\"\nwhy = \"y\"\n",
                list(patterns),
                list(exceptions)
            );
            PackFile {
                name: format!("p/{id}.toml"),
                text: Arc::from(text.as_str()),
            }
        };
        let files = [
            PackFile {
                name: "p/classes.toml".into(),
                text: Arc::from("[classes]\nsay = [\"said\", \"says\", \"point to\"]\n"),
            },
            rule(
                "r-said",
                &["@cap , _{0,3} @say", "(a|the) _{0,2} (report|said) by"],
                &["@cap , who"],
            ),
            rule(
                "r-end",
                &["^ _? @number _? $", "may _{0,2} (it|rain) $"],
                &["may rain"],
            ),
            rule(
                "r-num",
                &["@number (said|rain)? !(a|the)"],
                &["@number said", "^ @number"],
            ),
            rule(
                "r-any",
                &[
                    "_ (report|rain) (by|said)",
                    "(the report|a said|12 rain|@number a) (by|who)?",
                ],
                &["the report"],
            ),
            // Negated first tokens: indexed by the classes they leave out.
            rule(
                "r-not",
                &[
                    "!(@lower|@punct) (report|rain) said",
                    "(!@number|a) rain who",
                ],
                &["!(@cap|@quote) said"],
            ),
        ];
        let mut set = RuleSet::default();
        let errors = set.add_pack("p", &files);
        assert!(errors.is_empty(), "{errors:?}");
        set
    }

    /// Every program at every token of the sentence, with no index or gate.
    fn cues_tried_everywhere(
        rules: &RuleSet,
        source: &str,
        tokens: &[Token],
        syms: &[u32],
        sentence: &Sentence,
    ) -> Vec<Cue> {
        let (lo, hi) = (sentence.tokens.start, sentence.tokens.end);
        let masks: Vec<u16> = tokens[lo..hi]
            .iter()
            .map(|&t| class_mask(t, source))
            .collect();
        let view = View {
            source,
            tokens,
            syms,
            masks: &masks,
            lo,
        };
        let mut scratch = Scratch::default();
        let mut raw = Vec::new();
        for (pid, p) in rules.programs.iter().enumerate() {
            for i in lo..hi {
                if let Some(end) = p.longest_at(&view, lo, hi, i, &mut scratch) {
                    raw.push((pid as u32, i, end));
                }
            }
        }
        if raw.is_empty() {
            return Vec::new();
        }
        from_matches(rules, source, tokens, lo, hi, &mut raw)
    }

    #[test]
    fn a_negated_first_token_is_not_tried_on_the_classes_it_leaves_out() {
        let rules = pack();
        let pid = (0..rules.programs.len() as u32)
            .find(|&p| {
                let r = &rules.rules[rules.owners[p as usize].rule.index()];
                r.id == "r-not" && !rules.owners[p as usize].exception
            })
            .unwrap();
        let listed = |mask: u16| {
            let slot = rules.mask_slot[usize::from(mask)];
            rules.starts_by_mask[1][usize::from(slot)]
                .programs
                .iter()
                .any(|t| t.program == pid)
        };
        let word = Builtin::Word.bit();
        assert!(listed(word | Builtin::Cap.bit()));
        assert!(listed(Builtin::Number.bit()));
        assert!(!listed(word | Builtin::Lower.bit()));
        assert!(!listed(Builtin::Punct.bit()));
    }

    fn texts() -> impl Strategy<Value = String> {
        let words = prop::sample::select(vec![
            "Ana", "Bo", ",", "who", "said", "says", "point", "to", "the", "a", "report", "by",
            "may", "rain", "it", "12", "4,000", "of", ".", "\n\n",
        ]);
        prop::collection::vec(words, 0..40).prop_map(|w| w.join(" "))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        /// The index, the gates and the deferred exceptions change how many attempts run,
        /// never what matches.
        #[test]
        fn gates_change_no_cue(text in texts()) {
            let rules = pack();
            let prose = crate::text::prose(&text, Format::PLAIN);
            let syms = symbols(&rules, &text, &prose.tokens);
            let mut ws = Workspace::default();
            for s in &prose.sentences {
                let gated = cues(&rules, &text, &prose.tokens, &syms, s, &mut ws);
                let all = cues_tried_everywhere(&rules, &text, &prose.tokens, &syms, s);
                prop_assert_eq!(gated, all);
            }
        }
    }

    #[test]
    fn needs_gate_attempts_but_keep_matches() {
        let rules = pack();
        let hits = |text: &str| {
            let prose = crate::text::prose(text, Format::PLAIN);
            let syms = symbols(&rules, text, &prose.tokens);
            let mut ws = Workspace::default();
            prose
                .sentences
                .iter()
                .flat_map(|s| cues(&rules, text, &prose.tokens, &syms, s, &mut ws))
                .map(|c| text[c.span].to_string())
                .collect::<Vec<_>>()
        };
        // `said` after the start is needed; before it, it is not enough.
        assert_eq!(hits("Ana , the chair said"), ["Ana , the chair said"]);
        assert!(hits("said Ana , the chair").is_empty());
        // Anchored at both ends: only a short sentence.
        assert_eq!(hits("12"), ["12"]);
        // The exception vetoes the match it overlaps (`may rain`), tried once it matched.
        assert!(hits("so may rain").is_empty());
        assert_eq!(hits("so may it"), ["may it"]);
    }

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
