// ID types never convert into each other.
use wix_inbox::{contact_id, member_id, ContactId, MemberId};

fn main() {
    let _: ContactId = member_id!("0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b");
    let _: MemberId = ContactId::from(contact_id!("a1b2c3d4-e5f6-4789-8abc-def012345678"));
}
