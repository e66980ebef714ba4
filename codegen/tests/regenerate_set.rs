//! Regenerating a checkout's crates as one set, and runs at once: `cargo run -p wixgen`
//! killed after any of its filesystem steps leaves every crate old or every crate new
//! (never `wix-ids` new and `wix-inbox` old), and a second run waits for the first.

mod common {
    pub mod trees;
}

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use common::trees::{assert_old_or_new, checkout, copy_tree, fake_checkout, leftovers, tree};
use wixgen::write::{FAULT_AFTER_VAR, JOURNAL_FILE, LOCK_FILE};

fn wixgen_in(dir: &Path, args: &[&str], fault_after: Option<usize>) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_wixgen"));
    cmd.current_dir(dir).args(args).env_remove(FAULT_AFTER_VAR);
    if let Some(n) = fault_after {
        cmd.env(FAULT_AFTER_VAR, n.to_string());
    }
    cmd.output().unwrap()
}

fn fixture(name: &str) -> std::path::PathBuf {
    checkout().join("codegen/tests/fixtures").join(name)
}

const CRATES: [&str; 3] = ["ids", "plants", "notes"];

/// A checkout with two APIs (`plants` from the dialect fixture, `notes` from the quirks
/// one) and the shared ID crate, regenerated; with `old`, each API lacks a page, which
/// changes all three crates.
fn regenerated_checkout(root: &Path, old: bool) {
    fake_checkout(root, &[("plants", &fixture("dialect")), ("notes", &fixture("quirks"))]);
    if old {
        std::fs::remove_file(root.join("specs/plants/query-plants.md")).unwrap();
        std::fs::remove_file(root.join("specs/notes/get-note.md")).unwrap();
    }
    let run = wixgen_in(root, &[], None);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
}

#[test]
fn a_checkout_regeneration_killed_at_any_step_leaves_every_crate_old_or_every_crate_new() {
    let tmp = tempfile::tempdir().unwrap();
    let (old, new) = (tmp.path().join("old"), tmp.path().join("new"));
    regenerated_checkout(&old, true);
    regenerated_checkout(&new, false);
    for name in CRATES {
        let (o, n) = (tree(&old.join("generated").join(name)), tree(&new.join("generated").join(name)));
        assert_ne!(o, n, "the change must reach generated/{name}");
    }
    let out = tmp.path().join("out");
    let mut steps = 0;
    for n in 1.. {
        assert!(n < 400, "the run never finished");
        // The old checkout's crates, the new pages.
        let _ = std::fs::remove_dir_all(&out);
        copy_tree(&old, &out);
        std::fs::remove_dir_all(out.join("specs")).unwrap();
        copy_tree(&new.join("specs"), &out.join("specs"));

        let killed = wixgen_in(&out, &[], Some(n));
        if killed.status.success() {
            steps = n - 1;
            break;
        }
        let stderr = String::from_utf8_lossy(&killed.stderr);
        assert!(stderr.contains(&format!("{FAULT_AFTER_VAR}={n}: aborting after step {n}")), "{stderr}");
        let when = format!("killed after step {n}");
        let committed = out.join("generated").join(JOURNAL_FILE).exists();
        let states: Vec<bool> = CRATES
            .iter()
            .map(|c| {
                let dir = |root: &Path| root.join("generated").join(c);
                assert_old_or_new(&dir(&out), &dir(&old), &dir(&new), committed, &format!("{when}: generated/{c}"))
            })
            .collect();
        assert!(states.iter().all(|s| *s == states[0]), "{when}: some crates are new and others old: {CRATES:?} new: {states:?}");

        // `--check` fails while anything is left over, and names it.
        let left = leftovers(&out.join("generated"));
        let check = wixgen_in(&out, &["--check"], None);
        // Old crates are stale too; new ones with nothing left over are up to date.
        if !left.is_empty() || !states[0] {
            assert!(!check.status.success(), "{when}: --check passes with {left:?} left behind");
        } else {
            assert!(check.status.success(), "{when}: --check fails on the finished run: {}", String::from_utf8_lossy(&check.stderr));
        }
        let check_err = String::from_utf8_lossy(&check.stderr);
        for l in &left {
            let name = l.rsplit('/').next().unwrap();
            assert!(check_err.contains(name), "{when}: --check does not name {l}:\n{check_err}");
        }

        // The next run finishes (or undoes) the swap and writes the new crates.
        let rerun = wixgen_in(&out, &[], None);
        assert!(rerun.status.success(), "{when}: the next run fails:\n{}", String::from_utf8_lossy(&rerun.stderr));
        assert_eq!(leftovers(&out), Vec::<String>::new(), "{when}: the next run leaves these");
        assert!(tree(&out.join("generated")) == tree(&new.join("generated")), "{when}: the next run does not give the new crates");
        let check = wixgen_in(&out, &["--check"], None);
        assert!(check.status.success(), "{when}: --check after the next run:\n{}", String::from_utf8_lossy(&check.stderr));
    }
    assert!(steps >= 12, "only {steps} step(s)");
}

