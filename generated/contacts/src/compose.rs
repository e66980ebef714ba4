//! Short constructors for the contact details most apps create: a name, an email address,
//! a phone number, a postal address, a label. Hand-written, on the generated types; no
//! feature needed.
//!
//! [`ContactInfo`] holds each list in a wrapper (`emails` is a [`ContactEmailsWrapper`]
//! whose `items` are [`ContactEmail`]s), and an entry has a GUID only Wix sets, so an entry
//! is not written as a struct literal. These build them:
//!
//! ```
//! use wix_contacts::{ContactEmail, ContactInfo, EmailTag};
//!
//! // Create Contact needs a name, an email address or a phone number.
//! let dana = ContactInfo::named("Dana", "Lee")
//!     .add_email("dana@example.com")
//!     .add_phone("+1 555 0100");
//! let lead = ContactInfo::from_email("lead@example.com");
//! // An entry with more than its address: the generated setters.
//! let work = ContactInfo::named("Dana", "Lee")
//!     .add_email(ContactEmail::from_address("dana@work.example").with_tag(EmailTag::Work));
//! # assert_eq!(dana.email_addresses().collect::<Vec<_>>(), ["dana@example.com"]);
//! # assert_eq!(dana.phone_numbers().collect::<Vec<_>>(), ["+1 555 0100"]);
//! # let _ = (lead, work);
//! ```
//!
//! Send it with `ContactsClient::create_contact(info)`, or in a
//! [`CreateContactRequest::new(info)`](crate::CreateContactRequest::new).
//!
//! # What is sent
//!
//! Only what you give: an entry carries its address or number, no tag and no `primary`
//! flag. Wix tags an entry without one `UNTAGGED` (shown as "Other") and makes the first
//! email address and the first phone number primary when none is marked. Set a tag or the
//! flag with the entry's setters ([`ContactEmail::with_tag`], [`ContactPhone::with_primary`],
//! ...), as above.

use crate::{
    Address, ContactAddress, ContactAddressesWrapper, ContactEmail, ContactEmailsWrapper,
    ContactInfo, ContactName, ContactPhone, ContactPhonesWrapper, LabelsWrapper,
};

impl ContactInfo {
    /// Details with a first and a last name, nothing else.
    ///
    /// ```
    /// let info = wix_contacts::ContactInfo::named("Dana", "Lee");
    /// assert_eq!(
    ///     serde_json::to_value(&info).unwrap(),
    ///     serde_json::json!({"name": {"first": "Dana", "last": "Lee"}}),
    /// );
    /// ```
    pub fn named(first: impl Into<String>, last: impl Into<String>) -> ContactInfo {
        ContactInfo::default().with_name(ContactName::default().with_first(first).with_last(last))
    }

    /// Details with one email address, nothing else.
    ///
    /// ```
    /// let info = wix_contacts::ContactInfo::from_email("dana@example.com");
    /// assert_eq!(
    ///     serde_json::to_value(&info).unwrap(),
    ///     serde_json::json!({"emails": {"items": [{"email": "dana@example.com"}]}}),
    /// );
    /// ```
    pub fn from_email(email: impl Into<String>) -> ContactInfo {
        ContactInfo::default().add_email(email.into())
    }

    /// Details with one phone number, nothing else.
    pub fn from_phone(phone: impl Into<String>) -> ContactInfo {
        ContactInfo::default().add_phone(phone.into())
    }

    /// The same details with one more email address, after those already there: an
    /// address (`"dana@example.com"`), or a [`ContactEmail`] with its tag or `primary`
    /// flag.
    #[must_use]
    pub fn add_email(mut self, email: impl Into<ContactEmail>) -> ContactInfo {
        self.emails.get_or_insert_with(ContactEmailsWrapper::default).items.push(email.into());
        self
    }

    /// The same details with one more phone number, after those already there: a number
    /// (`"+1 555 0100"`), or a [`ContactPhone`] with its country, tag or `primary` flag.
    #[must_use]
    pub fn add_phone(mut self, phone: impl Into<ContactPhone>) -> ContactInfo {
        self.phones.get_or_insert_with(ContactPhonesWrapper::default).items.push(phone.into());
        self
    }

