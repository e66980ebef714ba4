//! Shared by the issue-5 tests: a client for a local server, the TEST-ONLY keys, and a
//! webhook receiver.
#![allow(dead_code)]

use std::time::Duration;

use tokio::sync::mpsc;
use wix_inbox::client::{ClientBuilder, Credentials, InboxClient, RetryPolicy};
use wix_inbox::{ConversationId, Message, ParticipantId};
use wix_local_server::LocalServer;

/// The access token the tests use. Checked to appear in no output.
pub const TOKEN: &str = "tok-5ecret-7f3a9c";

/// TEST-ONLY key pairs (tests/keys/README.md): 1 is the app's, 2 is another.
pub const PRIVATE_1: &[u8] = include_bytes!("../../keys/TEST-ONLY-webhook-private-1.pem");
pub const PUBLIC_1: &[u8] = include_bytes!("../../keys/TEST-ONLY-webhook-public-1.pem");
pub const PRIVATE_2: &[u8] = include_bytes!("../../keys/TEST-ONLY-webhook-private-2.pem");
pub const PUBLIC_2: &[u8] = include_bytes!("../../keys/TEST-ONLY-webhook-public-2.pem");

/// Retries that wait next to nothing, so fault tests stay fast.
pub fn fast_retries(max_retries: u32) -> RetryPolicy {
    RetryPolicy {
        max_retries,
        initial_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(4),
        max_elapsed: Duration::from_secs(20),
    }
}

pub fn builder(server: &LocalServer) -> ClientBuilder<InboxClient> {
    InboxClient::builder(Credentials::access_token(TOKEN))
        .base_url(server.base_url())
        .retry_policy(fast_retries(3))
}

pub fn client(server: &LocalServer) -> InboxClient {
    builder(server).build().expect("client")
}

pub fn text(text: &str) -> Message {
    wix_local_server::demo::text_message(text)
}

pub fn text_of(message: &Message) -> String {
    wix_local_server::demo::text_of(message)
        .expect("a text message")
        .to_owned()
}

/// The conversation of `participant`, by getOrCreateConversation.
pub async fn conversation_of(
    client: &InboxClient,
    participant: impl Into<ParticipantId>,
) -> ConversationId {
    client
        .get_or_create_conversation(participant)
        .await
        .expect("getOrCreateConversation")
        .conversation
        .and_then(|c| c.id().copied())
        .expect("a conversation ID")
}

/// A webhook receiver on 127.0.0.1: every body POSTed to it arrives on the channel.
pub struct Receiver {
    pub url: String,
    pub bodies: mpsc::UnboundedReceiver<String>,
}

pub async fn receiver() -> Receiver {
    let (tx, rx) = mpsc::unbounded_channel();
    let app = axum::Router::new().route(
        "/webhook",
        axum::routing::post(move |body: String| {
            let tx = tx.clone();
            async move {
                let _ = tx.send(body);
                "ok"
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, app).await });
    Receiver {
        url: format!("http://{addr}/webhook"),
        bodies: rx,
    }
}
