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
/// The deepest a pattern's groups may nest.
pub const MAX_NESTING: usize = 32;
/// The most tokens one match may span.
pub const MAX_MATCH: usize = 48;
/// The most work one match attempt may take: program size × (longest match + 1). A match
/// attempt runs at most that many VM steps, so no rule pack can make matching slower than this
/// per token. (The largest built-in pattern costs about a tenth of it.)
pub const MAX_COST: usize = 1 << 16;

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
            '(' if quote.is_none() => {
                // The parser recurses once a level: refuse what could exhaust the stack.
                if open.len() >= MAX_NESTING {
                    return Err(PatternError {
                        offset: i,
                        message: format!("groups nest more than {MAX_NESTING} deep"),
                    });
                }
                open.push(i)
            }
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

impl Builtin {
    /// How many built-in classes there are (the bits of a token's class mask).
    pub const COUNT: usize = 10;

    pub fn from_index(i: usize) -> Option<Builtin> {
        Builtin::NAMES.get(i).and_then(|n| Builtin::from_name(n))
    }

    /// This class's bit in a token's class mask.
    pub fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

/// The case-folded form under which tokens and pattern words are interned: lower case, with
/// the typographic apostrophe folded to `'`.
pub fn fold_into(text: &str, out: &mut String) {
    out.clear();
    out.extend(
        text.chars()
            .flat_map(char::to_lowercase)
            .map(|c| if c == '\u{2019}' { '\'' } else { c }),
    );
}

/// A test on one token.
#[derive(Clone, Debug, PartialEq)]
pub enum Test {
    /// Interned lower-case literal.
    Lit(u32),
    /// Any of these interned literals (sorted, for binary search).
    LitSet(Box<[u32]>),
    /// The exact text, and the interned id of its folded form (a token with that text has that
    /// id, which lets the literal index find patterns that start with an exact word).
    Exact(Box<str>, u32),
    Builtin(Builtin),
    Any,
    AnyOf(Vec<Test>),
    Not(Box<Test>),
}

impl Test {
    /// Merges the literals of an alternative into one sorted set (checked by binary search
    /// rather than one by one); the other alternatives stay as they are.
    fn optimized(self) -> Test {
        match self {
            Test::AnyOf(v) => {
                let mut lits = Vec::new();
                let mut rest = Vec::new();
                for t in v {
                    match t.optimized() {
                        Test::Lit(id) => lits.push(id),
                        Test::LitSet(ids) => lits.extend_from_slice(&ids),
                        other => rest.push(other),
                    }
                }
                lits.sort_unstable();
                lits.dedup();
                let set = match lits.len() {
                    0 => None,
                    1 => Some(Test::Lit(lits[0])),
                    _ => Some(Test::LitSet(lits.into_boxed_slice())),
                };
                match (set, rest.len()) {
                    (Some(set), 0) => set,
                    (None, 1) => rest.pop().unwrap_or(Test::Any),
                    (set, _) => {
                        rest.extend(set);
                        Test::AnyOf(rest)
                    }
                }
            }
            Test::Not(t) => Test::Not(Box::new(t.optimized())),
            other => other,
        }
    }
}

/// What the first token of a match can be: the literal ids and built-in classes it is tested
/// against, or anything at all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FirstSet {
    /// `_` or `!x` can start a match: try the pattern at every token.
    pub any: bool,
    pub literals: Vec<u32>,
    /// Bits ([`Builtin::bit`]) of the classes that can start a match.
    pub builtins: u16,
    /// The end of the sentence (`$`) can come here: for what follows a first token, the match
    /// may have no second token.
    pub end: bool,
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
    /// The threads a match attempt starts with when it starts neither at the start nor at the
    /// end of the sentence (the common case, computed once rather than at every token).
    start_mid: Vec<usize>,
    /// What the second token of a match can be, when every match has one: a cheap test that
    /// rules out most attempts before the VM runs.
    second: Option<TokenFilter>,
}

