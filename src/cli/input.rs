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

    /// How the run reads files and uses the machine.
    pub fn run_options(&self) -> RunOptions {
        RunOptions {
            threads: self.threads.unwrap_or(0),
            progress: show_progress(self.quiet).then(Progress::default),
            encoding: match self.encoding {
                EncodingArg::Utf8 => Encoding::Utf8,
                EncodingArg::Lossy => Encoding::Lossy,
            },
        }
    }
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

#[cfg(not(unix))]
fn stdout_is_pipe() -> bool {
    false
}
