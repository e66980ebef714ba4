//! Writing generated crates to disk so that a run killed at any instant, or two runs at
//! once, never leave a mix: every crate of a run goes from entirely old to entirely new
//! together.
//!
//! A run ([`write_set`]; [`write()`] is a set of one crate):
//!
//! 1. locks every crate's directory (`.wixgen-lock` in it; see [`lock`](mod@lock)), waiting for
//!    another run that holds one;
//! 2. finishes what an interrupted run left: a committed swap (its journal is there) is
//!    completed, anything uncommitted is thrown away (see `repair`);
//! 3. stages every crate (the managed directory, `src/api`, as a whole beside it in
//!    `src/.api.wixgen-new/`, other changed files as `.<name>.wixgen-tmp` beside theirs;
//!    see `stage`), touching nothing live;
//! 4. commits: writes the swap journal (`.wixgen-swap`) naming what was staged, in the
//!    directory the caller names (the crate's own, or the checkout's `generated/`);
//! 5. swaps: each crate's `src/api` is renamed to `src/.api.wixgen-old`, the staged one
//!    renamed into place, the old one removed, each staged file renamed onto its target;
//!    and last the journal is removed (see `journal`).
//!
//! Killed before step 4, the next run throws the staged parts away: every crate stays old.
//! Killed after it, the next run finishes the swap: every crate becomes new. Between the
//! two renames of one crate there is an instant with no `src/api` (the journal is there,
//! and the staged one complete beside it).
//!
//! The writer counts its filesystem steps, and a testing hook ([`FAULT_AFTER_VAR`],
//! [`write_killed_after`]) stops it after any one of them, as if the process were killed.

mod check;
mod files;
mod journal;
pub mod lock;
mod repair;
mod stage;
mod steps;

use std::io;
use std::path::{Path, PathBuf};

pub use check::{check, CheckReport};
pub use files::files_below;
pub use journal::JOURNAL_FILE;
pub use lock::LOCK_FILE;
pub use steps::FAULT_AFTER_VAR;

use crate::emit::Output;
use files::{exists, relative, remove, temp_path};
use steps::{is_killed, Steps};

/// What [`write()`] did, as paths relative to the output directory.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct WriteReport {
    pub written: Vec<String>,
    pub unchanged: Vec<String>,
    pub removed: Vec<String>,
    /// Files in the managed directory without the `@generated` header: left in place.
    pub foreign: Vec<String>,
    /// What an interrupted run had left (temporary files, a staged or retired managed
    /// directory, a journal), moved into place or removed. Paths outside every crate of
    /// the run are in the first crate's list, in full.
    pub cleaned: Vec<String>,
}

/// One crate of a run: what to write, where, and which directory of it the generator owns
/// (its `.rs` files not in `output` are removed).
#[derive(Clone, Copy, Debug)]
pub struct CrateOutput<'a> {
    pub out_dir: &'a Path,
    pub output: &'a Output,
    pub managed: Option<&'a str>,
}

/// Writes `output` under `out_dir`: the managed directory replaced as a whole (if anything
/// in it changes; generated files `output` no longer has are left out, hand-written ones
/// kept), and every other changed file, all at once. First finishes or undoes what an
/// interrupted run left. See the module documentation.
pub fn write(out_dir: &Path, output: &Output, managed: Option<&str>) -> io::Result<WriteReport> {
    let mut reports = write_set(out_dir, &[CrateOutput { out_dir, output, managed }])?;
    Ok(reports.remove(0))
}

/// Writes several crates as one: all old or all new, whenever the run is stopped. The
/// swap journal goes in `journal_dir` (which a later run must name the same way to finish
/// an interrupted swap). One report per crate, in order. Takes the crates' locks, waiting
/// for another run that holds one.
pub fn write_set(journal_dir: &Path, crates: &[CrateOutput]) -> io::Result<Vec<WriteReport>> {
    let dirs: Vec<&Path> = crates.iter().map(|c| c.out_dir).collect();
    lock(&dirs)?.write_set(journal_dir, crates)
}

/// The locks of a run's output directories, held until dropped: what the run reads of them
/// (the API it compares with) stays what it replaces.
#[derive(Debug)]
pub struct Locked {
    _locks: Vec<lock::OutputLock>,
    dirs: Vec<PathBuf>,
}

/// Locks every directory of `dirs` (see [`lock`](mod@lock)), saying so on standard error when another
/// run holds one and waiting for it.
pub fn lock(dirs: &[&Path]) -> io::Result<Locked> {
    let locks = lock::lock_dirs(dirs, |at| {
        eprintln!(
            "wixgen: waiting for another wixgen run to finish writing {} (it holds {})",
            at.parent().unwrap_or(at).display(),
            at.display()
        );
    })?;
    Ok(Locked { _locks: locks, dirs: dirs.iter().map(|d| d.to_path_buf()).collect() })
}

