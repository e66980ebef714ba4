// A message's sender may be an app or a Wix user: it converts into a participant only
// through `ParticipantId::try_from`, which says when it is not one.
use wix_inbox::{GetOrCreateConversationRequest, Message, ParticipantId};

fn reply_to(message: &Message) {
    let sender = message.sender().unwrap();
    let _ = GetOrCreateConversationRequest::new(sender.clone());
    let _ = ParticipantId::from(sender);
}

fn main() {}
