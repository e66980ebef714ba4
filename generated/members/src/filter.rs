//! The fields `queryMembers` filters on, typed by their values, for the runtime's
//! filter builder ([`rt::filter`](crate::rt::filter), re-exported here). Hand-written,
//! from the operators the Members pages list for each field.
//!
//! ```
//! use wix_members::filter::{CONTACT_ID, STATUS};
//! use wix_members::{ContactId, Query, QueryMembersRequest, Status};
//!
//! let contact: ContactId = "c0ffee00-1234-4abc-8def-0123456789ab".parse().unwrap();
//! let mut query = Query::default();
//! query.filter = (CONTACT_ID.eq(contact) & STATUS.ne(Status::Blocked)).into();
//! let request = QueryMembersRequest { query: Some(query), ..Default::default() };
//! # let _ = request;
//! ```

pub use crate::rt::filter::{field, Field, Filter};

use crate::{ContactId, MemberId, PrivacyStatusStatus, Status};

/// The member's ID (`$eq`, `$ne`, `$in`, `$exists`, `$gt`…`$lte`, `$startsWith`).
pub const ID: Field<MemberId> = Field::new("id");
/// The login email address (the same operators).
pub const LOGIN_EMAIL: Field<String> = Field::new("loginEmail");
/// The ID of the member's contact (the same operators): the member of a contact.
pub const CONTACT_ID: Field<ContactId> = Field::new("contactId");
/// The contact's first name (the same operators).
pub const FIRST_NAME: Field<String> = Field::new("contact.firstName");
/// The contact's last name (the same operators).
pub const LAST_NAME: Field<String> = Field::new("contact.lastName");
/// The profile's nickname (the same operators).
pub const NICKNAME: Field<String> = Field::new("profile.nickname");
/// The profile's slug (the same operators).
pub const SLUG: Field<String> = Field::new("profile.slug");
/// The member's status (`$eq`, `$ne`, `$in`, `$exists`).
pub const STATUS: Field<Status> = Field::new("status");
/// The member's privacy status (`$eq`, `$ne`, `$in`, `$exists`).
pub const PRIVACY_STATUS: Field<PrivacyStatusStatus> = Field::new("privacyStatus");
