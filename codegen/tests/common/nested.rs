//! Crates written by `wixgen generate` into a temporary directory and built there as a
//! user builds them: one nested cargo workspace, offline, on the checkout's `Cargo.lock`,
//! with the workspace's profiles, its artifacts under the suite's nested target directory
//! (`wixgen_tests::nested_target_dir`: the dependencies are compiled once for every such
//! test, and shared with the lint, docs.rs and packaging checks).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The checkout's root.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// `wixgen generate DIR --out OUT --name NAME` on the checkout's runtime; the command's
/// standard error when it fails.
pub fn generate(pages: &Path, out: &Path, name: &str) -> Result<(), String> {
    let run = Command::new(env!("CARGO_BIN_EXE_wixgen"))
        .arg("generate")
        .arg(pages)
        .arg("--out")
        .arg(out)
        .args(["--name", name, "--runtime"])
        .arg(workspace().join("runtime"))
        .output()
        .unwrap();
    if run.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&run.stderr).into_owned())
    }
}

/// Makes `dir` a workspace of `members`: each generated crate's own `[workspace]`
/// table (which makes it a workspace of its own wherever it is written) is taken out.
pub fn workspace_of(dir: &Path, members: &[&str]) {
    for member in members {
        let manifest = dir.join(member).join("Cargo.toml");
        let text = std::fs::read_to_string(&manifest).unwrap();
        std::fs::write(&manifest, text.replace("\n[workspace]\n", "\n")).unwrap();
    }
    let list: Vec<String> = members.iter().map(|m| format!("\"{m}\"")).collect();
    let profiles = wixgen_tests::nested_profiles();
    std::fs::write(dir.join("Cargo.toml"), format!("[workspace]\nresolver = \"2\"\nmembers = [{}]\n\n{profiles}", list.join(", "))).unwrap();
    // The checkout's versions: no network, and dependencies compiled once.
    std::fs::copy(workspace().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
}

/// `cargo ARGS --offline` in `dir`, building into the suite's nested target directory.
pub fn cargo(dir: &Path, args: &[&str]) -> Output {
    wixgen_tests::nested_cargo(dir).args(args).arg("--offline").output().unwrap()
}
