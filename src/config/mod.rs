//! Configuration: finding `hedgelint.toml` (or `.hedgelint.toml`), reading it strictly (unknown
//! keys and bad values are errors with a span into the TOML), and resolving it against the rule
//! set into the [`Settings`] that apply to each path. Layering: built-in defaults ← config file
//! (its `[[overrides]]` for matching paths) ← command-line [`Flags`]. Keys are documented in
//! `docs/config.md`.

use crate::postpass::{Settings, Thresholds};
mod load;

pub use load::{Source, discover, load};
use load::{inside, read_pack_dir};

use crate::rules::error::LoadError;
use crate::rules::preset::DEFAULT_PRESET;
use crate::rules::{Level, Severity};
use crate::rules::{PackFile, RuleId, RuleSet, Target};
use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use toml::Spanned;

/// File names looked for, in this order, in the current directory and each parent.
pub const FILE_NAMES: &[&str] = &["hedgelint.toml", ".hedgelint.toml"];

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigToml {
    preset: Option<Spanned<String>>,
    select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    fail_on: Option<Severity>,
    min_severity: Option<Severity>,
    lint_quotations: Option<bool>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, RuleToml>,
    include: Option<Vec<Spanned<String>>>,
    exclude: Option<Vec<Spanned<String>>>,
    respect_gitignore: Option<bool>,
    rules_dir: Option<Spanned<String>>,
    max_warnings: Option<usize>,
    #[serde(default)]
    thresholds: Thresholds,
    #[serde(default)]
    overrides: Vec<OverrideToml>,
}

/// An `[[overrides]]` entry: the keys that may change per path. (Not a flattened struct shared
/// with [`ConfigToml`]: serde's `flatten` cannot deny unknown fields nor keep spans.)
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct OverrideToml {
    files: Spanned<Vec<Spanned<String>>>,
    select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    fail_on: Option<Severity>,
    min_severity: Option<Severity>,
    lint_quotations: Option<bool>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, RuleToml>,
}

/// The per-path keys of either the top level or an override.
struct SettingsToml<'a> {
    select: &'a Option<Vec<Spanned<String>>>,
    ignore: &'a Option<Vec<Spanned<String>>>,
    fail_on: Option<Severity>,
    min_severity: Option<Severity>,
    lint_quotations: Option<bool>,
    rules: &'a BTreeMap<Spanned<String>, RuleToml>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RuleToml {
    severity: Level,
}

/// Layers what one place of the file sets over `settings`.
fn update(settings: &mut Settings, s: &ResolvedSettings) {
    if let Some(sel) = &s.select {
        settings.select = Some(sel.clone());
    }
    if let Some(ign) = &s.ignore {
        settings.ignore = ign.clone();
    }
    if let Some(f) = s.fail_on {
        settings.fail_on = f;
    }
    if let Some(m) = s.min_severity {
        settings.min_severity = m;
    }
    if let Some(q) = s.lint_quotations {
        settings.lint_quotations = q;
    }
    settings.severity.extend(s.severity.iter().copied());
}

/// Settings as written in one place of the file: only what it sets.
#[derive(Clone, Debug, Default)]
struct ResolvedSettings {
    select: Option<Vec<Target>>,
    ignore: Option<Vec<Target>>,
    fail_on: Option<Severity>,
    min_severity: Option<Severity>,
    lint_quotations: Option<bool>,
    severity: Vec<(RuleId, Level)>,
}

/// The `[[overrides]]`, in file order, with every glob of every entry compiled into one set:
/// a path is matched once against all of them (not once per entry), then the entries it
/// matches apply in file order, each over the one before.
#[derive(Clone, Debug, Default)]
struct Overrides {
    globs: GlobSet,
    /// The entry each glob of `globs` belongs to (by the glob's index in the set).
    entry: Vec<usize>,
    settings: Vec<ResolvedSettings>,
}

impl Overrides {
    /// The settings of the entries whose globs match `rel`, in file order.
    fn matching(&self, rel: &Path) -> impl Iterator<Item = &ResolvedSettings> {
        let mut entries: Vec<usize> = self
            .globs
            .matches(rel)
            .into_iter()
            .map(|g| self.entry[g])
            .collect();
        entries.sort_unstable();
        entries.dedup();
        entries.into_iter().map(|e| &self.settings[e])
    }
}

