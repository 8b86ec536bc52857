//! Rule matching and sentence assessment: finds every rule's cues in each sentence in one
//! pass over the tokens (one literal index for all rules), applies exceptions, decides which
//! sentences name a source, scores them, and turns cues into findings.

mod assessment;
mod certainty;
mod cues;
mod finding;

pub use assessment::*;
pub use certainty::*;
pub use cues::*;
pub use finding::*;

use crate::pattern::{self, Builtin, Scratch, TokenView};
use crate::rules::{CueKind, Level, SourceKind, Stack, Stacking};
use crate::rules::{NeedRow, RuleId, RuleSet};
use crate::source::Reach;
use crate::text::lexer::{Token, TokenKind};
use crate::text::quotes::{Quotations, paragraph_break};
use crate::text::sentence::Sentence;
use std::ops::Range;

pub use crate::pattern::literals::NO_SYM;

#[cfg(test)]
mod tests {
    use super::expand_message;

    #[test]
    fn messages_expand_the_match_and_the_count_once() {
        assert_eq!(
            expand_message("“{match}” ({count} hedges)", "some\n  analysts\tsay", 3),
            "“some analysts say” (3 hedges)"
        );
        // Matched text is not expanded again, and other braces stay as they are.
        assert_eq!(
            expand_message("{match} {x} {", "{count}", 2),
            "{count} {x} {"
        );
        assert_eq!(expand_message("no fields", "x", 1), "no fields");
    }
}
