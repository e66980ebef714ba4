//! The command where a new user first trips: writing where they did not ask (another API's
//! pages into the checkout's bindings), a closed pipe, `help --help`, options a subcommand
//! lists but refuses.

mod common {
    pub mod trees;
}

use std::path::Path;
use std::process::{Command, Stdio};

use common::trees::{checkout, copy_tree, fake_checkout, tree};
use wixgen::write::FAULT_AFTER_VAR;

fn wixgen_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_wixgen")).current_dir(dir).args(args).env_remove(FAULT_AFTER_VAR).output().expect("wixgen runs");
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn fixture(name: &str) -> std::path::PathBuf {
    checkout().join("codegen/tests/fixtures").join(name)
}

/// A regenerated checkout in `root` with one API, `plants`, and a folder of another API's
/// pages in `root/work/pages`.
fn checkout_with_other_pages(root: &Path) {
    fake_checkout(root, &[("plants", &fixture("dialect"))]);
    let (code, _, stderr) = wixgen_in(root, &[]);
    assert_eq!(code, 0, "{stderr}");
    copy_tree(&fixture("quirks"), &root.join("work/pages"));
}

/// The reported case: `wixgen pages/` with no subcommand and no `--out`, the default crate
/// being the checkout's, overwrote it with the other pages' bindings.
#[test]
fn regenerating_the_checkouts_bindings_from_other_pages_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    checkout_with_other_pages(root);
    let before = tree(&root.join("generated"));
    let work = root.join("work");
    for args in [&["pages"][..], &["pages", "--out", "../generated/plants"], &["pages", "--out", "../generated/ids"], &["pages", "--out", "../generated"]] {
        let (code, stdout, stderr) = wixgen_in(&work, args);
        assert_eq!(code, 1, "{args:?} is not refused: {stdout}{stderr}");
        assert!(stderr.contains("wixgen generate pages --out"), "{args:?}: the refusal does not name `generate --out`: {stderr}");
        assert!(stderr.contains("Nothing written"), "{stderr}");
        assert!(tree(&root.join("generated")) == before, "{args:?}: the checkout's bindings changed");
    }
    // The checkout's own folder of pages, named for its own crate, regenerates the checkout
    // (its crates share their ID types, so all of them).
    let (code, _, stderr) = wixgen_in(&work, &["../specs/plants", "--out", "../generated/plants"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("regenerating all of them"), "{stderr}");
    assert!(tree(&root.join("generated")) == before);
    // Any other directory is the user's to write.
    let (code, _, stderr) = wixgen_in(&work, &["pages", "--out", "mine"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(work.join("mine/src/api/types.rs").is_file());
}

/// The same from outside any checkout, where the default crate is the one of the checkout
/// wixgen was built from (checked only, so that nothing there can change).
#[test]
fn outside_a_checkout_other_pages_do_not_reach_the_checkout_it_was_built_from() {
    let elsewhere = tempfile::tempdir().unwrap();
    copy_tree(&fixture("quirks"), &elsewhere.path().join("pages"));
    let (code, stdout, stderr) = wixgen_in(elsewhere.path(), &["pages", "--check"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(stderr.contains("wixgen generate pages --out"), "{stderr}");
    assert!(!stderr.contains("out of date"), "compared with the checkout's bindings: {stderr}");
}

/// `generate` writes a whole crate, manifest and `lib.rs` included: never over a crate of
/// the checkout, whose are hand-written.
#[test]
fn generate_refuses_a_crate_of_the_checkout() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    checkout_with_other_pages(root);
    let before = tree(&root.join("generated"));
    let (code, _, stderr) = wixgen_in(&root.join("work"), &["generate", "pages", "--out", "../generated/plants"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("hand-written Cargo.toml"), "{stderr}");
    assert!(tree(&root.join("generated")) == before);
}

/// `wixgen ir | head`: the reader goes away; wixgen ends without a panic. So does a
/// regeneration whose report nobody reads, its work done.
#[test]
fn ir_into_a_closed_pipe_ends_quietly() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("crate");
    let specs = checkout().join("specs/inbox");
    let pages = fixture("dialect");
    for args in [vec!["ir", specs.to_str().unwrap()], vec![pages.to_str().unwrap(), "--out", out.to_str().unwrap()]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_wixgen")).args(&args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        // Closed before wixgen writes: its first write fails.
        drop(child.stdout.take());
        let done = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&done.stderr);
        assert_eq!(done.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
    assert!(out.join("src/api/types.rs").is_file());
}

#[test]
fn help_describes_itself_and_the_subcommands() {
    let here = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = wixgen_in(here.path(), &["help", "--help"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("Usage: wixgen help"), "{stdout}");
    let (code, stdout, stderr) = wixgen_in(here.path(), &["help", "check"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("Usage: wixgen check"), "{stdout}");
    let (code, stdout, _) = wixgen_in(here.path(), &["help"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("Usage: wixgen [OPTIONS] [DIR] [COMMAND]"), "{stdout}");
    let (code, _, stderr) = wixgen_in(here.path(), &["help", "nonesuch"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("nonesuch"), "{stderr}");
}

/// `pull` takes its folder as `--into`: its help does not offer `--specs`, and `--specs`
/// with it is refused, before or after it.
#[cfg(feature = "pull")]
#[test]
fn pull_neither_lists_nor_takes_specs() {
    let here = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = wixgen_in(here.path(), &["pull", "--help"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("--into"), "{stdout}");
    assert!(!stdout.contains("--specs"), "pull --help lists --specs:\n{stdout}");
    for args in [&["--specs", "x", "pull", "https://example.invalid/a"][..], &["pull", "--specs", "x", "https://example.invalid/a"]] {
        let (code, _, stderr) = wixgen_in(here.path(), args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.contains("--specs"), "{stderr}");
    }
}

/// A `NOTES.md` or `README.md` beside the pages is skipped with a note (it was a hard
/// error); `ignore` in `wixgen.toml` skips files without one; a folder with no page at all
/// is still an error.
#[test]
fn files_that_are_not_pages_are_skipped_with_a_note_or_ignored() {
    let tmp = tempfile::tempdir().unwrap();
    let pages = tmp.path().join("pages");
    copy_tree(&fixture("quirks"), &pages);
    std::fs::write(pages.join("NOTES.md"), "# Notes\nSaved from the docs on Monday; two pages still to fetch.\n").unwrap();
    std::fs::create_dir_all(pages.join("drafts")).unwrap();
    std::fs::write(pages.join("drafts/README.md"), "# Drafts\n\nPages being written.\n").unwrap();
    let expected = wixgen::read_specs(&fixture("quirks")).unwrap();

    let (code, _, stderr) = wixgen_in(tmp.path(), &["check", "pages", "--deny-warnings"]);
    assert_eq!(code, 0, "{stderr}");
    for file in ["pages/NOTES.md", "pages/drafts/README.md"] {
        assert!(stderr.contains("note: not a Wix reference page") && stderr.contains(&format!("--> {file}")), "{file}: {stderr}");
    }
    assert!(stderr.contains(&format!("{} method(s)", expected.api.methods.len())), "{stderr}");
    let (code, _, stderr) = wixgen_in(tmp.path(), &["generate", "pages", "--out", "crate"]);
    assert_eq!(code, 0, "{stderr}");

    // Listed under `ignore`, they are skipped without a note; a pattern matching nothing warns.
    std::fs::write(pages.join("wixgen.toml"), "ignore = [\"NOTES.md\", \"drafts/**\", \"gone.md\"]\n").unwrap();
    let (code, _, stderr) = wixgen_in(tmp.path(), &["check", "pages"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("note:"), "{stderr}");
    assert!(stderr.contains("warning: `ignore` entry `gone.md` matches no file") && stderr.contains("--> pages/wixgen.toml:1:"), "{stderr}");
    // Ignored, a file that is a page is not read either.
    std::fs::write(pages.join("wixgen.toml"), "ignore = [\"NOTES.md\", \"drafts/**\", \"get-note.md\"]\n").unwrap();
    let loaded = wixgen::read_specs(&pages).unwrap();
    assert!(loaded.files.iter().all(|f| f.name != "get-note.md" && f.name != "NOTES.md"));
    assert!(loaded.skipped.is_empty());
    assert!(loaded.api.methods.len() < expected.api.methods.len());

    // A folder of notes only: nothing to skip to, so each file is an error.
    let notes = tmp.path().join("notes");
    std::fs::create_dir_all(&notes).unwrap();
    std::fs::write(notes.join("README.md"), "# Notes\n").unwrap();
    let (code, _, stderr) = wixgen_in(tmp.path(), &["check", "notes"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("cannot tell what kind of page this is") && stderr.contains("--> notes/README.md:1:1"), "{stderr}");
}
