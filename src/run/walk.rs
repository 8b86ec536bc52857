//! Finding and walking the inputs: command-line paths expanded into files (the `ignore`
//! crate's walker, for `.gitignore`), in path order.

use crate::config::Config;
use crate::markup;
use crate::source::{FileError, display_path, io_reason};
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
            Input::Path(p) => display_path(p),
            Input::Stdin { name } => display_path(Path::new(name)),
        }
    }
}

/// Directory names never entered.
pub const SKIP_DIRS: &[&str] = &["target", "node_modules"];

fn skipped_dir(name: &str) -> bool {
    name.starts_with('.') && name != "." && name != ".." || SKIP_DIRS.contains(&name)
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
                    path: display_path(&path),
                    reason: io_reason(io),
                });
            }
            ignore::Error::Loop { child, .. } => {
                return Some(FileError {
                    path: display_path(child),
                    reason: "a symbolic link loop".into(),
                });
            }
            _ => return None,
        }
    }
}

/// Expands command-line paths into inputs, sorted by path (stdin last); errors for paths that
/// cannot be walked. A file named on the command line is checked whatever its extension. Under
/// the configuration, `exclude` and `include` apply to every path (also those named on the
/// command line, so that pre-commit's file lists and a walk agree; `--force-named` checks named
/// files whatever they say); the default extensions (without `include`) and `.gitignore`
/// apply to files found by walking a directory.
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
                path: display_path(p),
                reason: io_reason(&e),
            }),
            Ok(m) if m.is_dir() => {
                walk_dir(p, config, &shared, &mut errors, &mut |i| inputs.push(i))
            }
            Ok(_) => {
                if config.named_checked(p) {
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

/// [`discover_with`] handing each input to `found` as soon as the walk finds it, in the order
/// `discover_with` returns them (so that checking can start before the walk ends). Returns the
/// errors. One directory is walked in order as it is read; other command lines are discovered
/// whole first.
pub fn discover_each(
    paths: &[PathBuf],
    stdin_name: &str,
    config: &Config,
    found: &mut dyn FnMut(Input),
) -> Vec<FileError> {
    match paths {
        [p] if p.as_os_str() != "-" && p.is_dir() => {
            let mut errors = Vec::new();
            walk_dir(p, config, &Arc::new(config.clone()), &mut errors, found);
            errors
        }
        _ => {
            let (inputs, errors) = discover_with(paths, stdin_name, config);
            inputs.into_iter().for_each(found);
            errors
        }
    }
}

/// Walks directory `p`, handing each file to check to `found` in path order: the entries of
/// each directory sorted by name, depth first, which is the order of the paths' components.
fn walk_dir(
    p: &Path,
    config: &Config,
    shared: &Arc<Config>,
    errors: &mut Vec<FileError>,
    found: &mut dyn FnMut(Input),
) {
    let filter = shared.clone();
    let walk = ignore::WalkBuilder::new(p)
        .standard_filters(false)
        .git_ignore(config.respect_gitignore)
        .git_exclude(config.respect_gitignore)
        .parents(config.respect_gitignore)
        .require_git(false)
        .follow_links(false)
        .sort_by_file_name(|a, b| a.cmp(b))
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
                    // Every extension a markup claims (one table: a file read as Markdown when
                    // named is found as Markdown in a directory too).
                    e.path()
                        .extension()
                        .and_then(|x| x.to_str())
                        .is_some_and(|x| markup::Format::for_extension(x).is_some())
                };
                if wanted {
                    found(Input::Path(e.into_path()));
                }
            }
            Ok(_) => {}
            Err(e) => errors.extend(walk_error(&e, p)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_walk_hands_files_over_in_the_order_discovery_sorts_them() {
        let dir = tempfile::tempdir().unwrap();
        let names = [
            "a.md",
            "a/b.md",
            "a-b.md",
            "a/b/c.md",
            "a.b/x.md",
            "B.md",
            "b.md",
            "é.md",
            "z/a.txt",
            "a0.md",
            "a/.hidden/x.md",
            "a/b.markdown",
            "a/notes.rs",
        ];
        for n in names {
            let p = dir.path().join(n);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, "Text.\n").unwrap();
        }
        let paths = [dir.path().to_path_buf()];
        let config = Config::default();
        let (sorted, errors) = discover_with(&paths, "-", &config);
        assert!(errors.is_empty());
        let mut streamed = Vec::new();
        let errors = discover_each(&paths, "-", &config, &mut |i| streamed.push(i));
        assert!(errors.is_empty());
        assert_eq!(streamed, sorted);
        // Hidden directories and other extensions stay out; the rest are all there.
        assert_eq!(sorted.len(), names.len() - 2);
    }
}
