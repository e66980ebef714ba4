// createContact requires `info`, the contact's details: a request without it cannot be
// written.
use wix_contacts::CreateContactRequest;

fn main() {
    let _ = CreateContactRequest::new();
}
