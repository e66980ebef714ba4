//! Emitter tests on a small hand-built API that is hard on names: types called `Option`,
//! `String`, `Result`, `Vec`, `Box`, `Clone`, `Self`; a field called `type`; field and
//! value names that differ only in case; an enum value called `Unrecognized`; a recursive
//! type; an ID kind that cannot be obtained; a method without a response; an event.
//!
//! The same API, generated as one file, is checked in as
//! `tests/tests/fixtures/generated/collisions.rs` and compiled by `tests/tests/collisions.rs`, which
//! proves that the names above cannot break the generated code. `fixture_is_up_to_date`
//! below keeps it current (`WIXGEN_BLESS=1 cargo test -p wixgen --test emit` rewrites it).

use std::collections::BTreeMap;
use std::path::Path;

use wixgen::emit::emit;
use wixgen::ir::*;
use wixgen::settings::{Gate, Layout};
use wixgen::Settings;

fn src(file: &str) -> Source {
    Source { file: file.into(), line: 1, column: 1 }
}

fn field(name: &str, ty: &str) -> Field {
    Field {
        name: name.into(),
        ty: TypeId::new(ty),
        description: format!("The {name} field, see [the docs](https://example.test/{name}) or [here](/relative)."),
        required: false,
        read_only: false,
        deprecated: None,
        rules: vec![],
        id_kind: None,
        id_reason: None,
        extra: BTreeMap::new(),
        source: src("types.md"),
        type_source: None,
    }
}

fn required(mut f: Field) -> Field {
    f.required = true;
    f
}

fn id(mut f: Field, kind: &str) -> Field {
    f.id_kind = Some(kind.into());
    f
}

fn def(id: &str, kind: TypeKind) -> TypeDef {
    let (namespace, name) = match id.split_once('.') {
        Some((ns, n)) => (Some(ns.to_string()), n.to_string()),
        None => (None, id.to_string()),
    };
    TypeDef {
        id: TypeId::new(id),
        name,
        namespace,
        description: format!("A {id}: with an Array<T> and [brackets] and https://example.test/bare.\n\nA second paragraph."),
        doc_link: Some(format!("https://example.test/{id}")),
        kind,
        source: src(&format!("{id}.md")),
    }
}

fn strukt(fields: Vec<Field>, one_ofs: &[&str]) -> TypeKind {
    TypeKind::Struct { fields, one_ofs: one_ofs.iter().map(|s| TypeId::new(*s)).collect() }
}

fn value(name: &str) -> EnumValue {
    EnumValue { name: name.into(), description: String::new(), source: src("String.md") }
}

/// A `POST` method of `request` and `response`, its parameters in the body.
fn plain_method(name: &str, request: &str, response: &str) -> Method {
    Method {
        name: name.into(),
        title: String::new(),
        package: "things".into(),
        namespace: "things".into(),
        description: format!("The {name} method."),
        doc_link: None,
        verb: HttpVerb::Post,
        url: format!("https://www.example.test/v1/{name}"),
        path: format!("/v1/{name}"),
        request: TypeId::new(request),
        params: vec![],
        path_vars: vec![],
        required: vec![],
        response: Some(TypeId::new(response)),
        errors: vec![],
        scopes: vec![],
        examples: vec![],
        source: src(&format!("{name}.md")),
    }
}

