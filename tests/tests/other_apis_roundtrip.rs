//! Every JSON example of the Contacts and Members pages decodes into the generated types
//! and encodes back to the same JSON; and the IDs of the three APIs are one set of types.
//!
//! The dispatch from a method or event to its generated type is written out, as in
//! `examples_roundtrip.rs`: a method or event the pages gain without this test learning
//! it fails the test.

use std::path::Path;

use serde_json::Value;
use wixgen::ir::ExampleKind;

fn specs(api: &str) -> wixgen::Loaded {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs").join(api);
    let loaded = wixgen::read_specs(&dir).expect("read specs");
    assert!(!loaded.has_errors(), "{}", loaded.render_diagnostics());
    loaded
}

fn roundtrip<T: serde::de::DeserializeOwned + serde::Serialize>(failures: &mut Vec<String>, what: &str, json: &str) {
    let value: Value = serde_json::from_str(json).expect("example is JSON");
    match serde_json::from_value::<T>(value.clone()) {
        Err(e) => failures.push(format!("{what}: does not decode as {}: {e}", std::any::type_name::<T>())),
        Ok(decoded) => {
            let back = serde_json::to_value(&decoded).expect("encodes");
            if back != value {
                failures.push(format!("{what}: re-encodes differently\n  example: {value}\n  encoded: {back}"));
            }
        }
    }
}

/// Runs every example of `api` through `dispatch`; returns how many were checked.
fn check(api: &str, dispatch: impl Fn(&mut Vec<String>, &str, &str, ExampleKind, &str)) -> usize {
    let loaded = specs(api);
    let mut failures = Vec::new();
    let mut count = 0;
    let examples = loaded
        .api
        .methods
        .iter()
        .flat_map(|(n, m)| m.examples.iter().map(move |e| (n.clone(), e)))
        .chain(loaded.api.events.iter().flat_map(|(n, ev)| ev.examples.iter().map(move |e| (n.clone(), e))));
    for (name, ex) in examples {
        count += 1;
        let what = format!("{} ({name}, `{}`)", ex.source, ex.title);
        dispatch(&mut failures, &what, &name, ex.kind, &ex.json);
    }
    assert!(failures.is_empty(), "{} of {count} examples fail:\n{}", failures.len(), failures.join("\n"));
    count
}

#[test]
fn every_contacts_example_round_trips() {
    use wix_contacts::*;
    let n = check("contacts", |f, what, name, kind, json| match (name, kind) {
        ("createContact", ExampleKind::Request) => roundtrip::<CreateContactRequest>(f, what, json),
        ("createContact", ExampleKind::Response) => roundtrip::<CreateContactResponse>(f, what, json),
        ("deleteContact", ExampleKind::Request) => roundtrip::<DeleteContactRequest>(f, what, json),
        ("deleteContact", ExampleKind::Response) => roundtrip::<DeleteContactResponse>(f, what, json),
        ("getContact", ExampleKind::Request) => roundtrip::<GetContactRequest>(f, what, json),
        ("getContact", ExampleKind::Response) => roundtrip::<GetContactResponse>(f, what, json),
        ("queryContacts", ExampleKind::Request) => roundtrip::<QueryContactsRequest>(f, what, json),
        ("queryContacts", ExampleKind::Response) => roundtrip::<QueryContactsResponse>(f, what, json),
        ("updateContact", ExampleKind::Request) => roundtrip::<UpdateContactRequest>(f, what, json),
        ("updateContact", ExampleKind::Response) => roundtrip::<UpdateContactResponse>(f, what, json),
        ("ContactCreated", ExampleKind::Event) => roundtrip::<ContactCreatedEvent>(f, what, json),
        ("ContactDeleted", ExampleKind::Event) => roundtrip::<ContactDeletedEvent>(f, what, json),
        ("ContactMerged", ExampleKind::Event) => roundtrip::<ContactMergedEvent>(f, what, json),
        ("ContactUpdated", ExampleKind::Event) => roundtrip::<ContactUpdatedEvent>(f, what, json),
        (name, kind) => f.push(format!("{what}: no generated type for {name} {kind:?}: teach this test")),
    });
    assert!(n >= 14, "{n} examples");
}

#[test]
fn every_members_example_round_trips() {
    use wix_members::*;
    let n = check("members", |f, what, name, kind, json| match (name, kind) {
        ("createMember", ExampleKind::Request) => roundtrip::<CreateMemberRequest>(f, what, json),
        ("createMember", ExampleKind::Response) => roundtrip::<CreateMemberResponse>(f, what, json),
        ("deleteMember", ExampleKind::Request) => roundtrip::<DeleteMemberRequest>(f, what, json),
        ("deleteMember", ExampleKind::Response) => roundtrip::<DeleteMemberResponse>(f, what, json),
        ("getMember", ExampleKind::Request) => roundtrip::<GetMemberRequest>(f, what, json),
        ("getMember", ExampleKind::Response) => roundtrip::<GetMemberResponse>(f, what, json),
        ("queryMembers", ExampleKind::Request) => roundtrip::<QueryMembersRequest>(f, what, json),
        ("queryMembers", ExampleKind::Response) => roundtrip::<QueryMembersResponse>(f, what, json),
        ("MemberCreated", ExampleKind::Event) => roundtrip::<MemberCreatedEvent>(f, what, json),
        ("MemberDeleted", ExampleKind::Event) => roundtrip::<MemberDeletedEvent>(f, what, json),
        ("MemberUpdated", ExampleKind::Event) => roundtrip::<MemberUpdatedEvent>(f, what, json),
        (name, kind) => f.push(format!("{what}: no generated type for {name} {kind:?}: teach this test")),
    });
    assert!(n >= 11, "{n} examples");
}

/// One `ContactId`, one `MemberId` across the APIs: what a Contacts or Members response
/// carries goes into an Inbox request as it is, with no conversion.
#[test]
fn ids_flow_between_the_apis_without_conversion() {
    fn same<T: 'static, U: 'static>() -> bool {
        std::any::TypeId::of::<T>() == std::any::TypeId::of::<U>()
    }
    assert!(same::<wix_contacts::ContactId, wix_inbox::ContactId>());
    assert!(same::<wix_members::MemberId, wix_inbox::MemberId>());
    assert!(same::<wix_members::ContactId, wix_contacts::ContactId>());
    assert!(same::<wix_ids::ContactId, wix_inbox::ContactId>());

    let contact: wix_contacts::Contact = serde_json::from_value(serde_json::json!({
        "id": "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"
    }))
    .unwrap();
    let id = contact.id().cloned().expect("an id");
    // Accepted by getOrCreateConversation as a participant: no conversion.
    let request = wix_inbox::GetOrCreateConversationRequest::new(id);
    let json = serde_json::to_value(&request).unwrap();
    assert_eq!(json["participantId"]["contactId"], "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d");
}
