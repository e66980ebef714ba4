//! What the `wixgen` command does, as functions (so tests can run them in-process).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::messages::{Messages, Options};

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

/// Reads `dir` and reports its diagnostics. `Err` (said why) when it has errors, or
/// warnings that `options` deny.
fn read_reporting(dir: &Path, messages: &mut Messages, denied: &str) -> Result<crate::Loaded, ()> {
    let loaded = match crate::read_specs(dir) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", dir.display());
            return Err(());
        }
    };
    messages.loaded(&loaded);
    if loaded.has_errors() {
        eprintln!("error: {} error(s) in {} ({}); {denied}", loaded.error_count(), dir.display(), loaded.tally());
        return Err(());
    }
    if messages.denies(&loaded, denied) {
        return Err(());
    }
    Ok(loaded)
}

fn exit(ok: bool) -> ExitCode {
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// `wixgen ir DIR`: the IR as pretty JSON on standard output. A reader that stops reading
/// (`wixgen ir | head`) ends it quietly.
pub fn print_ir(dir: &Path) -> ExitCode {
    let mut messages = Messages::new(Options::default());
    let Ok(loaded) = read_reporting(dir, &mut messages, "no IR printed") else { return ExitCode::FAILURE };
    let json = match serde_json::to_string_pretty(&loaded.api) {
        Ok(json) => json,
        Err(e) => {
            eprintln!("error: cannot serialise the IR: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(json.as_bytes()).and_then(|()| stdout.write_all(b"\n")).and_then(|()| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: writing the IR: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `wixgen check DIR`: validate and summarise, writing nothing.
pub fn check_specs(dir: &Path, options: Options) -> ExitCode {
    let mut messages = Messages::new(options);
    let ok = match read_reporting(dir, &mut messages, "the check fails") {
        Ok(loaded) => {
            let api = &loaded.api;
            eprintln!(
                "checked {} page(s) in {}: {} method(s), {} event(s), {} type(s), {} ID kind(s); {}",
                loaded.page_count(),
                dir.display(),
                api.methods.len(),
                api.events.len(),
                api.types.len(),
                api.id_kinds.len(),
                loaded.tally()
            );
            true
        }
        Err(()) => false,
    };
    messages.finish(ok);
    exit(ok)
}

/// `wixgen DIR --out OUT [--check]`: regenerate (or check) the bindings crate at `out` from
/// the pages in `specs`. A crate of the checkout is regenerated with all the others (they
/// share their ID types), and only from its own folder of `specs/`: anything else would
/// overwrite the checkout's bindings with another API's, and is refused.
pub fn regenerate(specs: &Path, out: &Path, check: bool, options: Options) -> ExitCode {
    match checkout_crate(out) {
        Some(owner) => match owner.spec_dir {
            Some(own) if resolved(specs) == resolved(&own) => {
                eprintln!(
                    "note: {} is a crate of the checkout at {}, whose crates share their ID types: regenerating all of them",
                    out.display(),
                    owner.root.display()
                );
                crate::workspace::regenerate_all_with(&owner.root, check, options)
            }
            own => {
                let what = match own {
                    Some(own) => format!("holds the bindings the checkout at {} generates from {}", owner.root.display(), own.display()),
                    None => format!("is inside the generated/ folder of the checkout at {}, where only its own pages are written", owner.root.display()),
                };
                eprintln!(
                    "error: {} {what}; regenerating it from {} would replace the checkout's bindings with those of other pages. \
                     Nothing written.\n\
                     help: to write a crate of bindings for the pages in {}, give it a directory of its own: \
                     `wixgen generate {} --out <DIR>`",
                    out.display(),
                    specs.display(),
                    specs.display(),
                    specs.display()
                );
                ExitCode::FAILURE
            }
        },
        // A crate `wixgen generate` wrote (its manifest says so) is regenerated as
        // `generate` writes it: named as its manifest names it, on the runtime its
        // manifest depends on.
        None => {
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
            crate::generate::run_with(&settings, check, options)
        }
    }
}

/// `wixgen generate DIR --out OUT`: a complete crate of bindings for the pages in `dir`,
/// depending on the runtime at `runtime` by (absolute) path. Refused for a crate of a
/// checkout, whose manifest and `lib.rs` are hand-written.
pub fn generate_crate(specs: &Path, out: &Path, name: Option<&str>, runtime: &Path, options: Options) -> ExitCode {
    if let Some(owner) = checkout_crate(out).filter(|o| o.is_crate) {
        eprintln!(
            "error: {} is a crate of the checkout at {}; `generate` would replace its hand-written Cargo.toml and src/lib.rs. \
             Nothing written.\nhelp: regenerate the checkout with `cargo run -p wixgen`, or give --out a directory of its own",
            out.display(),
            owner.root.display()
        );
        return ExitCode::FAILURE;
    }
    let Ok(runtime) = runtime.canonicalize() else {
        eprintln!("error: the runtime crate is not at {}; pass `--runtime <path to the runtime/ folder of a wixgen checkout>`", runtime.display());
        return ExitCode::FAILURE;
    };
    let name = name.map(str::to_string).unwrap_or_else(|| crate_name(out));
    match standalone_settings(specs, out, name, &runtime) {
        Ok(settings) => crate::generate::run_with(&settings, false, options),
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

/// A directory in a checkout's `generated/`, and what the checkout says of it.
struct CheckoutCrate {
    root: PathBuf,
    /// The folder of pages it is generated from: `specs/<api>` for an API's crate, `specs`
    /// for the shared ID crate; `None` for anything else under `generated/`.
    spec_dir: Option<PathBuf>,
    /// It is one of the checkout's crates (not some other directory under `generated/`).
    is_crate: bool,
}

/// What the checkout around `out` says of it, if `out` is (or is below) its `generated/`.
fn checkout_crate(out: &Path) -> Option<CheckoutCrate> {
    let out = resolved(out);
    let root = find_root(&out)?;
    if !out.starts_with(root.join("generated")) {
        return None;
    }
    let (targets, _, ids) = crate::workspace::targets(&root);
    let target = targets.iter().find(|t| resolved(&t.out_dir) == out);
    let is_ids = ids.is_some_and(|d| resolved(&d) == out);
    let spec_dir = match target {
        Some(t) => Some(t.spec_dir.clone()),
        None if is_ids => Some(root.join("specs")),
        None => None,
    };
    Some(CheckoutCrate { is_crate: target.is_some() || is_ids, spec_dir, root })
}

/// `path` made absolute, with symbolic links and `..` resolved as far as it exists (the
/// rest, not yet created, appended as given).
fn resolved(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            return rest.iter().rev().fold(real, |p, part| p.join(part));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return absolute,
        }
    }
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
