//! What a regeneration prints about its public API: the changes one a line, the
//! headline, and `--check`'s verdict.

use std::fmt;
use std::path::Path;

use super::changes::{diff, ApiDiff, ChangeKind};
use super::surface::Surface;
use crate::emit::Output;

impl fmt::Display for ApiDiff {
    /// One change a line: ``- removed field `Message.silent` (`Option<bool>`)  [breaking]``.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in &self.changes {
            let (sign, word) = match c.kind {
                ChangeKind::Removed => ('-', "removed"),
                ChangeKind::Renamed => ('~', "renamed"),
                ChangeKind::Changed => ('~', "changed"),
                ChangeKind::Added => ('+', "added"),
            };
            let mark = if c.breaking { "  [breaking]" } else { "" };
            writeln!(f, "  {sign} {word} {}{mark}", c.what)?;
        }
        Ok(())
    }
}

/// Compares the generated code on disk with `output`: the API diff of a regeneration.
pub fn compare(out_dir: &Path, output: &Output, managed: Option<&str>) -> Result<(Surface, ApiDiff), String> {
    let old = Surface::on_disk(out_dir, output, managed)?;
    against(old, output)
}

/// `old` and how `output` differs from it.
fn against(old: Surface, output: &Output) -> Result<(Surface, ApiDiff), String> {
    let d = diff(&old, &Surface::of_output(output)?);
    Ok((old, d))
}

/// [`compare`] for a regeneration's report, which says no more than "new" when nothing
/// generated is on disk yet: then the new output's surface is not read (a parse of every
/// generated file, which was half of `wixgen generate`'s time for a new crate).
pub fn compare_for_report(out_dir: &Path, output: &Output, managed: Option<&str>) -> Result<(Surface, ApiDiff), String> {
    let old = Surface::on_disk(out_dir, output, managed)?;
    if old.is_empty() {
        return Ok((old, ApiDiff::default()));
    }
    against(old, output)
}

/// The report a regeneration prints: a headline naming `what` (the crate's directory)
/// and the changes, one a line.
pub fn report(what: &str, old: &Surface, diff: &ApiDiff) -> String {
    if old.is_empty() {
        return format!("public API of {what}: new (no generated code to compare with)\n");
    }
    if diff.is_empty() {
        return format!("public API of {what}: unchanged\n");
    }
    format!("public API of {what}: {}\n{diff}", diff.summary())
}

/// [`compare_for_report`] and [`report`] in one: what a regeneration of `out_dir` into `output`
/// changes in its public API, or why that cannot be told.
pub fn report_for(out_dir: &Path, output: &Output, managed: Option<&str>) -> String {
    match compare_for_report(out_dir, output, managed) {
        Ok((old, d)) => report(&out_dir.display().to_string(), &old, &d),
        Err(e) => format!("warning: no API report for {}: {e}\n", out_dir.display()),
    }
}

/// How `--check` says whether a stale crate's change is breaking: `; the public API
/// changes: 3 change(s), 1 breaking (a breaking change)`.
pub fn verdict(diff: &Result<(Surface, ApiDiff), String>) -> String {
    match diff {
        Ok((_, d)) if d.is_breaking() => format!("; the public API changes: {} (a breaking change)", d.summary()),
        Ok((_, d)) if !d.is_empty() => format!("; the public API changes: {} (not a breaking change)", d.summary()),
        Ok(_) => "; the public API is unchanged (only documentation or implementation differ)".to_string(),
        Err(_) => String::new(),
    }
}
