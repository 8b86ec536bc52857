//! `hedgelint completions SHELL` and `hedgelint man`: generated from the clap definitions, so
//! they never drift from the flags.

use super::{Cli, write_failed};
use clap::CommandFactory;
use clap_complete::Shell;
use std::io::Write;

#[derive(clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: Shell,
}

pub fn completions(args: CompletionsArgs) -> i32 {
    let mut cmd = Cli::command();
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