/// Command-line flags, the last layer.
#[derive(Clone, Debug, Default)]
pub struct Flags {
    pub fail_on: Option<Severity>,
    /// `--min-severity`: findings below it are not reported.
    pub min_severity: Option<Severity>,
    pub max_warnings: Option<usize>,
    pub lint_quotations: bool,
    pub no_ignore: bool,
    /// `--force-named`: files named on the command line are checked whatever `include` and
    /// `exclude` say.
    pub force_named: bool,
    /// `--select`: replaces `select` everywhere.
    pub select: Option<Vec<String>>,
    /// `--ignore`: added to `ignore` everywhere.
    pub ignore: Vec<String>,
}

/// A resolved configuration.
#[derive(Clone, Debug)]
pub struct Config {
    /// The config file used, if any.
    pub path: Option<PathBuf>,
    /// The directory that `include`, `exclude` and `overrides` globs are relative to: the
    /// config file's directory, or the current directory without one.
    pub root: PathBuf,
    /// The directory relative paths are relative to, as [`load`] was told (never read from
    /// the process here); empty in [`Config::default`], where paths are taken as they are.
    pub cwd: PathBuf,
    /// The preset the rules were built with (`--preset`, else the file's, else the default).
    pub preset: String,
    /// Document score thresholds from the file's `[thresholds]` (flags fill in over them).
    pub thresholds: Thresholds,
    pub include: Option<GlobSet>,
    pub exclude: Option<GlobSet>,
    /// `include` and `exclude` as written (for `hedgelint config`).
    pub include_globs: Option<Vec<String>>,
    pub exclude_globs: Option<Vec<String>>,
    /// How many `[[overrides]]` entries the file has.
    pub override_count: usize,
    pub respect_gitignore: bool,
    /// Files named on the command line are checked even where `include`/`exclude` leave them
    /// out (`--force-named`).
    pub force_named: bool,
    pub max_warnings: Option<usize>,
    base: Settings,
    overrides: Overrides,
    cli: ResolvedSettings,
    cli_ignore: Vec<Target>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            path: None,
            root: PathBuf::new(),
            cwd: PathBuf::new(),
            preset: DEFAULT_PRESET.to_string(),
            thresholds: Thresholds::default(),
            include: None,
            exclude: None,
            include_globs: None,
            exclude_globs: None,
            override_count: 0,
            respect_gitignore: true,
            force_named: false,
            max_warnings: None,
            base: Settings::default(),
            overrides: Overrides::default(),
            cli: ResolvedSettings::default(),
            cli_ignore: Vec::new(),
        }
    }
}

impl Config {
    /// The settings for a file (a path as given or found, relative to the current directory).
    pub fn settings_for(&self, path: &str) -> Settings {
        let mut s = self.base.clone();
        if !self.overrides.settings.is_empty() {
            let rel = self.relative(Path::new(path));
            for o in self.overrides.matching(&rel) {
                update(&mut s, o);
            }
        }
        update(&mut s, &self.cli);
        s.ignore.extend(self.cli_ignore.iter().copied());
        s
    }

    /// A path relative to [`Config::root`] when it lies under it; otherwise as given (without
    /// a leading `./`).
    pub fn relative(&self, path: &Path) -> PathBuf {
        let abs = if path.is_absolute() {
            normalize(path)
        } else {
            normalize(&self.cwd.join(path))
        };
        match abs.strip_prefix(&self.root) {
            Ok(r) => r.to_path_buf(),
            Err(_) => normalize(path),
        }
    }

    /// Whether `exclude` matches a path.
    pub fn excluded(&self, path: &Path) -> bool {
        self.exclude
            .as_ref()
            .is_some_and(|g| g.is_match(self.relative(path)))
    }

    /// Whether a file named on the command line is checked: `include` (when set) matches it
    /// and `exclude` does not, as for a file found in a directory (so pre-commit's file lists
    /// and a walk in CI agree), unless `--force-named`.
    pub fn named_checked(&self, path: &Path) -> bool {
        self.force_named || (self.included(path) && !self.excluded(path))
    }

    /// Whether `include` (when set) matches a path found in a directory.
    pub fn included(&self, path: &Path) -> bool {
        self.include
            .as_ref()
            .is_none_or(|g| g.is_match(self.relative(path)))
    }
}

