//! What the `wixgen` command does, as functions (so tests can run them in-process).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Where `specs/` and `generated/` are looked for by default: the nearest directory, from
/// the current one upwards, that holds both a `Cargo.toml` and a `specs/` directory (so
/// `cargo run -p wixgen` works from anywhere in the checkout); outside any checkout, the
/// checkout wixgen was built from ([`built_checkout`], so `cargo run --manifest-path
/// <checkout>/Cargo.toml -p wixgen` works from anywhere); else the current directory.
///
/// The checkout around the current directory comes first on purpose: a binary built in
/// one checkout and run in another works on the one it is run in.
pub fn workspace_root() -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    root_from(&cwd, built_checkout().as_deref())
}

/// The checkout this binary was built from, if it is still there.
pub fn built_checkout() -> Option<PathBuf> {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
    if is_checkout(dir) {
        dir.canonicalize().ok()
    } else {
        None
    }
}

fn root_from(cwd: &Path, built: Option<&Path>) -> PathBuf {
    find_root(cwd).or_else(|| built.map(Path::to_path_buf)).unwrap_or_else(|| cwd.to_path_buf())
}

fn is_checkout(dir: &Path) -> bool {
    dir.join("Cargo.toml").is_file() && dir.join("specs").is_dir()
}

fn find_root(start: &Path) -> Option<PathBuf> {
    start.ancestors().find(|d| is_checkout(d)).map(Path::to_path_buf)
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
                loaded.page_count(),
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
/// Implemented in the emitter's module; see `crate::generate`. A crate that
/// `wixgen generate` wrote (its manifest says so) is regenerated as `generate` writes it:
/// named as its manifest names it, on the runtime its manifest depends on.
pub fn regenerate(specs: &Path, out: &Path, check: bool) -> ExitCode {
    let settings = match written_by_generate(out) {
        Some((name, runtime)) => match standalone_settings(specs, out, name, &runtime) {
            Ok(settings) => settings,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        },
        None => crate::Settings::default().with_spec_dir(specs).with_out_dir(out),
    };
    crate::generate::run(&settings, check)
}

/// `wixgen generate DIR --out OUT`: a complete crate of bindings for the pages in `dir`,
/// depending on the runtime at `runtime` by (absolute) path.
pub fn generate_crate(specs: &Path, out: &Path, name: Option<&str>, runtime: &Path) -> ExitCode {
    let Ok(runtime) = runtime.canonicalize() else {
        eprintln!("error: the runtime crate is not at {}; pass `--runtime <path to the runtime/ folder of a wixgen checkout>`", runtime.display());
        return ExitCode::FAILURE;
    };
    let name = name.map(str::to_string).unwrap_or_else(|| crate_name(out));
    match standalone_settings(specs, out, name, &runtime) {
        Ok(settings) => crate::generate::run(&settings, false),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The settings of a crate `wixgen generate` writes: named `name`, on the runtime at
/// `runtime`, re-exporting the shared ID types of `wixgen.toml`'s `[ids-crate]`, else of
/// the checkout's wix-ids.
fn standalone_settings(specs: &Path, out: &Path, name: String, runtime: &Path) -> Result<crate::Settings, String> {
    let settings = crate::Settings::default()
        .with_spec_dir(specs)
        .with_out_dir(out)
        .with_module_doc("Types, requests and events of the API, generated from its reference pages.")
        .with_standalone_crate(name, runtime);
    Ok(match crate::ids_crate::choose(specs, runtime)? {
        Some(ids) => settings.with_ids_crate(ids),
        None => settings,
    })
}

/// The package name and runtime directory of the crate at `out`, if `wixgen generate`
/// wrote it.
fn written_by_generate(out: &Path) -> Option<(String, PathBuf)> {
    let text = std::fs::read_to_string(out.join("Cargo.toml")).ok()?;
    if !text.starts_with("# @generated by wixgen") {
        return None;
    }
    let manifest: toml::Table = toml::from_str(&text).ok()?;
    let name = manifest.get("package")?.get("name")?.as_str()?.to_string();
    let runtime = manifest.get("dependencies")?.get("wixgen-runtime")?.get("path")?.as_str()?;
    Some((name, PathBuf::from(runtime)))
}

/// A package name from a directory name: lower case, one `-` for each run of anything
/// else (a crate named `a---b` would be `a___b` in Rust, which warns as not snake case).
fn crate_name(out: &Path) -> String {
    let base = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let words: Vec<String> = base.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_ascii_lowercase).collect();
    let mut name = words.join("-");
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name.insert_str(0, "wix-");
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crate_names_are_snake_case_in_rust() {
        assert_eq!(crate_name(Path::new("/x/bookings---services-v2")), "bookings-services-v2");
        assert_eq!(crate_name(Path::new("/x/Wix Bookings_")), "wix-bookings");
        assert_eq!(crate_name(Path::new("/x/2024-api")), "wix-2024-api");
    }

    #[test]
    fn the_root_is_found_from_a_subdirectory() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("Cargo.toml"), "[workspace]\n").unwrap();
        std::fs::create_dir_all(dir.path().join("specs")).unwrap();
        let sub = dir.path().join("codegen/src");
        std::fs::create_dir_all(&sub).unwrap();
        assert_eq!(find_root(&sub).as_deref(), Some(dir.path()));
        assert_eq!(find_root(Path::new("/")), None);
    }

    #[test]
    fn outside_a_checkout_the_root_is_the_one_built_from() {
        let checkout = tempfile::tempdir().unwrap();
        std::fs::write(checkout.path().join("Cargo.toml"), "[workspace]\n").unwrap();
        std::fs::create_dir_all(checkout.path().join("specs/inbox")).unwrap();
        let built = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        // In a checkout, that one; elsewhere, the one built from; with none, the current one.
        assert_eq!(root_from(&checkout.path().join("specs/inbox"), Some(built.path())), checkout.path());
        assert_eq!(root_from(elsewhere.path(), Some(built.path())), built.path());
        assert_eq!(root_from(elsewhere.path(), None), elsewhere.path());
        // This binary's own checkout holds the specs.
        assert!(built_checkout().is_some_and(|root| root.join("specs/inbox").is_dir()));
    }
}
