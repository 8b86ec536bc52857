//! The worker pool: workers take inputs in path order while the walk goes on, and the
//! calling thread reports each file as soon as every file before it is reported, with at most
//! [`WINDOW`] files and about [`HELD_BYTES`] of reports held ahead.

use super::*;

/// What the workers and the reporting thread share.
///
/// A thread is woken only when what it waits for has happened (std's `notify_all` makes a
/// system call even when nobody waits, and a needless wake-up takes a core from a worker):
/// the reporter when the files it waits for are done, a worker when the window moves or an
/// input is found.
struct Queue {
    found: Mutex<Found>,
    /// Signalled when an input is found or the walk is over, if a worker waits.
    more: Condvar,
    done: Mutex<Done>,
    /// Signalled when the files the reporter waits for are done ([`Done::wakes_reporter`]).
    ready: Condvar,
    /// Signalled when the reporter moves on, if a worker waits for it.
    room: Condvar,
    /// The next index a worker takes.
    next: AtomicUsize,
    /// How many files have been reported.
    reported: AtomicUsize,
    /// The reporter failed (a closed pipe): workers stop.
    stop: AtomicBool,
}

#[derive(Default)]
struct Found {
    /// The inputs found so far.
    inputs: Vec<Input>,
    /// The walk is over.
    over: bool,
    /// Workers waiting for the walk.
    waiting: usize,
}

#[derive(Default)]
struct Done {
    /// Finished files not yet reported, by index.
    outcomes: BTreeMap<usize, Outcome>,
    /// The first and last index of the files the reporter waits for, if it waits.
    awaited: Option<(usize, usize)>,
    /// Workers waiting for the reporter to move on.
    waiting: usize,
    /// The weight of `outcomes` ([`Outcome::weight`]).
    held: usize,
}

impl Done {
    /// Whether the reporter should wake: the first file it waits for is done, and the last is
    /// too or the reports held have reached [`HELD_BYTES`] (then workers wait for it).
    fn wakes_reporter(&self) -> bool {
        self.awaited.is_some_and(|(first, last)| {
            self.outcomes.contains_key(&first)
                && (self.outcomes.contains_key(&last) || self.held > HELD_BYTES)
        })
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Hands each input found to its argument; returns what to report before any of them.
type Discover<'a> = dyn FnMut(&mut dyn FnMut(Input)) -> Vec<Outcome> + 'a;

/// Checks the inputs `discover` hands over on `threads` workers while it goes on (it runs on
/// the calling thread) and reports them in order once it is done, after what it returns.
pub(super) fn in_parallel(
    threads: usize,
    discover: &mut Discover<'_>,
    work: &(dyn Fn(&Input, &mut Workspace) -> Outcome + Sync),
    report: &mut dyn FnMut(Outcome) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let q = Queue {
        found: Mutex::default(),
        more: Condvar::new(),
        done: Mutex::default(),
        ready: Condvar::new(),
        room: Condvar::new(),
        next: AtomicUsize::new(0),
        reported: AtomicUsize::new(0),
        stop: AtomicBool::new(false),
    };
    std::thread::scope(|scope| {
        // A thread the system will not start is one worker fewer, not a panic (`--threads` is
        // capped, but a machine may still run out); with none, the run fails.
        let mut started = 0;
        for _ in 0..threads {
            match std::thread::Builder::new().spawn_scoped(scope, || worker(work, &q)) {
                Ok(_) => started += 1,
                Err(_) => break,
            }
        }
        if started == 0 {
            return Err(std::io::Error::other("cannot start a worker thread"));
        }
        let first = discover(&mut |input| {
            let mut found = lock(&q.found);
            found.inputs.push(input);
            if found.waiting > 0 {
                q.more.notify_all();
            }
        });
        let n = {
            let mut found = lock(&q.found);
            found.over = true;
            q.more.notify_all();
            found.inputs.len()
        };
        let result = first
            .into_iter()
            .try_for_each(&mut *report)
            .and_then(|()| report_in_order(n, &q, report));
        if result.is_err() {
            q.stop.store(true, Ordering::SeqCst);
        }
        // Wake workers waiting for the window to move so that they see `stop` or finish.
        let _guard = lock(&q.done);
        q.room.notify_all();
        drop(_guard);
        result
    })
}

/// The `i`th input, once the walk has found it; `None` when the walk ended before.
fn nth_input(q: &Queue, i: usize) -> Option<Input> {
    let mut found = lock(&q.found);
    loop {
        if let Some(input) = found.inputs.get(i) {
            return Some(input.clone());
        }
        if found.over {
            return None;
        }
        found.waiting += 1;
        found = q.more.wait(found).unwrap_or_else(|e| e.into_inner());
        found.waiting -= 1;
    }
}

fn worker(work: &(dyn Fn(&Input, &mut Workspace) -> Outcome + Sync), q: &Queue) {
    let mut ws = Workspace::default();
    loop {
        let i = q.next.fetch_add(1, Ordering::SeqCst);
        let Some(input) = nth_input(q, i) else {
            return;
        };
        // Wait until the reporter is within WINDOW files of this one, and, unless this is the
        // next file to report, until less than HELD_BYTES wait to be reported.
        {
            let mut done = lock(&q.done);
            while !q.stop.load(Ordering::SeqCst) && {
                let reported = q.reported.load(Ordering::SeqCst);
                i >= reported + WINDOW || (i > reported && done.held > HELD_BYTES)
            } {
                done.waiting += 1;
                done = q.room.wait(done).unwrap_or_else(|e| e.into_inner());
                done.waiting -= 1;
            }
        }
        if q.stop.load(Ordering::SeqCst) {
            return;
        }
        let outcome = work(&input, &mut ws);
        let mut done = lock(&q.done);
        done.held += outcome.weight();
        done.outcomes.insert(i, outcome);
        if done.wakes_reporter() {
            q.ready.notify_one();
        }
    }
}

fn report_in_order(
    n: usize,
    q: &Queue,
    report: &mut dyn FnMut(Outcome) -> std::io::Result<()>,
) -> std::io::Result<()> {
    for i in 0..n {
        let outcome = {
            let mut done = lock(&q.done);
            loop {
                if let Some(o) = done.outcomes.remove(&i) {
                    done.awaited = None;
                    break o;
                }
                done.awaited = Some((i, (i + BATCH - 1).min(n - 1)));
                while !done.wakes_reporter() {
                    done = q.ready.wait(done).unwrap_or_else(|e| e.into_inner());
                }
            }
        };
        let weight = outcome.weight();
        report(outcome)?;
        q.reported.store(i + 1, Ordering::SeqCst);
        let mut done = lock(&q.done);
        done.held -= weight;
        if done.waiting > 0 {
            q.room.notify_all();
        }
    }
    Ok(())
}
