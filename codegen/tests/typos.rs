//! Typos in the pages: the spelling most expansions give a field's type is kept (even
//! against the type page), an outvoted typo's type is not emitted, a misspelt return type
//! and a field name a letter off are pointed out with the likely name, and none of this
//! fires on the pages of real APIs.

mod common {
    pub mod shared;
    pub mod trees;
}

use std::path::{Path, PathBuf};

use common::shared::{corpus_apis, shared};
use common::trees::{checkout, copy_tree};
use wixgen::ir::{TypeId, TypeKind};
use wixgen::Settings;

/// A copy of `specs/<api>` in a temporary directory, with `from` replaced by `to` at its
/// first occurrence in `page` (checked to be there). Returns the directory and the 1-based
/// line of the change.
fn edited(tmp: &Path, api: &str, page: &str, from: &str, to: &str) -> (PathBuf, u32) {
    let dir = tmp.join(api);
    copy_tree(&checkout().join("specs").join(api), &dir);
    let path = dir.join(page);
    let text = std::fs::read_to_string(&path).unwrap();
    let at = text.find(from).unwrap_or_else(|| panic!("{page} has no `{from}`"));
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    (dir, text[..at].matches('\n').count() as u32 + 1)
}

fn field_type(api: &wixgen::ir::Api, ty: &str, field: &str) -> TypeId {
    match &api.types[&TypeId::new(ty)].kind {
        TypeKind::Struct { fields, .. } => fields.iter().find(|f| f.name == field).unwrap().ty.clone(),
        other => panic!("{ty} is {other:?}"),
    }
}

/// The reported case: a typo on the type page itself (the first and best-documented
/// definition) became the kept name, and the correct pages were told "did you mean
/// `ContactNmae`?".
#[test]
fn the_spelling_most_expansions_give_is_kept_even_against_the_type_page() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, line) = edited(tmp.path(), "contacts", "contacts/contact-object.md", "type: ContactName", "type: ContactNmae");
    let loaded = wixgen::read_specs(&dir).unwrap();
    assert!(!loaded.has_errors(), "{}", loaded.render_diagnostics());
    assert_eq!(field_type(&loaded.api, "ContactInfo", "name"), TypeId::new("ContactName"));
    assert!(!loaded.api.types.contains_key(&TypeId::new("ContactNmae")), "the outvoted typo is still a type");
    // One warning, at the typo, suggesting the kept name.
    let warnings: Vec<_> = loaded.diagnostics.iter().filter(|d| d.message.contains("ContactNmae")).collect();
    assert_eq!(warnings.len(), 1, "{}", loaded.render_diagnostics());
    let w = warnings[0];
    assert_eq!((&*w.source.file, w.source.line), ("contacts/contact-object.md", line));
    assert!(w.message.contains("`ContactName` is kept"), "{}", w.message);
    assert_eq!(w.help.as_deref(), Some("did you mean `ContactName`?"));
}

/// The README's case: `MesageContent` in one expansion. The kept type is `MessageContent`,
/// and the typo's own expansion is not emitted as a `pub struct` of its own.
#[test]
fn an_outvoted_typo_is_not_emitted_as_a_type() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, _) = edited(tmp.path(), "inbox", "messages/send-message.md", "type: MessageContent", "type: MesageContent");
    let settings = Settings::default().with_spec_dir(&dir).with_out_dir(tmp.path().join("out"));
    let (loaded, output) = wixgen::generate::generate(&settings).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(field_type(&loaded.api, "Message", "content"), TypeId::new("MessageContent"));
    let types = &output.files["src/api/types.rs"];
    assert!(types.contains("pub struct MessageContent"), "the kept type is emitted");
    assert!(!types.contains("MesageContent"), "the outvoted typo is emitted");
}

/// A return type is named in one place only: a name a letter off `<Method>Response` is
/// pointed out, at the name.
#[test]
fn a_misspelt_return_type_is_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, line) =
        edited(tmp.path(), "contacts", "contacts/delete-contact.md", "Return type: DeleteContactResponse", "Return type: DeleteContactRespnse");
    let loaded = wixgen::read_specs(&dir).unwrap();
    let found: Vec<_> = loaded.diagnostics.iter().filter(|d| d.message.contains("DeleteContactRespnse")).collect();
    assert_eq!(found.len(), 1, "{}", loaded.render_diagnostics());
    assert_eq!((&*found[0].source.file, found[0].source.line), ("contacts/delete-contact.md", line));
    assert!(found[0].message.contains("looks misspelt"), "{}", found[0].message);
    assert_eq!(found[0].help.as_deref(), Some("did you mean `DeleteContactResponse`?"));
}

/// `jobTitel` in one expansion beside `jobTitle` in the others silently added a second
/// field: now a warning at the name, with the likely one.
#[test]
fn a_field_name_a_letter_off_the_others_is_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, line) = edited(tmp.path(), "contacts", "contacts/get-contact.md", "name: jobTitle", "name: jobTitel");
    let loaded = wixgen::read_specs(&dir).unwrap();
    let found: Vec<_> = loaded.diagnostics.iter().filter(|d| d.message.contains("jobTitel")).collect();
    assert_eq!(found.len(), 1, "{}", loaded.render_diagnostics());
    let d = found[0];
    assert_eq!((&*d.source.file, d.source.line), ("contacts/get-contact.md", line));
    assert_eq!(d.help.as_deref(), Some("did you mean `jobTitle`?"));
    // Underlined at the name itself.
    let rendered = wixgen::diag::render(std::slice::from_ref(d), &loaded.files, &loaded.root);
    assert!(rendered.contains("name: jobTitel") && rendered.contains(&"-".repeat("jobTitel".len())), "{rendered}");
    assert!(!d.is_error(), "a quirk of a page is a warning");
}

/// None of the new warnings fires on the checkout's pages, nor on real pages and the
/// corpus rendered from Wix's definitions (`../shared`, when it is there).
#[test]
fn real_pages_raise_no_typo_warnings() {
    let new_kinds = ["looks misspelt", "other expansion(s) of"];
    let mut dirs: Vec<PathBuf> = ["inbox", "contacts", "members"].iter().map(|api| checkout().join("specs").join(api)).collect();
    if let (Some(real), Some(apis)) = (shared("real-pages"), corpus_apis()) {
        dirs.push(real);
        dirs.extend(apis);
    }
    for dir in dirs {
        let loaded = wixgen::read_specs(&dir).unwrap();
        for d in &loaded.diagnostics {
            assert!(!new_kinds.iter().any(|k| d.message.contains(k)), "{}: {d}", dir.display());
        }
    }
}
