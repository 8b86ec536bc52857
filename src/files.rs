//! Source files: discovery (the `ignore` crate's walker, for `.gitignore`) and reading, with errors that name the file and the reason.

use crate::config::Config;
use crate::markup::Format;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A file (or stdin) to check.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    Path(PathBuf),
    Stdin { name: String },
}

impl Input {
    pub fn display(&self) -> String {
        match self {
            Input::Path(p) => p.display().to_string(),
            Input::Stdin { name } => name.clone(),
        }
    }
}

#[derive(Clone, Debug)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
    pub format: Format,
}

/// A file that could not be checked, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileError {
    pub path: String,
    pub reason: String,
}

/// Extensions linted when found inside a directory.
pub const EXTENSIONS: &[&str] = &["md", "markdown", "txt"];
/// Directory names never entered.
pub const SKIP_DIRS: &[&str] = &["target", "node_modules"];

fn skipped_dir(name: &str) -> bool {
    name.starts_with('.') && name != "." && name != ".." || SKIP_DIRS.contains(&name)
}

/// Expands command-line paths into inputs, sorted by path; errors for paths that cannot be
/// walked. A file named on the command line is checked whatever its extension.
pub fn discover(paths: &[PathBuf], stdin_name: &str) -> (Vec<Input>, Vec<FileError>) {
    discover_with(paths, stdin_name, &Config::default())
}

/// The file and reason of a walk error, if it is about reading the file system (errors in a
/// `.gitignore` pattern are not a reason to stop).
fn walk_error(e: &ignore::Error, fallback: &Path) -> Option<FileError> {
    let mut path = fallback.to_path_buf();
    let mut err = e;
    loop {
        match err {
            ignore::Error::WithPath {
                path: p,
                err: inner,
            } => {
                path = p.clone();
                err = inner;
            }
            ignore::Error::WithDepth { err: inner, .. }
            | ignore::Error::WithLineNumber { err: inner, .. } => err = inner,
            ignore::Error::Io(io) => {
                return Some(FileError {
                    path: path.display().to_string(),
                    reason: io_reason(io),
                });
            }
            ignore::Error::Loop { child, .. } => {
                return Some(FileError {
                    path: child.display().to_string(),
                    reason: "a symbolic link loop".into(),
                });
            }
            _ => return None,
        }
    }
}

/// [`discover`] under a configuration: `exclude` applies to every path (also those named on
/// the command line, so that pre-commit's file lists respect it); `include` (instead of the
/// default extensions) and `.gitignore` apply to files found by walking a directory.
pub fn discover_with(
    paths: &[PathBuf],
    stdin_name: &str,
    config: &Config,
) -> (Vec<Input>, Vec<FileError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let mut stdin = false;
    let shared = Arc::new(config.clone());
    for p in paths {
        if p.as_os_str() == "-" {
            stdin = true;
            continue;
        }
        match std::fs::metadata(p) {
            Err(e) => errors.push(FileError {
                path: p.display().to_string(),
                reason: io_reason(&e),
            }),
            Ok(m) if m.is_dir() => {
                let filter = shared.clone();
                let walk = ignore::WalkBuilder::new(p)
                    .standard_filters(false)
                    .git_ignore(config.respect_gitignore)
                    .git_exclude(config.respect_gitignore)
                    .parents(config.respect_gitignore)
                    .require_git(false)
                    .follow_links(false)
                    .filter_entry(move |e| {
                        let skipped = e.file_type().is_some_and(|t| t.is_dir())
                            && e.file_name().to_str().is_some_and(skipped_dir);
                        e.depth() == 0 || !(skipped || filter.excluded(e.path()))
                    })
                    .build();
                for entry in walk {
                    match entry {
                        Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                            let wanted = if config.include.is_some() {
                                config.included(e.path())
                            } else {
                                e.path()
                                    .extension()
                                    .and_then(|x| x.to_str())
                                    .map(str::to_ascii_lowercase)
                                    .is_some_and(|x| EXTENSIONS.contains(&x.as_str()))
                            };
                            if wanted {
                                inputs.push(Input::Path(e.into_path()));
                            }
                        }
                        Ok(_) => {}
                        Err(e) => errors.extend(walk_error(&e, p)),
                    }
                }
            }
            Ok(_) => {
                if !config.excluded(p) {
                    inputs.push(Input::Path(p.clone()));
                }
            }
        }
    }
    inputs.sort();
    inputs.dedup();
    if stdin {
        inputs.push(Input::Stdin {
            name: stdin_name.to_string(),
        });
    }
    (inputs, errors)
}

pub fn io_reason(e: &std::io::Error) -> String {
    let mut s = e.to_string();
    // "No such file or directory (os error 2)" → keep the words, drop the code.
    if let Some(i) = s.find(" (os error") {
        s.truncate(i);
    }
    s
}

pub fn read(input: &Input) -> Result<SourceFile, FileError> {
    let path = input.display();
    let err = |reason: String| FileError {
        path: path.clone(),
        reason,
    };
    let bytes = match input {
        Input::Path(p) => std::fs::read(p).map_err(|e| err(io_reason(&e)))?,
        Input::Stdin { .. } => {
            let mut v = Vec::new();
            std::io::stdin()
                .read_to_end(&mut v)
                .map_err(|e| err(io_reason(&e)))?;
            v
        }
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        err(format!(
            "not valid UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    let format = Format::from_path(Path::new(&path));
    Ok(SourceFile { path, text, format })
}
