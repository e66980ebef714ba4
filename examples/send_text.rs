//! Sends a text message to a contact: finds (or starts) the contact's conversation with
//! getOrCreateConversation, then sends `Message::text` in it.
//!
//! ```sh
//! WIX_ACCESS_TOKEN=… cargo run -p wix-examples --bin send_text -- CONTACT_ID "Hello!"
//! ```
//!
//! Without a Wix site, against a local Inbox server (any token will do):
//!
//! ```sh
//! cargo run -p wix-local-server -- --port 8085 &
//! WIX_BASE_URL=http://127.0.0.1:8085 WIX_ACCESS_TOKEN=local \
//!     cargo run -p wix-examples --bin send_text -- c0ffee00-1234-4abc-8def-0123456789ab "Hello!"
//! ```

use std::error::Error;

use wix_inbox::client::{Credentials, InboxClient};
use wix_inbox::{ContactId, Message};

/// Sends `text` to the contact, in their current conversation (started if they have
/// none), and returns the message as stored, with the fields Wix sets.
pub async fn send_text(
    client: &InboxClient,
    contact: ContactId,
    text: &str,
) -> Result<Message, Box<dyn Error + Send + Sync>> {
    let found = client.get_or_create_conversation(contact).await?;
    let conversation = found
        .conversation
        .as_ref()
        .and_then(|c| c.id().copied())
        .ok_or("the response has no conversation ID")?;
    // From the business to the contact, visible to both.
    let sent = client
        .send_message(conversation, Message::text(text))
        .await?;
    Ok(sent.message.ok_or("the response has no message")?)
}

/// A client from the environment: the access token in `WIX_ACCESS_TOKEN`, and
/// `WIX_BASE_URL` to call another server than Wix's, such as a local Inbox server.
fn client_from_env() -> Result<InboxClient, Box<dyn Error + Send + Sync>> {
    let token = std::env::var("WIX_ACCESS_TOKEN").map_err(|_| "set WIX_ACCESS_TOKEN")?;
    let mut builder = InboxClient::builder(Credentials::access_token(token));
    if let Ok(url) = std::env::var("WIX_BASE_URL") {
        builder = builder.base_url(url);
    }
    Ok(builder.build()?)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error + Send + Sync>> {
    let mut args = std::env::args().skip(1);
    let contact: ContactId = args
        .next()
        .ok_or("usage: send_text CONTACT_ID [TEXT]")?
        .parse()?;
    let text = args.next().unwrap_or_else(|| "Hello from Rust!".to_owned());
    let client = client_from_env()?;
    let sent = send_text(&client, contact, &text).await?;
    println!(
        "sent message #{} to {contact}: {text}",
        sent.sequence().unwrap_or_default()
    );
    Ok(())
}
