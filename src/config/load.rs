//! Reading configuration from disk: where it comes from ([`Source`]), finding
//! `hedgelint.toml` upward, reading and parsing it, and reading a user's rule pack folder. The
//! only part of the configuration that touches the file system.

use super::*;

/// Where the configuration comes from.
#[derive(Clone, Debug)]
pub enum Source {
    /// Look for a config file from this directory upward.
    Discover(PathBuf),
    /// `--config PATH`.
    File(PathBuf),
    /// `--no-config`.
    None,
}

/// Finds the config file from `dir` upward.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .flat_map(|d| FILE_NAMES.iter().map(move |n| d.join(n)))
        .find(|p| p.is_file())
}

/// Whether `path`, with every symbolic link resolved, lies in `root` (also resolved).
pub(super) fn inside(path: &Path, root: &Path) -> bool {
    let Ok(root) = root.canonicalize() else {
        return false;
    };
    // A path that does not exist shows nothing: it is reported as missing when it is read.
    path.canonicalize()
        .is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound)
        || path.canonicalize().is_ok_and(|p| p.starts_with(&root))
}

/// Whether a file is reached through a symbolic link (itself or a folder on the way) that
/// resolves outside the folder it is named in.
fn leaves_folder(path: &Path) -> bool {
    let Some(folder) = path.parent() else {
        return false;
    };
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    path.exists() && !inside(path, folder)
}

/// An error that is not about a span of the file (it cannot be read, …).
fn plain_error(name: &str, message: String) -> LoadError {
    LoadError {
        name: name.to_string(),
        text: Arc::from(""),
        span: 0..0,
        message,
    }
}

/// Reads and parses the config file (strictly: unknown keys and bad values are errors).
/// Relative paths are relative to `cwd` (the front end's current directory: the library never
/// asks the process for it).
pub fn load(source: &Source, cwd: &Path) -> Result<RawConfig, Vec<LoadError>> {
    let cwd = normalize(cwd);
    let path = match source {
        Source::None => None,
        Source::File(p) => Some(p.clone()),
        Source::Discover(dir) => discover(&normalize(&cwd.join(dir))),
    };
    let Some(path) = path else {
        return Ok(RawConfig {
            file: None,
            path: None,
            root: cwd.clone(),
            cwd,
            toml: ConfigToml::default(),
        });
    };
    let name = path.display().to_string();
    // A config file that is a symbolic link out of its folder (the project root) is not the
    // project's: one found by looking upward is not read at all (a repository's
    // `hedgelint.toml -> /proc/self/environ` printed the environment in the parse error); one
    // named with `--config` is read, but never shown in an excerpt.
    let outside = leaves_folder(&normalize(&cwd.join(&path)));
    if outside && matches!(source, Source::Discover(_)) {
        return Err(vec![plain_error(
            &name,
            format!(
                "config file {name} is a symbolic link to a file outside its folder; not read \
                 (name it with `--config` to use it)"
            ),
        )]);
    }
    let text = std::fs::read_to_string(&path).map_err(|e| {
        vec![plain_error(
            &name,
            format!(
                "cannot read config file {name}: {}",
                crate::source::io_reason(&e)
            ),
        )]
    })?;
    let file = PackFile {
        name,
        text: Arc::from(text),
    };
    let toml: ConfigToml = toml::from_str(&file.text).map_err(|e| {
        if outside {
            let line = e
                .span()
                .map_or(1, |r| file.text[..r.start].matches('\n').count() + 1);
            vec![plain_error(
                &file.name,
                format!(
                    "config file {} is not a valid config (line {line}); it lies outside the \
                     project, so nothing of it is shown",
                    file.name
                ),
            )]
        } else {
            vec![LoadError::from_toml(&file, &e)]
        }
    })?;
    let abs = normalize(&cwd.join(&path));
    let root = abs.parent().map(Path::to_path_buf).unwrap_or_default();
    Ok(RawConfig {
        file: Some(file),
        path: Some(path),
        root,
        cwd,
        toml,
    })
}

/// The TOML files of a user's rule pack folder (recursively), sorted by path.
pub(super) fn read_pack_dir(dir: &Path) -> Result<Vec<PackFile>, String> {
    let meta = std::fs::metadata(dir).map_err(|e| crate::source::io_reason(&e))?;
    if !meta.is_dir() {
        return Err("not a directory".into());
    }
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| e.to_string())?;
        let p = entry.path();
        if entry.file_type().is_file() && p.extension().is_some_and(|x| x == "toml") {
            let text = std::fs::read_to_string(p)
                .map_err(|e| format!("{}: {}", p.display(), crate::source::io_reason(&e)))?;
            out.push(PackFile {
                name: p.display().to_string(),
                text: Arc::from(text),
            });
        }
    }
    Ok(out)
}