/// The hard-on-names API.
pub fn sample() -> Api {
    let mut types = BTreeMap::new();
    let mut add = |d: TypeDef| {
        types.insert(d.id.clone(), d);
    };
    for (s, scalar) in [
        ("string", Scalar::String),
        ("number", Scalar::Number),
        ("boolean", Scalar::Boolean),
        ("int64", Scalar::Int64),
        ("timestamp", Scalar::Timestamp),
        ("object", Scalar::Object),
    ] {
        add(def(s, TypeKind::Scalar { scalar }));
    }
    add(def("Array<string>", TypeKind::Array { items: TypeId::new("string") }));
    add(def("Array<Node>", TypeKind::Array { items: TypeId::new("Node") }));
    add(def("Nullable<string>", TypeKind::Nullable { inner: TypeId::new("string") }));
    add(def("Nullable<Node>", TypeKind::Nullable { inner: TypeId::new("Node") }));

    // A struct named `Option` with a keyword field and two fields differing in case.
    let mut read_only = id(field("thingId", "string"), "Thing");
    read_only.read_only = true;
    // A read-only field whose getter is the name `note`'s setter would take.
    let mut with_note = field("withNote", "string");
    with_note.read_only = true;
    let mut old = field("legacy", "boolean");
    old.deprecated = Some("Use `type` instead.".into());
    add(def(
        "Option",
        strukt(
            vec![
                required(field("type", "String")),
                field("userId", "string"),
                field("userID", "string"),
                read_only,
                old,
                field("self", "int64"),
                field("URL", "Nullable<string>"),
                field("note", "string"),
                with_note,
            ],
            &[],
        ),
    ));
    // An enum named `String` with values differing in case and one called `Unrecognized`.
    add(def(
        "String",
        TypeKind::Enum { values: vec![value("UNKNOWN"), value("Unknown"), value("Unrecognized"), value("2FA")] },
    ));
    // A struct whose only content is a group: it becomes the enum `Result`.
    add(def("Result", strukt(vec![], &["ResultOneOf"])));
    add(def(
        "ResultOneOf",
        TypeKind::OneOf {
            parent: TypeId::new("Result"),
            members: vec![id(field("thingId", "string"), "Thing"), id(field("noteId", "string"), "Note")],
            required: false,
        },
    ));
    // A struct with plain fields and a group: `Vec` holds `VecPayload` flattened.
    add(def("Vec", strukt(vec![field("count", "number"), field("when", "timestamp")], &["VecOneOf"])));
    add(def(
        "VecOneOf",
        TypeKind::OneOf {
            parent: TypeId::new("Vec"),
            members: vec![field("basic", "BasicPayload"), field("fancy", "FancyPayload")],
            required: false,
        },
    ));
    add(def("BasicPayload", strukt(vec![field("data", "object")], &[])));
    add(def("FancyPayload", strukt(vec![field("tags", "Array<string>")], &[])));
    // Two `Box`es in two namespaces, and a `Clone` and a `Self`.
    add(def("things.Box", strukt(vec![field("a", "string"), field("labels", "Array<string>")], &[])));
    add(def("notes.Box", strukt(vec![field("b", "string")], &[])));
    add(def("Thing", strukt(vec![id(field("id", "string"), "Thing")], &[])));
    add(def("Clone", strukt(vec![field("option", "Option")], &[])));
    add(def("Self", strukt(vec![field("result", "Result")], &[])));
    // A recursive type.
    add(def("Node", strukt(vec![field("children", "Array<Node>"), field("parent", "Nullable<Node>")], &[])));
    // A method.
    add(def(
        "DoThingRequest",
        strukt(
            vec![
                required(id(field("thingId", "string"), "Thing")),
                required(field("option", "Option")),
                field("result", "Result"),
                field("tags", "Array<string>"),
                field("box", "things.Box"),
            ],
            &[],
        ),
    ));
    add(def("ThingHappened", strukt(vec![id(field("thingId", "string"), "Thing"), field("node", "Node")], &[])));

    // Paged methods: cursor paging (`listThings`), offset paging (`queryThings`), and
    // shapes that are not followed: a group (`searchThings`), read-only items
    // (`scanThings`), an optional struct without a `Default` on the way (`findThings`).
    add(def("CursorPaging", strukt(vec![field("limit", "integer"), field("cursor", "string")], &[])));
    add(def("Paging", strukt(vec![field("limit", "integer"), field("offset", "integer")], &[])));
    add(def("Cursors", strukt(vec![field("next", "string")], &[])));
    add(def("PagingMeta", strukt(vec![field("cursors", "Cursors"), field("offset", "integer"), field("total", "integer")], &[])));
    add(def("Query", strukt(vec![field("filter", "object"), field("paging", "Paging")], &[])));
    add(def("ListThingsRequest", strukt(vec![field("paging", "CursorPaging")], &[])));
    add(def("QueryThingsRequest", strukt(vec![field("query", "Query")], &[])));
    for name in ["ListThings", "QueryThings", "SearchThings", "FindThings"] {
        add(def(&format!("{name}Response"), strukt(vec![field("things", "Array<Thing>"), field("pagingMetadata", "PagingMeta")], &[])));
    }
    add(def("SearchQuery", strukt(vec![], &["SearchQueryOneOf"])));
    add(def(
        "SearchQueryOneOf",
        TypeKind::OneOf {
            parent: TypeId::new("SearchQuery"),
            members: vec![field("paging", "Paging"), field("cursorPaging", "CursorPaging")],
            required: false,
        },
    ));
    add(def("SearchThingsRequest", strukt(vec![field("query", "SearchQuery")], &[])));
    let mut hidden = field("things", "Array<Thing>");
    hidden.read_only = true;
    add(def("ScanThingsResponse", strukt(vec![hidden, field("pagingMetadata", "PagingMeta")], &[])));
    add(def("StrictQuery", strukt(vec![required(field("filter", "object")), field("paging", "Paging")], &[])));
    add(def("FindThingsRequest", strukt(vec![field("query", "StrictQuery")], &[])));
    add(def("ScanThingsRequest", strukt(vec![field("query", "Query")], &[])));
    // Typed methods of every shape: nothing to send, one optional parameter, several.
    add(def("CountThingsRequest", strukt(vec![], &[])));
    add(def("MakeThingRequest", strukt(vec![field("thing", "Thing")], &[])));
    add(def("RenameThingsRequest", strukt(vec![field("from", "string"), field("to", "string")], &[])));

    let mut methods = BTreeMap::new();
    methods.insert(
        "doThing".to_string(),
        Method {
            name: "doThing".into(),
            title: "DoThing".into(),
            package: "things".into(),
            namespace: "things".into(),
            description: "Does the thing.\n\nMore words.".into(),
            doc_link: Some("https://example.test/do-thing".into()),
            verb: HttpVerb::Post,
            url: "https://www.example.test/v1/things/{thingId}".into(),
            path: "/v1/things/{thingId}".into(),
            request: TypeId::new("DoThingRequest"),
            params: vec![
                Param { name: "thingId".into(), location: ParamLocation::Path, source: Default::default() },
                Param { name: "option".into(), location: ParamLocation::Body, source: Default::default() },
                Param { name: "result".into(), location: ParamLocation::Body, source: Default::default() },
                Param { name: "tags".into(), location: ParamLocation::Body, source: Default::default() },
                Param { name: "box".into(), location: ParamLocation::Body, source: Default::default() },
            ],
            path_vars: vec![PathVar { field: vec!["thingId".into()], wildcard: false, source: Default::default() }],
            required: vec!["thingId".into(), "option".into()],
            response: None,
            errors: vec![
                AppError { code: "THING_NOT_FOUND".into(), http_status: Some(404), status: None, description: "No such thing.".into(), source: src("m.md") },
                AppError { code: "thing_not_found".into(), http_status: None, status: None, description: String::new(), source: src("m.md") },
            ],
            scopes: vec![Scope { name: "Manage Things".into(), id: "SCOPE.THINGS.MANAGE".into(), source: Default::default() }],
            examples: vec![],
            source: src("do-thing.md"),
        },
    );
    for (name, request, response) in [
        ("listThings", "ListThingsRequest", "ListThingsResponse"),
        ("queryThings", "QueryThingsRequest", "QueryThingsResponse"),
        ("searchThings", "SearchThingsRequest", "SearchThingsResponse"),
        ("scanThings", "ScanThingsRequest", "ScanThingsResponse"),
        ("findThings", "FindThingsRequest", "FindThingsResponse"),
        ("countThings", "CountThingsRequest", "QueryThingsResponse"),
        ("makeThing", "MakeThingRequest", "QueryThingsResponse"),
        ("renameThings", "RenameThingsRequest", "QueryThingsResponse"),
    ] {
        methods.insert(name.to_string(), plain_method(name, request, response));
    }
    let mut events = BTreeMap::new();
    events.insert(
        "ThingHappened".to_string(),
        Event {
            name: "Thing Happened".into(),
            event_type: "example.things.v1.thing_happened".into(),
            package: "things".into(),
            namespace: "things".into(),
            description: String::new(),
            doc_link: None,
            body: TypeId::new("ThingHappenedEvent"),
            payload: TypeId::new("ThingHappened"),
            examples: vec![],
            source: src("thing-happened.md"),
        },
    );
    let mut id_kinds = BTreeMap::new();
    id_kinds.insert(
        "Thing".to_string(),
        IdKind { name: "Thing".into(), guid: true, fields: vec!["Option.thingId".into(), "ResultOneOf.thingId".into()], source: src("ids.md") },
    );
    id_kinds.insert("Note".to_string(), IdKind { name: "Note".into(), guid: false, fields: vec![], source: src("ids.md") });
    id_kinds.insert("Item".to_string(), IdKind { name: "Item".into(), guid: true, fields: vec![], source: src("ids.md") });
    Api {
        types,
        methods,
        events,
        id_kinds,
        participant_kinds: vec![ParticipantKind {
            label: "Thing".into(),
            id_property: "thingId".into(),
            id_kind: "Thing".into(),
            details: "A thing [of a kind].".into(),
            obtainable: false,
            how_to_obtain: String::new(),
            source: src("ids.md"),
        }],
        ..Api::default()
    }
}

