// An app or a Wix user is never a conversation's participant.
use wix_inbox::{app_id, wix_user_id, GetOrCreateConversationRequest};

fn main() {
    let _ = GetOrCreateConversationRequest::new(app_id!("9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"));
    let _ =
        GetOrCreateConversationRequest::new(wix_user_id!("9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"));
}
