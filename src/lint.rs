//! The one entry point: [`lint`] takes a rule set, a resolved configuration, a path (for its
//! per-path settings and its markup) and a text, and returns what every front end reports: the
//! file's final findings and document diagnostics, its score and its sentences' assessments.
//! It takes text, not a file; it never reads the file system or the current directory, and
//! never prints. `check`, `score`, `eval` and the tests all go through it.
//!
//! Stages: markup → tokens → sentences ([`text::prose`]) → cues and assessments
//! ([`engine`]) → document score ([`score`]) → post-pass ([`postpass::apply`]).

use crate::config::Config;
use crate::engine::{self, Assessment, Finding, Workspace};
use crate::markup::{self, Format};
use crate::postpass::{self, Violation};
use crate::rules::{RuleId, RuleSet};
use crate::score::{self, FileScore};
use crate::source::shifted;
use crate::text::{self, Prose, Segmenting};
use std::path::Path;

/// Everything linting learned about one text.
#[derive(Debug, Default)]
pub struct Linted {
    /// The findings to report, after the post-pass, sorted by span.
    pub findings: Vec<Finding>,
    /// Document-level diagnostics: score thresholds the text breaks.
    pub violations: Vec<Violation>,
    /// Whether a finding is at or above the path's `fail-on` (a threshold violation fails
    /// `check` and `score` whatever `fail-on` says).
    pub failed: bool,
    /// The document's scores (of the text as written: suppressions and `select`/`ignore`
    /// change what is reported, not how the text reads).
    pub score: FileScore,
    /// Every sentence's assessment, in source order.
    pub sentences: Vec<Assessment>,
}

impl Linted {
    fn new(post: postpass::PostPass, score: FileScore, sentences: Vec<Assessment>) -> Linted {
        Linted {
            findings: post.findings,
            violations: post.violations,
            failed: post.failed,
            score,
            sentences,
        }
    }
}

/// What the engine found in a text before the post-pass: every finding of every rule.
#[derive(Debug, Default)]
pub struct Checked {
    pub findings: Vec<Finding>,
    pub sentences: Vec<Assessment>,
}

/// Lints `text` as the file at `path` (relative to the current directory, as given or found)
/// under `config`.
pub fn lint(
    rules: &RuleSet,
    config: &Config,
    path: &str,
    text: &str,
    ws: &mut Workspace,
) -> Linted {
    lint_as(rules, config, path, text, Segmenting::Sentences, ws)
}

/// [`lint`], with the text cut into sentences as `segmenting` says (`eval` scores each
/// annotated line as one sentence).
pub fn lint_as(
    rules: &RuleSet,
    config: &Config,
    path: &str,
    text: &str,
    segmenting: Segmenting,
    ws: &mut Workspace,
) -> Linted {
    let text = &*lone_cr_as_lf(text);
    let prose = text::prose_as(text, Format::from_path(Path::new(path)), segmenting);
    let checked = check_prose(rules, text, &prose, ws);
    let score = score::file_score(rules, text, &checked.sentences);
    let settings = config.settings_for(path);
    let post = postpass::apply(
        rules,
        &settings,
        &config.thresholds,
        text,
        &prose,
        checked.findings,
        &score,
    );
    Linted::new(post, score, checked.sentences)
}

/// Texts longer than this are checked in pieces of about this size by [`lint_pieces`] (unless
/// told another size).
pub const PIECE_SIZE: usize = 4 << 20;

