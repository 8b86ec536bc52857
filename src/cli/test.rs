//! `hedgelint test`: runs every loaded rule's examples (the built-in rules of the preset and
//! the project's `rules-dir`): each `flag` example must make its rule fire, each `pass`
//! example must not. A failure is an error diagnostic naming the rule and its pack; exit 1.

use super::score::PresetArgs;
use super::{Color, ConfigArgs, color_choice, load};
use codespan_reporting::diagnostic::Diagnostic;
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor::StandardStream};
use hedgelint::config::Flags;
use hedgelint::lint::example_mismatches;
use hedgelint::run::{EXIT_FINDINGS, EXIT_OK};
use std::io::{IsTerminal, Write};

#[derive(clap::Args)]
pub struct TestArgs {
    /// Test only the rules of this pack (a built-in pack's name, or the `rules-dir` folder's).
    #[arg(long, value_name = "PACK")]
    pack: Option<String>,
    /// Colour; `NO_COLOR` turns `auto` off.
    #[arg(long, value_enum, default_value = "auto")]
    color: Color,
    #[command(flatten)]
    preset: PresetArgs,
    #[command(flatten)]
    config: ConfigArgs,
}

pub fn run(args: TestArgs) -> i32 {
    let (rules, settings) = match load(
        &args.config,
        args.preset.preset.as_deref(),
        &Flags::default(),
        args.color,
    ) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let mut out = StandardStream::stdout(color_choice(args.color, std::io::stdout().is_terminal()));
    let config = term::Config::default();
    let file = SimpleFile::new("", "");
    // The preset's rules without the project's: a built-in rule's example that no longer
    // holds beside the project's rules is worth a warning, not a failure the user cannot fix.
    let builtin = hedgelint::rules::RuleSet::with_preset(&settings.preset).ok();
    let is_builtin = |id: &str, pack: &str| {
        builtin
            .as_ref()
            .and_then(|b| b.get(id).map(|i| b[i].pack == pack))
            .unwrap_or(false)
    };
    let (mut tested, mut examples, mut failed, mut warned) = (0, 0, 0, 0);
    for id in rules.ids() {
        let rule = &rules[id];
        if args.pack.as_ref().is_some_and(|p| *p != rule.pack) {
            continue;
        }
        tested += 1;
        examples += rule.examples.len();
        let mut diagnostics = Vec::new();
        let (flags, passes) = (
            rule.examples.iter().any(|e| e.flag.is_some()),
            rule.examples.iter().any(|e| e.pass.is_some()),
        );
        let builtin_rule = is_builtin(&rule.id, &rule.pack);
        if (!flags || !passes) && !builtin_rule {
            // Not a failure (nothing is wrong with what it does), but nothing shows it works.
            let missing = match (flags, passes) {
                (false, false) => "no examples",
                (false, true) => "no `flag` example",
                _ => "no `pass` example",
            };
            diagnostics.push(Diagnostic::warning().with_code("rule-example").with_message(
                format!(
                    "rule `{}` has {missing}: add `[[example]]` tables with `flag` and `pass` texts",
                    rule.id
                ),
            ));
        }
        for f in example_mismatches(&rules, id) {
            if builtin_rule {
                warned += 1;
                diagnostics.push(
                    Diagnostic::warning()
                        .with_code("rule-example")
                        .with_message(format!(
                            "{f} (a built-in rule, not counted as a failure: its example \
                             does not hold with the rules loaded here)"
                        )),
                );
            } else {
                failed += 1;
                diagnostics.push(
                    Diagnostic::error()
                        .with_code("rule-example")
                        .with_message(f),
                );
            }
        }
        for d in diagnostics {
            let d: Diagnostic<()> = d.with_notes(vec![format!("in pack `{}`", rule.pack)]);
            // Output that cannot be written is an error (exit 2), as everywhere else.
            match term::emit_to_write_style(&mut out, &config, &file, &d) {
                Ok(()) => {}
                Err(codespan_reporting::files::Error::Io(e)) => return super::write_failed(&e),
                Err(e) => return super::write_failed(&std::io::Error::other(e.to_string())),
            }
        }
    }
    let verdict = if failed == 0 { "ok" } else { "FAILED" };
    let built_in = if warned > 0 {
        format!(" ({warned} of built-in rules, not counted)")
    } else {
        String::new()
    };
    if let Err(e) = writeln!(
        out,
        "hedgelint test: {verdict}: {tested} rules, {examples} examples, {failed} failed{built_in}"
    )
    .and_then(|_| out.flush())
    {
        return super::write_failed(&e);
    }
    if failed == 0 { EXIT_OK } else { EXIT_FINDINGS }
}
