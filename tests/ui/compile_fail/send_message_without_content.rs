// A message needs content: sendMessage without it does not compile.
use wix_inbox::{
    conversation_id, Message, MessageDirection, MessageVisibility, SendMessageRequest,
};

fn main() {
    let message = Message::new(
        MessageVisibility::BusinessAndParticipant,
        MessageDirection::BusinessToParticipant,
    );
    let _ = SendMessageRequest::new(
        conversation_id!("8e4f2a1c-9b3d-4e5f-a6b7-c8d9e0f1a2b3"),
        message,
    );
}
