// getMember takes a MemberId: the contact ID a member also has is not one.
use wix_inbox::contact_id;
use wix_members::GetMemberRequest;

fn main() {
    let _ = GetMemberRequest::new(contact_id!("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"));
}
