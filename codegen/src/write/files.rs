//! The names the writer gives what it stages, and the small, synced file-system operations
//! it is made of.

use std::io;
use std::path::{Path, PathBuf};

use super::steps::Steps;

/// The managed directory and the two directories beside it that replacing it uses.
pub(super) struct ManagedDirs {
    /// `src/api`.
    pub live: PathBuf,
    /// `src/.api.wixgen-new`: the new directory, written in full before it goes live.
    pub staged: PathBuf,
    /// `src/.api.wixgen-old`: the old directory, between the two renames and until removed.
    pub retired: PathBuf,
}

impl ManagedDirs {
    pub fn new(out_dir: &Path, managed: &str) -> Self {
        let live = out_dir.join(managed.trim_end_matches('/'));
        let name = live.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        ManagedDirs {
            staged: live.with_file_name(format!(".{name}.wixgen-new")),
            retired: live.with_file_name(format!(".{name}.wixgen-old")),
            live,
        }
    }
}

/// Where a file is written before it is renamed onto `target`: beside it, so the rename
/// cannot cross file systems.
pub(super) fn temp_path(target: &Path) -> PathBuf {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    target.with_file_name(format!(".{name}.wixgen-tmp"))
}

pub(super) fn is_temp_name(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(".wixgen-tmp")
}

/// Whether anything (even a broken link) is at `path`.
pub(super) fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// `path` relative to `base`, `/`-separated (the path itself where it is not below `base`).
pub(super) fn relative(base: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    let joined = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
    if joined.is_empty() {
        ".".to_string()
    } else {
        joined
    }
}

/// Every file below `dir`, relative to it, `/`-separated, sorted; none if it does not exist.
pub fn files_below(dir: &Path) -> io::Result<Vec<String>> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = match std::fs::read_dir(&d) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        for entry in entries {
            let entry = entry?;
            if entry.file_type()?.is_dir() {
                stack.push(entry.path());
            } else {
                found.push(relative(dir, &entry.path()));
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Creates `dir` and its missing ancestors, a step if it did not exist.
pub(super) fn create_dirs(dir: &Path, steps: &mut Steps) -> io::Result<()> {
    if !dir.is_dir() {
        std::fs::create_dir_all(dir)?;
        steps.step("created", dir)?;
    }
    Ok(())
}

/// Writes `text` to `path` and flushes it to disk.
pub(super) fn write_synced(path: &Path, text: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let mut file = std::fs::File::create(path)?;
    file.write_all(text)?;
    file.sync_all()
}

/// Flushes a directory's entries (the renames in it) to disk, where that can be done.
pub(super) fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Renames `from` onto `to`, flushes the directory, and counts the step.
pub(super) fn rename(from: &Path, to: &Path, steps: &mut Steps) -> io::Result<()> {
    std::fs::rename(from, to)?;
    if let Some(parent) = to.parent() {
        sync_dir(parent);
    }
    steps.step("renamed", from)
}

/// Removes a file, or a directory and everything in it, and counts the step.
pub(super) fn remove(path: &Path, steps: &mut Steps) -> io::Result<()> {
    if std::fs::symlink_metadata(path)?.is_dir() {
        std::fs::remove_dir_all(path)?;
    } else {
        std::fs::remove_file(path)?;
    }
    steps.step("removed", path)
}
