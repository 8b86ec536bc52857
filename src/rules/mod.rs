//! Rule packs: loading TOML rule files (serde + toml), validating them, compiling every
//! pattern into one [`RuleSet`] whose literal index is shared by all rules.
//!
//! A pack is a folder: one rule a file (`<id>.toml`) and an optional `classes.toml` with the
//! word classes its patterns use (`@say`). The built-in packs are embedded at build time.

pub mod error;
pub mod kind;
pub mod preset;

pub use error::{LoadError, PackFile};
pub use kind::{CueKind, Level, Severity};

use crate::pattern::literals::{LiteralTable, NO_SYM};
use crate::pattern::{self, Ast, Env, Program};
use preset::{DEFAULT_PRESET, Profile};
use rustc_hash::FxHashMap;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::Arc;
use toml::Spanned;

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

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
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RuleToml {
    id: Spanned<String>,
    kind: CueKind,
    severity: Level,
    #[serde(default)]
    sourced_severity: Option<Level>,
    #[serde(default)]
    certainty: f64,
    message: String,
    #[serde(default)]
    help: Option<String>,
    #[serde(default)]
    patterns: Vec<Spanned<String>>,
    #[serde(default)]
    exceptions: Vec<Spanned<String>>,
    #[serde(default)]
    stack: Option<Stack>,
    docs: Docs,
    #[serde(default, rename = "example")]
    examples: Vec<Spanned<Example>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClassesToml {
    classes: BTreeMap<String, Vec<Spanned<String>>>,
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
    /// How much a cue moves its sentence's certainty (negative: less certain).
    pub certainty: f64,
    pub message: String,
    pub help: Option<String>,
    pub docs: Docs,
    pub examples: Vec<Example>,
    pub patterns: Vec<String>,
    pub exceptions: Vec<String>,
    pub stack: Option<Stack>,
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
    /// Programs to try at every token (they can start with `_` or `!x`).
    pub everywhere: Vec<u32>,
    by_id: FxHashMap<String, RuleId>,
    /// The preset this set was built from (name, what counts as uncertain).
    pub profile: Profile,
    /// The same indexes laid out for the matcher: for each literal id, the programs that can
    /// start with it and their first-token classes; for each class mask, the programs a token
    /// of those classes can start (with the `everywhere` ones). Rebuilt by [`RuleSet::add_pack`].
    pub(crate) starts_by_sym: Vec<Starts<SymStart>>,
    pub(crate) starts_by_mask: Vec<Starts<u32>>,
    /// The rules with a `stack` (checked in every sentence with cues).
    pub stacks: Vec<RuleId>,
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

/// A program that can start with a literal.
#[derive(Debug)]
pub(crate) struct SymStart {
    pub program: u32,
    /// The classes its first token can be of (a token of those classes tries it already).
    pub classes: u16,
    /// What the second token must be after this literal (`None`: anything, or nothing).
    pub second: Option<pattern::TokenFilter>,
}

struct PackEnv<'a> {
    words: &'a mut FxHashMap<Box<str>, u32>,
    classes: &'a FxHashMap<String, Ast>,
}

impl Env for PackEnv<'_> {
    fn intern(&mut self, word: &str) -> u32 {
        let n = self.words.len() as u32;
        *self.words.entry(word.into()).or_insert(n)
    }
    fn class(&self, name: &str) -> Option<Ast> {
        self.classes.get(name).cloned()
    }
}

