//! Compiling an [`Ast`] into a token [`Program`]: tests on one token, jumps and splits, with
//! the first-token sets that let the engine skip most start positions.

use super::*;
use std::rc::Rc;

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
    /// A number in words written as a hyphenated compound of a tens word and a unit
    /// (`sixty-one`, `twenty-five`); single number words are words a pack lists.
    CompoundNumeral,
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
            "compound-numeral" => Builtin::CompoundNumeral,
            _ => return None,
        })
    }

    pub const NAMES: &'static [&'static str] = &[
        "number",
        "quantity",
        "year",
        "percent",
        "cap",
        "lower",
        "word",
        "citation",
        "quote",
        "punct",
        "compound-numeral",
    ];
}

impl Builtin {
    /// How many built-in classes there are (the bits of a token's class mask).
    pub const COUNT: usize = 11;

    pub fn from_index(i: usize) -> Option<Builtin> {
        Builtin::NAMES.get(i).and_then(|n| Builtin::from_name(n))
    }

    /// This class's bit in a token's class mask.
    pub const fn bit(self) -> u16 {
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
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct FirstSet {
    /// `Some`: `_` or `!x` can start a match, so the pattern is tried at every token ([`any`])
    /// but those of these classes, the ones no such start can take (`!(@lower|@punct)` is
    /// never a lower-case word nor a punctuation mark; `_` takes all: 0).
    ///
    /// [`any`]: FirstSet::any
    pub any_unless: Option<u16>,
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
    pub(super) start_mid: Vec<usize>,
    /// What the second token of a match can be, when every match has one: a cheap test that
    /// rules out most attempts before the VM runs.
    pub(super) second: Option<TokenFilter>,
    /// Tokens every match needs after its first: each is a set of literals and classes, one of
    /// which a token of the match (at or after its start) must be ([`Program::needs`]).
    pub(super) needs: Vec<FirstSet>,
    /// Every match ends at the end of the sentence (`$` on every path).
    pub(super) must_end: bool,
    /// A set of literals and classes one token after the first of every match is of
    /// ([`Program::need_after_first`]).
    pub(super) need_after_first: Option<FirstSet>,
}

/// A necessary condition on one token: its literal id is in a set, or it is of one of some
/// built-in classes.
#[derive(Clone, Debug, Default)]
pub struct TokenFilter {
    /// Bit set over literal ids, ending with an empty word.
    pub(super) literals: Vec<u64>,
    pub(super) builtins: u16,
    /// There may be no such token: the sentence may end there.
    pub(super) end: bool,
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
        if f.any() {
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
        // A last word with no bits, which ids past the others read (see `accepts`).
        t.literals.push(0);
        Some(t)
    }

    #[inline]
    pub fn accepts<T: TokenView + ?Sized>(&self, toks: &T, i: usize) -> bool {
        // Both tests, without a branch between them: whether a word passes is not
        // predictable.
        let sym = toks.sym(i);
        // Ids past the set read its last word, which is empty (a union of filters keeps that).
        let word = at_or_last(&self.literals, (sym / 64) as usize)
            .copied()
            .unwrap_or(0);
        (word >> (sym % 64) & 1 != 0) | (toks.classes(i) & self.builtins != 0)
    }
}

impl Program {
    pub fn new(insts: Vec<Inst>) -> Program {
        let mut p = Program {
            insts,
            start_mid: Vec::new(),
            second: None,
            needs: Vec::new(),
            must_end: false,
            need_after_first: None,
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
        let mandatory = p.mandatory();
        p.must_end = mandatory
            .iter()
            .any(|&pc| matches!(p.insts[pc], Inst::AssertEnd));
        p.needs = p.needs_from(&mandatory);
        p.need_after_first = p.after_first_need();
        p
    }

    /// The most literals a need made of alternatives may hold.
    const MAX_NEED_LITERALS: usize = 256;

    /// What every path consumes a token of after its first: through an alternative, the
    /// union of what each branch needs (`(a x|b y)` needs `x` or `y`), along a sequence the
    /// narrowest of its tokens (so a need can be met where no single token is on every path).
    fn after_first_need(&self) -> Option<FirstSet> {
        let n = self.insts.len();
        let width = |f: &FirstSet| {
            if f.builtins & COMMON != 0 {
                usize::MAX
            } else {
                f.literals.len() + if f.builtins != 0 { 64 } else { 0 }
            }
        };
        let narrower = |a: Option<FirstSet>, b: Option<FirstSet>| match (a, b) {
            (Some(a), Some(b)) => Some(if width(&b) < width(&a) { b } else { a }),
            (a, b) => a.or(b),
        };
        let union = |a: Option<&FirstSet>, b: Option<&FirstSet>| {
            let (a, b) = (a?, b?);
            let mut literals: Vec<u32> = a.literals.iter().chain(&b.literals).copied().collect();
            literals.sort_unstable();
            literals.dedup();
            let f = FirstSet {
                literals,
                builtins: a.builtins | b.builtins,
                ..FirstSet::default()
            };
            (f.literals.len() <= Self::MAX_NEED_LITERALS && width(&f) != usize::MAX).then_some(f)
        };
        let definite = |t: &Test| {
            let mut f = FirstSet::default();
            collect_first(t, &mut f);
            f.literals.sort_unstable();
            f.literals.dedup();
            (!f.any() && f.literals.len() <= Self::MAX_NEED_LITERALS && width(&f) != usize::MAX)
                .then_some(f)
        };
        // any[pc]: a need met by a token consumed from `pc` on; after[pc]: by one after the
        // first consumed from `pc`. Jumps only go forward: fill from the end.
        let mut any: Vec<Option<FirstSet>> = vec![None; n + 1];
        let mut after: Vec<Option<FirstSet>> = vec![None; n + 1];
        for pc in (0..n).rev() {
            let at = |v: &Vec<Option<FirstSet>>, t: usize| {
                if t > pc && t <= n { v[t].clone() } else { None }
            };
            let (a, f) = match &self.insts[pc] {
                Inst::Match | Inst::AssertEnd => (None, None),
                Inst::Tok(t) => (narrower(definite(t), at(&any, pc + 1)), at(&any, pc + 1)),
                Inst::Split(x, y) => {
                    let (x, y) = (*x, *y);
                    let ok = |t: usize| t > pc && t <= n;
                    if ok(x) && ok(y) {
                        (
                            union(any[x].as_ref(), any[y].as_ref()),
                            union(after[x].as_ref(), after[y].as_ref()),
                        )
                    } else {
                        (None, None)
                    }
                }
                Inst::Jmp(x) => (at(&any, *x), at(&after, *x)),
                Inst::AssertStart => (at(&any, pc + 1), at(&after, pc + 1)),
            };
            any[pc] = a;
            after[pc] = f;
        }
        after[0].take()
    }

    /// A set of literals and classes that a token after the first of every match is of (one
    /// token past the start of the match, or later), if there is one worth checking.
    pub fn need_after_first(&self) -> Option<&FirstSet> {
        self.need_after_first.as_ref()
    }

    /// The instructions every path from the first to `Match` passes through. The program only
    /// jumps forward, so a path that skips instruction `v` has an edge from before `v` to after
    /// it: `v` is on every path when no edge crosses it. Empty if an edge runs backwards.
    fn mandatory(&self) -> Vec<usize> {
        let n = self.insts.len();
        // crossing[v]: edges u -> w with u < v < w, as a difference array.
        let mut crossing = vec![0i32; n + 1];
        for (u, inst) in self.insts.iter().enumerate() {
            let targets: &[usize] = match inst {
                Inst::Split(a, b) => &[*a, *b],
                Inst::Jmp(a) => &[*a],
                _ => &[],
            };
            for &w in targets {
                if w <= u || w > n {
                    return Vec::new();
                }
                if w > u + 1 {
                    crossing[u + 1] += 1;
                    crossing[w] -= 1;
                }
            }
        }
        let mut depth = 0;
        let mut out = Vec::new();
        for (v, c) in crossing.iter().take(n).enumerate() {
            depth += c;
            if depth == 0 {
                out.push(v);
            }
        }
        out
    }

    /// The most conditions [`Program::needs`] keeps (each is checked before a match attempt),
    /// and the most instructions it looks from (each look is a walk of the program).
    const MAX_NEEDS: usize = 4;
    const MAX_NEED_LOOKS: usize = 16;

    /// From each instruction on every path but the first, what the next token consumed can be:
    /// one such token is in every match. Kept when it is a definite set (not `_`, `!x`, nor
    /// the end of the sentence), the narrowest first (literals only, fewest).
    fn needs_from(&self, mandatory: &[usize]) -> Vec<FirstSet> {
        let mut needs: Vec<FirstSet> = Vec::new();
        for &pc in mandatory
            .iter()
            .filter(|&&pc| pc > 0 && !matches!(self.insts[pc], Inst::Match))
            .take(Self::MAX_NEED_LOOKS)
        {
            let f = self.first_set_from(vec![pc]);
            if f.any()
                || f.end
                || f.builtins & COMMON != 0
                || f.literals.is_empty() && f.builtins == 0
            {
                continue;
            }
            if !needs.contains(&f) {
                needs.push(f);
            }
        }
        needs.sort_by_key(|f| (f.builtins != 0, f.literals.len()));
        needs.truncate(Self::MAX_NEEDS);
        needs
    }

    /// Conditions on the tokens of any match besides its first: for each, one token at or after
    /// the match's start is of one of its literals or classes.
    pub fn needs(&self) -> &[FirstSet] {
        &self.needs
    }

    /// Whether every match ends at the end of the sentence (then a match from token `i`
    /// needs the sentence to end within [`Program::longest_match`] tokens of it).
    pub fn must_end(&self) -> bool {
        self.must_end
    }

    /// What the second token of a match can be when the first has literal id `first` (any
    /// first token when `None`); `None` when anything can follow.
    pub fn second_given(&self, first: Option<u32>) -> Option<TokenFilter> {
        self.second_after(self.after_first_token(first))
    }

    /// What the second token of a match can be once its first is consumed and the match is
    /// at the instructions `after` ([`Program::after_first_token`]).
    pub fn second_after(&self, after: Vec<usize>) -> Option<TokenFilter> {
        TokenFilter::from_first(&self.first_set_from(after))
    }

    /// The instructions reached right after the first token of a match is consumed (a token
    /// with literal id `first`, or any).
    pub fn after_first_token(&self, first: Option<u32>) -> Vec<usize> {
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

/// The classes most tokens are of: a need that one of them meets is met nearly everywhere,
/// and not worth checking.
const COMMON: u16 = (1 << Builtin::Word as u16)
    | (1 << Builtin::Lower as u16)
    | (1 << Builtin::Cap as u16)
    | (1 << Builtin::Punct as u16);

/// Compilation errors, with the same offset convention as [`PatternError`] (0 when the
/// problem is the whole pattern).
pub type CompileError = PatternError;

/// What the compiler needs from the rule pack: interning of literals and the pack's classes.
pub trait Env {
    fn intern(&mut self, word: &str) -> u32;
    /// The parsed alternatives of a pack class, if one has that name (shared: a class is
    /// looked up at every use, and copying its words each time was most of compiling).
    fn class(&self, name: &str) -> Option<Rc<Ast>>;
    /// A pack class compiled to one token's test before, if the environment keeps them.
    fn compiled(&self, _name: &str) -> Option<Test> {
        None
    }
    /// Keeps a pack class compiled to one token's test (merged into a sorted set).
    fn remember(&mut self, _name: &str, _test: &Test) {}
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
                    if let Some(t) = self.env.compiled(name) {
                        return Ok(Some(t));
                    }
                    let inner = self.class_ast(name)?;
                    let t = self.single(&inner)?.map(Test::optimized);
                    // Only a class of words is kept: a class of classes is compiled at each
                    // use, so that the bound on what classes of classes expand to still holds.
                    let words = matches!(&*inner, Ast::Alt(v)
                        if v.iter().all(|a| matches!(a, Ast::Word(_) | Ast::Exact(_))));
                    if let Some(t) = t.as_ref().filter(|_| words) {
                        self.env.remember(name, t);
                    }
                    t
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

    fn class_ast(&mut self, name: &str) -> Result<Rc<Ast>, CompileError> {
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

impl Test {
    /// The token comparisons the test makes, at most: one for a literal or a class bit, a
    /// binary search for a set of literals, one string comparison (a step per 16 bytes) for an
    /// exact word, the sum of its parts for an alternative.
    pub fn cost(&self) -> usize {
        match self {
            Test::Lit(_) | Test::Builtin(_) | Test::Any => 1,
            Test::LitSet(ids) => 1 + (usize::BITS - ids.len().leading_zeros()) as usize,
            Test::Exact(w, _) => 1 + w.len() / 16,
            Test::AnyOf(v) => v.iter().map(Test::cost).sum::<usize>().max(1),
            Test::Not(t) => 1 + t.cost(),
        }
    }
}

impl Program {
    /// The work of one VM step over every thread: each instruction once, a test at its cost.
    pub fn step_cost(&self) -> usize {
        self.insts
            .iter()
            .map(|i| match i {
                Inst::Tok(t) => t.cost(),
                _ => 1,
            })
            .sum()
    }

    /// The most work one match attempt takes: [`Program::step_cost`] × (longest match + 1).
    pub fn cost(&self) -> usize {
        self.step_cost() * (self.longest_match() + 1)
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
    let cost = program.cost();
    if cost > MAX_COST {
        return Err(PatternError {
            offset: 0,
            message: format!(
                "pattern is too costly to match ({} token comparisons a step over up to {} tokens: \
                 {cost} in all, the limit is {MAX_COST}); use fewer exact words or gaps, or split it",
                program.step_cost(),
                longest
            ),
        });
    }
    Ok(program)
}
