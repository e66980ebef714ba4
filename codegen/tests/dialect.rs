//! The real 2026 dialect, end to end into the IR, on fixture pages written for the tests
//! (a fictional greenhouse API in `fixtures/dialect/`): what the IR holds for every
//! variant, not only "no error".

use std::path::Path;

use wixgen::diag::SourceFile;
use wixgen::ir::{Api, ExampleKind, Field, TypeId, TypeKind};
use wixgen::Loaded;

fn read(dir: &str) -> Loaded {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(dir);
    wixgen::read_specs(&root).expect("fixtures are readable")
}

fn corpus() -> Loaded {
    let loaded = read("dialect");
    assert!(!loaded.has_errors(), "{}", loaded.render_diagnostics());
    loaded
}

fn fields<'a>(api: &'a Api, ty: &str) -> Vec<&'a Field> {
    match &api.types.get(&TypeId::new(ty)).unwrap_or_else(|| panic!("no type `{ty}`")).kind {
        TypeKind::Struct { fields, .. } => fields.iter().collect(),
        other => panic!("`{ty}` is not a struct: {other:?}"),
    }
}

fn names(api: &Api, ty: &str) -> Vec<String> {
    fields(api, ty).iter().map(|f| f.name.clone()).collect()
}

fn field<'a>(api: &'a Api, ty: &str, name: &str) -> &'a Field {
    fields(api, ty).into_iter().find(|f| f.name == name).unwrap_or_else(|| panic!("`{ty}` has no field `{name}`"))
}

fn warnings(loaded: &Loaded) -> Vec<String> {
    loaded.diagnostics.iter().filter(|d| !d.is_error()).map(|d| format!("{}:{} {}", d.source.file, d.source.line, d.message)).collect()
}

#[test]
fn types_as_real_pages_write_them() {
    let loaded = corpus();
    let api = &loaded.api;
    assert_eq!(field(api, "QueryPlantsRequest", "includeTagIds").ty.as_str(), "Array<string>", "self-named inside array<>");
    assert_eq!(field(api, "Plant", "tags").ty.as_str(), "Array<string>", "bare `array`");
    assert_eq!(field(api, "Plant", "careNotes").ty.as_str(), "object");
    assert_eq!(field(api, "Plant", "height").ty.as_str(), "number");
    assert_eq!(field(api, "CursorPaging", "limit").ty.as_str(), "integer");
    assert_eq!(field(api, "PlantQuery", "sort").ty.as_str(), "Array<Sorting>");
    assert_eq!(field(api, "Planting", "plantedDate").ty.as_str(), "timestamp");
    // `type: QueryPlantsOptions  none`: the stray word is not part of the type.
    assert_eq!(field(api, "QueryPlantsRequest", "options").ty.as_str(), "QueryPlantsOptions");
    assert_eq!(names(api, "QueryPlantsOptions"), ["locale"]);
}

#[test]
fn a_self_named_scalar_takes_its_type_from_the_examples() {
    let loaded = corpus();
    // `param name: verbose | type: verbose`; the curl example sends `true`.
    assert_eq!(field(&loaded.api, "QueryPlantsRequest", "verbose").ty.as_str(), "boolean");
}

#[test]
fn both_enum_forms() {
    let loaded = corpus();
    let values = |ty: &str| match &loaded.api.types[&TypeId::new(ty)].kind {
        TypeKind::Enum { values } => values.iter().map(|v| (v.name.clone(), v.description.clone())).collect::<Vec<_>>(),
        other => panic!("{other:?}"),
    };
    assert_eq!(values("SortOrder"), [("ASC".into(), String::new()), ("DESC".into(), String::new())]);
    assert_eq!(
        values("Depth"),
        [("SHALLOW".into(), "Just under the surface.".into()), ("DEEP".into(), "A hand's length down.".to_string())]
    );
}

#[test]
fn a_required_one_of_group() {
    let loaded = corpus();
    let api = &loaded.api;
    let TypeKind::Struct { one_ofs, .. } = &api.types[&TypeId::new("Planting")].kind else { panic!() };
    assert_eq!(one_ofs.len(), 1);
    let TypeKind::OneOf { members, required, .. } = &api.types[&one_ofs[0]].kind else { panic!() };
    assert!(required, "`- ONE-OF: - required: true`");
    let names: Vec<&str> = members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["seedCount", "seedlings"]);
}

#[test]
fn possible_errors_are_the_methods_documented_errors() {
    let loaded = corpus();
    let errors: Vec<_> = loaded.api.methods["queryPlants"]
        .errors
        .iter()
        .map(|e| (e.code.as_str(), e.http_status, e.status.as_deref(), e.description.as_str()))
        .collect();
    assert_eq!(
        errors,
        [
            (
                "FILTER_NOT_SUPPORTED",
                Some(400),
                Some("INVALID_ARGUMENT"),
                "The filter names a field that cannot be filtered on | use another field."
            ),
            ("TOO_MANY_QUERIES", Some(429), Some("RESOURCE_EXHAUSTED"), "Slow down."),
        ]
    );
}