/// Lexically removes `.` and resolves `..` (no file system access: paths may not exist).
pub fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// Adds the pack in folder `path` (its `files`), named after the folder.
fn add_dir_pack(
    rules: &mut RuleSet,
    path: &Path,
    files: &[PackFile],
) -> Result<(), Vec<LoadError>> {
    let pack = normalize(path)
        .file_name()
        .map_or_else(|| "user".to_string(), |n| n.to_string_lossy().into_owned());
    let errors = rules.add_pack(&pack, files);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// A parsed config file, before it is checked against the rules.
#[derive(Debug)]
pub struct RawConfig {
    file: Option<PackFile>,
    path: Option<PathBuf>,
    root: PathBuf,
    cwd: PathBuf,
    toml: ConfigToml,
}

impl RawConfig {
    /// The preset to build the rules with: `flag` (`--preset`), else the file's, else the
    /// default.
    pub fn preset<'a>(&'a self, flag: Option<&'a str>) -> &'a str {
        flag.or(self.toml.preset.as_ref().map(|p| p.get_ref().as_str()))
            .unwrap_or(DEFAULT_PRESET)
    }

    /// The built-in rules as the preset chooses them, plus the pack in the file's `rules-dir`
    /// (which must lie inside the project), plus the packs in `flag_dirs` (`--rules-dir`,
    /// relative to the current directory, anywhere). An unknown preset in the file is an
    /// error pointing at it.
    pub fn rule_set(
        &self,
        preset_flag: Option<&str>,
        flag_dirs: &[PathBuf],
    ) -> Result<RuleSet, Vec<LoadError>> {
        if preset_flag.is_none()
            && let (Some(p), Some(file)) = (&self.toml.preset, &self.file)
        {
            let names = RuleSet::preset_names();
            if !names.iter().any(|n| n == p.get_ref()) {
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                return Err(vec![LoadError::span(
                    file,
                    p.span(),
                    format!(
                        "unknown preset `{}`, expected one of {}",
                        p.get_ref(),
                        quoted_list(&names)
                    ),
                )]);
            }
        }
        let mut rules = RuleSet::with_preset(self.preset(preset_flag))?;
        if let (Some(dir), Some(file)) = (&self.toml.rules_dir, &self.file) {
            let path = self.root.join(dir.get_ref());
            // A repository's config names a folder of its own: not `/`, not `../..`, not a
            // link out of it (whose `*.toml` files would be parsed and shown in errors).
            if !inside(&path, &self.root) {
                return Err(vec![LoadError::span(
                    file,
                    dir.span(),
                    format!(
                        "rules-dir `{}` is outside the project (the folder of {}); a config's \
                         rules-dir must lie inside it (a folder elsewhere can be passed as \
                         --rules-dir)",
                        dir.get_ref(),
                        file.name
                    ),
                )]);
            }
            let files = read_pack_dir(&path).map_err(|reason| {
                vec![LoadError::span(
                    file,
                    dir.span(),
                    format!("cannot read rules-dir `{}`: {reason}", dir.get_ref()),
                )]
            })?;
            add_dir_pack(&mut rules, &path, &files)?;
        }
        // The user's own choice on the command line: wherever it is.
        for dir in flag_dirs {
            let path = self.cwd.join(dir);
            let files = read_pack_dir(&path).map_err(|reason| {
                let shown = crate::source::display_path(dir);
                let f = PackFile {
                    name: "command line".into(),
                    text: Arc::from(format!("--rules-dir {shown}").as_str()),
                };
                vec![LoadError::span(
                    &f,
                    12..f.text.len(),
                    format!("cannot read --rules-dir `{shown}`: {reason}"),
                )]
            })?;
            add_dir_pack(&mut rules, &path, &files)?;
        }
        Ok(rules)
    }

    /// Checks every rule id, kind and glob against `rules` (built by [`RawConfig::rule_set`]),
    /// and layers `flags` on top.
    pub fn resolve(self, rules: &RuleSet, flags: &Flags) -> Result<Config, Vec<LoadError>> {
        let mut errors = Vec::new();
        let empty = PackFile {
            name: "hedgelint.toml".into(),
            text: Arc::from(""),
        };
        let file = self.file.as_ref().unwrap_or(&empty);
        let t = &self.toml;
        let top = SettingsToml {
            select: &t.select,
            ignore: &t.ignore,
            fail_on: t.fail_on,
            min_severity: t.min_severity,
            lint_quotations: t.lint_quotations,
            rules: &t.rules,
        };
        let base = resolve_settings(file, rules, &top, &mut errors);
        let mut overrides = Overrides::default();
        let mut all_globs = GlobSetBuilder::new();
        for o in &t.overrides {
            if o.files.get_ref().is_empty() {
                errors.push(LoadError::span(
                    file,
                    o.files.span(),
                    "`files` needs at least one glob".into(),
                ));
            }
            for glob in globs(file, o.files.get_ref(), &mut errors).unwrap_or_default() {
                all_globs.add(glob);
                overrides.entry.push(overrides.settings.len());
            }
            let over = SettingsToml {
                select: &o.select,
                ignore: &o.ignore,
                fail_on: o.fail_on,
                min_severity: o.min_severity,
                lint_quotations: o.lint_quotations,
                rules: &o.rules,
            };
            let settings = resolve_settings(file, rules, &over, &mut errors);
            overrides.settings.push(settings);
        }
        overrides.globs = all_globs.build().unwrap_or_else(|_| GlobSet::empty());
        let set = |list: &Option<Vec<Spanned<String>>>, errors: &mut Vec<LoadError>| {
            let globs = globs(file, list.as_ref()?, errors)?;
            let mut b = GlobSetBuilder::new();
            for g in globs {
                b.add(g);
            }
            b.build().ok()
        };
        let include = set(&t.include, &mut errors);
        let exclude = set(&t.exclude, &mut errors);

        // The command line: its errors point into the flags as written.
        let mut cli = ResolvedSettings {
            fail_on: flags.fail_on,
            min_severity: flags.min_severity,
            lint_quotations: flags.lint_quotations.then_some(true),
            ..Default::default()
        };
        if let Some(sel) = &flags.select {
            cli.select = Some(flag_targets(rules, "--select", sel, &mut errors));
        }
        let cli_ignore = flag_targets(rules, "--ignore", &flags.ignore, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut settings = Settings::default();
        let max_warnings = flags.max_warnings.or(t.max_warnings);
        // A warning limit is a budget of warnings (ESLint's `--max-warnings`): unless
        // `fail-on` is set, warnings up to it pass and only errors fail on their own.
        if max_warnings.is_some() && t.fail_on.is_none() && flags.fail_on.is_none() {
            settings.fail_on = Severity::Error;
        }
        update(&mut settings, &base);
        Ok(Config {
            path: self.path,
            root: self.root,
            cwd: self.cwd,
            preset: rules.profile.name.clone(),
            thresholds: t.thresholds.clone(),
            include,
            exclude,
            include_globs: strings(&t.include),
            exclude_globs: strings(&t.exclude),
            override_count: overrides.settings.len(),
            respect_gitignore: t.respect_gitignore.unwrap_or(true) && !flags.no_ignore,
            force_named: flags.force_named,
            max_warnings,
            base: settings,
            overrides,
            cli,
            cli_ignore,
        })
    }
}

fn strings(list: &Option<Vec<Spanned<String>>>) -> Option<Vec<String>> {
    list.as_ref()
        .map(|v| v.iter().map(|s| s.get_ref().clone()).collect())
}

fn quoted_list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn targets(
    file: &PackFile,
    rules: &RuleSet,
    names: &[Spanned<String>],
    errors: &mut Vec<LoadError>,
) -> Vec<Target> {
    names
        .iter()
        .filter_map(|n| {
            let t = rules.target(n.get_ref());
            if t.is_none() {
                errors.push(LoadError::span(
                    file,
                    n.span(),
                    format!(
                        "unknown rule or kind `{}`{} (see `hedgelint rules`)",
                        n.get_ref(),
                        rules.unknown_hint(n.get_ref())
                    ),
                ));
            }
            t
        })
        .collect()
}

fn flag_targets(
    rules: &RuleSet,
    flag: &str,
    names: &[String],
    errors: &mut Vec<LoadError>,
) -> Vec<Target> {
    let text = format!("{flag} {}", names.join(","));
    let file = PackFile {
        name: "command line".into(),
        text: Arc::from(text.as_str()),
    };
    let mut at = flag.len() + 1;
    let mut out = Vec::new();
    for n in names {
        match rules.target(n) {
            Some(t) => out.push(t),
            None => errors.push(LoadError::span(
                &file,
                at..at + n.len(),
                format!(
                    "unknown rule or kind `{n}` in {flag}{} (see `hedgelint rules`)",
                    rules.unknown_hint(n)
                ),
            )),
        }
        at += n.len() + 1;
    }
    out
}

fn resolve_settings(
    file: &PackFile,
    rules: &RuleSet,
    s: &SettingsToml,
    errors: &mut Vec<LoadError>,
) -> ResolvedSettings {
    let mut severity = Vec::new();
    for (id, r) in s.rules {
        match rules.get(id.get_ref()) {
            Some(i) => severity.push((i, r.severity)),
            None => errors.push(LoadError::span(
                file,
                id.span(),
                format!(
                    "unknown rule `{}`{} (see `hedgelint rules`)",
                    id.get_ref(),
                    rules.unknown_hint(id.get_ref())
                ),
            )),
        }
    }
    ResolvedSettings {
        select: s.select.as_ref().map(|v| targets(file, rules, v, errors)),
        ignore: s.ignore.as_ref().map(|v| targets(file, rules, v, errors)),
        fail_on: s.fail_on,
        min_severity: s.min_severity,
        lint_quotations: s.lint_quotations,
        severity,
    }
}

/// Compiles globs (`None` if one is bad: its error is in `errors`). `*` stays within a
/// directory and `**` crosses them; a glob without a `/` matches a file name at any depth
/// (`*.txt` is `**/*.txt`).
fn globs(
    file: &PackFile,
    list: &[Spanned<String>],
    errors: &mut Vec<LoadError>,
) -> Option<Vec<Glob>> {
    let mut b = Vec::new();
    let mut ok = true;
    for g in list {
        let pat = g.get_ref().trim_start_matches("./");
        let pat = if pat.contains('/') {
            pat.trim_start_matches('/').to_string()
        } else {
            format!("**/{pat}")
        };
        match GlobBuilder::new(&pat).literal_separator(true).build() {
            Ok(glob) => {
                b.push(glob);
                // `drafts/**` should also match the folder itself, so a walk can skip it.
                if let Some(dir) = pat.strip_suffix("/**")
                    && let Ok(glob) = GlobBuilder::new(dir).literal_separator(true).build()
                {
                    b.push(glob);
                }
            }
            Err(e) => {
                ok = false;
                errors.push(LoadError::span(
                    file,
                    g.span(),
                    format!("bad glob `{}`: {}", g.get_ref(), e.kind()),
                ));
            }
        }
    }
    ok.then_some(b)
}

/// The starter config that `hedgelint init` writes: every key, commented, with its default.
pub const STARTER: &str = r#"# hedgelint configuration. Every key is optional; see docs/config.md.
# The file applies to this directory and everything below it.

# A preset tunes the rules for a kind of writing: "general", "academic" or "journalism"
# (`--preset` wins over this).
# preset = "general"

# Rules that report, by id or kind (`hedgelint rules` lists both); default: all.
# select = ["weasel", "unattributed-hedge", "claim"]

# Rules that never report, by id or kind.
# ignore = ["hedge-modal"]

# Findings at or above this severity make `hedgelint check` exit with 1: error|warning|info.
fail-on = "warning"

# Fail when there are more than this many warnings (unset: no limit).
# max-warnings = 0

# Report findings inside quoted speech and blockquotes (by default they are the speaker's claim).
lint-quotations = false

# Files checked when a directory is walked (default: *.md, *.markdown, *.txt). Globs are
# relative to this file; `*` stays in a folder, `**` crosses folders.
# include = ["docs/**/*.md"]
# exclude = ["drafts/**", "CHANGELOG.md"]

# Skip what .gitignore ignores (--no-ignore checks everything).
respect-gitignore = true

# A folder of your own rule files (same format as the built-in ones), relative to this file.
# rules-dir = "style/rules"

# Document score thresholds: a file beyond one is an error (see docs/scoring.md).
# [thresholds]
# max-unsourced-per-1000-words = 5.0
# min-sourced-share = 0.5
# min-certainty = 0.3
# max-certainty = 0.9

# Per-rule severity: error, warning, info or off.
# [rules.hedge-modal]
# severity = "off"

# Settings for some paths only: select, ignore, fail-on, lint-quotations and [rules.*].
# [[overrides]]
# files = ["release-notes/**"]
# fail-on = "info"
# [overrides.rules.vague-attribution]
# severity = "error"
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Vec<LoadError>> {
        let file = PackFile {
            name: "hedgelint.toml".into(),
            text: Arc::from(text),
        };
        let toml: ConfigToml =
            toml::from_str(&file.text).map_err(|e| vec![LoadError::from_toml(&file, &e)])?;
        let raw = RawConfig {
            file: Some(file),
            path: None,
            root: PathBuf::from("/r"),
            cwd: PathBuf::from("/r"),
            toml,
        };
        let rules = raw.rule_set(None, &[])?;
        raw.resolve(&rules, &Flags::default())
    }

    #[test]
    fn starter_config_is_valid() {
        let c = parse(STARTER).unwrap_or_else(|e| panic!("{:?}", e[0].message));
        assert_eq!(c.base.fail_on, Severity::Warning);
    }

    #[test]
    fn unknown_keys_point_at_the_key() {
        let text = "fail-on = \"info\"\nfial-on = \"error\"\n";
        let e = parse(text).unwrap_err();
        assert!(e[0].message.contains("fial-on"), "{}", e[0].message);
        assert_eq!(&text[e[0].span.clone()], "fial-on");
    }

    #[test]
    fn unknown_rule_ids_point_at_the_id() {
        let text = "ignore = [\"hedge\", \"vauge-attribution\"]\n";
        let e = parse(text).unwrap_err();
        assert_eq!(&text[e[0].span.clone()], "\"vauge-attribution\"");
        let text = "[rules.nope]\nseverity = \"off\"\n";
        let e = parse(text).unwrap_err();
        assert_eq!(&text[e[0].span.clone()], "nope");
    }

    #[test]
    fn overrides_layer_over_the_base() {
        let c = parse(
            "fail-on = \"error\"\nignore = [\"hedge\"]\n[[overrides]]\nfiles = [\"notes/**\"]\nfail-on = \"info\"\n",
        )
        .unwrap();
        assert_eq!(c.settings_for("/r/a.md").fail_on, Severity::Error);
        let s = c.settings_for("/r/notes/x/a.md");
        assert_eq!(s.fail_on, Severity::Info);
        assert_eq!(s.ignore.len(), 1);
    }

    /// Thousands of entries, matched in one pass, still apply as the file orders them: every
    /// matching entry over the one before, the last one's keys winning.
    #[test]
    fn many_overrides_apply_in_file_order() {
        let mut t = String::from("[[overrides]]\nfiles = [\"*.md\"]\nignore = [\"hedge\"]\n");
        for i in 0..3000 {
            let sev = ["error", "warning", "info"][i % 3];
            t.push_str(&format!(
                "[[overrides]]\nfiles = [\"d{i}/**\", \"*.x{i}\"]\nfail-on = \"{sev}\"\n"
            ));
        }
        t.push_str(
            "[[overrides]]\nfiles = [\"d7/**\", \"d7/**\"]\nfail-on = \"error\"\nignore = []\n\
             [overrides.rules.vague-attribution]\nseverity = \"info\"\n",
        );
        let c = parse(&t).unwrap();
        assert_eq!(c.override_count, 3002);
        let rules = RuleSet::builtin().unwrap();
        let weasel = rules.get("vague-attribution").unwrap();
        let root = c.settings_for("/r/a.md");
        assert_eq!(root.fail_on, Severity::Warning);
        assert_eq!(root.ignore.len(), 1);
        // d5 (entry 6, "info"), over `*.md`.
        let d5 = c.settings_for("/r/d5/sub/a.md");
        assert_eq!((d5.fail_on, d5.ignore.len()), (Severity::Info, 1));
        // `*.x2997` alone: the entry's fail-on ("error"), nothing of `*.md`.
        let x = c.settings_for("/r/deep/b.x2997");
        assert_eq!((x.fail_on, x.ignore.len()), (Severity::Error, 0));
        // d7 is entry 8's ("warning"), then the last entry's: "error", `ignore` emptied, the
        // rule's severity changed.
        let d7 = c.settings_for("/r/d7/a.md");
        assert_eq!((d7.fail_on, d7.ignore.len()), (Severity::Error, 0));
        assert_eq!(d7.severity.get(&weasel), Some(&Level::Info));
        assert_eq!(root.severity.get(&weasel), None);
    }

    #[test]
    fn globs_without_a_slash_match_at_any_depth() {
        let c = parse("exclude = [\"*.txt\", \"drafts/**\"]\n").unwrap();
        assert!(c.excluded(Path::new("/r/a/b.txt")));
        assert!(c.excluded(Path::new("/r/drafts")));
        assert!(c.excluded(Path::new("/r/drafts/x.md")));
        assert!(!c.excluded(Path::new("/r/a/b.md")));
    }
}
