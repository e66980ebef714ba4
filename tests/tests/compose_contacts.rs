//! Building contacts and members: the short constructors of `wix_contacts::compose` and
//! `wix_members::compose`, and the generated setters of structs with read-only fields.
//! What they build serialises as the Contacts and Members pages describe the request
//! bodies, reads back to the same value, and the local server creates a contact and a
//! member from it through the typed clients.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};
use wix_contacts::client::{ContactsClient, Credentials};
use wix_contacts::{
    Address, AddressTag, ContactAddress, ContactEmail, ContactEmailsWrapper, ContactInfo,
    ContactPhone, CreateContactRequest, EmailTag, PhoneTag, StreetAddress,
};
use wix_members::client::MembersClient;
use wix_members::{Contact as MemberContact, Member, Profile};

/// `value` as JSON, checked to read back to the same value.
fn json_of<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(value: &T) -> Value {
    let json = serde_json::to_value(value).unwrap();
    let back: T = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(&back, value, "{json}");
    json
}

#[test]
fn a_name_an_email_address_or_a_phone_number_alone() {
    assert_eq!(json_of(&ContactInfo::named("Dana", "Lee")), json!({"name": {"first": "Dana", "last": "Lee"}}));
    assert_eq!(
        json_of(&ContactInfo::from_email("dana@example.com")),
        json!({"emails": {"items": [{"email": "dana@example.com"}]}})
    );
    assert_eq!(
        json_of(&ContactInfo::from_phone("+1 555 0100")),
        json!({"phones": {"items": [{"phone": "+1 555 0100"}]}})
    );
}

#[test]
fn entries_are_added_in_order_with_what_their_setters_give() {
    let info = ContactInfo::named("Dana", "Lee")
        .add_email("dana@example.com")
        .add_email(ContactEmail::from_address("dana@work.example").with_tag(EmailTag::Work).with_primary(true))
        .add_phone(ContactPhone::from_number("555 0100").with_country_code("US").with_tag(PhoneTag::Mobile))
        .add_address(
            ContactAddress::from(
                Address::default()
                    .with_kind(StreetAddress::default().with_number("1").with_name("Main St"))
                    .with_city("Springfield")
                    .with_country("US"),
            )
            .with_tag(AddressTag::Home),
        )
        .add_label("custom.returning-customer")
        .with_company("Acme");
    assert_eq!(
        json_of(&info),
        json!({
            "name": {"first": "Dana", "last": "Lee"},
            "emails": {"items": [
                {"email": "dana@example.com"},
                {"tag": "WORK", "email": "dana@work.example", "primary": true},
            ]},
            "phones": {"items": [{"tag": "MOBILE", "countryCode": "US", "phone": "555 0100"}]},
            "addresses": {"items": [{
                "tag": "HOME",
                "address": {"country": "US", "city": "Springfield", "streetAddress": {"number": "1", "name": "Main St"}},
            }]},
            "company": "Acme",
            "labelKeys": {"items": ["custom.returning-customer"]},
        })
    );
    assert_eq!(info.email_addresses().collect::<Vec<_>>(), ["dana@example.com", "dana@work.example"]);
    assert_eq!(info.phone_numbers().collect::<Vec<_>>(), ["555 0100"]);
    // The wrapper of a list, collected.
    let emails: ContactEmailsWrapper = ["a@example.com", "b@example.com"].into_iter().map(ContactEmail::from).collect();
    assert_eq!(json_of(&emails), json!({"items": [{"email": "a@example.com"}, {"email": "b@example.com"}]}));
}

#[test]
fn the_request_carries_the_info_and_its_options() {
    let request = CreateContactRequest::new(ContactInfo::from_email("dana@example.com")).with_allow_duplicates(true);
    assert_eq!(
        json_of(&request),
        json!({"info": {"emails": {"items": [{"email": "dana@example.com"}]}}, "allowDuplicates": true})
    );
}

