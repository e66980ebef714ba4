//! The crates say `license = "MIT OR Apache-2.0"`: the repository carries both texts.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn read(name: &str) -> String {
    let path = root().join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_declared_licenses_are_at_the_root() {
    let manifest = read("Cargo.toml");
    assert!(
        manifest.contains(r#"license = "MIT OR Apache-2.0""#),
        "the workspace license changed: update the license files and this test"
    );

    let mit = read("LICENSE-MIT");
    assert!(mit.starts_with("MIT License\n"), "{mit}");
    assert!(mit.contains("Copyright (c) the wixgen authors\n"), "{mit}");
    assert!(mit.contains("Permission is hereby granted, free of charge, to any person"));
    assert!(mit.contains("THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND"));

    let apache = read("LICENSE-APACHE");
    assert!(apache.contains("Apache License\n"), "{apache}");
    assert!(apache.contains("Version 2.0, January 2004"));
    assert!(apache.contains("TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION"));
    assert!(apache.contains("9. Accepting Warranty or Additional Liability."));
    assert!(apache.contains("END OF TERMS AND CONDITIONS"));
}