/// [`lint`], with memory bounded by the piece size rather than by the text: a text longer than
/// `piece` bytes (0: [`PIECE_SIZE`]) is cut where its markup allows ([`markup::pieces`]: after
/// a blank line, in Markdown between top-level blocks) and each piece's tokens, sentences and
/// assessments are freed before the next. The findings, the score and the document diagnostics
/// are those of [`lint`] on the whole text (sources reach across a cut, suppressions see every
/// directive of the text); the sentences' assessments are kept only if `sentences` asks (their
/// token indices are then their piece's).
pub fn lint_pieces(
    rules: &RuleSet,
    config: &Config,
    path: &str,
    text: &str,
    piece: usize,
    sentences: bool,
    ws: &mut Workspace,
) -> Linted {
    let piece = if piece == 0 { PIECE_SIZE } else { piece };
    if text.len() <= piece {
        return lint(rules, config, path, text, ws);
    }
    let text = &*lone_cr_as_lf(text);
    let format = Format::from_path(Path::new(path));
    let pieces = markup::pieces(text, format, piece);
    let settings = config.settings_for(path);
    let mut tally = score::Tally::default();
    let (mut findings, mut comments, mut kept) = (Vec::new(), Vec::new(), Vec::new());
    let mut since = usize::MAX;
    for (i, r) in pieces.ranges.iter().enumerate() {
        let at = r.start;
        let source = &text[r.clone()];
        // A document named at the start of the next piece covers the claims before it.
        let after = pieces.ranges.get(i + 1).map_or(0, |next| {
            covered_before_piece(rules, &text[next.clone()], format, &pieces.context, ws)
        });
        let prose = text::prose_in(source, format, Segmenting::Sentences, &pieces.context);
        let mut checked = check_reading_on(rules, source, &prose, ws, &mut since, after);
        postpass::unquoted(rules, &settings, &prose.quotations, &mut checked.findings);
        tally.add(rules, source, at, &checked.sentences);
        findings.extend(checked.findings.into_iter().map(|f| f.shifted(at)));
        comments.extend(prose.comments.iter().map(|c| shifted(c, at)));
        if sentences {
            kept.extend(checked.sentences.into_iter().map(|a| a.shifted(at)));
        }
    }
    let score = tally.finish();
    let post = postpass::after_quotations(
        rules,
        &settings,
        &config.thresholds,
        text,
        &comments,
        findings,
        &score,
    );
    Linted::new(post, score, kept)
}

/// How many sentences before a piece the documents named in its first sentences cover (the
/// preset's `[sources] document-back`): only its first paragraphs are read, one for each
/// sentence the documents may reach back over, since each holds at least one sentence.
fn covered_before_piece(
    rules: &RuleSet,
    piece: &str,
    format: Format,
    context: &markup::Context,
    ws: &mut Workspace,
) -> usize {
    let back = rules.profile.document_back;
    if back == 0 {
        return 0;
    }
    let head = &piece[..first_paragraphs_end(piece, back)];
    let prose = text::prose_in(head, format, Segmenting::Sentences, context);
    let checked = check_prose(rules, head, &prose, ws);
    engine::covered_before(&checked.sentences, rules, back, &prose.quotations)
}

/// The byte offset after the first `n` paragraphs of a text (blocks ended by a blank line),
/// or its length.
fn first_paragraphs_end(text: &str, n: usize) -> usize {
    let mut seen = 0;
    let mut in_paragraph = false;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        at += line.len();
        if line.trim().is_empty() {
            if in_paragraph {
                seen += 1;
                if seen == n {
                    return at;
                }
            }
            in_paragraph = false;
        } else {
            in_paragraph = true;
        }
    }
    text.len()
}

/// The engine alone, on plain text or Markdown: every cue and finding, no post-pass.
pub fn check(rules: &RuleSet, source: &str, format: Format, ws: &mut Workspace) -> Checked {
    let source = &*lone_cr_as_lf(source);
    check_prose(rules, source, &text::prose(source, format), ws)
}

/// The text with each line ending that is a lone `\r` (old Mac files) written `\n`, for the
/// stages: the Markdown parser, the plain-text directive lines and the sentence splitter know
/// `\n` and `\r\n` (issue 17: a CR-only file was one line, one block). One byte for one
/// byte, so every span holds for the original text, which is what is reported.
pub fn lone_cr_as_lf(text: &str) -> std::borrow::Cow<'_, str> {
    let b = text.as_bytes();
    let lone = |i: usize| b.get(i + 1) != Some(&b'\n');
    if !memchr::memchr_iter(b'\r', b).any(lone) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut v = b.to_vec();
    for i in memchr::memchr_iter(b'\r', b) {
        if lone(i) {
            v[i] = b'\n';
        }
    }
    // Only ASCII bytes changed, for ASCII bytes.
    std::borrow::Cow::Owned(String::from_utf8(v).unwrap_or_else(|_| text.to_string()))
}

/// The engine on a text already read into prose.
pub fn check_prose(rules: &RuleSet, source: &str, prose: &Prose, ws: &mut Workspace) -> Checked {
    let mut since = usize::MAX;
    check_reading_on(rules, source, prose, ws, &mut since, 0)
}

