//! A bad rule pack is reported like a finding: a diagnostic with a span into the TOML, never a
//! panic or a hang. Each case renders through codespan-reporting as the CLI does.

use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor::NoColor};
use hedgelint::rules::error::LoadError;
use hedgelint::rules::{PackFile, RuleSet};
use std::sync::Arc;

const CLASSES: &str = "[classes]\nsay = [\"say\", \"says\", \"point to\"]\n";

fn rule_with(patterns: &str) -> String {
    format!(
        "id = \"x-rule\"\nkind = \"hedge\"\nseverity = \"info\"\nmessage = \"m\"\npatterns = [{patterns}]\n[docs]\nwhat = \"w\"\nwhy = \"y\"\n"
    )
}

fn load(rule: &str) -> Vec<LoadError> {
    let files = [
        PackFile {
            name: "p/classes.toml".into(),
            text: Arc::from(CLASSES),
        },
        PackFile {
            name: "p/x-rule.toml".into(),
            text: Arc::from(rule),
        },
    ];
    RuleSet::default().add_pack("p", &files)
}

/// Renders the errors as the CLI does; returns the text.
fn render(errors: &[LoadError]) -> String {
    let mut out = NoColor::new(Vec::new());
    for e in errors {
        assert!(e.span.end <= e.text.len(), "{e:?}");
        assert!(e.text.is_char_boundary(e.span.start) && e.text.is_char_boundary(e.span.end));
        let (text, diagnostic) = e.to_diagnostic();
        let file = SimpleFile::new(e.name.as_str(), &*text);
        term::emit_to_write_style(&mut out, &term::Config::default(), &file, &diagnostic)
            .expect("renders");
    }
    String::from_utf8(out.into_inner()).expect("utf-8")
}

fn one_error(rule: &str) -> (LoadError, String) {
    let errors = load(rule);
    assert_eq!(errors.len(), 1, "{errors:?}");
    let text = render(&errors);
    (errors.into_iter().next().unwrap(), text)
}

#[test]
fn invalid_toml_points_at_the_syntax_error() {
    let rule = rule_with("\"may\"").replace("severity = \"info\"", "severity = \"info");
    let (e, text) = one_error(&rule);
    assert!(text.contains("error[config]"), "{text}");
    assert!(text.contains("p/x-rule.toml:3:"), "{text}");
    assert!(e.span.start > 0);
}

#[test]
fn unknown_key_is_named_and_pointed_at() {
    let rule = rule_with("\"may\"").replace("message = ", "mesage = ");
    let (e, text) = one_error(&rule);
    assert!(e.message.contains("mesage"), "{text}");
    assert!(text.contains("p/x-rule.toml:4:1"), "{text}");
}

#[test]
fn unparsable_pattern_points_at_the_column_inside_the_string() {
    let rule = rule_with("\"may (say\"");
    let (e, text) = one_error(&rule);
    let at = rule.find("(say").unwrap();
    assert_eq!(e.span, at..at + 1);
    assert!(e.message.contains("unclosed `(`"), "{text}");
    // Line 5, column of the `(` (patterns = ["may (say"]).
    assert!(text.contains("p/x-rule.toml:5:18"), "{text}");
}

#[test]
fn duplicate_rule_id_is_an_error_on_the_id() {
    let mut set = RuleSet::default();
    let file = |pack: &str| PackFile {
        name: format!("{pack}/x-rule.toml"),
        text: Arc::from(rule_with("\"may\"").as_str()),
    };
    assert!(set.add_pack("p", &[file("p")]).is_empty());
    let errors = set.add_pack("q", &[file("q")]);
    assert_eq!(errors.len(), 1);
    assert!(errors[0].message.contains("duplicate rule id `x-rule`"));
    let text = render(&errors);
    assert!(text.contains("q/x-rule.toml:1:6"), "{text}");
}

#[test]
fn pattern_that_matches_nothing_at_all_is_refused() {
    for p in ["\"may?\"", "\"^ $\"", "\"(a|b)?\"", "\"_{0,3}\""] {
        let (e, _) = one_error(&rule_with(p));
        assert!(e.message.contains("empty sequence"), "{p}: {e:?}");
    }
}

#[test]
fn pathological_patterns_are_refused_not_run() {
    // Long gaps and nested repetitions: each bounded, but together a match could span
    // hundreds of tokens and try thousands of steps at every token.
    for p in [
        "\"_{0,8} _{0,8} _{0,8} _{0,8} _{0,8} _{0,8} _{0,8} may\"",
        "\"((a|b){0,8}){0,8} may\"",
        "\"(((_ _){1,8}){1,8})\"",
    ] {
        let errors = load(&rule_with(p));
        assert!(!errors.is_empty(), "{p} was accepted");
        let text = render(&errors);
        assert!(
            errors.iter().any(|e| e.message.contains("limit")
                || e.message.contains("too costly")
                || e.message.contains("too large")),
            "{p}: {text}"
        );
    }
    // Deep nesting is an error too, not a stack overflow.
    let deep = format!("\"{}may{}\"", "(".repeat(5000), ")".repeat(5000));
    let errors = load(&rule_with(&deep));
    assert!(!errors.is_empty());
    render(&errors);
}

#[test]
fn unknown_class_is_named() {
    let (e, text) = one_error(&rule_with("\"@nope may\""));
    assert!(e.message.contains("unknown class `@nope`"), "{text}");
}

