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
/// differ only in such bytes stay two names. On Unix, where `\` is an ordinary character of a
/// name, it is written `\\`, so that no name reads as another's escape and
/// [`name_bytes`] gives the name back.
pub fn display_path(path: &std::path::Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bytes = path.as_os_str().as_bytes();
        let mut out = String::with_capacity(bytes.len());
        for chunk in bytes.utf8_chunks() {
            out.push_str(&escape_name(&chunk.valid().replace('\\', "\\\\")));
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

/// The bytes of the name [`display_path`] printed as `shown` (on Unix it undoes the escapes;
/// elsewhere names are not escaped but for control characters, which Windows forbids), for
/// a format that encodes bytes itself, such as a SARIF URI. A `\` that starts no escape stays.
pub fn name_bytes(shown: &str) -> Vec<u8> {
    if !cfg!(unix) || !shown.contains('\\') {
        return shown.as_bytes().to_vec();
    }
    let b = shown.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let (byte, len) = match (b[i], b.get(i + 1)) {
            (b'\\', Some(b'\\')) => (Some(b'\\'), 2),
            (b'\\', Some(b'n')) => (Some(b'\n'), 2),
            (b'\\', Some(b'r')) => (Some(b'\r'), 2),
            (b'\\', Some(b't')) => (Some(b'\t'), 2),
            (b'\\', Some(b'e')) => (Some(0x1b), 2),
            (b'\\', Some(b'x')) => match shown.get(i + 2..i + 4) {
                Some(h) => (u8::from_str_radix(h, 16).ok(), 4),
                None => (None, 1),
            },
            (b'\\', Some(b'u')) => {
                let rest = &shown[i + 2..];
                let c = rest
                    .strip_prefix('{')
                    .and_then(|r| r.split_once('}'))
                    .and_then(|(h, _)| Some((h.len(), u32::from_str_radix(h, 16).ok()?)))
                    .and_then(|(n, v)| Some((n, char::from_u32(v)?)));
                if let Some((n, c)) = c {
                    out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                    i += n + 4;
                    continue;
                }
                (None, 1)
            }
            _ => (None, 1),
        };
        match byte {
            Some(x) => out.push(x),
            None => out.push(b[i]),
        }
        i += if byte.is_some() { len } else { 1 };
    }
    out
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
            // A name spelled like another's escape is a third name.
            let c = display_path(std::path::Path::new("a\\xFF.md"));
            assert_eq!(c, "a\\\\xFF.md");
            for raw in [
                &b"a\xff.md"[..],
                b"a\\xFF.md",
                b"x\n::error\r\x1b[2J\xc2\x85\\.md",
                b"\\u{zz}\\",
            ] {
                let shown = display_path(std::path::Path::new(std::ffi::OsStr::from_bytes(raw)));
                assert_eq!(name_bytes(&shown), raw, "{shown}");
            }
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
