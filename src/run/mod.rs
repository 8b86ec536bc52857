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
use crate::lint::{Linted, lint};
mod read;
mod walk;

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
    encoding: Encoding,
    ws: &mut Workspace,
) -> Outcome {
    let file = match read_with(input, encoding) {
        Ok(Contents::Text(file)) => file,
        Ok(Contents::Skipped(note)) => return Outcome::Skipped(note),
        Err(e) => return Outcome::Failed(e),
    };
    // A bug in checking one file must not take the run (and the other files' findings) down
    // with it: it becomes an error that names the file.
    let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        lint(rules, config, &file.path, &file.text, ws)
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
        if self.summary.file_errors > 0 {
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
    };
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
        let mut outcome = check_configured(rules, &opts.config, input, run.encoding, ws);
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
        errors.into_iter().map(Outcome::Unwalkable).collect()
    };
    if threads <= 1 {
        let mut ws = Workspace::default();
        let mut found = Vec::new();
        for outcome in discover(&mut |input| found.push(input)) {
            report(outcome)?;
        }
        for input in &found {
            report(work(input, &mut ws))?;
        }
    } else {
        in_parallel(threads, &mut discover, &work, &mut report)?;
    }
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
    })
}

/// What the workers and the reporting thread share.
///
/// A thread is woken only when what it waits for has happened (std's `notify_all` makes a
/// system call even when nobody waits, and a needless wake-up takes a core from a worker):
/// the reporter when the files it waits for are done, a worker when the window moves or an
/// input is found.
struct Queue {
    found: Mutex<Found>,
    /// Signalled when an input is found or the walk is over, if a worker waits.
    more: Condvar,
    done: Mutex<Done>,
    /// Signalled when the files the reporter waits for are done ([`Done::wakes_reporter`]).
    ready: Condvar,
    /// Signalled when the reporter moves on, if a worker waits for it.
    room: Condvar,
    /// The next index a worker takes.
    next: AtomicUsize,
    /// How many files have been reported.
    reported: AtomicUsize,
    /// The reporter failed (a closed pipe): workers stop.
    stop: AtomicBool,
}

#[derive(Default)]
struct Found {
    /// The inputs found so far.
    inputs: Vec<Input>,
    /// The walk is over.
    over: bool,
    /// Workers waiting for the walk.
    waiting: usize,
}

#[derive(Default)]
struct Done {
    /// Finished files not yet reported, by index.
    outcomes: BTreeMap<usize, Outcome>,
    /// The first and last index of the files the reporter waits for, if it waits.
    awaited: Option<(usize, usize)>,
    /// Workers waiting for the reporter to move on.
    waiting: usize,
    /// The weight of `outcomes` ([`Outcome::weight`]).
    held: usize,
}

impl Done {
    /// Whether the reporter should wake: the first file it waits for is done, and the last is
    /// too or the reports held have reached [`HELD_BYTES`] (then workers wait for it).
    fn wakes_reporter(&self) -> bool {
        self.awaited.is_some_and(|(first, last)| {
            self.outcomes.contains_key(&first)
                && (self.outcomes.contains_key(&last) || self.held > HELD_BYTES)
        })
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Hands each input found to its argument; returns what to report before any of them.
type Discover<'a> = dyn FnMut(&mut dyn FnMut(Input)) -> Vec<Outcome> + 'a;

/// Checks the inputs `discover` hands over on `threads` workers while it goes on (it runs on
/// the calling thread) and reports them in order once it is done, after what it returns.
fn in_parallel(
    threads: usize,
    discover: &mut Discover<'_>,
    work: &(dyn Fn(&Input, &mut Workspace) -> Outcome + Sync),
    report: &mut dyn FnMut(Outcome) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let q = Queue {
        found: Mutex::default(),
        more: Condvar::new(),
        done: Mutex::default(),
        ready: Condvar::new(),
        room: Condvar::new(),
        next: AtomicUsize::new(0),
        reported: AtomicUsize::new(0),
        stop: AtomicBool::new(false),
    };
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| worker(work, &q));
        }
        let first = discover(&mut |input| {
            let mut found = lock(&q.found);
            found.inputs.push(input);
            if found.waiting > 0 {
                q.more.notify_all();
            }
        });
        let n = {
            let mut found = lock(&q.found);
            found.over = true;
            q.more.notify_all();
            found.inputs.len()
        };
        let result = first
            .into_iter()
            .try_for_each(&mut *report)
            .and_then(|()| report_in_order(n, &q, report));
        if result.is_err() {
            q.stop.store(true, Ordering::SeqCst);
        }
        // Wake workers waiting for the window to move so that they see `stop` or finish.
        let _guard = lock(&q.done);
        q.room.notify_all();
        drop(_guard);
        result
    })
}

