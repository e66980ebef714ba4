// getConversation takes a ConversationId: a contact's, a member's or a participant's ID
// is a different type, even though all are GUIDs.
use wix_inbox::{contact_id, member_id, participant, GetConversationRequest};

fn main() {
    let _ = GetConversationRequest::new(contact_id!("d4c3b2a1-6f5e-4987-a8b9-0c1d2e3f4a5b"));
    let _ = GetConversationRequest::new(member_id!("0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b"));
    let _ = GetConversationRequest::new(participant!(
        member = "0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b"
    ));
}
