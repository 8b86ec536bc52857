//! Source files: discovery (walkdir) and reading, with errors that name the file and the reason.

use crate::markup::Format;
use std::io::Read;
use std::path::{Path, PathBuf};

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
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let mut stdin = false;
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
                let walk = walkdir::WalkDir::new(p)
                    .follow_links(false)
                    .into_iter()
                    .filter_entry(|e| {
                        e.depth() == 0
                            || !(e.file_type().is_dir()
                                && e.file_name().to_str().is_some_and(skipped_dir))
                    });
                for entry in walk {
                    match entry {
                        Ok(e) if e.file_type().is_file() => {
                            let ext = e
                                .path()
                                .extension()
                                .and_then(|x| x.to_str())
                                .map(str::to_ascii_lowercase);
                            if ext.is_some_and(|x| EXTENSIONS.contains(&x.as_str())) {
                                inputs.push(Input::Path(e.into_path()));
                            }
                        }
                        Ok(_) => {}
                        Err(e) => errors.push(FileError {
                            path: e.path().unwrap_or(p).display().to_string(),
                            reason: e.io_error().map_or_else(|| e.to_string(), io_reason),
                        }),
                    }
                }
            }
            Ok(_) => inputs.push(Input::Path(p.clone())),
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