/// A run that finds the output directory locked says so and waits: it writes nothing until
/// the lock is released, then finishes.
#[test]
fn a_second_run_waits_for_the_lock_and_writes_nothing_meanwhile() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("crate");
    std::fs::create_dir_all(&out).unwrap();
    // Held as another wixgen run holds it.
    let lock = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(out.join(LOCK_FILE)).unwrap();
    lock.lock().unwrap();

    let pages = fixture("dialect");
    let mut child = Command::new(env!("CARGO_BIN_EXE_wixgen"))
        .args([pages.as_os_str(), "--out".as_ref(), out.as_os_str()])
        .env_remove(FAULT_AFTER_VAR)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut said = String::new();
    loop {
        let mut line = String::new();
        if stderr.read_line(&mut line).unwrap() == 0 || line.contains("waiting") {
            said.push_str(&line);
            break;
        }
        said.push_str(&line);
    }
    assert!(said.contains("waiting for another wixgen run"), "the run did not wait for the lock: {said}");
    assert!(said.contains(LOCK_FILE), "{said}");
    assert!(!out.join("src").exists(), "written while another run holds the lock");

    lock.unlock().unwrap();
    drop(lock);
    let status = child.wait().unwrap();
    assert!(status.success());
    assert!(out.join("src/api/types.rs").is_file());
    assert!(!out.join(LOCK_FILE).exists(), "the lock file is removed at the end");
}

/// Runs at once, half of them writing the old bindings and half the new: every run
/// succeeds, and the crate is the old one or the new one, complete, with nothing left.
#[test]
fn runs_at_once_leave_the_old_or_the_new_crate_complete() {
    let tmp = tempfile::tempdir().unwrap();
    let new_specs = fixture("dialect");
    let old_specs = tmp.path().join("old-specs");
    copy_tree(&new_specs, &old_specs);
    std::fs::remove_file(old_specs.join("query-plants.md")).unwrap();
    let (old, new) = (tmp.path().join("old"), tmp.path().join("new"));
    for (specs, dir) in [(&old_specs, &old), (&new_specs, &new)] {
        let run = wixgen_in(tmp.path(), &[specs.to_str().unwrap(), "--out", dir.to_str().unwrap()], None);
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    }
    let out = tmp.path().join("out");
    for round in 0..3 {
        let children: Vec<_> = (0..6)
            .map(|i| {
                let specs = if i % 2 == 0 { &old_specs } else { &new_specs };
                Command::new(env!("CARGO_BIN_EXE_wixgen"))
                    .args([specs.as_os_str(), "--out".as_ref(), out.as_os_str()])
                    .env_remove(FAULT_AFTER_VAR)
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let done = child.wait_with_output().unwrap();
            assert!(done.status.success(), "round {round}: a run failed:\n{}", String::from_utf8_lossy(&done.stderr));
        }
        let now = tree(&out);
        assert!(now == tree(&old) || now == tree(&new), "round {round}: the crate is neither old nor new: {:?}", now.keys().collect::<Vec<_>>());
        assert_eq!(leftovers(&out), Vec::<String>::new(), "round {round}");
        assert!(!out.join(LOCK_FILE).exists(), "round {round}");
    }
}
