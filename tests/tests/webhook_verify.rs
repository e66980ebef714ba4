//! Webhook verification and decoding, with tokens signed here with the TEST-ONLY keys
//! (tests/keys): good tokens decode to typed events; forged, re-signed, `alg: none`,
//! HS256-with-the-public-key, other-algorithm, expired, truncated and malformed
//! tokens are each refused with their own error.

mod inbox_support;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use inbox_support::{PRIVATE_1, PRIVATE_2, PUBLIC_1};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{json, Value};
use wix_inbox::webhook::{Event, Layer, WebhookError, WebhookVerifier};
use wix_inbox::{ConversationId, ParticipantId};
use wix_inbox_local_server::{sign_rs256, webhook_claims, EventParts};

const MERGED: &str = "wix.crm.inbox.v2.conversation_conversations_merged";
const TO_BUSINESS: &str = "wix.crm.inbox.v2.message_message_sent_to_business";
const TO_PARTICIPANT: &str = "wix.crm.inbox.v2.message_message_sent_to_participant";
const BUTTON: &str = "wix.crm.inbox.v2.message_button_interacted";
const OLD: &str = "11111111-2222-4333-8444-555555555555";
const NEW: &str = "66666666-7777-4888-8999-aaaaaaaaaaaa";
const VISITOR: &str = "bbbbbbbb-cccc-4ddd-8eee-ffff00001111";

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

fn verifier() -> WebhookVerifier {
    WebhookVerifier::from_rsa_pem(PUBLIC_1).unwrap()
}

