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

/// The target directory for a nested cargo run of the test suite, named `name`
/// (`lint-check`, `docsrs-check`, ...): a directory of its own, so that its flags do not
/// invalidate the test build's artifacts nor wait on its lock, placed under
/// `$CARGO_TARGET_DIR` when that is set (a relative one is taken from the workspace
/// root, where the suite is run), else under the workspace's `target/`.
pub fn nested_target_dir(name: &str) -> PathBuf {
    nested_target_dir_in(
        &workspace_root(),
        std::env::var_os("CARGO_TARGET_DIR"),
        name,
    )
}

/// [`nested_target_dir`] for a workspace at `root` and a `CARGO_TARGET_DIR` of
/// `target_dir`.
fn nested_target_dir_in(root: &Path, target_dir: Option<OsString>, name: &str) -> PathBuf {
    let base = match target_dir.filter(|dir| !dir.is_empty()) {
        Some(dir) => root.join(dir),
        None => root.join("target"),
    };
    base.join(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_target_dirs_follow_cargo_target_dir() {
        let root = Path::new("/work/checkout");
        assert_eq!(
            nested_target_dir_in(root, None, "lint-check"),
            Path::new("/work/checkout/target/lint-check")
        );
        assert_eq!(
            nested_target_dir_in(root, Some("".into()), "lint-check"),
            Path::new("/work/checkout/target/lint-check")
        );
        assert_eq!(
            nested_target_dir_in(root, Some("/cache/build".into()), "docsrs-check"),
            Path::new("/cache/build/docsrs-check")
        );
        assert_eq!(
            nested_target_dir_in(root, Some("out".into()), "package-check"),
            Path::new("/work/checkout/out/package-check")
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