/// Where byte `decoded` of a TOML string value lies in the file `text`. The value's span
/// covers its quotes, and escapes (`\"`, `\u00e9`) make the source longer than the value: walk
/// both. Falls back to the start of the value when the source is not a plain one-line string.
fn pattern_offset(text: &str, s: &Spanned<String>, decoded: usize) -> usize {
    let span = s.span();
    let Some(raw) = text.get(span.clone()) else {
        return span.start.min(text.len());
    };
    if raw.starts_with("'''") || raw.starts_with("\"\"\"") {
        return span.start;
    }
    let literal = raw.starts_with('\'');
    let mut value_pos = 0;
    let mut chars = raw.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        if value_pos >= decoded {
            return span.start + i;
        }
        let produced = if c == '\\' && !literal {
            match chars.next() {
                Some((_, 'u')) => decode_escape(&mut chars, 4),
                Some((_, 'U')) => decode_escape(&mut chars, 8),
                Some((_, 'x')) => decode_escape(&mut chars, 2),
                Some((_, 'b' | 't' | 'n' | 'f' | 'r' | 'e' | '"' | '\\')) => 1,
                _ => return span.start,
            }
        } else if (c == '"' && !literal) || (c == '\'' && literal) {
            return span.start + i;
        } else {
            c.len_utf8()
        };
        value_pos += produced;
    }
    span.start
}

/// Consumes the hex digits of a `\u`/`\U`/`\x` escape; returns the UTF-8 length of its char.
fn decode_escape(chars: &mut impl Iterator<Item = (usize, char)>, n: usize) -> usize {
    let mut v = 0u32;
    for _ in 0..n {
        match chars.next() {
            Some((_, d)) => v = v * 16 + d.to_digit(16).unwrap_or(0),
            None => break,
        }
    }
    char::from_u32(v).map_or(1, char::len_utf8)
}

impl RuleSet {
    /// The built-in rules as the default preset (`general`) chooses them.
    pub fn builtin() -> Result<RuleSet, Vec<LoadError>> {
        RuleSet::with_preset(DEFAULT_PRESET)
    }

    /// The names of the built-in presets.
    pub fn preset_names() -> Vec<String> {
        preset::names(BUILTIN_FILES)
    }

    /// The built-in rules as the preset `name` (a file `rules/presets/<name>.toml`) chooses,
    /// excludes, re-weights and re-severities them.
    pub fn with_preset(name: &str) -> Result<RuleSet, Vec<LoadError>> {
        let path = format!("presets/{name}.toml");
        let Some((_, text)) = BUILTIN_FILES.iter().find(|(p, _)| *p == path) else {
            let f = PackFile {
                name: "<preset>".into(),
                text: Arc::from(name),
            };
            return Err(vec![LoadError::whole(
                &f,
                format!(
                    "unknown preset `{name}` (built-in presets: {})",
                    RuleSet::preset_names().join(", ")
                ),
            )]);
        };
        let pf = PackFile {
            name: format!("rules/{path}"),
            text: Arc::from(*text),
        };
        let p = preset::parse(&pf).map_err(|e| vec![e])?;
        let exclude: Vec<String> = p.exclude.iter().map(|e| e.get_ref().clone()).collect();
        let mut set = RuleSet::default();
        let mut errors = Vec::new();
        for pack in &p.packs {
            let prefix = format!("{pack}/");
            let files: Vec<PackFile> = BUILTIN_FILES
                .iter()
                .filter(|(p, _)| p.starts_with(&prefix))
                .map(|(p, t)| PackFile {
                    name: format!("rules/{p}"),
                    text: Arc::from(*t),
                })
                .collect();
            if files.is_empty() || pack == "presets" {
                errors.push(LoadError::whole(
                    &pf,
                    format!("preset `{name}` names an unknown rule pack `{pack}`"),
                ));
                continue;
            }
            errors.extend(set.add_pack_except(pack, &files, &exclude));
        }
        set.add_meta_rules();
        if !errors.is_empty() {
            return Err(errors);
        }
        errors.extend(set.apply_preset(&pf, &p));
        set.profile = Profile {
            name: name.to_string(),
            description: p.description,
            uncertain: p.uncertain,
        };
        if errors.is_empty() {
            Ok(set)
        } else {
            Err(errors)
        }
    }