    /// The same details with one more postal address, after those already there: an
    /// [`Address`], or a [`ContactAddress`] with its tag.
    ///
    /// ```
    /// use wix_contacts::{Address, ContactInfo};
    ///
    /// let info = ContactInfo::named("Dana", "Lee")
    ///     .add_address(Address::default().with_kind("1 Main St".to_owned()).with_city("Springfield"));
    /// assert_eq!(
    ///     serde_json::to_value(&info).unwrap()["addresses"],
    ///     serde_json::json!({"items": [{"address": {"city": "Springfield", "addressLine": "1 Main St"}}]}),
    /// );
    /// ```
    #[must_use]
    pub fn add_address(mut self, address: impl Into<ContactAddress>) -> ContactInfo {
        self.addresses.get_or_insert_with(ContactAddressesWrapper::default).items.push(address.into());
        self
    }

    /// The same details with one more label, by its key (`custom.returning-customer`).
    #[must_use]
    pub fn add_label(mut self, key: impl Into<String>) -> ContactInfo {
        self.label_keys.get_or_insert_with(LabelsWrapper::default).items.push(key.into());
        self
    }

    /// The email addresses, in order: reading back a contact that was created, fetched or
    /// received in a webhook.
    pub fn email_addresses(&self) -> impl Iterator<Item = &str> + '_ {
        let items = self.emails.as_ref().map_or(&[][..], |w| w.items.as_slice());
        items.iter().filter_map(|e| e.email.as_deref())
    }

    /// The phone numbers, in order, as they were given (Wix adds an E.164 form of each
    /// valid one: [`ContactPhone::e164_phone`]).
    pub fn phone_numbers(&self) -> impl Iterator<Item = &str> + '_ {
        let items = self.phones.as_ref().map_or(&[][..], |w| w.items.as_slice());
        items.iter().filter_map(|p| p.phone.as_deref())
    }
}

impl ContactEmail {
    /// The entry of this email address: no tag, not marked primary.
    pub fn from_address(email: impl Into<String>) -> ContactEmail {
        ContactEmail::default().with_email(email)
    }
}

impl ContactPhone {
    /// The entry of this phone number: no country, no tag, not marked primary.
    pub fn from_number(phone: impl Into<String>) -> ContactPhone {
        ContactPhone::default().with_phone(phone)
    }
}

impl From<&str> for ContactEmail {
    /// [`ContactEmail::from_address`].
    fn from(email: &str) -> ContactEmail {
        ContactEmail::from_address(email)
    }
}

impl From<String> for ContactEmail {
    /// [`ContactEmail::from_address`].
    fn from(email: String) -> ContactEmail {
        ContactEmail::from_address(email)
    }
}

impl From<&str> for ContactPhone {
    /// [`ContactPhone::from_number`].
    fn from(phone: &str) -> ContactPhone {
        ContactPhone::from_number(phone)
    }
}

impl From<String> for ContactPhone {
    /// [`ContactPhone::from_number`].
    fn from(phone: String) -> ContactPhone {
        ContactPhone::from_number(phone)
    }
}

impl From<Address> for ContactAddress {
    /// The entry of this address, without a tag.
    fn from(address: Address) -> ContactAddress {
        ContactAddress::default().with_address(address)
    }
}

impl FromIterator<ContactEmail> for ContactEmailsWrapper {
    /// The list of these entries, for [`ContactInfo::with_emails`].
    fn from_iter<I: IntoIterator<Item = ContactEmail>>(entries: I) -> ContactEmailsWrapper {
        ContactEmailsWrapper::default().with_items(entries.into_iter().collect())
    }
}

impl FromIterator<ContactPhone> for ContactPhonesWrapper {
    /// The list of these entries, for [`ContactInfo::with_phones`].
    fn from_iter<I: IntoIterator<Item = ContactPhone>>(entries: I) -> ContactPhonesWrapper {
        ContactPhonesWrapper::default().with_items(entries.into_iter().collect())
    }
}

impl FromIterator<ContactAddress> for ContactAddressesWrapper {
    /// The list of these entries, for [`ContactInfo::with_addresses`].
    fn from_iter<I: IntoIterator<Item = ContactAddress>>(entries: I) -> ContactAddressesWrapper {
        ContactAddressesWrapper::default().with_items(entries.into_iter().collect())
    }
}