#[test]
fn the_sdk_block_adds_no_method_and_no_sdk_name() {
    let loaded = corpus();
    let api = &loaded.api;
    assert_eq!(api.methods.keys().collect::<Vec<_>>(), ["createPlanting", "queryPlants"]);
    assert!(!names(api, "Plant").iter().any(|n| n.starts_with('_') || n == "createdDate"), "{:?}", names(api, "Plant"));
    assert!(!api.types.contains_key(&TypeId::new("PlantQueryBuilder")), "SDK-only type names stay out");
    assert_eq!(api.methods["queryPlants"].response.as_ref().map(|r| r.as_str()), Some("QueryPlantsResponse"));
}

#[test]
fn curl_examples_are_request_examples() {
    let loaded = corpus();
    let examples = &loaded.api.methods["createPlanting"].examples;
    assert_eq!(examples.len(), 1);
    assert_eq!(examples[0].kind, ExampleKind::Request);
    assert_eq!(examples[0].title, "Sow twelve seeds");
    let json: serde_json::Value = serde_json::from_str(&examples[0].json).unwrap();
    assert_eq!(json["planting"]["seedCount"], 12);
    // The example is located at its JSON, inside the curl command.
    assert_eq!(&*examples[0].source.file, "create-planting.md");
    assert_eq!(examples[0].source.line, 77);
}

#[test]
fn a_get_curl_gives_its_path_and_query_parameters() {
    let page = "# GetBed\n\n# Package: greenhouse\n\n# Namespace: BedsService\n\n## Introduction\n\nReads a bed.\n\n---\n\n## REST API\n\n### Schema\n\n```\n Method: getBed\n Description: Reads a bed.\n URL: https://www.wixapis.com/greenhouse/v1/beds/{bedId}\n Method: GET\n Method parameters: \n   param name: bedId | type: bedId | description: GUID of the bed. | required: true\n   param name: paging | type: Paging\n     - name: limit | type: integer | description: At most this many.\n   param name: fields | type: array<fields> | description: Extras to return.\n Return type: GetBedResponse\n  - name: name | type: string | description: Name of the bed.\n\n\n```\n\n### Examples\n\n### Read a bed\n```curl\ncurl -X GET \\\n'https://www.wixapis.com/greenhouse/v1/beds/3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b?paging.limit=5&fields=SOIL&fields=SUN%20HOURS' \\\n-H 'Authorization: <AUTH>'\n```\n";
    let loaded = wixgen::read_sources(vec![SourceFile::new("get-bed.md", page)]);
    assert!(!loaded.has_errors(), "{}", loaded.render_diagnostics());
    let examples = &loaded.api.methods["getBed"].examples;
    assert_eq!(examples.len(), 1);
    let json: serde_json::Value = serde_json::from_str(&examples[0].json).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "bedId": "3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b",
            "paging": {"limit": 5},
            "fields": ["SOIL", "SUN HOURS"]
        })
    );
}

#[test]
fn fields_indented_under_a_sibling_go_back_to_their_type() {
    let loaded = corpus();
    let api = &loaded.api;
    // `filter` and `sort` are indented like `limit` and `cursor`; the curl example puts
    // `filter` beside `cursorPaging`, and `sort` follows `filter`.
    assert_eq!(names(api, "PlantQuery"), ["cursorPaging", "filter", "sort"]);
    assert_eq!(names(api, "CursorPaging"), ["limit", "cursor"]);
    let w = warnings(&loaded);
    assert!(
        w.contains(&"query-plants.md:35 `filter` (and the entry after it) is indented as a field of `CursorPaging`, but read as a field of `PlantQuery`".to_string()),
        "{w:#?}"
    );
}

#[test]
fn fields_after_a_one_of_group_go_back_to_the_groups_owner() {
    let loaded = corpus();
    let api = &loaded.api;
    // In the request tree `bedId` and what follows are indented like the fields of the
    // one-of member `seedlings`; the response tree, the example and the required paths
    // all put them in `Planting`.
    assert_eq!(names(api, "SeedlingChoice"), ["trayId", "cells"]);
    assert_eq!(names(api, "Planting"), ["id", "bedId", "depth", "notes", "gardenerId", "plantedDate"]);
    assert!(field(api, "Planting", "bedId").required, "`Required parameters: planting.bedId` applies after the move");
    let d = loaded.diagnostics.iter().find(|d| d.message.starts_with("`bedId` (and the 3 entries after it)")).expect("the move is reported");
    let help = d.help.as_deref().unwrap_or_default();
    assert!(help.contains("an example sets `planting.bedId`"), "{help}");
    assert!(help.contains("`Required parameters:` names `planting.bedId`"), "{help}");
    assert!(help.contains("`Planting` lists it at create-planting.md:"), "{help}");
}

