//! The `wixgen ir` and `wixgen check` commands, run as a user runs them.

use std::path::Path;
use std::process::Command;

fn wixgen(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_wixgen")).args(args).output().expect("wixgen runs");
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn specs() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/inbox").display().to_string()
}

#[test]
fn ir_prints_the_whole_api_as_json() {
    let (code, stdout, stderr) = wixgen(&["ir", &specs()]);
    assert_eq!(code, 0, "{stderr}");
    let ir: serde_json::Value = serde_json::from_str(&stdout).expect("stdout is JSON");
    assert_eq!(ir["methods"].as_object().unwrap().len(), 4);
    assert_eq!(ir["events"].as_object().unwrap().len(), 4);
    // The same bytes as the library gives, so the snapshot test covers the command too.
    let api = wixgen::read_specs(Path::new(&specs())).unwrap().api;
    assert_eq!(stdout.trim_end(), serde_json::to_string_pretty(&api).unwrap());
}

#[test]
fn check_passes_on_the_specs_and_fails_on_a_bad_page_naming_it() {
    let (code, _, stderr) = wixgen(&["check", &specs()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("4 method(s), 4 event(s)"), "{stderr}");

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.md"), "# Package: notes\n").unwrap();
    std::fs::write(dir.path().join("empty.md"), "").unwrap();
    let root = dir.path().display().to_string();
    let (code, stdout, stderr) = wixgen(&["check", &root]);
    assert_eq!(code, 1);
    assert_eq!(stdout, "");
    // Both problems are reported, each with its file, line and column and the source line.
    assert!(stderr.contains(&format!("--> {root}/bad.md:1:1")), "{stderr}");
    assert!(stderr.contains("1 | # Package: notes"), "{stderr}");
    assert!(stderr.contains(&format!("{root}/empty.md:1:1")), "{stderr}");
    assert!(stderr.contains("error: 2 error(s)"), "{stderr}");
}

/// A check that left content out says so in its summary line, however clean it is
/// otherwise.
#[test]
fn the_summary_counts_warnings_and_the_entries_left_out() {
    let (_, _, stderr) = wixgen(&["check", &specs()]);
    assert!(stderr.trim_end().ends_with("; no errors, 0 warnings, 0 entries dropped"), "{stderr}");

    let dir = tempfile::tempdir().unwrap();
    let page = "# Resource: Trees
# Type: Tree Object
# Link: x
## Schema:
```
 Type: Tree Object | type: Tree
  - name: height | type: number
     - name: unit | type: string
     - name: precision | type: integer
  this line means nothing
```
";
    std::fs::write(dir.path().join("tree.md"), page).unwrap();
    let (code, _, stderr) = wixgen(&["check", &dir.path().display().to_string()]);
    assert_eq!(code, 0, "{stderr}");
    let summary = stderr.trim_end().lines().last().unwrap();
    assert!(summary.ends_with("; no errors, 2 warnings, 3 entries dropped"), "{summary}");
}

#[test]
fn a_missing_directory_is_an_error_not_a_panic() {
    let (code, _, stderr) = wixgen(&["ir", "/nonexistent/wixgen-specs"]);
    assert_eq!(code, 1);
    assert!(stderr.starts_with("error: cannot read /nonexistent/wixgen-specs:"), "{stderr}");
}

/// The diagnostic the README shows is what `wixgen check` prints for the edit it names.
#[test]
fn the_readme_shows_what_check_prints() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md")).unwrap();
    let at = readme.find("Problems in the pages are reported").expect("the diagnostics section");
    let block = &readme[at..];
    let block = &block[block.find("```text\n").expect("a text block") + 8..];
    let shown = &block[..block.find("```").unwrap()];

    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("specs/inbox");
    copy_tree(Path::new(&specs()), &copy);
    let page = copy.join("messages/send-message.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text.replacen("type: MessageContent", "type: MesageContent", 1)).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_wixgen")).current_dir(dir.path()).args(["check", "specs/inbox"]).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let first = &stderr[..stderr.find("\n\n").map_or(stderr.len(), |i| i + 1)];
    assert_eq!(first, shown);
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The checkout this test binary belongs to, as the command prints it.
fn checkout() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().canonicalize().unwrap()
}