/// A necessary condition on one token: its literal id is in a set, or it is of one of some
/// built-in classes.
#[derive(Clone, Debug, Default)]
pub struct TokenFilter {
    /// Bit set over literal ids.
    literals: Vec<u64>,
    builtins: u16,
    /// There may be no such token: the sentence may end there.
    end: bool,
}

impl TokenFilter {
    /// What the second token of a match of any of `programs` can be: `None` when one of them
    /// can match without a second token or with any (then nothing can be ruled out).
    pub fn second_of<'a>(programs: impl IntoIterator<Item = &'a Program>) -> Option<TokenFilter> {
        TokenFilter::union(programs.into_iter().map(|p| p.second.as_ref()))
    }

    /// A filter that accepts what any of `filters` accepts (`None` accepts anything).
    pub fn union<'a>(
        filters: impl IntoIterator<Item = Option<&'a TokenFilter>>,
    ) -> Option<TokenFilter> {
        let mut union = TokenFilter::default();
        for f in filters {
            let f = f?;
            if union.literals.len() < f.literals.len() {
                union.literals.resize(f.literals.len(), 0);
            }
            for (u, w) in union.literals.iter_mut().zip(&f.literals) {
                *u |= w;
            }
            union.builtins |= f.builtins;
            union.end |= f.end;
        }
        Some(union)
    }

    /// Whether the token after `start` in a sentence ending at `hi` passes.
    #[inline]
    pub fn accepts_after<T: TokenView + ?Sized>(&self, toks: &T, start: usize, hi: usize) -> bool {
        if start + 1 < hi {
            self.accepts(toks, start + 1)
        } else {
            self.end
        }
    }

    fn from_first(f: &FirstSet) -> Option<TokenFilter> {
        if f.any {
            return None;
        }
        let mut t = TokenFilter {
            literals: Vec::new(),
            builtins: f.builtins,
            end: f.end,
        };
        for &id in &f.literals {
            let (w, b) = ((id / 64) as usize, id % 64);
            if t.literals.len() <= w {
                t.literals.resize(w + 1, 0);
            }
            t.literals[w] |= 1 << b;
        }
        Some(t)
    }

    #[inline]
    pub fn accepts<T: TokenView + ?Sized>(&self, toks: &T, i: usize) -> bool {
        let sym = toks.sym(i);
        self.literals
            .get((sym / 64) as usize)
            .is_some_and(|w| w & (1 << (sym % 64)) != 0)
            || toks.classes(i) & self.builtins != 0
    }
}

impl Program {
    pub fn new(insts: Vec<Inst>) -> Program {
        let mut p = Program {
            insts,
            start_mid: Vec::new(),
            second: None,
        };
        let mut mark = vec![0; p.insts.len()];
        let (mut list, mut stack) = (Vec::new(), Vec::new());
        // Positions 1 of a sentence 0..3: neither assertion holds.
        p.add(
            &mut list,
            &mut stack,
            &mut mark,
            1,
            0,
            1,
            Bounds { lo: 0, hi: 3 },
        );
        p.start_mid = list;
        p.second = p.second_given(None);
        p
    }

    /// What the second token of a match can be when the first has literal id `first` (any
    /// first token when `None`); `None` when anything can follow.
    pub fn second_given(&self, first: Option<u32>) -> Option<TokenFilter> {
        TokenFilter::from_first(&self.first_set_from(self.after_first_token(first)))
    }

