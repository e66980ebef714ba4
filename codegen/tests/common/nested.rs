//! Crates written by `wixgen generate` into a temporary directory and built there as a
//! user builds them: one nested cargo workspace, offline, on the checkout's `Cargo.lock`,
//! its artifacts under the suite's nested target directory `generated-crates` (so that
//! the dependencies are compiled once for every such test).

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
    std::fs::write(dir.join("Cargo.toml"), format!("[workspace]\nresolver = \"2\"\nmembers = [{}]\n", list.join(", "))).unwrap();
    // The checkout's versions: no network, and dependencies compiled once.
    std::fs::copy(workspace().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
}

/// `cargo ARGS --offline` in `dir`, building into the shared nested target directory.
pub fn cargo(dir: &Path, args: &[&str]) -> Output {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    Command::new(cargo)
        .current_dir(dir)
        .args(args)
        .arg("--offline")
        .env("CARGO_TARGET_DIR", wixgen_tests::nested_target_dir("generated-crates"))
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap()
}
