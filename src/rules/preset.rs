//! Genre presets: data files in `rules/presets/<name>.toml` that choose which rule packs run,
//! leave rules out, re-weight and re-severity them, and say which cues make a sentence
//! "uncertain" for `hedgelint eval`. The config file's `preset = "…"` key and `--preset` both
//! end in [`RuleSet::with_preset`](crate::rules::RuleSet::with_preset).

use crate::rules::PackFile;
use crate::rules::error::LoadError;
use crate::rules::{CueKind, Level};
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// The preset used when none is chosen.
pub const DEFAULT_PRESET: &str = "general";

/// A re-weighting or re-severity of one rule.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleOverride {
    pub severity: Option<Level>,
    pub sourced_severity: Option<Level>,
    pub certainty: Option<f64>,
}

/// What makes a sentence "uncertain" in `hedgelint eval`: a cue of one of `kinds` from a rule
/// not in `exclude-rules`, or a cue of a rule in `include-rules`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct UncertainRule {
    #[serde(default = "default_kinds")]
    pub kinds: Vec<CueKind>,
    #[serde(default)]
    pub exclude_rules: Vec<String>,
    #[serde(default)]
    pub include_rules: Vec<String>,
}

fn default_kinds() -> Vec<CueKind> {
    vec![CueKind::Hedge, CueKind::Weasel, CueKind::UnattributedHedge]
}

impl Default for UncertainRule {
    fn default() -> Self {
        UncertainRule {
            kinds: default_kinds(),
            exclude_rules: Vec::new(),
            include_rules: Vec::new(),
        }
    }
}

/// A preset file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PresetToml {
    /// One line on what the preset is for.
    pub description: String,
    /// Rule packs (folders under `rules/`) to load, in order.
    pub packs: Vec<String>,
    /// Rules of those packs to leave out entirely (no cue, no score, no finding).
    #[serde(default)]
    pub exclude: Vec<Spanned<String>>,
    /// Per-rule overrides, keyed by rule id.
    #[serde(default)]
    pub rules: BTreeMap<String, Spanned<RuleOverride>>,
    #[serde(default)]
    pub uncertain: UncertainRule,
    #[serde(default)]
    pub sources: SourcesToml,
}

/// How far a source reaches past its sentence (`[sources]` in a preset).
#[derive(Clone, Copy, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SourcesToml {
    /// A sentence that names a source covers the claims (cues of kind `claim`) of this many
    /// sentences after it: "Figures released Monday by the port authority show a record year.
    /// Another 40,000 containers arrived in March." The reader knows whose figures these are.
    /// Vague attributions, unattributed hedges and boosters are never covered: a named source
    /// covers the clause it governs, not a vague one beside it.
    #[serde(default)]
    pub reach: usize,
    /// A sentence that names a document (a poll, survey, report or filing; a source rule of
    /// kind `document`) also covers the claims of this many sentences before it: "Ruiz trails
    /// at 13 percent. Okafor has 9 percent, according to the poll."
    #[serde(default)]
    pub document_back: usize,
    /// A sentence that names a document also covers the claims of the rest of its paragraph:
    /// a paragraph about one named poll gives its figures one after another ("A Quinnipiac
    /// poll shows Ruiz ahead in Dover, 43 to 41 percent. In Kent she leads 42 to 39. In Deal
    /// they are tied at 41 percent.").
    #[serde(default)]
    pub document_paragraph: bool,
}

/// What a rule set remembers of the preset it was built from.
#[derive(Clone, Debug, Default)]
pub struct Profile {
    pub name: String,
    pub description: String,
    pub uncertain: UncertainRule,
    /// [`SourcesToml::reach`].
    pub source_reach: usize,
    /// [`SourcesToml::document_back`].
    pub document_back: usize,
    /// [`SourcesToml::document_paragraph`].
    pub document_paragraph: bool,
}

/// The built-in preset names, sorted.
pub fn names(files: &[(&str, &str)]) -> Vec<String> {
    let mut v: Vec<String> = files
        .iter()
        .filter_map(|(p, _)| p.strip_prefix("presets/")?.strip_suffix(".toml"))
        .map(str::to_string)
        .collect();
    v.sort();
    v
}

pub fn parse(f: &PackFile) -> Result<PresetToml, LoadError> {
    toml::from_str(&f.text).map_err(|e| LoadError::from_toml(f, &e))
}
