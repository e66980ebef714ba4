//! Every JSON example in `specs/` decodes into the generated types and encodes back to the
//! same JSON value; and the generated operations and event types say what the specs say.
//!
//! The dispatch from a method or event to its generated types is written out here: a
//! method or event the specs gain without this test learning it fails the test.

use std::path::Path;

use serde_json::Value;
use wix_inbox::rt::{Event, Request};
use wix_inbox::*;
use wixgen::ir::ExampleKind;

fn specs() -> wixgen::Loaded {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/inbox");
    let loaded = wixgen::read_specs(&dir).expect("read specs");
    let errors: Vec<String> = loaded.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.to_string()).collect();
    assert!(errors.is_empty(), "the specs have errors:\n{}", errors.join("\n"));
    loaded
}

/// Decodes `json` as `$ty`, encodes it back, and records any difference.
macro_rules! roundtrip {
    ($failures:expr, $what:expr, $ty:ty, $json:expr) => {{
        let value: Value = serde_json::from_str($json).expect("example is JSON");
        match serde_json::from_value::<$ty>(value.clone()) {
            Err(e) => $failures.push(format!("{}: does not decode as {}: {e}", $what, stringify!($ty))),
            Ok(decoded) => {
                let back = serde_json::to_value(&decoded).expect("encodes");
                if back != value {
                    $failures.push(format!(
                        "{}: {} re-encodes differently\n  example: {value}\n  encoded: {back}",
                        $what,
                        stringify!($ty)
                    ));
                }
            }
        }
    }};
}

#[test]
fn every_example_round_trips() {
    let loaded = specs();
    let api = &loaded.api;
    let mut failures = Vec::new();
    let mut count = 0;
    for (name, method) in &api.methods {
        for ex in &method.examples {
            count += 1;
            let what = format!("{} ({}, `{}`)", ex.source, name, ex.title);
            let json = ex.json.as_str();
            match (name.as_str(), ex.kind) {
                ("getConversation", ExampleKind::Request) => roundtrip!(failures, what, GetConversationRequest, json),
                ("getConversation", ExampleKind::Response) => roundtrip!(failures, what, GetConversationResponse, json),
                ("getOrCreateConversation", ExampleKind::Request) => {
                    roundtrip!(failures, what, GetOrCreateConversationRequest, json)
                }
                ("getOrCreateConversation", ExampleKind::Response) => {
                    roundtrip!(failures, what, GetOrCreateConversationResponse, json)
                }
                ("listMessages", ExampleKind::Request) => roundtrip!(failures, what, ListMessagesRequest, json),
                ("listMessages", ExampleKind::Response) => roundtrip!(failures, what, ListMessagesResponse, json),
                ("sendMessage", ExampleKind::Request) => roundtrip!(failures, what, SendMessageRequest, json),
                ("sendMessage", ExampleKind::Response) => roundtrip!(failures, what, SendMessageResponse, json),
                (name, kind) => failures.push(format!("{what}: no generated type for {name} {kind:?}: teach this test")),
            }
        }
    }
    for (name, event) in &api.events {
        for ex in &event.examples {
            count += 1;
            let what = format!("{} ({}, `{}`)", ex.source, name, ex.title);
            let json = ex.json.as_str();
            match (name.as_str(), ex.kind) {
                ("ButtonInteracted", ExampleKind::Event) => roundtrip!(failures, what, ButtonInteractedEvent, json),
                ("ConversationsMerged", ExampleKind::Event) => roundtrip!(failures, what, ConversationsMergedEvent, json),
                ("MessageSentToBusiness", ExampleKind::Event) => {
                    roundtrip!(failures, what, MessageSentToBusinessEvent, json)
                }
                ("MessageSentToParticipant", ExampleKind::Event) => {
                    roundtrip!(failures, what, MessageSentToParticipantEvent, json)
                }
                (name, kind) => failures.push(format!("{what}: no generated type for {name} {kind:?}: teach this test")),
            }
        }
    }
    assert!(count > 0, "the specs have no examples");
    eprintln!("{count} examples checked");
    assert!(failures.is_empty(), "{} of {count} examples fail:\n{}", failures.len(), failures.join("\n"));
}

