// sendMessage takes the ConversationId returned by getOrCreateConversation, not the
// participant's ID.
use wix_inbox::{
    contact_id, member_id, participant, BasicMessagePayload, Message, MessageContent,
    MessageDirection, MessageVisibility, SendMessageRequest,
};

fn message() -> Message {
    let mut content = MessageContent::default();
    content.payload = Some(BasicMessagePayload::default().into());
    Message::new(
        content,
        MessageVisibility::BusinessAndParticipant,
        MessageDirection::BusinessToParticipant,
    )
}

fn main() {
    let _ = SendMessageRequest::new(
        contact_id!("d4c3b2a1-6f5e-4987-a8b9-0c1d2e3f4a5b"),
        message(),
    );
    let _ = SendMessageRequest::new(
        member_id!("0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b"),
        message(),
    );
    let _ = SendMessageRequest::new(
        participant!(member = "0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b"),
        message(),
    );
}
