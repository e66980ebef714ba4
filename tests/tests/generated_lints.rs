//! The checked-in bindings and their runtime are warning-free, clippy-clean and document
//! cleanly, the bindings with every feature and as "types only", the runtime with each
//! feature alone. Runs cargo as a user would, in its own target directory so that its
//! flags do not invalidate the test build's artifacts.

use std::process::Command;

use wixgen_tests::{nested_target_dir, workspace_root as workspace};

fn cargo(args: &[&str], env: &[(&str, &str)]) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let target = nested_target_dir("lint-check");
    let out = Command::new(cargo)
        .args(args)
        .current_dir(workspace())
        .env("CARGO_TARGET_DIR", target)
        .envs(env.iter().copied())
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "cargo {} failed:\n{stderr}", args.join(" "));
    // `-D warnings` turns warnings into errors, but be explicit about what must not appear.
    assert!(!stderr.contains("warning:"), "cargo {} warned:\n{stderr}", args.join(" "));
}

#[test]
fn the_bindings_pass_clippy_with_warnings_denied() {
    cargo(&["clippy", "-q", "-p", "wixgen-runtime", "-p", "wix-ids", "-p", "wix-inbox", "-p", "wix-contacts", "-p", "wix-members", "--all-targets", "--all-features", "--", "-D", "warnings"], &[]);
    // Types only, and each generated part alone (the client, the webhook decoding).
    for features in ["", "client", "webhooks"] {
        cargo(&["clippy", "-q", "-p", "wix-inbox", "-p", "wix-contacts", "-p", "wix-members", "--no-default-features", "--features", features, "--", "-D", "warnings"], &[]);
    }
    // The runtime alone, as the generated types need it, and with each feature alone.
    for features in ["", "client", "webhooks", "filter"] {
        cargo(&["clippy", "-q", "-p", "wixgen-runtime", "--no-default-features", "--features", features, "--", "-D", "warnings"], &[]);
    }
}

#[test]
fn the_bindings_document_without_warnings() {
    cargo(&["doc", "-q", "-p", "wixgen-runtime", "-p", "wix-ids", "-p", "wix-inbox", "-p", "wix-contacts", "-p", "wix-members", "--no-deps", "--all-features"], &[("RUSTDOCFLAGS", "-D warnings")]);
    cargo(&["doc", "-q", "-p", "wix-inbox", "-p", "wix-contacts", "-p", "wix-members", "--no-deps", "--no-default-features"], &[("RUSTDOCFLAGS", "-D warnings")]);
}