/// Each generated `Request` describes its method as the specs do.
#[test]
fn operations_match_the_specs() {
    fn op<R: Request>() -> wix_inbox::rt::Operation {
        R::OPERATION
    }
    let loaded = specs();
    let mut seen = 0;
    for (name, m) in &loaded.api.methods {
        let op = match name.as_str() {
            "getConversation" => op::<GetConversationRequest>(),
            "getOrCreateConversation" => op::<GetOrCreateConversationRequest>(),
            "listMessages" => op::<ListMessagesRequest>(),
            "sendMessage" => op::<SendMessageRequest>(),
            other => panic!("no generated request for {other}: teach this test"),
        };
        seen += 1;
        assert_eq!(op.name, m.name);
        assert_eq!(op.path, m.path, "{name}");
        assert_eq!(format!("{:?}", op.verb).to_uppercase(), format!("{:?}", m.verb).to_uppercase(), "{name}");
        let params: Vec<(String, String)> = m.params.iter().map(|p| (p.name.clone(), format!("{:?}", p.location))).collect();
        let got: Vec<(String, String)> = op.params.iter().map(|(n, l)| (n.to_string(), format!("{l:?}"))).collect();
        assert_eq!(got, params, "{name}");
        let scopes: Vec<&str> = m.scopes.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(op.scopes, scopes.as_slice(), "{name}");
    }
    assert_eq!(seen, 4);
}

/// The event enum decodes each example's payload by its event type, to the same value the
/// example's body holds.
#[test]
fn events_decode_by_event_type() {
    let loaded = specs();
    let mut seen = 0;
    for (name, e) in &loaded.api.events {
        let constant = match name.as_str() {
            "ButtonInteracted" => ButtonInteracted::EVENT_TYPE,
            "ConversationsMerged" => ConversationsMerged::EVENT_TYPE,
            "MessageSentToBusiness" => MessageSentToBusiness::EVENT_TYPE,
            "MessageSentToParticipant" => MessageSentToParticipant::EVENT_TYPE,
            other => panic!("no generated event for {other}: teach this test"),
        };
        assert_eq!(constant, e.event_type);
        for ex in &e.examples {
            let body: Value = serde_json::from_str(&ex.json).unwrap();
            let payload = body["actionEvent"]["body"].clone();
            let decoded = WebhookEvent::from_value(&e.event_type, payload.clone())
                .unwrap_or_else(|err| panic!("{}: {err}", ex.source));
            assert!(!matches!(decoded, WebhookEvent::Unknown { .. }), "{}: a known event type", ex.source);
            assert_eq!(decoded.event_type(), e.event_type);
            let text = payload.to_string();
            assert_eq!(WebhookEvent::from_json(&e.event_type, &text).unwrap(), decoded);
            seen += 1;
        }
    }
    assert!(seen >= 4);
    // An event type the API does not list is kept, with its payload.
    assert_eq!(
        WebhookEvent::from_json("wix.some.other_event", r#"{"a": 1}"#).unwrap(),
        WebhookEvent::Unknown { event_type: "wix.some.other_event".into(), json: serde_json::json!({"a": 1}) }
    );
}

/// The check above does catch a lossy or failing decode.
#[test]
fn the_round_trip_check_can_fail() {
    let mut failures: Vec<String> = Vec::new();
    let id = "5c2a9b4e-8f31-4d6a-9e07-3b1f2c4d5e6f";
    roundtrip!(failures, "exact", GetConversationRequest, &format!(r#"{{"conversationId": "{id}"}}"#));
    assert!(failures.is_empty(), "{failures:?}");
    roundtrip!(failures, "a key the type drops", GetConversationRequest, &format!(r#"{{"conversationId": "{id}", "x": 1}}"#));
    roundtrip!(failures, "not a GUID", GetConversationRequest, r#"{"conversationId": "nope"}"#);
    roundtrip!(failures, "two members", GetOrCreateConversationRequest, &format!(r#"{{"participantId": {{"memberId": "{id}", "contactId": "{id}"}}}}"#));
    assert_eq!(failures.len(), 3, "{failures:#?}");
}
