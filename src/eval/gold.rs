//! Annotated lines: one JSON object a line, and the Penn Treebank text some corpora hold.

use super::*;

/// One annotated sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldLine {
    /// The id as given (a string or a number), echoed in predictions.
    pub id: Value,
    pub text: String,
    /// `Some(true)` for "uncertain", `Some(false)` for "certain".
    pub uncertain: Option<bool>,
    pub certainty: Option<f64>,
    /// `Some(true)` for a check-worthy factual claim (ClaimBuster, CheckThat!).
    pub checkworthy: Option<bool>,
    /// The line's position in its document (CheckThat!), for ranking within a document.
    pub line: Option<u64>,
    /// The document the sentence comes from, when the corpus says (folds keep documents whole).
    pub doc: Option<String>,
    /// Character offsets of the sentence in its document (`start`, `end`), for gold that is
    /// checked as whole documents (PolNeAR).
    pub span: Option<std::ops::Range<usize>>,
    /// Attribution: the sentence's claim has a named or pronoun source (`has_named_source` or
    /// `has_pronoun_source`).
    pub sourced: Option<bool>,
    /// Attribution: the sentence puts a claim on an unnamed group or on no one
    /// (`has_vague_source`).
    pub vague: Option<bool>,
}

impl GoldLine {
    /// A line of document-level attribution gold: a document, offsets and a source label.
    pub fn in_document(&self) -> bool {
        self.doc.is_some()
            && self.span.is_some()
            && (self.sourced.is_some() || self.vague.is_some())
    }
}

/// Parses one line; the error says what is wrong with it.
pub fn parse_line(line: &str) -> Result<GoldLine, String> {
    let v: Value = serde_json::from_str(line).map_err(|e| format!("not JSON: {e}"))?;
    let o = v.as_object().ok_or("not a JSON object")?;
    let id = match o.get("id") {
        Some(v @ (Value::String(_) | Value::Number(_))) => v.clone(),
        _ => return Err("no `id` (a string or number)".into()),
    };
    let text = o
        .get("text")
        .and_then(Value::as_str)
        .ok_or("no `text` string")?
        .to_string();
    let uncertain = match o.get("label") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s == "uncertain" => Some(true),
        Some(Value::String(s)) if s == "certain" => Some(false),
        Some(other) => {
            return Err(format!(
                "`label` is {other}, expected \"uncertain\" or \"certain\""
            ));
        }
    };
    let certainty = match o.get("certainty") {
        None | Some(Value::Null) => None,
        Some(c) => Some(
            c.as_f64()
                .filter(|c| c.is_finite())
                .ok_or("`certainty` is not a number")?,
        ),
    };
    let checkworthy = match o.get("checkworthy") {
        None | Some(Value::Null) => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(other) => return Err(format!("`checkworthy` is {other}, expected true or false")),
    };
    let flag = |key: &str| -> Result<Option<bool>, String> {
        match o.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(other) => Err(format!("`{key}` is {other}, expected true or false")),
        }
    };
    let (named, pronoun) = (flag("has_named_source")?, flag("has_pronoun_source")?);
    let sourced = match (named, pronoun) {
        (None, None) => None,
        (a, b) => Some(a == Some(true) || b == Some(true)),
    };
    let vague = flag("has_vague_source")?;
    if uncertain.is_none()
        && certainty.is_none()
        && checkworthy.is_none()
        && sourced.is_none()
        && vague.is_none()
    {
        return Err("neither `label`, `certainty`, `checkworthy` nor a `has_*_source` flag".into());
    }
    let span = match (
        o.get("start").and_then(Value::as_u64),
        o.get("end").and_then(Value::as_u64),
    ) {
        (Some(a), Some(b)) if a <= b => Some(a as usize..b as usize),
        _ => None,
    };
    let line = o.get("line").and_then(Value::as_u64);
    // The document: `doc`, else `file`, else (for lines that carry a `line`) the id without
    // its last `-N` (CheckThat! ids are `<debate>-<line>`).
    let doc = o
        .get("doc")
        .or_else(|| o.get("file"))
        .and_then(Value::as_str)
        .map(str::to_string)
        .or_else(|| {
            let id = o.get("id")?.as_str()?;
            line.and_then(|_| id.rsplit_once('-'))
                .map(|(d, _)| d.to_string())
        });
    Ok(GoldLine {
        id,
        text,
        uncertain,
        certainty,
        checkworthy,
        line,
        doc,
        span,
        sourced,
        vague,
    })
}

const PTB_NO_SPACE_BEFORE: &[&str] = &[
    ",", ".", ";", ":", "?", "!", ")", "]", "}", "%", "'s", "'S", "n't", "N'T", "'re", "'ve",
    "'ll", "'d", "'m", "''",
];
const PTB_NO_SPACE_AFTER: &[&str] = &["(", "[", "{", "$", "``"];

/// Undoes Penn Treebank tokenisation (`-LRB-`, `` ` ``, ` 's`, ` ,`) so that the text reads as
/// prose: brackets become brackets (and `(Smith , 2005 )` a citation again), clitics rejoin
/// their word. Text without PTB tokens comes back unchanged.
pub fn detokenize_ptb(text: &str) -> Cow<'_, str> {
    let ptb = text.contains("-LRB-")
        || text.contains("-RRB-")
        || text.contains("``")
        || text.contains(" 's ")
        || text.contains(" n't")
        || text.contains(" , ")
        || text.ends_with(" .");
    if !ptb {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut glue = true;
    for tok in text.split_whitespace() {
        let t = match tok {
            "-LRB-" => "(",
            "-RRB-" => ")",
            "-LSB-" => "[",
            "-RSB-" => "]",
            "-LCB-" => "{",
            "-RCB-" => "}",
            "``" => "\u{201C}",
            "''" => "\u{201D}",
            t => t,
        };
        if !glue && !PTB_NO_SPACE_BEFORE.contains(&tok) && !PTB_NO_SPACE_BEFORE.contains(&t) {
            out.push(' ');
        }
        out.push_str(t);
        glue = PTB_NO_SPACE_AFTER.contains(&tok) || PTB_NO_SPACE_AFTER.contains(&t);
    }
    Cow::Owned(out)
}
