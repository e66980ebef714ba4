use super::*;
use crate::ir::TypeKind;

fn errors(files: Vec<SourceFile>) -> crate::Loaded {
    let loaded = crate::read_sources(files);
    assert!(!loaded.has_errors(), "{}", loaded.render_diagnostics());
    loaded
}

#[test]
fn ten_pages_read_without_errors() {
    let files = corpus(10);
    assert_eq!(files.len(), 10);
    let loaded = errors(files);
    assert!(!loaded.api.methods.is_empty());
}

#[test]
fn a_hundred_pages_read_without_errors_and_warn_only_of_undone_slips() {
    let files = corpus(100);
    assert_eq!(files.len(), 100);
    let loaded = errors(files);
    let moves = loaded.diagnostics.iter().filter(|d| d.message.contains("is indented as a field of")).count();
    assert_eq!(moves, loaded.diagnostics.len(), "{}", loaded.render_diagnostics());
    assert!(moves >= 3, "{moves} slips undone");
    let api = &loaded.api;
    assert!(api.methods.len() >= 50, "{} methods", api.methods.len());
    assert!(api.events.len() >= 15, "{} events", api.events.len());
    // Every page kind the generator writes is there.
    let kinds: std::collections::BTreeSet<_> = api.pages.iter().map(|p| format!("{:?}", p.kind)).collect();
    assert_eq!(kinds.len(), 3, "{kinds:?}");
    // One-of groups, enums and wrappers made it into the IR.
    assert!(api.types.values().any(|t| matches!(t.kind, TypeKind::OneOf { .. })));
    assert!(api.types.values().any(|t| matches!(t.kind, TypeKind::Enum { .. })));
    assert!(api.types.values().any(|t| matches!(t.kind, TypeKind::Nullable { .. })));
}

#[test]
fn a_hundred_pages_go_through_the_emitter() {
    let loaded = errors(corpus(100));
    let output = crate::emit::emit(&loaded.api, &crate::Settings::default());
    assert!(output.is_ok(), "{:?}", output.err());
}

#[test]
fn shared_types_are_expanded_on_many_pages_and_merge_into_one() {
    let files = corpus(100);
    let expanding = files.iter().filter(|f| f.text.contains("| type: PagingMetadataV2 |")).count();
    assert!(expanding >= 5, "PagingMetadataV2 expanded on {expanding} pages");
    let main = files.iter().filter(|f| f.text.contains("order | type: Order |") || f.text.contains("| type: array<Order> |")).count();
    assert!(main >= 5, "Order expanded on {main} pages");
    let loaded = errors(files);
    let ids: Vec<_> = loaded.api.types.keys().filter(|id| id.0.ends_with("PagingMetadataV2") || id.0 == "Order").collect();
    assert_eq!(ids.len(), 2, "{ids:?}: shared types must merge, not split by namespace");
}

#[test]
fn the_corpus_is_deterministic_and_grows_by_appending() {
    let a = corpus(40);
    let b = corpus(40);
    let c = corpus(90);
    for (x, y) in a.iter().zip(&b) {
        assert_eq!((&x.name, &x.text), (&y.name, &y.text));
    }
    for (x, y) in a.iter().zip(&c) {
        assert_eq!((&x.name, &x.text), (&y.name, &y.text));
    }
    let other = corpus_seeded(40, 7);
    assert!(a.iter().zip(&other).any(|(x, y)| x.text != y.text));
}

#[test]
fn page_names_are_unique() {
    let files = corpus(2000);
    let names: HashSet<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names.len(), files.len());
}

#[test]
fn examples_are_json() {
    for f in corpus(30) {
        let mut rest = f.text.as_str();
        while let Some(at) = rest.find("```json\n") {
            let body = &rest[at + 8..];
            let end = body.find("```").expect("closed fence");
            // Type pages fence their schema as `json` too, as real pages do.
            if body.trim_start().starts_with('{') {
                serde_json::from_str::<Value>(&body[..end]).unwrap_or_else(|e| panic!("{}: {e}", f.name));
            }
            rest = &body[end + 3..];
        }
    }
}

#[test]
fn corpus_with_types_reaches_the_count_with_whole_resources() {
    let files = corpus_with_types(300, DEFAULT_SEED);
    let loaded = errors(files);
    let named = loaded.api.types.values().filter(|t| matches!(t.kind, TypeKind::Struct { .. } | TypeKind::Enum { .. })).count();
    assert!(named >= 300, "{named} named types");
}

#[test]
fn written_corpora_read_back_the_same() {
    let dir = std::env::temp_dir().join(format!("wixgen-synth-{}", std::process::id()));
    let files = corpus(25);
    write_corpus(&dir, &files).unwrap();
    let loaded = crate::read_specs(&dir).unwrap();
    std::fs::remove_dir_all(&dir).ok();
    assert!(!loaded.has_errors(), "{}", loaded.render_diagnostics());
    assert_eq!(loaded.files.len(), 25);
}

#[test]
fn slipped_fields_land_in_their_own_types() {
    let mut g = Generator::new(DEFAULT_SEED);
    let mut files = Vec::new();
    while files.len() < 150 {
        g.resource(&mut files);
    }
    let slipped = files.iter().filter(|f| f.text.contains("\n       - name: ") && f.text.contains("# Method link:")).count();
    assert!(slipped >= 3, "{slipped} pages slip");
    let loaded = errors(files);
    let mut checked = 0;
    for (name, want) in g.struct_fields() {
        let Some(t) = loaded.api.types.iter().find(|(id, _)| id.0 == name || id.0.ends_with(&format!(".{name}"))).map(|(_, t)| t) else { continue };
        let TypeKind::Struct { fields, .. } = &t.kind else { continue };
        let mut got: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
        let mut want: Vec<&str> = want.iter().map(String::as_str).collect();
        got.sort_unstable();
        want.sort_unstable();
        assert_eq!(got, want, "the fields of `{name}`");
        checked += 1;
    }
    assert!(checked >= 100, "{checked} structs checked");
}

#[test]
fn pages_are_written_in_the_2026_dialect() {
    let text: String = corpus(60).iter().map(|f| f.text.as_str()).collect();
    for marker in ["| type: array<", "| type: array |", "- enum: ", "- enum:\n", "-     ", "- ONE-OF: - required: true", " Possible Errors:", "## JavaScript SDK", "PROMISE<", "_id | type: string", "| type: Date |", "```curl\n", "-d '"] {
        assert!(text.contains(marker), "no `{marker}` in the corpus");
    }
    for old in ["Array<", "- ENUM:", "| HTTP Code |", "#### "] {
        assert!(!text.contains(old), "`{old}` is the older dialect");
    }
}
