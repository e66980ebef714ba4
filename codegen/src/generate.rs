//! Regenerating and checking a bindings crate: read the specs, emit, then write the files
//! or compare them with what is on disk.
//!
//! Writing replaces the managed directory (`src/api/`) as a whole, so that at every instant
//! it is either entirely the old one or entirely the new one: the new directory is staged
//! beside it (`src/.api.wixgen-new/`: every generated file, the hand-written files of the
//! old one, and last a `.wixgen-complete` marker), then the old one is renamed away
//! (`src/.api.wixgen-old/`), the new one renamed into place, and the old one removed. A run
//! killed between the two renames leaves no `src/api`; the next run finishes the swap if
//! the staged directory is complete (else puts the old one back), and removes whatever
//! else an interrupted run left (temporary files and directories, the marker), which
//! [`check`] reports as stale. Generated files the specs no longer give are not carried
//! over; files without the `@generated` header are. Files outside the managed directory
//! (the `Cargo.toml` and `src/lib.rs` of a crate written by `wixgen generate`, the one file
//! of a build script) are replaced one by one, atomically: each is written beside its
//! target (`.<name>.wixgen-tmp`, same directory, so the rename cannot cross file systems),
//! and when all are written they are renamed into place.
//!
//! The writer counts its filesystem steps, and a testing hook ([`FAULT_AFTER_VAR`],
//! [`write_killed_after`]) stops it after any one of them, as if the process were killed.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::diag::Diagnostic;
use crate::emit::{self, output::is_generated, Output};
use crate::read::Loaded;
use crate::settings::Settings;

