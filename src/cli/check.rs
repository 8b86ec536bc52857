//! `hedgelint check`: flags, the reporter they choose, and the run.

use super::input::InputArgs;
use super::score::{PresetArgs, ThresholdArgs};
use super::{Color, ConfigArgs, color_choice, load, write_failed};
use clap::ValueEnum;
use codespan_reporting::term::termcolor::StandardStream;
use hedgelint::config::Flags;
use hedgelint::report::{
    Checkstyle, ColumnEncoding, Github, Human, Json, Ndjson, Reporter, Sarif, Short,
};
use hedgelint::rules::Severity;
use hedgelint::run::{self, CheckOptions};
use std::io::{BufWriter, IsTerminal};
use std::path::PathBuf;

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    /// Compiler-style diagnostics with source excerpts.
    Human,
    /// `path:line:column: severity[rule]: message`, one a line (editors).
    Short,
    /// One JSON document (docs/output.md).
    Json,
    /// One JSON object a line, streamed.
    Ndjson,
    /// SARIF 2.1.0 (GitHub code scanning).
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// Checkstyle XML (reviewdog, Jenkins).
    Checkstyle,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Columns {
    /// Unicode scalar values.
    Char,
    /// UTF-8 bytes (Vim).
    #[value(name = "utf-8")]
    Utf8,
    /// UTF-16 code units (VS Code, LSP).
    #[value(name = "utf-16")]
    Utf16,
}

#[derive(clap::Args)]
pub struct CheckArgs {
    /// Files or directories to check; `-` for stdin.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Findings at or above this severity make the exit code 1 [config: fail-on; default: warning].
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Also fail (exit 1) when there are more than N warnings [config: max-warnings].
    #[arg(long, value_name = "N")]
    max_warnings: Option<usize>,
    /// Report only these rules or kinds (comma-separated); replaces `select` from the config.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    select: Option<Vec<String>>,
    /// Never report these rules or kinds (comma-separated); added to `ignore` from the config.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    ignore: Vec<String>,
    /// Report findings inside quoted speech and blockquotes too [config: lint-quotations].
    #[arg(long)]
    lint_quotations: bool,
    /// How columns are counted in every format but human.
    #[arg(long, value_enum, default_value = "char")]
    column_encoding: Columns,
    /// Colour in human output; `NO_COLOR` turns `auto` off.
    #[arg(long, value_enum, default_value = "auto")]
    color: Color,
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    preset: PresetArgs,
    #[command(flatten)]
    thresholds: ThresholdArgs,
    #[command(flatten)]
    config: ConfigArgs,
}

pub fn run(args: CheckArgs) -> i32 {
    let flags = Flags {
        fail_on: args.fail_on.map(|f| match f {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }),
        max_warnings: args.max_warnings,
        lint_quotations: args.lint_quotations,
        no_ignore: args.input.no_ignore,
        select: args.select,
        ignore: args.ignore,
    };
    let (rules, config) = match load(
        &args.config,
        args.preset.preset.as_deref(),
        &flags,
        args.color,
    ) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let columns = match args.column_encoding {
        Columns::Char => ColumnEncoding::Char,
        Columns::Utf8 => ColumnEncoding::Utf8,
        Columns::Utf16 => ColumnEncoding::Utf16,
    };
    let mut config = config;
    config.thresholds = args.thresholds.thresholds(&config.thresholds);
    let opts = CheckOptions {
        paths: args.paths,
        stdin_filename: args.input.stdin_filename.clone(),
        config,
    };
    let out = || BufWriter::new(std::io::stdout().lock());
    let mut reporter: Box<dyn Reporter> = match args.format {
        Format::Human => Box::new(Human::new(StandardStream::stdout(color_choice(
            args.color,
            std::io::stdout().is_terminal(),
        )))),
        Format::Short => Box::new(Short::new(out()).with_columns(columns)),
        Format::Json => Box::new(Json::new(out()).with_columns(columns)),
        Format::Ndjson => Box::new(Ndjson::new(out()).with_columns(columns)),
        Format::Sarif => Box::new(Sarif::new(out(), &rules).with_columns(columns)),
        Format::Github => Box::new(Github::new(out()).with_columns(columns)),
        Format::Checkstyle => Box::new(Checkstyle::new(out()).with_columns(columns)),
    };
    let run_opts = args.input.run_options();
    match run::run_check_with(&rules, &opts, &run_opts, reporter.as_mut()) {
        Ok(code) => code,
        Err(e) => write_failed(&e),
    }
}