    /// Applies a preset's overrides; unknown rule ids are errors pointing into the preset.
    fn apply_preset(&mut self, pf: &PackFile, p: &preset::PresetToml) -> Vec<LoadError> {
        let mut errors = Vec::new();
        let known = |id: &str| {
            BUILTIN_FILES
                .iter()
                .any(|(path, _)| path.rsplit('/').next() == Some(&format!("{id}.toml")))
        };
        for e in &p.exclude {
            if !known(e.get_ref()) {
                errors.push(LoadError::span(
                    pf,
                    e.span(),
                    format!("no rule `{}` to exclude", e.get_ref()),
                ));
            }
        }
        for (id, o) in &p.rules {
            let Some(i) = self.get(id) else {
                errors.push(LoadError::span(
                    pf,
                    o.span(),
                    format!("no rule `{id}` in the preset's packs"),
                ));
                continue;
            };
            let o = o.get_ref();
            let r = &mut self.rules[i.index()];
            if let Some(s) = o.severity {
                r.severity = s;
            }
            if let Some(s) = o.sourced_severity {
                r.sourced_severity = Some(s);
            }
            if let Some(c) = o.certainty {
                r.certainty = c;
            }
        }
        let u = &p.uncertain;
        for id in u.exclude_rules.iter().chain(&u.include_rules) {
            if self.get(id).is_none() && !p.exclude.iter().any(|e| e.get_ref() == id) {
                errors.push(LoadError::whole(
                    pf,
                    format!("`uncertain` names rule `{id}`, which the preset does not load"),
                ));
            }
        }
        errors
    }

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

    /// Adds a pack (its files, with or without a `classes.toml`). Returns every error found;
    /// rules with errors are left out.
    pub fn add_pack(&mut self, pack: &str, files: &[PackFile]) -> Vec<LoadError> {
        self.add_pack_except(pack, files, &[])
    }

    /// Adds a pack, leaving out the rules whose ids are in `exclude`.
    pub fn add_pack_except(
        &mut self,
        pack: &str,
        files: &[PackFile],
        exclude: &[String],
    ) -> Vec<LoadError> {
        let mut errors = Vec::new();
        let mut classes: FxHashMap<String, Ast> = FxHashMap::default();
        for f in files.iter().filter(|f| f.name.ends_with("classes.toml")) {
            match toml::from_str::<ClassesToml>(&f.text) {
                Ok(c) => {
                    for (name, entries) in c.classes {
                        let mut alts = Vec::new();
                        for e in &entries {
                            match pattern::parse(e.get_ref()) {
                                Ok(a) => alts.push(a),
                                Err(pe) => errors.push(LoadError::at(
                                    f,
                                    pattern_offset(&f.text, e, pe.offset),
                                    pe.message,
                                )),
                            }
                        }
                        if pattern::Builtin::from_name(&name).is_some() {
                            errors.push(LoadError::whole(
                                f,
                                format!("class `{name}` shadows a built-in class"),
                            ));
                        }
                        classes.insert(name, Ast::Alt(alts));
                    }
                }
                Err(e) => errors.push(LoadError::from_toml(f, &e)),
            }
        }
        // The pack as a whole is bounded: its rules, and the work of all its patterns.
        let mut budget = PackBudget::default();
        for f in files.iter().filter(|f| !f.name.ends_with("classes.toml")) {
            let stem = f.name.rsplit('/').next().unwrap_or("");
            if exclude
                .iter()
                .any(|x| stem.strip_suffix(".toml") == Some(x))
            {
                continue;
            }
            budget.rules += 1;
            if budget.rules > pattern::MAX_PACK_RULES {
                errors.push(LoadError::whole(
                    f,
                    format!(
                        "rule pack `{pack}` has more than {} rules; this file is one too many",
                        pattern::MAX_PACK_RULES
                    ),
                ));
                break;
            }
            if let Err(e) = self.add_rule_file(pack, f, &classes, &mut budget) {
                errors.extend(e);
                if budget.over {
                    break;
                }
            }
        }
        self.reindex();
        errors
    }

