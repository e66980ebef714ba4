//! The short constructors of common messages (`wix_inbox::compose`): each gives exactly
//! the message the nested generated types give, with the documented defaults
//! (business to participant, visible to both), and the local server stores and
//! returns it as sent.

mod inbox_support;

use inbox_support::{client, conversation_of};
use serde_json::json;
use wix_inbox::{
    BasicMessageData, BasicMessagePayload, ContactId, FileMessage, ImageMessage,
    ListMessagesRequest, Message, MessageContent, MessageContentPayload, MessageDirection,
    MessageVisibility, SortOrder, Sorting,
};

const CONTACT: ContactId = ContactId::from_literal("c0ffee00-1234-4abc-8def-0123456789ab");
const IMAGE: &str = "https://static.example.com/shipped.png";
const FILE: &str = "https://static.example.com/invoice-1042.pdf";

/// The message the long way: five nested types.
fn nested(items: Vec<BasicMessageData>) -> Message {
    let content = MessageContent {
        payload: Some(MessageContentPayload::Basic(BasicMessagePayload { items })),
        ..MessageContent::default()
    };
    Message::new(
        content,
        MessageVisibility::BusinessAndParticipant,
        MessageDirection::BusinessToParticipant,
    )
}

#[test]
fn a_text_message_is_the_nested_form_with_the_documented_defaults() {
    let message = Message::text("Your order has shipped.");
    assert_eq!(
        message,
        nested(vec![BasicMessageData::Text(
            "Your order has shipped.".into()
        )])
    );
    assert_eq!(message.direction, MessageDirection::BusinessToParticipant);
    assert_eq!(
        message.visibility,
        MessageVisibility::BusinessAndParticipant
    );
    assert_eq!(
        serde_json::to_value(&message).unwrap(),
        json!({
            "content": {"basic": {"items": [{"text": "Your order has shipped."}]}},
            "visibility": "BUSINESS_AND_PARTICIPANT",
            "direction": "BUSINESS_TO_PARTICIPANT",
        })
    );
    assert_eq!(
        message.texts().collect::<Vec<_>>(),
        ["Your order has shipped."]
    );
}

#[test]
fn a_text_with_an_image_and_a_text_with_a_file() {
    let mut image = ImageMessage::default();
    image.url = Some(IMAGE.into());
    assert_eq!(ImageMessage::from_url(IMAGE), image);
    assert_eq!(
        Message::text_with_image("Here it is:", IMAGE),
        nested(vec![
            BasicMessageData::Text("Here it is:".into()),
            BasicMessageData::Image(image),
        ])
    );

    let mut file = FileMessage::default();
    file.url = Some(FILE.into());
    file.filename = Some("invoice-1042.pdf".into());
    assert_eq!(FileMessage::from_url(FILE, "invoice-1042.pdf"), file);
    let message = Message::text_with_file("Your invoice:", FILE, "invoice-1042.pdf");
    assert_eq!(
        message,
        nested(vec![
            BasicMessageData::Text("Your invoice:".into()),
            BasicMessageData::File(file),
        ])
    );
    assert_eq!(
        serde_json::to_value(&message).unwrap()["content"],
        json!({"basic": {"items": [
            {"text": "Your invoice:"},
            {"file": {"url": FILE, "filename": "invoice-1042.pdf"}},
        ]}})
    );
    assert_eq!(message.texts().collect::<Vec<_>>(), ["Your invoice:"]);

    let typed = FileMessage::from_url(FILE, "invoice-1042.pdf").with_mime_type("application/pdf");
    assert_eq!(typed.mime_type.as_deref(), Some("application/pdf"));
}

#[test]
fn any_pieces_in_order_and_text_of_other_content() {
    let message = Message::basic([
        BasicMessageData::from(ImageMessage::from_url(IMAGE)),
        BasicMessageData::from("first".to_owned()),
        BasicMessageData::from("second".to_owned()),
    ]);
    assert_eq!(message.texts().collect::<Vec<_>>(), ["first", "second"]);
    assert_eq!(MessageContent::text("hi"), Message::text("hi").content);

    let mut no_payload = Message::text("x");
    no_payload.content.payload = None;
    assert_eq!(no_payload.texts().count(), 0);
}

#[tokio::test]
async fn the_local_server_stores_each_as_sent() {
    let server = wix_local_server::start().await.unwrap();
    let client = client(&server);
    let conversation = conversation_of(&client, CONTACT).await;
    let sent = [
        Message::text("Hello!"),
        Message::text_with_image("Shipped:", IMAGE),
        Message::text_with_file("Invoice:", FILE, "invoice-1042.pdf"),
    ];
    for message in &sent {
        let stored = client
            .send_message(conversation, message.clone())
            .await
            .unwrap()
            .message
            .unwrap();
        assert_eq!(stored.content, message.content);
        assert_eq!(stored.direction, MessageDirection::BusinessToParticipant);
    }
    let request = ListMessagesRequest::new(conversation, MessageVisibility::BusinessAndParticipant)
        .with_sorting(Sorting {
            field_name: Some("sequence".into()),
            order: Some(SortOrder::Asc),
        });
    let listed = client.list_messages(&request).await.unwrap().messages;
    let contents: Vec<_> = listed.iter().map(|m| &m.content).collect();
    let expected: Vec<_> = sent.iter().map(|m| &m.content).collect();
    assert_eq!(contents, expected);
}

/// Content the pages rule out compiles (the types cannot tell an empty text from
/// another), and is refused as Wix refuses it: 400, a validation error naming the
/// field, nothing stored.
#[tokio::test]
async fn empty_content_compiles_and_the_local_server_refuses_it_as_wix_does() {
    let server = wix_local_server::start().await.unwrap();
    let client = client(&server);
    let conversation = conversation_of(&client, CONTACT).await;
    let no_content = Message::new(
        MessageContent::default(),
        MessageVisibility::BusinessAndParticipant,
        MessageDirection::BusinessToParticipant,
    );
    let cases = [
        (no_content, "message.content"),
        (Message::basic([]), "message.content.basic.items"),
        (Message::text(""), "message.content.basic.items[0].text"),
        (
            Message::basic([BasicMessageData::Text("fine".into()), BasicMessageData::Text(String::new())]),
            "message.content.basic.items[1].text",
        ),
    ];
    for (message, field) in cases {
        let e = client
            .send_message(conversation, message)
            .await
            .unwrap_err();
        assert_eq!(e.status(), Some(400), "{field}: {e}");
        let body = e.body().expect("Wix's error body");
        let violations = &body.details.as_ref().unwrap().other["validationError"]["fieldViolations"];
        assert_eq!(violations[0]["field"], json!(field), "{body:?}");
    }
    let request = ListMessagesRequest::new(conversation, MessageVisibility::BusinessAndParticipant);
    assert!(client.list_messages(&request).await.unwrap().messages.is_empty());
}
