//! What an interrupted run leaves in a crate, found and put right.
//!
//! A committed run (one whose swap journal is there) is finished by
//! [`super::journal::apply`]; this is what is left to undo after that, or when the run
//! never committed: temporary files, a staged managed directory, a retired one (put back
//! first if the live one is missing), a journal or its temporary file.

use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Path, PathBuf};

use super::files::{exists, is_temp_name, relative, remove, rename, ManagedDirs};
use super::journal::JOURNAL_FILE;
use super::steps::Steps;
use crate::emit::Output;

/// Everything an interrupted run may have left under `out_dir`, sorted by relative path:
/// temporary files (beside any file of `output`, in the output directory, beside the
/// managed directory and anywhere in it), the staged and retired managed directories, and
/// a swap journal in the output directory.
pub(super) fn leftovers(out_dir: &Path, output: &Output, managed: Option<&str>) -> io::Result<Vec<(String, PathBuf)>> {
    let mut found = BTreeMap::new();
    let mut flat: BTreeSet<PathBuf> = BTreeSet::from([out_dir.to_path_buf()]);
    flat.extend(output.files.keys().filter_map(|rel| out_dir.join(rel).parent().map(Path::to_path_buf)));
    let journal = out_dir.join(JOURNAL_FILE);
    if exists(&journal) {
        found.insert(relative(out_dir, &journal), journal);
    }
    let mut deep = Vec::new();
    if let Some(managed) = managed {
        let dirs = ManagedDirs::new(out_dir, managed);
        for dir in [&dirs.staged, &dirs.retired] {
            if exists(dir) {
                found.insert(relative(out_dir, dir), dir.clone());
            }
        }
        if let Some(parent) = dirs.live.parent() {
            flat.insert(parent.to_path_buf());
        }
        flat.remove(&dirs.live);
        deep.push(dirs.live);
    }
    let mut scan = |dir: &Path, recurse: bool, deep: &mut Vec<PathBuf>| -> io::Result<()> {
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) if matches!(e.kind(), io::ErrorKind::NotFound | io::ErrorKind::NotADirectory) => return Ok(()),
            Err(e) => return Err(e),
        };
        for entry in entries {
            let entry = entry?;
            let path = entry.path();
            if is_temp_name(&entry.file_name().to_string_lossy()) {
                found.insert(relative(out_dir, &path), path);
            } else if recurse && entry.file_type()?.is_dir() {
                deep.push(path);
            }
        }
        Ok(())
    };
    for dir in &flat {
        scan(dir, false, &mut deep)?;
    }
    while let Some(dir) = deep.pop() {
        scan(&dir, true, &mut deep)?;
    }
    Ok(found.into_iter().collect())
}

/// Undoes what a run that never committed left in one crate: a retired managed directory
/// goes back where the live one is missing, then every leftover is removed. `cleaned`
/// gets their paths, relative to `out_dir`.
pub(super) fn undo(out_dir: &Path, output: &Output, managed: Option<&str>, steps: &mut Steps, cleaned: &mut Vec<String>) -> io::Result<()> {
    if let Some(managed) = managed {
        let dirs = ManagedDirs::new(out_dir, managed);
        if !exists(&dirs.live) && exists(&dirs.retired) {
            rename(&dirs.retired, &dirs.live, steps)?;
            cleaned.push(relative(out_dir, &dirs.retired));
        }
    }
    for (rel, path) in leftovers(out_dir, output, managed)? {
        remove(&path, steps)?;
        cleaned.push(rel);
    }
    Ok(())
}