impl Locked {
    /// [`write_set`] under these locks.
    pub fn write_set(&self, journal_dir: &Path, crates: &[CrateOutput]) -> io::Result<Vec<WriteReport>> {
        if let Some(c) = crates.iter().find(|c| !self.dirs.iter().any(|d| d == c.out_dir)) {
            return Err(io::Error::other(format!("{} is not locked for this run", c.out_dir.display())));
        }
        write_steps(journal_dir, crates, &mut Steps::from_env())
    }
}

/// Testing hook: [`write()`], stopped right after its `n`-th filesystem step as if the process
/// had been killed there (nothing is cleaned up), returning an error; `Ok` when the write
/// takes fewer steps. For in-process tests of what a crash leaves and how the next run
/// repairs it; [`FAULT_AFTER_VAR`] does the same to a running `wixgen`.
#[doc(hidden)]
pub fn write_killed_after(out_dir: &Path, output: &Output, managed: Option<&str>, n: usize) -> io::Result<WriteReport> {
    let mut reports = write_set_killed_after(out_dir, &[CrateOutput { out_dir, output, managed }], n)?;
    Ok(reports.remove(0))
}

/// Testing hook: [`write_set`] stopped after its `n`-th step, as [`write_killed_after`].
#[doc(hidden)]
pub fn write_set_killed_after(journal_dir: &Path, crates: &[CrateOutput], n: usize) -> io::Result<Vec<WriteReport>> {
    write_steps(journal_dir, crates, &mut Steps::failing_after(n))
}

/// The swap journal an interrupted run left in `journal_dir` (committed, or half written),
/// if there is one: `--check` reports it.
pub fn pending_swap(journal_dir: &Path) -> Vec<PathBuf> {
    let path = journal::path(journal_dir);
    [temp_path(&path), path].into_iter().filter(|p| exists(p)).collect()
}

fn write_steps(journal_dir: &Path, crates: &[CrateOutput], steps: &mut Steps) -> io::Result<Vec<WriteReport>> {
    let mut reports: Vec<WriteReport> = crates.iter().map(|_| WriteReport::default()).collect();
    let result = (|| {
        recover(journal_dir, crates, steps, &mut reports)?;
        let mut staged = journal::Journal::default();
        for (c, report) in crates.iter().zip(&mut reports) {
            let name = journal::crate_name_in(journal_dir, c.out_dir);
            if let Some(s) = stage::stage(name, c.out_dir, c.output, c.managed, steps, report)? {
                staged.crates.push(s);
            }
        }
        if staged.is_empty() {
            return Ok(());
        }
        journal::commit(journal_dir, &staged, steps)?;
        journal::apply(journal_dir, &staged, steps).map(drop)
    })();
    if let Err(e) = result {
        // A killed run cleans nothing up (the next one does); a failed one tries at once.
        if !is_killed(&e) {
            let mut ignored: Vec<WriteReport> = crates.iter().map(|_| WriteReport::default()).collect();
            let _ = recover(journal_dir, crates, &mut Steps::unhooked(), &mut ignored);
        }
        return Err(e);
    }
    for r in &mut reports {
        for list in [&mut r.written, &mut r.unchanged, &mut r.removed, &mut r.foreign] {
            list.sort();
        }
    }
    Ok(reports)
}

/// Finishes a committed swap an interrupted run left (its journal is in `journal_dir`),
/// then undoes whatever uncommitted work is left in each crate.
fn recover(journal_dir: &Path, crates: &[CrateOutput], steps: &mut Steps, reports: &mut [WriteReport]) -> io::Result<()> {
    let mut done = Vec::new();
    if let Some(pending) = journal::read(journal_dir)? {
        done = journal::apply(journal_dir, &pending, steps)?;
    }
    let half_written = temp_path(&journal::path(journal_dir));
    if exists(&half_written) {
        remove(&half_written, steps)?;
        done.push(half_written);
    }
    for path in done {
        match crates.iter().position(|c| path.starts_with(c.out_dir)) {
            Some(i) => reports[i].cleaned.push(relative(crates[i].out_dir, &path)),
            None if !reports.is_empty() => reports[0].cleaned.push(path.display().to_string()),
            None => {}
        }
    }
    for (c, report) in crates.iter().zip(reports.iter_mut()) {
        repair::undo(c.out_dir, c.output, c.managed, steps, &mut report.cleaned)?;
    }
    Ok(())
}