/// [`check_prose`] on a piece of a text: `since` says how many sentences back the last
/// source was (see [`engine::cover`]) and is left as it is after the piece.
fn check_reading_on(
    rules: &RuleSet,
    source: &str,
    prose: &Prose,
    ws: &mut Workspace,
    since: &mut usize,
    after: usize,
) -> Checked {
    let syms = engine::symbols(rules, source, &prose.tokens);
    let mut out = Checked::default();
    for s in &prose.sentences {
        let a = engine::assess(
            rules,
            source,
            &prose.tokens,
            &syms,
            s,
            &prose.quotations,
            ws,
        );
        out.sentences.push(a);
    }
    // Sources reach past their sentence as far as the preset says, and a quotation's speaker
    // covers all its sentences; then findings.
    engine::cover(
        &mut out.sentences,
        rules.profile.source_reach,
        &prose.quotations,
        since,
    );
    engine::cover_before_documents(
        &mut out.sentences,
        rules,
        rules.profile.document_back,
        &prose.quotations,
        after,
    );
    if rules.profile.document_paragraph {
        engine::cover_document_paragraphs(&mut out.sentences, rules, source, &prose.quotations);
    }
    engine::cover_quotations(&mut out.sentences, &prose.quote_carried, &prose.quotations);
    engine::resolve_pronouns(&mut out.sentences, source);
    for a in &out.sentences {
        engine::findings(rules, source, &prose.tokens, a, &mut out.findings);
    }
    out.findings.sort_by(|a, b| {
        (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
    });
    out
}

/// How often rule `rule` fires on `text` (plain text): the cues it reports if it reports (also
/// when a more specific rule's finding on the same words reports it), its cues if it only
/// feeds the assessment (sources). This is what a rule's examples are checked with.
pub fn rule_hits(rules: &RuleSet, rule: RuleId, text: &str) -> usize {
    let checked = check(rules, text, Format::PLAIN, &mut Workspace::default());
    if rules[rule].severity.severity().is_some() {
        // The cues it would report (a note that a warning on the same words makes redundant
        // is left out of the findings, but the rule fired).
        checked
            .sentences
            .iter()
            .flat_map(|s| s.cues.iter().map(move |c| (s, c)))
            .filter(|(s, c)| {
                c.rule == rule
                    && (!c.subsumed || engine::merged(rules, &s.cues, c))
                    && engine::reports(rules, s, c).is_some()
            })
            .count()
    } else {
        checked
            .sentences
            .iter()
            .flat_map(|s| &s.cues)
            .filter(|c| c.rule == rule)
            .count()
    }
}

/// Checks a rule's own examples; returns one message per example that does not hold.
pub fn example_failures(rules: &RuleSet, rule: RuleId) -> Vec<String> {
    let r = &rules[rule];
    let mut failures = Vec::new();
    if !r.examples.iter().any(|e| e.flag.is_some()) || !r.examples.iter().any(|e| e.pass.is_some())
    {
        failures.push(format!(
            "rule `{}` needs at least one `flag` and one `pass` example",
            r.id
        ));
    }
    failures.extend(example_mismatches(rules, rule));
    failures
}

/// The examples of rule `rule` that do not hold: a `flag` example it does not fire on, a
/// `pass` example it fires on (one message each).
pub fn example_mismatches(rules: &RuleSet, rule: RuleId) -> Vec<String> {
    let r = &rules[rule];
    let mut failures = Vec::new();
    for e in &r.examples {
        if let Some(t) = &e.flag
            && rule_hits(rules, rule, t) == 0
        {
            failures.push(format!("rule `{}` should flag: {t:?}", r.id));
        }
        if let Some(t) = &e.pass {
            let n = rule_hits(rules, rule, t);
            if n > 0 {
                failures.push(format!(
                    "rule `{}` should pass but fired {n} time(s): {t:?}",
                    r.id
                ));
            }
        }
    }
    failures
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text checked whole as a plain-text file `a.txt`, with the default configuration.
    fn lint_text(rules: &RuleSet, text: &str) -> Linted {
        lint(
            rules,
            &Config::default(),
            "a.txt",
            text,
            &mut Workspace::default(),
        )
    }

    fn certainty(rules: &RuleSet, text: &str) -> f64 {
        let linted = lint_text(rules, text);
        linted.sentences[0].certainty
    }

    /// Bug (issue 11): `« »` were quotations for findings but not for the score (two quote
    /// models); a hedge inside them counted in full.
    #[test]
    fn guillemets_quote_for_the_score_as_curly_quotes_do() {
        let rules = RuleSet::builtin().unwrap_or_else(|e| panic!("{}", e[0].message));
        let bare = certainty(&rules, "He said the merger might fail.");
        let curly = certainty(&rules, "He said “the merger might fail”.");
        let guillemets = certainty(&rules, "He said «the merger might fail».");
        assert!(bare < curly, "{bare} {curly}");
        assert_eq!(curly, guillemets);
    }

    /// Issue 16, item 17: a text checked in pieces gives what the whole text gives.
    #[test]
    fn lint_pieces_gives_the_whole_texts_results() {
        // The journalism preset's sources reach the sentence after them, across a cut.
        let rules =
            RuleSet::with_preset("journalism").unwrap_or_else(|e| panic!("{}", e[0].message));
        let mut md = String::from("<!-- hedgelint-disable-file booster -->\n\n");
        let mut txt = String::from("hedgelint: disable unsourced-statistic\n\n");
        for i in 0..12 {
            let para = format!(
                "According to the Marist Institute, 1,{i:03} people moved.\n\n\
                 Another 2,{i:03} left.\n\nExperts say it may clearly go on.\n\n"
            );
            md.push_str(&para);
            md.push_str("```\nExperts say\n\ncode.\n```\n\n");
            txt.push_str(&para);
            if i == 7 {
                md.push_str("<!-- hedgelint-disable -->\n\n");
                txt.push_str("hedgelint: enable unsourced-statistic\n\n");
            }
        }
        let config = Config::default();
        let ws = &mut Workspace::default();
        for (path, text) in [("a.md", &md), ("a.txt", &txt)] {
            let format = Format::from_path(Path::new(path));
            assert!(markup::pieces(text, format, 64).ranges.len() > 10, "{path}");
            let whole = lint(&rules, &config, path, text, ws);
            assert!(!whole.findings.is_empty(), "{path}");
            let pieces = lint_pieces(&rules, &config, path, text, 64, true, ws);
            assert_eq!(whole.findings, pieces.findings, "{path}");
            assert_eq!(whole.score, pieces.score, "{path}");
            assert_eq!(whole.failed, pieces.failed, "{path}");
            let spans = |l: &Linted| {
                l.sentences
                    .iter()
                    .map(|a| a.span.clone())
                    .collect::<Vec<_>>()
            };
            assert_eq!(spans(&whole), spans(&pieces), "{path}");
            // Without the sentences asked for, none are kept.
            let lean = lint_pieces(&rules, &config, path, text, 64, false, ws);
            assert!(lean.sentences.is_empty() && lean.findings == whole.findings);
        }
    }

    #[test]
    fn lint_runs_the_post_pass_on_the_path_s_markup() {
        let rules = RuleSet::builtin().unwrap_or_else(|e| panic!("{}", e[0].message));
        let text = "<!-- hedgelint-disable -->\nExperts say it works.\n";
        let config = Config::default();
        let ws = &mut Workspace::default();
        // Read as Markdown, the comment is a directive; as plain text it is prose.
        assert!(lint(&rules, &config, "a.md", text, ws).findings.is_empty());
        let plain = lint(&rules, &config, "a.txt", text, ws);
        assert!(!plain.findings.is_empty());
        assert!(plain.failed);
    }

    #[test]
    fn a_vague_attribution_finding_starts_at_its_first_word() {
        let rules =
            RuleSet::with_preset("journalism").unwrap_or_else(|e| panic!("{}", e[0].message));
        let text = "The ferry will stop running, several dock workers said.";
        let l = lint_text(&rules, text);
        let weasels: Vec<&str> = l
            .findings
            .iter()
            .filter(|f| rules[f.rule].kind == crate::rules::CueKind::Weasel)
            .map(|f| &text[f.span.clone()])
            .collect();
        // The pattern reads the comma before the crowd; the finding is the crowd and its verb.
        assert_eq!(weasels, ["several dock workers said"]);
    }

    #[test]
    fn a_quotation_over_sentences_is_its_speakers_throughout() {
        let rules =
            RuleSet::with_preset("journalism").unwrap_or_else(|e| panic!("{}", e[0].message));
        let run = |text: &str| {
            lint(
                &rules,
                &Config::default(),
                "a.txt",
                text,
                &mut Workspace::default(),
            )
        };
        let spoken = "“The port lost 4,000 jobs. Many economists say it will recover. It \
                      must,” Okafor said.";
        let l = run(spoken);
        assert_eq!(l.sentences.len(), 3);
        // Only the last sentence holds the source; all three are covered by it.
        let sourced: Vec<bool> = l.sentences.iter().map(|s| s.sourced).collect();
        assert_eq!(sourced, [false, false, true]);
        assert!(l.sentences.iter().all(|s| s.covered));
        // The middle sentence is quoted speech: no vague-attribution warning there.
        assert!(l.findings.is_empty(), "{:?}", l.findings);
        // Unquoted, the same sentence is the author's vague attribution.
        let own = run("The port lost 4,000 jobs. Many economists say it will recover.");
        assert!(
            own.findings
                .iter()
                .any(|f| rules[f.rule].kind == crate::rules::CueKind::Weasel)
        );
        assert!(!own.sentences[1].covered);
    }

    #[test]
    fn claim_strength_counts_claims_and_damps_questions_and_hypotheticals() {
        let rules = RuleSet::builtin().unwrap_or_else(|e| panic!("{}", e[0].message));
        let claim = |text: &str| lint_text(&rules, text).sentences[0].claim;
        let stated = claim("Over 2,000 people died in the flood.");
        assert!(stated >= 1.0, "{stated}");
        assert_eq!(claim("The weather was fine on Monday."), 0.0);
        let asked = claim("Did over 2,000 people die in the flood?");
        let supposed = claim("If over 2,000 people died in the flood, the city would know.");
        assert!(0.0 < asked && asked < stated, "{asked} {stated}");
        assert!(0.0 < supposed && supposed < stated, "{supposed} {stated}");
        // A sourced claim is still a claim worth checking.
        let sourced = claim("Over 2,000 people died in the flood, the mayor said.");
        assert_eq!(sourced, stated);
    }
    /// A sentence naming a poll covers the figures of the sentence before it in its paragraph
    /// (journalism: `[sources] document-back = 1`), also across a paragraph break (news
    /// paragraphs are often one sentence); a named speaker does not, nor a poll inside a
    /// quotation.
    #[test]
    fn a_named_poll_covers_the_figures_just_before_it() {
        let rules =
            RuleSet::with_preset("journalism").unwrap_or_else(|e| panic!("{}", e[0].message));
        let covered = |text: &str| lint_text(&rules, text).sentences[0].covered;
        assert!(covered(
            "Ruiz trails at 13 percent. Okafor has 9 percent, according to the poll."
        ));
        assert!(covered(
            "Ruiz trails at 13 percent. A Reuters poll shows Okafor at 9 percent."
        ));
        assert!(covered(
            "Ruiz trails at 13 percent.\n\nOkafor has 9 percent, according to the poll."
        ));
        assert!(!covered(
            "Ruiz trails at 13 percent. Okafor is ahead. Lee has 9 percent, according to the poll."
        ));
        assert!(!covered(
            "Ruiz trails at 13 percent. Okafor has 9 percent, Harlan said."
        ));
        assert!(!covered(
            "Ruiz trails at 13 percent. “Okafor has 9 percent, according to the poll,” Harlan said."
        ));
        // The default preset reaches back too (`document-back = 1`), but not forward
        // (`reach = 0`): the authors' benchmark after their claim is its source.
        let general = RuleSet::builtin().unwrap_or_else(|e| panic!("{}", e[0].message));
        let text = "Ruiz trails at 13 percent. Okafor has 9 percent, according to the poll.";
        assert!(lint_text(&general, text).sentences[0].covered);
        let text = "This release is the fastest to date. A site benchmark shows a 10% gain.";
        assert!(lint_text(&general, text).sentences[0].covered);
        let text = "According to the poll, Okafor has 9 percent. Ruiz trails at 13 percent.";
        assert!(!lint_text(&general, text).sentences[1].covered);
    }

    #[test]
    fn a_named_poll_covers_the_rest_of_its_paragraph() {
        let rules =
            RuleSet::with_preset("journalism").unwrap_or_else(|e| panic!("{}", e[0].message));
        let text = "A Reuters poll shows Ruiz ahead in Dover, 43 to 41 percent. In Kent she \
                    leads 42 to 39 percent. In Deal they are tied at 41 percent.\n\nIn Bath \
                    turnout fell 30 percent. Okafor won 12 percent there.";
        let covered: Vec<bool> = lint_text(&rules, text)
            .sentences
            .iter()
            .map(|s| s.covered)
            .collect();
        // The third sentence is two past the poll, beyond `reach`; the next paragraph is not
        // the poll's.
        assert_eq!(covered, [true, true, true, false, false]);
        let general = RuleSet::builtin().unwrap_or_else(|e| panic!("{}", e[0].message));
        assert!(!lint_text(&general, text).sentences[2].covered);
    }
}
