//! Wix's own pages, read from `../shared` beside the workspace when it is there: the
//! 27-API corpus rendered from Wix's definitions (`wix-corpus/`) and the two real pages
//! (`real-pages/`). Each test says plainly when it skips because `../shared` is missing.

mod common {
    pub mod shared;
}

use std::collections::BTreeMap;

use common::shared::{corpus_apis, shared};
use wixgen::ir::{Api, TypeId, TypeKind};
use wixgen::Loaded;

/// Every API folder of the corpus, read as `wixgen check` reads it; a panic fails the test
/// naming the folder.
fn corpus() -> Option<Vec<(String, Loaded)>> {
    let apis = corpus_apis()?
        .into_iter()
        .map(|dir| {
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            let loaded = std::panic::catch_unwind(|| wixgen::read_specs(&dir).expect("readable"))
                .unwrap_or_else(|_| panic!("reading {name} panicked"));
            (name, loaded)
        })
        .collect();
    Some(apis)
}

#[test]
fn every_api_of_the_corpus_reads_with_no_error_and_nothing_dropped() {
    let Some(apis) = corpus() else { return };
    let mut problems = Vec::new();
    let (mut errors, mut warnings, mut dropped) = (0, 0, 0);
    for (name, loaded) in &apis {
        for d in loaded.diagnostics.iter().filter(|d| d.is_error()) {
            problems.push(format!("{name}: {d}"));
        }
        errors += loaded.error_count();
        warnings += loaded.warning_count();
        dropped += loaded.dropped_count();
        if loaded.dropped_count() > 0 {
            problems.push(format!("{name}: {} entries dropped\n{}", loaded.dropped_count(), loaded.render_diagnostics()));
        }
    }
    // What `wixgen check` over the corpus comes to (the issue's measure).
    eprintln!("wix-corpus: {} APIs, {errors} errors, {warnings} warnings, {dropped} entries dropped", apis.len());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let api = |name: &str| &apis.iter().find(|(n, _)| n == name).unwrap().1.api;
    // The forms the corpus is there for are in the IR, not only "no error".
    assert_eq!(api("wix-data").types[&TypeId::new("Count")].kind, TypeKind::Struct { fields: vec![], one_ofs: vec![] }, "an empty message");
    assert!(api("wix-events").methods.values().all(|m| m.request.as_str() != ""));
}

/// The JSON example under a webhook page's `### Examples`, if it has one that parses.
fn example_of(page: &str) -> Option<serde_json::Value> {
    let at = page.find("\n### Examples")?;
    let rest = &page[at..];
    let open = rest.find("```json\n")? + "```json\n".len();
    let close = rest[open..].find("\n```")?;
    serde_json::from_str(&rest[open..open + close]).ok()
}

/// What the example says the event type is: the envelope's `eventType`, else
/// `<entityFqdn>_<slug>` of the domain event (or of the JSON text of the envelope's `data`).
fn named_by(v: &serde_json::Value) -> Option<String> {
    let text = |v: &serde_json::Value, k: &str| v.get(k)?.as_str().map(str::to_string);
    if let Some(t) = text(v, "eventType") {
        return Some(t);
    }
    let event = match (text(v, "entityFqdn"), text(v, "data")) {
        (Some(_), _) => v.clone(),
        (None, Some(data)) => serde_json::from_str(&data).ok()?,
        _ => return None,
    };
    Some(format!("{}_{}", text(&event, "entityFqdn")?, text(&event, "slug")?))
}