    /// The instructions reached right after the first token of a match is consumed (a token
    /// with literal id `first`, or any).
    fn after_first_token(&self, first: Option<u32>) -> Vec<usize> {
        let mut out = Vec::new();
        let mut seen = vec![false; self.insts.len()];
        let mut stack = vec![0];
        while let Some(pc) = stack.pop() {
            if pc >= self.insts.len() || std::mem::replace(&mut seen[pc], true) {
                continue;
            }
            match &self.insts[pc] {
                Inst::Match => {}
                Inst::Split(a, b) => stack.extend([*a, *b]),
                Inst::Jmp(a) => stack.push(*a),
                Inst::AssertStart | Inst::AssertEnd => stack.push(pc + 1),
                Inst::Tok(t) => {
                    if first.is_none_or(|id| t.may_match_literal(id)) {
                        out.push(pc + 1);
                    }
                }
            }
        }
        out
    }
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
    /// Calls of `single` so far.
    work: usize,
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
        // Classes can refer to classes (and to themselves): bound the recursion.
        self.depth += 1;
        if self.depth > 64 {
            return Err(self.err("pattern nests too deeply (does a class refer to itself?)"));
        }
        // Classes of classes can multiply: bound the work too.
        self.work += 1;
        if self.work > MAX_PROGRAM * 16 {
            return Err(self.err(format!(
                "pattern is too large (its classes expand to more than {} words)",
                MAX_PROGRAM * 16
            )));
        }
        let t = self.single_unbounded(ast);
        self.depth -= 1;
        t
    }

    fn single_unbounded(&mut self, ast: &Ast) -> Result<Option<Test>, CompileError> {
        Ok(match ast {
            Ast::Word(w) => {
                if w.contains(char::is_whitespace) {
                    None
                } else {
                    Some(Test::Lit(self.env.intern(w)))
                }
            }
            Ast::Exact(w) => {
                let mut folded = String::new();
                fold_into(w, &mut folded);
                let id = self.env.intern(&folded);
                Some(Test::Exact(w.clone().into_boxed_str(), id))
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
            return Err(self.err("pattern nests too deeply (does a class refer to itself?)"));
        }
        if let Some(t) = self.single(ast)? {
            self.push(Inst::Tok(t.optimized()))?;
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
                // The alternatives that match one token become one test, so that a match
                // attempt tests a token once, not once an alternative. (The VM finds the
                // longest match, so the order of alternatives does not matter.)
                let mut singles = Vec::new();
                let mut longer = Vec::new();
                for a in alts {
                    match self.single(a)? {
                        Some(t) => singles.push(t),
                        None => longer.push(a),
                    }
                }
                let mut branches: Vec<Branch> = longer.into_iter().map(Branch::Ast).collect();
                if !singles.is_empty() {
                    branches.insert(0, Branch::Tok(Test::AnyOf(singles).optimized()));
                }
                // split L1, next ; L1: alt0 ; jmp end ; next: split L2 ...
                let mut jumps = Vec::new();
                let n = branches.len();
                for (k, b) in branches.into_iter().enumerate() {
                    let split = if k + 1 < n {
                        Some(self.push(Inst::Split(0, 0))?)
                    } else {
                        None
                    };
                    match b {
                        Branch::Tok(t) => {
                            self.push(Inst::Tok(t))?;
                        }
                        Branch::Ast(a) => self.compile(a)?,
                    }
                    if let Some(split) = split {
                        jumps.push(self.push(Inst::Jmp(0))?);
                        let next = self.insts.len();
                        self.insts[split] = Inst::Split(split + 1, next);
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

/// One alternative of a compiled `(a|b|…)`.
enum Branch<'a> {
    Tok(Test),
    Ast(&'a Ast),
}

pub fn compile<E: Env>(ast: &Ast, env: &mut E) -> Result<Program, CompileError> {
    let mut c = Compiler {
        env,
        insts: Vec::new(),
        depth: 0,
        work: 0,
    };
    c.compile(ast)?;
    c.push(Inst::Match)?;
    let program = Program::new(c.insts);
    if program.matches_empty() {
        return Err(PatternError {
            offset: 0,
            message: "pattern can match an empty sequence of tokens".into(),
        });
    }
    let longest = program.longest_match();
    if longest > MAX_MATCH {
        return Err(PatternError {
            offset: 0,
            message: format!(
                "pattern can match {longest} tokens; the limit is {MAX_MATCH} (shorten its gaps and repetitions)"
            ),
        });
    }
    let cost = program.insts.len() * (longest + 1);
    if cost > MAX_COST {
        return Err(PatternError {
            offset: 0,
            message: format!(
                "pattern is too costly to match ({} steps of up to {} tokens); split it into several patterns",
                program.insts.len(),
                longest
            ),
        });
    }
    Ok(program)
}

/// What the VM needs to know about a token.
pub trait TokenView {
    fn sym(&self, i: usize) -> u32;
    fn text(&self, i: usize) -> &str;
    fn is(&self, i: usize, class: Builtin) -> bool;
    /// The [`Builtin::bit`]s of the classes token `i` is of.
    fn classes(&self, i: usize) -> u16 {
        (0..Builtin::COUNT)
            .filter_map(Builtin::from_index)
            .filter(|&b| self.is(i, b))
            .fold(0, |m, b| m | b.bit())
    }
}

impl Test {
    /// Whether a token with literal id `id` may pass (true when the test looks at more than
    /// the literal).
    fn may_match_literal(&self, id: u32) -> bool {
        match self {
            Test::Lit(x) | Test::Exact(_, x) => *x == id,
            Test::LitSet(ids) => ids.binary_search(&id).is_ok(),
            Test::AnyOf(v) => v.iter().any(|t| t.may_match_literal(id)),
            Test::Builtin(_) | Test::Any | Test::Not(_) => true,
        }
    }

    pub fn matches<T: TokenView + ?Sized>(&self, toks: &T, i: usize) -> bool {
        match self {
            Test::Lit(id) => toks.sym(i) == *id,
            Test::LitSet(ids) => ids.binary_search(&toks.sym(i)).is_ok(),
            Test::Exact(w, _) => toks.text(i) == &**w,
            Test::Builtin(b) => toks.is(i, *b),
            Test::Any => true,
            Test::AnyOf(v) => v.iter().any(|t| t.matches(toks, i)),
            Test::Not(t) => !t.matches(toks, i),
        }
    }
}

impl Program {
    /// The most tokens a match can span (the program only jumps forward: a longest path).
    pub fn longest_match(&self) -> usize {
        // longest[pc]: the most tokens consumed from pc to Match; filled from the end.
        let n = self.insts.len();
        let mut longest = vec![0usize; n + 1];
        fn at(longest: &[usize], t: usize) -> usize {
            longest.get(t).copied().unwrap_or(0)
        }
        for pc in (0..n).rev() {
            let l = &longest;
            longest[pc] = match self.insts[pc] {
                Inst::Match => 0,
                Inst::Tok(_) => 1 + at(l, pc + 1),
                Inst::Split(a, b) => at(l, a).max(at(l, b)),
                Inst::Jmp(a) => at(l, a),
                Inst::AssertStart | Inst::AssertEnd => at(l, pc + 1),
            };
        }
        longest[0]
    }

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

    /// What the first token of a match can be (the literal index and the class index of a
    /// rule set are built from it).
    pub fn first_set(&self) -> FirstSet {
        self.first_set_from(vec![0])
    }

    /// The tokens that can be consumed first from the instructions `from` (`^` taken as
    /// holding); reaching `Match` makes it `any`, reaching `$` sets `end` (no token can be
    /// consumed after the end of the sentence).
    fn first_set_from(&self, from: Vec<usize>) -> FirstSet {
        let mut out = FirstSet::default();
        let mut seen = vec![false; self.insts.len()];
        let mut stack = from;
        while let Some(pc) = stack.pop() {
            if pc >= self.insts.len() || std::mem::replace(&mut seen[pc], true) {
                continue;
            }
            match &self.insts[pc] {
                // From the start, cannot happen in a compiled program (it would match the empty
                // sequence).
                Inst::Match => out.any = true,
                Inst::Split(a, b) => stack.extend([*a, *b]),
                Inst::Jmp(a) => stack.push(*a),
                Inst::AssertStart => stack.push(pc + 1),
                Inst::AssertEnd => out.end = true,
                Inst::Tok(t) => collect_first(t, &mut out),
            }
        }
        out.literals.sort_unstable();
        out.literals.dedup();
        out
    }

    /// A quick necessary condition for a match at `start` (of a sentence ending at `hi`): the
    /// token after `start` passes the second-token filter.
    #[inline]
    pub fn may_start_at<T: TokenView + ?Sized>(&self, toks: &T, start: usize, hi: usize) -> bool {
        self.second
            .as_ref()
            .is_none_or(|second| second.accepts_after(toks, start, hi))
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
        if !self.may_start_at(toks, start, hi) {
            return None;
        }
        scratch.reset(self.insts.len());
        let Scratch {
            mark,
            generation,
            cur,
            next,
            stack,
        } = scratch;
        let mut best = None;
        cur.clear();
        *generation += 1;
        let bounds = Bounds { lo, hi };
        if start != lo && start != hi {
            cur.extend_from_slice(&self.start_mid);
        } else {
            self.add(cur, stack, mark, *generation, 0, start, bounds);
        }
        let mut pos = start;
        // Each step consumes a token, and a thread dies once it passes the last `Tok`, so this
        // runs at most `insts.len() + 1` times.
        while !cur.is_empty() {
            *generation += 1;
            next.clear();
            for &pc in cur.iter() {
                match &self.insts[pc] {
                    Inst::Match => best = Some(pos),
                    Inst::Tok(t) if pos < hi && t.matches(toks, pos) => {
                        self.add(next, stack, mark, *generation, pc + 1, pos + 1, bounds);
                    }
                    _ => {}
                }
            }
            std::mem::swap(cur, next);
            pos += 1;
            if pos > hi + 1 {
                break;
            }
        }
        best
    }

    /// Adds the threads reachable from `pc` without consuming a token (the epsilon closure).
    #[allow(clippy::too_many_arguments)]
    fn add(
        &self,
        list: &mut Vec<usize>,
        stack: &mut Vec<usize>,
        mark: &mut [u32],
        gen_: u32,
        pc: usize,
        pos: usize,
        b: Bounds,
    ) {
        // Iterative epsilon closure with an explicit stack (patterns may nest deeply).
        stack.clear();
        stack.push(pc);
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
                    if pos == b.lo {
                        stack.push(pc + 1)
                    }
                }
                Inst::AssertEnd => {
                    if pos == b.hi {
                        stack.push(pc + 1)
                    }
                }
                Inst::Tok(_) | Inst::Match => list.push(pc),
            }
        }
    }
}

/// The sentence a match must lie in (token indices).
#[derive(Clone, Copy)]
struct Bounds {
    lo: usize,
    hi: usize,
}

fn collect_literals(t: &Test, out: &mut Vec<u32>) -> bool {
    match t {
        Test::Lit(id) => {
            out.push(*id);
            true
        }
        Test::LitSet(ids) => {
            out.extend_from_slice(ids);
            true
        }
        Test::AnyOf(v) => v.iter().all(|t| collect_literals(t, out)),
        // Exact words are interned lower-cased; the VM checks the exact text.
        Test::Exact(..) => false,
        _ => false,
    }
}

fn collect_first(t: &Test, out: &mut FirstSet) {
    match t {
        Test::Lit(id) | Test::Exact(_, id) => out.literals.push(*id),
        Test::LitSet(ids) => out.literals.extend_from_slice(ids),
        Test::Builtin(b) => out.builtins |= b.bit(),
        Test::AnyOf(v) => v.iter().for_each(|t| collect_first(t, out)),
        Test::Any | Test::Not(_) => out.any = true,
    }
}

/// Reusable buffers for [`Program::longest_at`].
#[derive(Default)]
pub struct Scratch {
    mark: Vec<u32>,
    generation: u32,
    cur: Vec<usize>,
    next: Vec<usize>,
    stack: Vec<usize>,
}

impl Scratch {
    fn reset(&mut self, n: usize) {
        if self.mark.len() < n {
            self.mark.resize(n, 0);
        }
        // One call moves the generation on at most once a step, and there are at most n + 2
        // steps: start again from 0 before that could wrap.
        if self.generation > u32::MAX - 2 * (n as u32 + 4) {
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
}
