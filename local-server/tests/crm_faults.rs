//! Fault injection, credentials and request counting cover the Contacts and Members
//! routes as they cover Inbox's: through the admin route and the `Faults` handle.

mod support;

use serde_json::{json, Value};
use support::{assert_error, server_with_webhooks, Api};
use wix_local_server::{start, BodyFault};

async fn set_faults(api: &Api, body: Value) {
    let answer = api.post("/_local/faults", body).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
}

#[tokio::test]
async fn an_injected_status_answers_the_new_routes_then_wears_off() {
    let server = start().await.unwrap();
    let api = Api::new(&server);
    let member = api.create_member("faults@example.com").await;
    let member_path = format!("/members/v1/members/{}", member["id"].as_str().unwrap());

    set_faults(&api, json!({"failNext": {"status": 503, "count": 2}})).await;
    assert_error(&api.query_contacts(json!({})).await, 503, None);
    assert_error(&api.get(&member_path).await, 503, None);
    // Used up: answered as usual.
    assert_eq!(api.query_contacts(json!({})).await.status, 200);
    assert_eq!(api.get(&member_path).await.status, 200);

    // With Retry-After, on a deletion: refused before anything is deleted.
    set_faults(
        &api,
        json!({"failNext": {"status": 429, "count": 1, "retryAfter": 7}}),
    )
    .await;
    let response = api.raw("DELETE", &member_path, None).await;
    assert_eq!(response.status().as_u16(), 429);
    assert_eq!(response.headers()["retry-after"], "7");
    assert_eq!(api.get(&member_path).await.status, 200, "still there");

    // Counted by method, faulted or not.
    let inbox = server.inbox();
    assert_eq!(inbox.request_count("queryContacts"), 2);
    assert_eq!(inbox.request_count("getMember"), 3);
    assert_eq!(inbox.request_count("deleteMember"), 1);
    assert_eq!(inbox.request_count("createMember"), 1);
    let stats = api.get("/_local/stats").await;
    assert_eq!(stats.body["requests"]["getMember"], 3, "{}", stats.body);
}

#[tokio::test]
async fn injected_application_errors_have_their_documented_status() {
    let (server, _inbox_hooks, mut crm_hooks) = server_with_webhooks().await;
    let api = Api::new(&server);
    let contact = api.create_contact("blocked@example.com", "Blocked").await;
    let contact_path = format!("/contacts/v4/contacts/{}", contact["id"].as_str().unwrap());
    let member = api.create_member("member@example.com").await;
    let member_path = format!("/members/v1/members/{}", member["id"].as_str().unwrap());
    crm_hooks.drain();

    set_faults(
        &api,
        json!({"applicationError": {"method": "getMember", "code": "MEMBER_TO_MEMBER_BLOCKED", "count": 1}}),
    )
    .await;
    // Other methods pass; the named one gets the error once.
    assert_eq!(api.get(&contact_path).await.status, 200);
    assert_error(
        &api.get(&member_path).await,
        403,
        Some("MEMBER_TO_MEMBER_BLOCKED"),
    );
    assert_eq!(api.get(&member_path).await.status, 200);

    let faults = server.faults();
    faults.application_error_next("createContact", "DUPLICATE_CONTACT_EXISTS", 1);
    faults.application_error_next(
        "deleteContact",
        "CANNOT_DELETE_CONTACT_WITH_BILLING_SUBSCRIPTION",
        1,
    );
    faults.application_error_next(
        "deleteMember",
        "ACTIVE_SUBSCRIPTION_MEMBER_DELETE_FORBIDDEN",
        1,
    );
    faults.application_error_next("updateContact", "CONTACT_ALREADY_CHANGED", 1);
    faults.application_error_next("queryMembers", "SOMETHING_UNDOCUMENTED", 1);
    let cases = [
        (
            api.post(
                "/contacts/v4/contacts",
                json!({"info": {"name": {"first": "Never"}}}),
            )
            .await,
            409,
            "DUPLICATE_CONTACT_EXISTS",
        ),
        (
            api.delete(&contact_path).await,
            428,
            "CANNOT_DELETE_CONTACT_WITH_BILLING_SUBSCRIPTION",
        ),
        (
            api.delete(&member_path).await,
            400,
            "ACTIVE_SUBSCRIPTION_MEMBER_DELETE_FORBIDDEN",
        ),
        (
            api.patch(
                &contact_path,
                json!({"revision": 1, "info": {"company": "X"}}),
            )
            .await,
            409,
            "CONTACT_ALREADY_CHANGED",
        ),
        (
            api.post("/members/v1/members/query", json!({})).await,
            500,
            "SOMETHING_UNDOCUMENTED",
        ),
    ];
    for (answer, status, code) in cases {
        assert_error(&answer, status, Some(code));
    }
    // The refused calls did nothing and announced nothing.
    assert_eq!(
        api.query_contacts(json!({})).await.body["pagingMetadata"]["total"],
        2
    );
    assert_eq!(api.get(&contact_path).await.body["contact"]["revision"], 1);
    assert_eq!(api.get(&member_path).await.status, 200);
    assert!(crm_hooks.drain().is_empty());
}

