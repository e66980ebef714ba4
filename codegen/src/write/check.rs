//! Comparing what would be written with what is on disk, writing nothing.

use std::collections::BTreeSet;
use std::fmt;
use std::io;
use std::path::Path;

use super::files::files_below;
use super::repair::leftovers;
use crate::emit::Output;

/// What [`check`] found, as paths relative to the output directory.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct CheckReport {
    /// On disk, but different from what the specs give; and whatever an interrupted run
    /// left behind.
    pub stale: Vec<String>,
    /// Given by the specs, not on disk.
    pub missing: Vec<String>,
    /// On disk in the managed directory, not given by the specs.
    pub extra: Vec<String>,
}

impl CheckReport {
    pub fn is_clean(&self) -> bool {
        self.stale.is_empty() && self.missing.is_empty() && self.extra.is_empty()
    }
}

impl fmt::Display for CheckReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_clean() {
            return write!(f, "up to date");
        }
        for (what, list) in [("stale", &self.stale), ("missing", &self.missing), ("extra", &self.extra)] {
            for p in list {
                writeln!(f, "{what}: {p}")?;
            }
        }
        Ok(())
    }
}

/// `.rs` files below `out_dir/managed`, relative to `out_dir`, sorted.
fn managed_files(out_dir: &Path, managed: Option<&str>) -> io::Result<BTreeSet<String>> {
    let Some(managed) = managed else { return Ok(BTreeSet::new()) };
    Ok(files_below(&out_dir.join(managed))?.into_iter().filter(|f| f.ends_with(".rs")).map(|f| format!("{managed}/{f}")).collect())
}

/// Compares `output` with the files under `out_dir`. What an interrupted run left behind
/// (see [`super::write()`]) is reported as stale.
pub fn check(out_dir: &Path, output: &Output, managed: Option<&str>) -> io::Result<CheckReport> {
    let mut report = CheckReport::default();
    for (rel, text) in &output.files {
        match std::fs::read_to_string(out_dir.join(rel)) {
            Ok(on_disk) if &on_disk == text => {}
            Ok(_) => report.stale.push(rel.clone()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => report.missing.push(rel.clone()),
            Err(e) => return Err(e),
        }
    }
    for rel in managed_files(out_dir, managed)? {
        if !output.files.contains_key(&rel) {
            report.extra.push(rel);
        }
    }
    report.stale.extend(leftovers(out_dir, output, managed)?.into_iter().map(|(rel, _)| rel));
    report.stale.sort();
    Ok(report)
}
