//! The `check` driver: discovery, parallel checking in path order, reporting, exit code.

use crate::check::{self, Checked};
use crate::engine::Workspace;
use crate::files::{self, FileError, Input, SourceFile};
use crate::finding::Severity;
use crate::report::{FileReport, Reporter, Summary};
use crate::rules::RuleSet;
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
    /// Findings at or above this severity fail the run.
    pub fail_on: Severity,
}

/// How many files are checked in parallel before their results are printed and dropped.
const BATCH: usize = 256;

thread_local! {
    static WORKSPACE: RefCell<Workspace> = RefCell::new(Workspace::default());
}

fn check_input(rules: &RuleSet, input: &Input) -> Result<(SourceFile, Checked), FileError> {
    let file = files::read(input)?;
    let checked =
        WORKSPACE.with(|ws| check::check(rules, &file.text, file.format, &mut ws.borrow_mut()));
    Ok((file, checked))
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
    let (inputs, walk_errors) = files::discover(&paths, &opts.stdin_filename);
    let mut summary = Summary::default();
    let mut failed = false;
    for e in &walk_errors {
        reporter.file_error(e)?;
        summary.file_errors += 1;
    }
    for batch in inputs.chunks(BATCH) {
        let results: Vec<Result<(SourceFile, Checked), FileError>> =
            batch.par_iter().map(|i| check_input(rules, i)).collect();
        for r in results {
            match r {
                Ok((file, checked)) => {
                    summary.files += 1;
                    for f in &checked.findings {
                        summary.add(f.severity);
                        failed |= f.severity >= opts.fail_on;
                    }
                    reporter.file(
                        rules,
                        &FileReport {
                            file: &file,
                            checked: &checked,
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
    reporter.finish(&summary)?;
    Ok(if summary.file_errors > 0 {
        EXIT_ERROR
    } else if failed {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}
