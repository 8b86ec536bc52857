//! Parsing a pattern (nom) into an [`Ast`], with errors that point at the offending byte.

use super::*;
use nom::{
    IResult,
    branch::alt,
    bytes::complete::take_while1,
    character::complete::{char, digit1, multispace0, multispace1},
    combinator::{all_consuming, map, opt},
    multi::separated_list1,
    sequence::{delimited, preceded, tuple},
};

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
    // A plain word (most entries of a class: the generated lexicons hold thousands) is what
    // the parser would make of it, without the parser.
    if !pattern.is_empty()
        && pattern
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        return Ok(Ast::Word(pattern.to_ascii_lowercase()));
    }
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
