//! Staging one crate: everything that changes written beside where it goes, synced, and
//! nothing live touched. The managed directory is staged as a whole (`src/.api.wixgen-new/`:
//! the generated files and the old one's hand-written files); every other changed file as
//! `.<name>.wixgen-tmp` beside its target.

use std::io;
use std::path::Path;

use super::files::{create_dirs, exists, files_below, sync_dir, temp_path, write_synced, ManagedDirs};
use super::journal::Staged;
use super::steps::Steps;
use super::WriteReport;
use crate::emit::output::is_generated;
use crate::emit::Output;

/// Stages `output` for `out_dir`. `None` when nothing changes; else what was staged, the
/// crate named `dir` as the journal will name it. `report` gets what the swap will do.
pub(super) fn stage(
    dir: String,
    out_dir: &Path,
    output: &Output,
    managed: Option<&str>,
    steps: &mut Steps,
    report: &mut WriteReport,
) -> io::Result<Option<Staged>> {
    let prefix = managed.map(|m| format!("{}/", m.trim_end_matches('/')));
    let (inside, outside): (Vec<_>, Vec<_>) =
        output.files.iter().partition(|(rel, _)| prefix.as_ref().is_some_and(|p| rel.starts_with(p.as_str())));
    let mut staged = Staged { dir, managed: None, files: Vec::new() };
    if let (Some(managed), Some(prefix)) = (managed, &prefix) {
        if stage_managed(out_dir, managed, prefix, &inside, steps, report)? {
            staged.managed = Some(managed.trim_end_matches('/').to_string());
        }
    }
    staged.files = stage_files(out_dir, &outside, steps, report)?;
    Ok((staged.managed.is_some() || !staged.files.is_empty()).then_some(staged))
}

/// Stages a new managed directory, if anything in it changes: `inside` and the hand-written
/// files of the old one (generated files the output no longer has are left out). True when
/// one was staged.
fn stage_managed(
    out_dir: &Path,
    managed: &str,
    prefix: &str,
    inside: &[(&String, &String)],
    steps: &mut Steps,
    report: &mut WriteReport,
) -> io::Result<bool> {
    let dirs = ManagedDirs::new(out_dir, managed);
    let mut changed = false;
    for (rel, text) in inside {
        if std::fs::read_to_string(out_dir.join(rel.as_str())).is_ok_and(|t| &t == *text) {
            report.unchanged.push(rel.to_string());
        } else {
            report.written.push(rel.to_string());
            changed = true;
        }
    }
    // What the old directory has besides: generated files the output no longer has go;
    // anything else (hand-written files) is carried over.
    let mut carried = Vec::new();
    for sub in files_below(&dirs.live)? {
        let rel = format!("{prefix}{sub}");
        if inside.iter().any(|(r, _)| **r == rel) {
            continue;
        }
        let path = dirs.live.join(&sub);
        let is_rs = sub.ends_with(".rs");
        if is_rs && std::fs::read_to_string(&path).is_ok_and(|t| is_generated(&t)) {
            report.removed.push(rel);
            changed = true;
        } else {
            if is_rs {
                report.foreign.push(rel);
            }
            carried.push(sub);
        }
    }
    if !changed {
        return Ok(false);
    }
    let parent = dirs.live.parent().unwrap_or(out_dir);
    create_dirs(parent, steps)?;
    if exists(&dirs.staged) {
        // The clean-up before staging removed any; a directory here is not ours to reuse.
        return Err(io::Error::new(io::ErrorKind::AlreadyExists, format!("{} is in the way", dirs.staged.display())));
    }
    std::fs::create_dir(&dirs.staged)?;
    steps.step("created", &dirs.staged)?;
    for (rel, text) in inside {
        let path = dirs.staged.join(&rel[prefix.len()..]);
        create_dirs(path.parent().unwrap_or(&dirs.staged), steps)?;
        write_synced(&path, text.as_bytes())?;
        steps.step("wrote", &path)?;
    }
    for sub in &carried {
        let path = dirs.staged.join(sub);
        create_dirs(path.parent().unwrap_or(&dirs.staged), steps)?;
        std::fs::copy(dirs.live.join(sub), &path)?;
        std::fs::File::open(&path)?.sync_all()?;
        steps.step("copied", &path)?;
    }
    sync_dir(&dirs.staged);
    Ok(true)
}

/// Stages the files outside the managed directory that changed, each beside its target.
/// Returns their paths, relative to `out_dir`.
fn stage_files(out_dir: &Path, files: &[(&String, &String)], steps: &mut Steps, report: &mut WriteReport) -> io::Result<Vec<String>> {
    let mut staged = Vec::new();
    for (rel, text) in files {
        let target = out_dir.join(rel.as_str());
        if std::fs::read_to_string(&target).is_ok_and(|t| &t == *text) {
            report.unchanged.push(rel.to_string());
            continue;
        }
        create_dirs(target.parent().unwrap_or(out_dir), steps)?;
        let tmp = temp_path(&target);
        write_synced(&tmp, text.as_bytes())?;
        sync_dir(target.parent().unwrap_or(out_dir));
        steps.step("wrote", &tmp)?;
        report.written.push(rel.to_string());
        staged.push(rel.to_string());
    }
    Ok(staged)
}
