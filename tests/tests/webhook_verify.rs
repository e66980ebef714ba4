//! Webhook verification and decoding, with tokens signed here with the TEST-ONLY keys
//! (tests/keys): good tokens decode to typed events; forged, re-signed, `alg: none`,
//! HS256-with-the-public-key, other-algorithm and expired tokens are each refused with
//! their own error (malformed tokens: `webhook_malformed.rs`).

mod inbox_support;
mod webhook_support;

use inbox_support::{PRIVATE_1, PRIVATE_2, PUBLIC_1};
use jsonwebtoken::{Algorithm, EncodingKey};
use serde_json::{json, Value};
use webhook_support::*;
use wix_inbox::webhook::{Event, WebhookError, WebhookVerifier};
use wix_inbox::{ConversationId, ParticipantId};
use wix_local_server::sign_rs256;

#[test]
fn a_good_token_decodes_to_a_typed_event() {
    let token = sign_rs256(&merged_claims(), PRIVATE_1).unwrap();
    let delivery = verifier().decode(&token).unwrap();
    assert_eq!(delivery.event_type, MERGED);
    assert_eq!(delivery.event_id.as_deref(), Some("evt-1"));
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
fn a_huge_leeway_is_bounded_and_neither_panics_nor_refuses_good_tokens() {
    // Before the bound, `u64::MAX` overflowed inside the JWT library: a panic in debug
    // builds, and every token `Expired` in release builds.
    let token = sign_rs256(&merged_claims(), PRIVATE_1).unwrap();
    for leeway in [u64::MAX, u64::MAX / 2, i64::MAX as u64, now() as u64 + 1] {
        let verifier = verifier().leeway(leeway);
        assert!(verifier.decode(&token).is_ok(), "leeway {leeway}");
        assert!(
            format!("{verifier:?}").contains(&WebhookVerifier::MAX_LEEWAY_SECS.to_string()),
            "{verifier:?}"
        );
    }
    let payload = json!({"oldConversationIds": [OLD], "targetConversationId": NEW});
    // Within the bound (a day), the leeway is as given...
    let hour_old = claims(MERGED, &payload, &Value::Null, now() - 7200, 3600);
    let token = sign_rs256(&hour_old, PRIVATE_1).unwrap();
    assert!(verifier().leeway(u64::MAX).decode(&token).is_ok());
    // ...but no leeway lets a token that expired days ago through.
    let stale = claims(MERGED, &payload, &Value::Null, now() - 3 * 86_400, 3600);
    let token = sign_rs256(&stale, PRIVATE_1).unwrap();
    assert_eq!(
        verifier().leeway(u64::MAX).decode(&token).unwrap_err(),
        WebhookError::Expired
    );
    // `nbf` is bounded the same way: a token valid only in three days is not valid yet.
    let mut future = merged_claims();
    future["nbf"] = json!(now() + 3 * 86_400);
    future["exp"] = json!(now() + 4 * 86_400);
    let token = sign_rs256(&future, PRIVATE_1).unwrap();
    assert_eq!(
        verifier().leeway(u64::MAX).decode(&token).unwrap_err(),
        WebhookError::NotYetValid
    );
}

/// TEST-ONLY-webhook-private-1.pem (tests/keys) in PKCS#8, as `openssl pkcs8 -topk8
/// -nocrypt` writes it: `-----BEGIN PRIVATE KEY-----`.
const PRIVATE_1_PKCS8: &str = "\
-----BEGIN PRIVATE KEY-----
MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQDbn0nuCJ+bSZHg
NqXZEXFT3yKKl8AH0QyBxAA8QiCNGe93AfkyfOmaJTPFa3Y4jHt8fJrpbqIgRGqW
It+zAKHjRgI17rZhYDRelAmui9UWY4fQw2ejJpwxUcLaWDSFwmscTyKyael8vWuC
Hfnqq8UrvDlgDJY7KFjcZVnJU8B5+4n3vdrGX2TOLg/7BNaYPBwR3pwEqxXSVg0d
DWbjYPMTp1yOvqbbu0WMB4MAsVD1Wnhn6va77flz0viA4NIiHx8z0Le0lIRUKOoY
FyRCHHodj3O+85//dTVfHiMN05cmiimQipHA7ceXQn0qZG1z9AhOWVXICeaIm21A
3xUU5zptAgMBAAECggEAC8tCUFuGB168TCQ1zvzM5JzmkTbvK6GfkGbAP3wqnNaK
zE3evhtvUmU94j5wMb8OO5ltGpeOcnlSGFVvmhXbhmW3pSyi/oLeKm0R7F3F1/Gz
il5lVfbdwO1GhOy4h1gGjKri7rNZg/wfxklJ/D70s/Gj9XiU5xY2gsFuQK2ezWi/
PfNF1MV62VSBad2FAR/rZhSjtt7bQp/gJxgIunmPMhtn6FGyuOdtvOBdlyKe1ZM6
oj9WxFhdCYpRECDSw6Kun3nGcL399qqHwpNdL6JqLcNRrgwV5MO25KOFNj+LBDf/
NFao+UlnMaLPqWhg8eQCAmIDvX3cFzRCYDFG9s0NQQKBgQD8ztsfzhK4LmR879q6
GM26WWailSKbvi8kJR64y2tsYkEit06YcINShSjj9ka2r/Pu9vTEGSmbbGlwKHU1
A7C+Abz4A6HjF6shTaXtlfHO+DDUjtH+jwYQqZwyrwVVQBmrh18TNIb5ULZMXOBA
mnCBsD4+RtK38ofsbmuLyV8qLQKBgQDeZSrUt2fQxXDKWmN4Pew+SM4Qa6qt2KQu
8JvDmwhY346hr1B1z3LMGFypqRst91i80jjkhMCqiJJQTDVbqA7RWSIp0Q4S7z4c
zAiSNYJmUldC2V7TrsOO28ZWPxjYL0+maXyTcloHgBosoOyVxMfK/Qdmm7pTMyS3
62hwMC+5QQKBgE4XR7CnYzjpe7jsDlB14PazLvUBxFL/iGhN3xOOIny0TRKANRL5
jlcrMtpX9Lfx2hPyzODWNPgBoQA4PxxFK49F0i16UcNoSEBdT+f37V3VZKAEDfHo
FCOJgOpXDfqrdkJ56nBwRVE2EVm9Rrgt/JrS6icqkWSo0jvCUA46Ad9xAoGATPdk
OFP0+Nqr60wW6rE7hl65+hLY8ets/tXEgpCv9doAydIbnXoa96liwFDHGERnEIoM
qIGNEDfNsz58pOjnn+oiGajBHypvK5YtTTR5maHbk0YZPFdaVKGY5ZZWqdLN1QDi
3UCRCdF6vYE//6EnqAejvQ4eENc9WO1+qnzyt0ECgYB+Hvkl6F9TRoRT8HRAu33a
gMJpaspM1DBwGyPKhUkblrwvjilrHMEDjMrLmZJAcNIkg/jTlJmGhl7O31lXOrx/
XWwHnQniGxmyNCwwbUwnChmniL9yB0lVnqhegfNba0OTbXlBRcGwqNnFW5zGUNYr
Yg8CmN01RvXWdeWk6g58ng==
-----END PRIVATE KEY-----
";

#[test]
fn a_private_key_is_refused_when_the_verifier_is_built() {
    // Before, a private key gave a verifier that refused every good token as
    // `BadSignature`: the mistake surfaced only when webhooks arrived.
    let private_1 = std::str::from_utf8(PRIVATE_1).unwrap();
    let pkcs8 = PRIVATE_1_PKCS8;
    let encrypted = pkcs8.replace("PRIVATE KEY-", "ENCRYPTED PRIVATE KEY-");
    for pem in [private_1, pkcs8, encrypted.as_str()] {
        match WebhookVerifier::from_rsa_pem(pem.as_bytes()) {
            Err(WebhookError::InvalidKey(why)) => {
                assert!(why.contains("private key"), "{why}");
                assert!(why.contains("public key"), "{why}");
            }
            other => panic!("{}: {other:?}", pem.lines().next().unwrap()),
        }
    }
    // Both forms sign good tokens (they are the same key): only the verifier refuses them.
    let token = sign_rs256(&merged_claims(), pkcs8.as_bytes()).unwrap();
    assert!(verifier().decode(&token).is_ok());
    // The public halves are what it takes.
    assert!(WebhookVerifier::from_rsa_pem(PUBLIC_1).is_ok());
}
