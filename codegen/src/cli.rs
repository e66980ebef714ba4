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

/// `wixgen ir DIR`.
pub fn print_ir(dir: &Path) -> ExitCode {
    let _ = dir;
    ExitCode::FAILURE
}

/// `wixgen check DIR`.
pub fn check_specs(dir: &Path) -> ExitCode {
    let _ = dir;
    ExitCode::FAILURE
}

/// `wixgen [--check]`: regenerate (or check) the bindings crate at `out` from `specs`.
/// Implemented in the emitter's module; see `crate::generate`.
pub fn regenerate(specs: &Path, out: &Path, check: bool) -> ExitCode {
    let _ = (specs, out, check);
    ExitCode::FAILURE
}
