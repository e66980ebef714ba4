// getOrCreateConversation takes the participant's ID, not a conversation's.
use wix_inbox::{conversation_id, GetOrCreateConversationRequest};

fn main() {
    let _ = GetOrCreateConversationRequest::new(conversation_id!(
        "8e4f2a1c-9b3d-4e5f-a6b7-c8d9e0f1a2b3"
    ));
}
