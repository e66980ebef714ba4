//! `POST /oauth2/token`: app credentials exchanged for an access token, as Wix's endpoint
//! does it; the API routes take the tokens it mints, for the site of the token's
//! instance, until they expire or are revoked.

mod support;

use std::time::Duration;

use serde_json::{json, Value};
use support::{answer, Answer};
use wix_local_server::{
    start, start_with, LocalServer, ServerConfig, DEFAULT_APP_ID, DEFAULT_APP_SECRET,
    DEFAULT_INSTANCE_ID,
};

const OTHER_INSTANCE: &str = "0bd6b6a1-5c37-4a24-a1f4-0fd4bd0b1a3e";

async fn ask(server: &LocalServer, body: Value) -> Answer {
    let request = reqwest::Client::new()
        .post(format!("{}/oauth2/token", server.base_url()))
        .header("content-type", "application/json")
        .body(body.to_string());
    answer(request).await
}

fn credentials(instance: &str) -> Value {
    json!({
        "grant_type": "client_credentials",
        "client_id": DEFAULT_APP_ID.as_str(),
        "client_secret": DEFAULT_APP_SECRET,
        "instance_id": instance,
    })
}

async fn token(server: &LocalServer, instance: &str) -> String {
    let minted = ask(server, credentials(instance)).await;
    assert_eq!(minted.status, 200, "{}", minted.body);
    minted.body["access_token"].as_str().unwrap().to_owned()
}

/// queryContacts with `authorization`: the status and the site's contacts.
async fn contacts(server: &LocalServer, authorization: &str) -> Answer {
    let request = reqwest::Client::new()
        .post(format!("{}/contacts/v4/contacts/query", server.base_url()))
        .header("content-type", "application/json")
        .header("authorization", authorization)
        .body("{}");
    answer(request).await
}

async fn create_contact(server: &LocalServer, authorization: &str, first: &str) {
    let request = reqwest::Client::new()
        .post(format!("{}/contacts/v4/contacts", server.base_url()))
        .header("content-type", "application/json")
        .header("authorization", authorization)
        .body(json!({"info": {"name": {"first": first}}}).to_string());
    let created = answer(request).await;
    assert_eq!(created.status, 200, "{}", created.body);
}

#[tokio::test]
async fn valid_credentials_get_a_bearer_token_that_lives_four_hours() {
    let server = start().await.unwrap();
    let minted = ask(&server, credentials(DEFAULT_INSTANCE_ID.as_str())).await;
    assert_eq!(minted.status, 200, "{}", minted.body);
    assert_eq!(minted.body["token_type"], "Bearer");
    assert_eq!(minted.body["expires_in"], 14400);
    let token = minted.body["access_token"].as_str().unwrap();
    assert!(!token.is_empty());
    assert!(!token.contains(DEFAULT_APP_SECRET));
    // Each request gets a token of its own.
    assert_ne!(
        token,
        self::token(&server, DEFAULT_INSTANCE_ID.as_str()).await
    );
    assert_eq!(server.app_tokens().minted(), 2);
}

#[tokio::test]
async fn bad_requests_are_refused_with_oauth_errors() {
    let server = start().await.unwrap();
    let mut wrong_secret = credentials(DEFAULT_INSTANCE_ID.as_str());
    wrong_secret["client_secret"] = json!("not-the-secret");
    let mut other_app = credentials(DEFAULT_INSTANCE_ID.as_str());
    other_app["client_id"] = json!(OTHER_INSTANCE);
    let mut other_grant = credentials(DEFAULT_INSTANCE_ID.as_str());
    other_grant["grant_type"] = json!("authorization_code");
    let mut no_instance = credentials(DEFAULT_INSTANCE_ID.as_str());
    no_instance.as_object_mut().unwrap().remove("instance_id");
    let cases = [
        (wrong_secret, 401, "invalid_client"),
        (other_app, 401, "invalid_client"),
        (other_grant, 400, "unsupported_grant_type"),
        (no_instance, 400, "invalid_request"),
        (credentials("not-a-guid"), 400, "invalid_request"),
        (json!(["client_credentials"]), 400, "invalid_request"),
    ];
    for (body, status, error) in cases {
        let refused = ask(&server, body.clone()).await;
        assert_eq!(refused.status, status, "{body}: {}", refused.body);
        assert_eq!(refused.body["error"], error, "{body}: {}", refused.body);
        assert!(
            refused.body["error_description"].is_string(),
            "{}",
            refused.body
        );
        // Wix's error shape too, as every error of the server.
        assert!(refused.body["message"].is_string(), "{}", refused.body);
        assert!(refused.body["details"].is_object(), "{}", refused.body);
        assert!(refused.body.get("access_token").is_none());
        assert!(!refused.body.to_string().contains(DEFAULT_APP_SECRET));
    }
    assert_eq!(server.app_tokens().minted(), 0);
}

#[tokio::test]
async fn the_api_takes_minted_tokens_for_their_instances_site() {
    // Only minted tokens: no other credential is accepted.
    let server = start_with(ServerConfig {
        accepted_credentials: Some(vec![]),
        ..ServerConfig::default()
    })
    .await
    .unwrap();
    assert_eq!(contacts(&server, "dev").await.status, 401);

    let own = token(&server, DEFAULT_INSTANCE_ID.as_str()).await;
    let other = token(&server, OTHER_INSTANCE).await;
    create_contact(&server, &own, "Ann").await;
    create_contact(&server, &other, "Bob").await;
    // The server's instance acts on the server's site, another on a site of its own.
    let seen = contacts(&server, &own).await;
    assert_eq!(seen.status, 200, "{}", seen.body);
    assert_eq!(seen.body["contacts"].as_array().unwrap().len(), 1);
    assert_eq!(seen.body["contacts"][0]["info"]["name"]["first"], "Ann");
    let seen = contacts(&server, &other).await;
    assert_eq!(seen.body["contacts"][0]["info"]["name"]["first"], "Bob");
    assert_eq!(server.app_tokens().minted_for(&DEFAULT_INSTANCE_ID), 1);

    // Revoked tokens are refused, even where any other credential would do.
    server.app_tokens().revoke_all();
    let refused = contacts(&server, &own).await;
    assert_eq!(refused.status, 401, "{}", refused.body);
    assert!(refused.body["message"].is_string());
}

#[tokio::test]
async fn tokens_expire_after_the_configured_lifetime() {
    let server = start_with(ServerConfig {
        token_lifetime: Duration::from_secs(1),
        ..ServerConfig::default()
    })
    .await
    .unwrap();
    let minted = ask(&server, credentials(DEFAULT_INSTANCE_ID.as_str())).await;
    assert_eq!(minted.body["expires_in"], 1);
    let token = minted.body["access_token"].as_str().unwrap();
    assert_eq!(contacts(&server, token).await.status, 200);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    // Expired: refused, where any credential not minted here is still taken.
    let refused = contacts(&server, token).await;
    assert_eq!(refused.status, 401, "{}", refused.body);
    assert!(refused.body["message"]
        .as_str()
        .unwrap()
        .contains("expired"));
    assert_eq!(contacts(&server, "dev").await.status, 200);
}
