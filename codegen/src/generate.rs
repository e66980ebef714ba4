//! Regenerating and checking a bindings crate: read the specs, emit, then write the files
//! atomically or compare them with what is on disk.
//!
//! Writing never leaves a half-written file: every changed file is first written beside its
//! target (`.<name>.wixgen-tmp`, same directory, so the rename cannot cross file systems),
//! and only when all are written are they renamed into place. Files under the managed
//! directory (`src/api/`) that the specs no longer give are removed if they carry the
//! `@generated` header; nothing outside it is touched.

use std::collections::BTreeSet;
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

/// What [`write`] did, as paths relative to the output directory.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct WriteReport {
    pub written: Vec<String>,
    pub unchanged: Vec<String>,
    pub removed: Vec<String>,
    /// Files in the managed directory without the `@generated` header: left in place.
    pub foreign: Vec<String>,
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
    let mut found = BTreeSet::new();
    let Some(managed) = managed else { return Ok(found) };
    let mut stack = vec![out_dir.join(managed)];
    while let Some(dir) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        for entry in entries {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                if let Ok(rel) = path.strip_prefix(out_dir) {
                    found.insert(rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"));
                }
            }
        }
    }
    Ok(found)
}

/// Compares `output` with the files under `out_dir`.
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
    Ok(report)
}

fn temp_path(target: &Path) -> PathBuf {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    target.with_file_name(format!(".{name}.wixgen-tmp"))
}

/// Writes `output` under `out_dir` (changed files only), atomically per file, and removes
/// generated files under `managed` that `output` no longer has.
pub fn write(out_dir: &Path, output: &Output, managed: Option<&str>) -> io::Result<WriteReport> {
    let mut report = WriteReport::default();
    let mut pending = Vec::new();
    let result = (|| {
        for (rel, text) in &output.files {
            let target = out_dir.join(rel);
            if std::fs::read_to_string(&target).is_ok_and(|t| &t == text) {
                report.unchanged.push(rel.clone());
                continue;
            }
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            let tmp = temp_path(&target);
            pending.push((tmp.clone(), target, rel.clone()));
            std::fs::write(&tmp, text)?;
        }
        Ok(())
    })();
    if let Err(e) = result {
        for (tmp, _, _) in &pending {
            let _ = std::fs::remove_file(tmp);
        }
        return Err(e);
    }
    for (tmp, target, rel) in pending {
        std::fs::rename(&tmp, &target)?;
        report.written.push(rel);
    }
    for rel in managed_files(out_dir, managed)? {
        if output.files.contains_key(&rel) {
            continue;
        }
        let path = out_dir.join(&rel);
        if std::fs::read_to_string(&path).is_ok_and(|t| is_generated(&t)) {
            std::fs::remove_file(&path)?;
            report.removed.push(rel);
        } else {
            report.foreign.push(rel);
        }
    }
    Ok(report)
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
        api.pages.len().max(loaded.files.len()),
        settings.spec_dir.display(),
        api.methods.len(),
        api.events.len(),
        api.types.len(),
        api.id_kinds.len()
    );
    let managed = settings.managed_dir();
    let out = &settings.out_dir;
    if check_only {
        return match check(out, &output, managed) {
            Ok(report) if report.is_clean() => {
                println!("{}: {} generated file(s) up to date", out.display(), output.files.len());
                ExitCode::SUCCESS
            }
            Ok(report) => {
                eprint!("{report}");
                eprintln!("error: {} is out of date with {}; run `cargo run -p wixgen`", out.display(), settings.spec_dir.display());
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
            for rel in &report.foreign {
                eprintln!("warning: {} has no @generated header; left in place", out.join(rel).display());
            }
            println!("{} file(s) written, {} unchanged, {} removed", report.written.len(), report.unchanged.len(), report.removed.len());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: writing {}: {e}", out.display());
            ExitCode::FAILURE
        }
    }
}
