// A field only the server sets stays out of reach when a value is built: every writable
// field has a `with_<field>` setter, a read-only one has none (only a getter).
use wix_contacts::{ContactEmail, ContactEmailId};

fn build(id: ContactEmailId) -> ContactEmail {
    ContactEmail::default().with_email("dana@example.com").with_id(id)
}

fn main() {}
