// listMessages takes a ConversationId, not the participant's ID.
use wix_inbox::{contact_id, member_id, participant, ListMessagesRequest, MessageVisibility};

fn main() {
    let _ = ListMessagesRequest::new(
        contact_id!("d4c3b2a1-6f5e-4987-a8b9-0c1d2e3f4a5b"),
        MessageVisibility::BusinessAndParticipant,
    );
    let _ = ListMessagesRequest::new(
        member_id!("0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b"),
        MessageVisibility::BusinessAndParticipant,
    );
    let _ = ListMessagesRequest::new(
        participant!(contact = "d4c3b2a1-6f5e-4987-a8b9-0c1d2e3f4a5b"),
        MessageVisibility::BusinessAndParticipant,
    );
}