    /// Builds `starts_by_sym`, `starts_by_mask` and `literals` from the others.
    fn reindex(&mut self) {
        self.literals = LiteralTable::new(self.words.iter().map(|(w, &id)| (&**w, id)));
        self.stacks = (0..self.rules.len())
            .filter(|&r| self.rules[r].stack.is_some())
            .map(RuleId::from_index)
            .collect();
        let builtins: Vec<u16> = self
            .programs
            .iter()
            .map(|p| p.first_set().builtins)
            .collect();
        self.starts_by_sym = (0..self.words.len() as u32)
            .map(|id| {
                self.by_first_word
                    .get(&id)
                    .into_iter()
                    .flatten()
                    .map(|&pid| SymStart {
                        program: pid,
                        classes: builtins[pid as usize],
                        second: self.programs[pid as usize].second_given(Some(id)),
                    })
                    .collect::<Box<[SymStart]>>()
            })
            .map(|programs| Starts {
                second: pattern::TokenFilter::union(programs.iter().map(|p| p.second.as_ref())),
                programs,
            })
            .collect();
        self.starts_by_mask = (0..1u32 << pattern::Builtin::COUNT)
            .map(|mask| {
                let mut v: Vec<u32> = self
                    .by_builtin
                    .iter()
                    .enumerate()
                    .filter(|&(b, _)| mask & (1 << b) != 0)
                    .flat_map(|(_, list)| list.iter().copied())
                    .chain(self.everywhere.iter().copied())
                    .collect();
                v.sort_unstable();
                v.dedup();
                Starts {
                    second: pattern::TokenFilter::second_of(
                        v.iter().map(|&pid| &self.programs[pid as usize]),
                    ),
                    programs: v.into_boxed_slice(),
                }
            })
            .collect();
    }

