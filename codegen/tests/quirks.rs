//! Each quirk of real Wix pages, read from `tests/fixtures/quirks/`: pages of a fictional
//! Notes API, so these tests also show that nothing in the parser is Inbox-specific.

use std::path::Path;

use wixgen::ir::{Api, Field, PageKind, ParamLocation, Rule, Scalar, TypeId, TypeKind};

fn notes() -> Api {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/quirks");
    let loaded = wixgen::read_specs(&dir).unwrap();
    assert!(loaded.diagnostics.is_empty(), "{}", loaded.render_diagnostics());
    loaded.api
}

fn field<'a>(api: &'a Api, ty: &str, name: &str) -> &'a Field {
    let def = &api.types[&TypeId::new(ty)];
    let fields = match &def.kind {
        TypeKind::Struct { fields, .. } => fields,
        TypeKind::OneOf { members, .. } => members,
        other => panic!("`{ty}` has no fields: {other:?}"),
    };
    fields.iter().find(|f| f.name == name).unwrap_or_else(|| panic!("`{ty}` has no field `{name}`"))
}

fn kind<'a>(api: &'a Api, ty: &str) -> &'a TypeKind {
    &api.types[&TypeId::new(ty)].kind
}

#[test]
fn every_page_kind_is_told_apart_and_the_preamble_is_dropped() {
    let api = notes();
    let kinds: Vec<_> = api.pages.iter().map(|p| (&*p.source.file, p.kind)).collect();
    assert_eq!(
        kinds,
        [
            ("get-note.md", PageKind::Method),
            ("menu.md", PageKind::Menu),
            ("method.md", PageKind::Method),
            ("note-archived.md", PageKind::Webhook),
            ("note-id.md", PageKind::Article),
            ("note-object.md", PageKind::Type),
            ("velo-get-note.md", PageKind::VeloMethod),
        ]
    );
    // method.md starts with a 3-line blockquote and a blank line: its title is on line 5.
    assert_eq!(api.pages[2].source.line, 5);
}

#[test]
fn a_parameter_typed_with_its_own_name_is_a_string() {
    let api = notes();
    assert_eq!(field(&api, "CreateNoteRequest", "requestId").ty, Scalar::String.type_id());
}

#[test]
fn a_path_parameter_of_type_none_is_a_string_in_the_path() {
    let api = notes();
    assert_eq!(field(&api, "GetNoteRequest", "noteId").ty, Scalar::String.type_id());
    let m = &api.methods["getNote"];
    assert_eq!(m.params[0].location, ParamLocation::Path);
    assert_eq!(m.params[1].location, ParamLocation::Query, "a GET's other parameters go to the query");
    assert_eq!(api.methods["createNote"].params[1].location, ParamLocation::Body);
}

#[test]
fn a_wrapper_with_a_value_child_folds_into_a_nullable_scalar() {
    let api = notes();
    assert_eq!(field(&api, "Note", "title").ty, TypeId::new("Nullable<string>"));
    assert_eq!(field(&api, "Paging", "limit").ty, TypeId::new("Nullable<number>"));
    assert_eq!(*kind(&api, "Nullable<string>"), TypeKind::Nullable { inner: Scalar::String.type_id() });
}

#[test]
fn a_bare_array_with_children_gets_an_element_type_named_after_parent_and_field() {
    let api = notes();
    assert_eq!(field(&api, "Checklist", "items").ty, TypeId::new("Array<ChecklistItemsItem>"));
    let TypeKind::Struct { fields, .. } = kind(&api, "ChecklistItemsItem") else { panic!() };
    assert_eq!(fields.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), ["label", "done"]);
}

#[test]
fn array_of_named_element_types_and_date_times_and_int64() {
    let api = notes();
    assert_eq!(field(&api, "Note", "tags").ty, TypeId::new("Array<string>"));
    assert_eq!(field(&api, "Note", "createdDate").ty, Scalar::Timestamp.type_id());
    assert_eq!(field(&api, "Note", "revision").ty, Scalar::Int64.type_id());
}

#[test]
fn one_of_groups_and_enums_are_types_of_their_own() {
    let api = notes();
    assert_eq!(*kind(&api, "NoteBody"), TypeKind::Struct { fields: vec![], one_ofs: vec![TypeId::new("NoteBodyOneOf")] });
    let TypeKind::OneOf { parent, members, .. } = kind(&api, "NoteBodyOneOf") else { panic!() };
    assert_eq!(parent, &TypeId::new("NoteBody"));
    assert_eq!(members.iter().map(|m| m.name.as_str()).collect::<Vec<_>>(), ["text", "checklist"]);
    let TypeKind::Enum { values } = kind(&api, "NoteColor") else { panic!() };
    let values: Vec<_> = values.iter().map(|v| (v.name.as_str(), v.description.as_str())).collect();
    assert_eq!(values, [("UNKNOWN_COLOR", "Not set."), ("YELLOW", "Yellow."), ("BLUE", "")]);
}

