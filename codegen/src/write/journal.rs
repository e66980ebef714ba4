//! The swap journal: the one file whose appearance commits a set of staged crates.
//!
//! Every crate of a run is staged first (see [`super::stage`]); then the journal,
//! `.wixgen-swap`, is written beside them (in full, then renamed into place: it is there
//! complete or not at all) naming what each crate staged. From that instant the run counts
//! as done: the swap renames the staged parts into place and removes the journal last, and
//! a run that finds a journal finishes its swap before anything else. Without a journal,
//! whatever is staged was never committed and is thrown away.

use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::files::{exists, relative, remove, rename, temp_path, write_synced, ManagedDirs};
use super::steps::Steps;

/// The journal's file name, in the directory the run names for it (the crate's own
/// directory for one crate, `generated/` for the checkout's).
pub const JOURNAL_FILE: &str = ".wixgen-swap";

/// What one crate staged.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Staged {
    /// The crate's directory: relative to the journal's (`.` for the same one) where it is
    /// below it, else absolute.
    pub dir: String,
    /// The managed directory (`src/api`), when a new one is staged beside it.
    pub managed: Option<String>,
    /// Files outside it, relative to the crate, each staged beside its target.
    pub files: Vec<String>,
}

/// Every crate a run staged.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Journal {
    pub crates: Vec<Staged>,
}

impl Journal {
    pub fn is_empty(&self) -> bool {
        self.crates.is_empty()
    }
}

/// A crate's directory as the journal names it.
pub(super) fn crate_name_in(journal_dir: &Path, out_dir: &Path) -> String {
    if out_dir.starts_with(journal_dir) {
        relative(journal_dir, out_dir)
    } else {
        out_dir.display().to_string()
    }
}

fn crate_dir(journal_dir: &Path, name: &str) -> PathBuf {
    if name == "." {
        journal_dir.to_path_buf()
    } else {
        journal_dir.join(name)
    }
}

pub(super) fn path(journal_dir: &Path) -> PathBuf {
    journal_dir.join(JOURNAL_FILE)
}

/// Writes the journal: the commit point of the run.
pub(super) fn commit(journal_dir: &Path, journal: &Journal, steps: &mut Steps) -> io::Result<()> {
    let target = path(journal_dir);
    let tmp = temp_path(&target);
    let text = serde_json::to_string_pretty(journal).map_err(io::Error::other)?;
    write_synced(&tmp, text.as_bytes())?;
    steps.step("wrote", &tmp)?;
    rename(&tmp, &target, steps)
}

/// The journal a run left in `journal_dir`, if any.
pub(super) fn read(journal_dir: &Path) -> io::Result<Option<Journal>> {
    let at = path(journal_dir);
    let text = match std::fs::read_to_string(&at) {
        Ok(t) => t,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    serde_json::from_str(&text).map(Some).map_err(|e| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("{} is not a swap journal wixgen wrote ({e}); if no wixgen run is writing there, remove it", at.display()),
        )
    })
}

/// Swaps in everything `journal` names that is still staged, then removes the journal.
/// Each step can be repeated after a crash: what is already in place is skipped. Returns
/// the paths it moved into place or removed.
pub(super) fn apply(journal_dir: &Path, journal: &Journal, steps: &mut Steps) -> io::Result<Vec<PathBuf>> {
    let mut done = Vec::new();
    for entry in &journal.crates {
        let out_dir = crate_dir(journal_dir, &entry.dir);
        if let Some(managed) = &entry.managed {
            let dirs = ManagedDirs::new(&out_dir, managed);
            if exists(&dirs.staged) {
                if exists(&dirs.live) {
                    rename(&dirs.live, &dirs.retired, steps)?;
                }
                rename(&dirs.staged, &dirs.live, steps)?;
                done.push(dirs.staged.clone());
            }
            if exists(&dirs.retired) {
                remove(&dirs.retired, steps)?;
                done.push(dirs.retired.clone());
            }
        }
        for rel in &entry.files {
            let target = out_dir.join(rel);
            let tmp = temp_path(&target);
            if exists(&tmp) {
                rename(&tmp, &target, steps)?;
                done.push(tmp);
            }
        }
    }
    let at = path(journal_dir);
    remove(&at, steps)?;
    done.push(at);
    Ok(done)
}
