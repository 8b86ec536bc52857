//! The command line: argument definitions (clap derive) and one module per command. The
//! definitions also generate the shell completions and the man page.

mod check;
mod generate;
mod init;
mod input;
mod rules;
mod score;
mod show;
mod test;

use clap::{Args, Parser, Subcommand, ValueEnum};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{
    self,
    termcolor::{ColorChoice, StandardStream},
};
use hedgelint::config::{self, Config, Flags, Source};
use hedgelint::rules::RuleSet;
use hedgelint::rules::error::LoadError;
use hedgelint::run::EXIT_ERROR;
use std::io::IsTerminal;
use std::path::PathBuf;

/// A linter for prose: unsourced assertions, vague attributions, hedges and certainty.
#[derive(Parser)]
#[command(name = "hedgelint", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check files and directories (default `.`); `-` reads stdin.
    Check(check::CheckArgs),
    /// Score how certain files sound, with claim, hedge and source densities.
    Score(score::ScoreArgs),
    /// Measure the rules against annotated sentences (JSON Lines, one sentence a line).
    Eval(score::EvalArgs),
    /// List the rules: id, kind, severity and summary.
    Rules(rules::RulesArgs),
    /// Print a rule's documentation, patterns and examples.
    Explain(rules::ExplainArgs),
    /// Write a commented starter `hedgelint.toml` in the current directory.
    Init(init::InitArgs),
    /// Print the effective configuration and the file it came from.
    Config(show::ShowArgs),
    /// Run every loaded rule's `flag` and `pass` examples (built-in and `rules-dir`).
    Test(test::TestArgs),
    /// Print a shell completion script.
    Completions(generate::CompletionsArgs),
    /// Print the man page (roff).
    Man,
}

/// Where the configuration comes from (shared by the commands that read it).
#[derive(clap::Args, Clone, Debug, Default)]
pub struct ConfigArgs {
    /// Use this config file instead of looking for `hedgelint.toml` or `.hedgelint.toml` from
    /// the current directory upward.
    #[arg(long, value_name = "PATH", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Ignore every config file: built-in defaults and flags only.
    #[arg(long)]
    no_config: bool,
    #[command(flatten)]
    rules_dirs: RulesDirArgs,
}

/// `--rules-dir`, for the commands that load rules.
#[derive(Args, Clone, Debug, Default)]
pub struct RulesDirArgs {
    /// Also load the rule pack in this folder (repeatable; `*.toml` files, the pack named after
    /// the folder). Unlike a config's `rules-dir`, it may lie outside the project.
    #[arg(long = "rules-dir", value_name = "PATH", value_hint = clap::ValueHint::DirPath)]
    dirs: Vec<PathBuf>,
}

impl ConfigArgs {
    /// No config file (`--no-config`), and the packs of `rules_dirs`.
    pub fn none(rules_dirs: RulesDirArgs) -> Self {
        ConfigArgs {
            config: None,
            no_config: true,
            rules_dirs,
        }
    }

    fn source(&self) -> Source {
        match (&self.config, self.no_config) {
            (_, true) => Source::None,
            (Some(p), _) => Source::File(p.clone()),
            (None, false) => Source::Discover(PathBuf::from(".")),
        }
    }
}

#[derive(Clone, Copy, Debug, Default, ValueEnum)]
pub enum Color {
    #[default]
    Auto,
    Always,
    Never,
}

/// `auto` means colour when the stream is a terminal and `NO_COLOR` is unset or empty.
pub fn color_choice(c: Color, is_terminal: bool) -> ColorChoice {
    match c {
        Color::Always => ColorChoice::Always,
        Color::Never => ColorChoice::Never,
        Color::Auto => {
            if is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) {
                ColorChoice::Auto
            } else {
                ColorChoice::Never
            }
        }
    }
}

