//! The forms of `tests/fixtures/library/`, pages of a fictional Library API: URL variables
//! that are field paths (`{shelf.id}`) and wildcards (`{path=**}`), one method name in two
//! namespaces (`get`) and twice in one (`listBooks`), the same for webhooks (`Book
//! Returned`, `Shelf Moved`), and a one-of of scalar members. Each is asserted in the IR
//! and in the names the emitter gives it; `generate_crate` compiles the crate.

use std::collections::BTreeMap;
use std::path::Path;

use wixgen::diag::SourceFile;
use wixgen::emit::names::{MethodNames, Names};
use wixgen::ir::{Api, ExampleKind, Field, ParamLocation, PathVar, Scalar, TypeId, TypeKind};
use wixgen::Settings;

fn dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/library")
}

fn library() -> wixgen::Loaded {
    wixgen::read_specs(&dir()).unwrap()
}

fn fields<'a>(api: &'a Api, ty: &str) -> &'a [Field] {
    match &api.types[&TypeId::new(ty)].kind {
        TypeKind::Struct { fields, .. } => fields,
        TypeKind::OneOf { members, .. } => members,
        other => panic!("`{ty}` has no fields: {other:?}"),
    }
}

fn field<'a>(api: &'a Api, ty: &str, name: &str) -> &'a Field {
    fields(api, ty).iter().find(|f| f.name == name).unwrap_or_else(|| panic!("`{ty}` has no field `{name}`"))
}

fn path_vars<'a>(api: &'a Api, key: &str) -> Vec<(Vec<&'a str>, bool)> {
    api.methods[key].path_vars.iter().map(|v: &PathVar| (v.field.iter().map(String::as_str).collect(), v.wildcard)).collect()
}

#[test]
fn the_library_reads_with_a_warning_for_each_name_kept_twice_in_one_namespace() {
    let loaded = library();
    let got: Vec<String> = loaded.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(
        got,
        [
            "list-books.md:1:1: warning: method `listBooks` is defined 2 times in namespace `BooksService`; \
             this one (GET /library/v2/books) is kept as `listBooks2`",
            "shelf-moved-2.md:18:11: warning: webhook `Shelf Moved` is defined 2 times in namespace `ShelvesService`; \
             this one (event type `example.library.v2.shelf_shelf_moved`) is kept as `ShelfMoved2`",
        ]
    );
    // Each warning points at the one that keeps the name.
    assert_eq!(loaded.diagnostics[0].notes[0].0.to_string(), "list-books-2.md:1:1");
    assert_eq!(loaded.diagnostics[1].notes[0].0.to_string(), "shelf-moved.md:18:11");
}

#[test]
fn a_field_path_variable_fills_the_path_and_leaves_its_parameter_in_the_body() {
    let api = library().api;
    let m = &api.methods["updateShelf"];
    assert_eq!(m.path, "/library/v1/shelves/{shelf.id}");
    assert_eq!(path_vars(&api, "updateShelf"), [(vec!["shelf", "id"], false)]);
    assert_eq!(m.params.len(), 1);
    assert_eq!((m.params[0].name.as_str(), m.params[0].location), ("shelf", ParamLocation::Body));
    // The page requires nothing, but the URL needs the shelf: `new(shelf)`. Its `id` stays
    // optional (the `Shelf` of a response or another request need not carry it); the
    // client reports it missing, by name.
    assert!(field(&api, "UpdateShelfRequest", "shelf").required);
    assert!(!field(&api, "Shelf", "id").required);
    // The variable points at its `{` in the URL line.
    let source = &m.path_vars[0].source;
    assert_eq!((&*source.file, source.line, source.column), ("update-shelf.md", 25, 50));
    // The curl example's URL gives the shelf's ID, which its body leaves out.
    let example = m.examples.iter().find(|e| e.kind == ExampleKind::Request).unwrap();
    let json: serde_json::Value = serde_json::from_str(&example.json).unwrap();
    assert_eq!(json, serde_json::json!({"shelf": {"id": "east-3", "label": "Poetry", "capacity": 40}}));
}

