//! The client against the local server: every method, every documented application
//! error, refused and invalid requests, undecodable bodies, timeouts, configuration.

mod inbox_support;

use std::time::Duration;

use inbox_support::{builder, client, conversation_of, text, text_of, TOKEN};
use serde_json::json;
use wix_inbox::client::{InboxClient, Credentials, Error, DEFAULT_BASE_URL};
use wix_inbox::{
    ContactId, ConversationId, GetConversationError, ListMessagesError, ListMessagesRequest,
    MemberId, Message, MessageVisibility, SendMessageError, SendMessageRequest, SiteId,
};
use wix_local_server::{start, start_with, BodyFault, ServerConfig};

const CONTACT: ContactId = ContactId::from_literal("3c4d5e6f-1111-4222-8333-444455556666");
const MEMBER: MemberId = MemberId::from_literal("3c4d5e6f-aaaa-4bbb-8ccc-ddddeeeeffff");
const OTHER_SITE: SiteId = SiteId::from_literal("07e40000-0000-4000-8000-0000000000ff");
const UNKNOWN: ConversationId =
    ConversationId::from_literal("00000000-0000-4000-8000-000000000000");

fn other_site_client(server: &wix_local_server::LocalServer) -> InboxClient {
    InboxClient::builder(Credentials::api_key_for_site("api-key-7q", OTHER_SITE))
        .base_url(server.base_url())
        .build()
        .unwrap()
}

#[tokio::test]
async fn every_method_round_trips() {
    let server = start().await.unwrap();
    let client = client(&server);

    let first = client.get_or_create_conversation(CONTACT).await.unwrap();
    assert_eq!(first.new_conversation, Some(true));
    let conversation = first.conversation.unwrap();
    let id = *conversation.id().unwrap();
    // Idempotent per participant.
    let again = client.get_or_create_conversation(CONTACT).await.unwrap();
    assert_eq!(again.new_conversation, Some(false));
    assert_eq!(again.conversation.unwrap().id(), Some(&id));
    // Another participant gets another conversation.
    assert_ne!(conversation_of(&client, MEMBER).await, id);

    let got = client
        .get_conversation(id)
        .await
        .unwrap()
        .conversation
        .unwrap();
    assert_eq!(got.id(), Some(&id));
    assert_eq!(got.participant().unwrap().contact_id(), Some(&CONTACT));

    let sent = client
        .send_message(id, text("hello"))
        .await
        .unwrap()
        .message
        .unwrap();
    assert!(sent.id().is_some());
    assert_eq!(sent.sequence(), Some(1));
    assert!(sent.sender().is_some(), "the server sets the sender");
    assert_eq!(text_of(&sent), "hello");

    let listed = client
        .list_messages(&ListMessagesRequest::new(
            id,
            MessageVisibility::BusinessAndParticipant,
        ))
        .await
        .unwrap();
    assert_eq!(listed.messages.len(), 1);
    assert_eq!(listed.messages[0].id(), sent.id());

    // The generic path is what the wrappers use.
    let generic = client
        .call(&SendMessageRequest::new(id, text("again")))
        .await
        .unwrap();
    assert_eq!(generic.message.unwrap().sequence(), Some(2));
    for method in [
        "getOrCreateConversation",
        "getConversation",
        "sendMessage",
        "listMessages",
    ] {
        assert!(server.inbox().request_count(method) >= 1, "{method}");
    }
}

#[tokio::test]
async fn get_conversation_documented_errors() {
    let server = start().await.unwrap();
    let client = client(&server);
    let e = client.get_conversation(UNKNOWN).await.unwrap_err();
    assert_eq!(
        e.application_error(),
        Some(&GetConversationError::ConversationNotFound)
    );
    assert_eq!(e.status(), Some(404));
    assert_eq!(e.code(), Some("CONVERSATION_NOT_FOUND"));
    assert!(e.body().unwrap().description().is_some());

    let id = conversation_of(&client, CONTACT).await;
    let e = other_site_client(&server)
        .get_conversation(id)
        .await
        .unwrap_err();
    assert_eq!(
        e.application_error(),
        Some(&GetConversationError::NotOwnedByBusiness)
    );
    assert_eq!(e.status(), Some(403));
}

