//! Time linear in the input, with the default rules (issue 17): each shape that was quadratic,
//! linted at two sizes, four times apart. Linear time makes the ratio about 4; the quadratic
//! code made it 13–16. The bound (8) leaves room for a loaded machine: the shapes run one at a
//! time (not beside each other on the test threads), the two sizes alternate, and the best of
//! five runs is taken at each size.

use hedgelint::config::Config;
use hedgelint::engine::Workspace;
use hedgelint::lint::lint;
use hedgelint::rules::RuleSet;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::builtin().expect("built-in rules load"))
}

/// One lint of `text`: its time and how many findings it gave.
fn timed(path: &str, text: &str) -> (Duration, usize) {
    let config = Config::default();
    let ws = &mut Workspace::default();
    let t = Instant::now();
    let linted = lint(rules(), &config, path, text, ws);
    (t.elapsed(), linted.findings.len())
}

/// Lints `make(n)` and `make(4 n)` and checks the time grows at most 8-fold.
fn linear(path: &str, n: usize, make: impl Fn(usize) -> String) {
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let small = make(n);
    let big = make(4 * n);
    let (mut ts, mut tb) = (Duration::MAX, Duration::MAX);
    let (mut fs, mut fb) = (0, 0);
    for _ in 0..5 {
        let (t, f) = timed(path, &small);
        (ts, fs) = (ts.min(t), f);
        let (t, f) = timed(path, &big);
        (tb, fb) = (tb.min(t), f);
    }
    let ratio = tb.as_secs_f64() / ts.as_secs_f64().max(1e-4);
    assert!(
        ratio <= 8.0,
        "{path}: {} bytes in {ts:?} ({fs} findings), {} bytes in {tb:?} ({fb} findings): ×{ratio:.1}",
        small.len(),
        big.len()
    );
}

#[test]
fn many_disable_line_comments_on_one_line() {
    linear("a.md", 1500, |n| {
        format!(
            "Experts say it may rain. {}\n",
            "<!-- hedgelint-disable-line hedge --> ".repeat(n)
        )
    });
}

#[test]
fn many_plain_text_directives() {
    linear("a.txt", 1500, |n| {
        "hedgelint: disable-next-line hedge\nExperts say it may rain.\n".repeat(n)
    });
}

#[test]
fn many_disables_closed_by_other_rules() {
    linear("a.md", 1000, |n| {
        let mut s = "<!-- hedgelint-disable hedge -->\n".repeat(n);
        s.push_str(&"<!-- hedgelint-enable weasel -->\nExperts say it may rain.\n".repeat(n));
        s
    });
}

#[test]
fn exceptions_in_one_long_sentence() {
    linear("a.txt", 1500, |n| "might could swim ".repeat(n));
}

#[test]
fn vague_cues_overlapping_hedges_in_one_sentence() {
    linear("a.txt", 1000, |n| "experts say it may rain and ".repeat(n));
}

#[test]
fn a_run_of_opening_quotes_then_closing_ones() {
    linear("a.txt", 3000, |n| {
        format!(
            "He said {}maybe{}.\n",
            "\u{201C}".repeat(n),
            "\u{2019}".repeat(n)
        )
    });
    linear("a.txt", 3000, |n| {
        format!(
            "He said {}maybe{}.\n",
            "\u{2018}".repeat(n),
            "\u{201D}".repeat(n)
        )
    });
}

/// `[[overrides]]` are matched in one pass over one compiled set, not entry by entry: the
/// settings of 2,000 paths cost about the same under 2,000 entries as under 8,000 (entry by
/// entry made it 4×, and 10,000 entries made the medium corpus 20× slower to check). The
/// globs are of the shapes globset matches in one pass whatever their number (a folder, an
/// extension, a name pattern); see docs/config.md for the one it tests one by one.
#[test]
fn many_overrides_cost_one_match_a_path() {
    use hedgelint::config::{Flags, Source, load};
    let settle = |n: usize| {
        let d = tempfile::tempdir().expect("tempdir");
        let mut t = String::new();
        for i in 0..n {
            t.push_str(&format!(
                "[[overrides]]\nfiles = [\"nowhere-{i}/**\", \"*.draft{i}\", \"y{i}-*.txt\"]\nignore = [\"hedge\"]\n"
            ));
        }
        let file = d.path().join("hedgelint.toml");
        std::fs::write(&file, t).expect("write");
        let raw = load(&Source::File(file), d.path()).expect("loads");
        let config = raw.resolve(rules(), &Flags::default()).expect("resolves");
        let paths: Vec<String> = (0..2000).map(|i| format!("docs/part{i}/a.md")).collect();
        let mut best = Duration::MAX;
        for _ in 0..3 {
            let t = Instant::now();
            for p in &paths {
                assert!(config.settings_for(p).ignore.is_empty());
            }
            best = best.min(t.elapsed());
        }
        best
    };
    let (small, big) = (settle(2000), settle(8000));
    let ratio = big.as_secs_f64() / small.as_secs_f64().max(1e-4);
    assert!(ratio <= 2.5, "{small:?} then {big:?}: ×{ratio:.1}");
}
