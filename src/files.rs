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

/// Expands command-line paths into inputs, sorted by path (stdin last); errors for paths that
/// cannot be walked. A file named on the command line is checked whatever its extension. Under
/// the configuration, `exclude` applies to every path (also those named on the command line,
/// so that pre-commit's file lists respect it); `include` (instead of the default extensions)
/// and `.gitignore` apply to files found by walking a directory.
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
                walk_dir(p, config, &shared, &mut errors, &mut |i| inputs.push(i))
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
                    e.path()
                        .extension()
                        .and_then(|x| x.to_str())
                        .map(str::to_ascii_lowercase)
                        .is_some_and(|x| EXTENSIONS.contains(&x.as_str()))
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

pub fn io_reason(e: &std::io::Error) -> String {
    let mut s = e.to_string();
    // "No such file or directory (os error 2)" → keep the words, drop the code.
    if let Some(i) = s.find(" (os error") {
        s.truncate(i);
    }
    s
}

/// How file bytes become text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8; a file that is not is reported and not checked.
    #[default]
    Utf8,
    /// UTF-8, with every byte that is not part of valid UTF-8 replaced by U+001A SUBSTITUTE
    /// (one byte for one byte, so that spans, lines and columns stay on the original bytes).
    Lossy,
}

/// What became of a file that could be read.
#[derive(Clone, Debug)]
pub enum Contents {
    /// Text to check.
    Text(SourceFile),
    /// Not checked, and why (a binary file): a note, not an error.
    Skipped(FileError),
}

/// The char that stands for each invalid byte in [`Encoding::Lossy`].
pub const SUBSTITUTE: u8 = 0x1A;

/// Decodes file bytes. Errors say why the bytes are not text.
pub fn decode(bytes: Vec<u8>, encoding: Encoding) -> Result<String, String> {
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) if encoding == Encoding::Utf8 => Err(format!(
            "not valid UTF-8 (invalid byte at offset {}); `--encoding lossy` checks it anyway",
            e.utf8_error().valid_up_to()
        )),
        Err(e) => {
            let mut bytes = e.into_bytes();
            let mut at = 0;
            while at < bytes.len() {
                match std::str::from_utf8(&bytes[at..]) {
                    Ok(_) => break,
                    Err(e) => {
                        let bad_from = at + e.valid_up_to();
                        let bad_to = e.error_len().map_or(bytes.len(), |n| bad_from + n);
                        bytes[bad_from..bad_to].fill(SUBSTITUTE);
                        at = bad_to;
                    }
                }
            }
            // Every invalid byte is now ASCII, so this cannot fail; if it did, lossy decoding
            // that moves offsets is still better than a panic.
            Ok(String::from_utf8(bytes)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
        }
    }
}

/// Why a path is not a regular file, if it is not (reading a FIFO or a device could block or
/// never end).
fn not_regular(meta: &std::fs::Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("is a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("not a regular file (a FIFO); pipe it to `hedgelint check -` instead");
        }
        if t.is_socket() {
            return Some("not a regular file (a socket)");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("not a regular file (a device)");
        }
    }
    Some("not a regular file")
}

/// Reads a file or stdin. A file with a NUL byte is binary: skipped, with a note.
pub fn read_with(input: &Input, encoding: Encoding) -> Result<Contents, FileError> {
    let path = input.display();
    let err = |reason: String| FileError {
        path: path.clone(),
        reason,
    };
    let bytes = match input {
        Input::Path(p) => {
            // Look before opening: opening a FIFO blocks until something writes to it.
            let meta = std::fs::metadata(p).map_err(|e| err(io_reason(&e)))?;
            if let Some(why) = not_regular(&meta) {
                return Err(err(why.to_string()));
            }
            let mut file = std::fs::File::open(p).map_err(|e| err(io_reason(&e)))?;
            let mut v = Vec::with_capacity(meta.len().try_into().unwrap_or(0));
            file.read_to_end(&mut v).map_err(|e| err(io_reason(&e)))?;
            v
        }
        Input::Stdin { .. } => {
            let mut v = Vec::new();
            std::io::stdin()
                .read_to_end(&mut v)
                .map_err(|e| err(io_reason(&e)))?;
            v
        }
    };
    if let Some(at) = memchr::memchr(0, &bytes) {
        return Ok(Contents::Skipped(err(format!(
            "skipped: binary file (NUL byte at offset {at})"
        ))));
    }
    let text = decode(bytes, encoding).map_err(err)?;
    let format = Format::from_path(Path::new(&path));
    Ok(Contents::Text(SourceFile { path, text, format }))
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
