//! Every library crate of the workspace packages as `cargo publish` would package it:
//! real metadata (a description, a license, a readme, keywords and categories; no
//! made-up repository), every path dependency with a version too, and each one compiles
//! from its packaged files alone.
//!
//! That last check packages every publishable crate (`cargo package --no-verify`),
//! unpacks the `.crate` files into a temporary workspace, their dependencies on each
//! other taken from the unpacked copies (`[patch.crates-io]`: they are not on crates.io
//! yet), and runs `cargo check` on each package alone, with its own features, as
//! `cargo package`'s verification build would. `check` rather than a full build: a file
//! missing from a package is a missing module, an `include_str!` or `include_bytes!` of
//! nothing, or a missing build script, and each fails at expansion, before any code is
//! generated (the test `a_file_missing_from_a_package_fails_the_check` shows it does).
//! What only a full build would add is code generation and linking, which the rest of
//! the suite does for the same sources. The versions of the dependencies are the
//! checkout's `Cargo.lock`, as everywhere in the suite.
//!
//! The checks run in the suite's nested target directory
//! (`wixgen_tests::nested_target_dir`), on the dependencies the lint and docs.rs checks
//! compile there too. Packaging needs the crates.io index, as CI has it.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use wixgen_tests::{nested_cargo, nested_profiles, nested_target_dir, workspace_root};

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
fn every_publishable_crate_compiles_from_its_package() {
    let metadata = metadata();
    let packages: Vec<&Value> = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| publishable(p))
        .collect();
    let names: Vec<&str> = packages.iter().map(|p| name(p)).collect();
    let tmp = tempfile_dir("packaged");
    let stderr = package(&workspace_root(), &names, &tmp.path);
    // The one warning allowed: no repository, homepage or documentation address,
    // which the project does not have yet.
    for warning in stderr.lines().filter(|l| l.starts_with("warning:")) {
        assert_eq!(
            warning, "warning: manifest has no documentation, homepage or repository",
            "{stderr}"
        );
    }
    // Only the crates that others depend on are patched: cargo warns of a patch unused.
    let depended_on: Vec<&str> = names
        .iter()
        .copied()
        .filter(|target| {
            packages.iter().any(|p| {
                p["dependencies"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|d| d["name"] == *target)
            })
        })
        .collect();
    let unpacked = unpack_into_workspace(&tmp.path, &packages, &depended_on);
    std::fs::copy(
        workspace_root().join("Cargo.lock"),
        unpacked.join("Cargo.lock"),
    )
    .unwrap();
    let mut compiled = String::new();
    for package in &names {
        let out = nested_cargo(&unpacked)
            .args(["check", "--offline", "--color", "never", "-p", package])
            .output()
            .expect("cargo check runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "{package} does not compile from its package:\n{stderr}"
        );
        assert!(!stderr.contains("warning"), "{package} warned:\n{stderr}");
        compiled.push_str(&stderr);
    }
    // Each compiled from its unpacked copy, alone or as another's dependency with the
    // same features (a proc-macro crate is compiled, not checked: the compiler runs it).
    for package in &names {
        assert!(
            compiled.contains(&format!("Checking {package} v"))
                || compiled.contains(&format!("Compiling {package} v")),
            "{package} was not compiled from its package:\n{compiled}"
        );
    }
}

