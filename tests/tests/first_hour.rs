//! A Wix app's first hour, as the README walks it, end to end against the local server:
//! app credentials (no token in hand), a contact created from the short constructors,
//! that contact's conversation, a message sent into it, and the message read back.
//! The server accepts only the tokens it mints, so every call that succeeds went
//! through the app's token exchange.

use wix_contacts::client::{ContactsClient, Credentials};
use wix_contacts::ContactInfo;
use wix_inbox::client::InboxClient;
use wix_inbox::{ListMessagesRequest, Message, MessageVisibility};
use wix_local_server::{
    start_with, ServerConfig, DEFAULT_APP_ID, DEFAULT_APP_SECRET, DEFAULT_INSTANCE_ID,
};

#[tokio::test]
async fn an_app_creates_a_contact_and_messages_it() {
    let server = start_with(ServerConfig {
        accepted_credentials: Some(vec![]),
        ..ServerConfig::default()
    })
    .await
    .unwrap();

    // The README's way: app credentials, then a handle for the site's instance.
    let app = InboxClient::builder(Credentials::app(DEFAULT_APP_ID, DEFAULT_APP_SECRET))
        .base_url(server.base_url())
        .build()
        .unwrap();
    let inbox = app.for_instance(DEFAULT_INSTANCE_ID);
    let contacts = ContactsClient::sharing(&inbox);

    let info = ContactInfo::named("Dana", "Lee").add_email("dana@example.com");
    let created = contacts.create_contact(info).await.unwrap();
    let contact = *created
        .contact
        .as_ref()
        .and_then(|c| c.id())
        .expect("Wix sets the new contact's ID");

    let found = inbox.get_or_create_conversation(contact).await.unwrap();
    let conversation = *found
        .conversation
        .as_ref()
        .and_then(|c| c.id())
        .expect("the conversation's ID");
    inbox
        .send_message(conversation, Message::text("Welcome aboard, Dana."))
        .await
        .unwrap();

    let listed = inbox
        .list_messages(&ListMessagesRequest::new(
            conversation,
            MessageVisibility::BusinessAndParticipant,
        ))
        .await
        .unwrap();
    let texts: Vec<String> = listed
        .messages
        .iter()
        .flat_map(|m| m.texts().map(str::to_owned).collect::<Vec<_>>())
        .collect();
    assert_eq!(texts, ["Welcome aboard, Dana."]);

    // One token for the instance, minted on the first call and shared by both clients.
    assert_eq!(server.app_tokens().minted(), 1);
    // The same client without an instance sends nothing.
    let e = ContactsClient::sharing(&app)
        .create_contact(ContactInfo::from_email("someone@example.com"))
        .await
        .unwrap_err();
    assert!(
        matches!(
            e,
            wix_contacts::client::Error::Token(wix_contacts::client::TokenError::NoInstance)
        ),
        "{e}"
    );
    assert_eq!(server.inbox().request_count("createContact"), 1);
}