#[test]
fn evenly_supported_placements_are_reported_with_both_readings() {
    let loaded = read("dialect-ambiguous");
    assert!(!loaded.has_errors(), "{}", loaded.render_diagnostics());
    let d = loaded.diagnostics.iter().find(|d| d.message.contains("`label` may be a field of")).expect("a warning");
    assert_eq!(d.message, "`label` may be a field of `Slot` (as indented) or of `Tray`; read as indented");
    assert_eq!((&*d.source.file, d.source.line), ("fill-tray.md", 28));
    let help = d.help.as_deref().unwrap();
    assert!(help.contains("`Slot` lists it at get-slot.md:") && help.contains("`Tray` lists it at fill-tray.md:"), "{help}");
    // Read as indented: `Slot` keeps it.
    assert_eq!(names(&loaded.api, "Slot"), ["row", "label"]);
}

#[test]
fn ids_from_names_and_descriptions_with_reasons_and_overrides() {
    let loaded = corpus();
    let api = &loaded.api;
    let id = |ty: &str, name: &str| {
        let f = field(api, ty, name);
        (f.id_kind.clone(), f.id_reason.clone())
    };
    assert_eq!(id("Plant", "id"), (Some("Plant".into()), Some("`id` of `Plant` that is described as a GUID".into())));
    assert_eq!(id("Planting", "bedId"), (Some("Bed".into()), Some("named `bedId` and is described as a GUID".into())));
    assert_eq!(id("SeedlingChoice", "trayId").0.as_deref(), Some("Tray"));
    // The overrides file: one field is no ID, another is one though its description
    // never says GUID.
    let (kind, reason) = id("Planting", "gardenerId");
    assert_eq!(kind, None);
    assert!(reason.unwrap().starts_with("wixgen.toml:4:"));
    let (kind, reason) = id("Plant", "seedLotId");
    assert_eq!(kind.as_deref(), Some("SeedLot"));
    assert!(reason.unwrap().contains("says it holds `SeedLot` IDs"));
    assert!(api.id_kinds["Bed"].guid);
    assert!(!api.id_kinds["SeedLot"].guid);
    assert_eq!(api.id_kinds.keys().collect::<Vec<_>>(), ["Bed", "Plant", "Planting", "SeedLot", "Tray"]);
}

#[test]
fn an_override_naming_no_field_is_a_warning() {
    let files = vec![
        SourceFile::new("wixgen.toml", "[ids]\n\"Nothing.here\" = \"Thing\"\n"),
        SourceFile::new("p.md", "# Resource: x\n\n# Type: Pot Object\n\n## Schema:\n\n```\n Type: Pot Object | type: Pot\n  - name: id | type: string | description: Pot GUID.\n```\n"),
    ];
    let loaded = wixgen::read_sources(files);
    assert!(!loaded.has_errors(), "{}", loaded.render_diagnostics());
    let w = warnings(&loaded);
    assert_eq!(w, ["wixgen.toml:2 override `Nothing.here` names no string field of the pages"]);
    let bad = wixgen::read_sources(vec![SourceFile::new("wixgen.toml", "[ids]\n\"Pot.id\" = 3\n")]);
    assert_eq!(bad.diagnostics[0].message, "the override of `Pot.id` must be a kind (`\"Contact\"`) or `false`");
    assert_eq!((bad.diagnostics[0].source.line, bad.diagnostics[0].source.column), (2, 2));
}

#[test]
fn required_paths_into_unexpanded_fields_warn_and_the_rest_apply() {
    let loaded = corpus();
    let w = warnings(&loaded);
    assert!(
        w.contains(&"query-plants.md:29 required path `query.cursorPaging.fertilizer.brand` names no field: `CursorPaging` has no field `fertilizer`".to_string()),
        "{w:#?}"
    );
    assert!(field(&loaded.api, "QueryPlantsRequest", "query").required);
}

#[test]
fn a_mistyped_type_name_points_at_the_word_and_suggests_the_name() {
    let page = "# Resource: x\n\n# Type: Pot Object\n\n## Schema:\n\n```\n Type: Pot Object | type: Pot\n  - name: soil | type: Sol | description: What it holds.\n  - name: other | type: Soil\n    - name: kind | type: string\n```\n";
    let loaded = wixgen::read_sources(vec![SourceFile::new("pot.md", page)]);
    let errors: Vec<_> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "{}", loaded.render_diagnostics());
    assert_eq!(errors[0].message, "unknown type `Sol` (field `soil` of `Pot`)");
    assert_eq!(errors[0].help.as_deref(), Some("did you mean `Soil`?"));
    assert_eq!((errors[0].source.line, errors[0].source.column), (9, 24));
    let rendered = loaded.render_diagnostics();
    assert!(rendered.contains("^^^"), "the word is underlined:\n{rendered}");
}

#[test]
fn example_keys_no_tree_lists_are_reported() {
    let loaded = corpus();
    let w = warnings(&loaded);
    assert!(
        w.iter().any(|w| w.ends_with("example `Find the tomatoes` sets `fieldsets`, which no schema entry lists")),
        "{w:#?}"
    );
    // Keys the trees do list, at any depth, are not reported.
    assert!(!w.iter().any(|w| w.contains("sets `query")), "{w:#?}");
}