fn fixture_settings() -> Settings {
    // The client and the webhook decoding compiled in, for the fixture's test to build.
    Settings::new()
        .with_layout(Layout::SingleFile { file: "collisions.rs".into() })
        .with_client(Gate::Always)
        .with_webhooks(Gate::Always)
        .with_api_name("things")
        .with_runtime_path("::wix_inbox::rt")
        .with_serde_path("::wix_inbox::rt::__private::serde")
        .with_event_enum_name("ThingEvent")
}

fn generated() -> String {
    let out = emit(&sample(), &fixture_settings()).unwrap_or_else(|d| panic!("{d:#?}"));
    out.files["collisions.rs"].clone()
}

#[test]
fn fixture_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/tests/fixtures/generated/collisions.rs");
    let text = generated();
    if std::env::var_os("WIXGEN_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &text).unwrap();
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(on_disk == text, "{} is stale: rerun with WIXGEN_BLESS=1", path.display());
}

#[test]
fn std_names_are_never_used_bare() {
    let text = generated();
    // Types named like std types are declared under their own names...
    for decl in ["pub struct Option {", "pub enum String {", "pub enum Result {", "pub struct Vec {", "pub struct Clone {", "pub struct Self_ {"] {
        assert!(text.contains(decl), "missing `{decl}`");
    }
    // ...and std items are always reached by full path.
    // (`Option<`, `Some(`, ... always follow `::`; the spec's own `Option` is never generic.)
    for line in text.lines().filter(|l| !l.trim_start().starts_with("///")) {
        for bare in ["Option<", "Vec<", "Box<", "Some(", "None", "Ok(", "Err("] {
            for (at, _) in line.match_indices(bare) {
                assert!(line[..at].ends_with("::"), "bare std name `{bare}` in: {line}");
            }
        }
    }
    assert!(text.contains("::std::option::Option<::std::string::String>"));
    assert!(text.contains("#[optional(\"data\", with_data(::serde_json::Value))]"));
}

