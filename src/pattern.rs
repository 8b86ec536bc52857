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

use nom::{
    IResult,
    branch::alt,
    bytes::complete::take_while1,
    character::complete::{char, digit1, multispace0, multispace1},
    combinator::{all_consuming, map, opt},
    multi::separated_list1,
    sequence::{delimited, preceded, tuple},
};

/// The longest bounded repetition a pattern may ask for.
pub const MAX_REPEAT: u32 = 8;
/// The largest compiled program a pattern may produce.
pub const MAX_PROGRAM: usize = 4096;

#[derive(Clone, Debug, PartialEq)]
pub enum Ast {
    /// A word, matched case-insensitively.
    Word(String),
    /// A quoted word, matched exactly (case-sensitive): `"May"`.
    Exact(String),
    /// `@name`: a built-in class or a class of the rule pack.
    Class(String),
    /// `_`: any one token.
    Any,
    /// `^` / `$`: the sentence starts / ends here.
    Start,
    End,
    /// `!x`: one token that `x` does not match (x must match exactly one token).
    Not(Box<Ast>),
    Seq(Vec<Ast>),
    Alt(Vec<Ast>),
    Repeat(Box<Ast>, u32, u32),
}

/// A parse error: the byte offset inside the pattern string and what was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternError {
    pub offset: usize,
    pub message: String,
}

fn is_word_char(c: char) -> bool {
    !c.is_whitespace()
        && !matches!(
            c,
            '(' | ')' | '|' | '?' | '{' | '}' | '@' | '!' | '"' | '^' | '$' | '_'
        )
}

fn word(i: &str) -> IResult<&str, Ast> {
    map(take_while1(is_word_char), |w: &str| {
        Ast::Word(w.to_lowercase().replace('\u{2019}', "'"))
    })(i)
}

fn exact(i: &str) -> IResult<&str, Ast> {
    map(
        delimited(char('"'), take_while1(|c| c != '"'), char('"')),
        |w: &str| Ast::Exact(w.to_string()),
    )(i)
}

fn class(i: &str) -> IResult<&str, Ast> {
    map(
        preceded(
            char('@'),
            take_while1(|c: char| c.is_alphanumeric() || c == '-' || c == '_'),
        ),
        |n: &str| Ast::Class(n.to_string()),
    )(i)
}

fn group(i: &str) -> IResult<&str, Ast> {
    delimited(
        tuple((char('('), multispace0)),
        alternation,
        tuple((multispace0, char(')'))),
    )(i)
}

fn atom(i: &str) -> IResult<&str, Ast> {
    alt((
        group,
        class,
        exact,
        map(char('_'), |_| Ast::Any),
        map(char('^'), |_| Ast::Start),
        map(char('$'), |_| Ast::End),
        word,
    ))(i)
}

fn number(i: &str) -> IResult<&str, u32> {
    map(digit1, |d: &str| d.parse().unwrap_or(u32::MAX))(i)
}

fn quantifier(i: &str) -> IResult<&str, (u32, u32)> {
    alt((
        map(char('?'), |_| (0, 1)),
        map(
            delimited(
                char('{'),
                tuple((number, opt(preceded(char(','), number)))),
                char('}'),
            ),
            |(a, b)| (a, b.unwrap_or(a)),
        ),
    ))(i)
}

fn item(i: &str) -> IResult<&str, Ast> {
    let (i, neg) = opt(char('!'))(i)?;
    let (i, a) = atom(i)?;
    let (i, q) = opt(quantifier)(i)?;
    let a = if neg.is_some() {
        Ast::Not(Box::new(a))
    } else {
        a
    };
    Ok((
        i,
        match q {
            Some((min, max)) => Ast::Repeat(Box::new(a), min, max),
            None => a,
        },
    ))
}

fn sequence(i: &str) -> IResult<&str, Ast> {
    map(separated_list1(multispace1, item), |mut v| {
        if v.len() == 1 {
            v.remove(0)
        } else {
            Ast::Seq(v)
        }
    })(i)
}

fn alternation(i: &str) -> IResult<&str, Ast> {
    map(
        separated_list1(tuple((multispace0, char('|'), multispace0)), sequence),
        |mut v| {
            if v.len() == 1 {
                v.remove(0)
            } else {
                Ast::Alt(v)
            }
        },
    )(i)
}

