//! `hedgelint init`: writes the commented starter config, never over an existing one.

use hedgelint::config::{FILE_NAMES, STARTER};
use hedgelint::run::EXIT_ERROR;
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct InitArgs {
    /// The directory to write `hedgelint.toml` in.
    #[arg(default_value = ".")]
    dir: PathBuf,
}

pub fn run(args: InitArgs) -> i32 {
    let mut err = std::io::stderr();
    if let Some(existing) = FILE_NAMES
        .iter()
        .map(|n| args.dir.join(n))
        .find(|p| p.exists())
    {
        let _ = writeln!(
            err,
            "error: {} already exists; not overwriting it",
            existing.display()
        );
        return EXIT_ERROR;
    }
    let path = args.dir.join(FILE_NAMES[0]);
    // `create_new` so that a file appearing meanwhile is not overwritten either.
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .and_then(|mut f| f.write_all(STARTER.as_bytes()));
    match written {
        Ok(()) => {
            let _ = writeln!(err, "wrote {}", path.display());
            0
        }
        Err(e) => {
            let _ = writeln!(
                err,
                "error: cannot write {}: {}",
                path.display(),
                hedgelint::source::io_reason(&e)
            );
            EXIT_ERROR
        }
    }
}
