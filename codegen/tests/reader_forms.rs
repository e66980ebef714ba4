//! Forms Wix publishes that the reader once rejected, misread or dropped (issue 17), on
//! fixture pages written for the tests (a fictional orchard API in `fixtures/forms/`):
//! what the IR holds for each, and what the user is told.

use std::path::Path;

use wixgen::diag::SourceFile;
use wixgen::ir::{Api, ExampleKind, Field, TypeId, TypeKind};
use wixgen::Loaded;

fn orchard() -> Loaded {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/forms");
    let loaded = wixgen::read_specs(&root).expect("fixtures are readable");
    assert!(!loaded.has_errors(), "{}", loaded.render_diagnostics());
    loaded
}

fn fields<'a>(api: &'a Api, ty: &str) -> &'a [Field] {
    match &api.types.get(&TypeId::new(ty)).unwrap_or_else(|| panic!("no type `{ty}`")).kind {
        TypeKind::Struct { fields, .. } => fields,
        other => panic!("`{ty}` is not a struct: {other:?}"),
    }
}

fn names<'a>(api: &'a Api, ty: &str) -> Vec<&'a str> {
    fields(api, ty).iter().map(|f| f.name.as_str()).collect()
}

fn ty<'a>(api: &'a Api, owner: &str, name: &str) -> &'a str {
    fields(api, owner).iter().find(|f| f.name == name).unwrap_or_else(|| panic!("`{owner}` has no field `{name}`")).ty.as_str()
}

/// `file:line message` of every warning.
fn warnings(loaded: &Loaded) -> Vec<String> {
    loaded.diagnostics.iter().filter(|d| !d.is_error()).map(|d| format!("{}:{} {}", d.source.file, d.source.line, d.message)).collect()
}

fn warned(loaded: &Loaded, needle: &str) -> String {
    let w = warnings(loaded);
    w.iter().find(|w| w.contains(needle)).cloned().unwrap_or_else(|| panic!("no warning with `{needle}`: {w:#?}"))
}

#[test]
fn the_event_type_comes_from_the_example_then_the_override() {
    let loaded = orchard();
    let api = &loaded.api;
    // The domain event's `entityFqdn` and `slug`, as Wix sends it.
    assert_eq!(api.events["TreePlanted"].event_type, "wix.orchard.v1.tree_planted");
    assert_eq!(
        warned(&loaded, "Tree Planted"),
        "tree-planted.md:38 the event type of webhook `Tree Planted` is taken from its example: `wix.orchard.v1.tree_planted` (its `entityFqdn` and `slug`)"
    );
    // What Wix posts, `{eventType, instanceId, data}`, names it outright.
    assert_eq!(api.events["HarvestReady"].event_type, "HarvestReady");
    // A stale example loses to `wixgen.toml`, silently: the user said so.
    assert_eq!(api.events["TreeFelled"].event_type, "wix.orchard.v2.tree_felled");
    assert!(!warnings(&loaded).iter().any(|w| w.contains("Tree Felled")), "{:#?}", warnings(&loaded));
    // No evidence: an event all the same, with an empty type and the override to add.
    assert_eq!(api.events["OrchardSold"].event_type, "");
    assert_eq!(api.events["OrchardSold"].payload.as_str(), "OrchardSoldEvent");
    let unknown = loaded.diagnostics.iter().find(|d| d.message.contains("`Orchard Sold` is unknown")).unwrap();
    assert!(unknown.help.as_deref().unwrap().contains("[events]\n\"Orchard Sold\" = \"<event type>\""), "{unknown:?}");
    // An override that names no webhook is said to, where it is written.
    assert_eq!(warned(&loaded, "Frost Warning"), "wixgen.toml:5 event type override `Frost Warning` names no webhook of the pages");
}

#[test]
fn an_override_may_name_the_page_and_wins_over_an_event_type_line() {
    let page = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/forms/orchard-sold.md")).unwrap();
    let with_line = page.replace(" Webhook: Orchard Sold\n", " Webhook: Orchard Sold\n Event type: wix.orchard.v1.orchard_sold\n");
    let read = |toml: &str| {
        let loaded = wixgen::read_sources(vec![SourceFile::new("sales/orchard-sold.md", with_line.clone()), SourceFile::new("wixgen.toml", toml)]);
        assert!(!loaded.has_errors(), "{}", loaded.render_diagnostics());
        (loaded.api.events["OrchardSold"].event_type.clone(), warnings(&loaded))
    };
    assert_eq!(read(""), ("wix.orchard.v1.orchard_sold".to_string(), vec![]));
    assert_eq!(read("[events]\n\"sales/orchard-sold.md\" = \"wix.orchard.v2.orchard_sold\"\n").0, "wix.orchard.v2.orchard_sold");
    let bad = wixgen::read_sources(vec![SourceFile::new("wixgen.toml", "[events]\n\"Orchard Sold\" = \"two words\"\n")]);
    assert_eq!(bad.diagnostics[0].message, "the event type of `Orchard Sold` must be a string without spaces");
}