#[test]
fn a_wildcard_variable_is_a_path_parameter_that_takes_the_rest_of_the_path() {
    let api = library().api;
    let m = &api.methods["readFile"];
    assert_eq!(path_vars(&api, "readFile"), [(vec!["path"], true)]);
    let locations: Vec<(&str, ParamLocation)> = m.params.iter().map(|p| (p.name.as_str(), p.location)).collect();
    assert_eq!(locations, [("path", ParamLocation::Path), ("quality", ParamLocation::Query)]);
    assert_eq!(field(&api, "ReadFileRequest", "path").ty, Scalar::String.type_id());
    // The example's URL holds folders: the wildcard's value keeps its slashes.
    let example = m.examples.iter().find(|e| e.kind == ExampleKind::Request).unwrap();
    let json: serde_json::Value = serde_json::from_str(&example.json).unwrap();
    assert_eq!(json, serde_json::json!({"path": "maps/north-wing.png", "quality": "FULL"}));
}

#[test]
fn a_method_name_in_two_namespaces_is_kept_in_both_with_requests_of_their_own() {
    let api = library().api;
    let keys: Vec<&str> = api.methods.keys().map(String::as_str).collect();
    assert_eq!(keys, ["listBooks", "listBooks2", "loans.get", "readFile", "shelves.get", "updateShelf"]);
    for (key, path, request) in [
        ("loans.get", "/library/v1/loans/{id}", "loans.GetRequest"),
        ("shelves.get", "/library/v1/shelves/{id}", "shelves.GetRequest"),
    ] {
        let m = &api.methods[key];
        assert_eq!((m.name.as_str(), m.path.as_str(), m.request.as_str()), ("get", path, request));
    }
    // The two requests are alike field for field, and still two types: each method's
    // request implements its own operation.
    let shape = |ty: &str| -> Vec<(String, TypeId, bool)> { fields(&api, ty).iter().map(|f| (f.name.clone(), f.ty.clone(), f.required)).collect() };
    assert_eq!(shape("loans.GetRequest"), [("id".to_string(), Scalar::String.type_id(), true)]);
    assert_eq!(shape("shelves.GetRequest"), shape("loans.GetRequest"));
    assert_eq!(api.types[&TypeId::new("loans.GetRequest")].namespace.as_deref(), Some("loans"));
    assert!(!api.types.contains_key(&TypeId::new("GetRequest")));
}

#[test]
fn a_method_name_twice_in_one_namespace_is_numbered_by_url_not_by_file() {
    let api = library().api;
    // `list-books-2.md` holds the v1 URL: it keeps the name.
    let first = &api.methods["listBooks"];
    let second = &api.methods["listBooks2"];
    assert_eq!((&*first.source.file, first.path.as_str(), first.request.as_str()), ("list-books-2.md", "/library/v1/books", "ListBooksRequest"));
    assert_eq!((&*second.source.file, second.path.as_str(), second.request.as_str()), ("list-books.md", "/library/v2/books", "ListBooks2Request"));
    assert_eq!(second.name, "listBooks", "the method's own name is the page's");
    assert_eq!(fields(&api, "ListBooks2Request").len(), 1);
}

#[test]
fn webhooks_with_one_name_are_kept_the_same_way() {
    let api = library().api;
    let events: Vec<(&str, &str, &str)> =
        api.events.iter().map(|(k, e)| (k.as_str(), e.event_type.as_str(), e.body.as_str())).collect();
    assert_eq!(
        events,
        [
            ("ShelfMoved", "example.library.v1.shelf_shelf_moved", "ShelfMovedEvent"),
            ("ShelfMoved2", "example.library.v2.shelf_shelf_moved", "ShelfMoved2Event"),
            ("loans.BookReturned", "example.library.v1.loans_book_returned", "loans.BookReturnedEvent"),
            ("shelves.BookReturned", "example.library.v1.shelves_book_returned", "shelves.BookReturnedEvent"),
        ]
    );
    // The payloads agree, and stay one type.
    assert_eq!(api.events["loans.BookReturned"].payload, TypeId::new("BookReturned"));
    assert_eq!(api.events["shelves.BookReturned"].payload, TypeId::new("BookReturned"));
}

#[test]
fn a_one_of_holds_members_of_every_scalar_kind() {
    let api = library().api;
    let members: Vec<(&str, &str)> = fields(&api, "LoanOneOf").iter().map(|m| (m.name.as_str(), m.ty.as_str())).collect();
    assert_eq!(
        members,
        [
            ("fine", "number"),
            ("daysLate", "integer"),
            ("waived", "boolean"),
            ("note", "string"),
            ("terms", "object"),
            ("reminders", "Array<string>"),
            ("tier", "FineTier"),
        ]
    );
}

