//! Rules: the [`RuleSet`] every stage after this one reads (rules, their compiled patterns,
//! the one literal index over them, the preset's profile), rule identity ([`RuleId`]), and
//! what `select`, `ignore` and suppressions name ([`Target`]). Loading packs is in `load`.
//!
//! A pack is a folder: one rule a file (`<id>.toml`) and an optional `classes.toml` with the
//! word classes its patterns use (`@say`). The built-in packs are embedded at build time.

pub mod error;
pub mod kind;
mod load;
pub mod preset;

pub use error::{LoadError, PackFile};
pub use kind::{CueKind, Level, Severity, SourceKind, Stacking};

use crate::pattern::literals::{LiteralTable, NO_SYM};
use crate::pattern::{self, Program};
use preset::Profile;
use rustc_hash::FxHashMap;
use serde::Deserialize;

/// The id of the rule that reports suppressions naming unknown rules.
pub const UNKNOWN_SUPPRESSION: &str = "unknown-suppression";

/// The documentation a rule carries (`hedgelint explain`).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Docs {
    /// What the rule flags.
    pub what: String,
    /// Why it matters to a reader.
    pub why: String,
    /// Optional notes: context rules, known limits.
    #[serde(default)]
    pub notes: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// Text on which the rule must fire.
    pub flag: Option<String>,
    /// Text on which it must not.
    pub pass: Option<String>,
}

#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stack {
    /// The cue kind counted.
    pub kind: CueKind,
    /// How many cues of that kind in one sentence make a finding.
    pub min: usize,
    /// When set, the stack also needs two of its cues that start with different words to
    /// lie within this many tokens of each other ("could potentially", "possibly they
    /// might"): hedges spread over a long sentence are separate doubts, not a pile.
    #[serde(default)]
    pub near: Option<usize>,
}

/// A rule's identity in a [`RuleSet`]: what findings, cues and settings refer to it by
/// (`rules[id]` is the rule). It is fixed when the rule is added and means the same rule for
/// the life of the set; across sets (another preset, another pack), the stable name is the
/// rule's kebab-case [`Rule::id`], which [`RuleSet::get`] turns back into a `RuleId`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RuleId(u32);

impl RuleId {
    /// The position of the rule in [`RuleSet::rules`].
    pub fn index(self) -> usize {
        self.0 as usize
    }

    pub(crate) fn from_index(i: usize) -> RuleId {
        RuleId(u32::try_from(i).unwrap_or(u32::MAX))
    }
}

impl RuleSet {
    /// Every rule's id, in order.
    pub fn ids(&self) -> impl Iterator<Item = RuleId> + '_ {
        (0..self.rules.len()).map(RuleId::from_index)
    }
}

impl std::ops::Index<RuleId> for RuleSet {
    type Output = Rule;
    fn index(&self, id: RuleId) -> &Rule {
        &self.rules[id.index()]
    }
}

/// What `select`, `ignore` and suppressions name: one rule, or every rule of a kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    Rule(RuleId),
    Kind(CueKind),
}

impl Target {
    pub fn matches(self, rules: &RuleSet, rule: RuleId) -> bool {
        match self {
            Target::Rule(r) => r == rule,
            Target::Kind(k) => rules[rule].kind == k,
        }
    }
}

/// One rule, ready to run.
#[derive(Clone, Debug)]
pub struct Rule {
    pub id: String,
    pub pack: String,
    pub kind: CueKind,
    /// Severity when the sentence names no source (or always, without `sourced-severity`).
    pub severity: Level,
    /// Severity when the sentence names a source; `off` silences the rule there.
    pub sourced_severity: Option<Level>,
    /// What kind of source a cue of this rule is (`source-kind`; rules of kind `source` only,
    /// `named` unless set).
    pub source_kind: Option<SourceKind>,
    /// How much a cue moves its sentence's certainty (negative: less certain).
    pub certainty: f64,
    pub message: String,
    pub help: Option<String>,
    pub docs: Docs,
    pub examples: Vec<Example>,
    pub patterns: Vec<String>,
    pub exceptions: Vec<String>,
    pub stack: Option<Stack>,
    /// How this rule's cues count toward stack rules of their kind.
    pub stacking: Stacking,
}

impl Rule {
    /// The level this rule reports at, given whether its sentence names a source.
    pub fn level(&self, sourced: bool) -> Level {
        if sourced {
            self.sourced_severity.unwrap_or(self.severity)
        } else {
            self.severity
        }
    }