fn wixgen_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_wixgen"))
        .current_dir(dir)
        .args(args)
        .env_remove(wixgen::generate::FAULT_AFTER_VAR)
        .output()
        .expect("wixgen runs");
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

/// Run outside any checkout (as `cargo run --manifest-path <checkout>/Cargo.toml -p wixgen`
/// from another directory runs it), the defaults are the checkout wixgen was built from,
/// not folders of the current directory.
#[test]
fn outside_a_checkout_the_defaults_are_the_checkout_wixgen_was_built_from() {
    let elsewhere = tempfile::tempdir().unwrap();
    let specs = checkout().join("specs/inbox").display().to_string();

    let (code, _, stderr) = wixgen_in(elsewhere.path(), &["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains(&format!("in {specs}: 4 method(s), 4 event(s)")), "{stderr}");

    let (code, stdout, stderr) = wixgen_in(elsewhere.path(), &["ir"]);
    assert_eq!(code, 0, "{stderr}");
    let ir: serde_json::Value = serde_json::from_str(&stdout).expect("stdout is JSON");
    assert_eq!(ir["methods"].as_object().unwrap().len(), 4);

    // The default regeneration, checking only (it must not write into the checkout): it
    // reads the checkout's pages and compares the checkout's crate, whatever it finds there.
    // (Whether the checkout is up to date is `generated_up_to_date`'s business.)
    let (_, stdout, stderr) = wixgen_in(elsewhere.path(), &["--check"]);
    let said = format!("{stdout}{stderr}");
    assert!(said.contains(&checkout().join("specs").display().to_string()), "{said}");
    assert!(!said.contains(&elsewhere.path().display().to_string()) && !said.contains("No such file"), "{said}");
}

/// Every command takes the folder of pages positionally, and as `--specs` (the older
/// spelling, kept), relative to the current directory.
#[test]
fn every_command_takes_the_folder_positionally_or_as_specs() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&checkout().join("codegen/tests/fixtures/dialect"), &dir.path().join("pages"));
    let run = |args: &[&str]| wixgen_in(dir.path(), args);

    let (code, stdout, stderr) = run(&["pages", "--out", "crate"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("page(s) from pages:"), "{stdout}");
    assert!(dir.path().join("crate/src/api/methods.rs").is_file());
    for args in [&["pages", "--out", "crate", "--check"][..], &["--specs", "pages", "--out", "crate", "--check"], &["--check", "--out", "crate", "pages"]] {
        let (code, _, stderr) = run(args);
        assert_eq!(code, 0, "{args:?}: {stderr}");
    }
    for command in ["check", "ir"] {
        for args in [&[command, "pages"][..], &[command, "--specs", "pages"], &["--specs", "pages", command]] {
            let (code, _, stderr) = run(args);
            assert_eq!(code, 0, "{args:?}: {stderr}");
        }
    }
    // Named twice, or before a subcommand, the folder is an error rather than ignored.
    for args in [&["pages", "--specs", "other"][..], &["check", "pages", "--specs", "other"], &["pages", "check"], &["--out", "crate", "ir"]] {
        let (code, _, stderr) = run(args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.contains("DIR"), "{stderr}");
    }
}

/// `--help` says what the defaults are and where they come from.
#[test]
fn help_names_the_defaults() {
    let elsewhere = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = wixgen_in(elsewhere.path(), &["--help"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("[DIR]"), "{stdout}");
    for needle in ["specs/inbox/", "generated/", "built from", &checkout().display().to_string()] {
        assert!(stdout.contains(needle), "--help does not say {needle:?}:\n{stdout}");
    }
}
