//! The driver of `check` and `score`: discovery, parallel checking, the post-pass (config
//! settings, suppressions, quotations), reporting in path order, exit code. The two commands
//! differ only in their reporter and in what fails the run ([`Totals`]).
//!
//! Worker threads take files in path order and check them (when one directory is checked,
//! while the calling thread is still walking it); the calling thread hands each
//! result to the reporter as soon as every file before it has been reported. At most
//! [`WINDOW`] files, and about [`HELD_BYTES`] of their reports, are checked ahead of the
//! reporter, so memory stays bounded whatever the number of files and findings, and no worker
//! waits for a slow file of a batch.

use crate::config::Config;
use crate::engine::Workspace;
use crate::lint::{Linted, lint_pieces};
mod pool;
mod progress;
mod read;
mod walk;

use pool::in_parallel;
use progress::ProgressLine;

pub use read::{Contents, read_with};
pub use walk::{Input, SKIP_DIRS, discover_each, discover_with};

use crate::report::score::{ScoreFormat, ScoreReporter};
use crate::report::{FileReport, Reporter, Summary};
use crate::rules::RuleSet;
use crate::source::{Encoding, FileError, SourceFile};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// Exit codes (the contract in the README).
pub const EXIT_OK: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_ERROR: i32 = 2;
/// The run was stopped by SIGINT or SIGTERM (128 + SIGINT, as a shell reports it) after
/// finishing the report of the files checked so far.
pub const EXIT_INTERRUPTED: i32 = 130;

pub struct CheckOptions {
    pub paths: Vec<PathBuf>,
    pub stdin_filename: String,
    /// The resolved configuration (with the command-line flags layered on it): which rules
    /// report, at what severity, what fails the run, which files are checked, the document
    /// score thresholds.
    pub config: Config,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            paths: Vec::new(),
            stdin_filename: "<stdin>".into(),
            config: Config::default(),
        }
    }
}

/// How a run uses the machine (it never changes what is found).
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    /// Worker threads; 0 means one per available core.
    pub threads: usize,
    /// Where to draw a progress line (files done / total) if the run takes over a second.
    pub progress: Option<Progress>,
    /// How file bytes become text.
    pub encoding: Encoding,
    /// The largest file (or stdin) read, in bytes; 0 means [`MAX_FILE_SIZE`].
    pub max_file_size: u64,
    /// The file standard output is written to, as (device, inode), if it is a regular file:
    /// it is not checked (`check . > report.txt` read its own half-written report, as ripgrep
    /// avoids).
    pub output_file: Option<(u64, u64)>,
    /// Files larger than this many bytes are checked in pieces of about this size, which bounds
    /// the memory a file takes beyond its text and findings (0: [`crate::lint::PIECE_SIZE`];
    /// see [`crate::lint::lint_pieces`]).
    pub piece_size: usize,
    /// Set (by a signal handler) to stop the run: no more files are reported, and the report
    /// is finished as a whole document of the files reported so far.
    pub interrupt: Option<std::sync::Arc<AtomicBool>>,
}

/// A progress line on stderr.
#[derive(Clone, Copy, Debug)]
pub struct Progress {
    /// How long a run goes before the line appears.
    pub after: Duration,
}

impl Default for Progress {
    fn default() -> Self {
        Progress {
            after: Duration::from_secs(1),
        }
    }
}

/// The most worker threads a run starts, whatever `--threads` asks (`--threads 100000` made
/// the system refuse a thread, and the run panicked).
pub const MAX_THREADS: usize = 256;

/// The largest file read by default (`--max-file-size` raises it): a sparse file of a
/// terabyte made the reader ask for a terabyte of memory, and the run aborted.
pub const MAX_FILE_SIZE: u64 = 256 << 20;

/// How many files may be checked ahead of the one being reported.
const WINDOW: usize = 64;
/// How many bytes of reports (or of text, for a reporter that renders nothing ahead) may wait
/// for their turn before workers stop taking files other than the next one to report. A file
/// dense with findings renders to many times its size (the medium corpus's 1,032 files render
/// to 10 MB in all).
const HELD_BYTES: usize = 32 << 20;
/// When the file to report next is not done, the reporter sleeps until it and the files up to
/// this many after it are: woken for every file, it takes a core from a worker each time
/// (100,000 tiny files made 67,000 context switches, 25,000 with this).
const BATCH: usize = 16;