#[test]
fn keywords_and_case_collisions() {
    let text = generated();
    assert!(text.contains("pub r#type: String,"), "keyword field");
    assert!(text.contains("pub user_id: ::std::option::Option<::std::string::String>"));
    assert!(text.contains("pub user_id_2: ::std::option::Option<::std::string::String>"));
    assert!(text.contains("#[optional(\"userId\", with_user_id(::std::string::String))]"));
    assert!(text.contains("#[optional(\"userID\", with_user_id_2(::std::string::String))]"));
    assert!(text.contains("#[required(\"type\")]"), "a required field is `new`'s, with no setter");
    // Methods share one scope: the getter of `withNote` keeps its name, `note`'s setter
    // moves aside.
    assert!(text.contains("pub fn with_note(&self) -> ::std::option::Option<&::std::string::String>"));
    assert!(text.contains("#[optional(\"note\", with_note_2(::std::string::String))]"));
    assert!(text.contains("#[optional(\"withNote\")]"));
    assert!(text.contains("self_"));
    assert!(text.contains("(\"URL\", with_url("));
    // Enum values: `Unknown` twice, `Unrecognized` kept clear of the catch-all, a digit.
    assert!(text.contains("Unknown = \"UNKNOWN\""));
    assert!(text.contains("Unknown2 = \"Unknown\""));
    assert!(text.contains("Unrecognized2 = \"Unrecognized\""));
    assert!(text.contains("V2Fa = \"2FA\""));
    // Two types named `Box` in two namespaces.
    assert!(text.contains("pub struct ThingBox {"));
    assert!(text.contains("pub struct NotesBox {"));
}

