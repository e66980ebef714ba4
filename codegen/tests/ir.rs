//! The IR of `specs/`: a reviewed snapshot, and a completeness check against the Inbox
//! API's types, fields, flags and enums.

mod common {
    pub mod inbox_facts;
}

use std::collections::BTreeSet;
use std::path::Path;

use common::inbox_facts::{ENUMS, TYPES};
use wixgen::ir::{Api, Field, TypeId, TypeKind};

fn specs() -> Api {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/inbox");
    let loaded = wixgen::read_specs(&dir).expect("specs/ is readable");
    assert!(loaded.diagnostics.is_empty(), "specs/ has problems:\n{}", loaded.render_diagnostics());
    loaded.api
}

/// The whole IR as `wixgen ir specs` prints it. A change here is a change to what every
/// later stage sees: review the diff (`cargo insta review`) before accepting it.
#[test]
fn ir_of_the_specs_matches_the_reviewed_snapshot() {
    let json = serde_json::to_string_pretty(&specs()).expect("the IR serialises");
    insta::assert_snapshot!("inbox_ir", json);
}

#[test]
fn reading_twice_gives_identical_ir() {
    let a = serde_json::to_string(&specs()).unwrap();
    let b = serde_json::to_string(&specs()).unwrap();
    assert_eq!(a, b);
}

/// A struct's fields and its one-of members, each with whether it is in a group.
fn all_fields<'a>(api: &'a Api, id: &TypeId) -> Vec<(&'a Field, bool)> {
    let def = api.types.get(id).unwrap_or_else(|| panic!("type `{id}` is missing from the IR"));
    let TypeKind::Struct { fields, one_ofs } = &def.kind else { panic!("`{id}` is not a struct: {:?}", def.kind) };
    let mut out: Vec<_> = fields.iter().map(|f| (f, false)).collect();
    for g in one_ofs {
        let TypeKind::OneOf { members, .. } = &api.types[g].kind else { panic!("`{g}` is not a one-of group") };
        out.extend(members.iter().map(|f| (f, true)));
    }
    out
}

#[test]
fn every_method_and_event_of_the_inbox_api_is_read() {
    let api = specs();
    let methods: Vec<_> = api.methods.keys().map(String::as_str).collect();
    assert_eq!(methods, ["getConversation", "getOrCreateConversation", "listMessages", "sendMessage"]);
    let events: Vec<_> = api.events.values().map(|e| e.event_type.as_str()).collect();
    assert_eq!(
        events,
        [
            "wix.crm.inbox.v2.message_button_interacted",
            "wix.crm.inbox.v2.conversation_conversations_merged",
            "wix.crm.inbox.v2.message_message_sent_to_business",
            "wix.crm.inbox.v2.message_message_sent_to_participant",
        ]
    );
    for m in api.methods.values() {
        let kinds: BTreeSet<_> = m.examples.iter().map(|e| e.kind).collect();
        assert!(kinds.len() >= 2, "`{}` needs a request and a response example, has {kinds:?}", m.name);
    }
}

#[test]
fn every_type_of_the_inbox_api_has_its_fields_and_flags() {
    let api = specs();
    for (name, expected) in TYPES {
        let fields = all_fields(&api, &TypeId::new(*name));
        let got: Vec<&str> = fields.iter().map(|(f, _)| f.name.as_str()).collect();
        let want: Vec<&str> = expected.iter().map(|(f, _)| *f).collect();
        let (mut got_sorted, mut want_sorted) = (got.clone(), want.clone());
        got_sorted.sort();
        want_sorted.sort();
        assert_eq!(got_sorted, want_sorted, "fields of `{name}`");
        for (field, flags) in *expected {
            let (f, in_group) = fields.iter().find(|(f, _)| f.name == *field).unwrap();
            let ctx = format!("`{name}.{field}`");
            assert_eq!(f.read_only, flags.contains("read-only"), "read-only of {ctx}");
            assert_eq!(f.deprecated.is_some(), flags.contains("deprecated"), "deprecated of {ctx}");
            assert_eq!(*in_group, flags.contains("one-of"), "one-of membership of {ctx}");
            if flags.contains("required") {
                assert!(f.required, "{ctx} must be required");
            }
        }
    }
}

