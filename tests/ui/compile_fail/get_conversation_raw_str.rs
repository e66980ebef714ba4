// getConversation takes a ConversationId, not a string: parse it, or use
// `conversation_id!` for a literal.
use wix_inbox::GetConversationRequest;

fn main() {
    let _ = GetConversationRequest::new("8e4f2a1c-9b3d-4e5f-a6b7-c8d9e0f1a2b3");
    let _ = GetConversationRequest::new(String::from("8e4f2a1c-9b3d-4e5f-a6b7-c8d9e0f1a2b3"));
}