#[test]
fn a_good_pack_after_a_bad_one_still_loads() {
    let mut set = RuleSet::default();
    let bad = PackFile {
        name: "p/x-rule.toml".into(),
        text: Arc::from("id = "),
    };
    assert!(!set.add_pack("p", &[bad]).is_empty());
    let good = PackFile {
        name: "q/y-rule.toml".into(),
        text: Arc::from(rule_with("\"may\"").replace("x-rule", "y-rule").as_str()),
    };
    assert!(set.add_pack("q", &[good]).is_empty());
    assert!(set.get("y-rule").is_some());
}

#[test]
fn a_class_that_refers_to_itself_is_an_error_not_a_stack_overflow() {
    for classes in [
        "[classes]\nsay = [\"@say\"]\n",
        "[classes]\nsay = [\"@tell\"]\ntell = [\"@say\", \"x\"]\n",
        "[classes]\nsay = [\"a @say\"]\n",
    ] {
        let files = [
            PackFile {
                name: "p/classes.toml".into(),
                text: Arc::from(classes),
            },
            PackFile {
                name: "p/x-rule.toml".into(),
                text: Arc::from(rule_with("\"may @say\"").as_str()),
            },
        ];
        let errors = RuleSet::default().add_pack("p", &files);
        assert!(!errors.is_empty(), "{classes}");
        render(&errors);
    }
}

#[test]
fn classes_of_classes_that_multiply_are_refused() {
    // c1 has 2 words, c2 4, … c20 2^20: expanding it must stop early.
    let mut classes = String::from("[classes]\nc0 = [\"a\", \"b\"]\n");
    for i in 1..=20 {
        classes.push_str(&format!("c{i} = [\"@c{}\", \"@c{}\"]\n", i - 1, i - 1));
    }
    let files = [
        PackFile {
            name: "p/classes.toml".into(),
            text: Arc::from(classes.as_str()),
        },
        PackFile {
            name: "p/x-rule.toml".into(),
            text: Arc::from(rule_with("\"may @c20\"").as_str()),
        },
    ];
    let errors = RuleSet::default().add_pack("p", &files);
    assert!(
        errors.iter().any(|e| e.message.contains("too large")),
        "{errors:?}"
    );
    render(&errors);
}

/// Found by fuzzing (pattern_parser): an escape in the TOML string moved the error offset
/// into the middle of a char, and rendering the error panicked.
#[test]
fn pattern_error_after_an_escape_points_at_the_right_column() {
    for (pattern, bad) in [
        (r#""\u0084 (say""#, "("),
        (r#""\"May\" (say""#, "("),
        (r#""caf\u00e9 )""#, ")"),
        (r#"'literal (say'"#, "("),
        (r#""é\t\\ )""#, ")"),
    ] {
        let rule = rule_with(pattern);
        let errors = load(&rule);
        assert_eq!(errors.len(), 1, "{pattern}: {errors:?}");
        render(&errors);
        let at = rule.find(pattern).unwrap() + pattern.rfind(bad).unwrap();
        assert_eq!(errors[0].span.start, at, "{pattern}");
    }
}

#[test]
fn a_stack_of_no_cues_is_refused() {
    let rule = rule_with("\"may\"").replace(
        "patterns = [\"may\"]\n",
        "stack = { kind = \"hedge\", min = 0 }\n",
    );
    let (e, text) = one_error(&rule);
    assert!(
        e.message.contains("`stack.min` must be at least 1"),
        "{text}"
    );
    assert!(text.contains("p/x-rule.toml:1:6"), "{text}");
}

fn pack_of(n: usize, pattern: &str, classes: &str) -> Vec<LoadError> {
    let mut files = vec![PackFile {
        name: "p/classes.toml".into(),
        text: Arc::from(classes),
    }];
    for i in 0..n {
        let rule = rule_with(&format!("{pattern:?}")).replace("x-rule", &format!("x-rule-{i}"));
        files.push(PackFile {
            name: format!("p/x-rule-{i}.toml"),
            text: Arc::from(rule),
        });
    }
    RuleSet::default().add_pack("p", &files)
}

/// Bug (issue 17): the cost limit counted instructions, not comparisons: a class of 6,000
/// exact words was one instruction of 6,000 string comparisons at every token.
#[test]
fn a_class_of_thousands_of_exact_words_is_too_costly() {
    let words: Vec<String> = (0..6000).map(|i| format!("\"\\\"W{i}\\\"\"")).collect();
    let classes = format!("[classes]\nbig = [{}]\n", words.join(", "));
    // Each such pattern is 36,000 comparisons a match attempt: eight of them cross the pack's
    // bound, at the eighth.
    let errors = pack_of(8, "_ _ _ _ @big", &classes);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].message.contains("too costly"),
        "{}",
        errors[0].message
    );
    let text = render(&errors);
    assert!(text.contains("x-rule-7.toml:5:"), "{text}");
}

/// Bug (issue 17): nothing bounded a pack as a whole: a thousand patterns that each start at
/// every token (`_`) passed one by one.
#[test]
fn a_pack_is_bounded_as_a_whole() {
    let errors = pack_of(
        1000,
        "_ _ (may|might|could) _ _ _ _ _ _ _ _ _ _ _ _ _",
        CLASSES,
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].message.contains("rule pack `p` is too costly"),
        "{}",
        errors[0].message
    );
    let text = render(&errors);
    assert!(text.contains("patterns = ["), "{text}");
    // And by its number of rules.
    let errors = pack_of(2001, "may", CLASSES);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].message.contains("more than 2000 rules"),
        "{}",
        errors[0].message
    );
    // A pack of ordinary size loads.
    assert!(pack_of(20, "_ _ (may|might|could) _ _ _ _ _", CLASSES).is_empty());
}
