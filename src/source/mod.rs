//! Source texts: what a file or stdin became (its name, text and markup), how bytes become
//! text, and the line index that turns byte offsets into lines and columns at the edges.

mod lines;
mod reach;

pub use lines::{ColumnEncoding, LineIndex, Position, line_span};
pub use reach::Reach;

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

/// A byte range moved `by` bytes on (from a piece of a text, or past a byte-order mark, to the
/// text).
pub fn shifted(r: &std::ops::Range<usize>, by: usize) -> std::ops::Range<usize> {
    r.start + by..r.end + by
}

/// A file name as every output format prints it: control characters (which could end a
/// line, start a terminal escape or a CI workflow command such as `::error`) are written as
/// escapes, `\n`, `\r`, `\t`, `\e` and `\u{XX}` for the others, so that a name is always one
/// line of plain characters. A backslash stays as it is (Windows paths).
pub fn escape_name(name: &str) -> String {
    if !name.chars().any(char::is_control) {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len() + 8);
    for c in name.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{1b}' => out.push_str("\\e"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:X}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// A path as every output format prints it: [`escape_name`], and each byte that is not part
/// of valid UTF-8 (a Unix file name can hold any byte) written `\xFF`, so that two names that
/// differ only in such bytes stay two names.
pub fn display_path(path: &std::path::Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bytes = path.as_os_str().as_bytes();
        let mut out = String::with_capacity(bytes.len());
        for chunk in bytes.utf8_chunks() {
            out.push_str(&escape_name(chunk.valid()));
            for b in chunk.invalid() {
                out.push_str(&format!("\\x{b:02X}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        escape_name(&path.display().to_string())
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

#[cfg(test)]
mod name_tests {
    use super::*;

    #[test]
    fn names_are_one_line_of_plain_characters() {
        assert_eq!(escape_name("a.md"), "a.md");
        assert_eq!(
            escape_name("x\n::error file=README.md::y\r\u{1b}[31m\u{85}.md"),
            "x\\n::error file=README.md::y\\r\\e[31m\\u{85}.md"
        );
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let a = display_path(std::path::Path::new(std::ffi::OsStr::from_bytes(
                b"a\xff.md",
            )));
            let b = display_path(std::path::Path::new(std::ffi::OsStr::from_bytes(
                b"a\xfe.md",
            )));
            assert_eq!(a, "a\\xFF.md");
            assert_ne!(a, b);
        }
    }
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
