//! Putting a pull's pages in place all at once. The new folder is built in full beside the
//! target (`.<name>.wixgen-pull-new/`: the target's files that stay, the pages fetched,
//! the lock file), then the target is renamed away (`.<name>.wixgen-pull-old/`), the new
//! folder renamed into place, and the old one removed. A pull that fails before the
//! renames removes the staging folder and leaves the target as it was; one killed between
//! the renames leaves no target, and the next pull puts the old folder back first.

use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Path, PathBuf};

/// The staging and retired folders beside `target`.
fn siblings(target: &Path) -> (PathBuf, PathBuf) {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "pages".into());
    (target.with_file_name(format!(".{name}.wixgen-pull-new")), target.with_file_name(format!(".{name}.wixgen-pull-old")))
}

fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// Undoes what an interrupted pull left: a retired folder with no target goes back; any
/// staging or retired folder left is removed.
pub fn repair(target: &Path) -> io::Result<()> {
    let (staged, retired) = siblings(target);
    if !exists(target) && exists(&retired) {
        std::fs::rename(&retired, target)?;
    }
    for dir in [staged, retired] {
        if exists(&dir) {
            std::fs::remove_dir_all(&dir)?;
        }
    }
    Ok(())
}

pub(crate) use crate::write::files_below;

fn write_synced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut f = std::fs::File::create(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Replaces `target` by a folder holding its current files except `remove` and those in
/// `write`, plus `write` (relative path → bytes). All or nothing; see the module docs.
pub fn replace(target: &Path, write: &BTreeMap<String, Vec<u8>>, remove: &BTreeSet<String>) -> io::Result<()> {
    repair(target)?;
    let (staged, retired) = siblings(target);
    let build = || -> io::Result<()> {
        std::fs::create_dir_all(&staged)?;
        for rel in files_below(target)? {
            if write.contains_key(&rel) || remove.contains(&rel) {
                continue;
            }
            let to = staged.join(&rel);
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::copy(target.join(&rel), &to)?;
        }
        for (rel, bytes) in write {
            write_synced(&staged.join(rel), bytes)?;
        }
        Ok(())
    };
    if let Err(e) = build() {
        let _ = std::fs::remove_dir_all(&staged);
        return Err(e);
    }
    if exists(target) {
        std::fs::rename(target, &retired)?;
    } else if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent)?;
    }
    if let Err(e) = std::fs::rename(&staged, target) {
        // Put the old folder back.
        if exists(&retired) {
            let _ = std::fs::rename(&retired, target);
        }
        let _ = std::fs::remove_dir_all(&staged);
        return Err(e);
    }
    if exists(&retired) {
        std::fs::remove_dir_all(&retired)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_kept_replaced_removed_and_added() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("api");
        std::fs::create_dir_all(target.join("sub")).unwrap();
        std::fs::write(target.join("keep.md"), "keep").unwrap();
        std::fs::write(target.join("wixgen.toml"), "[ids]\n").unwrap();
        std::fs::write(target.join("sub/old.md"), "old").unwrap();
        std::fs::write(target.join("sub/change.md"), "before").unwrap();
        let write = BTreeMap::from([("sub/change.md".to_string(), b"after".to_vec()), ("new/page.md".to_string(), b"new".to_vec())]);
        replace(&target, &write, &BTreeSet::from(["sub/old.md".to_string()])).unwrap();
        assert_eq!(files_below(&target).unwrap(), ["keep.md", "new/page.md", "sub/change.md", "wixgen.toml"]);
        assert_eq!(std::fs::read_to_string(target.join("sub/change.md")).unwrap(), "after");
        // Nothing is left beside it.
        let mut beside: Vec<String> = std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        beside.sort();
        assert_eq!(beside, ["api"]);
    }

    #[test]
    fn an_interrupted_swap_is_undone() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("api");
        let (staged, retired) = siblings(&target);
        std::fs::create_dir_all(&retired).unwrap();
        std::fs::write(retired.join("a.md"), "a").unwrap();
        std::fs::create_dir_all(&staged).unwrap();
        repair(&target).unwrap();
        assert_eq!(files_below(&target).unwrap(), ["a.md"]);
        assert!(!exists(&staged) && !exists(&retired));
    }
}