#[test]
fn one_ofs_ids_and_shapes() {
    let text = generated();
    // A struct that is only a group is the enum; variants lose the common `Id`.
    assert!(text.contains("pub enum Result {"));
    assert!(text.contains("Thing(ThingId) = \"thingId\","));
    assert!(text.contains("impl ::std::convert::From<ThingId> for Result"));
    // A struct with fields holds its group flattened, marked for the runtime's `object!`.
    assert!(text.contains("::wix_inbox::rt::object! {"));
    assert!(text.contains("#[one_of(with_payload(VecPayload))]"));
    assert!(text.contains("pub payload: ::std::option::Option<VecPayload>,"));
    // IDs: decode-only from the participant table, string IDs for non-GUIDs.
    assert!(text.contains("::wix_inbox::rt::guid_id! {\n    @decode_only"));
    assert!(text.contains("::wix_inbox::rt::string_id! {"));
    assert!(text.contains("pub struct ItemId;"));
    // Field shapes.
    assert!(text.contains("#[optional_int64("));
    assert!(text.contains("#[optional_number("));
    assert!(text.contains("::std::option::Option<::wix_inbox::rt::Timestamp>"));
    assert!(text.contains("::std::option::Option<::serde_json::Value>"));
    assert!(text.contains("#[array("));
    assert!(!text.contains("Option<::std::vec::Vec"));
    // The recursive edge is boxed, the array edge is not.
    assert!(text.contains("pub parent: ::std::option::Option<::std::boxed::Box<Node>>"));
    assert!(text.contains("pub children: ::std::vec::Vec<Node>"));
    // Read-only: private with a getter; deprecated fields marked.
    assert!(text.contains("    thing_id: ::std::option::Option<ThingId>,"));
    assert!(text.contains("pub fn thing_id(&self) -> ::std::option::Option<&ThingId>"));
    assert!(text.contains("#[deprecated(note = \"Use `type` instead.\")]"));
}

#[test]
fn methods_and_events() {
    let text = generated();
    assert!(text.contains("impl ::wix_inbox::rt::Request for DoThingRequest {"));
    assert!(text.contains("type Response = DoThingResponse;"));
    assert!(text.contains("pub struct DoThingResponse {}"));
    assert!(text.contains("type Error = DoThingError;"));
    assert!(text.contains("ThingNotFound,") && text.contains("ThingNotFound2,"));
    assert!(text.contains("(\"thingId\", ::wix_inbox::rt::ParamLocation::Path)"));
    assert!(text.contains("scopes: &[\"SCOPE.THINGS.MANAGE\"]"));
    // Required parameters in `new`, optional ones by setters.
    // IDs, structs and enums are taken as they are (clear errors for a wrong or missing
    // argument); strings and groups through `Into`.
    assert!(text.contains("pub fn new(thing_id: ThingId, option: Option) -> Self"));
    // The setters are declared in the request's `object!` call, as every struct's are.
    assert!(text.contains("#[optional(\"result\", with_result(Result))]"));
    assert!(text.contains("#[array(\"tags\", with_tags)]"));
    assert!(text.contains("impl ::wix_inbox::rt::Event for ThingHappened {"));
    assert!(text.contains("pub enum ThingEvent {"));
    assert!(has(&text, "\"example.things.v1.thing_happened\" => { Self::ThingHappened("));
    // An event type not listed is kept.
    assert!(has(&text, "_ => { Self::Unknown { event_type: ::std::string::ToString::to_string(event_type), json: payload, } }"));
}

#[test]
fn docs_are_safe_for_rustdoc() {
    let text = generated();
    assert!(text.contains("/// Does the thing."));
    // A request carries its method's whole description (later paragraphs hold the call's
    // rules); other types their description's first paragraph.
    // (Indentation aside: a struct's docs sit inside its `object!` call.)
    let unindented = text.lines().map(str::trim_start).collect::<Vec<_>>().join("\n");
    assert!(unindented.contains("/// Does the thing.\n///\n/// More words.\n///\n/// Reference"), "a method's paragraphs");
    assert!(!text.contains("A second paragraph."), "a type's first paragraph only");
    assert!(text.contains("/// Reference: <https://example.test/do-thing>"));
    assert!(text.contains("Array\\\\<T\\\\> and \\\\[brackets\\\\] and <https://example.test/bare>") || text.contains("Array\\<T\\> and \\[brackets\\] and <https://example.test/bare>"));
    assert!(text.contains("[the docs](https://example.test/"));
    assert!(text.contains(" or here."), "relative links keep their text only");
}