/// Unbalanced parentheses and quotes, found before parsing so that the error points at the
/// bracket that is missing its partner rather than where parsing gave up.
fn check_balance(pattern: &str) -> Result<(), PatternError> {
    let mut open = Vec::new();
    let mut quote: Option<usize> = None;
    for (i, c) in pattern.char_indices() {
        match c {
            '"' => quote = if quote.is_some() { None } else { Some(i) },
            '(' if quote.is_none() => open.push(i),
            ')' if quote.is_none() && open.pop().is_none() => {
                return Err(PatternError {
                    offset: i,
                    message: "`)` without a matching `(`".into(),
                });
            }
            _ => {}
        }
    }
    if let Some(i) = quote {
        return Err(PatternError {
            offset: i,
            message: "unclosed `\"`".into(),
        });
    }
    if let Some(i) = open.pop() {
        return Err(PatternError {
            offset: i,
            message: "unclosed `(`".into(),
        });
    }
    Ok(())
}

pub fn parse(pattern: &str) -> Result<Ast, PatternError> {
    check_balance(pattern)?;
    let trimmed_start = pattern.len() - pattern.trim_start().len();
    let body = pattern.trim();
    match all_consuming(alternation)(body) {
        Ok((_, ast)) => Ok(ast),
        Err(nom::Err::Error(e) | nom::Err::Failure(e)) => {
            let rest = e.input.trim_start();
            let offset = trimmed_start + body.len() - rest.len();
            let found = rest.chars().next();
            Err(PatternError {
                offset,
                message: match found {
                    Some(c) => format!("unexpected `{c}` in pattern"),
                    None => "pattern ends too early".to_string(),
                },
            })
        }
        Err(nom::Err::Incomplete(_)) => Err(PatternError {
            offset: 0,
            message: "incomplete pattern".into(),
        }),
    }
}

/// Built-in token classes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Builtin {
    /// Any number token.
    Number,
    /// A number that reads as a count worth a source: a percentage, a grouped number
    /// (`13,000`), or 100 and more that is not a year.
    Quantity,
    /// A number that reads as a year (1500–2099, no grouping).
    Year,
    /// A number with a percent sign.
    Percent,
    /// A word starting with an upper-case letter.
    Cap,
    /// A word starting with a lower-case letter.
    Lower,
    /// Any word.
    Word,
    /// A citation marker, link, footnote reference or URL.
    Citation,
    /// A quotation mark.
    Quote,
    /// Punctuation.
    Punct,
}

impl Builtin {
    pub fn from_name(name: &str) -> Option<Builtin> {
        Some(match name {
            "number" => Builtin::Number,
            "quantity" => Builtin::Quantity,
            "year" => Builtin::Year,
            "percent" => Builtin::Percent,
            "cap" => Builtin::Cap,
            "lower" => Builtin::Lower,
            "word" => Builtin::Word,
            "citation" => Builtin::Citation,
            "quote" => Builtin::Quote,
            "punct" => Builtin::Punct,
            _ => return None,
        })
    }

    pub const NAMES: &'static [&'static str] = &[
        "number", "quantity", "year", "percent", "cap", "lower", "word", "citation", "quote",
        "punct",
    ];
}

/// A test on one token.
#[derive(Clone, Debug, PartialEq)]
pub enum Test {
    /// Interned lower-case literal.
    Lit(u32),
    Exact(Box<str>),
    Builtin(Builtin),
    Any,
    AnyOf(Vec<Test>),
    Not(Box<Test>),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Inst {
    Tok(Test),
    Split(usize, usize),
    Jmp(usize),
    AssertStart,
    AssertEnd,
    Match,
}

#[derive(Clone, Debug)]
pub struct Program {
    pub insts: Vec<Inst>,
}

/// Compilation errors, with the same offset convention as [`PatternError`] (0 when the
/// problem is the whole pattern).
pub type CompileError = PatternError;

/// What the compiler needs from the rule pack: interning of literals and the pack's classes.
pub trait Env {
    fn intern(&mut self, word: &str) -> u32;
    /// The parsed alternatives of a pack class, if one has that name.
    fn class(&self, name: &str) -> Option<Ast>;
}

struct Compiler<'e, E: Env> {
    env: &'e mut E,
    insts: Vec<Inst>,
    depth: usize,
}

