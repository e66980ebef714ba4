//! Short constructors for the messages most apps send: text, text with an image, text
//! with a file. Hand-written, on the generated types; no feature needed.
//!
//! A [`Message`] nests its pieces five types deep (`Message` → [`MessageContent`] →
//! [`MessageContentPayload::Basic`] → [`BasicMessagePayload`] → [`BasicMessageData`]),
//! and the API requires a direction and a visibility. These constructors fill them in:
//!
//! ```
//! use wix_inbox::Message;
//!
//! let hello = Message::text("Your order has shipped.");
//! let photo = Message::text_with_image("Here it is:", "https://static.example.com/box.png");
//! let invoice = Message::text_with_file(
//!     "Your invoice:",
//!     "https://static.example.com/invoice-1042.pdf",
//!     "invoice-1042.pdf",
//! );
//! # assert_eq!(hello.texts().collect::<Vec<_>>(), ["Your order has shipped."]);
//! # let _ = (photo, invoice);
//! ```
//!
//! # Defaults
//!
//! Every constructor here makes a message
//!
//! - **from the business to the participant**
//!   ([`MessageDirection::BusinessToParticipant`]): what an app sends on the business's
//!   behalf;
//! - **visible to both** ([`MessageVisibility::BusinessAndParticipant`]): the participant
//!   sees it, and so does the business in its Inbox;
//! - with every optional field unset (no title, badges, channels or preview text: Wix
//!   derives the preview from the content).
//!
//! Change them afterwards: each optional field has a setter
//! (`Message::text("Noted.").with_silent(true)` stores a message without notifying
//! anyone), and the required ones are public fields (`message.visibility =
//! MessageVisibility::Business` for a note only the business sees).

use crate::{
    BasicMessageData, BasicMessagePayload, FileMessage, ImageMessage, Message, MessageContent,
    MessageContentPayload, MessageDirection, MessageVisibility,
};

impl Message {
    /// A text message from the business to the participant, visible to both (see
    /// [the defaults](crate::compose#defaults)).
    ///
    /// The text must not be empty: `Message::text("")` compiles, and the API refuses
    /// it (400, a validation error on `message.content.basic.items[0].text`).
    ///
    /// ```
    /// let message = wix_inbox::Message::text("Hello!");
    /// assert_eq!(
    ///     serde_json::to_string(&message).unwrap(),
    ///     r#"{"content":{"basic":{"items":[{"text":"Hello!"}]}},"visibility":"BUSINESS_AND_PARTICIPANT","direction":"BUSINESS_TO_PARTICIPANT"}"#,
    /// );
    /// ```
    pub fn text(text: impl Into<String>) -> Message {
        Message::basic([BasicMessageData::Text(text.into())])
    }

    /// A text followed by an image at `image_url` (an `http` or `https` address, e.g. of
    /// the Wix Media Manager). Set the image's size or file name with
    /// [`Message::basic`] and [`ImageMessage::from_url`] instead. Defaults as for
    /// [`Message::text`].
    pub fn text_with_image(text: impl Into<String>, image_url: impl Into<String>) -> Message {
        Message::basic([
            BasicMessageData::Text(text.into()),
            BasicMessageData::Image(ImageMessage::from_url(image_url)),
        ])
    }

    /// A text followed by a file at `file_url`, shown to the reader as `filename`. Add a
    /// MIME type with [`Message::basic`] and [`FileMessage::with_mime_type`]. Defaults
    /// as for [`Message::text`].
    pub fn text_with_file(
        text: impl Into<String>,
        file_url: impl Into<String>,
        filename: impl Into<String>,
    ) -> Message {
        Message::basic([
            BasicMessageData::Text(text.into()),
            BasicMessageData::File(FileMessage::from_url(file_url, filename)),
        ])
    }

    /// Basic content made of these pieces (texts, images, files), shown in order.
    /// Defaults as for [`Message::text`]. At least one piece: `Message::basic([])`
    /// compiles, and the API refuses it (400, on `message.content.basic.items`).
    ///
    /// ```
    /// use wix_inbox::{BasicMessageData, FileMessage, ImageMessage, Message};
    ///
    /// let message = Message::basic([
    ///     BasicMessageData::Text("Two photos and the manual:".into()),
    ///     ImageMessage::from_url("https://static.example.com/front.png").into(),
    ///     ImageMessage::from_url("https://static.example.com/back.png").into(),
    ///     FileMessage::from_url("https://static.example.com/manual.pdf", "manual.pdf")
    ///         .with_mime_type("application/pdf")
    ///         .into(),
    /// ]);
    /// # assert_eq!(message.texts().count(), 1);
    /// ```
    pub fn basic(items: impl IntoIterator<Item = BasicMessageData>) -> Message {
        Message::new(
            MessageContent::basic(items),
            MessageVisibility::BusinessAndParticipant,
            MessageDirection::BusinessToParticipant,
        )
    }

    /// The texts of the message's basic content, in order (none for other content):
    /// reading back a message that was sent, listed or received in a webhook.
    pub fn texts(&self) -> impl Iterator<Item = &str> + '_ {
        let items = match &self.content.payload {
            Some(MessageContentPayload::Basic(basic)) => basic.items.as_slice(),
            _ => &[],
        };
        items.iter().filter_map(|item| match item {
            BasicMessageData::Text(text) => Some(text.as_str()),
            _ => None,
        })
    }
}

impl MessageContent {
    /// Content that is one text: what [`Message::text`] sends.
    pub fn text(text: impl Into<String>) -> MessageContent {
        MessageContent::basic([BasicMessageData::Text(text.into())])
    }

    /// Basic content made of these pieces, in order: what [`Message::basic`] sends.
    pub fn basic(items: impl IntoIterator<Item = BasicMessageData>) -> MessageContent {
        MessageContent {
            payload: Some(MessageContentPayload::Basic(BasicMessagePayload {
                items: items.into_iter().collect(),
            })),
            ..MessageContent::default()
        }
    }
}

impl ImageMessage {
    /// The image at `url`, everything else unset.
    pub fn from_url(url: impl Into<String>) -> ImageMessage {
        ImageMessage::default().with_url(url)
    }
}

impl FileMessage {
    /// The file at `url`, shown to the reader as `filename`; no MIME type.
    pub fn from_url(url: impl Into<String>, filename: impl Into<String>) -> FileMessage {
        FileMessage::default().with_url(url).with_filename(filename)
    }
}
