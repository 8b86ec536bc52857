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
    let mut out = std::io::stdout().lock();
    clap_complete::generate(args.shell, &mut cmd, "hedgelint", &mut out);
    match out.flush() {
        Ok(()) => 0,
        Err(e) => write_failed(&e),
    }
}

pub fn man() -> i32 {
    let man = clap_mangen::Man::new(Cli::command());
    let mut out = std::io::stdout().lock();
    match man.render(&mut out).and_then(|_| out.flush()) {
        Ok(()) => 0,
        Err(e) => write_failed(&e),
    }
}

/// The score thresholds' names (`explain` knows them).
const THRESHOLDS: &[&str] = &[
    "max-unsourced-per-1000-words",
    "min-sourced-share",
    "min-certainty",
    "max-certainty",
];