/// The check above fails when a package lacks a file its crate needs: a crate whose
/// `include` list leaves out one of its modules and the page its docs include.
#[test]
fn a_file_missing_from_a_package_fails_the_check() {
    let tmp = tempfile_dir("broken-package");
    let source = tmp.path.join("source");
    std::fs::create_dir_all(source.join("src")).unwrap();
    std::fs::write(
        source.join("Cargo.toml"),
        "[package]\nname = \"packaged-without-files\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\
         description = \"A crate whose package lacks files.\"\nlicense = \"MIT\"\n\
         include = [\"Cargo.toml\", \"src/lib.rs\"]\n\n[workspace]\n",
    )
    .unwrap();
    std::fs::write(
        source.join("src/lib.rs"),
        "#![doc = include_str!(\"../front-page.md\")]\n\nmod left_out;\n",
    )
    .unwrap();
    std::fs::write(source.join("src/left_out.rs"), "").unwrap();
    std::fs::write(source.join("front-page.md"), "Left out of the package.\n").unwrap();
    // The crate itself compiles: only its package lacks the files.
    let out = nested_cargo(&source)
        .args(["check", "--offline"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let package_json = serde_json::json!({"name": "packaged-without-files", "version": "0.1.0"});
    package(&source, &["packaged-without-files"], &tmp.path);
    let unpacked = unpack_into_workspace(&tmp.path, &[&package_json], &[]);
    let out = nested_cargo(&unpacked)
        .args(["check", "--offline", "-p", "packaged-without-files"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success(),
        "compiled without its files:\n{stderr}"
    );
    assert!(stderr.contains("left_out.rs"), "{stderr}");
    assert!(stderr.contains("front-page.md"), "{stderr}");
}

/// `cargo package --no-verify` of `packages` of the workspace at `root`, the `.crate`
/// files written under `out`; cargo's standard error.
fn package(root: &Path, packages: &[&str], out: &Path) -> String {
    let mut command = nested_cargo(root);
    command
        .args([
            "package",
            "--no-verify",
            "--allow-dirty",
            "--color",
            "never",
        ])
        .arg("--target-dir")
        .arg(out);
    for package in packages {
        command.args(["-p", package]);
    }
    let out = command.output().expect("cargo package runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "cargo package failed:\n{stderr}");
    stderr
}

/// Unpacks the `.crate` of each of `packages` (from [`package`] into `dir`) into
/// `dir/unpacked/NAME-VERSION`, and makes `dir/unpacked` a workspace of them with the
/// suite's profiles, the crates of `patched` taken from their unpacked copies.
fn unpack_into_workspace(dir: &Path, packages: &[&Value], patched: &[&str]) -> PathBuf {
    let unpacked = dir.join("unpacked");
    std::fs::create_dir_all(&unpacked).unwrap();
    let folder = |p: &Value| format!("{}-{}", name(p), p["version"].as_str().unwrap());
    for package in packages {
        let crate_file = dir
            .join("package")
            .join(format!("{}.crate", folder(package)));
        // `m`: the files dated now, not as packaged, so that cargo sees them changed and
        // compiles them again on a rerun.
        let status = Command::new("tar")
            .arg("xzmf")
            .arg(&crate_file)
            .arg("-C")
            .arg(&unpacked)
            .status()
            .expect("tar runs");
        assert!(
            status.success(),
            "could not unpack {}",
            crate_file.display()
        );
    }
    let members: Vec<String> = packages
        .iter()
        .map(|p| format!("\"{}\"", folder(p)))
        .collect();
    let patches: Vec<String> = packages
        .iter()
        .filter(|p| patched.contains(&name(p)))
        .map(|p| format!("{} = {{ path = \"{}\" }}", name(p), folder(p)))
        .collect();
    std::fs::write(
        unpacked.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"2\"\nmembers = [{}]\n\n[patch.crates-io]\n{}\n\n{}",
            members.join(", "),
            patches.join("\n"),
            nested_profiles()
        ),
    )
    .unwrap();
    unpacked
}

/// A directory of the test's under the nested target directory, emptied first and
/// removed on drop. Always the same path, so that a rerun compiles the same packages
/// again rather than new ones beside them.
struct TempDir {
    path: PathBuf,
}

fn tempfile_dir(name: &str) -> TempDir {
    let path = nested_target_dir().join("tmp").join(name);
    let _ = std::fs::remove_dir_all(&path);
    std::fs::create_dir_all(&path).unwrap();
    TempDir { path }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}