/// The `i`th input, once the walk has found it; `None` when the walk ended before.
fn nth_input(q: &Queue, i: usize) -> Option<Input> {
    let mut found = lock(&q.found);
    loop {
        if let Some(input) = found.inputs.get(i) {
            return Some(input.clone());
        }
        if found.over {
            return None;
        }
        found.waiting += 1;
        found = q.more.wait(found).unwrap_or_else(|e| e.into_inner());
        found.waiting -= 1;
    }
}

fn worker(work: &(dyn Fn(&Input, &mut Workspace) -> Outcome + Sync), q: &Queue) {
    let mut ws = Workspace::default();
    loop {
        let i = q.next.fetch_add(1, Ordering::SeqCst);
        let Some(input) = nth_input(q, i) else {
            return;
        };
        // Wait until the reporter is within WINDOW files of this one, and, unless this is the
        // next file to report, until less than HELD_BYTES wait to be reported.
        {
            let mut done = lock(&q.done);
            while !q.stop.load(Ordering::SeqCst) && {
                let reported = q.reported.load(Ordering::SeqCst);
                i >= reported + WINDOW || (i > reported && done.held > HELD_BYTES)
            } {
                done.waiting += 1;
                done = q.room.wait(done).unwrap_or_else(|e| e.into_inner());
                done.waiting -= 1;
            }
        }
        if q.stop.load(Ordering::SeqCst) {
            return;
        }
        let outcome = work(&input, &mut ws);
        let mut done = lock(&q.done);
        done.held += outcome.weight();
        done.outcomes.insert(i, outcome);
        if done.wakes_reporter() {
            q.ready.notify_one();
        }
    }
}

fn report_in_order(
    n: usize,
    q: &Queue,
    report: &mut dyn FnMut(Outcome) -> std::io::Result<()>,
) -> std::io::Result<()> {
    for i in 0..n {
        let outcome = {
            let mut done = lock(&q.done);
            loop {
                if let Some(o) = done.outcomes.remove(&i) {
                    done.awaited = None;
                    break o;
                }
                done.awaited = Some((i, (i + BATCH - 1).min(n - 1)));
                while !done.wakes_reporter() {
                    done = q.ready.wait(done).unwrap_or_else(|e| e.into_inner());
                }
            }
        };
        let weight = outcome.weight();
        report(outcome)?;
        q.reported.store(i + 1, Ordering::SeqCst);
        let mut done = lock(&q.done);
        done.held -= weight;
        if done.waiting > 0 {
            q.room.notify_all();
        }
    }
    Ok(())
}

/// `checked 120/1032 files` on stderr, redrawn at most ten times a second once the run has
/// gone on for [`Progress::after`].
struct ProgressLine<'t> {
    start: Instant,
    after: Duration,
    last: Option<Instant>,
    done: usize,
    /// Known once the walk is over (usually long before the line appears); 0 until then.
    total: &'t std::cell::Cell<usize>,
    shown: bool,
}

impl<'t> ProgressLine<'t> {
    fn new(p: Progress, total: &'t std::cell::Cell<usize>) -> Self {
        ProgressLine {
            start: Instant::now(),
            after: p.after,
            last: None,
            done: 0,
            total,
            shown: false,
        }
    }

    fn tick(&mut self) {
        self.done += 1;
        let now = Instant::now();
        if now.duration_since(self.start) < self.after
            || self
                .last
                .is_some_and(|l| now.duration_since(l) < Duration::from_millis(100))
        {
            return;
        }
        self.last = Some(now);
        self.shown = true;
        // Progress is best effort: a stderr that cannot be written is no reason to stop.
        // The total is 0 until the walk is over (on a tree that takes over a second to walk).
        let _ = match self.total.get() {
            0 => write!(std::io::stderr(), "\r\x1b[Kchecked {} files", self.done),
            total => write!(
                std::io::stderr(),
                "\r\x1b[Kchecked {}/{total} files",
                self.done
            ),
        };
    }

    fn clear(&mut self) {
        if self.shown {
            let _ = write!(std::io::stderr(), "\r\x1b[K");
        }
    }
}

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
