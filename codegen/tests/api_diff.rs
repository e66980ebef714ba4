//! The API report of a regeneration, on pairs of spec trees: the bindings generated from
//! one tree are on disk, the other tree is regenerated, and the report says what changed
//! in Rust terms and whether it breaks callers.

use std::path::Path;
use std::process::{Command, ExitCode};

use wixgen::api_diff::{self, ApiDiff, ChangeKind};
use wixgen::Settings;

/// A method page in the real dialect: `createBed`, whose `Bed` has `fields` (each a line of
/// the schema block at the field's indentation, with its enum lines), in the request and
/// in the response, and `required` as its `Required parameters:`.
fn page(fields: &str, required: &str) -> String {
    format!(
        "# CreateBed\n\n# Package: greenhouse\n\n# Namespace: BedsService\n\n\
         # Method link: https://dev.wix.com/docs/api-reference/example/greenhouse/beds/create-bed.md\n\n\
         ## Permission Scopes:\nManage Beds: SCOPE.GREENHOUSE.MANAGE-BEDS\n\n## Introduction\n\nCreates a bed.\n\n---\n\n\
         ## REST API\n\n### Schema\n\n```\n Method: createBed\n Description: Creates a bed.\n\
         \x20URL: https://www.wixapis.com/greenhouse/v1/beds\n Method: POST\n Required parameters: {required}\n Method parameters: \n\
         \x20  param name: bed | type: Bed | description: The bed to create. | required: true\n{fields}\
         \x20Return type: CreateBedResponse\n  - name: bed | type: Bed | description: The bed, as stored. \n{fields}\n\n```\n"
    )
}

const ID: &str = "     - name: id | type: string | description: Bed GUID. | read-only: true\n";
const NAME: &str = "     - name: name | type: string | description: Name of the bed. \n";
const AREA: &str = "     - name: area | type: number | description: Area in square metres. \n";
const DEPTH: &str = "     - name: depth | type: integer | description: Depth of the soil, in centimetres. \n";

fn soil(ty: &str, values: &[&str]) -> String {
    let mut s = format!("     - name: soil | type: {ty} | description: Kind of soil. \n          - enum:\n");
    for v in values {
        s.push_str(&format!("          -     {v}: {v} soil.\n"));
    }
    s
}

fn base() -> String {
    page(&format!("{ID}{NAME}{}{AREA}", soil("Soil", &["LOAM", "CLAY"])), "bed, bed.name")
}

fn settings(pages: &Path, out: &Path) -> Settings {
    Settings::default().with_spec_dir(pages).with_out_dir(out)
}

/// Generates the bindings of `old` into a crate on disk, then compares those of `new` with it.
fn diff(old: &str, new: &str) -> ApiDiff {
    let tmp = tempfile::tempdir().unwrap();
    let (pages, out) = (tmp.path().join("pages"), tmp.path().join("crate"));
    std::fs::create_dir_all(&pages).unwrap();
    std::fs::write(pages.join("create-bed.md"), old).unwrap();
    let s = settings(&pages, &out);
    let (_, output) = wixgen::generate::generate(&s).unwrap_or_else(|e| panic!("{e}"));
    wixgen::generate::write(&out, &output, s.managed_dir()).unwrap();
    std::fs::write(pages.join("create-bed.md"), new).unwrap();
    let (_, output) = wixgen::generate::generate(&s).unwrap_or_else(|e| panic!("{e}"));
    let (old_surface, diff) = api_diff::compare(&out, &output, s.managed_dir()).unwrap();
    assert!(!old_surface.is_empty());
    diff
}

#[test]
fn the_same_pages_change_nothing() {
    let d = diff(&base(), &base());
    assert!(d.is_empty(), "{d}");
}

#[test]
fn a_removed_field_is_breaking() {
    let d = diff(&base(), &page(&format!("{ID}{NAME}{}", soil("Soil", &["LOAM", "CLAY"])), "bed, bed.name"));
    let c = d.find("field `Bed.area`").unwrap_or_else(|| panic!("{d}"));
    assert_eq!((c.kind, c.breaking), (ChangeKind::Removed, true), "{d}");
    assert!(c.what.contains("Option<f64>"), "{d}");
    assert_eq!(d.changes.len(), 1, "{d}");
    assert!(d.is_breaking());
}

#[test]
fn a_new_optional_field_is_not_breaking_a_new_required_one_is() {
    let d = diff(&base(), &page(&format!("{ID}{NAME}{}{AREA}{DEPTH}", soil("Soil", &["LOAM", "CLAY"])), "bed, bed.name"));
    let c = d.find("field `Bed.depth`").unwrap_or_else(|| panic!("{d}"));
    assert_eq!((c.kind, c.breaking), (ChangeKind::Added, false), "{d}");
    assert!(c.what.contains("Option<i64>"), "{d}");
    assert_eq!(d.changes.len(), 1, "{d}");
    assert!(!d.is_breaking());

    // Required: a new parameter of `Bed::new`.
    let d = diff(&base(), &page(&format!("{ID}{NAME}{}{AREA}{DEPTH}", soil("Soil", &["LOAM", "CLAY"])), "bed, bed.name, bed.depth"));
    let c = d.find("field `Bed.depth`").unwrap_or_else(|| panic!("{d}"));
    assert_eq!((c.kind, c.breaking), (ChangeKind::Added, true), "{d}");
    assert!(c.what.contains("a new parameter of `new`"), "{d}");
}

