//! Regenerating every API of a checkout at once: each folder of `specs/` into the crate
//! of its bindings, and the ID types the APIs share into the `wix-ids` crate, so that a
//! `ContactId` read from the Contacts API is the `ContactId` the Inbox API takes.
//!
//! Which crate an API folder goes to is found by name, not configured: the folder
//! `specs/<api>/` is regenerated into whichever of `generated/Cargo.toml` and
//! `generated/*/Cargo.toml` is the package `wix-<api>`; a folder with no such crate is
//! skipped (and said so). The shared crate is the package `wix-ids`, if there is one.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::apply::{self, Prepared};
use crate::messages::{Messages, Options};
use crate::settings::Settings;

/// The path generated code uses for the shared ID crate.
pub const SHARED_IDS_PATH: &str = "::wix_ids";

/// One API of the checkout: its pages and its crate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// The folder's name (`inbox`).
    pub api: String,
    pub spec_dir: PathBuf,
    /// The bindings crate's root (its `Cargo.toml`'s directory).
    pub out_dir: PathBuf,
}

/// The checkout's crates, by package name: `generated/` and each directory below it.
fn crates(root: &Path) -> Vec<(String, PathBuf)> {
    let generated = root.join("generated");
    let mut dirs = vec![generated.clone()];
    if let Ok(entries) = std::fs::read_dir(&generated) {
        let mut subs: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect();
        subs.sort();
        dirs.extend(subs);
    }
    dirs.into_iter()
        .filter_map(|dir| {
            let text = std::fs::read_to_string(dir.join("Cargo.toml")).ok()?;
            let manifest: toml::Table = toml::from_str(&text).ok()?;
            let name = manifest.get("package")?.get("name")?.as_str()?.to_string();
            Some((name, dir))
        })
        .collect()
}

/// Every API folder of `root/specs` that has a crate, in name order, and the shared ID
/// crate's directory if the checkout has one.
pub fn targets(root: &Path) -> (Vec<Target>, Vec<String>, Option<PathBuf>) {
    let crates = crates(root);
    let find = |name: &str| crates.iter().find(|(n, _)| n == name).map(|(_, d)| d.clone());
    let mut apis: Vec<PathBuf> = std::fs::read_dir(root.join("specs"))
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect())
        .unwrap_or_default();
    apis.sort();
    let mut targets = Vec::new();
    let mut skipped = Vec::new();
    for spec_dir in apis {
        let api = spec_dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        match find(&format!("wix-{api}")) {
            Some(out_dir) => targets.push(Target { api, spec_dir, out_dir }),
            None => skipped.push(api),
        }
    }
    (targets, skipped, find("wix-ids"))
}

/// `cargo run -p wixgen` in a checkout: regenerate (or with `check`, compare) every API's
/// bindings and the shared ID crate. Nothing is written unless every API reads without
/// errors; then every crate is written as one set, all old or all new if the run is
/// stopped (the swap journal in `generated/`; see [`crate::write`]).
pub fn regenerate_all(root: &Path, check: bool) -> ExitCode {
    regenerate_all_with(root, check, Options::default())
}

/// [`regenerate_all`], reporting as `options` say (`--message-format`, `--deny-warnings`).
pub fn regenerate_all_with(root: &Path, check: bool, options: Options) -> ExitCode {
    let mut messages = Messages::new(options);
    let ok = regenerate_set(root, check, &mut messages);
    messages.finish(ok);
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The directory of a checkout that holds its crates, and their swap journal.
pub fn journal_dir(root: &Path) -> PathBuf {
    root.join("generated")
}

fn regenerate_set(root: &Path, check: bool, messages: &mut Messages) -> bool {
    let (targets, skipped, ids_dir) = targets(root);
    for api in &skipped {
        eprintln!("note: specs/{api}/ has no crate named `wix-{api}` under generated/; skipped");
    }
    if targets.is_empty() {
        eprintln!("error: no API folder under {} has a bindings crate", root.join("specs").display());
        return false;
    }
    // Every API is read and reported before anything is decided.
    let mut loaded = Vec::new();
    let mut readable = true;
    for t in &targets {
        match crate::read_specs(&t.spec_dir) {
            Ok(l) => {
                messages.loaded(&l);
                if l.has_errors() {
                    eprintln!("error: {} error(s) in {}", l.error_count(), t.spec_dir.display());
                    readable = false;
                } else {
                    messages.say(&crate::generate::summary(&l, &t.spec_dir));
                    readable &= !messages.denies(&l, "nothing is written");
                }
                loaded.push(l);
            }
            Err(e) => {
                eprintln!("error: cannot read {}: {e}", t.spec_dir.display());
                readable = false;
            }
        }
    }
    if !readable {
        eprintln!("error: nothing written to {}", journal_dir(root).display());
        return false;
    }
    let mut crates = Vec::new();
    if let Some(ids_dir) = &ids_dir {
        let apis: Vec<(&str, &crate::ir::Api)> = targets.iter().map(|t| t.api.as_str()).zip(loaded.iter().map(|l| &l.api)).collect();
        let settings = Settings::default().with_spec_dir(root.join("specs")).with_out_dir(ids_dir).with_module_doc(
            "The ID types of every API, generated from their reference pages: one type per kind of entity, shared by the APIs' crates.",
        );
        match crate::emit::emit_shared_ids(&apis, &settings) {
            Ok(output) => crates.push(Prepared {
                source: format!("the pages of {} API(s)", targets.len()),
                out_dir: ids_dir.clone(),
                output,
                managed: settings.managed_dir().map(str::to_string),
            }),
            Err(diags) => {
                messages.diagnostics(&diags, &[], "");
                eprintln!("error: cannot generate the shared ID types; nothing written");
                return false;
            }
        }
    }
    // A kind one API says cannot be obtained has no literal macro in the shared crate.
    let decode_only: Vec<String> = loaded
        .iter()
        .flat_map(|l| l.api.participant_kinds.iter().filter(|p| !p.obtainable).map(|p| p.id_kind.clone()))
        .collect();
    for (t, l) in targets.iter().zip(&loaded) {
        let mut settings = Settings::default()
            .with_spec_dir(&t.spec_dir)
            .with_out_dir(&t.out_dir)
            .with_api_name(&t.api)
            .with_doc_crate(format!("wix-{}", t.api));
        if ids_dir.is_some() {
            settings = settings.with_shared_ids(SHARED_IDS_PATH).with_decode_only_ids(decode_only.iter().cloned());
        }
        match crate::generate::emit_loaded(l, &settings) {
            Ok(output) => crates.push(Prepared {
                source: t.spec_dir.display().to_string(),
                out_dir: t.out_dir.clone(),
                output,
                managed: settings.managed_dir().map(str::to_string),
            }),
            Err(diags) => {
                messages.diagnostics(&diags, &l.files, &l.root);
                eprintln!("error: cannot generate bindings from {}; nothing written", t.spec_dir.display());
                return false;
            }
        }
    }
    if check {
        apply::check(&crates, Some(&journal_dir(root)), messages)
    } else {
        apply::write(&journal_dir(root), &crates, messages)
    }
}
