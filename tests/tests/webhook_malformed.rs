//! Malformed webhook tokens, each refused with its own error before or while decoding:
//! truncated and garbled tokens, a malformed layer named, critical header extensions,
//! claims that are no numbers or out of range, tokens over the size cap, repeated members.

mod inbox_support;
mod webhook_support;

use inbox_support::PRIVATE_1;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{json, Value};
use webhook_support::*;
use wix_inbox::webhook::{Layer, WebhookError, WebhookVerifier};
use wix_local_server::sign_rs256;

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
