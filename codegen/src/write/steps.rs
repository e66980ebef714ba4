//! Counting the writer's filesystem steps, and the testing hook that stops it after any
//! one of them as if the process were killed there.

use std::fmt;
use std::io;
use std::path::Path;

/// The testing hook of the writer: `WIXGEN_FAULT_AFTER=<n>` in the environment makes it
/// abort the process (as a `kill -9` would end it) right after its n-th filesystem step
/// (every file written, directory created, renamed or removed is a step, across every
/// crate of a run), so that tests can stop a regeneration at every write and rename. Read
/// by the writer only, and meant for tests only; unset (or not a number), nothing happens.
pub const FAULT_AFTER_VAR: &str = "WIXGEN_FAULT_AFTER";

/// What the fault-injection hook does when its step comes.
#[derive(Clone, Copy, Debug)]
enum Fault {
    /// `std::process::abort()`: the process ends there, as killed.
    Abort,
    /// The writer returns a [`Killed`] error at once, cleaning nothing up: for in-process
    /// tests.
    Return,
}

/// The error an in-process fault returns when its step comes.
#[derive(Debug)]
struct Killed(usize);

impl fmt::Display for Killed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "stopped after step {} (fault injection)", self.0)
    }
}

impl std::error::Error for Killed {}

/// Whether `e` is the in-process fault's error: the run is to be left as a kill leaves it.
pub(super) fn is_killed(e: &io::Error) -> bool {
    e.get_ref().is_some_and(|inner| inner.is::<Killed>())
}

/// Counts the writer's filesystem steps, for the fault-injection hook.
pub(super) struct Steps {
    done: usize,
    fault: Option<(usize, Fault)>,
}

impl Steps {
    /// The steps of a real run: the hook set from [`FAULT_AFTER_VAR`], if it is.
    pub(super) fn from_env() -> Self {
        let after = std::env::var(FAULT_AFTER_VAR).ok().and_then(|v| v.trim().parse().ok());
        Steps { done: 0, fault: after.map(|n| (n, Fault::Abort)) }
    }

    /// Steps that stop with an error after the `n`-th (in-process tests).
    pub(super) fn failing_after(n: usize) -> Self {
        Steps { done: 0, fault: Some((n, Fault::Return)) }
    }

    /// Steps without a hook (the clean-up after a failed run).
    pub(super) fn unhooked() -> Self {
        Steps { done: 0, fault: None }
    }

    /// Called after every step that changed the file system.
    pub(super) fn step(&mut self, what: &str, path: &Path) -> io::Result<()> {
        self.done += 1;
        match self.fault {
            Some((n, Fault::Abort)) if n == self.done => {
                eprintln!("wixgen: {FAULT_AFTER_VAR}={n}: aborting after step {n} ({what} {})", path.display());
                std::process::abort();
            }
            Some((n, Fault::Return)) if n == self.done => Err(io::Error::other(Killed(n))),
            _ => Ok(()),
        }
    }
}