    /// The first sentence of the rule's `what` (its summary), by hedgelint's own sentence
    /// splitter: "(Smith et al. 2020)" does not end a sentence.
    pub fn summary(&self) -> String {
        crate::text::first_sentence(&self.docs.what)
    }

    /// Whether a source in the sentence silences this rule.
    pub fn wants_source(&self) -> bool {
        self.sourced_severity == Some(Level::Off)
    }
}

/// What a compiled program belongs to.
#[derive(Clone, Copy, Debug)]
pub struct Owner {
    pub rule: RuleId,
    pub exception: bool,
}

/// All rules, their compiled patterns, and the one literal index over them.
#[derive(Debug, Default)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    pub programs: Vec<Program>,
    pub owners: Vec<Owner>,
    /// Interned lower-case literal words.
    pub words: FxHashMap<Box<str>, u32>,
    /// For each literal id, the programs whose first token can be that literal.
    pub by_first_word: FxHashMap<u32, Vec<u32>>,
    /// For each built-in class (by [`pattern::Builtin`] number), the programs whose first
    /// token can be of that class.
    pub by_builtin: [Vec<u32>; pattern::Builtin::COUNT],
    /// Programs to try at every token (they can start with `_` or `!x`), each with the classes
    /// whose tokens cannot start it (see [`pattern::FirstSet::any_unless`]).
    pub everywhere: Vec<(u32, u16)>,
    by_id: FxHashMap<String, RuleId>,
    /// The preset this set was built from (name, what counts as uncertain).
    pub profile: Profile,
    /// The same indexes laid out for the matcher: for each literal id, the programs that can
    /// start with it and their first-token classes; for each slot of `mask_slot` (a class mask), the
    /// programs a token of those classes can start (with the `everywhere` ones). Rebuilt by
    /// [`RuleSet::add_pack`].
    /// Each twice: `[0]` for a sentence's first token, `[1]` for the others (without the
    /// programs anchored at the start, [`Gate::at_start_only`]). The literal lists end with
    /// an empty one, for the tokens that are no literal (see [`RuleSet::sym_starts`]).
    pub(crate) starts_by_sym: [Vec<Starts<SymStart>>; 2],
    pub(crate) starts_by_mask: [Vec<Starts<Tried>>; 2],
    /// For each class mask, its lists' place in `starts_by_mask` (masks that differ only in
    /// classes no program starts with share their lists).
    pub(crate) mask_slot: Vec<u16>,
    /// The rules with a `stack` (checked in every sentence with cues).
    pub stacks: Vec<RuleId>,
    /// For each program, what an attempt at a token needs first (see [`Gate`]).
    pub(crate) gates: Vec<Gate>,
    /// The needs ([`pattern::Program::needs`]) of all programs, each once, as bits: for each
    /// literal id (and, last, an empty row for tokens that are no literal), the needs the
    /// literal meets; for each class mask (masked by `need_class_union`), the needs its
    /// classes meet. Those a class can meet are numbered first: their bits are in the first
    /// word. Needs past [`NeedRow::NEEDS`] (or past 64 for those of a class) are left out of the
    /// gates: a gate is a test that can only say no where a match is impossible.
    pub(crate) need_rows: Vec<NeedRow>,
    pub(crate) need_class_union: u16,
    pub(crate) need_class_bits: Vec<[u64; 2]>,
    /// `words` laid out for the lookup of every token.
    literals: LiteralTable,
}

/// The programs that can start at a token, and what the next token must be for any of them
/// to match (one test that rules them all out at most tokens: "the" starts nine programs, and
/// is followed by few of the words they need next).
#[derive(Debug, Default)]
pub(crate) struct Starts<T> {
    pub programs: Box<[T]>,
    /// `None`: no test (a program can match one token, or anything after it).
    pub second: Option<pattern::TokenFilter>,
}

