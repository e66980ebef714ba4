// Each API's client type has its typed methods as inherent methods: naming the type is
// all it takes (no trait to import, here not even a `use`), and one connection serves
// every API.
fn main() {
    let inbox = wix_inbox::client::InboxClient::new(wix_inbox::client::Credentials::access_token("t")).unwrap();
    let contacts = wix_contacts::client::ContactsClient::sharing(&inbox);
    let contact = wix_contacts::contact_id!("a1b2c3d4-e5f6-4789-8abc-def012345678");
    // Futures, built and dropped: no server here.
    drop(contacts.get_contact(contact));
    drop(inbox.get_or_create_conversation(contact));
    let _stream: wix_contacts::client::ContactStream = contacts.contacts(wix_contacts::QueryContactsRequest::default());
}
