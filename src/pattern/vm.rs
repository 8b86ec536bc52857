//! The matcher: a Pike VM over a [`TokenView`], linear in the tokens it reads.

use super::*;

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
    pub(super) fn may_match_literal(&self, id: u32) -> bool {
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
    pub(super) fn matches_empty(&self) -> bool {
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
    pub(super) fn first_set_from(&self, from: Vec<usize>) -> FirstSet {
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
                Inst::Match => out.any_from(0),
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
    /// Whether no match can start in the middle of a sentence (every match begins with `^`):
    /// such a program need not be tried there.
    pub fn starts_only_at_edges(&self) -> bool {
        self.start_mid.is_empty()
    }

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
    pub(super) fn add(
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
pub(super) struct Bounds {
    pub(super) lo: usize,
    pub(super) hi: usize,
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

pub(super) fn collect_first(t: &Test, out: &mut FirstSet) {
    match t {
        Test::Lit(id) | Test::Exact(_, id) => out.literals.push(*id),
        Test::LitSet(ids) => out.literals.extend_from_slice(ids),
        Test::Builtin(b) => out.builtins |= b.bit(),
        Test::AnyOf(v) => v.iter().for_each(|t| collect_first(t, out)),
        Test::Any => out.any_from(0),
        Test::Not(t) => out.any_from(builtin_bits(t)),
    }
}

/// The classes a token of which always passes `t` (for `!t`: the tokens it never takes).
fn builtin_bits(t: &Test) -> u16 {
    match t {
        Test::Builtin(b) => b.bit(),
        Test::AnyOf(v) => v.iter().fold(0, |m, t| m | builtin_bits(t)),
        _ => 0,
    }
}

impl FirstSet {
    /// Whether a match can start with any token (`_`, `!x`): the pattern is tried everywhere.
    pub fn any(&self) -> bool {
        self.any_unless.is_some()
    }

    /// A start that can be any token but those of the classes `unless`.
    fn any_from(&mut self, unless: u16) {
        self.any_unless = Some(self.any_unless.map_or(unless, |u| u & unless));
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
