//! The rule-pattern language: parsing (nom), compilation to a small token program, and a
//! Pike-VM matcher that runs in time linear in the tokens (every pattern has a bounded length,
//! so a match attempt from one token is bounded whatever the pattern says).
//!
//! Grammar (documented for users in `docs/rules.md`):
//!
//! ```text
//! pattern     = alternation
//! alternation = sequence ("|" sequence)*
//! sequence    = item (" " item)*
//! item        = "!"? atom quantifier?
//! quantifier  = "?" | "{" N "}" | "{" N "," M "}"
//! atom        = "(" alternation ")" | "@" name | "_" | "^" | "$" | '"' text '"' | word
//! ```

pub mod literals;
mod program;
mod syntax;
mod vm;

pub use program::*;
pub use syntax::*;
pub use vm::*;

/// The longest bounded repetition a pattern may ask for.
pub const MAX_REPEAT: u32 = 8;
/// The largest compiled program a pattern may produce.
pub const MAX_PROGRAM: usize = 4096;
/// The deepest a pattern's groups may nest.
pub const MAX_NESTING: usize = 32;
/// The most tokens one match may span.
pub const MAX_MATCH: usize = 48;
/// The most work one match attempt may take: the program's steps, each weighed by the token
/// comparisons its test makes (a class of 6,000 exact words is one step of 6,000
/// comparisons), × (longest match + 1). A match attempt runs at most that much work, so no
/// pattern can make matching slower than this per token. See [`Program::cost`].
pub const MAX_COST: usize = 1 << 16;
/// The most work all the patterns of one rule pack may take together ([`Program::cost`]
/// summed): a pattern that starts with `_` or `!@class` is tried at every token, and a pack of
/// thousands of patterns each under [`MAX_COST`] made checking 300–1000× slower. The built-in
/// packs take about a quarter of it (66,000) (a pack at the bound costs a handful of times what
/// the built-in rules do, not hundreds).
pub const MAX_PACK_COST: usize = 1 << 18;
/// The most rules one pack may hold.
pub const MAX_PACK_RULES: usize = 2000;

