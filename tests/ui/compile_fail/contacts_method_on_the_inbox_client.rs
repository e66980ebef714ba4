// The Contacts methods are the Contacts client's, not another API's client's: the error
// names the client called, and `ContactsClient::sharing` makes one on its connection.
fn main() {
    let inbox = wix_inbox::client::InboxClient::new(wix_inbox::client::Credentials::access_token("t")).unwrap();
    let contact = wix_contacts::contact_id!("a1b2c3d4-e5f6-4789-8abc-def012345678");
    let _ = inbox.get_contact(contact);
}