#[test]
fn deterministic() {
    let a = emit(&sample(), &fixture_settings()).unwrap();
    let b = emit(&sample(), &fixture_settings()).unwrap();
    assert_eq!(a, b);
    let modules = emit(&sample(), &Settings::new()).unwrap();
    let paths: Vec<&str> = modules.files.keys().map(String::as_str).collect();
    assert_eq!(
        paths,
        [
            "src/api/client.rs",
            "src/api/events.rs",
            "src/api/ids.rs",
            "src/api/methods.rs",
            "src/api/mod.rs",
            "src/api/types.rs",
            "src/api/webhook.rs"
        ]
    );
    for text in modules.files.values() {
        assert!(text.starts_with("// @generated by wixgen from "));
    }
}

#[test]
fn unknown_types_are_diagnostics_not_panics() {
    let mut api = sample();
    if let Some(TypeKind::Struct { fields, .. }) = api.types.get_mut(&TypeId::new("Thing")).map(|d| &mut d.kind) {
        fields.push(field("ghost", "NoSuchType"));
    }
    let err = emit(&api, &fixture_settings()).unwrap_err();
    assert!(err.iter().any(|d| d.message.contains("unknown type `NoSuchType`")), "{err:#?}");
}

#[test]
fn type_names_can_be_forced() {
    let settings = fixture_settings().with_type_name("notes.Box", "NoteBox");
    let out = emit(&sample(), &settings).unwrap();
    let text = &out.files["collisions.rs"];
    assert!(text.contains("pub struct NoteBox {") && !text.contains("pub struct NotesBox {"));
}

/// The docs of the struct `name` in `text` (its `object!` call), unindented.
fn struct_docs<'t>(text: &'t str, name: &str) -> Vec<&'t str> {
    let end = text.find(&format!("pub struct {name} ")).unwrap_or_else(|| panic!("no struct {name}"));
    let start = text[..end].rfind("object! {").unwrap();
    text[start..end].lines().map(str::trim_start).filter(|l| l.starts_with("///")).collect()
}

/// Every struct's docs say how to build one; the types a caller sends show it in an
/// example that `cargo test` compiles, when the crate the examples name is known.
#[test]
fn struct_docs_say_how_to_build_one() {
    let modules = emit(&sample(), &Settings::new().with_doc_crate("wix-things")).unwrap();
    let text = &modules.files["src/api/types.rs"];
    let option = struct_docs(text, "Option").join("\n");
    assert!(option.contains("/// # Building one"), "{option}");
    assert!(
        option.contains("[`Option::new`](Self::new) with the required fields (`type`), then a `with_<field>` setter for each other field to set"),
        "{option}"
    );
    assert!(option.contains("`thingId` and `withNote` are set by the server: their getters read them."), "{option}");
    // The example: the crate's types imported, an enum's first value that is not the
    // protobuf zero (`UNKNOWN`), strings where `Into<String>` takes them.
    assert!(
        option.contains(
            "/// ```\n/// use wix_things::{Option, String};\n///\n/// let value = Option::new(String::Unknown2).with_user_id(\"text\").with_user_id_2(\"text\");\n/// ```"
        ),
        "{option}"
    );
    // An array's items are spelled with their type.
    let sent = struct_docs(text, "ThingBox").join("\n");
    assert!(sent.contains("let value = ThingBox::default().with_a(\"text\").with_labels(vec![\"text\".to_owned()]);"), "{sent}");
    // What only the server sends: in words only.
    let event = struct_docs(text, "ThingHappened").join("\n");
    assert!(event.contains("`ThingHappened::default()`, then a `with_<field>` setter for each field to set"), "{event}");
    assert!(!event.contains("```"), "{event}");

    // Without a crate to name (a build script's bindings), no example at all.
    assert!(!generated().contains("```"));
}

/// `text` without whitespace, to look for code whatever its line breaks.
fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether `text` holds `code`, whitespace aside.
fn has(text: &str, code: &str) -> bool {
    squash(text).contains(&squash(code))
}

