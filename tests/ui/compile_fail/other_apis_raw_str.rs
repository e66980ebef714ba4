// The Contacts and Members requests take typed IDs, not strings: parse them, or use the
// literal macros.
use wix_contacts::{DeleteContactRequest, GetContactRequest};
use wix_members::{DeleteMemberRequest, GetMemberRequest};

fn main() {
    let _ = GetContactRequest::new("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d");
    let _ = DeleteContactRequest::new(String::from("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"));
    let _ = GetMemberRequest::new("0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b");
    let _ = DeleteMemberRequest::new(String::from("0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b"));
}
