#![no_main]
//! Markdown (and plain text) to prose: chunks and the whole prose stage on arbitrary text.

use hedgelint::markup::prose_chunks;
use hedgelint::text::prose;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for format in hedgelint_fuzz::FORMATS {
        let chunks = prose_chunks(&text, format);
        hedgelint_fuzz::assert_chunks(&text, &chunks);
        let p = prose(&text, format);
        hedgelint_fuzz::assert_prose(&text, &p.tokens, &p.sentences);
    }
});