/// A file read and linted.
pub struct Scored {
    pub file: SourceFile,
    pub linted: Linted,
}

/// What became of one input.
enum Outcome {
    /// Linted; and its report as the reporter's prerenderer rendered it on the worker.
    Checked(Box<Scored>, Option<Vec<u8>>),
    /// Not checked, with a note (a binary file).
    Skipped(FileError),
    Failed(FileError),
    /// A command-line path that could not be walked (reported before any file; an error, not
    /// a file).
    Unwalkable(FileError),
}

impl Outcome {
    /// About how many bytes it holds until it is reported.
    fn weight(&self) -> usize {
        match self {
            Outcome::Checked(_, Some(rendered)) => rendered.len(),
            Outcome::Checked(scored, None) => scored.file.text.len(),
            _ => 0,
        }
    }
}

/// Reads one input and lints it with a worker's workspace.
fn check_configured(
    rules: &RuleSet,
    config: &Config,
    input: &Input,
    run: &RunOptions,
    sentences: bool,
    ws: &mut Workspace,
) -> Outcome {
    #[cfg(unix)]
    if let (Some(id), Input::Path(p)) = (run.output_file, input) {
        use std::os::unix::fs::MetadataExt;
        if std::fs::metadata(p).is_ok_and(|m| (m.dev(), m.ino()) == id) {
            return Outcome::Skipped(FileError {
                path: input.display(),
                reason: "skipped: the output is being written to it".into(),
            });
        }
    }
    let file = match read_with(input, run.encoding, run.max_file_size) {
        Ok(Contents::Text(file)) => file,
        Ok(Contents::Skipped(note)) => return Outcome::Skipped(note),
        Err(e) => return Outcome::Failed(e),
    };
    // A bug in checking one file must not take the run (and the other files' findings) down
    // with it: it becomes an error that names the file.
    let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let piece = run.piece_size;
        lint_pieces(rules, config, &file.path, &file.text, piece, sentences, ws)
    }));
    match done {
        Ok(linted) => Outcome::Checked(Box::new(Scored { file, linted }), None),
        Err(_) => {
            *ws = Workspace::default();
            Outcome::Failed(FileError {
                path: file.path,
                reason: "internal error while checking this file (please report it)".into(),
            })
        }
    }
}

/// Runs a check and reports it with the default [`RunOptions`]. Returns the exit code, or an
/// I/O error from the reporter.
pub fn run_check(
    rules: &RuleSet,
    opts: &CheckOptions,
    reporter: &mut dyn Reporter,
) -> std::io::Result<i32> {
    run_check_with(rules, opts, &RunOptions::default(), reporter)
}

/// Runs a check and reports it. Returns the exit code, or an I/O error from the reporter.
pub fn run_check_with(
    rules: &RuleSet,
    opts: &CheckOptions,
    run: &RunOptions,
    reporter: &mut dyn Reporter,
) -> std::io::Result<i32> {
    run_files(rules, opts, run, reporter).map(|t| t.check_exit())
}

/// What a run found, from which each command makes its exit code.
#[derive(Clone, Debug, Default)]
pub struct Totals {
    /// As handed to [`Reporter::finish`].
    pub summary: Summary,
    /// Some file has findings at or above its `fail-on`, or there are more warnings than
    /// `max-warnings`.
    pub findings_failed: bool,
    /// Score thresholds broken, over all files.
    pub violations: usize,
    /// The run was stopped by [`RunOptions::interrupt`] before every file was reported.
    pub interrupted: bool,
}

impl Totals {
    /// `check`: 2 if a file could not be checked, else 1 if findings or thresholds fail it.
    pub fn check_exit(&self) -> i32 {
        self.exit(self.findings_failed || self.violations > 0)
    }

    /// `score`: 2 if a file could not be scored, else 1 if a threshold is broken (findings,
    /// which `score` does not show, never fail it).
    pub fn score_exit(&self) -> i32 {
        self.exit(self.violations > 0)
    }

