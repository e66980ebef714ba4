//! The shared reference pages beside the workspace (`<workspace root>/../shared`): Wix's
//! real pages and the corpus rendered from Wix's definitions. They are not part of the
//! project; every test that reads them says plainly when it skips because they are missing.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// `<workspace root>/../shared/<dir>`, or `None`, said on standard error.
pub fn shared(dir: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared").join(dir);
    if path.is_dir() {
        Some(path)
    } else {
        eprintln!("skipped: {} is not there (the shared reference pages are not checked out beside the workspace)", path.display());
        None
    }
}

/// Every API folder of `../shared/wix-corpus/`, sorted; `None` (said) without it.
pub fn corpus_apis() -> Option<Vec<PathBuf>> {
    let root = shared("wix-corpus")?;
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    dirs.sort();
    assert!(dirs.len() >= 27, "{} API folders in {}", dirs.len(), root.display());
    Some(dirs)
}
