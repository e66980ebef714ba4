//! The bindings' documentation as docs.rs builds it (`[package.metadata.docs.rs]`: all
//! features, `--cfg docsrs`): warning-free, with a quick start on the front page and
//! the feature-gated modules marked as such.
//!
//! `doc(cfg)` is a nightly feature; `RUSTC_BOOTSTRAP=1` makes the stable toolchain
//! accept it, as docs.rs's nightly does. Runs in its own target directory, so that the
//! flags neither invalidate the test build's artifacts nor wait on its lock.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use wixgen_tests::{nested_target_dir, workspace_root as workspace};

/// Documents wix-inbox as docs.rs would, once for the tests of this file: the
/// directory of the HTML.
fn docs() -> &'static Path {
    static DOCS: OnceLock<PathBuf> = OnceLock::new();
    DOCS.get_or_init(|| {
        let target = nested_target_dir("docsrs-check");
        let out = Command::new(env!("CARGO"))
            .args([
                "rustdoc",
                "-q",
                "-p",
                "wix-inbox",
                "--all-features",
                "--",
                "--cfg",
                "docsrs",
                "-D",
                "warnings",
            ])
            .current_dir(workspace())
            .env("CARGO_TARGET_DIR", &target)
            .env("RUSTC_BOOTSTRAP", "1")
            .env_remove("RUSTDOCFLAGS")
            .output()
            .expect("cargo runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "cargo rustdoc failed:\n{stderr}");
        assert!(
            !stderr.contains("warning:"),
            "cargo rustdoc warned:\n{stderr}"
        );
        target.join("doc/wix_inbox")
    })
}

fn page(path: &str) -> String {
    let file = docs().join(path);
    std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

/// rustdoc's note on an item that needs a feature.
fn gate(feature: &str) -> String {
    format!("Available on <strong>crate feature <code>{feature}</code></strong> only.")
}

#[test]
fn feature_gated_modules_say_which_feature_they_need() {
    let client = page("client/index.html");
    assert!(client.contains(&gate("client")), "client/index.html");
    let webhook = page("webhook/index.html");
    assert!(webhook.contains(&gate("webhooks")), "webhook/index.html");
    let lifecycle = page("lifecycle/index.html");
    assert!(lifecycle.contains(&gate("client")), "lifecycle/index.html");
    // Items of the generated API that need no feature carry no note.
    let compose = page("compose/index.html");
    assert!(!compose.contains("Available on"), "compose/index.html");
}

#[test]
fn the_front_page_has_a_quick_start_and_lists_the_features() {
    let front = page("index.html");
    for needle in [
        "Quick start",
        "Message::text",
        "get_or_create_conversation",
        "default-features = false",
        "Features",
    ] {
        assert!(front.contains(needle), "no `{needle}` on the front page");
    }
}

/// What the client and webhook modules take from the runtime is documented in place
/// (`#[doc(inline)]`), not as a list of `pub use` lines leading into another crate.
#[test]
fn the_runtime_items_a_module_re_exports_are_inlined() {
    for (module, item) in [
        ("client", "struct.Credentials.html"),
        ("client", "struct.RetryPolicy.html"),
        ("client", "enum.Error.html"),
        ("webhook", "enum.WebhookError.html"),
    ] {
        let index = page(&format!("{module}/index.html"));
        assert!(!index.contains("id=\"reexports\""), "{module}/index.html lists re-exports");
        assert!(
            docs().join(module).join(item).is_file(),
            "{module}/{item} is not documented in place"
        );
    }
}
