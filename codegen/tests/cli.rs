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
    std::fs::write(dir.path().join("bad.md"), "# Hello\n").unwrap();
    std::fs::write(dir.path().join("empty.md"), "").unwrap();
    let root = dir.path().display().to_string();
    let (code, stdout, stderr) = wixgen(&["check", &root]);
    assert_eq!(code, 1);
    assert_eq!(stdout, "");
    // Both problems are reported, each with its file, line and column and the source line.
    assert!(stderr.contains(&format!("--> {root}/bad.md:1:1")), "{stderr}");
    assert!(stderr.contains("1 | # Hello"), "{stderr}");
    assert!(stderr.contains(&format!("{root}/empty.md:1:1")), "{stderr}");
    assert!(stderr.contains("error: 2 error(s)"), "{stderr}");
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
