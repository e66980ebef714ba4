//! `wixgen generate` as a user runs it: a complete crate from a corpus of pages in the
//! real dialect (the fixture APIs: both enum forms, required one-ofs, documented errors,
//! REST and SDK blocks, curl examples, misplaced fields, webhooks; field-path and wildcard
//! URL variables, methods and webhooks sharing a name, scalar one-of members), then
//! `cargo check` of that crate with warnings denied.

use std::path::Path;
use std::process::Command;

use wixgen_tests::{nested_cargo, nested_profiles, workspace_root as workspace};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn a_generated_crate_passes_cargo_check_without_warnings() {
    let tmp = tempfile::tempdir().unwrap();
    // Two APIs' pages side by side, the settings file at the root.
    let fixtures = workspace().join("codegen/tests/fixtures");
    let specs = tmp.path().join("pages");
    copy_dir(&fixtures.join("dialect"), &specs.join("greenhouse"));
    copy_dir(&fixtures.join("dialect-ambiguous"), &specs.join("trays"));
    copy_dir(&fixtures.join("library"), &specs.join("library"));
    std::fs::rename(specs.join("greenhouse/wixgen.toml"), specs.join("wixgen.toml")).unwrap();
    let out = tmp.path().join("wix-greenhouse");

    let run = Command::new(env!("CARGO_BIN_EXE_wixgen"))
        .args(["generate"])
        .arg(&specs)
        .arg("--out")
        .arg(&out)
        .arg("--runtime")
        .arg(workspace().join("runtime"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(!stderr.contains("error"), "{stderr}");
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"wix-greenhouse\""), "{manifest}");
    assert!(manifest.contains("wixgen-runtime = { path = "), "{manifest}");
    assert!(!manifest.contains("wix-inbox"), "depends on the runtime only:\n{manifest}");

    // The required group is a plain field: "none set" cannot be written.
    let types = std::fs::read_to_string(out.join("src/api/types.rs")).unwrap();
    let planting = &types[types.find("pub struct Planting {").expect("Planting")..];
    let planting = &planting[..planting.find("\n}").unwrap()];
    let group = planting.split("#[required_one_of]").nth(1).expect("a required group field");
    let decl = group.lines().skip(1).find(|l| !l.trim_start().starts_with("///")).unwrap_or_default();
    assert!(decl.trim_start().starts_with("pub ") && !decl.contains("Option<"), "{planting}");

    // The library's forms, as the runtime takes them.
    let methods = std::fs::read_to_string(out.join("src/api/methods.rs")).unwrap();
    for wanted in [
        "impl crate::rt::Request for UpdateShelfRequest {",
        "path_params: &[crate::rt::PathParam::segment(&[\"shelf\", \"id\"])],",
        "path_params: &[crate::rt::PathParam::rest(&[\"path\"])],",
        "impl crate::rt::Request for LoanGetRequest {",
        "impl crate::rt::Request for ShelvesGetRequest {",
        "impl crate::rt::Request for ListBooks2Request {",
    ] {
        assert!(methods.contains(wanted), "no `{wanted}` in:\n{methods}");
    }
    assert!(types.contains("Fine(f64) = \"fine\" with number,"), "{types}");
    let events = std::fs::read_to_string(out.join("src/api/events.rs")).unwrap();
    for variant in ["ShelfMoved2(ShelfMoved)", "LoanBookReturned(BookReturned)", "ShelvesBookReturned(BookReturned)"] {
        assert!(events.contains(variant), "no `{variant}` in:\n{events}");
    }

    // The same versions and profiles as the workspace: no network, and the dependencies
    // compiled for the suite's other nested checks reused.
    std::fs::copy(workspace().join("Cargo.lock"), out.join("Cargo.lock")).unwrap();
    let mut manifest = std::fs::OpenOptions::new().append(true).open(out.join("Cargo.toml")).unwrap();
    std::io::Write::write_all(&mut manifest, format!("\n{}", nested_profiles()).as_bytes()).unwrap();
    let check = nested_cargo(&out)
        .args(["rustc", "--lib", "--offline", "--profile", "check", "--", "-D", "warnings"])
        .output()
        .unwrap();
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
}