#[test]
fn segments_flags_rules_and_unknown_keys() {
    let api = notes();
    let f = field(&api, "NoteBodyOneOf", "text");
    assert_eq!(f.rules, [Rule::MinLength(1), Rule::MaxLength(4000)]);
    let id = field(&api, "Note", "id");
    assert!(id.read_only);
    assert_eq!(id.rules, [Rule::Format("GUID".into())]);
    assert_eq!(field(&api, "Note", "pinned").deprecated.as_deref(), Some("Use `priority` instead."));
    // The request's own expansion keeps its unknown segment; the type page's wins for the
    // shared type, so look at where the page put it.
    let loaded = wixgen::read_sources(vec![wixgen::diag::SourceFile::new(
        "m.md",
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/quirks/method.md")).unwrap(),
    )]);
    let priority = field(&loaded.api, "Note", "priority");
    assert_eq!(priority.extra.get("custom-key").map(String::as_str), Some("kept"));
    assert_eq!(priority.description, "Higher first.  Second paragraph of the description.");
}

#[test]
fn required_paths_mark_nested_fields() {
    let api = notes();
    assert!(field(&api, "CreateNoteRequest", "folderId").required);
    assert!(field(&api, "Note", "body").required, "`note.body` is required when `note` is present");
    assert!(!field(&api, "Note", "color").required);
}

#[test]
fn a_type_that_differs_between_namespaces_survives_in_each() {
    let api = notes();
    assert_eq!(field(&api, "GetNoteResponse", "owner").ty, TypeId::new("notes.Person"));
    assert_eq!(field(&api, "NoteArchived", "archivedBy").ty, TypeId::new("archives.Person"));
    assert_eq!(api.types[&TypeId::new("archives.Person")].namespace.as_deref(), Some("archives"));
}

#[test]
fn id_kinds_follow_names_formats_and_type_pages() {
    let api = notes();
    assert_eq!(field(&api, "Note", "id").id_kind.as_deref(), Some("Note"));
    assert_eq!(field(&api, "GetNoteRequest", "noteId").id_kind.as_deref(), Some("Note"), "no GUID format, but a known kind");
    assert_eq!(field(&api, "CreateNoteRequest", "folderId").id_kind.as_deref(), Some("Folder"));
    assert_eq!(field(&api, "CreateNoteRequest", "requestId").id_kind, None, "not a GUID and no known kind");
    assert!(api.id_kinds["Folder"].guid);
}

#[test]
fn scopes_errors_examples_and_the_introduction_are_read() {
    let api = notes();
    let m = &api.methods["createNote"];
    assert_eq!(m.scopes.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["SCOPE.EXAMPLE.MANAGE-NOTES", "SCOPE.EXAMPLE.READ-NOTES"]);
    let errors: Vec<_> = m.errors.iter().map(|e| (e.code.as_str(), e.http_status)).collect();
    assert_eq!(errors, [("FOLDER_NOT_FOUND", Some(404)), ("TOO_MANY_TAGS", Some(400))]);
    assert_eq!(m.examples.len(), 2);
    assert!(m.examples[0].json.starts_with("{\"folderId\""));
    assert_eq!(m.description, "Creates a note in a folder.\n\nIt may span paragraphs.");
    assert_eq!(m.path, "/notes/v1/folders/{folderId}/notes");
    let e = &api.events["NoteArchived"];
    assert_eq!((e.event_type.as_str(), e.payload.as_str(), e.body.as_str()), ("example.notes.v1.note_archived", "NoteArchived", "NoteArchivedEvent"));
}

#[test]
fn article_tables_with_lists_inside_cells_give_participant_kinds() {
    let api = notes();
    let kinds: Vec<_> = api.participant_kinds.iter().map(|p| (p.label.as_str(), p.id_property.as_str(), p.obtainable)).collect();
    assert_eq!(kinds, [("Person", "personId", false), ("Folder", "folderId", true)]);
    assert_eq!(api.participant_kinds[1].details, "Notes can belong to a folder instead. Folders are shared.");
    assert_eq!(api.participant_kinds[1].how_to_obtain, "Listed by the folders API.", "link definitions are not prose");
    assert_eq!(api.articles[0].title, "Note ID");
}

#[test]
fn velo_pages_and_menus() {
    let api = notes();
    let v = &api.velo_methods[0];
    assert_eq!(v.name, "getNote");
    assert_eq!(v.params, [("noteId".to_string(), "string".to_string()), ("options".to_string(), "GetNoteOptions".to_string())]);
    assert_eq!(v.description, "Gets a note.\n\nSecond paragraph of the description.");
    assert_eq!((v.examples[0].title.as_str(), v.examples[0].language.as_str()), ("Get a note", "javascript"));
    let entries: Vec<_> = api.menus[0].entries.iter().map(|e| (e.label.as_str(), e.depth)).collect();
    assert_eq!(entries, [("Notes", 1), ("Reference", 2), ("Create Note", 3), ("Get Note", 3), ("Objects", 3), ("Note Object", 4)]);
}
