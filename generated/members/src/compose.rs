//! Short constructors for a new member: its login email and its name. Hand-written, on
//! the generated types; no feature needed.
//!
//! A [`Member`] has fields only Wix sets (its GUID, status, dates), so it is not written
//! as a struct literal: start from [`Member::from_login_email`] (Wix makes a member around
//! its login email, which cannot be changed later) and add the rest with the generated
//! setters.
//!
//! ```
//! use wix_members::{Contact, Member, Profile};
//!
//! let dana = Member::from_login_email("dana@example.com")
//!     .with_contact(Contact::named("Dana", "Lee").add_phone("+1 555 0100"))
//!     .with_profile(Profile::default().with_nickname("dana"));
//! assert_eq!(
//!     serde_json::to_value(&dana).unwrap(),
//!     serde_json::json!({
//!         "loginEmail": "dana@example.com",
//!         "contact": {"firstName": "Dana", "lastName": "Lee", "phones": ["+1 555 0100"]},
//!         "profile": {"nickname": "dana"},
//!     }),
//! );
//! ```
//!
//! Send it with `MembersClient::create_member(member)`, or in a
//! [`CreateMemberRequest`](crate::CreateMemberRequest) (`CreateMemberRequest::default().with_member(member)`).

use crate::{Contact, Member};

impl Member {
    /// A member to create, known by the email address they will log in with; nothing else
    /// set.
    pub fn from_login_email(email: impl Into<String>) -> Member {
        Member::default().with_login_email(email)
    }
}

impl Contact {
    /// A member's contact details with a first and a last name, nothing else.
    pub fn named(first: impl Into<String>, last: impl Into<String>) -> Contact {
        Contact::default().with_first_name(first).with_last_name(last)
    }

    /// The same details with one more email address, after those already there. A
    /// member's email addresses can be set when the member is created, not changed
    /// afterwards.
    #[must_use]
    pub fn add_email(mut self, email: impl Into<String>) -> Contact {
        self.emails.push(email.into());
        self
    }

    /// The same details with one more phone number, after those already there.
    #[must_use]
    pub fn add_phone(mut self, phone: impl Into<String>) -> Contact {
        self.phones.push(phone.into());
        self
    }
}
