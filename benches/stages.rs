//! Bytes per second of each stage of the pipeline, on a sample of the shared benchmark corpus
//! (`../shared/corpus/medium`, the first files of each part up to about 2 MB), or on the
//! fixtures when the corpus is absent.
//!
//! `cargo bench --bench stages`. Whole-process throughput is `scripts/bench.sh`.

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use hedgelint::engine::{self, Workspace};
use hedgelint::lint;
use hedgelint::markup::{self, Chunk, Format, Kind};
use hedgelint::rules::RuleSet;
use hedgelint::text::lexer::{self, Token};
use hedgelint::text::prose;
use hedgelint::text::sentence;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn main() {
    divan::main();
}

/// Markdown files of the sample, concatenated per file (each file is checked on its own).
fn sample() -> &'static Vec<String> {
    static SAMPLE: OnceLock<Vec<String>> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let corpus = root.join("../shared/corpus/medium");
        let mut files: Vec<PathBuf> = Vec::new();
        if corpus.is_dir() {
            for part in ["rust-book", "rust-rfcs", "k8s-keps"] {
                let mut part_files: Vec<PathBuf> = walk(&corpus.join(part));
                part_files.sort();
                let mut bytes = 0;
                for f in part_files {
                    bytes += std::fs::metadata(&f).map_or(0, |m| m.len());
                    files.push(f);
                    if bytes > 700_000 {
                        break;
                    }
                }
            }
        } else {
            files = walk(&root.join("fixtures"));
        }
        files
            .iter()
            .filter_map(|f| std::fs::read_to_string(f).ok())
            .collect()
    })
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else if p.extension().is_some_and(|x| x == "md" || x == "txt") {
            out.push(p);
        }
    }
    out
}

fn total_bytes() -> BytesCount {
    BytesCount::new(sample().iter().map(String::len).sum::<usize>())
}

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::builtin().expect("built-in rules load"))
}

/// Markdown to prose ranges (pulldown-cmark and the mapping).
#[divan::bench]
fn markdown_mapping(b: Bencher) {
    b.counter(total_bytes()).bench(|| {
        for text in sample() {
            black_box(markup::prose_chunks(text, Format::MARKDOWN));
        }
    });
}

/// The tokenizer over the prose ranges.
#[divan::bench]
fn tokenizer(b: Bencher) {
    let chunks: Vec<Vec<Chunk>> = sample()
        .iter()
        .map(|t| markup::prose_chunks(t, Format::MARKDOWN))
        .collect();
    let mut tokens: Vec<Token> = Vec::new();
    b.counter(total_bytes()).bench_local(|| {
        for (text, chunks) in sample().iter().zip(&chunks) {
            tokens.clear();
            for c in chunks {
                if let Chunk {
                    kind: Kind::Text,
                    range: r,
                } = c
                {
                    lexer::tokenize_into(text, r.clone(), &mut tokens);
                }
            }
            black_box(&tokens);
        }
    });
}

/// Sentence segmentation over the tokens.
#[divan::bench]
fn sentence_segmentation(b: Bencher) {
    let prepared: Vec<_> = sample()
        .iter()
        .map(|t| {
            let p = prose(t, Format::MARKDOWN);
            // Breaks are where sentences of the pipeline start after a block end.
            let breaks: Vec<usize> = p.sentences.iter().map(|s| s.tokens.start).collect();
            (p.tokens, breaks)
        })
        .collect();
    b.counter(total_bytes()).bench(|| {
        for (text, (tokens, breaks)) in sample().iter().zip(&prepared) {
            black_box(sentence::split(text, tokens, breaks));
        }
    });
}

/// Rule matching, assessment and findings over ready sentences.
#[divan::bench]
fn rule_matching(b: Bencher) {
    let prepared: Vec<_> = sample()
        .iter()
        .map(|t| prose(t, Format::MARKDOWN))
        .collect();
    let mut ws = Workspace::default();
    b.counter(total_bytes()).bench_local(|| {
        for (text, p) in sample().iter().zip(&prepared) {
            black_box(lint::check_prose(rules(), text, p, &mut ws));
        }
    });
}

/// Literal ids of the tokens (part of rule matching).
#[divan::bench]
fn symbols(b: Bencher) {
    let prepared: Vec<_> = sample()
        .iter()
        .map(|t| prose(t, Format::MARKDOWN))
        .collect();
    b.counter(total_bytes()).bench(|| {
        for (text, p) in sample().iter().zip(&prepared) {
            black_box(engine::symbols(rules(), text, &p.tokens));
        }
    });
}

/// The whole check of a file, from text to findings.
#[divan::bench]
fn whole_file(b: Bencher) {
    let mut ws = Workspace::default();
    b.counter(total_bytes()).bench_local(|| {
        for text in sample() {
            black_box(lint::check(rules(), text, Format::MARKDOWN, &mut ws));
        }
    });
}

/// The pathological inputs of the performance contract (as `scripts/make-pathological.sh`
/// writes them at their contract size, from the repository's own fixture), checked like
/// `whole_file`: their bytes per second, set against `whole_file`'s, is the per-byte cost of
/// checking them without start-up and output (see the README's "Performance").
#[divan::bench(args = ["no-breaks", "long-line", "long-sentence", "hedges", "hedges-stacked", "tiny"])]
fn pathological(b: Bencher, input: &str) {
    let texts = pathological_input(input);
    let format = if input == "tiny" {
        Format::MARKDOWN
    } else {
        Format::PLAIN
    };
    let bytes = texts.iter().map(String::len).sum::<usize>();
    let mut ws = Workspace::default();
    b.counter(BytesCount::new(bytes)).bench_local(|| {
        for text in &texts {
            black_box(lint::check(rules(), text, format, &mut ws));
        }
    });
}

/// `unit` repeated and cut to `n` bytes (at a char boundary).
fn fill(unit: &str, n: usize) -> String {
    let mut s = unit.repeat(n / unit.len() + 1);
    let mut end = n.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.truncate(end);
    s
}

fn pathological_input(name: &str) -> Vec<String> {
    let prose = include_str!("../fixtures/news-style.txt");
    match name {
        "no-breaks" => {
            let lines: Vec<&str> = prose.lines().filter(|l| !l.trim().is_empty()).collect();
            vec![fill(&(lines.join("\n") + "\n"), 3_000_000)]
        }
        "long-line" => vec![fill(&prose.replace('\n', " "), 1_000_000)],
        "long-sentence" => vec![fill(
            "and some analysts say that it could rain over the city ",
            50_000,
        )],
        "hedges" => vec![fill("It may rain, perhaps. ", 22 * 5_000)],
        "hedges-stacked" => vec![fill("may ", 40_000)],
        "tiny" => vec!["Experts say it may rain.\n".to_string(); 100_000],
        other => panic!("no pathological input {other:?}"),
    }
}

/// Loading and compiling the built-in rule packs (start-up).
#[divan::bench]
fn rule_loading() -> RuleSet {
    RuleSet::builtin().expect("built-in rules load")
}
