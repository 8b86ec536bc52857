//! Loading rule packs: the TOML schema of rule and class files, compiling their patterns
//! into the set's programs and literal index, presets applied over the packs, and the errors
//! with spans into the TOML.

use super::*;
use crate::pattern::literals::LiteralTable;
use crate::pattern::{Ast, Env};
use preset::DEFAULT_PRESET;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::rc::Rc;
use std::sync::Arc;
use toml::Spanned;

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RuleToml {
    id: Spanned<String>,
    kind: CueKind,
    severity: Level,
    #[serde(default)]
    sourced_severity: Option<Level>,
    #[serde(default)]
    source_kind: Option<SourceKind>,
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
    #[serde(default)]
    stacking: Stacking,
    docs: Docs,
    #[serde(default, rename = "example")]
    examples: Vec<Spanned<Example>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClassesToml {
    classes: BTreeMap<String, Vec<Spanned<String>>>,
}

struct PackEnv<'a> {
    words: &'a mut FxHashMap<Box<str>, u32>,
    classes: &'a FxHashMap<String, Rc<Ast>>,
    /// The classes compiled so far in this pack, by name (a class of a thousand words used by
    /// six patterns is compiled once).
    compiled: &'a mut FxHashMap<String, pattern::Test>,
}

impl Env for PackEnv<'_> {
    fn intern(&mut self, word: &str) -> u32 {
        // Most words are interned already (class words, at every use of the class): look
        // up before making a key.
        if let Some(&id) = self.words.get(word) {
            return id;
        }
        let n = self.words.len() as u32;
        self.words.insert(word.into(), n);
        n
    }
    fn class(&self, name: &str) -> Option<Rc<Ast>> {
        self.classes.get(name).cloned()
    }
    fn compiled(&self, name: &str) -> Option<pattern::Test> {
        self.compiled.get(name).cloned()
    }
    fn remember(&mut self, name: &str, test: &pattern::Test) {
        self.compiled.insert(name.to_string(), test.clone());
    }
}

