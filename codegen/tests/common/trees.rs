//! Directory trees for the tests that run wixgen on copies: copying, listing and reading
//! them, and telling apart what a run of wixgen left mid-way.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use wixgen::write::LOCK_FILE;

/// The checkout these tests belong to.
pub fn checkout() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

pub fn copy_tree(from: &Path, to: &Path) {
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

/// Every file below `dir`, relative, `/`-separated, sorted.
pub fn files_under(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                found.push(p.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/"));
            }
        }
    }
    found.sort();
    found
}

/// Paths below `dir` whose names say a run of wixgen left them mid-way (temporary files,
/// staged or retired directories, a swap journal), not descending into them. The lock
/// file a killed run leaves is not one: the lock is the process's, gone with it, and the
/// file is reused (and removed) by the next run.
pub fn leftovers(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries {
            let p = e.unwrap().path();
            let rel = p.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            if name == LOCK_FILE {
                continue;
            }
            if name.contains("wixgen-") {
                found.push(rel);
            } else if p.is_dir() {
                stack.push(p);
            }
        }
    }
    found.sort();
    found
}

/// The files below `dir` (relative path → text) that are not leftovers nor a lock file;
/// empty if `dir` does not exist.
pub fn tree(dir: &Path) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    if !dir.exists() {
        return found;
    }
    let left = leftovers(dir);
    for rel in files_under(dir) {
        if rel.rsplit('/').next() == Some(LOCK_FILE) {
            continue;
        }
        if !left.iter().any(|l| rel == *l || rel.starts_with(&format!("{l}/"))) {
            found.insert(rel.clone(), std::fs::read_to_string(dir.join(&rel)).unwrap());
        }
    }
    found
}

/// What a crash may leave in a crate. Before the swap is committed (no journal): the crate
/// entirely as the old run left it, or entirely new (the swap is over). Committed, mid-swap:
/// `src/api` (as a whole) and every other file each old or new, `src/api` missing only while
/// the complete new one is staged beside it; the next run finishes it. Returns whether the
/// crate is (or, committed, will be) the new one.
pub fn assert_old_or_new(out: &Path, old: &Path, new: &Path, committed: bool, when: &str) -> bool {
    let (old, new) = (tree(old), tree(new));
    let now = tree(out);
    if !committed {
        let mixed: Vec<&String> =
            now.keys().chain(new.keys()).filter(|rel| now.get(*rel) != old.get(*rel) && now.get(*rel) != new.get(*rel)).collect();
        assert!(now == old || now == new, "{when}: uncommitted, the crate is neither the old nor the new one: {mixed:?} differ from both");
        return now == new && now != old;
    }
    let part = |tree: &BTreeMap<String, String>| -> BTreeMap<String, String> {
        tree.iter().filter_map(|(rel, text)| Some((rel.strip_prefix("src/api/")?.to_string(), text.clone()))).collect()
    };
    let api = part(&now);
    if out.join("src/api").exists() {
        assert!(api == part(&old) || api == part(&new), "{when}: src/api is neither the old nor the new one: {:?}", api.keys().collect::<Vec<_>>());
    } else {
        let staged = tree(&out.join("src/.api.wixgen-new"));
        assert!(staged == part(&new), "{when}: src/api is missing and the staged one is not the new one");
    }
    for (rel, text) in now.iter().filter(|(rel, _)| !rel.starts_with("src/api/")) {
        assert!(old.get(rel) == Some(text) || new.get(rel) == Some(text), "{when}: {rel} is neither old nor new");
    }
    true
}

/// A checkout of wixgen's shape in `root`: a `Cargo.toml`, `specs/<api>/` for each API
/// (copied from the given folders of pages), and for each a crate `wix-<api>` under
/// `generated/<api>/`, beside the shared ID crate `wix-ids` in `generated/ids/`. Only
/// manifests: wixgen writes the rest.
pub fn fake_checkout(root: &Path, apis: &[(&str, &Path)]) {
    std::fs::create_dir_all(root).unwrap();
    std::fs::write(root.join("Cargo.toml"), "[workspace]\n").unwrap();
    for (api, pages) in apis {
        copy_tree(pages, &root.join("specs").join(api));
        manifest(&root.join("generated").join(api), &format!("wix-{api}"));
    }
    manifest(&root.join("generated/ids"), "wix-ids");
}

fn manifest(dir: &Path, name: &str) {
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(dir.join("Cargo.toml"), format!("[package]\nname = \"{name}\"\nversion = \"0.1.0\"\n")).unwrap();
    std::fs::write(dir.join("src/lib.rs"), "mod api;\n").unwrap();
}
