// `AnonymousVisitorId` has no constructor and no literal macro: values come only from
// decoded events and responses.
use wix_inbox::AnonymousVisitorId;

fn main() {
    let _ = AnonymousVisitorId::try_from("5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d");
    let _ = AnonymousVisitorId::from_literal("5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d");
    let _ = wix_inbox::anonymous_visitor_id!("5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d");
}