/// Where byte `decoded` of a TOML string value lies in the file `text`. The value's span
/// covers its quotes, and escapes (`\"`, `\u00e9`) make the source longer than the value: walk
/// both. Falls back to the start of the value when the source is not a plain one-line string.
/// The span of the class a compile error says is unknown (`unknown class `@says``), so that
/// the error points at the token rather than the whole pattern.
fn class_span(text: &str, s: &Spanned<String>, message: &str) -> Option<std::ops::Range<usize>> {
    let rest = message.strip_prefix("unknown class `@")?;
    let name = &rest[..rest.find('`')?];
    let token = format!("@{name}");
    let pattern = s.get_ref();
    let at = pattern.match_indices(&token).map(|(i, _)| i).find(|&i| {
        pattern[i + token.len()..]
            .chars()
            .next()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '-' || c == '_'))
    })?;
    let start = pattern_offset(text, s, at);
    Some(start..start + token.len())
}

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
            source_reach: p.sources.reach,
            document_back: p.sources.document_back,
            document_paragraph: p.sources.document_paragraph,
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
        let mut classes: FxHashMap<String, Rc<Ast>> = FxHashMap::default();
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
                        classes.insert(name, Rc::new(Ast::Alt(alts)));
                    }
                }
                Err(e) => errors.push(LoadError::from_toml(f, &e)),
            }
        }
        // The pack as a whole is bounded: its rules, and the work of all its patterns.
        let mut budget = PackBudget::default();
        let mut compiled = FxHashMap::default();
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
            if let Err(e) = self.add_rule_file(pack, f, &classes, &mut compiled, &mut budget) {
                errors.extend(e);
                if budget.over {
                    break;
                }
            }
        }
        self.reindex();
        errors
    }

    /// Builds `starts_by_sym`, `starts_by_mask`, `gates` and `literals` from the others.
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
        self.index_needs();
        // The words of a class that starts a pattern lead on to the same instructions: work
        // out what can follow them once for each program and place.
        let mut seconds: FxHashMap<(u32, Vec<usize>), Option<pattern::TokenFilter>> =
            FxHashMap::default();
        let first: Vec<Vec<SymStart>> = (0..self.words.len() as u32)
            .map(|id| {
                self.by_first_word
                    .get(&id)
                    .into_iter()
                    .flatten()
                    .map(|&pid| {
                        let program = &self.programs[pid as usize];
                        let after = program.after_first_token(Some(id));
                        let second = seconds
                            .entry((pid, after))
                            .or_insert_with_key(|(_, after)| program.second_after(after.clone()))
                            .clone();
                        SymStart {
                            program: pid,
                            lead: self.gates[pid as usize].lead,
                            classes: builtins[pid as usize],
                            second,
                        }
                    })
                    .collect()
            })
            .collect();
        let by_sym = [false, true].map(|mid| {
            first
                .iter()
                .map(|starts| {
                    let programs: Box<[SymStart]> = starts
                        .iter()
                        .filter(|p| self.tried(p.program, mid))
                        .cloned()
                        .collect();
                    Starts {
                        second: pattern::TokenFilter::union(
                            programs.iter().map(|p| p.second.as_ref()),
                        ),
                        programs,
                    }
                })
                // Last, the empty list of the tokens that are no literal.
                .chain([Starts {
                    programs: Box::default(),
                    second: None,
                }])
                .collect()
        });
        // A token's lists depend only on those of its classes that start a program: 8 of the
        // 11 in the default pack, so 256 lists stand for 2,048 masks (building them all took
        // a quarter of the time it takes to load the pack).
        // (The classes that keep an `everywhere` program away tell lists apart as well.)
        let starting = (0..pattern::Builtin::COUNT)
            .filter(|&b| !self.by_builtin[b].is_empty())
            .fold(0u16, |m, b| m | 1 << b)
            | self.everywhere.iter().fold(0, |m, &(_, unless)| m | unless);
        let mut slots: FxHashMap<u16, u16> = FxHashMap::default();
        let mut keys = Vec::new();
        self.mask_slot = (0..1u32 << pattern::Builtin::COUNT)
            .map(|mask| {
                let key = mask as u16 & starting;
                *slots.entry(key).or_insert_with(|| {
                    keys.push(key);
                    keys.len() as u16 - 1
                })
            })
            .collect();
        self.starts_by_mask =
            [false, true].map(|mid| keys.iter().map(|&k| self.mask_starts(mid, k)).collect());
        self.starts_by_sym = by_sym;
    }

    /// Whether program `pid` is tried at a token: past a sentence's first token (`mid`), the
    /// programs anchored at its start (`^`) are left out.
    fn tried(&self, pid: u32, mid: bool) -> bool {
        !(mid && self.gates[pid as usize].at_start_only)
    }

    /// The programs a token of the classes `mask` can start (with the `everywhere` ones), and
    /// the filter on the token after it; `mid`: past the sentence's first token, without the
    /// programs anchored at its start.
    fn mask_starts(&self, mid: bool, mask: u16) -> Starts<Tried> {
        let mut v: Vec<u32> = self
            .by_builtin
            .iter()
            .enumerate()
            .filter(|&(b, _)| mask & (1 << b) != 0)
            .flat_map(|(_, list)| list.iter().copied())
            .chain(
                self.everywhere
                    .iter()
                    .filter(|&&(_, unless)| mask & unless == 0)
                    .map(|&(pid, _)| pid),
            )
            .filter(|&pid| self.tried(pid, mid))
            .collect();
        v.sort_unstable();
        v.dedup();
        Starts {
            second: pattern::TokenFilter::second_of(
                v.iter().map(|&pid| &self.programs[pid as usize]),
            ),
            programs: v
                .into_iter()
                .map(|program| Tried {
                    program,
                    lead: self.gates[program as usize].lead,
                })
                .collect(),
        }
    }

    /// Builds `gates` and the need bits (`need_rows`, `need_class_bits`) from the programs.
    fn index_needs(&mut self) {
        let mut ids: FxHashMap<&pattern::FirstSet, u32> = FxHashMap::default();
        let mut needs: Vec<&pattern::FirstSet> = Vec::new();
        for p in &self.programs {
            for n in p.needs().iter().chain(p.need_after_first()) {
                ids.entry(n).or_insert_with(|| {
                    needs.push(n);
                    0
                });
            }
        }
        // Those a class can meet first, so that their bits are in the first word.
        needs.sort_by_key(|n| n.builtins == 0);
        let indexed = |k: usize, n: &pattern::FirstSet| {
            k < NeedRow::ALWAYS as usize && (n.builtins == 0 || k < 64)
        };
        for (k, n) in needs.iter().enumerate() {
            ids.insert(n, if indexed(k, n) { k as u32 } else { u32::MAX });
        }
        self.gates = self
            .programs
            .iter()
            .zip(&self.owners)
            .map(|(p, owner)| Gate {
                at_start_only: p.starts_only_at_edges(),
                must_end: p.must_end(),
                longest: p.longest_match(),
                needs: p
                    .needs()
                    .iter()
                    .map(|n| ids[n])
                    .filter(|&k| k != u32::MAX)
                    .collect(),
                after_first: p
                    .need_after_first()
                    .map(|n| ids[n])
                    .filter(|&k| k != u32::MAX),
                // A need of literals only, the fewest, before one a class can meet.
                lead: p
                    .needs()
                    .iter()
                    .filter(|n| ids[*n] != u32::MAX)
                    .min_by_key(|n| (n.builtins != 0, n.literals.len()))
                    .map_or(NeedRow::ALWAYS, |n| ids[n]),
                exception: owner.exception,
            })
            .collect();
        let mut rows = vec![NeedRow::default(); self.words.len() + 1];
        let union = needs.iter().fold(0, |u, n| u | n.builtins);
        let mut class_bits = vec![[0u64; 2]; usize::from(union) + 1];
        for (k, n) in needs.iter().enumerate() {
            if !indexed(k, n) {
                continue;
            }
            let bit = 1u64 << (k % 64);
            for &l in &n.literals {
                if let Some(row) = rows.get_mut(l as usize) {
                    row.0[k / 64] |= bit;
                }
            }
            if n.builtins != 0 {
                // Every mask within the union that has one of the need's classes.
                for (m, bits) in class_bits.iter_mut().enumerate() {
                    if m & usize::from(n.builtins) != 0 {
                        bits[0] |= bit;
                    }
                }
            }
        }
        self.need_rows = rows;
        self.need_class_union = union;
        self.need_class_bits = class_bits;
    }

    fn add_rule_file(
        &mut self,
        pack: &str,
        f: &PackFile,
        classes: &FxHashMap<String, Rc<Ast>>,
        compiled: &mut FxHashMap<String, pattern::Test>,
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
        if raw.source_kind.is_some() && raw.kind != CueKind::Source {
            errors.push(LoadError::span(
                f,
                id_span.clone(),
                format!("rule `{id}`: `source-kind` is for rules of kind `source`"),
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
                    compiled,
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
                    Err(ce) => {
                        let span = class_span(&f.text, p, &ce.message).unwrap_or(p.span());
                        errors.push(LoadError::span(f, span, ce.message));
                    }
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        for (prog, exception) in programs {
            let pid = self.programs.len() as u32;
            let first = prog.first_set();
            if first.any() {
                // A program that may also start with a listed word or class is tried at
                // every token.
                let unless = if first.literals.is_empty() && first.builtins == 0 {
                    first.any_unless.unwrap_or(0)
                } else {
                    0
                };
                self.everywhere.push((pid, unless));
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
            source_kind: (raw.kind == CueKind::Source).then(|| raw.source_kind.unwrap_or_default()),
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
            stacking: raw.stacking,
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
            source_kind: None,
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
            stacking: Stacking::Never,
        };
        self.by_id
            .insert(rule.id.clone(), RuleId::from_index(self.rules.len()));
        self.rules.push(rule);
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