fn claims(event_type: &str, payload: &Value, identity: &Value, issued: i64, ttl: i64) -> Value {
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

fn merged_claims() -> Value {
    let payload = json!({"oldConversationIds": [OLD], "targetConversationId": NEW});
    claims(MERGED, &payload, &Value::Null, now(), 300)
}

fn sign_with(alg: Algorithm, key: &EncodingKey, claims: &Value) -> String {
    jsonwebtoken::encode(&Header::new(alg), claims, key).unwrap()
}

fn b64(value: &Value) -> String {
    URL_SAFE_NO_PAD.encode(value.to_string())
}

#[test]
fn a_good_token_decodes_to_a_typed_event() {
    let token = sign_rs256(&merged_claims(), PRIVATE_1).unwrap();
    let delivery = verifier().decode(&token).unwrap();
    assert_eq!(delivery.event_type, MERGED);
    assert_eq!(
        delivery.event_id.as_ref().map(|id| id.as_str()),
        Some("evt-1")
    );
    assert_eq!(
        delivery.instance_id.map(|id| id.to_string()).as_deref(),
        Some("12345678-1234-4234-8234-123456789012")
    );
    match &delivery.event {
        Event::ConversationsMerged(merged) => {
            let old: ConversationId = OLD.parse().unwrap();
            assert_eq!(merged.old_conversation_ids, [old]);
            assert_eq!(merged.target_conversation_id, Some(NEW.parse().unwrap()));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(delivery.event.event_type(), MERGED);
    assert_eq!(delivery.event.participant(), None);
}

#[test]
fn the_sender_of_a_message_gives_the_anonymous_visitor_id() {
    let payload = json!({
        "conversationId": NEW,
        "message": {
            "id": "17", "sequence": "3",
            "content": {"basic": {"items": [{"text": "hi"}]}},
            "sender": {"anonymousVisitorId": VISITOR},
            "visibility": "BUSINESS_AND_PARTICIPANT",
            "direction": "PARTICIPANT_TO_BUSINESS",
        },
    });
    let identity = json!({"anonymousVisitorId": VISITOR, "identityType": "ANONYMOUS_VISITOR"});
    let token = sign_rs256(
        &claims(TO_BUSINESS, &payload, &identity, now(), 300),
        PRIVATE_1,
    )
    .unwrap();
    let delivery = verifier().decode(&token).unwrap();
    assert!(matches!(delivery.event, Event::MessageSentToBusiness(_)));
    match delivery.event.participant() {
        Some(ParticipantId::AnonymousVisitor(id)) => assert_eq!(id.as_str(), VISITOR),
        other => panic!("{other:?}"),
    }
    assert!(delivery.identity.is_some());

    // A member is reached by member ID, a contact by contact ID.
    let member = "cccccccc-cccc-4ccc-8ccc-cccccccccccc";
    let contact = "dddddddd-dddd-4ddd-8ddd-dddddddddddd";
    let mut payload = payload;
    payload["message"]["sender"] = json!({"memberId": member, "contactId": contact});
    let token = sign_rs256(
        &claims(TO_BUSINESS, &payload, &Value::Null, now(), 300),
        PRIVATE_1,
    )
    .unwrap();
    let event = verifier().decode(&token).unwrap().event;
    assert_eq!(
        event.participant(),
        Some(ParticipantId::Member(member.parse().unwrap()))
    );
    payload["message"]["sender"] = json!({"contactId": contact});
    let token = sign_rs256(
        &claims(TO_BUSINESS, &payload, &Value::Null, now(), 300),
        PRIVATE_1,
    )
    .unwrap();
    let event = verifier().decode(&token).unwrap().event;
    assert_eq!(
        event.participant(),
        Some(ParticipantId::Contact(contact.parse().unwrap()))
    );
}

#[test]
fn the_other_event_types_and_unknown_ones() {
    let button = json!({"conversationId": NEW, "interactionId": "yes", "interactedBy": {"anonymousVisitorId": VISITOR}});
    let token = sign_rs256(
        &claims(BUTTON, &button, &Value::Null, now(), 300),
        PRIVATE_1,
    )
    .unwrap();
    let event = verifier().decode(&token).unwrap().event;
    assert!(
        matches!(&event, Event::ButtonInteracted(b) if b.interaction_id.as_deref() == Some("yes"))
    );
    assert!(matches!(
        event.participant(),
        Some(ParticipantId::AnonymousVisitor(_))
    ));

    let sent = json!({"conversationId": NEW});
    let token = sign_rs256(
        &claims(TO_PARTICIPANT, &sent, &Value::Null, now(), 300),
        PRIVATE_1,
    )
    .unwrap();
    assert!(matches!(
        verifier().decode(&token).unwrap().event,
        Event::MessageSentToParticipant(_)
    ));

    let new_kind = json!({"something": ["new", 1]});
    let token = sign_rs256(
        &claims(
            "wix.crm.inbox.v2.conversation_archived",
            &new_kind,
            &Value::Null,
            now(),
            300,
        ),
        PRIVATE_1,
    )
    .unwrap();
    match verifier().decode(&token).unwrap().event {
        Event::Unknown { event_type, json } => {
            assert_eq!(event_type, "wix.crm.inbox.v2.conversation_archived");
            assert_eq!(json, new_kind);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn forged_and_re_signed_tokens_are_bad_signatures() {
    let token = sign_rs256(&merged_claims(), PRIVATE_1).unwrap();
    let parts: Vec<&str> = token.split('.').collect();
    let mut forged_claims = merged_claims();
    forged_claims["data"] =
        Value::String(forged_claims["data"].as_str().unwrap().replace(NEW, OLD));
    let forged = format!("{}.{}.{}", parts[0], b64(&forged_claims), parts[2]);
    assert_eq!(
        verifier().decode(&forged).unwrap_err(),
        WebhookError::BadSignature
    );

    let other_key = sign_rs256(&merged_claims(), PRIVATE_2).unwrap();
    assert_eq!(
        verifier().decode(&other_key).unwrap_err(),
        WebhookError::BadSignature
    );
}

#[test]
fn every_algorithm_but_rs256_is_refused() {
    let claims = merged_claims();
    let none = format!(
        "{}.{}.",
        b64(&json!({"alg": "none", "typ": "JWT"})),
        b64(&claims)
    );
    assert_eq!(
        verifier().decode(&none).unwrap_err(),
        WebhookError::WrongAlgorithm("none".into())
    );

    // The classic confusion: HS256 keyed with the (public) RSA key.
    let hs = sign_with(
        Algorithm::HS256,
        &EncodingKey::from_secret(PUBLIC_1),
        &claims,
    );
    assert_eq!(
        verifier().decode(&hs).unwrap_err(),
        WebhookError::WrongAlgorithm("HS256".into())
    );

    for alg in [Algorithm::RS512, Algorithm::PS256] {
        let key = EncodingKey::from_rsa_pem(PRIVATE_1).unwrap();
        let token = sign_with(alg, &key, &claims);
        assert_eq!(
            verifier().decode(&token).unwrap_err(),
            WebhookError::WrongAlgorithm(format!("{alg:?}"))
        );
    }
}

#[test]
fn expired_tokens_are_refused() {
    let payload = json!({"oldConversationIds": [OLD], "targetConversationId": NEW});
    let expired = claims(MERGED, &payload, &Value::Null, now() - 7200, 3600);
    let token = sign_rs256(&expired, PRIVATE_1).unwrap();
    assert_eq!(
        verifier().decode(&token).unwrap_err(),
        WebhookError::Expired
    );
    // Leeway covers clock skew, within reason.
    assert!(verifier().leeway(7200).decode(&token).is_ok());

    // A token without `exp` is malformed, unless expiry is not required.
    let mut no_exp = merged_claims();
    no_exp.as_object_mut().unwrap().remove("exp");
    let token = sign_rs256(&no_exp, PRIVATE_1).unwrap();
    assert!(matches!(
        verifier().decode(&token).unwrap_err(),
        WebhookError::MalformedToken(_)
    ));
    assert!(verifier().require_expiry(false).decode(&token).is_ok());
}

#[test]
fn truncated_and_garbled_tokens_are_malformed() {
    let token = sign_rs256(&merged_claims(), PRIVATE_1).unwrap();
    let cuts = [token.len() / 2, token.find('.').unwrap(), 10, 0];
    for cut in cuts {
        let e = verifier().decode(&token[..cut]).unwrap_err();
        assert!(
            matches!(e, WebhookError::MalformedToken(_)),
            "cut at {cut}: {e:?}"
        );
    }
    // Cut inside the signature: still three parts, but no valid signature.
    let e = verifier().decode(&token[..token.len() - 1]).unwrap_err();
    assert!(
        matches!(
            e,
            WebhookError::MalformedToken(_) | WebhookError::BadSignature
        ),
        "{e:?}"
    );
    for garbage in ["hello", "a.b.c", "....", "{\"data\":1}"] {
        let e = verifier().decode(garbage).unwrap_err();
        assert!(
            matches!(e, WebhookError::MalformedToken(_)),
            "{garbage}: {e:?}"
        );
    }
    assert!(matches!(
        WebhookVerifier::from_rsa_pem(b"not a key").unwrap_err(),
        WebhookError::InvalidKey(_)
    ));
}

/// A signed token whose claims are `claims` as given.
fn signed(claims: Value) -> String {
    sign_rs256(&claims, PRIVATE_1).unwrap()
}

fn layer_of(token: &str) -> Layer {
    match verifier().decode(token).unwrap_err() {
        WebhookError::MalformedLayer { layer, .. } => layer,
        other => panic!("{other:?}"),
    }
}

#[test]
fn each_malformed_layer_is_named() {
    let exp = now() + 300;
    let envelope = |data: Value, identity: Value| {
        json!({"eventType": MERGED, "instanceId": null, "data": data, "identity": identity})
            .to_string()
    };
    let domain = |body: Value| json!({"id": "e", "actionEvent": {"bodyAsJson": body}}).to_string();
    let good_body = json!({"targetConversationId": NEW}).to_string();

    assert_eq!(layer_of(&signed(json!({"exp": exp}))), Layer::DataClaim);
    assert_eq!(
        layer_of(&signed(json!({"exp": exp, "data": 7}))),
        Layer::DataClaim
    );
    assert_eq!(
        layer_of(&signed(json!({"exp": exp, "data": "{nope"}))),
        Layer::DataClaim
    );
    assert_eq!(
        layer_of(&signed(
            json!({"exp": exp, "data": json!({"data": "{}"}).to_string()})
        )),
        Layer::Envelope,
    );
    assert_eq!(
        layer_of(&signed(
            json!({"exp": exp, "data": envelope(json!(domain(json!(good_body))), json!("{\"memberId\": 5}"))})
        )),
        Layer::Identity,
    );
    assert_eq!(
        layer_of(&signed(
            json!({"exp": exp, "data": envelope(json!("not json"), Value::Null)})
        )),
        Layer::DomainEvent,
    );
    let no_body = json!({"id": "e", "actionEvent": {}}).to_string();
    assert_eq!(
        layer_of(&signed(
            json!({"exp": exp, "data": envelope(json!(no_body), Value::Null)})
        )),
        Layer::ActionEvent,
    );
    let created = json!({"id": "e", "createdEvent": {"entityAsJson": "{}"}}).to_string();
    assert_eq!(
        layer_of(&signed(
            json!({"exp": exp, "data": envelope(json!(created), Value::Null)})
        )),
        Layer::ActionEvent,
    );
    let bad_payload = domain(json!(
        json!({"targetConversationId": "not-a-guid"}).to_string()
    ));
    assert_eq!(
        layer_of(&signed(
            json!({"exp": exp, "data": envelope(json!(bad_payload), Value::Null)})
        )),
        Layer::Payload,
    );
    // And the good one decodes.
    let good =
        signed(json!({"exp": exp, "data": envelope(json!(domain(json!(good_body))), Value::Null)}));
    assert!(verifier().decode(&good).is_ok());
}