/// Why nothing was generated.
#[derive(Debug)]
pub enum Error {
    /// The spec directory (or an output file) could not be read or written.
    Io { path: PathBuf, error: io::Error },
    /// The specs have errors; `loaded` holds them with the pages' text.
    Specs(Box<Loaded>),
    /// The emitter could not express something in the IR; `loaded` is what was read.
    Emit { loaded: Box<Loaded>, diagnostics: Vec<Diagnostic> },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, error } => write!(f, "{}: {error}", path.display()),
            Error::Specs(loaded) => {
                let errors: Vec<&Diagnostic> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
                write!(f, "the specs have {} error(s):", errors.len())?;
                for d in errors {
                    write!(f, "\n{d}")?;
                }
                Ok(())
            }
            Error::Emit { diagnostics, .. } => {
                write!(f, "cannot generate bindings:")?;
                for d in diagnostics {
                    write!(f, "\n{d}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for Error {}

/// Reads `settings.spec_dir` and emits the bindings, writing nothing.
pub fn generate(settings: &Settings) -> Result<(Loaded, Output), Error> {
    let loaded = crate::read::read_specs(&settings.spec_dir)
        .map_err(|error| Error::Io { path: settings.spec_dir.clone(), error })?;
    if loaded.has_errors() {
        return Err(Error::Specs(Box::new(loaded)));
    }
    match emit::emit(&loaded.api, settings) {
        Ok(output) => Ok((loaded, output)),
        Err(diagnostics) => Err(Error::Emit { loaded: Box::new(loaded), diagnostics }),
    }
}

/// What [`write()`] did, as paths relative to the output directory.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct WriteReport {
    pub written: Vec<String>,
    pub unchanged: Vec<String>,
    pub removed: Vec<String>,
    /// Files in the managed directory without the `@generated` header: left in place.
    pub foreign: Vec<String>,
    /// What an interrupted run had left (temporary files, a staged or retired managed
    /// directory), removed or, for a complete staged directory, moved into place.
    pub cleaned: Vec<String>,
}

/// What [`check`] found, as paths relative to the output directory.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct CheckReport {
    /// On disk, but different from what the specs give.
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
/// (see [`write()`]) is reported as stale.
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

/// The file written last into a staged managed directory: it is complete.
const COMPLETE_MARKER: &str = ".wixgen-complete";

/// The managed directory and the two directories beside it that replacing it uses.
struct ManagedDirs {
    /// `src/api`.
    live: PathBuf,
    /// `src/.api.wixgen-new`: the new directory, written in full before it goes live.
    staged: PathBuf,
    /// `src/.api.wixgen-old`: the old directory, between the two renames and until removed.
    retired: PathBuf,
}

impl ManagedDirs {
    fn new(out_dir: &Path, managed: &str) -> Self {
        let live = out_dir.join(managed.trim_end_matches('/'));
        let name = live.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        ManagedDirs {
            staged: live.with_file_name(format!(".{name}.wixgen-new")),
            retired: live.with_file_name(format!(".{name}.wixgen-old")),
            live,
        }
    }
}

fn temp_path(target: &Path) -> PathBuf {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    target.with_file_name(format!(".{name}.wixgen-tmp"))
}

fn is_temp_name(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(".wixgen-tmp")
}

/// Whether anything (even a broken link) is at `path`.
fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// `path` relative to `out_dir`, `/`-separated.
fn relative(out_dir: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(out_dir).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// Everything an interrupted run may have left under `out_dir`, sorted by relative path:
/// temporary files (beside any file of `output`, in the output directory, beside the
/// managed directory and anywhere in it), the staged and retired managed directories, and
/// the completeness marker inside the live one.
fn leftovers(out_dir: &Path, output: &Output, managed: Option<&str>) -> io::Result<Vec<(String, PathBuf)>> {
    let mut found = BTreeMap::new();
    let mut flat: BTreeSet<PathBuf> = BTreeSet::from([out_dir.to_path_buf()]);
    flat.extend(output.files.keys().filter_map(|rel| out_dir.join(rel).parent().map(Path::to_path_buf)));
    let mut deep = Vec::new();
    if let Some(managed) = managed {
        let dirs = ManagedDirs::new(out_dir, managed);
        for dir in [&dirs.staged, &dirs.retired] {
            if exists(dir) {
                found.insert(relative(out_dir, dir), dir.clone());
            }
        }
        let marker = dirs.live.join(COMPLETE_MARKER);
        if exists(&marker) {
            found.insert(relative(out_dir, &marker), marker);
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

/// The testing hook of [`write()`]: `WIXGEN_FAULT_AFTER=<n>` in the environment makes the
/// writer abort the process (as a `kill -9` would end it) right after its n-th filesystem
/// step (every file written, directory created, renamed or removed is a step), so that
/// tests can stop a regeneration at every write and rename. Read by the writer only, and
/// meant for tests only; unset (or not a number), nothing happens.
pub const FAULT_AFTER_VAR: &str = "WIXGEN_FAULT_AFTER";

/// What the fault-injection hook does when its step comes.
#[derive(Clone, Copy, Debug)]
enum Fault {
    /// `std::process::abort()`: the process ends there, as killed.
    Abort,
    /// The writer returns a [`Killed`] error at once, cleaning nothing up: for in-process
    /// tests.
    Return,
}

/// The error [`write_killed_after`] returns when its step comes.
#[derive(Debug)]
struct Killed(usize);

impl fmt::Display for Killed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "stopped after step {} (fault injection)", self.0)
    }
}

impl std::error::Error for Killed {}

fn is_killed(e: &io::Error) -> bool {
    e.get_ref().is_some_and(|inner| inner.is::<Killed>())
}

/// Counts the writer's filesystem steps, for the fault-injection hook.
struct Steps {
    done: usize,
    fault: Option<(usize, Fault)>,
}

impl Steps {
    fn from_env() -> Self {
        let after = std::env::var(FAULT_AFTER_VAR).ok().and_then(|v| v.trim().parse().ok());
        Steps { done: 0, fault: after.map(|n| (n, Fault::Abort)) }
    }

    /// Called after every step that changed the file system.
    fn step(&mut self, what: &str, path: &Path) -> io::Result<()> {
        self.done += 1;
        match self.fault {
            Some((n, Fault::Abort)) if n == self.done => {
                eprintln!("wixgen: {FAULT_AFTER_VAR}={n}: aborting after step {n} ({what} {})", path.display());
                std::process::abort();
            }
            Some((n, Fault::Return)) if n == self.done => Err(io::Error::other(Killed(n))),
            _ => Ok(()),
        }
    }
}

/// Testing hook: [`write()`], stopped right after its `n`-th filesystem step as if the process
/// had been killed there (nothing is cleaned up), returning an error; `Ok` when the write
/// takes fewer steps. For in-process tests of what a crash leaves and how the next run
/// repairs it; [`FAULT_AFTER_VAR`] does the same to a running `wixgen`.
#[doc(hidden)]
pub fn write_killed_after(out_dir: &Path, output: &Output, managed: Option<&str>, n: usize) -> io::Result<WriteReport> {
    write_steps(out_dir, output, managed, &mut Steps { done: 0, fault: Some((n, Fault::Return)) })
}

/// Writes `output` under `out_dir`: the managed directory replaced as a whole (if anything
/// in it changes; generated files `output` no longer has are left out, hand-written ones
/// kept), every other changed file atomically. First repairs and removes what an
/// interrupted run left. See the module documentation.
pub fn write(out_dir: &Path, output: &Output, managed: Option<&str>) -> io::Result<WriteReport> {
    write_steps(out_dir, output, managed, &mut Steps::from_env())
}

fn write_steps(out_dir: &Path, output: &Output, managed: Option<&str>, steps: &mut Steps) -> io::Result<WriteReport> {
    let mut report = WriteReport::default();
    let result = (|| {
        repair(out_dir, output, managed, steps, &mut report.cleaned)?;
        let prefix = managed.map(|m| format!("{}/", m.trim_end_matches('/')));
        let (inside, outside): (Vec<_>, Vec<_>) =
            output.files.iter().partition(|(rel, _)| prefix.as_ref().is_some_and(|p| rel.starts_with(p.as_str())));
        if let (Some(managed), Some(prefix)) = (managed, &prefix) {
            replace_managed(out_dir, managed, prefix, &inside, steps, &mut report)?;
        }
        write_files(out_dir, &outside, steps, &mut report)
    })();
    if let Err(e) = result {
        // A killed run cleans nothing up (the next one does); a failed one tries at once.
        if !is_killed(&e) {
            let _ = repair(out_dir, output, managed, &mut Steps { done: 0, fault: None }, &mut Vec::new());
        }
        return Err(e);
    }
    for list in [&mut report.written, &mut report.unchanged, &mut report.removed, &mut report.foreign] {
        list.sort();
    }
    Ok(report)
}

/// Puts right what an interrupted run left: a swap stopped between its renames is
/// finished (the staged directory, if complete, goes live; else the retired one comes
/// back), then every leftover is removed. `cleaned` gets their paths.
fn repair(out_dir: &Path, output: &Output, managed: Option<&str>, steps: &mut Steps, cleaned: &mut Vec<String>) -> io::Result<()> {
    if let Some(managed) = managed {
        let dirs = ManagedDirs::new(out_dir, managed);
        if !exists(&dirs.live) {
            for (from, usable) in [(&dirs.staged, dirs.staged.join(COMPLETE_MARKER).is_file()), (&dirs.retired, exists(&dirs.retired))] {
                if usable {
                    std::fs::rename(from, &dirs.live)?;
                    steps.step("renamed", from)?;
                    cleaned.push(relative(out_dir, from));
                    break;
                }
            }
        }
    }
    for (rel, path) in leftovers(out_dir, output, managed)? {
        if std::fs::symlink_metadata(&path)?.is_dir() {
            // The marker first: a directory half removed is never taken for a complete one.
            let marker = path.join(COMPLETE_MARKER);
            if exists(&marker) {
                std::fs::remove_file(&marker)?;
                steps.step("removed", &marker)?;
            }
            std::fs::remove_dir_all(&path)?;
        } else {
            std::fs::remove_file(&path)?;
        }
        steps.step("removed", &path)?;
        cleaned.push(rel);
    }
    Ok(())
}

/// Every file below `dir`, relative to it, `/`-separated, sorted; none if it does not exist.
pub(crate) fn files_below(dir: &Path) -> io::Result<Vec<String>> {
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
fn create_dirs(dir: &Path, steps: &mut Steps) -> io::Result<()> {
    if !dir.is_dir() {
        std::fs::create_dir_all(dir)?;
        steps.step("created", dir)?;
    }
    Ok(())
}

/// Writes `text` to `path` and flushes it to disk.
fn write_synced(path: &Path, text: &str) -> io::Result<()> {
    use std::io::Write;
    let mut file = std::fs::File::create(path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

/// Flushes a directory's entries (the renames in it) to disk, where that can be done.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Replaces the managed directory as a whole, if anything in it changes: the new one is
/// staged beside it (`inside`, the hand-written files of the old one, the marker last),
/// then the old one is renamed away, the new one into place, and the old one removed.
fn replace_managed(
    out_dir: &Path,
    managed: &str,
    prefix: &str,
    inside: &[(&String, &String)],
    steps: &mut Steps,
    report: &mut WriteReport,
) -> io::Result<()> {
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
        return Ok(());
    }

    let parent = dirs.live.parent().unwrap_or(out_dir);
    create_dirs(parent, steps)?;
    std::fs::create_dir(&dirs.staged)?;
    steps.step("created", &dirs.staged)?;
    for (rel, text) in inside {
        let path = dirs.staged.join(&rel[prefix.len()..]);
        create_dirs(path.parent().unwrap_or(&dirs.staged), steps)?;
        write_synced(&path, text)?;
        steps.step("wrote", &path)?;
    }
    for sub in &carried {
        let path = dirs.staged.join(sub);
        create_dirs(path.parent().unwrap_or(&dirs.staged), steps)?;
        std::fs::copy(dirs.live.join(sub), &path)?;
        std::fs::File::open(&path)?.sync_all()?;
        steps.step("copied", &path)?;
    }
    let marker = dirs.staged.join(COMPLETE_MARKER);
    write_synced(&marker, "wixgen: this directory is complete; an interrupted run left it here.\n")?;
    steps.step("wrote", &marker)?;
    sync_dir(&dirs.staged);

    if exists(&dirs.live) {
        std::fs::rename(&dirs.live, &dirs.retired)?;
        sync_dir(parent);
        steps.step("renamed", &dirs.live)?;
    }
    std::fs::rename(&dirs.staged, &dirs.live)?;
    sync_dir(parent);
    steps.step("renamed", &dirs.staged)?;
    let marker = dirs.live.join(COMPLETE_MARKER);
    std::fs::remove_file(&marker)?;
    steps.step("removed", &marker)?;
    if exists(&dirs.retired) {
        std::fs::remove_dir_all(&dirs.retired)?;
        steps.step("removed", &dirs.retired)?;
    }
    Ok(())
}

/// Writes the files outside the managed directory that changed, each atomically: all are
/// written beside their targets first, then renamed into place.
fn write_files(out_dir: &Path, files: &[(&String, &String)], steps: &mut Steps, report: &mut WriteReport) -> io::Result<()> {
    let mut pending = Vec::new();
    for (rel, text) in files {
        let target = out_dir.join(rel.as_str());
        if std::fs::read_to_string(&target).is_ok_and(|t| &t == *text) {
            report.unchanged.push(rel.to_string());
            continue;
        }
        create_dirs(target.parent().unwrap_or(out_dir), steps)?;
        let tmp = temp_path(&target);
        write_synced(&tmp, text)?;
        steps.step("wrote", &tmp)?;
        pending.push((tmp, target, rel.to_string()));
    }
    for (tmp, target, rel) in pending {
        std::fs::rename(&tmp, &target)?;
        steps.step("renamed", &tmp)?;
        report.written.push(rel);
    }
    Ok(())
}

/// `wixgen [--check]`: what the CLI does, as a function.
pub fn run(settings: &Settings, check_only: bool) -> ExitCode {
    let (loaded, output) = match generate(settings) {
        Ok(x) => x,
        Err(Error::Specs(loaded)) => {
            eprint!("{}", loaded.render_diagnostics());
            eprintln!("error: {} error(s) in {}; nothing written", loaded.error_count(), settings.spec_dir.display());
            return ExitCode::FAILURE;
        }
        Err(Error::Emit { loaded, diagnostics }) => {
            eprint!("{}", crate::diag::render(&diagnostics, &loaded.files, &loaded.root));
            eprintln!("error: cannot generate bindings from {}; nothing written", settings.spec_dir.display());
            return ExitCode::FAILURE;
        }
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    if !loaded.diagnostics.is_empty() {
        eprint!("{}", loaded.render_diagnostics());
    }
    let api = &loaded.api;
    println!(
        "read {} page(s) from {}: {} method(s), {} event(s), {} type(s), {} ID kind(s)",
        api.pages.len().max(loaded.page_count()),
        settings.spec_dir.display(),
        api.methods.len(),
        api.events.len(),
        api.types.len(),
        api.id_kinds.len()
    );
    let managed = settings.managed_dir();
    let out = &settings.out_dir;
    // What the new output changes in the public API of what is on disk, told after
    // writing (or, checking, when the crate is stale).
    let api = crate::api_diff::compare(out, &output, managed);
    let api_report = || match &api {
        Ok((old, diff)) => crate::api_diff::report(&out.display().to_string(), old, diff),
        Err(e) => format!("warning: no API report for {}: {e}\n", out.display()),
    };
    if check_only {
        return match check(out, &output, managed) {
            Ok(report) if report.is_clean() => {
                println!("{}: {} generated file(s) up to date", out.display(), output.files.len());
                ExitCode::SUCCESS
            }
            Ok(report) => {
                eprint!("{report}");
                eprint!("{}", api_report());
                eprintln!(
                    "error: {} is out of date with {}{}; run `cargo run -p wixgen`",
                    out.display(),
                    settings.spec_dir.display(),
                    crate::api_diff::verdict(&api)
                );
                ExitCode::FAILURE
            }
            Err(e) => {
                eprintln!("error: {}: {e}", out.display());
                ExitCode::FAILURE
            }
        };
    }
    match write(out, &output, managed) {
        Ok(report) => {
            for rel in &report.written {
                println!("wrote {}", out.join(rel).display());
            }
            for rel in &report.removed {
                println!("removed {}", out.join(rel).display());
            }
            for rel in &report.cleaned {
                println!("cleaned up {} (left by an interrupted run)", out.join(rel).display());
            }
            for rel in &report.foreign {
                eprintln!("warning: {} has no @generated header; left in place", out.join(rel).display());
            }
            println!("{} file(s) written, {} unchanged, {} removed", report.written.len(), report.unchanged.len(), report.removed.len());
            if !report.written.is_empty() || !report.removed.is_empty() {
                print!("{}", api_report());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: writing {}: {e}", out.display());
            ExitCode::FAILURE
        }
    }
}
