//! The progress line on stderr.

use super::*;

/// `checked 120/1032 files` on stderr, redrawn at most ten times a second once the run has
/// gone on for [`Progress::after`].
pub(super) struct ProgressLine<'t> {
    start: Instant,
    after: Duration,
    last: Option<Instant>,
    done: usize,
    /// Known once the walk is over (usually long before the line appears); 0 until then.
    total: &'t std::cell::Cell<usize>,
    shown: bool,
}

impl<'t> ProgressLine<'t> {
    pub(super) fn new(p: Progress, total: &'t std::cell::Cell<usize>) -> Self {
        ProgressLine {
            start: Instant::now(),
            after: p.after,
            last: None,
            done: 0,
            total,
            shown: false,
        }
    }

    pub(super) fn tick(&mut self) {
        self.done += 1;
        let now = Instant::now();
        if now.duration_since(self.start) < self.after
            || self
                .last
                .is_some_and(|l| now.duration_since(l) < Duration::from_millis(100))
        {
            return;
        }
        self.last = Some(now);
        self.shown = true;
        // Progress is best effort: a stderr that cannot be written is no reason to stop.
        // The total is 0 until the walk is over (on a tree that takes over a second to walk).
        let _ = match self.total.get() {
            0 => write!(std::io::stderr(), "\r\x1b[Kchecked {} files", self.done),
            total => write!(
                std::io::stderr(),
                "\r\x1b[Kchecked {}/{total} files",
                self.done
            ),
        };
    }

    pub(super) fn clear(&mut self) {
        if self.shown {
            let _ = write!(std::io::stderr(), "\r\x1b[K");
        }
    }
}
