//! The vocabulary of rules: a finding's severity, a rule's level (a severity or `off`) and
//! the kinds of cue.

use serde::{Deserialize, Serialize};

/// How serious a finding is. Ordered so that `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A severity setting in a rule or config: a severity, or `off` (the rule still finds cues,
/// which feed the score, but reports nothing).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    Off,
    Info,
    Warning,
    Error,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Off => "off",
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }

    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

/// Who stands behind a sentence, as a source rule finds it (`source-kind` in a rule file).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    /// A name: "Harlan said", "according to the World Bank", "said Mayor Varga".
    #[default]
    Named,
    /// A pronoun subject of a reporting verb: "he said", "they told reporters", "it said in a
    /// statement"; resolved, for display, to a named source of the sentences before it.
    Pronoun,
    /// A citation marker, a footnote reference, a link or a URL.
    Citation,
    /// A named document, or the one the text has named: "a Reuters poll shows", "according to
    /// the same poll", "FEC filings show".
    Document,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Named => "named",
            SourceKind::Pronoun => "pronoun",
            SourceKind::Citation => "citation",
            SourceKind::Document => "document",
        }
    }
}

/// What a cue says about its sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CueKind {
    /// may, might, possibly, suggests, around + number
    Hedge,
    /// clearly, undoubtedly, it is well known
    Booster,
    /// some analysts suggest, it is believed that, reports indicate
    Weasel,
    /// reportedly, allegedly, is said to: a hedge that hides who doubts
    UnattributedHedge,
    /// according to X, X said, a citation, a link, a footnote
    Source,
    /// a statistic, superlative or sweeping generalisation that needs a source
    Claim,
    /// what a sentence does without a hedge or booster: reports a finding ("we found", "did
    /// not differ"), states a limitation ("further work is needed"); it moves only the score
    Stance,
    /// about hedgelint's own markup, not the prose (a suppression naming an unknown rule)
    Meta,
}

impl CueKind {
    pub const ALL: [CueKind; 8] = [
        CueKind::Hedge,
        CueKind::Booster,
        CueKind::Weasel,
        CueKind::UnattributedHedge,
        CueKind::Source,
        CueKind::Claim,
        CueKind::Stance,
        CueKind::Meta,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CueKind::Hedge => "hedge",
            CueKind::Booster => "booster",
            CueKind::Weasel => "weasel",
            CueKind::UnattributedHedge => "unattributed-hedge",
            CueKind::Source => "source",
            CueKind::Claim => "claim",
            CueKind::Stance => "stance",
            CueKind::Meta => "meta",
        }
    }

    pub fn parse(s: &str) -> Option<CueKind> {
        CueKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// How a rule's cues count toward the `stack` rules of their kind (`stacking` in a rule's
/// TOML).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stacking {
    /// Every cue counts.
    #[default]
    Counts,
    /// Cues count, but only beside a cue of a rule that `counts`: the same modal repeated
    /// across options ("it could be X, could be Y, or could be Z") lists possibilities; it does
    /// not pile doubt on one claim.
    WithOthers,
    /// Cues never count (an approximator such as "about 40" rounds a figure; it does not doubt
    /// a claim).
    Never,
}
