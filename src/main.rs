use clap::{Parser, Subcommand, ValueEnum};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{
    self,
    termcolor::{ColorChoice, StandardStream},
};
use hedgelint::diag::LoadError;
use hedgelint::eval::{self, EvalOptions};
use hedgelint::files::io_reason;
use hedgelint::finding::Severity;
use hedgelint::report::{Human, Json, Reporter};
use hedgelint::rules::RuleSet;
use hedgelint::run::{self, CheckOptions, EXIT_ERROR, EXIT_OK};
use hedgelint::score::Thresholds;
use hedgelint::score_cmd::{ScoreOptions, run_score};
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
    /// Score how certain files sound, with claim, hedge and source densities.
    Score(ScoreArgs),
    /// Measure the rules against annotated sentences (JSON Lines, one sentence a line).
    Eval(EvalArgs),
}

/// Preset and score thresholds, shared by `check` and `score`.
#[derive(clap::Args)]
struct PresetArgs {
    /// Genre preset: general (default), academic, journalism.
    #[arg(long, default_value = hedgelint::preset::DEFAULT_PRESET)]
    preset: String,
}

#[derive(clap::Args)]
struct ThresholdArgs {
    /// Fail a document with more unsourced claims per 1,000 words than this.
    #[arg(long, value_name = "N")]
    max_unsourced_per_1000_words: Option<f64>,
    /// Fail a document whose share of sourced claims (0–1) is below this.
    #[arg(long, value_name = "SHARE")]
    min_sourced_share: Option<f64>,
    /// Fail a document whose certainty (0–1) is below this.
    #[arg(long, value_name = "SCORE")]
    min_certainty: Option<f64>,
    /// Fail a document whose certainty (0–1) is above this.
    #[arg(long, value_name = "SCORE")]
    max_certainty: Option<f64>,
}

impl ThresholdArgs {
    fn thresholds(&self) -> Thresholds {
        Thresholds {
            max_unsourced_per_1000_words: self.max_unsourced_per_1000_words,
            min_sourced_share: self.min_sourced_share,
            min_certainty: self.min_certainty,
            max_certainty: self.max_certainty,
        }
    }
}

#[derive(clap::Args)]
struct ScoreArgs {
    /// Files or directories to score; `-` for stdin.
    paths: Vec<PathBuf>,
    /// List each sentence with its score and the cues that moved it.
    #[arg(long)]
    sentences: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// The path reported for stdin.
    #[arg(long, default_value = "<stdin>")]
    stdin_filename: String,
    #[command(flatten)]
    preset: PresetArgs,
    #[command(flatten)]
    thresholds: ThresholdArgs,
}

#[derive(clap::Args)]
struct EvalArgs {
    /// Annotated sentences: `{"id","text","label"}` or `{"id","text","certainty"}` a line.
    #[arg(long)]
    gold: PathBuf,
    /// Write one `{"id","label","certainty"}` line per input line, in input order.
    #[arg(long, value_name = "OUT.jsonl")]
    predictions: Option<PathBuf>,
    /// Cross-validate: per-fold scores, and rules selected on the other folds.
    #[arg(long, default_value_t = 0)]
    folds: usize,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    #[command(flatten)]
    preset: PresetArgs,
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
    #[command(flatten)]
    preset: PresetArgs,
    #[command(flatten)]
    thresholds: ThresholdArgs,
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

fn load_rules(preset: &PresetArgs) -> Option<RuleSet> {
    match RuleSet::with_preset(&preset.preset) {
        Ok(r) => Some(r),
        Err(errors) => {
            report_load_errors(&errors);
            None
        }
    }
}

/// Maps an output error to an exit code: a closed pipe (`| head`) is not worth a message.
fn io_exit(r: std::io::Result<i32>) -> i32 {
    match r {
        Ok(code) => code,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "error: {e}");
            EXIT_ERROR
        }
    }
}

fn score(args: ScoreArgs) -> i32 {
    let Some(rules) = load_rules(&args.preset) else {
        return EXIT_ERROR;
    };
    let opts = ScoreOptions {
        paths: args.paths,
        stdin_filename: args.stdin_filename,
        sentences: args.sentences,
        json: matches!(args.format, Format::Json),
        thresholds: args.thresholds.thresholds(),
    };
    let stdout = std::io::stdout();
    io_exit(run_score(
        &rules,
        &opts,
        &mut std::io::BufWriter::new(stdout.lock()),
    ))
}

fn eval(args: EvalArgs) -> i32 {
    let Some(rules) = load_rules(&args.preset) else {
        return EXIT_ERROR;
    };
    let name = args.gold.display().to_string();
    let input = match std::fs::File::open(&args.gold) {
        Ok(f) => std::io::BufReader::new(f),
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "error: {name}: {}", io_reason(&e));
            return EXIT_ERROR;
        }
    };
    let mut predictions = match &args.predictions {
        Some(p) => match std::fs::File::create(p) {
            Ok(f) => Some(std::io::BufWriter::new(f)),
            Err(e) => {
                let _ = writeln!(
                    std::io::stderr(),
                    "error: {}: {}",
                    p.display(),
                    io_reason(&e)
                );
                return EXIT_ERROR;
            }
        },
        None => None,
    };
    let opts = EvalOptions {
        name,
        folds: args.folds,
    };
    let stderr = std::io::stderr();
    let result = eval::run(
        &rules,
        input,
        &opts,
        predictions.as_mut().map(|w| w as &mut dyn Write),
        &mut stderr.lock(),
    );
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    io_exit(result.and_then(|report| {
        match args.format {
            Format::Human => eval::write_human(&report, &mut out)?,
            Format::Json => {
                serde_json::to_writer_pretty(&mut out, &report)?;
                writeln!(out)?;
                out.flush()?;
            }
        }
        Ok(EXIT_OK)
    }))
}

fn check(args: CheckArgs) -> i32 {
    let Some(rules) = load_rules(&args.preset) else {
        return EXIT_ERROR;
    };
    let opts = CheckOptions {
        paths: args.paths,
        stdin_filename: args.stdin_filename,
        fail_on: match args.fail_on {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        },
        thresholds: args.thresholds.thresholds(),
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
        Command::Score(args) => score(args),
        Command::Eval(args) => eval(args),
    };
    std::process::exit(code);
}
