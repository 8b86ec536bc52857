//! `hedgelint score` and `hedgelint eval`, and the preset and threshold flags they share with
//! `check`.

use super::input::InputArgs;
use super::{Color, ConfigArgs, load};
use clap::ValueEnum;
use hedgelint::config::Flags;
use hedgelint::eval::{self, EvalOptions};
use hedgelint::postpass::Thresholds;
use hedgelint::report::score::ScoreFormat;
use hedgelint::run::run_score;
use hedgelint::run::{CheckOptions, EXIT_ERROR, EXIT_OK};
use hedgelint::source::io_reason;
use std::io::Write;
use std::path::PathBuf;

/// The genre preset, shared by `check`, `score` and `eval`.
#[derive(clap::Args)]
pub struct PresetArgs {
    /// Genre preset: general, academic, journalism [config: preset; default: general].
    #[arg(long)]
    pub preset: Option<String>,
}

/// Score thresholds, shared by `check` and `score`.
#[derive(clap::Args)]
pub struct ThresholdArgs {
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
    /// The flags, filled in from the config file's `[thresholds]`.
    pub fn thresholds(&self, config: &Thresholds) -> Thresholds {
        Thresholds {
            max_unsourced_per_1000_words: self.max_unsourced_per_1000_words,
            min_sourced_share: self.min_sourced_share,
            min_certainty: self.min_certainty,
            max_certainty: self.max_certainty,
        }
        .or(config)
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

/// The order `score` lists sentences in.
#[derive(Clone, Copy, ValueEnum)]
pub enum SentenceOrder {
    /// In the order of the text.
    Position,
    /// Strongest claim first (a fact-checker's reading list), ties in the order of the text.
    Claim,
}

#[derive(clap::Args)]
#[command(args_override_self = true)]
pub struct ScoreArgs {
    /// Files or directories to score; `-` for stdin.
    paths: Vec<PathBuf>,
    /// List each sentence with its score and the cues that moved it.
    #[arg(long)]
    sentences: bool,
    /// The order sentences are listed in (implies --sentences): `claim` ranks them by claim
    /// strength, strongest first, for a fact-checker.
    #[arg(long, value_enum, value_name = "ORDER")]
    sort: Option<SentenceOrder>,
    /// Output format (given twice, the last wins).
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Colour in error messages (the table has none); `NO_COLOR` turns `auto` off.
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

#[derive(clap::Args)]
pub struct EvalArgs {
    /// Annotated sentences: `{"id","text","label"}` or `{"id","text","certainty"}` a line.
    #[arg(long)]
    gold: PathBuf,
    /// Write one `{"id","label","certainty","rules","cues"}` line per input line, in input order.
    #[arg(long, value_name = "OUT.jsonl")]
    predictions: Option<PathBuf>,
    /// Where the documents of document-level attribution gold (lines with `doc`, `start`,
    /// `end`) are, as `DIR/<doc>.txt`; by default the `text` folder beside the gold file.
    #[arg(long, value_name = "DIR")]
    documents: Option<PathBuf>,
    /// Cross-validate: per-fold scores, and rules selected on the other folds.
    #[arg(long, default_value_t = 0)]
    folds: usize,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    #[command(flatten)]
    preset: PresetArgs,
    #[command(flatten)]
    rules_dirs: super::RulesDirArgs,
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

pub fn score(args: ScoreArgs) -> i32 {
    if let Err(code) = args.input.check_stdin(&args.paths) {
        return code;
    }
    let flags = Flags {
        no_ignore: args.input.no_ignore,
        force_named: args.input.force_named,
        ..Flags::default()
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
    let mut config = config;
    config.thresholds = args.thresholds.thresholds(&config.thresholds);
    let opts = CheckOptions {
        paths: args.input.paths(args.paths),
        stdin_filename: args.input.stdin_name(),
        config,
    };
    let format = ScoreFormat {
        sentences: args.sentences || args.sort.is_some(),
        by_claim: matches!(args.sort, Some(SentenceOrder::Claim)),
        json: matches!(args.format, Format::Json),
    };
    match run_score(
        &rules,
        &opts,
        &args.input.run_options(),
        format,
        std::io::BufWriter::new(std::io::stdout().lock()),
    ) {
        Ok(code) => code,
        Err(e) => super::run_write_failed(&e),
    }
}

pub fn eval(args: EvalArgs) -> i32 {
    // Evaluation measures the rules themselves: no config file, so results are reproducible.
    let (rules, _) = match load(
        &ConfigArgs::none(args.rules_dirs.clone()),
        args.preset.preset.as_deref(),
        &Flags::default(),
        Color::Auto,
    ) {
        Ok(x) => x,
        Err(code) => return code,
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
    let dir = args.documents.clone().unwrap_or_else(|| {
        args.gold
            .parent()
            .unwrap_or(std::path::Path::new("."))
            .join("text")
    });
    let documents: Box<eval::Documents> = Box::new(move |doc: &str| {
        let path = dir.join(format!("{doc}.txt"));
        std::fs::read_to_string(&path).map_err(|e| {
            std::io::Error::new(e.kind(), format!("{}: {}", path.display(), io_reason(&e)))
        })
    });
    let opts = EvalOptions {
        name,
        folds: args.folds,
        documents: Some(documents),
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
