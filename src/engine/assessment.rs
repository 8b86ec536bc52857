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

/// The cues of a sentence that a stack rule counts: of its kind, not stack findings
/// themselves, not part of an attribution, from rules whose `stacking` is not `never`.
pub fn stack_members<'a>(
    rules: &'a RuleSet,
    stack: Stack,
    cues: &'a [Cue],
) -> impl Iterator<Item = &'a Cue> + 'a {
    cues.iter().filter(move |c| {
        let r = &rules[c.rule];
        r.kind == stack.kind && r.stack.is_none() && !c.subsumed && r.stacking != Stacking::Never
    })
}

/// Whether a sentence's cues make the stack: at least `min` members, one of them from a rule
/// that counts on its own (`stacking = "counts"`, the default), and, with `near`, two members
/// side by side (see [`near_pair`]).
pub fn stack_holds(
    rules: &RuleSet,
    stack: Stack,
    cues: &[Cue],
    source: &str,
    tokens: &[Token],
) -> bool {
    stack_members(rules, stack, cues).count() >= stack.min
        && stack_members(rules, stack, cues).any(|c| rules[c.rule].stacking == Stacking::Counts)
        && stack
            .near
            .is_none_or(|near| near_pair(rules, stack, cues, source, tokens, near))
}

/// Whether two members of a stack that start with different words ("could potentially", not
/// "could … could") lie at most `near` tokens apart.
fn near_pair(
    rules: &RuleSet,
    stack: Stack,
    cues: &[Cue],
    source: &str,
    tokens: &[Token],
    near: usize,
) -> bool {
    let word = |c: &Cue| tokens[c.tokens.start].text(source);
    stack_members(rules, stack, cues).any(|a| {
        stack_members(rules, stack, cues).any(|b| {
            b.tokens.start >= a.tokens.end
                && b.tokens.start - a.tokens.end <= near
                && !word(a).eq_ignore_ascii_case(word(b))
        })
    })
}

/// Who stands behind a sourced sentence: its first source cue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// Byte span of the source cue ("Harlan said", "according to the World Bank", "[3]").
    pub span: Range<usize>,
    pub kind: SourceKind,
    /// For a pronoun: the named source it most likely stands for, the last one in the
    /// sentences before it in its paragraph (see [`resolve_pronouns`]).
    pub refers_to: Option<Range<usize>>,
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
    /// The first source cue, when `sourced`.
    pub source: Option<Source>,
    /// A sentence within the preset's source reach (see [`cover`]) is sourced: its claims
    /// (cues of kind `claim`) have a source the reader can see.
    pub covered: bool,
    /// Certainty in [0, 1]; 0.5 is neutral (see [`certainty`]).
    pub certainty: f64,
    /// What each cue (same order as `cues`) added to the sum behind `certainty`.
    pub moves: Vec<f64>,
    /// Number of word tokens.
    pub words: usize,
    /// How strongly the sentence makes a factual claim a reader would want checked (see
    /// [`claim_strength`]); 0 without a claim cue.
    pub claim: f64,
}

impl Assessment {
    /// The assessment with its byte spans moved `by` bytes on (from a piece of a text to the
    /// text; token indices stay the piece's).
    pub fn shifted(mut self, by: usize) -> Assessment {
        self.span = crate::source::shifted(&self.span, by);
        for c in &mut self.cues {
            c.span = crate::source::shifted(&c.span, by);
        }
        if let Some(source) = &mut self.source {
            source.span = crate::source::shifted(&source.span, by);
            if let Some(r) = &mut source.refers_to {
                *r = crate::source::shifted(r, by);
            }
        }
        self
    }

    /// Cues of a kind found by patterns (stack findings are not counted).
    pub fn count(&self, rules: &RuleSet, kind: CueKind) -> usize {
        self.cues
            .iter()
            .filter(|c| rules[c.rule].kind == kind && rules[c.rule].stack.is_none() && !c.subsumed)
            .count()
    }

