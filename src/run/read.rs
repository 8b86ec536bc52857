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

/// How much of a file is read before it is checked for a NUL byte: a binary file (a sparse
/// file of gigabytes of NULs) is skipped without being read whole.
const SNIFF: usize = 8 << 10;

/// Reads at most `limit` bytes of `r` into `v`; whether there was more.
fn read_up_to(r: &mut impl Read, limit: u64, v: &mut Vec<u8>) -> std::io::Result<bool> {
    r.take(limit).read_to_end(v)?;
    let mut one = [0u8; 1];
    loop {
        match r.read(&mut one) {
            Ok(n) => return Ok(n > 0),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
}

fn too_large(limit: u64) -> String {
    format!(
        "larger than {limit} bytes, the most hedgelint reads from one file (raise it with \
         `--max-file-size`)"
    )
}

/// Reads a file or stdin. A file with a NUL byte is binary: skipped, with a note. A file is
/// read as it was when it was opened (its size then: a file that grows, a log being written,
/// is not followed), and at most `max_size` bytes (0: [`super::MAX_FILE_SIZE`]) are read.
/// UTF-16 text (its byte-order mark) is an error: hedgelint reads UTF-8.
pub fn read_with(input: &Input, encoding: Encoding, max_size: u64) -> Result<Contents, FileError> {
    let limit = if max_size == 0 {
        super::MAX_FILE_SIZE
    } else {
        max_size
    };
    let path = input.display();
    let err = |reason: String| FileError {
        path: path.clone(),
        reason,
    };
    let binary = |bytes: &[u8]| {
        memchr::memchr(0, bytes).map(|at| {
            Contents::Skipped(err(format!(
                "skipped: binary file (NUL byte at offset {at})"
            )))
        })
    };
    let utf16 = |bytes: &[u8]| {
        let bom = match bytes {
            [0xFF, 0xFE, ..] => "FF FE",
            [0xFE, 0xFF, ..] => "FE FF",
            _ => return None,
        };
        Some(err(format!(
            "UTF-16 text (byte-order mark {bom}): not checked; hedgelint reads UTF-8 (convert \
             it, e.g. with `iconv -f UTF-16 -t UTF-8`)"
        )))
    };
    let mut bytes = Vec::new();
    match input {
        Input::Path(p) => {
            // Look before opening: opening a FIFO blocks until something writes to it.
            let meta = std::fs::metadata(p).map_err(|e| err(io_reason(&e)))?;
            if let Some(why) = not_regular(&meta) {
                return Err(err(why.to_string()));
            }
            let mut file = std::fs::File::open(p).map_err(|e| err(io_reason(&e)))?;
            let size = file.metadata().map_or(meta.len(), |m| m.len());
            let sniff = size.min(SNIFF as u64);
            (&mut file)
                .take(sniff)
                .read_to_end(&mut bytes)
                .map_err(|e| err(io_reason(&e)))?;
            if let Some(e) = utf16(&bytes) {
                return Err(e);
            }
            if let Some(skipped) = binary(&bytes) {
                return Ok(skipped);
            }
            if size > limit {
                return Err(err(too_large(limit)));
            }
            // What was there when it was opened: not what is written to it since.
            bytes.reserve_exact((size - sniff) as usize);
            (&mut file)
                .take(size - sniff)
                .read_to_end(&mut bytes)
                .map_err(|e| err(io_reason(&e)))?;
        }
        Input::Stdin { .. } => {
            let more = read_up_to(&mut std::io::stdin().lock(), limit, &mut bytes)
                .map_err(|e| err(io_reason(&e)))?;
            if let Some(e) = utf16(&bytes) {
                return Err(e);
            }
            if more {
                return Err(err(too_large(limit)));
            }
        }
    }
    if let Some(skipped) = binary(&bytes) {
        return Ok(skipped);
    }
    let text = decode(bytes, encoding).map_err(err)?;
    Ok(Contents::Text(SourceFile { path, text }))
}