impl<E: Env> Compiler<'_, E> {
    fn err(&self, message: impl Into<String>) -> CompileError {
        PatternError {
            offset: 0,
            message: message.into(),
        }
    }

    fn push(&mut self, i: Inst) -> Result<usize, CompileError> {
        if self.insts.len() >= MAX_PROGRAM {
            return Err(self.err(format!(
                "pattern is too large (more than {MAX_PROGRAM} steps once compiled)"
            )));
        }
        self.insts.push(i);
        Ok(self.insts.len() - 1)
    }

    /// A single-token test for `ast`, if it matches exactly one token.
    fn single(&mut self, ast: &Ast) -> Result<Option<Test>, CompileError> {
        Ok(match ast {
            Ast::Word(w) => {
                if w.contains(char::is_whitespace) {
                    None
                } else {
                    Some(Test::Lit(self.env.intern(w)))
                }
            }
            Ast::Exact(w) => {
                self.env.intern(&w.to_lowercase());
                Some(Test::Exact(w.clone().into_boxed_str()))
            }
            Ast::Any => Some(Test::Any),
            Ast::Class(name) => match Builtin::from_name(name) {
                Some(b) => Some(Test::Builtin(b)),
                None => {
                    let inner = self.class_ast(name)?;
                    self.single(&inner)?
                }
            },
            Ast::Alt(alts) => {
                let mut tests = Vec::new();
                for a in alts {
                    match self.single(a)? {
                        Some(t) => tests.push(t),
                        None => return Ok(None),
                    }
                }
                Some(Test::AnyOf(tests))
            }
            Ast::Not(inner) => match self.single(inner)? {
                Some(t) => Some(Test::Not(Box::new(t))),
                None => {
                    return Err(
                        self.err("`!` applies to one token: a word, a class of words or `(a|b)`")
                    );
                }
            },
            Ast::Seq(v) if v.len() == 1 => self.single(&v[0])?,
            _ => None,
        })
    }

    fn class_ast(&mut self, name: &str) -> Result<Ast, CompileError> {
        self.env.class(name).ok_or_else(|| {
            PatternError {
                offset: 0,
                message: format!(
                    "unknown class `@{name}` (built-in classes: {}; pack classes are defined in `classes.toml`)",
                    Builtin::NAMES.iter().map(|n| format!("@{n}")).collect::<Vec<_>>().join(", ")
                ),
            }
        })
    }

    fn compile(&mut self, ast: &Ast) -> Result<(), CompileError> {
        self.depth += 1;
        if self.depth > 64 {
            return Err(self.err("pattern nests too deeply"));
        }
        if let Some(t) = self.single(ast)? {
            self.push(Inst::Tok(t))?;
            self.depth -= 1;
            return Ok(());
        }
        match ast {
            Ast::Start => {
                self.push(Inst::AssertStart)?;
            }
            Ast::End => {
                self.push(Inst::AssertEnd)?;
            }
            Ast::Seq(items) => {
                for a in items {
                    self.compile(a)?;
                }
            }
            Ast::Alt(alts) => {
                // split L1, next ; L1: alt0 ; jmp end ; next: split L2 ...
                let mut jumps = Vec::new();
                for (k, a) in alts.iter().enumerate() {
                    if k + 1 < alts.len() {
                        let split = self.push(Inst::Split(0, 0))?;
                        self.compile(a)?;
                        jumps.push(self.push(Inst::Jmp(0))?);
                        let next = self.insts.len();
                        self.insts[split] = Inst::Split(split + 1, next);
                    } else {
                        self.compile(a)?;
                    }
                }
                let end = self.insts.len();
                for j in jumps {
                    self.insts[j] = Inst::Jmp(end);
                }
            }
            Ast::Repeat(inner, min, max) => {
                if min > max {
                    return Err(self.err(format!(
                        "repetition {{{min},{max}}}: the minimum is above the maximum"
                    )));
                }
                if *max > MAX_REPEAT {
                    return Err(
                        self.err(format!("repetition up to {max}: the limit is {MAX_REPEAT}"))
                    );
                }
                for _ in 0..*min {
                    self.compile(inner)?;
                }
                // Each optional copy: split(body, end-of-all).
                let mut splits = Vec::new();
                for _ in *min..*max {
                    splits.push(self.push(Inst::Split(0, 0))?);
                    self.compile(inner)?;
                }
                let end = self.insts.len();
                for s in splits {
                    self.insts[s] = Inst::Split(s + 1, end);
                }
            }
            Ast::Class(name) => {
                let inner = self.class_ast(name)?;
                self.compile(&inner)?;
            }
            Ast::Word(w) => {
                // A multi-word literal inside a class entry ("point to").
                for part in w.split_whitespace() {
                    let id = self.env.intern(part);
                    self.push(Inst::Tok(Test::Lit(id)))?;
                }
            }
            Ast::Not(_) | Ast::Exact(_) | Ast::Any => {
                unreachable!("single-token forms are handled above")
            }
        }
        self.depth -= 1;
        Ok(())
    }
}

