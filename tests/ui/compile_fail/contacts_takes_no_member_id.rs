// getContact takes the contact's ID: a member's ID is another kind, even for the same
// person, and does not convert.
use wix_contacts::GetContactRequest;
use wix_inbox::member_id;

fn main() {
    let _ = GetContactRequest::new(member_id!("0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b"));
}
