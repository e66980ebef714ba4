// Nor can a struct literal set a field only the server sets: build the value with the
// setters instead (`ContactEmail::default().with_email(..)`).
use wix_contacts::{ContactEmail, ContactEmailId};

fn build(id: ContactEmailId) -> ContactEmail {
    ContactEmail { id: Some(id), email: Some("dana@example.com".into()), ..ContactEmail::default() }
}

fn main() {}