    /// Whether its claims have a source: in the sentence, or, when every claim cue is of kind
    /// `claim` (not a vague attribution, an unattributed hedge or a booster), next to it.
    pub fn claim_sourced(&self, rules: &RuleSet) -> bool {
        self.sourced
            || self.covered
                && self.cues.iter().all(|c| {
                    !matches!(
                        rules[c.rule].kind,
                        CueKind::Booster | CueKind::Weasel | CueKind::UnattributedHedge
                    )
                })
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
    let mut cues = cues(rules, source, tokens, syms, sentence, ws);
    // A pronoun inside a quotation is the speaker's own word ("“He wants to sell the port,”
    // Okafor said"), not a source.
    cues.retain(|c| {
        rules[c.rule].source_kind != Some(SourceKind::Pronoun) || !quotations.overlaps(&c.span)
    });
    // A pile of hedges is one voice's: a stack that reaches into a quotation holds only if
    // the hedges outside quotations make it ("fixes CVE-1 “X may fail”, an attack may be
    // possible" is one hedge of the author's and one of the advisory's title).
    // (Only where a stack straddles a quotation's edge: most sentences of a file with
    // quotations have none, and their cues are not copied.)
    let straddles = |c: &Cue| quotations.overlaps(&c.span) && !quotations.contains(&c.span);
    if cues
        .iter()
        .any(|c| rules[c.rule].stack.is_some() && straddles(c))
    {
        let unquoted: Vec<Cue> = cues
            .iter()
            .filter(|c| !quotations.contains(&c.span))
            .cloned()
            .collect();
        cues.retain(|c| {
            rules[c.rule].stack.is_none_or(|stack| {
                !straddles(c) || stack_holds(rules, stack, &unquoted, source, tokens)
            })
        });
    }
    let found = cues.iter().find_map(|c| {
        rules[c.rule].source_kind.map(|kind| Source {
            span: c.span.clone(),
            kind,
            refers_to: None,
        })
    });
    let sourced = found.is_some();
    let (certainty, moves) = certainty(rules, source, tokens, &sentence.tokens, &cues, quotations);
    // `cues` left the sentence's class masks in the workspace.
    let words = ws
        .masks
        .iter()
        .filter(|&&m| m & Builtin::Word.bit() != 0)
        .count();
    let claim = claim_strength(rules, source, &tokens[sentence.tokens.clone()], &cues);
    Assessment {
        span: sentence.span.clone(),
        tokens: sentence.tokens.clone(),
        claim,
        cues,
        sourced,
        source: found,
        covered: sourced,
        certainty,
        moves,
        words,
    }
}

/// Marks the sentences that follow a sourced one, up to `reach` of them, as covered (a
/// sourced sentence covers itself). A source leads and its figures follow ("A poll released
/// Monday by the port authority shows a record year. Another 40,000 containers arrived in
/// March."); carried forward as well, a named speaker's quotation took the author's own
/// figures in the sentence before it as the speaker's (measured on the judged news sample:
/// forward carrying lost three right warnings for each eight wrong ones it removed, backward
/// one for each seven). A sentence that quotes its speaker carries nothing: the speaker owns
/// the quotation, not the author's figures after it.
///
/// `since` is how many sentences back the last source was before these (`usize::MAX`: none);
/// it is left at its value after them, so that a long text checked in pieces reads on.
pub fn cover(
    sentences: &mut [Assessment],
    reach: usize,
    quotations: &Quotations,
    since: &mut usize,
) {
    for a in sentences.iter_mut() {
        let carries = a.sourced && !quotations.overlaps(&a.span);
        *since = if carries { 0 } else { since.saturating_add(1) };
        a.covered = a.sourced || *since <= reach;
    }
}

/// Marks the sentences before one that names a document (a poll, survey, report or filing:
/// a cue of a source rule of kind `document`, outside quotation marks) as covered, up to
/// `back` of them, and the last `after` sentences (those a document after them covers, in the
/// next piece of a long text: [`covered_before`]). The figures of a poll story stand on both sides of the sentence that names
/// the poll ("Ruiz trails at 13 percent. Okafor has 9 percent, according to the poll."), and
/// news paragraphs are often one sentence long, so, as [`cover`] does forward, it reaches
/// across paragraph breaks. Named speakers do not reach back: a quotation after the author's
/// own figures does not make them the speaker's (docs/quality-news.md, reading h).
pub fn cover_before_documents(
    sentences: &mut [Assessment],
    rules: &RuleSet,
    back: usize,
    quotations: &Quotations,
    after: usize,
) {
    if back == 0 {
        return;
    }
    for i in 1..sentences.len() {
        if names_document(rules, &sentences[i], quotations) {
            for a in &mut sentences[i.saturating_sub(back)..i] {
                a.covered = true;
            }
        }
    }
    let n = sentences.len();
    for a in &mut sentences[n.saturating_sub(after)..] {
        a.covered = true;
    }
}

/// Marks the rest of the paragraph of a sentence that names a document (outside quotation
/// marks) as covered: a paragraph about one named poll or report gives its figures one after
/// another, each within sight of the name ("A Quinnipiac poll shows Ruiz ahead in Dover, 43
/// to 41 percent. In Kent she leads 42 to 39. In Deal they are tied at 41 percent."). The
/// paragraph ends at a blank line; named speakers do not reach so far.
pub fn cover_document_paragraphs(
    sentences: &mut [Assessment],
    rules: &RuleSet,
    text: &str,
    quotations: &Quotations,
) {
    let mut i = 0;
    while i < sentences.len() {
        if !names_document(rules, &sentences[i], quotations) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < sentences.len()
            && !paragraph_break(text, sentences[j - 1].span.end..sentences[j].span.start)
        {
            sentences[j].covered = true;
            j += 1;
        }
        i = j;
    }
}

/// How many sentences before these the documents named in their first ones cover (see
/// [`cover_before_documents`]): the `after` of the text before them, when a long text is
/// checked in pieces.
pub fn covered_before(
    sentences: &[Assessment],
    rules: &RuleSet,
    back: usize,
    quotations: &Quotations,
) -> usize {
    (0..back.min(sentences.len()))
        .filter(|&j| names_document(rules, &sentences[j], quotations))
        .map(|j| back - j)
        .max()
        .unwrap_or(0)
}

/// Whether a sentence names a document outside quotation marks.
fn names_document(rules: &RuleSet, a: &Assessment, quotations: &Quotations) -> bool {
    a.cues.iter().any(|c| {
        rules[c.rule].source_kind == Some(SourceKind::Document) && !quotations.overlaps(&c.span)
    })
}

/// A quotation over several sentences is its speaker's throughout: where one of its sentences
/// names the speaker outside the quotation ("“The port is closed. The cranes are idle,” Okafor
/// said"), the others are covered by that source, as a sentence within a source's reach is
/// (they are not `sourced`: the source is not in them). `carried[i]` says sentence `i` carries
/// on the quotation of sentence `i - 1` ([`crate::text::Prose::quote_carried`]).
pub fn cover_quotations(sentences: &mut [Assessment], carried: &[bool], quotations: &Quotations) {
    let mut i = 0;
    while i < sentences.len() {
        let mut j = i + 1;
        while j < sentences.len() && carried.get(j).copied().unwrap_or(false) {
            j += 1;
        }
        let spoken = sentences[i..j].iter().any(|a| {
            a.source.as_ref().is_some_and(|s| {
                matches!(s.kind, SourceKind::Named | SourceKind::Pronoun)
                    && !quotations.overlaps(&s.span)
            })
        });
        if j - i > 1 && spoken {
            for a in &mut sentences[i..j] {
                a.covered = true;
            }
        }
        i = j;
    }
}

/// How many sentences back a pronoun source looks for the name it stands for.
pub const PRONOUN_LOOKBACK: usize = 3;

/// Resolves each pronoun source to the named source it most likely stands for: the last named
/// source in the [`PRONOUN_LOOKBACK`] sentences before it, within its paragraph (no blank line
/// between). "Okafor said the cranes were idle. She added that…": “She added” refers to
/// “Okafor said”. It is for display; a pronoun source is a source either way.
pub fn resolve_pronouns(sentences: &mut [Assessment], text: &str) {
    for i in 0..sentences.len() {
        if sentences[i]
            .source
            .as_ref()
            .is_none_or(|s| s.kind != SourceKind::Pronoun)
        {
            continue;
        }
        let mut found = None;
        let mut j = i;
        while j > 0 && i - j < PRONOUN_LOOKBACK {
            if paragraph_break(text, sentences[j - 1].span.end..sentences[j].span.start) {
                break;
            }
            j -= 1;
            if let Some(s) = &sentences[j].source
                && s.kind == SourceKind::Named
            {
                found = Some(s.span.clone());
                break;
            }
        }
        if let Some(s) = sentences[i].source.as_mut() {
            s.refers_to = found;
        }
    }
}

/// The order in which a fact-checker would read sentences: strongest claim first, ties (and
/// the sentences without a claim) in the order of the text. Indices into `sentences`.
pub fn by_claim_strength(sentences: &[Assessment]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    // A stable sort keeps equal strengths in text order.
    order.sort_by(|&a, &b| sentences[b].claim.total_cmp(&sentences[a].claim));
    order
}

/// A claim cue found in a question counts this much: "what if a family earned $5 million?"
/// asks, it does not state.
pub const CLAIM_QUESTION: f64 = 0.25;
/// … and in a hypothetical ("if", "suppose", "imagine" opening the sentence).
pub const CLAIM_HYPOTHETICAL: f64 = 0.5;

/// Claim strength: one for each claim cue (kind `claim`, sourced or not: a sourced claim is
/// still worth checking), damped in a question or a hypothetical. Boosters do not count: on
/// the ClaimBuster training split they took the precision of "has a claim" from 78 % to 63 %
/// for two points of recall (an emphatic opinion is not a checkable fact).
/// It ranks a document's sentences for a fact-checker (`score --sentences --format json`,
/// `eval` on check-worthiness gold).
pub fn claim_strength(rules: &RuleSet, source: &str, tokens: &[Token], cues: &[Cue]) -> f64 {
    let mut sum = 0.0;
    for c in cues {
        if rules[c.rule].kind == CueKind::Claim && rules[c.rule].stack.is_none() {
            sum += 1.0;
        }
    }
    if sum == 0.0 {
        return 0.0;
    }
    let words: Vec<&str> = tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .take(2)
        .map(|t| t.text(source))
        .collect();
    let hypothetical = match words.as_slice() {
        [first, ..]
            if ["if", "suppose", "imagine"]
                .iter()
                .any(|w| first.eq_ignore_ascii_case(w)) =>
        {
            true
        }
        [what, second] => what.eq_ignore_ascii_case("what") && second.eq_ignore_ascii_case("if"),
        _ => false,
    };
    let question = tokens
        .iter()
        .rev()
        .find(|t| !matches!(t.kind, TokenKind::Quote))
        .is_some_and(|t| t.text(source) == "?");
    if question {
        sum *= CLAIM_QUESTION;
    } else if hypothetical {
        sum *= CLAIM_HYPOTHETICAL;
    }
    sum
}