#[test]
fn typed_methods_take_what_their_requests_need() {
    let text = generated();
    // `new`'s parameters (an ID and a struct as they are).
    assert!(has(&text, "pub fn do_thing(&self, thing_id: ThingId, option: Option,)"), "{text}");
    assert!(has(&text, "self.send_request(DoThingRequest::new(thing_id, option))"));
    // Nothing, one optional parameter, several: none, that one, the whole request.
    assert!(has(&text, "pub fn count_things(&self,)"));
    assert!(has(&text, "self.send_request(<CountThingsRequest as ::core::default::Default>::default())"));
    assert!(has(&text, "pub fn make_thing(&self, thing: Thing,)"));
    assert!(has(&text, "request.thing = ::core::option::Option::Some(thing);"));
    assert!(has(&text, "pub async fn rename_things(&self, request: &RenameThingsRequest,)"));
    // The client is named after the API and runs its calls in a span of its name.
    assert!(has(&text, "#[span = \"wix_things.call\"]") && has(&text, "pub struct ThingsClient;"));
    // Documented errors typed; none: the runtime's empty error.
    assert!(has(&text, "::wix_inbox::rt::client::Error<DoThingError>"));
    assert!(has(&text, "::wix_inbox::rt::client::Error<::wix_inbox::rt::NoApplicationError>"));
}

#[test]
fn paged_methods_get_streams_from_their_shapes_only() {
    let text = generated();
    // Cursor paging: the stream is named after the items, its type after the item.
    assert!(has(&text, "pub fn things(&self, request: ListThingsRequest) -> ThingStream"), "{text}");
    assert!(has(&text, "pub type ThingStream = ::wix_inbox::rt::client::PageStream<Thing, ::wix_inbox::rt::NoApplicationError,>;"));
    assert!(has(&text, "::wix_inbox::rt::client::paging::cursor_page("));
    assert!(has(&text, "request.paging.get_or_insert_default().cursor = ::std::option::Option::Some(cursor,);"));
    // Offset paging, two fields down; the names taken, the method's own.
    assert!(has(&text, "pub fn query_things_stream(&self, request: QueryThingsRequest) -> QueryThingsStream"));
    assert!(has(&text, "request.query.get_or_insert_default().paging.get_or_insert_default().offset = ::std::option::Option::Some(offset);"));
    assert!(has(&text, ".and_then(|v| v.total.as_ref())"));
    // Paged methods take their request whole.
    assert!(has(&text, "pub async fn list_things(&self, request: &ListThingsRequest,)"));
    // Not followed: a group, read-only items, an optional struct without a `Default`.
    for method in ["search_things", "scan_things", "find_things"] {
        assert!(text.contains(&format!("[`{method}`](ThingsClient::{method}) |")), "{method} is listed without a stream");
    }
    assert_eq!(text.matches("every page:").count(), 2, "{text}");
}

#[test]
fn events_without_a_type_or_sharing_one_are_decoded_as_the_enum_decodes() {
    let mut api = sample();
    let happened = api.events["ThingHappened"].clone();
    // An event whose type the pages do not say, and one that repeats another's type.
    let vanished = Event { name: "Thing Vanished".into(), event_type: String::new(), body: TypeId::new("Thing"), payload: TypeId::new("Thing"), ..happened.clone() };
    let renamed = Event { name: "Thing Renamed".into(), body: TypeId::new("Vec"), payload: TypeId::new("Vec"), ..happened };
    api.events.insert("ThingVanished".into(), vanished);
    api.events.insert("ThingRenamed".into(), renamed);
    let text = emit(&api, &fixture_settings()).unwrap_or_else(|d| panic!("{d:#?}"))
        .files["collisions.rs"]
        .clone();
    // Both have their variants; the one without a type is never picked out by type, and
    // nothing of it claims a type.
    assert!(has(&text, "ThingVanished(Thing),") && has(&text, "ThingRenamed(Vec),"), "{text}");
    assert!(!text.contains("\"\" =>"), "an empty event type is matched:\n{text}");
    assert!(!has(&text, "impl ::wix_inbox::rt::Event for Thing {"), "{text}");
    assert!(has(&text, "Self::ThingVanished(_) => \"\""));
    assert!(text.contains("| Thing Vanished | not said by the pages"), "{text}");
    // The shared type is decoded once, in the enum and in the webhook module, by the first
    // event of the two (a second arm would be unreachable).
    assert_eq!(text.matches("\"example.things.v1.thing_happened\" =>").count(), 2, "{text}");
    assert!(has(&text, "\"example.things.v1.thing_happened\" => { Self::ThingHappened("));
}
