//! Shared by the webhook tests: the event types and IDs they use, and tokens signed with
//! the TEST-ONLY keys (tests/keys).
#![allow(dead_code)]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{json, Value};
use wix_inbox::webhook::WebhookVerifier;
use wix_local_server::{sign_rs256, webhook_claims, EventParts};

use crate::inbox_support::{PRIVATE_1, PUBLIC_1};

pub const MERGED: &str = "wix.crm.inbox.v2.conversation_conversations_merged";
pub const TO_BUSINESS: &str = "wix.crm.inbox.v2.message_message_sent_to_business";
pub const TO_PARTICIPANT: &str = "wix.crm.inbox.v2.message_message_sent_to_participant";
pub const BUTTON: &str = "wix.crm.inbox.v2.message_button_interacted";
pub const OLD: &str = "11111111-2222-4333-8444-555555555555";
pub const NEW: &str = "66666666-7777-4888-8999-aaaaaaaaaaaa";
pub const VISITOR: &str = "bbbbbbbb-cccc-4ddd-8eee-ffff00001111";

pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

pub fn verifier() -> WebhookVerifier {
    WebhookVerifier::from_rsa_pem(PUBLIC_1).unwrap()
}

pub fn claims(event_type: &str, payload: &Value, identity: &Value, issued: i64, ttl: i64) -> Value {
    let parts = EventParts {
        event_type,
        payload,
        identity,
        instance_id: "12345678-1234-4234-8234-123456789012",
        event_id: "evt-1",
        entity_id: NEW,
    };
    webhook_claims(&parts, issued, ttl)
}

pub fn merged_claims() -> Value {
    let payload = json!({"oldConversationIds": [OLD], "targetConversationId": NEW});
    claims(MERGED, &payload, &Value::Null, now(), 300)
}

pub fn sign_with(alg: Algorithm, key: &EncodingKey, claims: &Value) -> String {
    jsonwebtoken::encode(&Header::new(alg), claims, key).unwrap()
}

pub fn b64(value: &Value) -> String {
    URL_SAFE_NO_PAD.encode(value.to_string())
}

/// A signed token whose claims are `claims` as given.
pub fn signed(claims: Value) -> String {
    sign_rs256(&claims, PRIVATE_1).unwrap()
}
