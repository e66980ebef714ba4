//! How the command reports: `--deny-warnings` (and `Builder::deny_warnings`) fail a run on
//! warnings and write nothing, the summary line counts warnings, and `--message-format json`
//! prints one JSON object a line on standard output.

mod common {
    pub mod trees;
}

use std::path::Path;
use std::process::Command;

use common::trees::{checkout, fake_checkout, tree};
use wixgen::write::FAULT_AFTER_VAR;

fn wixgen_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_wixgen")).current_dir(dir).args(args).env_remove(FAULT_AFTER_VAR).output().expect("wixgen runs");
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn fixtures() -> std::path::PathBuf {
    checkout().join("codegen/tests/fixtures")
}

/// The fixture with warnings (indentation slips, a required path naming no field), and
/// how many the library finds in it.
fn warned() -> (std::path::PathBuf, usize) {
    let dir = fixtures().join("dialect");
    let loaded = wixgen::read_specs(&dir).unwrap();
    assert!(!loaded.has_errors());
    let warnings = loaded.warning_count();
    assert!(warnings > 0, "the fixture must have warnings");
    (dir, warnings)
}

#[test]
fn deny_warnings_fails_check_generate_and_regenerate_and_writes_nothing() {
    let (pages, warnings) = warned();
    let pages = pages.to_str().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let here = tmp.path();

    // Without the flag: success, and the summary line counts the warnings (as
    // `Loaded::tally` writes the count: `1 warning`, `4 warnings`).
    let counted = if warnings == 1 { "no errors, 1 warning,".to_string() } else { format!("no errors, {warnings} warnings,") };
    let (code, _, stderr) = wixgen_in(here, &["check", pages]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains(&counted), "{stderr}");
    let (code, stdout, stderr) = wixgen_in(here, &[pages, "--out", "plain"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains(&counted), "{stdout}");

    // With it: failure, said, nothing written.
    let denied = format!("{warnings} warning(s) in {pages}, denied by --deny-warnings");
    for args in [
        &["check", pages, "--deny-warnings"][..],
        &["--deny-warnings", "check", pages],
        &["generate", pages, "--out", "crate", "--deny-warnings"],
        &[pages, "--out", "module", "--deny-warnings"],
    ] {
        let (code, _, stderr) = wixgen_in(here, args);
        assert_eq!(code, 1, "{args:?}: {stderr}");
        assert!(stderr.contains(&denied), "{args:?}: {stderr}");
    }
    assert!(!here.join("crate").exists() && !here.join("module").exists(), "written despite --deny-warnings");

    // Pages without warnings pass.
    let quiet = fixtures().join("quirks");
    let (code, _, stderr) = wixgen_in(here, &["check", quiet.to_str().unwrap(), "--deny-warnings"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("no errors, 0 warnings,"), "{stderr}");
}

/// The default regeneration of a checkout: one API with warnings stops every crate.
#[test]
fn deny_warnings_stops_the_whole_checkout() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    fake_checkout(root, &[("plants", &fixtures().join("dialect")), ("notes", &fixtures().join("quirks"))]);
    let before = tree(&root.join("generated"));
    let (code, _, stderr) = wixgen_in(root, &["--deny-warnings"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("denied by --deny-warnings"), "{stderr}");
    assert!(tree(&root.join("generated")) == before, "written despite --deny-warnings");
    let (code, _, stderr) = wixgen_in(root, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(root.join("generated/notes/src/api/types.rs").is_file());
}

#[test]
fn builder_deny_warnings_fails_the_build_script_and_writes_nothing() {
    let (pages, warnings) = warned();
    let tmp = tempfile::tempdir().unwrap();
    let result = wixgen::Builder::new().spec_dir(&pages).out_dir(tmp.path()).quiet().deny_warnings().generate();
    match result {
        Err(wixgen::generate::Error::Warnings(loaded)) => assert_eq!(loaded.warning_count(), warnings),
        other => panic!("expected the warnings to be denied: {other:?}"),
    }
    assert!(!tmp.path().join("wix_api.rs").exists());
    let path = wixgen::Builder::new().spec_dir(&pages).out_dir(tmp.path()).quiet().generate().unwrap();
    assert!(path.is_file());
    let quiet = fixtures().join("quirks");
    assert!(wixgen::Builder::new().spec_dir(&quiet).out_dir(tmp.path()).quiet().deny_warnings().generate().is_ok());
}

fn json_lines(stdout: &str) -> Vec<serde_json::Value> {
    stdout.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line: {l:?}: {e}"))).collect()
}

/// One object a line, as the library finds them: level, message, place (and the end of the
/// underlined text), help, the human rendering; then the `finished` object.
#[test]
fn json_diagnostics_are_one_object_a_line_with_their_places() {
    let (pages, _) = warned();
    let loaded = wixgen::read_specs(&pages).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let pages = pages.to_str().unwrap();
    let (code, stdout, stderr) = wixgen_in(tmp.path(), &["check", pages, "--message-format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("-->"), "diagnostics rendered for people in JSON mode: {stderr}");
    let objects = json_lines(&stdout);
    let (last, diagnostics) = objects.split_last().unwrap();
    assert_eq!(diagnostics.len(), loaded.diagnostics.len());
    for (o, d) in diagnostics.iter().zip(&loaded.diagnostics) {
        assert_eq!(o["reason"], "diagnostic");
        assert_eq!(o["level"], "warning");
        assert_eq!(o["message"], d.message.as_str());
        assert_eq!(o["file"], format!("{pages}/{}", d.source.file));
        assert_eq!((o["line"].as_u64(), o["column"].as_u64()), (Some(d.source.line.into()), Some(d.source.column.into())));
        assert_eq!(o["help"].as_str(), d.help.as_deref());
        let rendered = wixgen::diag::render(std::slice::from_ref(d), &loaded.files, &loaded.root);
        assert_eq!(o["rendered"].as_str(), Some(rendered.trim_end()));
        if let Some(span) = &d.span {
            let file = loaded.files.iter().find(|f| f.name == span.file).unwrap();
            let (line, column) = file.line_col(span.end);
            assert_eq!((o["end_line"].as_u64(), o["end_column"].as_u64()), (Some(line.into()), Some(column.into())));
        }
    }
    assert_eq!(*last, serde_json::json!({"reason": "finished", "success": true, "errors": 0, "warnings": diagnostics.len()}));
}

/// Errors too, and regeneration and `generate` keep standard output JSON only (what they
/// write is told on standard error).
#[test]
fn json_mode_keeps_standard_output_json_for_every_command() {
    let (pages, warnings) = warned();
    let pages = pages.to_str().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    for args in [&[pages, "--out", "module", "--message-format", "json"][..], &["generate", pages, "--out", "crate", "--message-format", "json"]] {
        let (code, stdout, stderr) = wixgen_in(tmp.path(), args);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        let objects = json_lines(&stdout);
        assert_eq!(objects.len(), warnings + 1, "{stdout}");
        assert_eq!(objects.last().unwrap()["success"], true);
        assert!(stderr.contains("file(s) written"), "{stderr}");
    }

    let bad = tmp.path().join("bad");
    std::fs::create_dir_all(&bad).unwrap();
    std::fs::write(bad.join("page.md"), "# Package: nothing\n").unwrap();
    let (code, stdout, _) = wixgen_in(tmp.path(), &["check", "bad", "--message-format", "json"]);
    assert_eq!(code, 1);
    let objects = json_lines(&stdout);
    assert_eq!(objects[0]["level"], "error");
    assert_eq!(objects[0]["file"], "bad/page.md");
    assert_eq!(*objects.last().unwrap(), serde_json::json!({"reason": "finished", "success": false, "errors": 1, "warnings": 0}));
}