/// `items[i]`, or for `i` past the end the last item, which the tables read this way keep
/// empty (no programs, no bits): the matcher looks tokens up by literal id, and whether a
/// token is a literal (or in a set) is not predictable, so the index is clamped rather than
/// tested. `None` only for an empty slice.
#[inline]
pub(crate) fn at_or_last<T>(items: &[T], i: usize) -> Option<&T> {
    items.get(i.min(items.len().saturating_sub(1)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustc_hash::FxHashMap;

    #[derive(Default)]
    struct TestEnv {
        words: FxHashMap<String, u32>,
        classes: FxHashMap<String, std::rc::Rc<Ast>>,
    }
    impl Env for TestEnv {
        fn intern(&mut self, word: &str) -> u32 {
            let n = self.words.len() as u32;
            *self.words.entry(word.to_string()).or_insert(n)
        }
        fn class(&self, name: &str) -> Option<std::rc::Rc<Ast>> {
            self.classes.get(name).cloned()
        }
    }

    struct Toks<'a> {
        words: Vec<&'a str>,
        syms: Vec<u32>,
    }
    impl TokenView for Toks<'_> {
        fn sym(&self, i: usize) -> u32 {
            self.syms[i]
        }
        fn text(&self, i: usize) -> &str {
            self.words[i]
        }
        fn is(&self, i: usize, class: Builtin) -> bool {
            let w = self.words[i];
            match class {
                Builtin::Number => w.chars().all(|c| c.is_ascii_digit()),
                Builtin::Cap => w.chars().next().is_some_and(char::is_uppercase),
                _ => false,
            }
        }
    }

    fn run(pattern: &str, text: &str) -> Option<(usize, usize)> {
        let mut env = TestEnv::default();
        env.classes.insert(
            "say".into(),
            parse("say|says|suggest|point to").unwrap().into(),
        );
        let p = compile(&parse(pattern).unwrap(), &mut env).unwrap();
        let words: Vec<&str> = text.split_whitespace().collect();
        let syms = words
            .iter()
            .map(|w| {
                env.words
                    .get(&w.to_lowercase())
                    .copied()
                    .unwrap_or(u32::MAX)
            })
            .collect();
        let toks = Toks { words, syms };
        let mut s = Scratch::default();
        (0..toks.words.len()).find_map(|i| {
            p.longest_at(&toks, 0, toks.words.len(), i, &mut s)
                .map(|e| (i, e))
        })
    }

    #[test]
    fn parses_the_grammar() {
        assert_eq!(
            parse("(some|many) analysts? @say _{0,2} !that \"May\" ^ $").unwrap(),
            Ast::Seq(vec![
                Ast::Alt(vec![Ast::Word("some".into()), Ast::Word("many".into())]),
                Ast::Repeat(Box::new(Ast::Word("analysts".into())), 0, 1),
                Ast::Class("say".into()),
                Ast::Repeat(Box::new(Ast::Any), 0, 2),
                Ast::Not(Box::new(Ast::Word("that".into()))),
                Ast::Exact("May".into()),
                Ast::Start,
                Ast::End,
            ])
        );
    }

    #[test]
    fn a_plain_word_parses_as_the_grammar_reads_it() {
        // The short way for plain words gives what the parser gives (the parser reads a
        // group of one word as that word).
        for w in ["aides", "Long-standing", "2019", "x"] {
            assert_eq!(parse(w), parse(&format!("({w})")), "{w}");
            assert_eq!(parse(w), Ok(Ast::Word(w.to_lowercase())));
        }
        assert!(matches!(parse("said to"), Ok(Ast::Seq(_))));
        assert!(parse("-").is_ok());
    }

    #[test]
    fn parse_errors_point_at_the_column() {
        let e = parse("some (analysts").unwrap_err();
        assert_eq!(e.offset, 5, "{e:?}");
        let e = parse("some analysts )").unwrap_err();
        assert_eq!(e.offset, 14, "{e:?}");
        let e = parse("some {2} x").unwrap_err();
        assert_eq!(e.offset, 5, "{e:?}");
        assert!(e.message.contains('{'), "{e:?}");
    }

    #[test]
    fn matches_longest_with_classes_and_gaps() {
        assert_eq!(
            run("some analysts @say", "while some analysts suggest it"),
            Some((1, 4))
        );
        assert_eq!(run("others @say", "others point to it"), Some((0, 3)));
        assert_eq!(run("it _{0,2} clear", "it is very clear"), Some((0, 4)));
        assert_eq!(run("it _{0,1} clear", "it is very clear"), None);
        assert_eq!(run("around @number", "around 13000 troops"), Some((0, 2)));
        assert_eq!(run("\"May\" @number", "may 2024"), None);
        assert_eq!(run("^ some", "and some"), None);
        assert_eq!(run("the !very clear", "the very clear"), None);
        assert_eq!(run("the !very clear", "the most clear"), Some((0, 3)));
    }

    #[test]
    fn rejects_empty_and_unbounded() {
        let mut env = TestEnv::default();
        assert!(compile(&parse("a?").unwrap(), &mut env).is_err());
        assert!(compile(&parse("^").unwrap(), &mut env).is_err());
        assert!(compile(&parse("a{0,100}").unwrap(), &mut env).is_err());
        assert!(compile(&parse("@nope").unwrap(), &mut env).is_err());
    }

    #[test]
    fn builtin_bits_follow_the_names() {
        for (i, name) in Builtin::NAMES.iter().enumerate() {
            let b = Builtin::from_index(i).unwrap();
            assert_eq!(Builtin::from_name(name), Some(b));
            assert_eq!(b.bit(), 1 << i);
        }
        assert_eq!(Builtin::NAMES.len(), Builtin::COUNT);
    }

    #[test]
    fn second_token_filter_rules_out_attempts_but_not_matches() {
        // A one-token pattern has no second-token filter; a longer one does, and a match that
        // ends at the sentence end still matches.
        assert_eq!(run("(ever|never) $", "never"), Some((0, 1)));
        assert_eq!(run("some analysts", "some"), None);
        assert_eq!(run("some @number", "some 12"), Some((0, 2)));
        assert_eq!(run("some _", "some x"), Some((0, 2)));
    }

    #[test]
    fn second_token_filter_given_the_first_literal() {
        let mut env = TestEnv::default();
        let p = compile(&parse("(ever|in history|of all time) $").unwrap(), &mut env).unwrap();
        let id = |w: &str| env.words[w];
        let toks = |text: &'static str| {
            let words: Vec<&str> = text.split_whitespace().collect();
            let syms = words
                .iter()
                .map(|w| env.words.get(*w).copied().unwrap_or(u32::MAX))
                .collect();
            Toks { words, syms }
        };
        // Any first token: "ever" may end the match, so nothing is ruled out.
        assert!(p.second_given(None).is_none_or(|f| f.end));
        // After "in" only "history" can follow; after "ever" only the end of the sentence.
        let after_in = p.second_given(Some(id("in"))).expect("a filter");
        assert!(after_in.accepts_after(&toks("in history"), 0, 2));
        assert!(!after_in.accepts_after(&toks("in the"), 0, 2));
        assert!(!after_in.accepts_after(&toks("in"), 0, 1));
        let after_ever = p.second_given(Some(id("ever"))).expect("a filter");
        assert!(after_ever.accepts_after(&toks("ever"), 0, 1));
        assert!(!after_ever.accepts_after(&toks("ever history"), 0, 2));
        // And the matches are the same.
        assert_eq!(
            run("(ever|in history|of all time) $", "best ever"),
            Some((1, 2))
        );
        assert_eq!(
            run("(ever|in history|of all time) $", "in history"),
            Some((0, 2))
        );
        assert_eq!(run("(ever|in history|of all time) $", "ever seen"), None);
    }

    #[test]
    fn first_literals_index_the_pattern() {
        let mut env = TestEnv::default();
        let p = compile(&parse("(some|many) x").unwrap(), &mut env).unwrap();
        assert_eq!(p.first_literals().map(|v| v.len()), Some(2));
        let p = compile(&parse("@number x").unwrap(), &mut env).unwrap();
        assert_eq!(p.first_literals(), None);
    }

    #[test]
    fn needs_are_the_tokens_every_match_has() {
        let mut env = TestEnv::default();
        env.classes.insert(
            "say".into(),
            parse("say|says|suggest|point to").unwrap().into(),
        );
        let p = compile(&parse("@cap , _{0,3} @say").unwrap(), &mut env).unwrap();
        let id = |env: &TestEnv, w: &str| env.words[w];
        let needs: Vec<Vec<u32>> = p.needs().iter().map(|n| n.literals.clone()).collect();
        // `,`, then the first word of each way to say it; not the class that starts it.
        let mut say = vec![
            id(&env, "say"),
            id(&env, "says"),
            id(&env, "suggest"),
            id(&env, "point"),
        ];
        say.sort_unstable();
        assert_eq!(needs, vec![vec![id(&env, ",")], say]);
        assert!(p.needs().iter().all(|n| n.builtins == 0));
        // An alternative of sequences needs one of its first words; optional words are not needed.
        let p = compile(
            &parse("x (by|published in) y? (z|@number)").unwrap(),
            &mut env,
        )
        .unwrap();
        let by = [id(&env, "by"), id(&env, "published")];
        assert!(
            p.needs()
                .iter()
                .any(|n| n.literals.iter().all(|l| by.contains(l)) && n.literals.len() == 2)
        );
        assert!(
            p.needs()
                .iter()
                .any(|n| n.literals == [id(&env, "z")] && n.builtins == Builtin::Number.bit())
        );
        // `y` is optional: a need may hold it beside `z`, never alone.
        assert!(!p.needs().iter().any(|n| n.literals == [id(&env, "y")]));
        assert!(!p.must_end());
        // `_`, `!x` and the end of the sentence are no need.
        let p = compile(&parse("x _ !y (z|$)").unwrap(), &mut env).unwrap();
        assert!(p.needs().is_empty());
        assert!(
            compile(&parse("^ _? @number _? $").unwrap(), &mut env)
                .unwrap()
                .must_end()
        );
    }

    #[test]
    fn a_need_after_the_first_token_goes_through_alternatives() {
        let mut env = TestEnv::default();
        let p = compile(&parse("(a x|b y z|c @number) w?").unwrap(), &mut env).unwrap();
        let id = |w: &str| env.words[w];
        let need = p.need_after_first().expect("a need");
        let mut lits = vec![id("x"), id("y")];
        lits.sort_unstable();
        assert_eq!(need.literals, lits);
        assert_eq!(need.builtins, Builtin::Number.bit());
        // A branch that needs nothing more, or only any word, leaves no need.
        let p = compile(&parse("(a x|b)").unwrap(), &mut env).unwrap();
        assert!(p.need_after_first().is_none());
        let p = compile(&parse("a @word").unwrap(), &mut env).unwrap();
        assert!(p.need_after_first().is_none());
    }
}
