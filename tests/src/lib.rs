//! Workspace-level tests live in `tests/`. This library holds what more than one test
//! file needs: where the workspace is, and where a test's nested cargo runs put their
//! builds ([`nested_target_dir`]). `wixgen`'s own tests use it too (a dev-dependency).
//!
//! Its doc tests are the Rust blocks of the README and of `local-server/README.md`
//! (modules compiled only under `cargo test --doc`), so every example they show
//! compiles.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The workspace's root directory (where the top `Cargo.toml` is).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ is inside the workspace")
        .to_path_buf()
}

/// The one target directory of every nested cargo run of the test suite (the lint,
/// docs.rs, packaging, types-only and generated-crate checks): a directory of its own, so
/// that their flags do not invalidate the test build's artifacts nor wait on its lock
/// (`cargo test` holds it while the tests run), placed under `$CARGO_TARGET_DIR` when
/// that is set (a relative one is taken from the workspace root, where the suite is run),
/// else under the workspace's `target/`.
///
/// One directory for all of them, because what dominates their cost is compiling the
/// same registry dependencies (serde, tokio, reqwest, hyper, syn, ...): cargo reuses an
/// artifact whenever the package, its features, the profile and the compile mode match,
/// and check, clippy and rustdoc all build dependencies as metadata only. Run them
/// through [`nested_cargo`], which gives every run the same environment, and give a
/// nested temporary workspace the root's profiles ([`nested_profiles`]): either
/// difference changes the artifacts' hashes and compiles everything again. Runs of one
/// test binary that overlap wait on the directory's lock, one after the other.
pub fn nested_target_dir() -> PathBuf {
    nested_target_dir_in(&workspace_root(), std::env::var_os("CARGO_TARGET_DIR"))
}

/// [`nested_target_dir`] for a workspace at `root` and a `CARGO_TARGET_DIR` of
/// `target_dir`.
fn nested_target_dir_in(root: &Path, target_dir: Option<OsString>) -> PathBuf {
    let base = match target_dir.filter(|dir| !dir.is_empty()) {
        Some(dir) => root.join(dir),
        None => root.join("target"),
    };
    base.join("nested")
}

/// `cargo` (the one running the suite), building in [`nested_target_dir`], in `dir`,
/// with the environment every nested run shares: no `RUSTFLAGS` or `RUSTDOCFLAGS` of
/// the user's (the checks pass their own flags on the command line, after `--`), and
/// no incremental state, which no nested run reuses (its crates are temporary copies, or
/// checked once) and which would double the directory's size.
pub fn nested_cargo(dir: &Path) -> std::process::Command {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = std::process::Command::new(cargo);
    command
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", nested_target_dir())
        .env("CARGO_INCREMENTAL", "0")
        .env_remove("RUSTFLAGS")
        .env_remove("RUSTDOCFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTDOCFLAGS");
    command
}

/// The workspace's `[profile.*]` tables, for the `Cargo.toml` of a nested temporary
/// workspace: its dependencies then compile as the workspace's own nested runs compile
/// them, into the same artifacts of [`nested_target_dir`] (the profile is part of their
/// hash).
pub fn nested_profiles() -> String {
    let manifest = std::fs::read_to_string(workspace_root().join("Cargo.toml"))
        .expect("the workspace's Cargo.toml");
    profile_tables(&manifest)
}

/// The `[profile...]` tables of the manifest `text`, each line as written.
fn profile_tables(text: &str) -> String {
    let mut in_profile = false;
    let mut tables = String::new();
    for line in text.lines() {
        if line.trim_start().starts_with('[') {
            in_profile = line.trim_start().starts_with("[profile");
        }
        if in_profile {
            tables.push_str(line);
            tables.push('\n');
        }
    }
    tables
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_target_dirs_follow_cargo_target_dir() {
        let root = Path::new("/work/checkout");
        assert_eq!(
            nested_target_dir_in(root, None),
            Path::new("/work/checkout/target/nested")
        );
        assert_eq!(
            nested_target_dir_in(root, Some("".into())),
            Path::new("/work/checkout/target/nested")
        );
        assert_eq!(
            nested_target_dir_in(root, Some("/cache/build".into())),
            Path::new("/cache/build/nested")
        );
        assert_eq!(
            nested_target_dir_in(root, Some("out".into())),
            Path::new("/work/checkout/out/nested")
        );
    }

    #[test]
    fn nested_workspaces_get_the_profile_tables_only() {
        let manifest = "[workspace]\nmembers = [\"a\"]\n\n[profile.dev]\ndebug = 1\n\n\
                        [workspace.dependencies]\nserde = \"1\"\n[profile.dev.package.\"*\"]\n\
                        debug = false\n";
        assert_eq!(
            profile_tables(manifest),
            "[profile.dev]\ndebug = 1\n\n[profile.dev.package.\"*\"]\ndebug = false\n"
        );
        // The workspace's own: what its nested runs compile with.
        assert!(
            nested_profiles().contains("[profile.dev]"),
            "{}",
            nested_profiles()
        );
    }

    #[test]
    fn the_workspace_root_is_the_checkout() {
        let root = workspace_root();
        assert!(root.join("Cargo.toml").is_file(), "{}", root.display());
        assert!(
            root.join("tests/Cargo.toml").is_file(),
            "{}",
            root.display()
        );
    }
}

/// The README's Rust blocks, as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
mod readme {}

/// The local server's README's Rust blocks, as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../local-server/README.md")]
mod local_server_readme {}