#[tokio::test]
async fn list_messages_documented_errors() {
    let server = start().await.unwrap();
    let client = client(&server);
    let list = |id| ListMessagesRequest::new(id, MessageVisibility::BusinessAndParticipant);
    let e = client.list_messages(&list(UNKNOWN)).await.unwrap_err();
    assert_eq!(
        e.application_error(),
        Some(&ListMessagesError::ConversationNotFound)
    );

    let id = conversation_of(&client, CONTACT).await;
    let e = other_site_client(&server)
        .list_messages(&list(id))
        .await
        .unwrap_err();
    assert_eq!(
        e.application_error(),
        Some(&ListMessagesError::NotJoinedChatroom)
    );

    server
        .faults()
        .application_error_next("listMessages", "INBOX_INSTANCE_NOT_FOUND", 1);
    let e = client.list_messages(&list(id)).await.unwrap_err();
    assert_eq!(
        e.application_error(),
        Some(&ListMessagesError::InboxInstanceNotFound)
    );
    assert_eq!(e.status(), Some(404));

    server
        .inbox()
        .set_inbox_installed(server.inbox().site_id(), false);
    let e = client.list_messages(&list(id)).await.unwrap_err();
    assert_eq!(
        e.application_error(),
        Some(&ListMessagesError::NoInboxInstance)
    );
    assert_eq!(e.status(), Some(428));
}

#[tokio::test]
async fn send_message_documented_errors() {
    let server = start().await.unwrap();
    let client = client(&server);
    let id = conversation_of(&client, CONTACT).await;

    let image: Message = serde_json::from_value(json!({
        "content": {"basic": {"items": [{"image": {"url": "ftp://example.invalid/cat.png"}}]}},
        "visibility": "BUSINESS_AND_PARTICIPANT",
        "direction": "BUSINESS_TO_PARTICIPANT",
    }))
    .unwrap();
    let e = client.send_message(id, image).await.unwrap_err();
    assert_eq!(
        e.application_error(),
        Some(&SendMessageError::InvalidMediaUrl)
    );
    assert_eq!(e.status(), Some(400));

    let mut from_participant = text("claims to be the participant");
    from_participant.direction = wix_inbox::MessageDirection::ParticipantToBusiness;
    let e = client.send_message(id, from_participant).await.unwrap_err();
    assert_eq!(
        e.application_error(),
        Some(&SendMessageError::IdentityDoesNotMatch)
    );

    server
        .inbox()
        .set_inbox_installed(server.inbox().site_id(), false);
    let e = client.send_message(id, text("hi")).await.unwrap_err();
    assert_eq!(
        e.application_error(),
        Some(&SendMessageError::InboxInstanceNotFound)
    );
    assert_eq!(server.inbox().request_count("sendMessage"), 3);
}

#[tokio::test]
async fn requests_without_credentials_are_refused_in_wix_shape() {
    let server = start().await.unwrap();
    let raw = reqwest::Client::new();
    let url = format!("{}/inbox/v2/conversations/{UNKNOWN}", server.base_url());
    let response = raw.get(&url).send().await.unwrap();
    assert_eq!(response.status().as_u16(), 401);
    let body: serde_json::Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
    assert!(
        body["message"].is_string() && body["details"].is_object(),
        "{body}"
    );

    // With accepted credentials configured, others are refused too.
    let config = ServerConfig {
        accepted_credentials: Some(vec!["the-right-one".into()]),
        ..ServerConfig::default()
    };
    let strict = start_with(config).await.unwrap();
    let e = client(&strict).get_conversation(UNKNOWN).await.unwrap_err();
    assert!(matches!(e, Error::Status { status: 401, .. }), "{e:?}");
}

