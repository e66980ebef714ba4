// A message's sender and a conversation's participant are distinct types.
use wix_inbox::{ConversationIdentificationData, Message};

fn participant_of(message: &Message) -> ConversationIdentificationData {
    message.sender().unwrap().clone()
}

fn main() {}
