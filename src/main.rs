//! The `hedgelint` binary: everything lives in [`cli`] (argument definitions and commands) and
//! the library; this file only sets the exit code.

mod cli;

fn main() {
    std::process::exit(cli::main());
}
