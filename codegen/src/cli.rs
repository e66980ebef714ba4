//! What the `wixgen` command does, as functions (so tests can run them in-process).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The workspace root: where `cargo run -p wixgen` was invoked from when run through
/// cargo (the manifest's parent), else the current directory.
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    match manifest.parent() {
        Some(root) if root.join("Cargo.toml").is_file() && std::env::var_os("CARGO").is_some() => root.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Reads `dir`, prints its diagnostics to standard error, and returns the result when it
/// has no errors.
fn read_reporting(dir: &Path) -> Result<crate::Loaded, ExitCode> {
    let loaded = match crate::read_specs(dir) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", dir.display());
            return Err(ExitCode::FAILURE);
        }
    };
    if !loaded.diagnostics.is_empty() {
        eprint!("{}", loaded.render_diagnostics());
    }
    if loaded.has_errors() {
        eprintln!("error: {} error(s) in {}; nothing was written", loaded.error_count(), dir.display());
        return Err(ExitCode::FAILURE);
    }
    Ok(loaded)
}

/// `wixgen ir DIR`: the IR as pretty JSON on standard output.
pub fn print_ir(dir: &Path) -> ExitCode {
    match read_reporting(dir) {
        Ok(loaded) => match serde_json::to_string_pretty(&loaded.api) {
            Ok(json) => {
                println!("{json}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: cannot serialise the IR: {e}");
                ExitCode::FAILURE
            }
        },
        Err(code) => code,
    }
}

/// `wixgen check DIR`: validate and summarise, writing nothing.
pub fn check_specs(dir: &Path) -> ExitCode {
    match read_reporting(dir) {
        Ok(loaded) => {
            let api = &loaded.api;
            eprintln!(
                "checked {} page(s) in {}: {} method(s), {} event(s), {} type(s), {} ID kind(s); no errors",
                loaded.files.len(),
                dir.display(),
                api.methods.len(),
                api.events.len(),
                api.types.len(),
                api.id_kinds.len()
            );
            ExitCode::SUCCESS
        }
        Err(code) => code,
    }
}

/// `wixgen [--check]`: regenerate (or check) the bindings crate at `out` from `specs`.
/// Implemented in the emitter's module; see `crate::generate`.
pub fn regenerate(specs: &Path, out: &Path, check: bool) -> ExitCode {
    let settings = crate::Settings::default().with_spec_dir(specs).with_out_dir(out);
    crate::generate::run(&settings, check)
}
