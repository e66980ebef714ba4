// The conversation calls with the ID types they take.
use wix_inbox::{
    contact_id, conversation_id, member_id, participant, BasicMessagePayload,
    GetConversationRequest, GetOrCreateConversationRequest, ListMessagesRequest, Message,
    MessageContent, MessageDirection, MessageVisibility, ParticipantId, SendMessageRequest,
};

fn main() {
    // getOrCreateConversation: a participant ID, or a contact's or member's ID.
    let _ = GetOrCreateConversationRequest::new(participant!(
        member = "0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b"
    ));
    let _ =
        GetOrCreateConversationRequest::new(contact_id!("d4c3b2a1-6f5e-4987-a8b9-0c1d2e3f4a5b"));
    let _ = GetOrCreateConversationRequest::new(member_id!("0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b"));
    let parsed: ParticipantId = "d4c3b2a1-6f5e-4987-a8b9-0c1d2e3f4a5b"
        .parse::<wix_inbox::ContactId>()
        .unwrap()
        .into();
    let _ = GetOrCreateConversationRequest::new(parsed);

    // The others: a conversation ID.
    let conversation = conversation_id!("8e4f2a1c-9b3d-4e5f-a6b7-c8d9e0f1a2b3");
    let _ = GetConversationRequest::new(conversation);
    let _ = ListMessagesRequest::new(conversation, MessageVisibility::BusinessAndParticipant);
    let mut content = MessageContent::default();
    content.payload = Some(BasicMessagePayload::default().into());
    let message = Message::new(
        content,
        MessageVisibility::BusinessAndParticipant,
        MessageDirection::BusinessToParticipant,
    );
    let _ = SendMessageRequest::new(conversation, message);
    let parsed: wix_inbox::ConversationId = "8e4f2a1c-9b3d-4e5f-a6b7-c8d9e0f1a2b3".parse().unwrap();
    let _ = GetConversationRequest::new(parsed);
}
