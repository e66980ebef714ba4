//! The example program's body (`cargo run -p wix-local-server --example
//! inbox_demo`), here so that the test suite can run it too.

use std::io::Write;

use futures_util::TryStreamExt;
use wix_inbox::client::{Credentials, InboxClient};
use wix_inbox::{
    BasicMessageData, ContactId, CursorPaging, ListMessagesRequest, Message, MessageContentPayload,
    MessageVisibility,
};

/// What the demo did, for checking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoSummary {
    /// Messages sent through the API.
    pub sent: usize,
    /// Messages read back by streaming listMessages.
    pub listed: usize,
    /// Pages those took (one listMessages call each).
    pub pages: usize,
}

/// A text message from the business to the participant, visible to both: the same as
/// [`Message::text`], kept for the tests that use it.
pub fn text_message(text: &str) -> Message {
    Message::text(text)
}

/// The text of a basic text message, if it is one.
pub fn text_of(message: &Message) -> Option<&str> {
    match message.content.payload.as_ref()? {
        MessageContentPayload::Basic(basic) => match basic.items.first()? {
            BasicMessageData::Text(text) => Some(text),
            _ => None,
        },
        _ => None,
    }
}

/// Starts a local server, sends a few messages to a contact, lists them back page by
/// page, and writes what it did to `out`.
pub async fn run(
    out: &mut (dyn Write + Send),
) -> Result<DemoSummary, Box<dyn std::error::Error + Send + Sync>> {
    let server = crate::start().await?;
    writeln!(out, "local Inbox server on {}", server.base_url())?;

    let client = InboxClient::builder(Credentials::access_token("local-demo-token"))
        .base_url(server.base_url())
        .build()?;

    let contact: ContactId = "c0ffee00-1234-4abc-8def-0123456789ab".parse()?;
    let found = client.get_or_create_conversation(contact).await?;
    let conversation = found
        .conversation
        .as_ref()
        .and_then(|c| c.id().copied())
        .ok_or("no conversation ID")?;
    writeln!(
        out,
        "conversation {conversation} for contact {contact} (new: {})",
        found.new_conversation.unwrap_or(false)
    )?;

    let texts = [
        "Hello!",
        "Your order has shipped.",
        "It arrives on Tuesday.",
        "Thanks for shopping with us.",
    ];
    for text in texts {
        let sent = client
            .send_message(conversation, Message::text(text))
            .await?;
        let sequence = sent
            .message
            .as_ref()
            .and_then(|m| m.sequence())
            .unwrap_or_default();
        writeln!(out, "sent #{sequence}: {text}")?;
    }

    let request = ListMessagesRequest::new(conversation, MessageVisibility::BusinessAndParticipant)
        .with_paging(CursorPaging {
            limit: Some(3),
            cursor: None,
        });
    let messages: Vec<Message> = client.messages(request).try_collect().await?;
    writeln!(out, "listed {} messages, newest first:", messages.len())?;
    for message in &messages {
        let sequence = message.sequence().unwrap_or_default();
        writeln!(
            out,
            "  #{sequence}: {}",
            text_of(message).unwrap_or("(not text)")
        )?;
    }
    let pages = server.inbox().request_count("listMessages");
    writeln!(out, "({pages} pages of at most 3)")?;
    server.shutdown().await?;
    Ok(DemoSummary {
        sent: texts.len(),
        listed: messages.len(),
        pages,
    })
}
