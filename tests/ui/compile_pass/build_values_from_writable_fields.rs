// Structs with fields only the server sets (private, read through getters) are built from
// their writable fields: `new` with the required ones or `default()`, then `with_<field>`
// setters, the same for requests and every other struct. Before the setters, the
// struct-literal form failed with E0451 (`field `id` of struct `ContactEmail` is private`).
use wix_contacts::{ContactEmail, ContactEmailsWrapper, ContactInfo, ContactPhone, CreateContactRequest, EmailTag};
use wix_inbox::{conversation_id, Message, SendMessageRequest};
use wix_members::{Contact, Member, Profile};

fn main() {
    // ContactEmail has a read-only `id`.
    let email = ContactEmail::default().with_email("dana@example.com").with_tag(EmailTag::Work).with_primary(true);
    assert_eq!(email.id(), None);
    let emails: ContactEmailsWrapper = [email].into_iter().collect();
    let info = ContactInfo::default().with_emails(emails);

    // The common cases, short.
    let named = ContactInfo::named("Dana", "Lee").add_email("dana@example.com").add_phone("+1 555 0100");
    let by_email = ContactInfo::from_email("dana@example.com");
    let by_phone = ContactInfo::from_phone("+1 555 0100").add_phone(ContactPhone::from_number("555 0199").with_country_code("US"));
    let request = CreateContactRequest::new(named).with_allow_duplicates(true);
    assert_eq!(request.info.email_addresses().count(), 1);
    assert_eq!(info.email_addresses().collect::<Vec<_>>(), by_email.email_addresses().collect::<Vec<_>>());
    assert_eq!(by_phone.phone_numbers().count(), 2);

    // Member has read-only `id`, `status`, dates; Profile a read-only `slug`.
    let member = Member::from_login_email("dana@example.com")
        .with_contact(Contact::named("Dana", "Lee"))
        .with_profile(Profile::default().with_nickname("dana").with_title("Owner"));
    assert!(member.id().is_none() && member.profile.as_ref().and_then(Profile::slug).is_none());

    // Message: `new` with its required fields, setters for the rest; `id`, `sender`,
    // `sequence` are the server's.
    let message = Message::text("Noted.").with_silent(true);
    let send = SendMessageRequest::new(conversation_id!("8e4f2a1c-9b3d-4e5f-a6b7-c8d9e0f1a2b3"), message)
        .with_send_notifications(false);
    assert_eq!(send.message.silent, Some(true));
    assert!(send.message.id().is_none());
}
