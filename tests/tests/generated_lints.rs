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

/// Every library crate of the workspace documents without a warning (a broken intra-doc
/// link above all) as a user's `cargo doc` builds it: with its default features, with
/// all of them, and the bindings also as "types only".
#[test]
fn the_library_crates_document_without_warnings() {
    const FLAGS: (&str, &str) = ("RUSTDOCFLAGS", "-D warnings -D rustdoc::broken_intra_doc_links");
    let every = ["-p", "wixgen", "-p", "wixgen-macros", "-p", "wixgen-runtime", "-p", "wix-ids", "-p", "wix-inbox", "-p", "wix-contacts", "-p", "wix-members", "-p", "wix-local-server"];
    for features in [&[][..], &["--all-features"][..]] {
        let args: Vec<&str> = ["doc", "-q", "--no-deps"].iter().chain(&every).chain(features).copied().collect();
        cargo(&args, &[FLAGS]);
    }
    cargo(&["doc", "-q", "-p", "wix-inbox", "-p", "wix-contacts", "-p", "wix-members", "--no-deps", "--no-default-features"], &[FLAGS]);
}