pub fn compile<E: Env>(ast: &Ast, env: &mut E) -> Result<Program, CompileError> {
    let mut c = Compiler {
        env,
        insts: Vec::new(),
        depth: 0,
    };
    c.compile(ast)?;
    c.push(Inst::Match)?;
    let program = Program { insts: c.insts };
    if program.matches_empty() {
        return Err(PatternError {
            offset: 0,
            message: "pattern can match an empty sequence of tokens".into(),
        });
    }
    Ok(program)
}

/// What the VM needs to know about a token.
pub trait TokenView {
    fn sym(&self, i: usize) -> u32;
    fn text(&self, i: usize) -> &str;
    fn is(&self, i: usize, class: Builtin) -> bool;
}

impl Test {
    pub fn matches<T: TokenView + ?Sized>(&self, toks: &T, i: usize) -> bool {
        match self {
            Test::Lit(id) => toks.sym(i) == *id,
            Test::Exact(w) => toks.text(i) == &**w,
            Test::Builtin(b) => toks.is(i, *b),
            Test::Any => true,
            Test::AnyOf(v) => v.iter().any(|t| t.matches(toks, i)),
            Test::Not(t) => !t.matches(toks, i),
        }
    }
}

impl Program {
    /// Whether `Match` is reachable without consuming a token (ignoring assertions).
    fn matches_empty(&self) -> bool {
        let mut seen = vec![false; self.insts.len()];
        let mut stack = vec![0];
        while let Some(pc) = stack.pop() {
            if pc >= self.insts.len() || std::mem::replace(&mut seen[pc], true) {
                continue;
            }
            match self.insts[pc] {
                Inst::Match => return true,
                Inst::Split(a, b) => stack.extend([a, b]),
                Inst::Jmp(a) => stack.push(a),
                Inst::AssertStart | Inst::AssertEnd => stack.push(pc + 1),
                Inst::Tok(_) => {}
            }
        }
        false
    }

    /// The single-token tests that can match the first token of a match, or `None` when the
    /// first token can be anything worth trying everywhere (a class, `_`, `!x`).
    pub fn first_literals(&self) -> Option<Vec<u32>> {
        let mut out = Vec::new();
        let mut seen = vec![false; self.insts.len()];
        let mut stack = vec![0];
        while let Some(pc) = stack.pop() {
            if std::mem::replace(&mut seen[pc], true) {
                continue;
            }
            match &self.insts[pc] {
                Inst::Match => return None,
                Inst::Split(a, b) => stack.extend([*a, *b]),
                Inst::Jmp(a) => stack.push(*a),
                Inst::AssertStart | Inst::AssertEnd => stack.push(pc + 1),
                Inst::Tok(t) => {
                    if !collect_literals(t, &mut out) {
                        return None;
                    }
                }
            }
        }
        Some(out)
    }

