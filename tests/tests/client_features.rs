//! `default-features = false` gives the bindings alone ("types only"): no reqwest,
//! tokio or JWT library among wix-inbox's dependencies (nor among wix-contacts' and
//! wix-members'); the default features bring them, each feature only its own.

use std::process::Command;

fn normal_dependencies(features: &[&str]) -> String {
    dependencies_of("generated/inbox/Cargo.toml", features)
}

/// The normal dependencies of the crate whose manifest is `manifest` (relative to the
/// workspace), one a line.
fn dependencies_of(manifest: &str, features: &[&str]) -> String {
    let manifest = format!("{}/../{manifest}", env!("CARGO_MANIFEST_DIR"));
    let output = Command::new(env!("CARGO"))
        .args([
            "tree",
            "--offline",
            "--edges",
            "normal",
            "--prefix",
            "none",
            "--manifest-path",
            &manifest,
        ])
        .args(features)
        .output()
        .expect("cargo tree runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn has(tree: &str, name: &str) -> bool {
    tree.lines()
        .any(|line| line.split_whitespace().next() == Some(name))
}

#[test]
fn types_only_has_no_transport_and_the_defaults_do() {
    let types_only = normal_dependencies(&["--no-default-features"]);
    let defaults = normal_dependencies(&[]);
    for name in ["reqwest", "tokio", "jsonwebtoken", "hyper", "rustls"] {
        assert!(
            !has(&types_only, name),
            "{name} in the types-only build:\n{types_only}"
        );
    }
    for name in ["reqwest", "tokio", "jsonwebtoken", "rustls"] {
        assert!(
            has(&defaults, name),
            "{name} missing from the default build"
        );
    }
    // rustls, not OpenSSL.
    for name in ["openssl", "openssl-sys", "native-tls"] {
        assert!(!has(&defaults, name), "{name} in the default build");
    }
}

#[test]
fn contacts_and_members_types_only_have_no_transport_and_their_client_does() {
    for manifest in ["generated/contacts/Cargo.toml", "generated/members/Cargo.toml"] {
        let types_only = dependencies_of(manifest, &["--no-default-features"]);
        let defaults = dependencies_of(manifest, &[]);
        for name in ["reqwest", "tokio", "jsonwebtoken", "hyper", "rustls", "tracing"] {
            assert!(
                !has(&types_only, name),
                "{name} in the types-only build of {manifest}:\n{types_only}"
            );
        }
        for name in ["reqwest", "tokio", "rustls", "jsonwebtoken"] {
            assert!(has(&defaults, name), "{name} missing from {manifest}'s defaults");
        }
        for name in ["openssl", "openssl-sys", "native-tls"] {
            assert!(!has(&defaults, name), "{name} in {manifest}'s defaults");
        }
        // The client needs no JWT library; the webhook decoding no HTTP client.
        let client = dependencies_of(manifest, &["--no-default-features", "--features", "client"]);
        assert!(has(&client, "reqwest") && !has(&client, "jsonwebtoken"), "{manifest} with `client`:\n{client}");
        let webhooks = dependencies_of(manifest, &["--no-default-features", "--features", "webhooks"]);
        assert!(has(&webhooks, "jsonwebtoken") && !has(&webhooks, "reqwest"), "{manifest} with `webhooks`:\n{webhooks}");
    }
}
