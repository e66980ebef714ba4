// getOrCreateConversation takes a typed participant ID: a string does not say whether it
// is a contact's or a member's.
use wix_inbox::GetOrCreateConversationRequest;

fn main() {
    let _ = GetOrCreateConversationRequest::new("d4c3b2a1-6f5e-4987-a8b9-0c1d2e3f4a5b");
    let _ =
        GetOrCreateConversationRequest::new(String::from("d4c3b2a1-6f5e-4987-a8b9-0c1d2e3f4a5b"));
}