#[test]
fn the_emitter_names_every_method_and_event_from_one_stem() {
    let api = library().api;
    let mut diags = Vec::new();
    let names = Names::assign(&api, &Settings::new(), &mut diags);
    assert!(diags.is_empty(), "{diags:?}");
    let got: BTreeMap<&str, &MethodNames> = names.methods.iter().map(|(k, n)| (k.as_str(), n)).collect();
    let want = |stem: &str, function: &str, request: &str, response: &str| MethodNames {
        stem: stem.into(),
        function: function.into(),
        request: request.into(),
        response: response.into(),
        error: None,
    };
    let expected: BTreeMap<&str, MethodNames> = [
        ("listBooks", want("ListBooks", "list_books", "ListBooksRequest", "ListBooksResponse")),
        ("listBooks2", want("ListBooks2", "list_books2", "ListBooks2Request", "ListBooksResponse")),
        // `Loan` is a type of the API: the `LoansService` prefix is its entity.
        ("loans.get", want("LoanGet", "loan_get", "LoanGetRequest", "GetLoanResponse")),
        ("readFile", want("ReadFile", "read_file", "ReadFileRequest", "ReadFileResponse")),
        ("shelves.get", want("ShelvesGet", "shelves_get", "ShelvesGetRequest", "GetShelfResponse")),
        ("updateShelf", want("UpdateShelf", "update_shelf", "UpdateShelfRequest", "UpdateShelfResponse")),
    ]
    .into_iter()
    .collect();
    assert_eq!(got, expected.iter().map(|(k, v)| (*k, v)).collect());
    let variants: Vec<(&str, &str)> = names.events.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(
        variants,
        [
            ("ShelfMoved", "ShelfMoved"),
            ("ShelfMoved2", "ShelfMoved2"),
            ("loans.BookReturned", "LoanBookReturned"),
            ("shelves.BookReturned", "ShelvesBookReturned"),
        ]
    );
    assert_eq!(names.type_of(&TypeId::new("shelves.BookReturnedEvent")), Some("ShelvesBookReturnedEvent"));
}

#[test]
fn the_keys_and_names_do_not_depend_on_the_order_pages_are_read_in() {
    let loaded = library();
    let mut files: Vec<SourceFile> = loaded.files.clone();
    files.reverse();
    let reversed = wixgen::read_sources(files);
    let keys = |api: &Api| -> Vec<(String, String, String)> {
        api.methods.iter().map(|(k, m)| (k.clone(), m.source.file.to_string(), m.request.0.clone())).collect()
    };
    assert_eq!(keys(&reversed.api), keys(&loaded.api));
    let events = |api: &Api| -> Vec<(String, String)> { api.events.iter().map(|(k, e)| (k.clone(), e.source.file.to_string())).collect() };
    assert_eq!(events(&reversed.api), events(&loaded.api));
    let (mut a, mut b) = (Vec::new(), Vec::new());
    let names = |api: &Api, d: &mut Vec<_>| Names::assign(api, &Settings::new(), d).methods;
    assert_eq!(names(&reversed.api, &mut a), names(&loaded.api, &mut b));
}

#[test]
fn two_webhooks_of_one_event_type_are_kept_and_the_type_decodes_once() {
    let mut files = library().files;
    // A copy of `Shelf Moved` under another name, with the first one's event type.
    let moved = files.iter().find(|f| f.name == "shelf-moved.md").unwrap().text.replace("Webhook: Shelf Moved", "Webhook: Shelf Carried");
    files.push(SourceFile::new("shelf-carried.md", moved));
    let loaded = wixgen::read_sources(files);
    let warning = loaded.diagnostics.iter().map(ToString::to_string).find(|d| d.contains("has the event type")).unwrap();
    // The first by key decodes, whatever the reading order.
    assert_eq!(
        warning,
        "shelf-moved.md:18:11: warning: webhook `Shelf Moved` has the event type `example.library.v1.shelf_shelf_moved` \
         of `Shelf Carried`: events of that type decode as `Shelf Carried`"
    );
    assert!(loaded.api.events.contains_key("ShelfCarried"));
    let out = wixgen::emit::emit(&loaded.api, &Settings::new()).unwrap_or_else(|d| panic!("{d:#?}"));
    let events = out.get("src/api/events.rs").unwrap();
    // One decoding arm (two would be an unreachable pattern, an error with warnings denied).
    assert_eq!(events.matches("\"example.library.v1.shelf_shelf_moved\" =>").count(), 1, "{events}");
    assert!(events.contains("Self::ShelfCarried(_) => \"example.library.v1.shelf_shelf_moved\""), "{events}");
}
