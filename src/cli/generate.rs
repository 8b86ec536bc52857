//! `hedgelint completions SHELL` and `hedgelint man`: generated from the clap definitions, so
//! they never drift from the flags.

use super::{Cli, write_failed};
use clap::CommandFactory;
use clap_complete::Shell;
use hedgelint::rules::{CueKind, RuleSet};
use std::io::Write;

#[derive(clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: Shell,
}

/// The command as completions see it: `--preset` completes the preset names, `--select`,
/// `--ignore` and `explain`'s rule the rule ids of every preset and the kinds (and `explain` the
/// thresholds). Only the scripts get these lists: parsing accepts any name (a `rules-dir`
/// rule's too) and the config's loading says what is unknown.
fn completed_command() -> clap::Command {
    let presets = RuleSet::preset_names();
    let mut ids: Vec<String> = presets
        .iter()
        .filter_map(|p| RuleSet::with_preset(p).ok())
        .flat_map(|r| r.rules.into_iter().map(|rule| rule.id))
        .chain(CueKind::ALL.iter().map(|k| k.as_str().to_string()))
        .collect();
    ids.sort();
    ids.dedup();
    let mut explained = ids.clone();
    explained.extend(THRESHOLDS.iter().map(|t| t.to_string()));
    explained.sort();
    let values = |names: &[String]| {
        let names: Vec<clap::builder::PossibleValue> = names
            .iter()
            // Leaked: clap's names are `&'static str`, and this command prints one script
            // and exits.
            .map(|n| {
                let name: &'static str = Box::leak(n.clone().into_boxed_str());
                clap::builder::PossibleValue::new(name)
            })
            .collect();
        clap::builder::PossibleValuesParser::new(names)
    };
    let mut cmd = Cli::command();
    let subcommands: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for name in subcommands {
        cmd = cmd.mut_subcommand(&name, |mut sub| {
            let args: Vec<String> = sub
                .get_arguments()
                .map(|a| a.get_id().to_string())
                .collect();
            for arg in args {
                let list = match (name.as_str(), arg.as_str()) {
                    (_, "preset") => &presets,
                    (_, "select" | "ignore") => &ids,
                    ("explain", "rule") => &explained,
                    _ => continue,
                };
                sub = sub.mut_arg(&arg, |a| a.value_parser(values(list)));
            }
            sub
        });
    }
    cmd
}

pub fn completions(args: CompletionsArgs) -> i32 {
    let mut cmd = completed_command();
    // clap_complete panics when its writer fails (`> /dev/full`): it writes into memory, and
    // the write to stdout is ours to report.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "hedgelint", &mut script);
    let mut out = std::io::stdout().lock();
    match out.write_all(&script).and_then(|_| out.flush()) {
        Ok(()) => 0,
        Err(e) => write_failed(&e),
    }
}

pub fn man() -> i32 {
    let mut out = std::io::stdout().lock();
    match out.write_all(&man_page()).and_then(|_| out.flush()) {
        Ok(()) => 0,
        Err(e) => write_failed(&e),
    }
}

/// The whole manual in one page: the command, then each subcommand's synopsis and options,
/// then exit status, configuration, environment, examples and where the rest is documented.
fn man_page() -> Vec<u8> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let man = clap_mangen::Man::new(cmd.clone());
    let mut page = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = man.render_title(&mut page);
    let _ = man.render_name_section(&mut page);
    let _ = man.render_synopsis_section(&mut page);
    let _ = man.render_description_section(&mut page);
    let _ = man.render_options_section(&mut page);
    page.extend_from_slice(b".SH COMMANDS\n");
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("hedgelint {}", sub.get_name());
        let sub = sub.clone().bin_name(name.clone());
        let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
        page.extend_from_slice(format!(".SS \"{name}\"\n{}\n.PP\n", roff_text(&about)).as_bytes());
        let man = clap_mangen::Man::new(sub.clone());
        let mut part = Vec::new();
        let _ = man.render_synopsis_section(&mut part);
        if sub.get_arguments().any(|a| !a.is_hide_set()) {
            let _ = man.render_options_section(&mut part);
        }
        // The subcommand's sections become paragraphs of its subsection.
        let part = String::from_utf8_lossy(&part)
            .replace(".SH SYNOPSIS\n", "")
            .replace(".SH OPTIONS\n", ".PP\nOptions:\n");
        page.extend_from_slice(part.as_bytes());
    }
    page.extend_from_slice(MAN_TAIL.as_bytes());
    let _ = man.render_version_section(&mut page);
    // Each rendered part starts with the same string definition; once is enough.
    const PREAMBLE: &str = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";
    let page = String::from_utf8_lossy(&page).into_owned();
    match page.find(PREAMBLE) {
        Some(first) => {
            let rest = &page[first + PREAMBLE.len()..];
            format!("{}{PREAMBLE}{}", &page[..first], rest.replace(PREAMBLE, "")).into_bytes()
        }
        None => page.into_bytes(),
    }
}