/// Renders rule-pack or config errors to stderr, like any other diagnostic.
pub fn report_load_errors(errors: &[LoadError], color: Color) {
    let mut err = StandardStream::stderr(color_choice(color, std::io::stderr().is_terminal()));
    let config = term::Config::default();
    for e in errors {
        let (text, diagnostic) = e.to_diagnostic();
        let file = SimpleFile::new(e.name.as_str(), &*text);
        let _ = term::emit_to_write_style(&mut err, &config, &file, &diagnostic);
    }
}

/// Loads the config file, builds the rules (the preset: `preset` from `--preset`, else the
/// file's; plus its `rules-dir`), and resolves the config with the flags. Errors are printed;
/// the caller exits with 2.
pub fn load(
    args: &ConfigArgs,
    preset: Option<&str>,
    flags: &Flags,
    color: Color,
) -> Result<(RuleSet, Config), i32> {
    let fail = |errors: Vec<LoadError>| {
        report_load_errors(&errors, color);
        EXIT_ERROR
    };
    let cwd = std::env::current_dir().unwrap_or_default();
    let raw = config::load(&args.source(), &cwd).map_err(fail)?;
    let rules = raw.rule_set(preset, &args.rules_dirs.dirs).map_err(fail)?;
    let config = raw.resolve(&rules, flags).map_err(fail)?;
    Ok((rules, config))
}

/// A flag that SIGINT or SIGTERM sets, for a run to stop at the next file and finish its
/// report as a whole document (JSON and SARIF stay valid; `-o` leaves no partial file). A
/// second signal, once the flag is set, ends the process at once (exit 130). `None` if the
/// handlers cannot be installed (the signals then end the process as usual).
pub fn stop_on_signals() -> Option<std::sync::Arc<std::sync::atomic::AtomicBool>> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    use signal_hook::flag;
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    for signal in [SIGINT, SIGTERM] {
        flag::register_conditional_shutdown(signal, hedgelint::run::EXIT_INTERRUPTED, stop.clone())
            .ok()?;
        flag::register(signal, stop.clone()).ok()?;
    }
    Some(stop)
}

/// Whether an I/O error is a closed pipe (`| head`), which is not worth a message.
pub fn write_failed(e: &std::io::Error) -> i32 {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        0
    } else {
        use std::io::Write;
        let _ = writeln!(std::io::stderr(), "error: cannot write output: {e}");
        EXIT_ERROR
    }
}

/// The exit code of a `check` or `score` whose output failed: a closed pipe (`| head -1`)
/// ends the run quietly, but a run cut short cannot say the files passed, so it exits 1 (as a
/// process killed by SIGPIPE would fail); another write error is an error (2).
pub fn run_write_failed(e: &std::io::Error) -> i32 {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        hedgelint::run::EXIT_FINDINGS
    } else {
        write_failed(e)
    }
}

pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            if e.use_stderr() {
                // clap echoes a bad value whole: a long one is cut (in plain text).
                let plain = e.render().to_string();
                let cut = hedgelint::rules::error::cut_quoted_by(&plain, '\'');
                if cut != plain {
                    use std::io::Write;
                    let _ = std::io::stderr().write_all(cut.as_bytes());
                } else {
                    let _ = e.print();
                }
                return EXIT_ERROR;
            }
            // `--help` and `--version`: clap ignores a failed write (`> /dev/full`), which
            // would exit 0 with nothing written. A terminal gets clap's colours.
            use std::io::{IsTerminal, Write};
            let mut out = std::io::stdout().lock();
            if out.is_terminal() {
                let _ = e.print();
                return 0;
            }
            return match write!(out, "{}", e.render()).and_then(|_| out.flush()) {
                Ok(()) => 0,
                Err(e) => write_failed(&e),
            };
        }
    };
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Score(args) => score::score(args),
        Command::Eval(args) => score::eval(args),
        Command::Rules(args) => rules::list(args),
        Command::Explain(args) => rules::explain(args),
        Command::Init(args) => init::run(args),
        Command::Config(args) => show::run(args),
        Command::Test(args) => test::run(args),
        Command::Completions(args) => generate::completions(args),
        Command::Man => generate::man(),
    }
}
