//! Generated crates, once emitted, compared with the disk (`--check`) or written to it as
//! one set (see [`crate::write`]), and what that changes told: files written and removed,
//! and what changes in each crate's public API.

use std::path::{Path, PathBuf};

use crate::emit::Output;
use crate::messages::Messages;
use crate::write::{self, CrateOutput};

/// One crate, emitted and ready to be checked or written.
#[derive(Debug)]
pub struct Prepared {
    /// Where it comes from, for messages (`specs/inbox`).
    pub source: String,
    pub out_dir: PathBuf,
    pub output: Output,
    /// The directory of it the generator owns (`src/api`).
    pub managed: Option<String>,
}

impl Prepared {
    fn as_output(&self) -> CrateOutput<'_> {
        CrateOutput { out_dir: &self.out_dir, output: &self.output, managed: self.managed.as_deref() }
    }
}

/// What `crate_` changes in the public API of what is on disk, as the report prints it.
fn api_report(crate_: &Prepared, api: &Result<(crate::api_diff::Surface, crate::api_diff::ApiDiff), String>) -> String {
    let out = crate_.out_dir.display().to_string();
    match api {
        Ok((old, diff)) => crate::api_diff::report(&out, old, diff),
        Err(e) => format!("warning: no API report for {out}: {e}\n"),
    }
}

/// `--check`: compares every crate with the disk, writing nothing, and names what is stale
/// (and a swap journal an interrupted run left in `journal_dir`). True when all are up to date.
pub fn check(crates: &[Prepared], journal_dir: Option<&Path>, messages: &Messages) -> bool {
    let mut ok = true;
    for c in crates {
        let out = c.out_dir.display();
        match write::check(&c.out_dir, &c.output, c.managed.as_deref()) {
            Ok(report) if report.is_clean() => messages.say(&format!("{out}: {} generated file(s) up to date\n", c.output.files.len())),
            Ok(report) => {
                let api = crate::api_diff::compare(&c.out_dir, &c.output, c.managed.as_deref());
                eprint!("{report}");
                eprint!("{}", api_report(c, &api));
                eprintln!(
                    "error: {out} is out of date with {}{}; run `cargo run -p wixgen`",
                    c.source,
                    crate::api_diff::verdict(&api)
                );
                ok = false;
            }
            Err(e) => {
                eprintln!("error: {out}: {e}");
                ok = false;
            }
        }
    }
    let left = journal_dir.map(write::pending_swap).unwrap_or_default();
    for path in &left {
        eprintln!("stale: {}", path.display());
    }
    if !left.is_empty() {
        eprintln!("error: an interrupted run left its swap journal; run `cargo run -p wixgen` to finish (or undo) its swap");
        ok = false;
    }
    ok
}

/// Writes every crate as one set (the swap journal in `journal_dir`), under the crates'
/// locks, and tells what was written and what changed. True on success.
pub fn write(journal_dir: &Path, crates: &[Prepared], messages: &Messages) -> bool {
    let dirs: Vec<&Path> = crates.iter().map(|c| c.out_dir.as_path()).collect();
    let locked = match write::lock(&dirs) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: cannot lock {}: {e}", dirs.iter().map(|d| d.display().to_string()).collect::<Vec<_>>().join(", "));
            return false;
        }
    };
    // What is on disk now, under the lock: what the new output is compared with.
    let apis: Vec<_> = crates.iter().map(|c| crate::api_diff::compare_for_report(&c.out_dir, &c.output, c.managed.as_deref())).collect();
    let outputs: Vec<CrateOutput> = crates.iter().map(Prepared::as_output).collect();
    let reports = match locked.write_set(journal_dir, &outputs) {
        Ok(r) => r,
        Err(e) => {
            let names = dirs.iter().map(|d| d.display().to_string()).collect::<Vec<_>>().join(", ");
            eprintln!("error: writing {names}: {e}");
            return false;
        }
    };
    for ((c, report), api) in crates.iter().zip(&reports).zip(&apis) {
        let out = &c.out_dir;
        let mut said = String::new();
        for rel in &report.cleaned {
            said.push_str(&format!("cleaned up {} (left by an interrupted run)\n", out.join(rel).display()));
        }
        for rel in &report.written {
            said.push_str(&format!("wrote {}\n", out.join(rel).display()));
        }
        for rel in &report.removed {
            said.push_str(&format!("removed {}\n", out.join(rel).display()));
        }
        for rel in &report.foreign {
            eprintln!("warning: {} has no @generated header; left in place", out.join(rel).display());
        }
        said.push_str(&format!(
            "{}: {} file(s) written, {} unchanged, {} removed\n",
            out.display(),
            report.written.len(),
            report.unchanged.len(),
            report.removed.len()
        ));
        if !report.written.is_empty() || !report.removed.is_empty() {
            said.push_str(&api_report(c, api));
        }
        messages.say(&said);
    }
    true
}
