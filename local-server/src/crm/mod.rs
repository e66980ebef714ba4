//! The in-memory Contacts and Members of the server's sites: what the Contacts and
//! Members routes read and write, and what participant conversions create. Plain data
//! and synchronous operations, kept as the JSON the APIs send (the routes decode it
//! into the bindings' types); `store` ties them to Inbox's people.

mod contact;
mod contacts;
mod details;
mod fields;
mod members;
mod projection;

pub(crate) use contact::{NewContact, Origin, StoredContact};
pub use details::ContactDetails;
pub(crate) use members::StoredMember;
pub(crate) use projection::{project_contact, project_member};

/// queryContacts: the page size when `query.paging.limit` is not set.
pub const CONTACTS_DEFAULT_PAGE_SIZE: usize = 50;
/// queryContacts: the largest `query.paging.limit`.
pub const CONTACTS_MAX_PAGE_SIZE: usize = 1000;
/// queryMembers: the page size when `query.paging.limit` is not set, and the largest.
pub const MEMBERS_MAX_PAGE_SIZE: usize = 100;

/// Where a page is in the results.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct PageInfo {
    pub count: usize,
    pub offset: usize,
    pub total: usize,
}

/// The contacts and members of every site, each list in order of creation.
#[derive(Debug, Default)]
pub(crate) struct Crm {
    contacts: Vec<StoredContact>,
    members: Vec<StoredMember>,
}
