//! One writer at a time per output directory: an exclusive lock on `.wixgen-lock` in it.
//!
//! The lock is the operating system's lock on the open file (`flock` on Unix), so a run
//! that is killed releases it with its process; the file itself is removed when the run
//! ends (a killed run leaves it, unlocked and harmless, for the next run to reuse and
//! remove). A run that finds the lock held says so and waits.
//!
//! Removing the file while others wait on it is safe on Unix: a waiter that gets the lock
//! checks that the file it locked is still the one at the path, and starts again if not.

use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};

/// The lock file's name, in each output directory.
pub const LOCK_FILE: &str = ".wixgen-lock";

/// A held lock; released (and its file removed) when dropped.
#[derive(Debug)]
pub struct OutputLock {
    file: Option<File>,
    path: PathBuf,
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // Removed while still held, so that no one locks the file on its way out.
        #[cfg(unix)]
        let _ = std::fs::remove_file(&self.path);
        drop(self.file.take());
    }
}

/// Locks every directory of `dirs` (created if missing), in path order so that two runs
/// wanting the same directories cannot each hold one the other waits for. `waiting` is
/// called with the lock file's path before waiting on a lock another run holds.
pub fn lock_dirs(dirs: &[&Path], mut waiting: impl FnMut(&Path)) -> io::Result<Vec<OutputLock>> {
    let mut sorted: Vec<PathBuf> = dirs.iter().map(|d| d.to_path_buf()).collect();
    sorted.sort();
    sorted.dedup();
    sorted.into_iter().map(|dir| lock_dir(&dir, &mut waiting)).collect()
}

fn lock_dir(dir: &Path, waiting: &mut impl FnMut(&Path)) -> io::Result<OutputLock> {
    std::fs::create_dir_all(dir)?;
    let path = dir.join(LOCK_FILE);
    let mut said = false;
    loop {
        let file = OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&path)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                if !said {
                    waiting(&path);
                    said = true;
                }
                file.lock()?;
            }
            Err(TryLockError::Error(e)) => return Err(e),
        }
        if still_at(&file, &path) {
            return Ok(OutputLock { file: Some(file), path });
        }
    }
}

/// Whether `file` is still the file at `path` (not removed, or replaced, by the run that
/// held the lock before).
#[cfg(unix)]
fn still_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn still_at(_: &File, _: &Path) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_locker_waits_and_the_file_goes_with_the_last_lock() {
        let dir = tempfile::tempdir().unwrap();
        let first = lock_dirs(&[dir.path()], |_| panic!("nobody holds it yet")).unwrap();
        assert!(dir.path().join(LOCK_FILE).is_file());
        let (tx, rx) = std::sync::mpsc::channel();
        let path = dir.path().to_path_buf();
        let waiter = std::thread::spawn(move || {
            let held = lock_dirs(&[&path], |at| tx.send(at.to_path_buf()).unwrap()).unwrap();
            drop(held);
        });
        // The waiter says it waits before it blocks; only then is the first lock released.
        assert_eq!(rx.recv().unwrap(), dir.path().join(LOCK_FILE));
        drop(first);
        waiter.join().unwrap();
        assert!(!dir.path().join(LOCK_FILE).exists());
    }
}
