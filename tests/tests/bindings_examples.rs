//! The bindings' examples (`examples/`), run against a local Inbox server on
//! 127.0.0.1: each example's `main` only reads its settings and calls the function
//! tested here, the same file included as a module.

mod inbox_support;

use std::process::Command;

use inbox_support::{client, conversation_of, PRIVATE_1, PRIVATE_2, PUBLIC_1, TOKEN};
use serde_json::{json, Value};
use wix_inbox::webhook::WebhookVerifier;
use wix_inbox::{
    ContactId, ConversationId, ListMessagesRequest, Message, MessageDirection, MessageVisibility,
    SendMessageError, SendMessageRequest,
};
use wix_local_server::{
    sign_rs256, start_with, webhook_claims, EventParts, ServerConfig, WebhookTarget,
};

#[allow(dead_code)]
#[path = "../../examples/send_text.rs"]
mod send_text;

#[allow(dead_code)]
#[path = "../../examples/list_messages.rs"]
mod list_messages;

#[allow(dead_code)]
#[path = "../../examples/webhook_server.rs"]
mod webhook_server;

#[allow(dead_code)]
#[path = "../../examples/types_only.rs"]
mod types_only;

const CONTACT: ContactId = ContactId::from_literal("c0ffee00-1234-4abc-8def-0123456789ab");

/// The texts of a conversation, oldest first, read with the stream's inherent
/// `next_message` (no trait imported here).
async fn texts(client: &wix_inbox::client::InboxClient, contact: ContactId) -> Vec<String> {
    let conversation = conversation_of(client, contact).await;
    let mut stream = client.messages(ListMessagesRequest::new(
        conversation,
        MessageVisibility::BusinessAndParticipant,
    ));
    let mut texts = Vec::new();
    while let Some(message) = stream.next_item().await.unwrap() {
        texts.push(message.texts().collect::<Vec<_>>().join(" "));
    }
    texts.reverse();
    texts
}

#[tokio::test]
async fn send_text_sends_a_text_to_the_contacts_conversation() {
    let server = wix_local_server::start().await.unwrap();
    let client = client(&server);
    let sent = send_text::send_text(&client, CONTACT, "Your order has shipped.")
        .await
        .unwrap();
    assert_eq!(sent.sequence(), Some(1));
    assert_eq!(sent.direction, MessageDirection::BusinessToParticipant);
    assert_eq!(texts(&client, CONTACT).await, ["Your order has shipped."]);
}

#[tokio::test]
async fn list_messages_pages_through_the_conversation() {
    let server = wix_local_server::start().await.unwrap();
    let client = client(&server);
    let conversation = conversation_of(&client, CONTACT).await;
    for i in 1..=7 {
        client
            .send_message(conversation, Message::text(format!("message {i}")))
            .await
            .unwrap();
    }
    let mut out = Vec::new();
    let listed = list_messages::print_messages(&client, conversation, 3, &mut out)
        .await
        .unwrap();
    let out = String::from_utf8(out).unwrap();
    assert_eq!(listed, 7, "{out}");
    assert_eq!(server.inbox().request_count("listMessages"), 3, "{out}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 7, "{out}");
    assert_eq!(lines[0], "#7 business: message 7");
    assert_eq!(lines[6], "#1 business: message 1");
}

#[tokio::test]
async fn the_message_stream_needs_no_futures_util_import() {
    let server = wix_local_server::start().await.unwrap();
    let client = client(&server);
    let conversation = conversation_of(&client, CONTACT).await;
    for text in ["a", "b", "c"] {
        client
            .send_message(conversation, Message::text(text))
            .await
            .unwrap();
    }
    let request = ListMessagesRequest::new(conversation, MessageVisibility::BusinessAndParticipant);
    // The inherent `next_message` ...
    let mut stream = client.messages(request.clone());
    let newest = stream.next_item().await.unwrap().unwrap();
    assert_eq!(newest.texts().collect::<Vec<_>>(), ["c"]);
    // ... and the stream methods, through the traits `wix_inbox::client` re-exports.
    {
        use wix_inbox::client::StreamExt as _;
        let second = stream.next().await.unwrap().unwrap();
        assert_eq!(second.texts().collect::<Vec<_>>(), ["b"]);
    }
    use wix_inbox::client::TryStreamExt as _;
    assert_eq!(stream.try_next().await.unwrap().unwrap().texts().count(), 1);
    assert!(stream.try_next().await.unwrap().is_none());
    let all: Vec<Message> = client.messages(request).try_collect().await.unwrap();
    assert_eq!(all.len(), 3);
}

const NEW: &str = "66666666-7777-4888-8999-aaaaaaaaaaaa";

/// The example's app on 127.0.0.1 for a local server that signs its webhooks with the
/// app's TEST-ONLY key and sends them to it.
async fn app_and_server() -> (String, wix_local_server::LocalServer) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/webhook", listener.local_addr().unwrap());
    let server = start_with(ServerConfig {
        webhook: Some(WebhookTarget {
            url: url.clone(),
            private_key_pem: PRIVATE_1.to_vec(),
        }),
        ..ServerConfig::default()
    })
    .await
    .unwrap();
    let verifier = WebhookVerifier::from_rsa_pem(PUBLIC_1).unwrap();
    let app = webhook_server::app(verifier, client(&server));
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, server)
}