#[test]
fn every_webhook_whose_example_names_its_event_type_has_that_type() {
    let Some(apis) = corpus() else { return };
    let root = shared("wix-corpus").unwrap();
    let (mut named, mut unnamed) = (0, 0);
    let mut wrong = Vec::new();
    for (name, loaded) in &apis {
        for page in loaded.api.pages.iter().filter(|p| p.kind == wixgen::ir::PageKind::Webhook) {
            let text = std::fs::read_to_string(root.join(name).join(&*page.source.file)).unwrap();
            let event = loaded.api.events.values().find(|e| e.source.file == page.source.file);
            let Some(event) = event else {
                wrong.push(format!("{name}/{}: no event", page.source.file));
                continue;
            };
            match example_of(&text).as_ref().and_then(named_by) {
                Some(expected) => {
                    named += 1;
                    if event.event_type != expected {
                        wrong.push(format!("{name}/{}: `{}`, the example says `{expected}`", page.source.file, event.event_type));
                    }
                }
                None => {
                    unnamed += 1;
                    if !event.event_type.is_empty() {
                        wrong.push(format!("{name}/{}: `{}` from no evidence", page.source.file, event.event_type));
                    }
                }
            }
        }
    }
    eprintln!("wix-corpus: {named} webhook pages name their event type in an example, {unnamed} do not");
    assert!(named >= 30, "{named}");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_example_of_the_corpus_is_in_the_ir_or_reported() {
    let Some(apis) = corpus() else { return };
    let root = shared("wix-corpus").unwrap();
    let mut missing = Vec::new();
    let mut total = 0;
    for (name, loaded) in &apis {
        let mut in_ir: BTreeMap<&str, usize> = BTreeMap::new();
        let examples = loaded.api.methods.values().flat_map(|m| &m.examples).chain(loaded.api.events.values().flat_map(|e| &e.examples));
        for e in examples {
            *in_ir.entry(&e.source.file).or_default() += 1;
        }
        for page in &loaded.api.pages {
            let text = std::fs::read_to_string(root.join(name).join(&*page.source.file)).unwrap();
            // The fences of the REST part's examples: each read, or said to be left out.
            let rest = &text[..text.find("## JavaScript SDK").unwrap_or(text.len())];
            let Some(at) = rest.find("\n### Examples") else { continue };
            let fences = rest[at..].matches("```curl\n").count() + rest[at..].matches("```json\n").count();
            let reported = loaded
                .diagnostics
                .iter()
                .filter(|d| d.source.file == page.source.file && (d.message.contains("is not valid JSON") || d.message.starts_with("curl example")))
                .count();
            let read = in_ir.get(&*page.source.file).copied().unwrap_or(0);
            total += fences;
            if read + reported != fences {
                missing.push(format!("{name}/{}: {fences} examples, {read} read, {reported} reported", page.source.file));
            }
        }
    }
    eprintln!("wix-corpus: {total} examples, each decoded against the IR or reported");
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

fn field_types(api: &Api, ty: &str) -> Vec<String> {
    match &api.types[&TypeId::new(ty)].kind {
        TypeKind::Struct { fields, .. } => fields.iter().map(|f| format!("{}: {}", f.name, f.ty)).collect(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_real_pages_keep_reading_as_they_did() {
    let Some(dir) = shared("real-pages") else { return };
    let loaded = wixgen::read_specs(&dir).unwrap();
    assert!(!loaded.has_errors(), "{}", loaded.render_diagnostics());
    let api = &loaded.api;
    assert_eq!(api.types.len(), 55);
    assert_eq!(api.id_kinds.len(), 18);
    let examples: Vec<(&str, usize)> = api.methods.values().map(|m| (m.name.as_str(), m.examples.len())).collect();
    assert_eq!(examples, [("createBooking", 3), ("queryResourceTypes", 2)]);
    assert_eq!(field_types(api, "CursorQuery"), ["cursorPaging: CursorPaging", "filter: object", "sort: Array<Sorting>"]);
    assert_eq!(field_types(api, "QueryResourceTypesResponse"), ["resourceTypes: Array<ResourceType>", "pagingMetadata: CursorPagingMetadata"]);
    // One reading changed: `formSubmission` names itself as its type, and the SDK block
    // says `object` (a map of the form's fields), where it was read as a string.
    assert_eq!(
        field_types(api, "CreateBookingRequest"),
        [
            "booking: Booking",
            "flowControlSettings: CreateBookingFlowControlSettings",
            "formSubmission: object",
            "participantNotification: ParticipantNotification",
            "sendSmsReminder: boolean",
        ]
    );
    let booking = field_types(api, "Booking");
    assert_eq!(booking.len(), 21);
    assert_eq!(booking[1], "bookedEntity: BookedEntity");
    let warnings: Vec<String> = loaded.diagnostics.iter().map(|d| format!("{}:{}", d.source.file, d.source.line)).collect();
    assert_eq!(
        warnings,
        [
            "create-booking.md:27",
            "create-booking.md:42",
            "create-booking.md:145",
            "create-booking.md:317",
            "create-booking.md:368",
            "create-booking.md:413",
            "create-booking.md:413",
            "query-resource-types.md:36",
        ],
        "{}",
        loaded.render_diagnostics()
    );
    assert_eq!(loaded.dropped_count(), 0);
}