    fn exit(&self, failed: bool) -> i32 {
        if self.interrupted {
            EXIT_INTERRUPTED
        } else if self.summary.file_errors > 0 {
            EXIT_ERROR
        } else if failed {
            EXIT_FINDINGS
        } else {
            EXIT_OK
        }
    }
}

/// Finds, reads, checks and scores the inputs of `opts`, and hands each file to `reporter` in
/// path order. Returns what was found, or an I/O error from the reporter.
pub fn run_files(
    rules: &RuleSet,
    opts: &CheckOptions,
    run: &RunOptions,
    reporter: &mut dyn Reporter,
) -> std::io::Result<Totals> {
    let paths = if opts.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        opts.paths.clone()
    };
    let threads = match run.threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    }
    .min(MAX_THREADS);
    let sentences = reporter.wants_sentences();
    // One directory (the common case) is checked as the walk finds its files; otherwise the
    // files are all found first (and one file needs no second thread).
    let stream =
        threads > 1 && matches!(paths.as_slice(), [p] if p.as_os_str() != "-" && p.is_dir());
    let (mut inputs, mut walk_errors) = if stream {
        (Vec::new(), Vec::new())
    } else {
        discover_with(&paths, &opts.stdin_filename, &opts.config)
    };
    let threads = if stream {
        threads
    } else {
        threads.min(inputs.len().max(1))
    };
    let mut summary = Summary {
        max_warnings: opts.config.max_warnings,
        ..Summary::default()
    };
    let mut failed = false;
    let mut violation_count = 0;
    let prerender = reporter.prerenderer();
    let total = std::cell::Cell::new(inputs.len());
    let mut progress = run.progress.map(|p| ProgressLine::new(p, &total));
    let mut report = |outcome: Outcome| -> std::io::Result<()> {
        // Between two files, so the report stays whole: what is written is finished below.
        if run
            .interrupt
            .as_ref()
            .is_some_and(|i| i.load(Ordering::Relaxed))
        {
            return Err(std::io::Error::other(Interrupt));
        }
        match outcome {
            Outcome::Unwalkable(e) => {
                summary.file_errors += 1;
                return reporter.file_error(&e);
            }
            Outcome::Checked(scored, prerendered) => {
                let Scored { file, linted } = *scored;
                summary.files += 1;
                for f in &linted.findings {
                    summary.add(f.severity);
                }
                failed |= linted.failed;
                for v in &linted.violations {
                    summary.add(v.severity);
                    violation_count += 1;
                }
                reporter.file(
                    rules,
                    &FileReport {
                        file: &file,
                        linted: &linted,
                        prerendered: prerendered.as_deref(),
                    },
                )?;
            }
            Outcome::Failed(e) => {
                summary.file_errors += 1;
                reporter.file_error(&e)?;
            }
            Outcome::Skipped(note) => reporter.file_note(&note)?,
        }
        if let Some(p) = &mut progress {
            p.tick();
        }
        Ok(())
    };
    let work = |input: &Input, ws: &mut Workspace| {
        let mut outcome = check_configured(rules, &opts.config, input, run, sentences, ws);
        if let (Some(render), Outcome::Checked(scored, rendered)) = (&prerender, &mut outcome) {
            // As in checking, a bug in rendering one file becomes an error that names it (and
            // the reporter, waiting for this file, is not left waiting).
            let bytes = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                render(
                    rules,
                    &FileReport {
                        file: &scored.file,
                        linted: &scored.linted,
                        prerendered: None,
                    },
                )
            }));
            let Ok(bytes) = bytes else {
                return Outcome::Failed(FileError {
                    path: std::mem::take(&mut scored.file.path),
                    reason: "internal error while reporting this file (please report it)".into(),
                });
            };
            *rendered = Some(bytes);
            // What only rendering reads is freed here, on the thread that allocated it: freed
            // by the reporting thread, it costs that thread (and the allocator's locks) more
            // than checking another file would (2.5 % of the wall time on the medium corpus).
            scored.file.text = String::new();
            scored.linted.sentences = Vec::new();
        }
        outcome
    };
    let mut discover = |found: &mut dyn FnMut(Input)| {
        let errors = if stream {
            let mut n = 0;
            let errors = discover_each(&paths, &opts.stdin_filename, &opts.config, &mut |input| {
                n += 1;
                found(input);
            });
            total.set(n);
            errors
        } else {
            std::mem::take(&mut inputs).into_iter().for_each(found);
            std::mem::take(&mut walk_errors)
        };
        errors
            .into_iter()
            .map(Outcome::Unwalkable)
            .collect::<Vec<_>>()
    };
    let went = if threads <= 1 {
        let mut ws = Workspace::default();
        let mut found = Vec::new();
        discover(&mut |input| found.push(input))
            .into_iter()
            .try_for_each(&mut report)
            .and_then(|()| {
                found
                    .iter()
                    .try_for_each(|input| report(work(input, &mut ws)))
            })
    } else {
        in_parallel(threads, &mut discover, &work, &mut report)
    };
    let interrupted = match went {
        Ok(()) => false,
        Err(e) if e.get_ref().is_some_and(|e| e.is::<Interrupt>()) => true,
        Err(e) => return Err(e),
    };
    if let Some(p) = &mut progress {
        p.clear();
    }
    failed |= opts
        .config
        .max_warnings
        .is_some_and(|max| summary.warnings > max);
    reporter.finish(&summary)?;
    Ok(Totals {
        summary,
        findings_failed: failed,
        violations: violation_count,
        interrupted,
    })
}