#[tokio::test]
async fn the_webhook_server_answers_a_visitors_message() {
    let (_, server) = app_and_server().await;
    let inbox = server.inbox();
    let (visitor, conversation) = inbox.visitor_writes("Is this still in stock?").await;

    // The server has delivered MessageSentToBusiness; the app replied before answering.
    let deliveries = inbox.deliveries();
    assert_eq!(deliveries.len(), 1, "{deliveries:?}");
    assert_eq!(deliveries[0].status, Some(200), "{deliveries:?}");
    let client = client(&server);
    let request = ListMessagesRequest::new(conversation, MessageVisibility::BusinessAndParticipant);
    let mut messages: Vec<Message> = {
        use wix_inbox::client::TryStreamExt as _;
        client.messages(request).try_collect().await.unwrap()
    };
    messages.reverse();
    let texts: Vec<Vec<&str>> = messages.iter().map(|m| m.texts().collect()).collect();
    assert_eq!(
        texts,
        [["Is this still in stock?"], [webhook_server::REPLY]]
    );
    assert_eq!(
        messages[1].direction,
        MessageDirection::BusinessToParticipant
    );

    // The visitor becomes a contact: ConversationsMerged reaches the app and is handled.
    let conversion = inbox.convert_to_contact(&visitor).await.unwrap();
    assert_eq!(conversion.deliveries.len(), 1, "{conversion:?}");
    assert_eq!(conversion.deliveries[0].status, Some(200), "{conversion:?}");
}

#[tokio::test]
async fn the_webhook_server_refuses_forgeries_and_handles_each_event_once() {
    let (url, _server) = app_and_server().await;
    let merged = json!({"oldConversationIds": [CONTACT.as_str()], "targetConversationId": NEW});
    const MERGED: &str = "wix.crm.inbox.v2.conversation_conversations_merged";

    let forged = token(MERGED, &merged, "evt-1", PRIVATE_2);
    assert_eq!(post(&url, forged).await.0, 401);
    assert_eq!(post(&url, "not a token".into()).await.0, 401);

    let good = token(MERGED, &merged, "evt-1", PRIVATE_1);
    assert_eq!(
        post(&url, good.clone()).await,
        (200, format!("1 conversation merged into {NEW}"))
    );
    assert_eq!(
        post(&url, good).await,
        (200, "already handled evt-1".to_owned())
    );

    let unknown = token(
        "wix.crm.inbox.v2.something_new",
        &json!({}),
        "evt-2",
        PRIVATE_1,
    );
    assert_eq!(
        post(&url, unknown).await,
        (200, "ignored wix.crm.inbox.v2.something_new".to_owned())
    );
}

/// POSTs `body` to `url`: the status and the response's text.
async fn post(url: &str, body: String) -> (u16, String) {
    let response = reqwest::Client::new()
        .post(url)
        .body(body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

/// A webhook token for this event, signed with `key`.
fn token(event_type: &str, payload: &Value, event_id: &str, key: &[u8]) -> String {
    let parts = EventParts {
        event_type,
        payload,
        identity: &Value::Null,
        instance_id: "12345678-1234-4234-8234-123456789012",
        event_id,
        entity_id: NEW,
    };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    sign_rs256(&webhook_claims(&parts, now, 300), key).unwrap()
}

#[tokio::test]
async fn types_only_builds_requests_and_decodes_responses() {
    let server = wix_local_server::start().await.unwrap();
    let http = reqwest::Client::new();
    let sent = types_only::send_text(&http, &server.base_url(), TOKEN, CONTACT, "Hello!")
        .await
        .unwrap();
    assert_eq!(sent.texts().collect::<Vec<_>>(), ["Hello!"]);
    assert_eq!(texts(&client(&server), CONTACT).await, ["Hello!"]);

    // The request as built: the operation's method and path, the request as JSON.
    let nowhere: ConversationId = "99999999-9999-4999-8999-999999999999".parse().unwrap();
    let request = SendMessageRequest::new(nowhere, Message::text("to nowhere"));
    let built = types_only::build(&server.base_url(), TOKEN, &request).unwrap();
    assert_eq!(built.method, "POST");
    assert_eq!(
        built.url,
        format!("{}/inbox/v2/messages", server.base_url())
    );
    assert_eq!(
        serde_json::from_str::<Value>(&built.body).unwrap(),
        serde_json::to_value(&request).unwrap()
    );

    // A documented application error arrives typed; another error as its status.
    let conversation = conversation_of(&client(&server), CONTACT).await;
    let bad_image = Message::text_with_image("Look:", "ftp://static.example.com/a.png");
    let request = SendMessageRequest::new(conversation, bad_image);
    match types_only::call(&http, &server.base_url(), TOKEN, &request).await {
        Err(types_only::CallError::Application(e)) => {
            assert_eq!(e, SendMessageError::InvalidMediaUrl)
        }
        other => panic!("{other:?}"),
    }
    let request = SendMessageRequest::new(nowhere, Message::text("to nowhere"));
    match types_only::call(&http, &server.base_url(), TOKEN, &request).await {
        Err(types_only::CallError::Status { status: 404, body }) => {
            assert!(body.contains("CONVERSATION_NOT_FOUND"), "{body}")
        }
        other => panic!("{other:?}"),
    }
    // listMessages takes its parameters in the query: not what this example builds.
    let list = ListMessagesRequest::new(nowhere, MessageVisibility::BusinessAndParticipant);
    assert!(matches!(
        types_only::build(&server.base_url(), TOKEN, &list),
        Err(types_only::CallError::NotInBody("listMessages"))
    ));
}

/// The types-only example builds as a user's would: `default-features = false`.
#[test]
fn types_only_builds_without_the_default_features() {
    let workspace = wixgen_tests::workspace_root();
    let out = Command::new(env!("CARGO"))
        .args([
            "check",
            "-q",
            "-p",
            "wix-examples",
            "--no-default-features",
            "--bin",
            "types_only",
        ])
        .current_dir(&workspace)
        .env("CARGO_TARGET_DIR", wixgen_tests::nested_target_dir("lint-check"))
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
