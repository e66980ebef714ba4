//! Regenerating and checking a bindings crate: read the specs, emit, then write the files
//! (see [`crate::write`]) or compare them with what is on disk.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::apply::{self, Prepared};
use crate::diag::Diagnostic;
use crate::messages::{Messages, Options};
use crate::emit::{self, Output};
use crate::read::Loaded;
use crate::settings::Settings;
// Where writing lived before it had a module of its own; kept for callers of these paths.
pub use crate::write::{check, write, write_killed_after, CheckReport, WriteReport, FAULT_AFTER_VAR};

/// Why nothing was generated.
#[derive(Debug)]
pub enum Error {
    /// The spec directory (or an output file) could not be read or written.
    Io { path: PathBuf, error: io::Error },
    /// The specs have errors; `loaded` holds them with the pages' text.
    Specs(Box<Loaded>),
    /// The emitter could not express something in the IR; `loaded` is what was read.
    Emit { loaded: Box<Loaded>, diagnostics: Vec<Diagnostic> },
    /// The specs have warnings, and warnings were denied ([`crate::Builder::deny_warnings`]).
    Warnings(Box<Loaded>),
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
            Error::Warnings(loaded) => {
                write!(f, "the specs have {} warning(s), and warnings are denied:", loaded.warning_count())?;
                for d in &loaded.diagnostics {
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
    match emit_loaded(&loaded, settings) {
        Ok(output) => Ok((loaded, output)),
        Err(diagnostics) => Err(Error::Emit { loaded: Box::new(loaded), diagnostics }),
    }
}

/// Emits the bindings of pages already read (without errors): for a crate `wixgen
/// generate` writes, its manifest and `lib.rs` too (see [`emit::standalone`]).
pub fn emit_loaded(loaded: &Loaded, settings: &Settings) -> Result<Output, Vec<Diagnostic>> {
    emit::emit(&loaded.api, settings)
}

/// `wixgen [--check]`: what the CLI does, as a function.
pub fn run(settings: &Settings, check_only: bool) -> ExitCode {
    run_with(settings, check_only, Options::default())
}

/// [`run`], reporting as `options` say (`--message-format`, `--deny-warnings`).
pub fn run_with(settings: &Settings, check_only: bool, options: Options) -> ExitCode {
    let mut messages = Messages::new(options);
    let ok = match prepare(settings, &mut messages) {
        Some(prepared) if check_only => apply::check(&[prepared], None, &messages),
        Some(prepared) => apply::write(&settings.out_dir, &[prepared], &messages),
        None => false,
    };
    messages.finish(ok);
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Reads and emits, reporting what was found. `None` (said why) when nothing may be written.
fn prepare(settings: &Settings, messages: &mut Messages) -> Option<Prepared> {
    let spec_dir = settings.spec_dir.display();
    let (loaded, output) = match generate(settings) {
        Ok(x) => x,
        Err(Error::Specs(loaded)) => {
            messages.loaded(&loaded);
            eprintln!("error: {} error(s) in {spec_dir}; nothing written", loaded.error_count());
            return None;
        }
        Err(Error::Emit { loaded, diagnostics }) => {
            messages.loaded(&loaded);
            messages.diagnostics(&diagnostics, &loaded.files, &loaded.root);
            eprintln!("error: cannot generate bindings from {spec_dir}; nothing written");
            return None;
        }
        Err(e) => {
            eprintln!("error: {e}");
            return None;
        }
    };
    messages.loaded(&loaded);
    messages.say(&summary(&loaded, &settings.spec_dir));
    if messages.denies(&loaded, "nothing written") {
        return None;
    }
    Some(Prepared {
        source: spec_dir.to_string(),
        out_dir: settings.out_dir.clone(),
        output,
        managed: settings.managed_dir().map(str::to_string),
    })
}

/// The line that says what a read found: `read 14 page(s) from specs/contacts: 5 method(s),
/// ...; no errors, 2 warnings, 0 entries dropped`.
pub fn summary(loaded: &Loaded, spec_dir: &Path) -> String {
    let api = &loaded.api;
    format!(
        "read {} page(s) from {}: {} method(s), {} event(s), {} type(s), {} ID kind(s); {}\n",
        api.pages.len().max(loaded.page_count()),
        spec_dir.display(),
        api.methods.len(),
        api.events.len(),
        api.types.len(),
        api.id_kinds.len(),
        loaded.tally()
    )
}