#[test]
fn an_example_that_is_not_json_is_reported_where_it_breaks_and_left_out() {
    let loaded = orchard();
    let m = &loaded.api.methods["plantTrees"];
    let titles: Vec<&str> = m.examples.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(titles, ["Plant two plum trees"]);
    let d = loaded.diagnostics.iter().find(|d| d.message.contains("is not valid JSON")).unwrap();
    assert!(!d.is_error());
    // The comment's line, where the JSON goes wrong.
    assert_eq!((d.source.line, d.source.column), (85, 5));
    assert_eq!(d.message, "example `Plant a pear tree, as the docs sketch it` is not valid JSON (expected value at line 3 column 5); it is left out");
}

#[test]
fn a_self_named_parameter_with_fields_under_it_is_an_array_of_objects() {
    let loaded = orchard();
    let api = &loaded.api;
    // `param name: trees | type: array<trees>` with two fields nested under it; the SDK
    // block says `array<Tree>` and the curl example sends objects.
    assert_eq!(ty(api, "PlantTreesRequest", "trees"), "Array<Tree>");
    assert_eq!(names(api, "Tree"), ["id", "variety", "spacing", "plantedDate"]);
    assert_eq!(
        warned(&loaded, "`trees` names itself"),
        "plant-trees.md:35 `trees` names itself as its type (`array<trees>`), which marks a scalar; read as `array<Tree>`: 2 entries are nested under it, the SDK block calls it `array<Tree>`, an example sends an array of objects"
    );
    // Without fields, the SDK block decides: free JSON (said) or a scalar (silently).
    assert_eq!(ty(api, "PlantTreesRequest", "labels"), "object");
    assert!(warned(&loaded, "`labels` names itself").ends_with("read as `object`: the SDK block calls it `object`, an example sends an object"));
    assert_eq!(ty(api, "PlantTreesRequest", "dryRun"), "boolean");
    assert!(!warnings(&loaded).iter().any(|w| w.contains("dryRun")));
}

#[test]
fn fields_after_a_scalar_one_of_member_belong_to_the_groups_owner() {
    let loaded = orchard();
    let api = &loaded.api;
    // Under `param name: care`: the group's marker 1 column deeper, its members 2, and
    // `mulch` and `pruning` 5, where the member `schedule`'s fields would be; a string
    // has none, so they are `CarePlan`'s.
    assert_eq!(names(api, "CarePlan"), ["mulch", "pruning"]);
    let TypeKind::Struct { one_ofs, .. } = &api.types[&TypeId::new("CarePlan")].kind else { panic!() };
    let TypeKind::OneOf { members, .. } = &api.types[&one_ofs[0]].kind else { panic!() };
    assert_eq!(members.iter().map(|m| m.name.as_str()).collect::<Vec<_>>(), ["waterLitres", "schedule"]);
    // A one-of of one member, written without its marker: a field like the others.
    assert_eq!(names(api, "Stake"), ["material", "heightCm", "tied"]);
    // Nothing was left out, and the forms are regular: no word about them.
    assert_eq!(loaded.dropped_count(), 0);
    assert!(!warnings(&loaded).iter().any(|w| w.contains("nested under it were ignored") || w.contains("indentation")), "{:#?}", warnings(&loaded));
}

#[test]
fn a_type_named_and_expanded_nowhere_is_an_empty_message() {
    let loaded = orchard();
    let api = &loaded.api;
    assert_eq!(ty(api, "CarePlan", "pruning"), "Pruning");
    assert_eq!(names(api, "Pruning"), Vec::<&str>::new());
    assert_eq!(
        warned(&loaded, "Pruning"),
        "plant-trees.md:43 type `Pruning` (field `pruning` of `CarePlan`) is expanded on no page: read as an object with no fields"
    );
}

#[test]
fn the_same_parameter_line_twice_is_one_parameter() {
    let loaded = orchard();
    let api = &loaded.api;
    assert_eq!(names(api, "PlantTreesRequest"), ["rowId", "trees", "care", "stake", "labels", "dryRun"]);
    assert_eq!(api.methods["plantTrees"].params.iter().filter(|p| p.name == "rowId").count(), 1);
    assert_eq!(warned(&loaded, "listed twice"), "plant-trees.md:34 field `rowId` of `PlantTreesRequest` is listed twice alike; read once");
}

#[test]
fn a_timestamp_written_as_a_string_on_a_method_page_is_one_type_with_the_webhooks() {
    let loaded = orchard();
    // The response says `string`, the webhook `string (date-time)`: one wire type.
    assert_eq!(ty(&loaded.api, "Tree", "plantedDate"), "timestamp");
    assert!(!warnings(&loaded).iter().any(|w| w.contains("here and")), "{:#?}", warnings(&loaded));
}

