//! The flags of `check` and `score` about which files are read, how, and how the run uses the
//! machine: both go through the same run (`hedgelint::run`).

use clap::ValueEnum;
use hedgelint::run::{Progress, RunOptions};
use hedgelint::source::Encoding;
use std::io::IsTerminal;

#[derive(clap::Args)]
pub struct InputArgs {
    /// The path reported for stdin.
    #[arg(long, default_value = "<stdin>")]
    pub stdin_filename: String,
    /// Also read files that .gitignore ignores [config: respect-gitignore = false].
    #[arg(long)]
    pub no_ignore: bool,
    /// How to read files that are not valid UTF-8: `utf8` reports them, `lossy` reads them
    /// with each invalid byte replaced by U+001A (spans stay on the original bytes).
    #[arg(long, value_enum, default_value = "utf8")]
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
    Utf8,
    /// UTF-8, each invalid byte replaced by U+001A SUBSTITUTE.
    Lossy,
}

impl InputArgs {
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
