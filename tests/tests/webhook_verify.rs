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
use wix_local_server::{sign_rs256, webhook_claims, EventParts};

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

/// A token signed with the app's key whose header has `crit` (and the extensions).
fn with_crit(crit: Value, extensions: &[(&str, &str)]) -> String {
    let mut header = json!({"alg": "RS256", "typ": "JWT", "crit": crit});
    for (name, value) in extensions {
        header[*name] = json!(value);
    }
    let signing_input = format!("{}.{}", b64(&header), b64(&merged_claims()));
    let key = EncodingKey::from_rsa_pem(PRIVATE_1).unwrap();
    let signature =
        jsonwebtoken::crypto::sign(signing_input.as_bytes(), &key, Algorithm::RS256).unwrap();
    format!("{signing_input}.{signature}")
}

#[test]
fn critical_header_extensions_are_refused() {
    // RFC 7515, 4.1.11: a JWS whose `crit` names an extension the recipient does not
    // understand is invalid. This verifier understands none.
    let token = with_crit(
        json!(["http://example.invalid/ext"]),
        &[("http://example.invalid/ext", "x")],
    );
    assert_eq!(
        verifier().decode(&token).unwrap_err(),
        WebhookError::UnsupportedCriticalExtension(vec!["http://example.invalid/ext".into()])
    );
    let two = with_crit(json!(["b64", "zip2"]), &[("zip2", "DEF")]);
    let e = verifier().decode(&two).unwrap_err();
    assert_eq!(
        e,
        WebhookError::UnsupportedCriticalExtension(vec!["b64".into(), "zip2".into()])
    );
    assert!(e.to_string().contains("`b64`, `zip2`"), "{e}");
    // An empty list, or one that is not a list of names, is malformed (4.1.11: "MUST
    // NOT use the empty list").
    for bad in [json!([]), json!("b64"), json!([1]), json!(null)] {
        let e = verifier().decode(&with_crit(bad.clone(), &[])).unwrap_err();
        assert!(matches!(e, WebhookError::MalformedToken(_)), "{bad}: {e:?}");
    }
    // The same token without `crit` is good: the refusal is the header's doing.
    let plain = {
        let header = json!({"alg": "RS256", "typ": "JWT"});
        let signing_input = format!("{}.{}", b64(&header), b64(&merged_claims()));
        let key = EncodingKey::from_rsa_pem(PRIVATE_1).unwrap();
        let signature =
            jsonwebtoken::crypto::sign(signing_input.as_bytes(), &key, Algorithm::RS256).unwrap();
        format!("{signing_input}.{signature}")
    };
    assert!(verifier().decode(&plain).is_ok());
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

#[test]
fn an_exp_that_is_not_a_number_is_named_as_such() {
    for exp in [
        json!("123"),
        json!(now() + 300).to_string().into(),
        json!(-5),
        json!({"s": 1}),
    ] {
        let mut claims = merged_claims();
        claims["exp"] = exp.clone();
        let token = sign_rs256(&claims, PRIVATE_1).unwrap();
        for verifier in [verifier(), verifier().require_expiry(false)] {
            match verifier.decode(&token).unwrap_err() {
                WebhookError::MalformedToken(why) => {
                    assert!(!why.contains("missing"), "{exp}: {why}");
                    assert!(why.contains("`exp`"), "{exp}: {why}");
                    assert!(why.contains("not a number"), "{exp}: {why}");
                }
                other => panic!("{exp}: {other:?}"),
            }
        }
    }
    // A missing one is still missing.
    let mut claims = merged_claims();
    claims.as_object_mut().unwrap().remove("exp");
    let token = sign_rs256(&claims, PRIVATE_1).unwrap();
    assert_eq!(
        verifier().decode(&token).unwrap_err(),
        WebhookError::MalformedToken("the `exp` claim is missing".into())
    );
    // And `nbf` likewise.
    let mut claims = merged_claims();
    claims["nbf"] = json!("0");
    let token = sign_rs256(&claims, PRIVATE_1).unwrap();
    match verifier().decode(&token).unwrap_err() {
        WebhookError::MalformedToken(why) => {
            assert!(
                why.contains("`nbf`") && why.contains("not a number"),
                "{why}"
            )
        }
        other => panic!("{other:?}"),
    }
}

/// A good token of `len` bytes: grown with a filler claim (each 3 bytes of filler are 4
/// characters of base64url), then padded with the whitespace the verifier trims.
fn token_of_length(len: usize) -> String {
    let with_filler = |filler: usize| {
        let mut claims = merged_claims();
        claims["filler"] = json!("x".repeat(filler));
        signed(claims)
    };
    let base = with_filler(0).len();
    let mut filler = len.saturating_sub(base) * 3 / 4;
    let mut token = with_filler(filler);
    while token.len() > len {
        filler -= 1;
        token = with_filler(filler);
    }
    let padding = " ".repeat(len - token.len());
    token + &padding
}

#[test]
fn a_token_over_the_size_cap_is_refused_before_decoding() {
    let max = WebhookVerifier::MAX_TOKEN_BYTES;
    // At the cap, a good token verifies; one byte over, the same kind of token is refused.
    let at_cap = token_of_length(max);
    assert_eq!(at_cap.len(), max);
    assert!(verifier().decode(&at_cap).is_ok());
    let over = token_of_length(max + 1);
    assert_eq!(over.len(), max + 1);
    assert_eq!(
        verifier().decode(&over).unwrap_err(),
        WebhookError::TooLarge { len: max + 1, max }
    );
    // Before anything else is read: a forgery of 16 MiB that is not even a JWT, and one
    // whose header names another algorithm, are refused for their size alone.
    let garbage = "!".repeat(16 << 20);
    assert_eq!(
        verifier().verify(&garbage).unwrap_err(),
        WebhookError::TooLarge {
            len: garbage.len(),
            max
        }
    );
    let hs256 = format!(
        "{}.{}.sig",
        b64(&json!({"alg": "HS256"})),
        "A".repeat(2 * max)
    );
    assert!(matches!(
        verifier().verify(&hs256).unwrap_err(),
        WebhookError::TooLarge { .. }
    ));
    assert!(verifier()
        .verify(&garbage)
        .unwrap_err()
        .to_string()
        .contains(&max.to_string()));
}

/// Claims or an envelope written with members in this order, names repeated as given
/// (serde_json's `Value` cannot hold a repeated name).
struct Members(Vec<(&'static str, Value)>);

impl serde::Serialize for Members {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in &self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

fn signed_members(members: Members) -> String {
    let key = EncodingKey::from_rsa_pem(PRIVATE_1).unwrap();
    jsonwebtoken::encode(&Header::new(Algorithm::RS256), &members, &key).unwrap()
}

#[test]
fn a_repeated_data_claim_or_envelope_member_is_refused() {
    let good = merged_claims();
    let data = good["data"].clone();
    let exp = good["exp"].clone();
    let envelope: Value = serde_json::from_str(data.as_str().unwrap()).unwrap();
    // Another event entirely, in a second `data` claim that a last-wins reader keeps.
    let payload = json!({"oldConversationIds": [NEW], "targetConversationId": OLD});
    let other = claims(MERGED, &payload, &Value::Null, now(), 300)["data"].clone();
    assert_ne!(data, other);

    let token = signed_members(Members(vec![
        ("exp", exp.clone()),
        ("data", data.clone()),
        ("data", other.clone()),
    ]));
    for e in [
        verifier().verify(&token).unwrap_err(),
        verifier().decode(&token).unwrap_err(),
    ] {
        match e {
            WebhookError::MalformedToken(why) => {
                assert!(why.contains("`data`"), "{why}");
                assert!(why.contains("more than once"), "{why}");
            }
            other => panic!("{other:?}"),
        }
    }
    // Without the repeat, the same members are a good token.
    let single = signed_members(Members(vec![("exp", exp.clone()), ("data", data.clone())]));
    assert!(verifier().decode(&single).is_ok());

    // The envelope inside the claim: `eventType` twice, the unknown type last.
    let mut members: Vec<(&'static str, Value)> = Vec::new();
    for name in ["eventType", "instanceId", "data", "identity"] {
        members.push((name, envelope[name].clone()));
    }
    members.push(("eventType", json!("wix.other.v1.something_else")));
    let text = serde_json::to_string(&Members(members)).unwrap();
    let token = signed(json!({"exp": exp, "data": text}));
    for e in [
        verifier().verify(&token).unwrap_err(),
        verifier().decode(&token).unwrap_err(),
    ] {
        match e {
            WebhookError::MalformedLayer { layer, reason } => {
                assert_eq!(layer, Layer::Envelope, "{reason}");
                assert!(reason.contains("`eventType`"), "{reason}");
            }
            other => panic!("{other:?}"),
        }
    }
    // A member repeated deeper: in the envelope's `identity`, and in the domain event
    // (the envelope's `data`, JSON text of its own).
    let identity = serde_json::to_string(&Members(vec![
        ("identityType", json!("ANONYMOUS_VISITOR")),
        ("anonymousVisitorId", json!(VISITOR)),
        ("anonymousVisitorId", json!(OLD)),
    ]))
    .unwrap();
    let text = format!(
        r#"{{"eventType":{},"data":{},"identity":{identity}}}"#,
        envelope["eventType"], envelope["data"]
    );
    let domain_event: Value = serde_json::from_str(envelope["data"].as_str().unwrap()).unwrap();
    let repeated_id = serde_json::to_string(&Members(vec![
        ("id", json!("evt-1")),
        ("id", json!("evt-2")),
        ("actionEvent", domain_event["actionEvent"].clone()),
    ]))
    .unwrap();
    let text_2 = json!({"eventType": envelope["eventType"], "data": repeated_id}).to_string();
    for (text, layer, name) in [
        (text, Layer::Envelope, "`anonymousVisitorId`"),
        (text_2, Layer::DomainEvent, "`id`"),
    ] {
        let token = signed(json!({"exp": exp, "data": text}));
        match verifier().decode(&token).unwrap_err() {
            WebhookError::MalformedLayer { layer: got, reason } => {
                assert_eq!(got, layer, "{reason}");
                assert!(reason.contains(name), "{reason}");
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn an_exp_out_of_range_is_named_as_such() {
    // Numbers, but past any time the verifier can read (more than u64::MAX seconds).
    for exp in [json!(1e300), json!(2e19), json!(f64::MAX)] {
        let mut claims = merged_claims();
        claims["exp"] = exp.clone();
        let token = signed(claims);
        for verifier in [verifier(), verifier().require_expiry(false)] {
            match verifier.decode(&token).unwrap_err() {
                WebhookError::MalformedToken(why) => {
                    assert!(!why.contains("missing"), "{exp}: {why}");
                    assert!(why.contains("`exp`"), "{exp}: {why}");
                    assert!(why.contains("out of range"), "{exp}: {why}");
                }
                other => panic!("{exp}: {other:?}"),
            }
        }
    }
    let mut claims = merged_claims();
    claims["nbf"] = json!(1e300);
    match verifier().decode(&signed(claims)).unwrap_err() {
        WebhookError::MalformedToken(why) => {
            assert!(
                why.contains("`nbf`") && why.contains("out of range"),
                "{why}"
            )
        }
        other => panic!("{other:?}"),
    }
    // A far but readable one is a time like any other.
    let mut claims = merged_claims();
    claims["exp"] = json!(1e18);
    assert!(verifier().decode(&signed(claims)).is_ok());
}