/// Text for roff: a leading `.` or `'` would be a request, and `\` an escape.
fn roff_text(s: &str) -> String {
    let s = s.replace('\\', "\\e").replace('-', "\\-");
    if s.starts_with('.') || s.starts_with('\'') {
        format!("\\&{s}")
    } else {
        s
    }
}

/// The sections clap does not know: the contracts the README and docs/ describe.
const MAN_TAIL: &str = r#".SH "EXIT STATUS"
.TP
\fB0\fR
No finding at or above \fBfail\-on\fR (default \fBwarning\fR; \fBerror\fR when \fBmax\-warnings\fR is set), no more warnings than \fBmax\-warnings\fR, no broken score threshold; or \fB\-\-exit\-zero\fR.
.TP
\fB1\fR
Findings (or thresholds) fail the run. \fBscore\fR: a threshold is broken. \fBtest\fR: a rule example does not hold.
.TP
\fB2\fR
A usage, config, rule\-pack or I/O error (an unreadable file is named and the others are still checked); with \fB\-\-error\-on\-no\-files\fR, no file was checked.
.SH CONFIGURATION
\fBhedgelint.toml\fR or \fB.hedgelint.toml\fR, found from the current directory upward (\fB\-\-config\fR \fIPATH\fR, \fB\-\-no\-config\fR). Unknown keys are errors. \fBhedgelint config\fR prints the configuration in effect.
.TP
\fBpreset\fR = "general" | "academic" | "journalism"
Which rule packs run and how.
.TP
\fBselect\fR, \fBignore\fR = [rule ids or kinds]
Only these report; these never report (wins over select).
.TP
\fB[rules.\fIID\fB] severity\fR = "error" | "warning" | "info" | "off"
A rule's severity.
.TP
\fBfail\-on\fR = "error" | "warning" | "info"
Findings at or above it make the exit status 1.
.TP
\fBmax\-warnings\fR = \fIN\fR
More warnings than N make the exit status 1; without \fBfail\-on\fR, fewer pass.
.TP
\fBmin\-severity\fR = "error" | "warning" | "info"
Findings below it are not reported, counted or failed on.
.TP
\fBlint\-quotations\fR = true | false
Report findings inside quoted speech and blockquotes.
.TP
\fBinclude\fR, \fBexclude\fR = [globs]
Files checked when a folder is walked; paths never checked (also when named).
.TP
\fBrespect\-gitignore\fR = true | false
Skip what .gitignore ignores.
.TP
\fBrules\-dir\fR = "\fIPATH\fR"
A folder of your own rule packs (\fBhedgelint test\fR runs their examples).
.TP
\fB[thresholds]\fR
\fBmax\-unsourced\-per\-1000\-words\fR, \fBmin\-sourced\-share\fR, \fBmin\-certainty\fR, \fBmax\-certainty\fR: a document beyond one is an error.
.TP
\fB[[overrides]]\fR
\fBfiles\fR globs plus any of select, ignore, fail\-on, min\-severity, lint\-quotations, [rules.ID].
.SH ENVIRONMENT
.TP
\fBNO_COLOR\fR
Set and not empty: no colour with \fB\-\-color auto\fR.
.TP
\fBCOLUMNS\fR
The width human excerpts are fitted to (else a terminal's width; none for a pipe or file).
.SH EXAMPLES
.TP
\fBhedgelint check docs/\fR
Check a folder: Markdown and text files, .gitignore respected.
.TP
\fBhedgelint check \-\-stdin\-filename draft.md < draft.md\fR
Check stdin, reported (and read as Markdown) as draft.md.
.TP
\fBhedgelint check docs/ \-\-min\-severity warning \-\-statistics\fR
Count the warnings and errors per rule.
.TP
\fBhedgelint check docs/ \-\-format sarif \-\-exit\-zero \-o hedgelint.sarif\fR
A report for code scanning that never fails on findings (a broken config still exits 2).
.TP
\fBhedgelint score docs/ \-\-sentences\fR
Certainty and densities per file, and each sentence's score.
.TP
\fBhedgelint explain vague\-attribution\fR
A rule's documentation, patterns and examples.
.SH "SEE ALSO"
README.md and docs/ in the source: config.md, output.md, ci.md, editors.md, rules.md, presets.md, scoring.md, suppressions.md.
"#;

/// The score thresholds' names (`explain` knows them).
const THRESHOLDS: &[&str] = &[
    "max-unsourced-per-1000-words",
    "min-sourced-share",
    "min-certainty",
    "max-certainty",
];