#[tokio::test]
async fn invalid_json_and_ids_are_400_in_wix_shape() {
    let server = start().await.unwrap();
    let raw = reqwest::Client::new();
    let base = server.base_url();
    let requests = [
        raw.post(format!("{base}/inbox/v2/conversations"))
            .body("{not json"),
        raw.post(format!("{base}/inbox/v2/conversations"))
            .body(json!({"participantId": {"contactId": "nope"}}).to_string()),
        raw.post(format!("{base}/inbox/v2/conversations"))
            .body(json!({"participantId": {"contactId": CONTACT, "memberId": MEMBER}}).to_string()),
        raw.get(format!("{base}/inbox/v2/conversations/not-a-guid")),
        raw.get(format!(
            "{base}/inbox/v2/messages?conversationId=123&visibility=BUSINESS"
        )),
        raw.post(format!("{base}/inbox/v2/messages")).body("[]"),
    ];
    for request in requests {
        let response = request.header("authorization", TOKEN).send().await.unwrap();
        let status = response.status().as_u16();
        let body: serde_json::Value =
            serde_json::from_str(&response.text().await.unwrap()).unwrap();
        assert_eq!(status, 400, "{body}");
        assert!(body["message"].is_string(), "{body}");
        assert!(body["details"]["validationError"].is_object(), "{body}");
    }

    // Through the client: Wix's body decoded, no application error.
    let client = client(&server);
    let id = conversation_of(&client, CONTACT).await;
    let mut request = ListMessagesRequest::new(id, MessageVisibility::Business);
    request.paging = Some(wix_inbox::CursorPaging {
        limit: Some(101),
        cursor: None,
    });
    let e = client.list_messages(&request).await.unwrap_err();
    assert!(matches!(e, Error::Status { status: 400, .. }), "{e:?}");
    assert!(e
        .body()
        .unwrap()
        .message
        .as_deref()
        .unwrap()
        .contains("paging.limit"));
}

#[tokio::test]
async fn undecodable_bodies_keep_the_raw_text() {
    let server = start().await.unwrap();
    let client = client(&server);
    let id = conversation_of(&client, CONTACT).await;

    server.faults().corrupt_next(BodyFault::Truncated, 1);
    match client.get_conversation(id).await.unwrap_err() {
        Error::UndecodableBody { status, raw, .. } => {
            assert_eq!(status, 200);
            assert!(raw.starts_with("{\"conversation\""), "{raw}");
            assert!(serde_json::from_str::<serde_json::Value>(&raw).is_err());
        }
        other => panic!("{other:?}"),
    }

    server.faults().corrupt_next(BodyFault::Malformed, 1);
    server.faults().fail_next(500, 1);
    match client.get_conversation(id).await.unwrap_err() {
        Error::UndecodableBody { status, raw, .. } => {
            assert_eq!(status, 500);
            assert_eq!(raw, "<html>Service temporarily confused</html>");
        }
        other => panic!("{other:?}"),
    }
    // The faults are used up.
    client.get_conversation(id).await.unwrap();
}

#[tokio::test]
async fn a_slow_answer_is_a_timeout() {
    let server = start().await.unwrap();
    server.faults().set_latency(Duration::from_secs(30));
    let client = builder(&server)
        .timeout(Some(Duration::from_millis(200)))
        .build()
        .unwrap();
    let e = client
        .get_or_create_conversation(CONTACT)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Timeout), "{e:?}");
    assert_eq!(e.to_string(), "the request timed out");
}

#[tokio::test]
async fn base_url_and_user_supplied_reqwest_client() {
    assert_eq!(
        InboxClient::new(Credentials::access_token(TOKEN))
            .unwrap()
            .base_url(),
        DEFAULT_BASE_URL
    );
    assert_eq!(DEFAULT_BASE_URL, "https://www.wixapis.com");
    let server = start().await.unwrap();
    let trailing = builder(&server)
        .base_url(format!("{}/", server.base_url()))
        .build()
        .unwrap();
    conversation_of(&trailing, CONTACT).await;
    for bad in ["ftp://127.0.0.1", "not a url", "http://127.0.0.1/?q=1"] {
        assert!(builder(&server).base_url(bad).build().is_err(), "{bad}");
    }

    // A user's client is used as given: its default header moves the calls to
    // another site, which does not own the conversation.
    let id = conversation_of(&client(&server), CONTACT).await;
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("wix-site-id", OTHER_SITE.as_str().parse().unwrap());
    let theirs = reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .unwrap();
    let client = builder(&server).http_client(theirs).build().unwrap();
    let e = client.get_conversation(id).await.unwrap_err();
    assert_eq!(
        e.application_error(),
        Some(&GetConversationError::NotOwnedByBusiness)
    );
}

