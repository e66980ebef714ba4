//! Crates written by `wixgen generate`, built as a user builds them, in one nested cargo
//! workspace each (target directory `<target>/generated-crates`, under `CARGO_TARGET_DIR`
//! when it is set):
//!
//! - every API of `../shared/wix-corpus/` that reads without errors gets a crate with its
//!   typed client and webhook decoding, and the crates compile without a single warning
//!   with their default features (`client`, `webhooks`), with none, and with each alone;
//! - an ID read through a generated Contacts crate goes into `wix-inbox` unchanged (the
//!   crate re-exports `wix_ids::ContactId`), and with `[ids-crate] path = false` in
//!   `wixgen.toml` it does not (the crate declares its own): the check can fail.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// Where the nested builds put their artifacts: `generated-crates` in the target
/// directory this test was built into (`CARGO_TARGET_DIR`, relative to the workspace
/// when relative; else the workspace's `target/`), shared with the other nested builds
/// of generated crates so that their dependencies are compiled once.
fn target_dir() -> PathBuf {
    let base = match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => workspace().join(dir),
        None => workspace().join("target"),
    };
    base.join("generated-crates")
}

/// `wixgen generate DIR --out OUT --name NAME`; the output when it fails.
fn generate(pages: &Path, out: &Path, name: &str) -> Result<(), String> {
    let run = Command::new(env!("CARGO_BIN_EXE_wixgen"))
        .arg("generate")
        .arg(pages)
        .arg("--out")
        .arg(out)
        .args(["--name", name, "--runtime"])
        .arg(workspace().join("runtime"))
        .output()
        .unwrap();
    if run.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&run.stderr).into_owned())
    }
}