/// What must hold before a program is tried at a token: cheap tests that rule out attempts
/// that cannot match, so that the VM runs only where a match is possible.
#[derive(Debug)]
pub(crate) struct Gate {
    /// Every match starts at the sentence's first token (`^`): not indexed past it.
    pub at_start_only: bool,
    /// Every match ends at the sentence's end (`$`).
    pub must_end: bool,
    /// The most tokens a match spans ([`pattern::Program::longest_match`]).
    pub longest: usize,
    /// Need numbers (bits of [`RuleSet::need_rows`]): for each, a token at or after the start of the
    /// match must meet it.
    pub needs: Box<[u32]>,
    /// Another need, met by a token after the match's first ([`pattern::Program::need_after_first`]).
    pub after_first: Option<u32>,
    /// The one of `needs` fewest words meet ([`NeedRow::ALWAYS`] if none), copied into the
    /// start lists so that most attempts end there, before the gate is read.
    pub lead: u32,
    /// An exception: tried only where a pattern of its rule matched.
    pub exception: bool,
}

/// A set of needs, as bits (see [`RuleSet::need_rows`]): one cache line.
#[derive(Clone, Copy, Debug, Default)]
#[repr(C, align(64))]
pub(crate) struct NeedRow(pub [u64; 8]);

impl NeedRow {
    /// How many needs a row holds.
    pub const NEEDS: usize = 512;

    /// A need every token meets: its bit is set in the row a sentence starts with.
    pub const ALWAYS: u32 = Self::NEEDS as u32 - 1;

    /// The row a sentence's reading starts with: only [`NeedRow::ALWAYS`].
    pub const START: NeedRow = {
        let mut words = [0; 8];
        words[Self::ALWAYS as usize / 64] = 1 << (Self::ALWAYS % 64);
        NeedRow(words)
    };

    /// Whether need `n` is in the set.
    #[inline]
    pub fn has(&self, n: u32) -> bool {
        self.0[(n as usize / 64) % 8] >> (n % 64) & 1 != 0
    }
}

impl RuleSet {
    /// The programs that can start with the literal `sym` (none if it is no literal: the
    /// last list, which is empty).
    #[inline]
    pub(crate) fn sym_starts(&self, mid: usize, sym: u32) -> Option<&Starts<SymStart>> {
        pattern::at_or_last(&self.starts_by_sym[mid], sym as usize)
    }

    /// The needs a token of literal id `sym` and classes `mask` meets, with those of `after`.
    #[inline]
    pub(crate) fn needs_met(&self, after: &NeedRow, sym: u32, mask: u16) -> NeedRow {
        // Past the literals (no literal, `NO_SYM`) the last row, which is empty.
        let row = pattern::at_or_last(&self.need_rows, sym as usize).unwrap_or(after);
        // The class bits fill the first two words, so that every word of the row is ORed the
        // same way: the rows are read and written whole, 16 bytes at a time (a row written
        // one word apart from the rest stalled the next token's read of it).
        let class = self
            .need_class_bits
            .get(usize::from(mask & self.need_class_union))
            .copied()
            .unwrap_or([0; 2]);
        NeedRow(std::array::from_fn(|k| {
            after.0[k] | row.0[k] | if k < 2 { class[k] } else { 0 }
        }))
    }
}

/// A program that a token of some classes can start, and its [`Gate::lead`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Tried {
    pub program: u32,
    pub lead: u32,
}

/// A program that can start with a literal.
#[derive(Clone, Debug)]
pub(crate) struct SymStart {
    pub program: u32,
    /// Its [`Gate::lead`].
    pub lead: u32,
    /// The classes its first token can be of (a token of those classes tries it already).
    pub classes: u16,
    /// What the second token must be after this literal (`None`: anything, or nothing).
    pub second: Option<pattern::TokenFilter>,
}

impl RuleSet {
    /// Whether a cue of rule `i` makes a sentence uncertain under this set's preset.
    pub fn is_uncertain_cue(&self, i: RuleId) -> bool {
        let r = &self[i];
        let u = &self.profile.uncertain;
        if r.stack.is_some() {
            return false;
        }
        if u.include_rules.contains(&r.id) {
            return true;
        }
        u.kinds.contains(&r.kind) && !u.exclude_rules.contains(&r.id)
    }

    /// A rule id or, failing that, a kind (`weasel`, `hedge`, …).
    pub fn target(&self, name: &str) -> Option<Target> {
        self.get(name)
            .map(Target::Rule)
            .or_else(|| CueKind::parse(name).map(Target::Kind))
    }

    /// The rule id or kind nearest to `name`, for "did you mean".
    pub fn suggest(&self, name: &str) -> Option<&str> {
        error::closest(
            name,
            self.rules
                .iter()
                .map(|r| r.id.as_str())
                .chain(CueKind::ALL.iter().map(|k| k.as_str())),
        )
    }

