//! The fields `queryContacts` filters on, typed by their values, for the runtime's
//! filter builder ([`rt::filter`](crate::rt::filter), re-exported here). Hand-written,
//! from the operators the Contacts pages list for each field.
//!
//! ```
//! use wix_contacts::filter::{COMPANY, LABEL_KEYS, PRIMARY_EMAIL};
//! use wix_contacts::{Query, QueryContactsRequest};
//!
//! let mut query = Query::default();
//! query.filter = (PRIMARY_EMAIL.starts_with("ann@") & COMPANY.ne("Rival Ltd")
//!     & LABEL_KEYS.has_some(["custom.vip"]))
//! .into();
//! let request = QueryContactsRequest { query: Some(query), ..Default::default() };
//! # let _ = request;
//! ```

pub use crate::rt::filter::{field, Field, Filter};

use crate::rt::Timestamp;
use crate::ContactId;

/// The contact's ID (`$eq`, `$ne`, `$in`, `$exists`).
pub const ID: Field<ContactId> = Field::new("id");
/// When the contact was created (`$eq`, `$ne`, `$gt`, `$gte`, `$lt`, `$lte`).
pub const CREATED_DATE: Field<Timestamp> = Field::new("createdDate");
/// When the contact last changed (`$eq`, `$ne`, `$gt`, `$gte`, `$lt`, `$lte`).
pub const UPDATED_DATE: Field<Timestamp> = Field::new("updatedDate");
/// When the contact last did something (`$eq`, `$ne`, `$gt`, `$gte`, `$lt`, `$lte`).
pub const LAST_ACTIVITY_DATE: Field<Timestamp> = Field::new("lastActivity.activityDate");
/// The birth date, `YYYY-MM-DD` (`$eq`, `$ne`, `$gt`, `$gte`, `$lt`, `$lte`).
pub const BIRTHDATE: Field<String> = Field::new("info.birthdate");
/// The primary email address (`$eq`, `$ne`, `$in`, `$exists`, `$startsWith`). The
/// addresses in `info.emails` are not filterable: this is the one to use.
pub const PRIMARY_EMAIL: Field<String> = Field::new("primaryInfo.email");
/// The primary phone number (`$eq`, `$ne`, `$in`, `$exists`, `$startsWith`).
pub const PRIMARY_PHONE: Field<String> = Field::new("primaryInfo.phone");
/// The first name (`$eq`, `$ne`, `$in`, `$exists`, `$startsWith`).
pub const FIRST_NAME: Field<String> = Field::new("info.name.first");
/// The last name (`$eq`, `$ne`, `$in`, `$exists`, `$startsWith`).
pub const LAST_NAME: Field<String> = Field::new("info.name.last");
/// The company (`$eq`, `$ne`, `$in`, `$exists`, `$startsWith`).
pub const COMPANY: Field<String> = Field::new("info.company");
/// The job title (`$eq`, `$ne`, `$in`, `$exists`, `$startsWith`).
pub const JOB_TITLE: Field<String> = Field::new("info.jobTitle");
/// The locale, such as `en-us` (`$eq`, `$ne`, `$in`, `$exists`).
pub const LOCALE: Field<String> = Field::new("info.locale");
/// The keys of the contact's labels, an array (`$hasSome`, `$hasAll`).
pub const LABEL_KEYS: Field<String> = Field::new("info.labelKeys");