/// Makes `dir` a workspace of `members`: each generated crate's own `[workspace]`
/// table (which makes it a workspace of its own wherever it is written) is taken out.
fn workspace_of(dir: &Path, members: &[&str]) {
    for member in members {
        let manifest = dir.join(member).join("Cargo.toml");
        let text = std::fs::read_to_string(&manifest).unwrap();
        std::fs::write(&manifest, text.replace("\n[workspace]\n", "\n")).unwrap();
    }
    let list: Vec<String> = members.iter().map(|m| format!("\"{m}\"")).collect();
    std::fs::write(dir.join("Cargo.toml"), format!("[workspace]\nresolver = \"2\"\nmembers = [{}]\n", list.join(", "))).unwrap();
    // The workspace's versions: no network, and dependencies compiled once.
    std::fs::copy(workspace().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
}

fn cargo(dir: &Path, args: &[&str]) -> Output {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    Command::new(cargo)
        .current_dir(dir)
        .args(args)
        .arg("--offline")
        .env("CARGO_TARGET_DIR", target_dir())
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap()
}

#[test]
fn corpus_crates_compile_without_warnings_in_every_configuration() {
    let corpus = workspace().join("../shared/wix-corpus");
    if !corpus.is_dir() {
        println!("skipped: {} is not there (the shared reference material)", corpus.display());
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let mut apis: Vec<PathBuf> = std::fs::read_dir(&corpus).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    apis.sort();
    let mut members = Vec::new();
    let mut unread = Vec::new();
    for api in &apis {
        let folder = api.file_name().unwrap().to_string_lossy().into_owned();
        let words: Vec<&str> = folder.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
        let name = format!("corpus-{}", words.join("-").to_ascii_lowercase());
        match generate(api, &tmp.path().join(&name), &name) {
            Ok(()) => members.push(name),
            // The reader's and the emitter's business, not this test's: APIs they cannot
            // handle yet are listed.
            Err(_) => unread.push(folder),
        }
    }
    println!("{} corpus APIs read: {members:?}; not generated (errors in the pages, or a construct the emitter cannot express): {unread:?}", members.len());
    assert!(members.len() >= 5, "too few corpus APIs read to test anything: {members:?}");

    // Every API that reads has a typed method for each method and a decoder for each event.
    for member in &members {
        let client = std::fs::read_to_string(tmp.path().join(member).join("src/api/client.rs")).unwrap_or_default();
        let webhook = std::fs::read_to_string(tmp.path().join(member).join("src/api/webhook.rs")).unwrap_or_default();
        let lib = std::fs::read_to_string(tmp.path().join(member).join("src/lib.rs")).unwrap();
        let methods = count_after(&lib, "Wix API reference pages: ", " method(s)");
        let events = count_after(&lib, "method(s), ", " webhook event(s)");
        let typed = client.lines().filter(|l| l.starts_with("//! | `")).count();
        assert_eq!(typed, methods, "{member}: {methods} method(s), {typed} typed");
        let decoded = webhook.lines().filter(|l| l.starts_with("//! | ") && l.contains("| `")).count();
        assert_eq!(decoded, events, "{member}: {events} event(s), {decoded} decoded");
    }

    let names: Vec<&str> = members.iter().map(String::as_str).collect();
    workspace_of(tmp.path(), &names);
    for features in [&[][..], &["--no-default-features"], &["--no-default-features", "--features", "client"], &["--no-default-features", "--features", "webhooks"]] {
        let args: Vec<&str> = ["check", "--workspace", "--lib"].iter().copied().chain(features.iter().copied()).collect();
        let out = cargo(tmp.path(), &args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "cargo {}:\n{stderr}", args.join(" "));
        assert!(!stderr.contains("warning"), "cargo {} warned:\n{stderr}", args.join(" "));
    }
}

/// The number between `before` and `after` in `text`.
fn count_after(text: &str, before: &str, after: &str) -> usize {
    let start = text.find(before).map(|i| i + before.len()).expect(before);
    let end = text[start..].find(after).map(|i| start + i).expect(after);
    text[start..end].trim().parse().unwrap()
}

#[test]
fn an_id_from_a_generated_crate_goes_into_wix_inbox_unchanged() {
    let tmp = tempfile::tempdir().unwrap();
    let specs = workspace().join("specs/contacts");
    // The same pages twice: as `wixgen generate` writes them (IDs from wix-ids), and
    // with every ID type declared in the crate itself.
    generate(&specs, &tmp.path().join("shared-contacts"), "shared-contacts").unwrap();
    let own = tmp.path().join("own-pages");
    copy_dir(&specs, &own);
    std::fs::write(own.join("wixgen.toml"), format!("{}\n[ids-crate]\npath = false\n", std::fs::read_to_string(specs.join("wixgen.toml")).unwrap())).unwrap();
    generate(&own, &tmp.path().join("own-contacts"), "own-contacts").unwrap();
    let ids = std::fs::read_to_string(tmp.path().join("shared-contacts/src/api/ids.rs")).unwrap();
    assert!(ids.contains("pub use ::wix_ids::{") && ids.contains("ContactId"), "{ids}");

    // A user's crate: a contact read through the generated crate, messaged through Inbox.
    let inbox = workspace().join("generated/inbox");
    for (user, contacts) in [("uses-shared", "shared-contacts"), ("uses-own", "own-contacts")] {
        let dir = tmp.path().join(user);
        std::fs::create_dir_all(dir.join("src")).unwrap();
        std::fs::write(
            dir.join("Cargo.toml"),
            format!(
                "[package]\nname = \"{user}\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\n\
                 contacts = {{ package = \"{contacts}\", path = \"../{contacts}\", default-features = false }}\n\
                 wix-inbox = {{ path = \"{}\", default-features = false }}\n",
                inbox.display()
            ),
        )
        .unwrap();
        std::fs::write(
            dir.join("src/lib.rs"),
            "//! A contact found through the generated Contacts crate, reached through Inbox.\n\n\
             /// The request that opens the contact's conversation.\n\
             pub fn conversation_of(contact: &contacts::Contact) -> Option<wix_inbox::GetOrCreateConversationRequest> {\n\
             \x20   let id: contacts::ContactId = *contact.id()?;\n\
             \x20   Some(wix_inbox::GetOrCreateConversationRequest::new(wix_inbox::ParticipantId::Contact(id)))\n\
             }\n",
        )
        .unwrap();
    }
    workspace_of(tmp.path(), &["shared-contacts", "own-contacts", "uses-shared", "uses-own"]);

    let shared = cargo(tmp.path(), &["check", "-p", "uses-shared"]);
    assert!(shared.status.success(), "{}", String::from_utf8_lossy(&shared.stderr));
    // Without the shared crate, the ID is another type, and the same code does not compile.
    let own = cargo(tmp.path(), &["check", "-p", "uses-own"]);
    let stderr = String::from_utf8_lossy(&own.stderr);
    assert!(!own.status.success(), "the crate's own ContactId went into wix-inbox:\n{stderr}");
    assert!(stderr.contains("E0308") && stderr.contains("ContactId"), "{stderr}");
}

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