    /// What to add to "unknown rule `name`": the presets that have a rule of that id (`; the
    /// journalism preset has it`), else the nearest id or kind (`; did you mean `booster`?`).
    pub fn unknown_hint(&self, name: &str) -> String {
        let presets: Vec<String> = RuleSet::preset_names()
            .into_iter()
            .filter(|p| *p != self.profile.name)
            .filter(|p| RuleSet::with_preset(p).is_ok_and(|r| r.get(name).is_some()))
            .collect();
        match (presets.as_slice(), self.suggest(name)) {
            ([], None) => String::new(),
            ([], Some(best)) => format!("; did you mean `{best}`?"),
            ([one], _) => format!("; the `{one}` preset has it (`--preset {one}`)"),
            (many, _) => format!(
                "; the presets {} have it",
                many.iter()
                    .map(|p| format!("`{p}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }

    pub fn get(&self, id: &str) -> Option<RuleId> {
        self.by_id.get(id).copied()
    }

    /// The literal id of the token `source[start..end]`, ignoring ASCII case ([`NO_SYM`] if
    /// no rule mentions it); `None` if the token is not ASCII and must be folded first.
    #[inline]
    pub fn token_id(&self, source: &[u8], start: usize, end: usize) -> Option<u32> {
        self.literals.get_token(source, start, end)
    }

    /// The literal id of a word, ignoring ASCII case (a word with other letters must be folded
    /// first, see [`pattern::fold_into`]), if any rule mentions it.
    pub fn word_id(&self, word: &str) -> Option<u32> {
        Some(self.literals.get(word.as_bytes())).filter(|&id| id != NO_SYM)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn file(name: &str, text: &str) -> PackFile {
        PackFile {
            name: name.into(),
            text: Arc::from(text),
        }
    }

    const GOOD: &str = r#"
id = "x-rule"
kind = "hedge"
severity = "info"
message = "m"
patterns = ["may @say"]
[docs]
what = "w"
why = "y"
"#;

    #[test]
    fn builtin_packs_load() {
        let set = RuleSet::builtin()
            .map_err(|e| e.iter().map(|e| e.message.clone()).collect::<Vec<_>>())
            .unwrap();
        assert!(set.rules.len() >= 8);
        // The built-in patterns stay well inside the matching budget that user packs get.
        for p in &set.programs {
            let cost = p.cost();
            assert!(cost <= pattern::MAX_COST / 4, "{cost}");
        }
        // And the packs as a whole, inside a third of a pack's budget (they take nearly all of it).
        let total: usize = set.programs.iter().map(pattern::Program::cost).sum();
        assert!(total <= pattern::MAX_PACK_COST / 3, "{total}");
    }

    #[test]
    fn pattern_errors_point_inside_the_string() {
        let text = GOOD.replace("may @say", "may (say");
        let errs = RuleSet::default().add_pack("p", &[file("p/x-rule.toml", &text)]);
        assert_eq!(errs.len(), 1);
        let at = text.find("may (say").unwrap() + 4;
        assert_eq!(errs[0].span, at..at + 1, "{:?}", errs[0]);
    }

    #[test]
    fn unknown_keys_and_classes_are_errors() {
        let text = GOOD.replace("message = \"m\"", "mesage = \"m\"");
        let errs = RuleSet::default().add_pack("p", &[file("p/x-rule.toml", &text)]);
        assert!(errs[0].message.contains("mesage"), "{}", errs[0].message);
        let errs = RuleSet::default().add_pack("p", &[file("p/x-rule.toml", GOOD)]);
        assert!(
            errs[0].message.contains("unknown class `@say`"),
            "{}",
            errs[0].message
        );
    }

    #[test]
    fn duplicate_ids_are_errors() {
        let classes = file(
            "p/classes.toml",
            "[classes]\nsay = [\"say\", \"point to\"]\n",
        );
        let mut set = RuleSet::default();
        assert!(
            set.add_pack("p", &[classes.clone(), file("p/x-rule.toml", GOOD)])
                .is_empty()
        );
        let errs = set.add_pack("q", &[classes, file("q/x-rule.toml", GOOD)]);
        assert!(errs[0].message.contains("duplicate rule id"));
    }
}
