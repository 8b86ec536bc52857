//! Reading an input: a file (never a FIFO or device) or stdin, binary files skipped, bytes
//! decoded into text.

use super::walk::Input;
use crate::source::{Encoding, FileError, SourceFile, decode, io_reason};
use std::io::Read;

/// What became of a file that could be read.
#[derive(Clone, Debug)]
pub enum Contents {
    /// Text to check.
    Text(SourceFile),
    /// Not checked, and why (a binary file): a note, not an error.
    Skipped(FileError),
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
    Ok(Contents::Text(SourceFile { path, text }))
}
