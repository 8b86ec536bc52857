#![no_main]
//! The tokenizer and the sentence splitter on arbitrary text, with block breaks taken from the
//! input's own bytes.

use hedgelint::text::{lexer, sentence};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let tokens = lexer::tokenize(&text);
    let mut breaks: Vec<usize> = data
        .iter()
        .take(16)
        .map(|&b| b as usize % (tokens.len() + 1))
        .collect();
    breaks.sort_unstable();
    let sentences = sentence::split(&text, &tokens, &breaks);
    hedgelint_fuzz::assert_prose(&text, &tokens, &sentences);
    // Same input, same tokens.
    assert_eq!(lexer::tokenize(&text), tokens);
});
