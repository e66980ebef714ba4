//! Receives Inbox webhooks in an axum app: verifies each request with the app's public
//! key, dispatches its event, and answers a participant's message with a text.
//!
//! ```sh
//! WIX_ACCESS_TOKEN=… WIX_WEBHOOK_PUBLIC_KEY=app-public-key.pem \
//!     cargo run -p wix-examples --bin webhook_server    # POST /webhook on 127.0.0.1:3000
//! ```
//!
//! `WIX_WEBHOOK_PUBLIC_KEY` is the file of the public key the app's dashboard shows
//! for webhooks (`-----BEGIN PUBLIC KEY-----`); `WEBHOOK_ADDR` changes where to
//! listen; `WIX_BASE_URL` sends the replies to another server than Wix's. A local Inbox
//! server sends such webhooks when given a private key (`--webhook-url`, `--webhook-key`:
//! the README shows it with the TEST-ONLY keys).
//!
//! Wix POSTs each event as a signed JWT, the whole body. The handler answers:
//!
//! - 401 to a request that does not verify (forged, re-signed, expired, not a JWT);
//! - 400 to one that verifies but is malformed inside;
//! - 500 when handling failed, so that Wix delivers the event again;
//! - 200 otherwise, with a line saying what was done (Wix ignores the body).

use std::collections::HashSet;
use std::error::Error;
use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::Router;
use wix_inbox::client::{Credentials, InboxClient};
use wix_inbox::webhook::{Event, WebhookError, WebhookVerifier};
use wix_inbox::Message;

/// What the app answers a participant's message with.
pub const REPLY: &str = "Thanks for your message! We will get back to you shortly.";

/// The app's state: how to verify requests, how to reply, and which events it has
/// handled (Wix may deliver an event more than once; a real app keeps these in its
/// database).
struct Receiver {
    verifier: WebhookVerifier,
    client: InboxClient,
    handled: Mutex<HashSet<String>>,
}

/// The app: `POST /webhook`, verifying with `verifier` and replying with `client`.
pub fn app(verifier: WebhookVerifier, client: InboxClient) -> Router {
    let receiver = Receiver {
        verifier,
        client,
        handled: Mutex::default(),
    };
    Router::new()
        .route("/webhook", post(webhook))
        .with_state(Arc::new(receiver))
}

async fn webhook(State(receiver): State<Arc<Receiver>>, body: String) -> (StatusCode, String) {
    // Verify the signature and expiry, then decode the event inside.
    let delivery = match receiver.verifier.decode(&body) {
        Ok(delivery) => delivery,
        Err(e @ WebhookError::MalformedLayer { .. }) => {
            return (StatusCode::BAD_REQUEST, e.to_string())
        }
        Err(e) => return (StatusCode::UNAUTHORIZED, e.to_string()),
    };
    let event_id = delivery.event_id.clone();
    if let Some(id) = &event_id {
        if receiver.handled.lock().unwrap().contains(id) {
            return (StatusCode::OK, format!("already handled {id}"));
        }
    }

    // Dispatch on the event's type.
    let done = match &delivery.event {
        Event::MessageSentToBusiness(sent) => {
            let Some(conversation) = sent.conversation_id else {
                return (StatusCode::BAD_REQUEST, "no conversation ID".to_owned());
            };
            // Reply in the conversation the message came in.
            match receiver
                .client
                .send_message(conversation, Message::text(REPLY))
                .await
            {
                Ok(_) => format!("replied in conversation {conversation}"),
                Err(e) => return (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
            }
        }
        Event::ConversationsMerged(merged) => {
            // Forget the old conversation IDs: they no longer work.
            // (`wix_inbox::lifecycle::ConversationCache::apply_event` does it for you.)
            let target = merged
                .target_conversation_id
                .map(|id| id.to_string())
                .unwrap_or_default();
            let n = merged.old_conversation_ids.len();
            let s = if n == 1 { "" } else { "s" };
            format!("{n} conversation{s} merged into {target}")
        }
        other => format!("ignored {}", other.event_type()),
    };
    if let Some(id) = event_id {
        receiver.handled.lock().unwrap().insert(id);
    }
    println!("{}: {done}", delivery.event_type);
    (StatusCode::OK, done)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error + Send + Sync>> {
    let key_file = std::env::var("WIX_WEBHOOK_PUBLIC_KEY")
        .map_err(|_| "set WIX_WEBHOOK_PUBLIC_KEY to the file of the app's public key")?;
    let verifier = WebhookVerifier::from_rsa_pem(&std::fs::read(key_file)?)?;
    let token = std::env::var("WIX_ACCESS_TOKEN").map_err(|_| "set WIX_ACCESS_TOKEN")?;
    let mut client = InboxClient::builder(Credentials::access_token(token));
    if let Ok(url) = std::env::var("WIX_BASE_URL") {
        client = client.base_url(url);
    }
    let addr = std::env::var("WEBHOOK_ADDR").unwrap_or_else(|_| "127.0.0.1:3000".to_owned());
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    println!("receiving webhooks on http://{addr}/webhook");
    axum::serve(listener, app(verifier, client.build()?)).await?;
    Ok(())
}