#[test]
fn a_field_that_becomes_required_is_breaking() {
    let d = diff(&base(), &page(&format!("{ID}{NAME}{}{AREA}", soil("Soil", &["LOAM", "CLAY"])), "bed, bed.name, bed.area"));
    let c = d.find("field `Bed.area`").unwrap_or_else(|| panic!("{d}"));
    assert_eq!((c.kind, c.breaking), (ChangeKind::Changed, true), "{d}");
    assert!(c.what.contains("`Option<f64>` → `f64`, now required"), "{d}");
}

#[test]
fn a_new_enum_value_is_not_breaking_a_removed_one_is() {
    let d = diff(&base(), &page(&format!("{ID}{NAME}{}{AREA}", soil("Soil", &["LOAM", "CLAY", "SAND"])), "bed, bed.name"));
    let c = d.find("enum value `Soil::Sand`").unwrap_or_else(|| panic!("{d}"));
    assert_eq!((c.kind, c.breaking), (ChangeKind::Added, false), "{d}");
    assert!(c.what.contains("\"SAND\""), "{d}");
    assert_eq!(d.changes.len(), 1, "{d}");

    let d = diff(&base(), &page(&format!("{ID}{NAME}{}{AREA}", soil("Soil", &["LOAM"])), "bed, bed.name"));
    let c = d.find("enum value `Soil::Clay`").unwrap_or_else(|| panic!("{d}"));
    assert_eq!((c.kind, c.breaking), (ChangeKind::Removed, true), "{d}");
}

/// The typo that silently renames a public type: reported as a rename, and breaking.
#[test]
fn a_renamed_type_is_reported_as_a_rename() {
    let d = diff(&base(), &page(&format!("{ID}{NAME}{}{AREA}", soil("Soyl", &["LOAM", "CLAY"])), "bed, bed.name"));
    let c = d.find("`Soil` → `Soyl`").unwrap_or_else(|| panic!("{d}"));
    assert_eq!((c.kind, c.breaking), (ChangeKind::Renamed, true), "{d}");
    let c = d.find("type of field `Bed.soil`").unwrap_or_else(|| panic!("{d}"));
    assert!(c.breaking && c.what.contains("`Option<Soil>` → `Option<Soyl>`"), "{d}");
    assert_eq!(d.changes.len(), 2, "{d}");
}

fn wixgen(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_wixgen")).current_dir(dir).args(args).output().expect("wixgen runs");
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

/// `--check` fails when the bindings are stale and says whether the change is breaking;
/// regenerating prints the report after writing.
#[test]
fn check_says_whether_the_change_breaks_and_regenerating_prints_the_report() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::create_dir_all(dir.join("pages")).unwrap();
    std::fs::write(dir.join("pages/create-bed.md"), base()).unwrap();
    let (code, stdout, stderr) = wixgen(dir, &["pages", "--out", "crate"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("public API of crate: new"), "{stdout}");
    let (code, _, stderr) = wixgen(dir, &["pages", "--out", "crate", "--check"]);
    assert_eq!(code, 0, "{stderr}");

    // A new enum value: stale, not breaking.
    std::fs::write(dir.join("pages/create-bed.md"), page(&format!("{ID}{NAME}{}{AREA}", soil("Soil", &["LOAM", "CLAY", "SAND"])), "bed, bed.name")).unwrap();
    let (code, _, stderr) = wixgen(dir, &["pages", "--out", "crate", "--check"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("+ added enum value `Soil::Sand`"), "{stderr}");
    assert!(stderr.contains("crate is out of date with pages; the public API changes: 1 change(s), none breaking (not a breaking change)"), "{stderr}");

    // And a removed field: breaking.
    std::fs::write(dir.join("pages/create-bed.md"), page(&format!("{ID}{NAME}{}", soil("Soil", &["LOAM", "CLAY", "SAND"])), "bed, bed.name")).unwrap();
    let (code, _, stderr) = wixgen(dir, &["pages", "--out", "crate", "--check"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("- removed field `Bed.area` (`Option<f64>`)  [breaking]"), "{stderr}");
    assert!(stderr.contains("2 change(s), 1 breaking (a breaking change)"), "{stderr}");

    let (code, stdout, stderr) = wixgen(dir, &["pages", "--out", "crate"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("public API of crate: 2 change(s), 1 breaking"), "{stdout}");
    assert!(stdout.contains("removed field `Bed.area`"), "{stdout}");
    // Writing again changes nothing, and says nothing about the API.
    let (code, stdout, _) = wixgen(dir, &["pages", "--out", "crate"]);
    assert_eq!(code, 0);
    assert!(!stdout.contains("public API"), "{stdout}");
    assert_eq!(wixgen::generate::run(&settings(&dir.join("pages"), &dir.join("crate")), true), ExitCode::SUCCESS);
}
