//! Crates written by `wixgen generate`, built as a user builds them, in one nested cargo
//! workspace each (see `common/nested.rs`):
//!
//! - every API of `../shared/wix-corpus/` reads without errors and gets a crate with a
//!   typed method for each of its methods and a decoder for each of its events, and the
//!   crates compile without a single warning with their default features (`client`,
//!   `webhooks`), with none, and with each alone;
//! - an ID read through a generated Contacts crate goes into `wix-inbox` unchanged (the
//!   crate re-exports `wix_ids::ContactId`), and with `[ids-crate] path = false` in
//!   `wixgen.toml` it does not (the crate declares its own): the check can fail.

mod common {
    pub mod nested;
}

use std::path::{Path, PathBuf};

use common::nested::{cargo, generate, workspace, workspace_of};

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
    let mut failed = Vec::new();
    for api in &apis {
        let folder = api.file_name().unwrap().to_string_lossy().into_owned();
        let words: Vec<&str> = folder.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
        let name = format!("corpus-{}", words.join("-").to_ascii_lowercase());
        match generate(api, &tmp.path().join(&name), &name) {
            Ok(()) => members.push(name),
            Err(stderr) => failed.push(format!("{folder}:\n{}", errors_of(&stderr))),
        }
    }
    // Every corpus API reads without errors, so every one must generate.
    assert!(failed.is_empty(), "{} of {} corpus APIs not generated:\n{}", failed.len(), apis.len(), failed.join("\n"));
    println!("{} corpus APIs generated", members.len());

    // Every API has a typed method for each method and a row for each event in its webhook
    // module, and every event whose type is known is decoded by that type.
    for member in &members {
        let client = std::fs::read_to_string(tmp.path().join(member).join("src/api/client.rs")).unwrap_or_default();
        let webhook = std::fs::read_to_string(tmp.path().join(member).join("src/api/webhook.rs")).unwrap_or_default();
        let lib = std::fs::read_to_string(tmp.path().join(member).join("src/lib.rs")).unwrap();
        let methods = count_after(&lib, "Wix API reference pages: ", " method(s)");
        let events = count_after(&lib, "method(s), ", " webhook event(s)");
        let typed = client.lines().filter(|l| l.starts_with("//! | `")).count();
        assert_eq!(typed, methods, "{member}: {methods} method(s), {typed} typed");
        let rows: Vec<&str> = webhook.lines().filter(|l| l.starts_with("//! | ") && !l.starts_with("//! | event |")).collect();
        assert_eq!(rows.len(), events, "{member}: {events} event(s), {} in the webhook module", rows.len());
        for row in rows.iter().filter(|r| r.ends_with("` |")) {
            let event_type = row.rsplit('`').nth(1).unwrap();
            assert!(webhook.contains(&format!("\"{event_type}\" =>")), "{member}: `{event_type}` is not decoded");
        }
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

/// The error lines of `wixgen`'s standard error (each with its place), for the message.
fn errors_of(stderr: &str) -> String {
    let lines: Vec<&str> = stderr.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate().filter(|(_, l)| l.starts_with("error")) {
        out.push(line.to_string());
        if let Some(at) = lines.get(i + 1).filter(|l| l.trim_start().starts_with("-->")) {
            out.push(at.to_string());
        }
    }
    out.join("\n")
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
