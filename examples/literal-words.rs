//! Prints every literal word of the built-in rule packs, one a line (the word list
//! `scripts/bench.sh` gives ripgrep for the baseline).

use std::io::Write;

fn main() -> std::io::Result<()> {
    let rules = hedgelint::rules::RuleSet::builtin()
        .map_err(|_| std::io::Error::other("the built-in rule packs do not load"))?;
    let mut words: Vec<&str> = rules.words.keys().map(|w| &**w).collect();
    words.retain(|w| w.chars().any(char::is_alphanumeric));
    words.sort_unstable();
    let mut out = std::io::stdout().lock();
    for w in words {
        writeln!(out, "{w}")?;
    }
    Ok(())
}