#[test]
fn every_enum_of_the_inbox_api_has_its_values_in_order() {
    let api = specs();
    for (name, values) in ENUMS {
        let def = api.types.get(&TypeId::new(*name)).unwrap_or_else(|| panic!("enum `{name}` is missing"));
        let TypeKind::Enum { values: got } = &def.kind else { panic!("`{name}` is not an enum") };
        let got: Vec<&str> = got.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(got, *values, "values of `{name}`");
    }
}

#[test]
fn deprecated_fields_name_their_replacement() {
    let api = specs();
    let note = |ty: &str, field: &str| {
        all_fields(&api, &TypeId::new(ty)).into_iter().find(|(f, _)| f.name == field).unwrap().0.deprecated.clone().unwrap()
    };
    assert!(note("Message", "targetChannels").contains("targetChannelIds"));
    assert!(note("Message", "sourceChannel").contains("sourceChannelId"));
    assert!(note("SendMessageRequest", "silent").contains("silent"));
}

#[test]
fn id_fields_are_tied_to_their_kinds_and_participants_to_the_article() {
    let api = specs();
    let kind = |ty: &str, field: &str| {
        all_fields(&api, &TypeId::new(ty)).into_iter().find(|(f, _)| f.name == field).unwrap().0.id_kind.clone()
    };
    assert_eq!(kind("Conversation", "id").as_deref(), Some("Conversation"));
    assert_eq!(kind("ConversationsMerged", "targetConversationId").as_deref(), Some("Conversation"));
    assert_eq!(kind("ConversationsMerged", "oldConversationIds").as_deref(), Some("Conversation"));
    assert_eq!(kind("ParticipantId", "memberId").as_deref(), Some("Member"));
    assert_eq!(kind("messages.IdentificationData", "wixUserId").as_deref(), Some("WixUser"));
    assert_eq!(kind("Message", "id").as_deref(), Some("Message"));
    assert_eq!(kind("Message", "sourceChannelId"), None);
    assert_eq!(kind("PostbackProperties", "interactionId"), None);
    assert!(api.id_kinds["Conversation"].guid);
    assert!(!api.id_kinds["Message"].guid, "message IDs are not GUIDs");

    let kinds: Vec<_> = api.participant_kinds.iter().map(|p| (p.label.as_str(), p.id_kind.as_str(), p.obtainable)).collect();
    assert_eq!(kinds, [("Anonymous visitor", "AnonymousVisitor", false), ("Contact", "Contact", true), ("Member", "Member", true)]);
}

#[test]
fn methods_know_where_each_parameter_travels() {
    let api = specs();
    let locations = |m: &str| -> Vec<(String, String)> {
        api.methods[m].params.iter().map(|p| (p.name.clone(), format!("{:?}", p.location))).collect()
    };
    assert_eq!(locations("getConversation"), [("conversationId".into(), "Path".into())]);
    assert_eq!(locations("listMessages")[2], ("paging".into(), "Query".into()));
    assert_eq!(locations("sendMessage")[1], ("message".into(), "Body".into()));
    let send = &api.methods["sendMessage"];
    assert_eq!(send.required, ["conversationId", "message", "message.content"]);
    // `message.content` marks the field on the shared Message type.
    assert!(all_fields(&api, &TypeId::new("Message")).iter().any(|(f, _)| f.name == "content" && f.required));
    let codes: Vec<_> = send.errors.iter().map(|e| e.code.as_str()).collect();
    assert_eq!(codes, ["IDENTITY_DOES_NOT_MATCH", "INBOX_INSTANCE_NOT_FOUND", "INVALID_MEDIA_URL"]);
}
