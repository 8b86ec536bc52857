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
    let toml: ConfigToml =
        toml::from_str(&file.text).map_err(|e| vec![LoadError::from_toml(&file, &e)])?;
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
