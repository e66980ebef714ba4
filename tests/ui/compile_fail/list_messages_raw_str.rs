// listMessages takes a ConversationId, not a string.
use wix_inbox::{ListMessagesRequest, MessageVisibility};

fn main() {
    let _ = ListMessagesRequest::new(
        "8e4f2a1c-9b3d-4e5f-a6b7-c8d9e0f1a2b3",
        MessageVisibility::BusinessAndParticipant,
    );
}