#[tokio::test]
async fn the_credential_never_shows() {
    let server = start().await.unwrap();
    let config = ServerConfig {
        accepted_credentials: Some(vec!["someone-else".into()]),
        ..ServerConfig::default()
    };
    let strict = start_with(config).await.unwrap();
    let mut shown = vec![
        format!("{:?}", Credentials::access_token(TOKEN)),
        format!("{:?}", Credentials::api_key_for_site(TOKEN, OTHER_SITE)),
        format!("{:?}", builder(&server)),
        format!("{:?}", client(&server)),
    ];
    let refused = client(&strict).get_conversation(UNKNOWN).await.unwrap_err();
    shown.push(format!("{refused:?}"));
    shown.push(refused.to_string());
    let missing = client(&server).get_conversation(UNKNOWN).await.unwrap_err();
    shown.push(format!("{missing:?}"));
    shown.push(missing.to_string());
    // A transport error: nothing listens on the port of a server that was shut down.
    let gone = start().await.unwrap();
    let url = gone.base_url();
    gone.shutdown().await.unwrap();
    let unreachable = builder(&server)
        .base_url(url)
        .retry_policy(wix_inbox::client::RetryPolicy::none())
        .build()
        .unwrap();
    let transport = unreachable.get_conversation(UNKNOWN).await.unwrap_err();
    assert!(matches!(transport, Error::Transport(_)), "{transport:?}");
    shown.push(format!("{transport:?}"));
    shown.push(transport.to_string());
    let bad = InboxClient::builder(Credentials::access_token(format!("{TOKEN}\n")))
        .build()
        .unwrap_err();
    shown.push(format!("{bad:?}"));
    shown.push(bad.to_string());
    for text in &shown {
        assert!(!text.contains(TOKEN), "credential shown in: {text}");
        assert!(!text.contains("5ecret"), "credential shown in: {text}");
    }
    assert!(shown[0].contains("<redacted>"));
}

#[tokio::test]
async fn the_admin_routes_drive_the_server() {
    let server = start().await.unwrap();
    let raw = reqwest::Client::new();
    let base = server.base_url();
    let post = |path: &str, body: serde_json::Value| {
        raw.post(format!("{base}{path}"))
            .header("content-type", "application/json")
            .body(body.to_string())
            .send()
    };
    let json = |r: reqwest::Response| async move {
        let status = r.status().as_u16();
        let body: serde_json::Value = serde_json::from_str(&r.text().await.unwrap()).unwrap();
        (status, body)
    };

    let (status, visitor) = json(
        post("/_local/visitors", json!({"text": "hello"}))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{visitor}");
    let conversation = visitor["conversationId"].as_str().unwrap().to_owned();
    let (status, converted) = json(
        post(
            "/_local/conversions",
            json!({"participantId": {"anonymousVisitorId": visitor["anonymousVisitorId"]}, "to": "contact"}),
        )
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{converted}");
    assert_eq!(converted["merges"][0]["old"], conversation);
    assert!(converted["contactId"].is_string());

    let (status, _) = json(
        post(
            "/_local/faults",
            json!({"failNext": {"status": 503, "count": 1}}),
        )
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    let e = client(&server)
        .get_or_create_conversation(CONTACT)
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(503));
    let (_, stats) = json(
        raw.get(format!("{base}/_local/stats"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(stats["requests"]["getOrCreateConversation"], 1, "{stats}");
}
