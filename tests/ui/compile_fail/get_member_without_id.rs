// getMember requires the member's ID: a request without it cannot be written.
use wix_members::GetMemberRequest;

fn main() {
    let _ = GetMemberRequest::default();
    let _ = GetMemberRequest::new();
}
