// A participant is named by exactly one ID.
use wix_inbox::{contact_id, member_id, participant, ParticipantId};

fn main() {
    let _ = participant!(
        member = "0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b",
        contact = "a1b2c3d4-e5f6-4789-8abc-def012345678"
    );
    let _ = ParticipantId::Member(
        member_id!("0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b"),
        contact_id!("a1b2c3d4-e5f6-4789-8abc-def012345678"),
    );
}
