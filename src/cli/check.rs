//! `hedgelint check`: flags, the reporter they choose, and the run.

use super::input::InputArgs;
use super::score::{PresetArgs, ThresholdArgs};
use super::{Color, ConfigArgs, color_choice, load, run_write_failed};
use clap::ValueEnum;
use codespan_reporting::term::termcolor::{Ansi, ColorChoice, NoColor, StandardStream};
use hedgelint::config::Flags;
use hedgelint::report::{
    Checkstyle, CodeClimate, ColumnEncoding, Github, Human, Json, Ndjson, Reporter, Sarif, Short,
    Statistics, StepSummary,
};
use hedgelint::rules::Severity;
use hedgelint::run::{self, CheckOptions, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK};
use hedgelint::source::io_reason;
use std::io::{BufWriter, IsTerminal, Write};
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
    /// Code Climate JSON: GitLab's Code Quality report.
    Codeclimate,
}

/// A severity on the command line (`--fail-on`, `--min-severity`).
#[derive(Clone, Copy, ValueEnum)]
pub enum SeverityArg {
    Error,
    Warning,
    Info,
}

impl SeverityArg {
    fn severity(self) -> Severity {
        match self {
            SeverityArg::Error => Severity::Error,
            SeverityArg::Warning => Severity::Warning,
            SeverityArg::Info => Severity::Info,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Columns {
    /// Unicode scalar values.
    Char,
    /// UTF-8 bytes (Vim).
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    /// UTF-16 code units (VS Code, LSP).
    #[value(name = "utf-16", alias = "utf16")]
    Utf16,
}

#[derive(clap::Args)]
#[command(args_override_self = true)]
pub struct CheckArgs {
    /// Files or directories to check; `-` for stdin.
    paths: Vec<PathBuf>,
    /// Output format (given twice, the last wins).
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Write the output to this file instead of stdout (created only once the config and
    /// rules have loaded).
    #[arg(short, long, value_name = "PATH")]
    output_file: Option<PathBuf>,
    /// Findings at or above this severity make the exit code 1 [config: fail-on; default:
    /// warning, or error when a warning limit is set].
    #[arg(long, value_enum)]
    fail_on: Option<SeverityArg>,
    /// Fail (exit 1) when there are more than N warnings; warnings up to N pass unless
    /// `fail-on` is set to `warning` [config: max-warnings].
    #[arg(long, value_name = "N")]
    max_warnings: Option<usize>,
    /// Exit 0 whatever was found (report only); errors (config, rules, unreadable files)
    /// still exit 2.
    #[arg(long)]
    exit_zero: bool,
    /// Report only findings at or above this severity: the others are not shown, counted or
    /// failed on [config: min-severity; default: info].
    #[arg(long, value_enum, value_name = "SEVERITY")]
    min_severity: Option<SeverityArg>,
    /// Print how many findings each rule made (most first) instead of the findings; a JSON
    /// array with `--format json`.
    #[arg(long)]
    statistics: bool,
    /// Exit 2 when no file was checked (an empty folder, or every file excluded) instead of
    /// only warning on stderr.
    #[arg(long)]
    error_on_no_files: bool,
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
    if let Err(code) = args.input.check_stdin(&args.paths) {
        return code;
    }
    if args.statistics && !matches!(args.format, Format::Human | Format::Json) {
        let _ = writeln!(
            std::io::stderr(),
            "error: --statistics prints a table (--format human) or a JSON array (--format json)"
        );
        return EXIT_ERROR;
    }
    let flags = Flags {
        fail_on: args.fail_on.map(SeverityArg::severity),
        min_severity: args.min_severity.map(SeverityArg::severity),
        max_warnings: args.max_warnings,
        lint_quotations: args.lint_quotations,
        no_ignore: args.input.no_ignore,
        force_named: args.input.force_named,
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
        paths: args.input.paths(args.paths),
        stdin_filename: args.input.stdin_name(),
        config,
    };
    // The output file is created only now: a config error leaves no empty report behind. It
    // is written under a temporary name beside it and renamed when the report is whole, so an
    // interrupted run (or a failed write) leaves no partial report, and a previous one stays.
    // A device, a pipe or a link (`-o /dev/stdout`) is written to as it is.
    let partial = args
        .output_file
        .as_deref()
        .filter(|p| match std::fs::symlink_metadata(p) {
            Ok(m) => m.is_file(),
            Err(e) => e.kind() == std::io::ErrorKind::NotFound,
        })
        .map(partial_name);
    let file = match &args.output_file {
        Some(p) => match partial
            .as_ref()
            .map_or_else(|| std::fs::File::create(p), std::fs::File::create_new)
        {
            Ok(f) => Some(f),
            Err(e) => {
                let _ = writeln!(
                    std::io::stderr(),
                    "error: cannot write {}: {}",
                    p.display(),
                    io_reason(&e)
                );
                return EXIT_ERROR;
            }
        },
        _ => None,
    };
    let to_terminal = file.is_none() && std::io::stdout().is_terminal();
    let out = || -> Box<dyn Write> {
        match &file {
            Some(f) => Box::new(BufWriter::new(f.try_clone().expect("a file handle"))),
            None => Box::new(BufWriter::new(std::io::stdout().lock())),
        }
    };
    let mut reporter: Box<dyn Reporter> = match args.format {
        _ if args.statistics => {
            Box::new(Statistics::new(out(), matches!(args.format, Format::Json)))
        }
        Format::Human if file.is_none() => Box::new(
            Human::new(StandardStream::stdout(color_choice(
                args.color,
                to_terminal,
            )))
            .with_width(width(to_terminal)),
        ),
        Format::Human => match color_choice(args.color, false) {
            ColorChoice::Never => {
                Box::new(Human::new(NoColor::new(out())).with_width(width(false)))
            }
            _ => Box::new(Human::new(Ansi::new(out())).with_width(width(false))),
        },
        Format::Short => Box::new(Short::new(out()).with_columns(columns)),
        Format::Json => Box::new(Json::new(out()).with_columns(columns)),
        Format::Ndjson => Box::new(Ndjson::new(out()).with_columns(columns)),
        Format::Sarif => Box::new(
            Sarif::new(out(), &rules)
                .with_columns(columns)
                .with_base(repository_base()),
        ),
        Format::Github => Box::new(Github::new(out()).with_columns(columns)),
        Format::Checkstyle => Box::new(Checkstyle::new(out()).with_columns(columns)),
        Format::Codeclimate => Box::new(CodeClimate::new(out())),
    };
    // In GitHub Actions, `--format github` also writes the job summary: the runner shows only
    // the first annotations.
    if matches!(args.format, Format::Github)
        && !args.statistics
        && let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty())
    {
        match std::fs::OpenOptions::new()
            .append(true)
            .create(true)
            .open(&path)
        {
            Ok(f) => {
                reporter = Box::new(StepSummary::new(reporter, Box::new(BufWriter::new(f))));
            }
            Err(e) => {
                let _ = writeln!(
                    std::io::stderr(),
                    "warning: cannot write the job summary {}: {}",
                    std::path::Path::new(&path).display(),
                    io_reason(&e)
                );
            }
        }
    }
    let run_opts = args.input.run_options();
    let totals = run::run_files(&rules, &opts, &run_opts, reporter.as_mut());
    drop(reporter);
    if let (Some(p), Some(tmp)) = (&args.output_file, &partial) {
        let whole = totals.as_ref().is_ok_and(|t| !t.interrupted);
        let kept = whole && file.as_ref().is_some_and(|f| f.sync_all().is_ok());
        if !kept || std::fs::rename(tmp, p).is_err() {
            let _ = std::fs::remove_file(tmp);
            if kept {
                let _ = writeln!(std::io::stderr(), "error: cannot write {}", p.display());
                return EXIT_ERROR;
            }
        }
    }
    let totals = match totals {
        Ok(t) => t,
        Err(e) => return run_write_failed(&e),
    };
    if totals.interrupted {
        let _ = writeln!(
            std::io::stderr(),
            "hedgelint: interrupted; the report covers the {} files checked before the signal{}",
            totals.summary.files,
            if args.output_file.is_some() {
                " and was not written"
            } else {
                ""
            }
        );
        return totals.check_exit();
    }
    let results = totals.summary.errors + totals.summary.warnings + totals.summary.infos;
    if matches!(args.format, Format::Sarif) && !args.statistics && results > SARIF_RESULTS {
        let _ = writeln!(
            std::io::stderr(),
            "warning: {results} SARIF results; GitHub code scanning rejects more than \
             {SARIF_RESULTS} a run (and shows 5,000)\n  = `--min-severity warning` leaves \
             the infos out (docs/ci.md)"
        );
    }
    let mut code = totals.check_exit();
    if totals.summary.files == 0 && totals.summary.file_errors == 0 {
        warn_nothing_checked(&opts);
        if args.error_on_no_files {
            code = EXIT_ERROR;
        }
    }
    if args.exit_zero && code == EXIT_FINDINGS {
        code = EXIT_OK;
    }
    code
}

/// The name `-o PATH` is written under until the report is whole: a hidden file beside it
/// (same folder, so the rename is atomic), with the process id to keep two runs apart.
fn partial_name(p: &std::path::Path) -> std::path::PathBuf {
    let name = p
        .file_name()
        .map_or_else(|| "report".into(), |n| n.to_string_lossy().into_owned());
    p.with_file_name(format!(".{name}.{}.hedgelint-partial", std::process::id()))
}

/// The most results GitHub code scanning accepts in one SARIF run.
const SARIF_RESULTS: usize = 25_000;

/// SARIF URIs are relative to the repository's root (the nearest folder upward from the
/// current one with a `.git`), as code scanning reads them; outside a repository, to the
/// current directory.
fn repository_base() -> Option<hedgelint::report::sarif::Base> {
    let cwd = std::env::current_dir().ok()?;
    let root = cwd
        .ancestors()
        .find(|d| d.join(".git").exists())?
        .to_path_buf();
    Some(hedgelint::report::sarif::Base { cwd, root })
}

/// The columns human excerpts are fitted to: `COLUMNS` when it is set to a number, else the
/// terminal's width when stdout is one; none (only very long lines are cut) for a pipe or file.
fn width(to_terminal: bool) -> Option<usize> {
    if let Some(n) = std::env::var("COLUMNS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
    {
        return Some(n);
    }
    if !to_terminal {
        return None;
    }
    terminal_size::terminal_size_of(std::io::stdout()).map(|(w, _)| usize::from(w.0))
}

/// Says on stderr that nothing was checked, and what chose the files: a run that checks
/// nothing must not pass as if the files were clean.
fn warn_nothing_checked(opts: &CheckOptions) {
    let config = &opts.config;
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "warning: no files were checked");
    let named = match &config.path {
        Some(p) => format!("in {}", p.display()),
        None => "(no config file)".to_string(),
    };
    for p in &opts.paths {
        if p.as_os_str() == "-" || !p.is_file() {
            continue;
        }
        let why = if config.excluded(p) {
            "is excluded by `exclude`"
        } else if !config.included(p) {
            "is not matched by `include`"
        } else {
            continue;
        };
        let _ = writeln!(
            err,
            "  = {} {why} {named} (`--force-named` checks it)",
            p.display()
        );
    }
    if opts.paths.iter().any(|p| p.is_dir()) {
        let what = if config.include.is_some() {
            format!("files matching `include` {named}")
        } else {
            let exts: Vec<String> = hedgelint::markup::MARKUPS
                .iter()
                .flat_map(|m| m.extensions.iter().map(|e| format!(".{e}")))
                .collect();
            format!("files ending in {}", exts.join(", "))
        };
        let ignored = if config.respect_gitignore {
            ", not ignored by .gitignore"
        } else {
            ""
        };
        let excluded = if config.exclude.is_some() {
            format!(" and not excluded by `exclude` {named}")
        } else {
            String::new()
        };
        let _ = writeln!(
            err,
            "  = folders are searched for {what}{ignored}{excluded}"
        );
    }
    let _ = writeln!(
        err,
        "  = `--error-on-no-files` makes this an error; `hedgelint config` shows the configuration"
    );
}
