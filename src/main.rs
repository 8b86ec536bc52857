use clap::{Parser, Subcommand, ValueEnum};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{
    self,
    termcolor::{ColorChoice, StandardStream},
};
use hedgelint::diag::LoadError;
use hedgelint::finding::Severity;
use hedgelint::report::{Human, Json, Reporter};
use hedgelint::rules::RuleSet;
use hedgelint::run::{self, CheckOptions, EXIT_ERROR};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// A linter for prose: unsourced assertions, vague attributions, hedges and certainty.
#[derive(Parser)]
#[command(name = "hedgelint", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check files and directories (default `.`); `-` reads stdin.
    Check(CheckArgs),
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files or directories to check; `-` for stdin.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// The path reported for stdin.
    #[arg(long, default_value = "<stdin>")]
    stdin_filename: String,
    /// Findings at or above this severity make the exit code 1.
    #[arg(long, value_enum, default_value = "warning")]
    fail_on: FailOn,
    /// Colour in human output.
    #[arg(long, value_enum, default_value = "auto")]
    color: Color,
}

fn color_choice(c: Color) -> ColorChoice {
    match c {
        Color::Always => ColorChoice::Always,
        Color::Never => ColorChoice::Never,
        Color::Auto => {
            if std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            {
                ColorChoice::Auto
            } else {
                ColorChoice::Never
            }
        }
    }
}

/// Renders rule-pack or config errors to stderr, like any other diagnostic.
fn report_load_errors(errors: &[LoadError]) {
    let mut err = StandardStream::stderr(color_choice(Color::Auto));
    let config = term::Config::default();
    for e in errors {
        let file = SimpleFile::new(e.name.as_str(), &*e.text);
        let _ = term::emit_to_write_style(&mut err, &config, &file, &e.to_diagnostic());
    }
}

fn check(args: CheckArgs) -> i32 {
    let rules = match RuleSet::builtin() {
        Ok(r) => r,
        Err(errors) => {
            report_load_errors(&errors);
            return EXIT_ERROR;
        }
    };
    let opts = CheckOptions {
        paths: args.paths,
        stdin_filename: args.stdin_filename,
        fail_on: match args.fail_on {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        },
    };
    let stdout = std::io::stdout();
    let mut reporter: Box<dyn Reporter> = match args.format {
        Format::Human => Box::new(Human::new(StandardStream::stdout(color_choice(args.color)))),
        Format::Json => Box::new(Json::new(std::io::BufWriter::new(stdout.lock()))),
    };
    match run::run_check(&rules, &opts, reporter.as_mut()) {
        Ok(code) => code,
        // A closed pipe (`| head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "error: cannot write output: {e}");
            EXIT_ERROR
        }
    }
}

fn main() {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_ERROR } else { 0 };
            let _ = e.print();
            std::process::exit(code);
        }
    };
    let code = match cli.command {
        Command::Check(args) => check(args),
    };
    std::process::exit(code);
}
