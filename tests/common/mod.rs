//! The one way the integration tests run the binary, and the one way they find `../shared`.
//!
//! Each test crate uses part of this module, so the parts it does not use are not dead code.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// `hedgelint ARGS`, to be given a working directory, stdin and environment, then run.
///
/// By default it runs in the test's own working directory (the package root under
/// `cargo test`), with `NO_COLOR=1`, without `COLUMNS` and `GITHUB_STEP_SUMMARY`, and an empty,
/// closed stdin.
#[must_use]
pub struct Hedgelint {
    cmd: Command,
    stdin: Option<Vec<u8>>,
}

/// Starts a run of `hedgelint ARGS`; see [`Hedgelint`].
pub fn hedgelint<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Hedgelint {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_hedgelint"));
    // The width human excerpts fit and the Actions job summary come from the environment: a
    // test sets them when it means to, so a CI runner's own values change nothing.
    cmd.args(args)
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .env_remove("GITHUB_STEP_SUMMARY");
    Hedgelint { cmd, stdin: None }
}

impl Hedgelint {
    /// Runs in `dir`.
    pub fn cwd(mut self, dir: impl AsRef<Path>) -> Self {
        self.cmd.current_dir(dir);
        self
    }

    /// Feeds `input` on stdin (then closes it).
    pub fn stdin(mut self, input: impl AsRef<[u8]>) -> Self {
        self.stdin = Some(input.as_ref().to_vec());
        self
    }

    /// Sets `key=value` in the environment.
    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.cmd.env(key, value);
        self
    }

    /// Removes `key` from the environment (`NO_COLOR` included).
    pub fn env_remove(mut self, key: &str) -> Self {
        self.cmd.env_remove(key);
        self
    }

    /// The command as configured, stdin aside, for a test that drives the child itself.
    pub fn command(self) -> Command {
        self.cmd
    }

    /// Runs to the end and returns the status and everything written to stdout and stderr.
    pub fn output(mut self) -> Output {
        let Some(input) = self.stdin else {
            return self
                .cmd
                .stdin(Stdio::null())
                .output()
                .expect("run hedgelint");
        };
        let mut child = self
            .cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run hedgelint");
        let mut pipe = child.stdin.take().expect("stdin");
        // Written from another thread so that a large input cannot deadlock against a full
        // stdout pipe. A run that fails before reading stdin closes it: not the test's concern.
        let writer = std::thread::spawn(move || match pipe.write_all(&input) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e),
            _ => Ok(()),
        });
        let out = child.wait_with_output().expect("hedgelint finishes");
        writer
            .join()
            .expect("stdin writer")
            .unwrap_or_else(|e| panic!("write stdin: {e}"));
        out
    }
}

/// `path` inside the `shared/` folder that sits beside the checkout, or `None` after saying
/// on stderr that the test (`what`) is skipped because that folder is absent (as in a clone
/// without it). A folder that is there but lacks `path` fails the test.
/// A path inside this repository (the package root).
pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

pub fn shared(path: &str, what: &str) -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if !root.is_dir() {
        let _ = writeln!(
            std::io::stderr(),
            "skipping {what}: {} is absent (it needs the shared folder beside the checkout)",
            root.display()
        );
        return None;
    }
    let p = root.join(path);
    assert!(
        p.exists(),
        "{} is missing from the shared folder",
        p.display()
    );
    Some(p)
}

/// A fresh temporary folder for a test's files.
pub fn dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// Writes `bytes` to `dir/name`, making the folders on the way.
pub fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(p, bytes).expect("write file");
}
