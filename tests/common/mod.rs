//! Helpers shared by the integration tests that run the binary.

use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Runs `hedgelint ARGS` in `cwd` with no stdin and colour off, and waits for it.
pub fn hedgelint(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hedgelint"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("run hedgelint")
}
