// Fields set by Wix (a message's ID, sender, sequence) cannot be set on a request.
use wix_inbox::{conversation_id, Message, SendMessageRequest};

fn send(message: Message) {
    let mut request = SendMessageRequest::new(
        conversation_id!("8e4f2a1c-9b3d-4e5f-a6b7-c8d9e0f1a2b3"),
        message,
    );
    request.message.sender = None;
    request.message.sequence = Some(1);
}

fn main() {}