/// The error that stops reporting when [`RunOptions::interrupt`] is set.
#[derive(Debug)]
struct Interrupt;

impl std::fmt::Display for Interrupt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("interrupted")
    }
}

impl std::error::Error for Interrupt {}

/// Runs `hedgelint score` on the files of `opts`, with the rules and config of `check`.
/// Returns the exit code, or an I/O error from writing the output.
pub fn run_score(
    rules: &RuleSet,
    opts: &CheckOptions,
    run: &RunOptions,
    format: ScoreFormat,
    out: impl Write,
) -> std::io::Result<i32> {
    let mut reporter = ScoreReporter::new(out, format, &rules.profile.name);
    run_files(rules, opts, run, &mut reporter).map(|t| t.score_exit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    fn skipped(input: &Input) -> Outcome {
        Outcome::Skipped(FileError {
            path: input.display(),
            reason: String::new(),
        })
    }

    fn inputs(n: usize) -> Vec<Input> {
        (0..n)
            .map(|i| Input::Path(PathBuf::from(format!("f{i:04}"))))
            .collect()
    }

    /// A reporter whose rendering on the workers panics, recording the errors it is given.
    struct PanickyReporter(Vec<String>);

    impl Reporter for PanickyReporter {
        fn file(&mut self, _: &RuleSet, report: &FileReport) -> std::io::Result<()> {
            panic!("{} was reported, not failed", report.file.path);
        }
        fn file_error(&mut self, error: &FileError) -> std::io::Result<()> {
            self.0.push(format!("{}: {}", error.path, error.reason));
            Ok(())
        }
        fn finish(&mut self, _: &Summary) -> std::io::Result<()> {
            Ok(())
        }
        fn prerenderer(&self) -> Option<Box<crate::report::Prerender>> {
            Some(Box::new(|_, _| panic!("a rendering bug")))
        }
    }

    /// A bug in rendering one file is that file's error, on one thread or several: the run
    /// goes on, and the reporter is not left waiting for the file.
    #[test]
    fn a_panic_while_rendering_is_the_files_error() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a.md", "b.md", "c.md"] {
            std::fs::write(dir.path().join(name), "Experts say it may rain.\n").unwrap();
        }
        let rules = RuleSet::builtin().unwrap();
        let opts = CheckOptions {
            paths: vec![dir.path().to_path_buf()],
            ..CheckOptions::default()
        };
        for threads in [1, 2] {
            let run = RunOptions {
                threads,
                ..RunOptions::default()
            };
            let mut reporter = PanickyReporter(Vec::new());
            let totals = run_files(&rules, &opts, &run, &mut reporter).unwrap();
            assert_eq!(totals.summary.file_errors, 3, "{threads} threads");
            assert_eq!(reporter.0.len(), 3);
            assert!(
                reporter.0[0]
                    .ends_with("a.md: internal error while reporting this file (please report it)"),
                "{:?}",
                reporter.0
            );
        }
    }

    /// A walk that finds all of `all` at once.
    fn finds(all: &[Input]) -> impl FnMut(&mut dyn FnMut(Input)) -> Vec<Outcome> + '_ {
        move |found| {
            all.iter().cloned().for_each(&mut *found);
            Vec::new()
        }
    }

    /// Reports every input once, in the order found, whether the walk or the reporter is the
    /// slow side (workers then wait for inputs, or for the window to move).
    #[test]
    fn reports_every_input_in_order_whoever_is_slow() {
        for (slow_walk, slow_report) in [(true, false), (false, true), (false, false)] {
            let all = inputs(300);
            let mut discover = |found: &mut dyn FnMut(Input)| {
                for (i, input) in all.iter().enumerate() {
                    if slow_walk && i % 10 == 0 {
                        std::thread::sleep(Duration::from_millis(1));
                    }
                    found(input.clone());
                }
                Vec::new()
            };
            let mut seen = Vec::new();
            let mut report = |o: Outcome| {
                let Outcome::Skipped(e) = o else {
                    unreachable!()
                };
                if slow_report && seen.len() % 10 == 0 {
                    std::thread::sleep(Duration::from_millis(1));
                }
                seen.push(e.path);
                Ok(())
            };
            in_parallel(3, &mut discover, &|i, _| skipped(i), &mut report).unwrap();
            let expected: Vec<String> = all.iter().map(Input::display).collect();
            assert_eq!(
                seen, expected,
                "slow walk {slow_walk}, slow report {slow_report}"
            );
        }
    }

    /// A reporter that fails (a closed pipe) ends the run: the error comes back, and workers
    /// stop within the window instead of checking every file.
    #[test]
    fn a_failing_reporter_stops_the_workers() {
        let all = inputs(2000);
        let mut discover = finds(&all);
        let checked = AtomicUsize::new(0);
        let work = |i: &Input, _: &mut Workspace| {
            checked.fetch_add(1, Ordering::SeqCst);
            skipped(i)
        };
        let mut n = 0;
        let mut report = |_: Outcome| {
            n += 1;
            if n == 100 {
                return Err(std::io::Error::from(std::io::ErrorKind::BrokenPipe));
            }
            Ok(())
        };
        let err = in_parallel(2, &mut discover, &work, &mut report).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::BrokenPipe);
        let checked = checked.load(Ordering::SeqCst);
        assert!(checked <= 100 + WINDOW + 2, "{checked} files checked");
    }

    /// Reports waiting for a slow reader (a pipe) are bounded by their bytes, not only by
    /// their number: files dense with findings render to many times their size.
    #[test]
    fn reports_held_for_a_slow_reader_are_bounded_by_bytes() {
        const RENDERED: usize = 4 << 20;
        let all = inputs(40);
        let mut discover = finds(&all);
        let checked = AtomicUsize::new(0);
        let work = |i: &Input, _: &mut Workspace| {
            checked.fetch_add(1, Ordering::SeqCst);
            let scored = Scored {
                file: SourceFile {
                    path: i.display(),
                    text: String::new(),
                },
                linted: Linted::default(),
            };
            Outcome::Checked(Box::new(scored), Some(vec![0; RENDERED]))
        };
        let mut ahead = 0;
        let mut n = 0;
        let mut report = |_: Outcome| {
            if n == 0 {
                // The reader is slow to start: the workers go on until they must wait.
                std::thread::sleep(Duration::from_millis(300));
                ahead = checked.load(Ordering::SeqCst);
            }
            n += 1;
            Ok(())
        };
        in_parallel(2, &mut discover, &work, &mut report).unwrap();
        assert_eq!(n, 40);
        // The budget, plus the next file to report and one file in each worker's hands.
        let bound = HELD_BYTES / RENDERED + 1 + 1 + 2;
        assert!(
            ahead <= bound,
            "{ahead} files checked ahead (bound {bound})"
        );
    }
}
