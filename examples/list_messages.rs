//! Pages through a contact's conversation with the message stream, newest first.
//!
//! ```sh
//! WIX_ACCESS_TOKEN=… cargo run -p wix-examples --bin list_messages -- CONTACT_ID
//! ```
//!
//! (`WIX_BASE_URL=http://127.0.0.1:8085` for a local Inbox server, as in the
//! `send_text` example.)
//!
//! `InboxClient::messages` fetches one page per listMessages call as it is read, following
//! the cursors. `next_item` reads it without any trait import; for
//! the stream methods (`try_next`, `try_collect`, `take`, ...) `use
//! wix_inbox::client::TryStreamExt` (or `StreamExt`): you do not need a `futures-util`
//! dependency of your own.

use std::error::Error;
use std::io::Write;

use wix_inbox::client::{Credentials, InboxClient};
use wix_inbox::{
    ContactId, ConversationId, CursorPaging, ListMessagesRequest, MessageDirection,
    MessageVisibility,
};

/// Writes each message of the conversation to `out`, newest first, one line each
/// (`#7 participant: Is this still in stock?`), fetching `page_size` messages a call.
/// Returns how many there were.
pub async fn print_messages(
    client: &InboxClient,
    conversation: ConversationId,
    page_size: i64,
    out: &mut impl Write,
) -> Result<usize, Box<dyn Error + Send + Sync>> {
    let request = ListMessagesRequest::new(conversation, MessageVisibility::BusinessAndParticipant)
        .with_paging(CursorPaging {
            limit: Some(page_size),
            cursor: None,
        });
    let mut messages = client.messages(request);
    let mut count = 0;
    while let Some(message) = messages.next_item().await? {
        let from = if message.direction == MessageDirection::ParticipantToBusiness {
            "participant"
        } else {
            "business"
        };
        let text = message.texts().collect::<Vec<_>>().join(" ");
        let sequence = message.sequence().unwrap_or_default();
        writeln!(out, "#{sequence} {from}: {text}")?;
        count += 1;
    }
    Ok(count)
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
    let contact: ContactId = std::env::args()
        .nth(1)
        .ok_or("usage: list_messages CONTACT_ID")?
        .parse()?;
    let client = client_from_env()?;
    let conversation = client
        .get_or_create_conversation(contact)
        .await?
        .conversation
        .and_then(|c| c.id().copied())
        .ok_or("the response has no conversation ID")?;
    let count = print_messages(&client, conversation, 30, &mut std::io::stdout()).await?;
    println!("{count} messages in conversation {conversation}");
    Ok(())
}
