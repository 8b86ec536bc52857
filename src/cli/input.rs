//! The flags of `check` and `score` about which files are read, how, and how the run uses the
//! machine: both go through the same run (`hedgelint::run`).

use clap::ValueEnum;
use hedgelint::run::{Progress, RunOptions};
use hedgelint::source::Encoding;
use std::io::IsTerminal;

#[derive(clap::Args)]
pub struct InputArgs {
    /// The path reported for stdin (and its markup, from the extension); with no path given
    /// it reads stdin, as `-` does [default: <stdin>].
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// Also read files that .gitignore ignores [config: respect-gitignore = false].
    #[arg(long)]
    pub no_ignore: bool,
    /// Check the files named on the command line even where the config's `include` or
    /// `exclude` leaves them out.
    #[arg(long)]
    pub force_named: bool,
    /// How to read files that are not valid UTF-8: `utf-8` reports them, `lossy` reads them
    /// with each invalid byte replaced by U+001A (spans stay on the original bytes).
    #[arg(long, value_enum, default_value = "utf-8")]
    encoding: EncodingArg,
    /// Files read and checked in parallel (default: one per core). Never changes the results.
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// The largest file read, in bytes (a suffix K, M or G multiplies by 1024s); larger files
    /// are reported and not checked [default: 256M].
    #[arg(long, value_name = "BYTES", value_parser = parse_size)]
    max_file_size: Option<u64>,
    /// No progress line on stderr.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum EncodingArg {
    /// UTF-8; other files are reported as errors.
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    /// UTF-8, each invalid byte replaced by U+001A SUBSTITUTE.
    Lossy,
}

impl InputArgs {
    /// `--stdin-filename` names stdin: with paths that do not include `-`, it would name
    /// nothing, and the paths would be checked instead of stdin. That is a usage error.
    pub fn check_stdin(&self, paths: &[std::path::PathBuf]) -> Result<(), i32> {
        if let Some(name) = &self.stdin_filename
            && !paths.is_empty()
            && !paths.iter().any(|p| p.as_os_str() == "-")
        {
            use std::io::Write;
            let name = hedgelint::rules::error::cut(name);
            let _ = writeln!(
                std::io::stderr(),
                "error: --stdin-filename {name} names stdin, but the paths do not include `-`\n  \
                 = add `-` to check stdin as {name}, or drop --stdin-filename"
            );
            return Err(hedgelint::run::EXIT_ERROR);
        }
        Ok(())
    }

    /// The paths to check: `-` (stdin) when none is given but `--stdin-filename` is.
    pub fn paths(&self, paths: Vec<std::path::PathBuf>) -> Vec<std::path::PathBuf> {
        if paths.is_empty() && self.stdin_filename.is_some() {
            vec!["-".into()]
        } else {
            paths
        }
    }

    /// The name reported for stdin.
    pub fn stdin_name(&self) -> String {
        self.stdin_filename
            .clone()
            .unwrap_or_else(|| "<stdin>".into())
    }

    /// How the run reads files and uses the machine; SIGINT and SIGTERM stop it (see
    /// [`super::stop_on_signals`]).
    pub fn run_options(&self) -> RunOptions {
        RunOptions {
            interrupt: super::stop_on_signals(),
            threads: self.threads.unwrap_or(0),
            max_file_size: self.max_file_size.unwrap_or(0),
            piece_size: piece_size(),
            output_file: stdout_file(),
            progress: show_progress(self.quiet).then(Progress::default),
            encoding: match self.encoding {
                EncodingArg::Utf8 => Encoding::Utf8,
                EncodingArg::Lossy => Encoding::Lossy,
            },
        }
    }
}

/// The piece size a huge file is checked in (`lint::lint_pieces`): `HEDGELINT_PIECE_SIZE`
/// (bytes, with K, M or G) if it is set and valid, else 0 for the default. It never changes
/// the results, so it is no flag: tests and measurements set it.
fn piece_size() -> usize {
    std::env::var("HEDGELINT_PIECE_SIZE")
        .ok()
        .and_then(|v| parse_size(&v).ok())
        .map_or(0, |n| usize::try_from(n).unwrap_or(usize::MAX))
}

/// `1000`, `64K`, `256M`, `2G`.
fn parse_size(s: &str) -> Result<u64, String> {
    let (digits, shift) = match s.as_bytes().last() {
        Some(b'k' | b'K') => (&s[..s.len() - 1], 10),
        Some(b'm' | b'M') => (&s[..s.len() - 1], 20),
        Some(b'g' | b'G') => (&s[..s.len() - 1], 30),
        _ => (s, 0),
    };
    let n: u64 = digits
        .parse()
        .map_err(|_| "expected a number of bytes, optionally with K, M or G".to_string())?;
    if n == 0 {
        return Err("must be at least 1".into());
    }
    n.checked_mul(1 << shift)
        .ok_or_else(|| "too large".to_string())
}

/// The progress line is for a person waiting at a terminal for output that goes elsewhere: not
/// with `--quiet`, not when stderr is not a terminal, and not when stdout is a terminal (the
/// results show there as they come) or a pipe (another program is reading).
fn show_progress(quiet: bool) -> bool {
    !quiet
        && std::io::stderr().is_terminal()
        && !std::io::stdout().is_terminal()
        && !stdout_is_pipe()
}

#[cfg(unix)]
fn stdout_is_pipe() -> bool {
    use std::os::unix::fs::FileTypeExt;
    std::fs::metadata("/dev/stdout").is_ok_and(|m| m.file_type().is_fifo())
}

/// (device, inode) of the regular file stdout is redirected to, if it is one.
#[cfg(unix)]
fn stdout_file() -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata("/dev/stdout").ok()?;
    m.is_file().then(|| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn stdout_file() -> Option<(u64, u64)> {
    None
}

#[cfg(not(unix))]
fn stdout_is_pipe() -> bool {
    false
}
