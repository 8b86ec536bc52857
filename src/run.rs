//! The `check` driver: discovery, parallel checking in path order, the post-pass (config
//! settings, suppressions, quotations), reporting, exit code.

use crate::check::{self, Checked};
use crate::config::Config;
use crate::engine::Workspace;
use crate::files::{self, FileError, Input, SourceFile};
use crate::finding::Severity;
use crate::report::{FileReport, Reporter, Summary};
use crate::rules::RuleSet;
use crate::score::{self, FileScore, Thresholds, Violation};
use crate::suppress;
use rayon::prelude::*;
use std::cell::RefCell;
use std::path::PathBuf;

/// Exit codes (the contract in the README).
pub const EXIT_OK: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_ERROR: i32 = 2;

pub struct CheckOptions {
    pub paths: Vec<PathBuf>,
    pub stdin_filename: String,
    /// The resolved configuration (with the command-line flags layered on it): which rules
    /// report, at what severity, what fails the run, which files are checked.
    pub config: Config,
    /// Document score thresholds; a file beyond one fails the run with an error.
    pub thresholds: Thresholds,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            paths: Vec::new(),
            stdin_filename: "<stdin>".into(),
            config: Config::default(),
            thresholds: Thresholds::default(),
        }
    }
}

/// How many files are checked in parallel before their results are printed and dropped.
const BATCH: usize = 256;

thread_local! {
    static WORKSPACE: RefCell<Workspace> = RefCell::new(Workspace::default());
}

/// A file read, checked and scored.
pub struct Scored {
    pub file: SourceFile,
    pub checked: Checked,
    pub score: FileScore,
}

/// Reads, checks and scores one input (pure apart from reading the file).
pub fn check_input(rules: &RuleSet, input: &Input) -> Result<Scored, FileError> {
    let file = files::read(input)?;
    let checked =
        WORKSPACE.with(|ws| check::check(rules, &file.text, file.format, &mut ws.borrow_mut()));
    let score = score::file_score(rules, &file.text, &checked);
    Ok(Scored {
        file,
        checked,
        score,
    })
}

/// A checked file after the post-pass (config settings, suppressions, quotations), and
/// whether its findings fail the run.
struct Done {
    scored: Scored,
    failed: bool,
}

fn check_configured(rules: &RuleSet, config: &Config, input: &Input) -> Result<Done, FileError> {
    let mut scored = check_input(rules, input)?;
    let settings = config.settings_for(&scored.file.path);
    suppress::apply(rules, &scored.file.text, &mut scored.checked, &settings);
    settings.apply(rules, &mut scored.checked.findings);
    let failed = scored
        .checked
        .findings
        .iter()
        .any(|f| f.severity >= settings.fail_on);
    Ok(Done { scored, failed })
}

/// Runs a check and reports it. Returns the exit code, or an I/O error from the reporter.
pub fn run_check(
    rules: &RuleSet,
    opts: &CheckOptions,
    reporter: &mut dyn Reporter,
) -> std::io::Result<i32> {
    let paths = if opts.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        opts.paths.clone()
    };
    let (inputs, walk_errors) = files::discover_with(&paths, &opts.stdin_filename, &opts.config);
    let mut summary = Summary {
        max_warnings: opts.config.max_warnings,
        ..Summary::default()
    };
    let mut failed = false;
    for e in &walk_errors {
        reporter.file_error(e)?;
        summary.file_errors += 1;
    }
    for batch in inputs.chunks(BATCH) {
        let results: Vec<Result<Done, FileError>> = batch
            .par_iter()
            .map(|i| check_configured(rules, &opts.config, i))
            .collect();
        for r in results {
            match r {
                Ok(Done {
                    scored:
                        Scored {
                            file,
                            checked,
                            score,
                        },
                    failed: file_failed,
                }) => {
                    summary.files += 1;
                    for f in &checked.findings {
                        summary.add(f.severity);
                    }
                    failed |= file_failed;
                    let violations: Vec<Violation> = opts.thresholds.check(&score);
                    for _ in &violations {
                        summary.add(Severity::Error);
                        failed = true;
                    }
                    reporter.file(
                        rules,
                        &FileReport {
                            file: &file,
                            checked: &checked,
                            score: &score,
                            violations: &violations,
                        },
                    )?;
                }
                Err(e) => {
                    summary.file_errors += 1;
                    reporter.file_error(&e)?;
                }
            }
        }
    }
    failed |= opts
        .config
        .max_warnings
        .is_some_and(|max| summary.warnings > max);
    reporter.finish(&summary)?;
    Ok(if summary.file_errors > 0 {
        EXIT_ERROR
    } else if failed {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}
