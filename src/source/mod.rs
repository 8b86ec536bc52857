//! Source texts: what a file or stdin became (its name, text and markup), how bytes become
//! text, and the line index that turns byte offsets into lines and columns at the edges.

mod lines;

pub use lines::{ColumnEncoding, LineIndex, Position, line_span};

#[derive(Clone, Debug)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
}

/// A file that could not be checked, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileError {
    pub path: String,
    pub reason: String,
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