    /// The end (exclusive token index) of the longest match starting at token `start` of the
    /// sentence `toks[lo..hi]`, if any.
    pub fn longest_at<T: TokenView + ?Sized>(
        &self,
        toks: &T,
        lo: usize,
        hi: usize,
        start: usize,
        scratch: &mut Scratch,
    ) -> Option<usize> {
        let n = self.insts.len();
        scratch.reset(n);
        let mut best = None;
        let (mut cur, mut next) = (
            std::mem::take(&mut scratch.cur),
            std::mem::take(&mut scratch.next),
        );
        cur.clear();
        next.clear();
        scratch.generation += 1;
        self.add(
            &mut cur,
            &mut scratch.mark,
            scratch.generation,
            0,
            start,
            lo,
            hi,
        );
        let mut pos = start;
        loop {
            if cur.is_empty() {
                break;
            }
            scratch.generation += 1;
            next.clear();
            for &pc in cur.iter() {
                match &self.insts[pc] {
                    Inst::Match => best = Some(pos),
                    Inst::Tok(t) if pos < hi && t.matches(toks, pos) => {
                        self.add(
                            &mut next,
                            &mut scratch.mark,
                            scratch.generation,
                            pc + 1,
                            pos + 1,
                            lo,
                            hi,
                        );
                    }
                    _ => {}
                }
            }
            std::mem::swap(&mut cur, &mut next);
            pos += 1;
            if pos > hi + 1 {
                break;
            }
        }
        scratch.cur = cur;
        scratch.next = next;
        best
    }

    #[allow(clippy::too_many_arguments)]
    fn add(
        &self,
        list: &mut Vec<usize>,
        mark: &mut [u32],
        gen_: u32,
        pc: usize,
        pos: usize,
        lo: usize,
        hi: usize,
    ) {
        // Iterative epsilon closure with an explicit stack (patterns may nest deeply).
        let mut stack = vec![pc];
        while let Some(pc) = stack.pop() {
            if mark[pc] == gen_ {
                continue;
            }
            mark[pc] = gen_;
            match self.insts[pc] {
                Inst::Jmp(a) => stack.push(a),
                Inst::Split(a, b) => {
                    stack.push(b);
                    stack.push(a);
                }
                Inst::AssertStart => {
                    if pos == lo {
                        stack.push(pc + 1)
                    }
                }
                Inst::AssertEnd => {
                    if pos == hi {
                        stack.push(pc + 1)
                    }
                }
                Inst::Tok(_) | Inst::Match => list.push(pc),
            }
        }
    }
}

fn collect_literals(t: &Test, out: &mut Vec<u32>) -> bool {
    match t {
        Test::Lit(id) => {
            out.push(*id);
            true
        }
        Test::AnyOf(v) => v.iter().all(|t| collect_literals(t, out)),
        // Exact words are interned lower-cased; the VM checks the exact text.
        Test::Exact(_) => false,
        _ => false,
    }
}

/// Reusable buffers for [`Program::longest_at`].
#[derive(Default)]
pub struct Scratch {
    mark: Vec<u32>,
    generation: u32,
    cur: Vec<usize>,
    next: Vec<usize>,
}

impl Scratch {
    fn reset(&mut self, n: usize) {
        if self.mark.len() < n {
            self.mark.resize(n, 0);
        }
        if self.generation > u32::MAX - 1024 {
            self.mark.iter_mut().for_each(|m| *m = 0);
            self.generation = 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustc_hash::FxHashMap;

    #[derive(Default)]
    struct TestEnv {
        words: FxHashMap<String, u32>,
        classes: FxHashMap<String, Ast>,
    }
    impl Env for TestEnv {
        fn intern(&mut self, word: &str) -> u32 {
            let n = self.words.len() as u32;
            *self.words.entry(word.to_string()).or_insert(n)
        }
        fn class(&self, name: &str) -> Option<Ast> {
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
        env.classes
            .insert("say".into(), parse("say|says|suggest|point to").unwrap());
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
    fn first_literals_index_the_pattern() {
        let mut env = TestEnv::default();
        let p = compile(&parse("(some|many) x").unwrap(), &mut env).unwrap();
        assert_eq!(p.first_literals().map(|v| v.len()), Some(2));
        let p = compile(&parse("@number x").unwrap(), &mut env).unwrap();
        assert_eq!(p.first_literals(), None);
    }
}