#[test]
fn every_example_of_the_fixtures_decodes() {
    // `createdEvent.entityAsJson` (JSON text), the posted envelope's `data` (JSON text),
    // the curl body with its path parameter from the URL: all decode, so none is reported.
    let loaded = orchard();
    assert!(!warnings(&loaded).iter().any(|w| w.contains("does not decode") || w.contains("no schema entry lists")), "{:#?}", warnings(&loaded));
    let api = &loaded.api;
    assert_eq!(api.events["TreePlanted"].examples.len(), 1);
    assert_eq!(api.events["HarvestReady"].examples[0].kind, ExampleKind::Event);
}

#[test]
fn a_tab_in_the_indentation_reads_as_the_page_shows_it() {
    // Issue 18: one tab before a nested field made most of a type vanish silently. A tab
    // goes to the next tab stop (every 8 columns, as a browser shows the code block).
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/forms/plant-trees.md");
    let page = std::fs::read_to_string(path).unwrap();
    // The response's `Tree` fields, 8 columns deep.
    let tree_fields = ["id | type: string", "variety |", "spacing |", "plantedDate |"];
    let mut deep = page.clone();
    for f in tree_fields {
        let from = format!("\n     - name: {f}");
        assert!(deep.contains(&from), "{from}");
        deep = deep.replacen(&from, &format!("\n        - name: {f}"), 1);
    }
    let tabbed = deep.replacen("\n        - name: spacing |", "\n\t- name: spacing |", 1);
    let one_column = deep.replacen("\n        - name: spacing |", "\n - name: spacing |", 1);
    let read = |text: &str| wixgen::read_sources(vec![SourceFile::new("plant-trees.md", text)]);
    let (spaces, tab, lossy) = (read(&deep), read(&tabbed), read(&one_column));
    assert_eq!(names(&spaces.api, "Tree"), ["id", "variety", "spacing", "plantedDate"]);
    assert_eq!(names(&tab.api, "Tree"), names(&spaces.api, "Tree"));
    // Counted as one column (as before), the line left the tree and took the rest along.
    assert_ne!(names(&lossy.api, "Tree"), names(&spaces.api, "Tree"));
    let d = tab.diagnostics.iter().find(|d| d.message.starts_with("a tab")).expect("the tab is reported");
    assert_eq!(d.message, "a tab in the indentation: read as column 8 (tab stops every 8 columns)");
    assert!(!d.is_error());
}

#[test]
fn entries_the_reader_cannot_place_are_counted_as_dropped() {
    let page = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/forms/plant-trees.md")).unwrap();
    // A scalar parameter with fields under it (not self-named: nothing makes it an
    // object), and a line of no known form.
    let lossy = page
        .replacen("   param name: stake | type: Stake   \n", "   param name: stake | type: string   \n", 1)
        .replacen(" Method parameters: \n", " Method parameters: \n   this line means nothing\n", 1);
    let loaded = wixgen::read_sources(vec![SourceFile::new("plant-trees.md", lossy)]);
    assert!(!loaded.has_errors(), "{}", loaded.render_diagnostics());
    // `material`, `heightCm` and `tied` under `stake`, and the unknown line.
    assert_eq!(loaded.dropped_count(), 4, "{}", loaded.render_diagnostics());
    assert!(loaded.tally().ends_with(", 4 entries dropped"), "{}", loaded.tally());
}

#[test]
fn an_enum_named_like_the_object_holding_it_is_its_nested_enum() {
    let loaded = orchard();
    let api = &loaded.api;
    // `Rootstock` (an object: a one-of of `common` and `named`) holds `common`, an enum the
    // page also calls `Rootstock`: both are kept, the enum named parent first.
    assert_eq!(ty(api, "Graft", "rootstock"), "Rootstock");
    let group = match &api.types[&TypeId::new("Rootstock")].kind {
        TypeKind::Struct { one_ofs, .. } => &one_ofs[0],
        other => panic!("`Rootstock` is not an object: {other:?}"),
    };
    let members = match &api.types[group].kind {
        TypeKind::OneOf { members, .. } => members,
        other => panic!("not a one-of: {other:?}"),
    };
    let common = members.iter().find(|m| m.name == "common").expect("the enum member");
    assert_eq!(common.ty.as_str(), "RootstockRootstock");
    match &api.types[&TypeId::new("RootstockRootstock")].kind {
        TypeKind::Enum { values } => assert_eq!(values.iter().map(|v| v.name.as_str()).collect::<Vec<_>>(), ["DWARFING", "SEMI_VIGOROUS", "VIGOROUS"]),
        other => panic!("not an enum: {other:?}"),
    }
    assert!(!warnings(&loaded).iter().any(|w| w.contains("Rootstock")), "{:#?}", warnings(&loaded));
}