    fn add_rule_file(
        &mut self,
        pack: &str,
        f: &PackFile,
        classes: &FxHashMap<String, Ast>,
        budget: &mut PackBudget,
    ) -> Result<(), Vec<LoadError>> {
        let raw: RuleToml =
            toml::from_str(&f.text).map_err(|e| vec![LoadError::from_toml(f, &e)])?;
        let id_span = raw.id.span();
        let id = raw.id.get_ref().clone();
        let mut errors = Vec::new();
        if !is_kebab(&id) {
            errors.push(LoadError::span(
                f,
                id_span.clone(),
                format!("rule id `{id}` is not kebab-case"),
            ));
        }
        let stem = f
            .name
            .rsplit('/')
            .next()
            .unwrap_or("")
            .trim_end_matches(".toml");
        if stem != id && !f.name.starts_with('<') {
            errors.push(LoadError::span(
                f,
                id_span.clone(),
                format!("rule id `{id}` does not match its file name `{stem}.toml`"),
            ));
        }
        if self.by_id.contains_key(&id) {
            errors.push(LoadError::span(
                f,
                id_span.clone(),
                format!("duplicate rule id `{id}`"),
            ));
        }
        if raw.patterns.is_empty() && raw.stack.is_none() {
            errors.push(LoadError::span(
                f,
                id_span.clone(),
                format!("rule `{id}` has neither `patterns` nor `stack`"),
            ));
        }
        if raw.stack.is_some_and(|s| s.min == 0) {
            errors.push(LoadError::span(
                f,
                id_span.clone(),
                format!("rule `{id}`: `stack.min` must be at least 1 (a stack of no cues would flag every sentence)"),
            ));
        }
        if !raw.certainty.is_finite() || raw.certainty.abs() > 5.0 {
            errors.push(LoadError::span(
                f,
                id_span.clone(),
                "`certainty` must be a number between -5 and 5".to_string(),
            ));
        }
        for ex in &raw.examples {
            let e = ex.get_ref();
            if e.flag.is_some() == e.pass.is_some() {
                errors.push(LoadError::span(
                    f,
                    ex.span(),
                    "an example has exactly one of `flag` or `pass`".to_string(),
                ));
            }
        }
        let rule_index = RuleId::from_index(self.rules.len());
        let mut programs = Vec::new();
        for (list, exception) in [(&raw.patterns, false), (&raw.exceptions, true)] {
            for p in list {
                let ast = match pattern::parse(p.get_ref()) {
                    Ok(a) => a,
                    Err(pe) => {
                        let at = pattern_offset(&f.text, p, pe.offset);
                        errors.push(LoadError::at(f, at, pe.message));
                        continue;
                    }
                };
                let mut env = PackEnv {
                    words: &mut self.words,
                    classes,
                };
                match pattern::compile(&ast, &mut env) {
                    Ok(prog) => {
                        budget.cost += prog.cost();
                        if budget.cost > pattern::MAX_PACK_COST {
                            budget.over = true;
                            errors.push(LoadError::span(
                                f,
                                p.span(),
                                format!(
                                    "rule pack `{pack}` is too costly to match: with this \
                                     pattern its patterns take {} steps a token, the limit is {} \
                                     (fewer patterns, exact words or gaps)",
                                    budget.cost,
                                    pattern::MAX_PACK_COST
                                ),
                            ));
                            return Err(errors);
                        }
                        programs.push((prog, exception))
                    }
                    Err(ce) => errors.push(LoadError::span(f, p.span(), ce.message)),
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        for (prog, exception) in programs {
            let pid = self.programs.len() as u32;
            let first = prog.first_set();
            if first.any {
                self.everywhere.push(pid);
            } else {
                for l in first.literals {
                    self.by_first_word.entry(l).or_default().push(pid);
                }
                for (b, list) in self.by_builtin.iter_mut().enumerate() {
                    if first.builtins & (1 << b) != 0 {
                        list.push(pid);
                    }
                }
            }
            self.programs.push(prog);
            self.owners.push(Owner {
                rule: rule_index,
                exception,
            });
        }
        self.by_id.insert(id.clone(), rule_index);
        self.rules.push(Rule {
            id,
            pack: pack.to_string(),
            kind: raw.kind,
            severity: raw.severity,
            sourced_severity: raw.sourced_severity,
            certainty: raw.certainty,
            message: raw.message,
            help: raw.help,
            docs: raw.docs,
            examples: raw.examples.into_iter().map(Spanned::into_inner).collect(),
            patterns: raw.patterns.into_iter().map(Spanned::into_inner).collect(),
            exceptions: raw
                .exceptions
                .into_iter()
                .map(Spanned::into_inner)
                .collect(),
            stack: raw.stack,
        });
        Ok(())
    }

    /// Rules about hedgelint's own markup rather than the prose; they have no patterns and
    /// are reported by the post-pass (see `suppress`).
    fn add_meta_rules(&mut self) {
        let rule = Rule {
            id: UNKNOWN_SUPPRESSION.to_string(),
            pack: "builtin".to_string(),
            kind: CueKind::Meta,
            severity: Level::Warning,
            sourced_severity: None,
            certainty: 0.0,
            message: "suppression names an unknown rule: `{match}`".to_string(),
            help: Some(
                "Use a rule id or kind from `hedgelint rules`, or remove the suppression."
                    .to_string(),
            ),
            docs: Docs {
                what: "Flags a suppression comment (`<!-- hedgelint-disable RULE -->`, \
                       `hedgelint: disable-next-line RULE`) that names a rule or kind hedgelint \
                       does not know."
                    .to_string(),
                why: "A misspelt rule id suppresses nothing, so the finding it was meant to \
                      silence is still reported, or a later rename silently stops working."
                    .to_string(),
                notes: None,
            },
            examples: Vec::new(),
            patterns: Vec::new(),
            exceptions: Vec::new(),
            stack: None,
        };
        self.by_id
            .insert(rule.id.clone(), RuleId::from_index(self.rules.len()));
        self.rules.push(rule);
    }

    /// A rule id or, failing that, a kind (`weasel`, `hedge`, …).
    pub fn target(&self, name: &str) -> Option<Target> {
        self.get(name)
            .map(Target::Rule)
            .or_else(|| CueKind::parse(name).map(Target::Kind))
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

/// What a pack has used of its bounds so far.
#[derive(Default)]
struct PackBudget {
    rules: usize,
    cost: usize,
    over: bool,
}

fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

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
        // And the packs as a whole, well inside a pack's budget.
        let total: usize = set.programs.iter().map(pattern::Program::cost).sum();

        assert!(total <= pattern::MAX_PACK_COST / 4, "{total}");
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