/// A struct with a read-only field is built from its writable ones; one read from the
/// server keeps its read-only fields through the setters.
#[test]
fn setters_leave_what_the_server_set() {
    let entry = ContactEmail::default().with_email("dana@example.com").with_tag(EmailTag::Main);
    assert_eq!(entry.id(), None);
    assert_eq!(json_of(&entry), json!({"tag": "MAIN", "email": "dana@example.com"}));

    let read: ContactEmail = serde_json::from_value(json!({
        "id": "5e7ab1e0-0000-4000-8000-000000000001", "email": "dana@example.com", "tag": "MAIN"
    }))
    .unwrap();
    let changed = read.clone().with_email("dana@new.example").with_primary(true);
    assert_eq!(changed.id(), read.id());
    assert_eq!(
        json_of(&changed),
        json!({"id": "5e7ab1e0-0000-4000-8000-000000000001", "tag": "MAIN", "email": "dana@new.example", "primary": true})
    );
}

#[test]
fn a_member_from_its_login_email_and_name() {
    let member = Member::from_login_email("dana@example.com")
        .with_contact(MemberContact::named("Dana", "Lee").add_email("dana@home.example").add_phone("+1 555 0100"))
        .with_profile(Profile::default().with_nickname("dana"));
    assert_eq!(member.id(), None);
    assert_eq!(
        json_of(&member),
        json!({
            "loginEmail": "dana@example.com",
            "contact": {"firstName": "Dana", "lastName": "Lee", "phones": ["+1 555 0100"], "emails": ["dana@home.example"]},
            "profile": {"nickname": "dana"},
        })
    );
}

fn contacts(server: &wix_local_server::LocalServer) -> ContactsClient {
    ContactsClient::builder(Credentials::access_token("dev")).base_url(server.base_url()).build().unwrap()
}

/// The short constructors through the typed client: the local server, which checks a
/// new contact's info as the pages describe it, creates the contact, and gives it back
/// with what Wix fills in.
#[tokio::test]
async fn the_local_server_creates_a_contact_from_the_short_constructors() {
    let server = wix_local_server::start().await.unwrap();
    let client = contacts(&server);
    let info = ContactInfo::named("Dana", "Lee").add_email("dana@example.com").add_phone("+1 555 0100");
    let created = client.create_contact(info.clone()).await.unwrap().contact.expect("the new contact");
    let id = *created.id().expect("an ID set by the server");
    let stored = created.info.as_ref().expect("its info");
    assert_eq!(stored.email_addresses().collect::<Vec<_>>(), ["dana@example.com"]);
    assert_eq!(stored.phone_numbers().collect::<Vec<_>>(), ["+1 555 0100"]);
    assert_eq!(stored.name, info.name);
    // Wix's part: the entries' IDs and the primary email.
    let entries = &stored.emails.as_ref().unwrap().items;
    assert!(entries[0].id().is_some(), "{entries:?}");
    assert_eq!(created.primary_info().and_then(|p| p.email()).map(String::as_str), Some("dana@example.com"));

    let fetched = client.get_contact(id).await.unwrap().contact.unwrap();
    assert_eq!(fetched.info.as_ref().unwrap().email_addresses().collect::<Vec<_>>(), ["dana@example.com"]);

    // An email address alone is enough; a second contact with the same address is refused
    // unless duplicates are allowed.
    let again = client.create_contact(ContactInfo::from_email("dana@example.com")).await.unwrap_err();
    assert!(again.to_string().contains("DUPLICATE_CONTACT_EXISTS"), "{again}");
    let request = CreateContactRequest::new(ContactInfo::from_email("dana@example.com")).with_allow_duplicates(true);
    assert!(client.call(&request).await.unwrap().contact.unwrap().id().is_some());
}

#[tokio::test]
async fn the_local_server_creates_a_member_from_the_short_constructors() {
    let server = wix_local_server::start().await.unwrap();
    let members = MembersClient::sharing(&contacts(&server));
    let member = Member::from_login_email("dana@example.com").with_contact(MemberContact::named("Dana", "Lee"));
    let created = members.create_member(member).await.unwrap().member.expect("the new member");
    assert!(created.id().is_some() && created.contact_id().is_some(), "{created:?}");
    assert_eq!(created.login_email.as_deref(), Some("dana@example.com"));
    let contact = created.contact.as_ref().expect("its contact details");
    assert_eq!((contact.first_name.as_deref(), contact.last_name.as_deref()), (Some("Dana"), Some("Lee")));
}