#[tokio::test]
async fn spoiled_bodies_on_the_new_routes() {
    let server = start().await.unwrap();
    let api = Api::new(&server);
    api.create_contact("spoiled@example.com", "Spoiled").await;

    server.faults().corrupt_next(BodyFault::Malformed, 1);
    let response = api
        .raw("POST", "/contacts/v4/contacts/query", Some(json!({})))
        .await;
    assert_eq!(response.status().as_u16(), 200);
    let text = response.text().await.unwrap();
    assert!(serde_json::from_str::<Value>(&text).is_err(), "{text}");

    let whole = api
        .raw("POST", "/members/v1/members/query", Some(json!({})))
        .await
        .text()
        .await
        .unwrap();
    set_faults(
        &api,
        json!({"corruptNext": {"kind": "truncated", "count": 1}}),
    )
    .await;
    let response = api
        .raw("POST", "/members/v1/members/query", Some(json!({})))
        .await;
    let text = response.text().await.unwrap();
    assert!(serde_json::from_str::<Value>(&text).is_err(), "{text}");
    assert!(text.len() < whole.len());
    // And then whole again.
    assert_eq!(api.query_contacts(json!({})).await.status, 200);
}

#[tokio::test]
async fn the_new_routes_want_credentials_and_refuse_other_methods() {
    let server = start().await.unwrap();
    let http = reqwest::Client::new();
    let base = server.base_url();
    for (method, path) in [
        ("POST", "/contacts/v4/contacts/query"),
        (
            "GET",
            "/contacts/v4/contacts/c0ffee00-1234-4abc-8def-0123456789ab",
        ),
        ("POST", "/members/v1/members"),
        (
            "DELETE",
            "/members/v1/members/c0ffee00-1234-4abc-8def-0123456789ab",
        ),
    ] {
        let request = http.request(
            reqwest::Method::from_bytes(method.as_bytes()).unwrap(),
            format!("{base}{path}"),
        );
        let answer = support::answer(request.body("{}")).await;
        assert_error(&answer, 401, None);
    }
    let api = Api::new(&server);
    assert_error(
        &api.call("PUT", "/contacts/v4/contacts", Some(json!({})))
            .await,
        405,
        None,
    );
    assert_error(
        &api.call(
            "POST",
            "/members/v1/members/c0ffee00-1234-4abc-8def-0123456789ab",
            Some(json!({})),
        )
        .await,
        405,
        None,
    );
    // An oversized body is refused as everywhere.
    let big =
        json!({"info": {"name": {"first": "x".repeat(wix_local_server::MAX_BODY_BYTES)}}});
    assert_error(&api.post("/contacts/v4/contacts", big).await, 413, None);
}
