//! Every library crate of the workspace packages as `cargo publish` would package it:
//! real metadata (a description, a license, a readme, keywords and categories; no
//! made-up repository), every path dependency with a version too, and `cargo package`
//! builds each one from its packaged files alone, the unpublished ones among its
//! dependencies taken from a local registry (what `cargo package` does for several
//! packages at once).
//!
//! The packaging runs in a target directory of its own under the suite's
//! (`wixgen_tests::nested_target_dir`). It needs the crates.io index, as CI has it.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use wixgen_tests::{nested_target_dir, workspace_root};

/// `cargo metadata` of the workspace's own packages.
fn metadata() -> Value {
    let out = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--no-deps"])
        .current_dir(workspace_root())
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("cargo metadata's JSON")
}

fn name(package: &Value) -> &str {
    package["name"].as_str().unwrap()
}

/// Whether `cargo publish` may publish the package (`publish` is not `false`).
fn publishable(package: &Value) -> bool {
    package["publish"] != serde_json::json!([])
}

fn has_library(package: &Value) -> bool {
    package["targets"].as_array().unwrap().iter().any(|target| {
        target["kind"]
            .as_array()
            .unwrap()
            .iter()
            .any(|kind| kind == "lib" || kind == "proc-macro")
    })
}

/// The packages that make up the product: every member outside `tests/` (whose
/// crates hold the test suite and its fixtures).
fn product(metadata: &Value) -> Vec<&Value> {
    let tests = workspace_root().join("tests");
    metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| !std::path::Path::new(p["manifest_path"].as_str().unwrap()).starts_with(&tests))
        .collect()
}

#[test]
fn every_library_crate_is_publishable_with_real_metadata() {
    let metadata = metadata();
    let libraries: Vec<&Value> = product(&metadata)
        .into_iter()
        .filter(|p| has_library(p))
        .collect();
    assert!(
        libraries.len() >= 8,
        "{:?}",
        libraries.iter().map(|p| name(p)).collect::<Vec<_>>()
    );
    for package in libraries {
        let name = name(package);
        assert!(publishable(package), "{name} is `publish = false`");
        for field in ["description", "license", "readme"] {
            let value = package[field].as_str().unwrap_or_default();
            assert!(!value.trim().is_empty(), "{name} has no {field}");
        }
        for field in ["keywords", "categories"] {
            let values = package[field].as_array().unwrap();
            assert!(!values.is_empty(), "{name} has no {field}");
            assert!(
                values.len() <= 5,
                "{name}: crates.io takes at most 5 {field}"
            );
        }
        for field in ["repository", "homepage", "documentation"] {
            let value = package[field].as_str().unwrap_or_default();
            assert!(
                !value.contains(".invalid"),
                "{name}: {field} `{value}` is no address anyone can visit"
            );
        }
    }
}

#[test]
fn every_path_dependency_has_a_version_too() {
    let metadata = metadata();
    let publishable: Vec<&str> = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| publishable(p))
        .map(name)
        .collect();
    for package in metadata["packages"].as_array().unwrap() {
        for dependency in package["dependencies"].as_array().unwrap() {
            if dependency["path"].is_null() {
                continue;
            }
            let target = dependency["name"].as_str().unwrap();
            // A dev-dependency on a crate that is never published (the suite's own
            // helpers) cannot have a version, and `cargo package` drops it.
            if dependency["kind"] == "dev" && !publishable.contains(&target) {
                continue;
            }
            assert_ne!(
                dependency["req"],
                "*",
                "{} depends on {target} by path only: give it a version as well",
                name(package)
            );
        }
    }
}

#[test]
fn every_publishable_crate_packages_and_builds_from_its_package() {
    let metadata = metadata();
    let packages: Vec<&str> = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| publishable(p))
        .map(name)
        .collect();
    let target = nested_target_dir("package-check");
    let cargo_home = fresh_cargo_home(&target);
    let mut command = Command::new(env!("CARGO"));
    command
        .args(["package", "--allow-dirty", "--color", "never"])
        .arg("--target-dir")
        .arg(&target)
        .env("CARGO_HOME", &cargo_home)
        .current_dir(workspace_root())
        // The verification builds only have to compile: no debug info and no
        // incremental state keep their target directory small.
        .env("CARGO_PROFILE_DEV_DEBUG", "false")
        .env("CARGO_INCREMENTAL", "0")
        .env_remove("RUSTFLAGS");
    for package in &packages {
        command.args(["-p", package]);
    }
    let out = command.output().expect("cargo package runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "cargo package failed:\n{stderr}");
    for package in &packages {
        assert!(
            stderr.contains(&format!("Verifying {package} v")),
            "{package} was not built from its package:\n{stderr}"
        );
    }
    // The one warning allowed: no repository, homepage or documentation address,
    // which the project does not have yet.
    for warning in stderr.lines().filter(|l| l.starts_with("warning:")) {
        assert_eq!(
            warning, "warning: manifest has no documentation, homepage or repository",
            "{stderr}"
        );
    }
}

/// A cargo home of the check's own, sharing the user's downloaded index and crates.
///
/// The verification builds take each packaged crate's dependencies on the others from a
/// temporary local registry, and cargo unpacks a registry crate into its home once per
/// name and version: in the user's home, a crate changed since the last run (same
/// version, new code) would be built as it was then. Here the unpacked sources of those
/// local registries (directories named `-<hash>`) are removed before every run; the
/// crates.io ones are kept, unpacked from the shared cache once.
fn fresh_cargo_home(target: &Path) -> PathBuf {
    let user = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .expect("a cargo home");
    let home = target.join("cargo-home");
    let registry = home.join("registry");
    std::fs::create_dir_all(registry.join("src")).unwrap();
    for shared in ["index", "cache"] {
        let link = registry.join(shared);
        if std::fs::symlink_metadata(&link).is_err() {
            symlink_dir(&user.join("registry").join(shared), &link);
        }
    }
    for file in ["config.toml", "config"] {
        if user.join(file).is_file() {
            std::fs::copy(user.join(file), home.join(file)).unwrap();
        }
    }
    for entry in std::fs::read_dir(registry.join("src")).unwrap().flatten() {
        if entry.file_name().to_string_lossy().starts_with('-') {
            std::fs::remove_dir_all(entry.path()).unwrap();
        }
    }
    home
}

#[cfg(unix)]
fn symlink_dir(original: &Path, link: &Path) {
    std::fs::create_dir_all(original).unwrap();
    std::os::unix::fs::symlink(original, link).unwrap();
}

#[cfg(windows)]
fn symlink_dir(original: &Path, link: &Path) {
    std::fs::create_dir_all(original).unwrap();
    std::os::windows::fs::symlink_dir(original, link).unwrap();
}
