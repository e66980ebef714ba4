//! The Contacts methods on the runtime's client. Feature `client`, on by default.
//!
//! [`ContactsExt`] adds a typed method for each method of the API to the runtime's
//! [`Client`], re-exported here with the rest of what a call needs ([`Credentials`],
//! [`Error`], [`RetryPolicy`], ...):
//!
//! | method | typed method | documented errors |
//! |---|---|---|
//! | queryContacts | [`query_contacts`](ContactsExt::query_contacts), every page: [`contacts`](ContactsExt::contacts) | [`QueryContactsError`] |
//! | getContact | [`get_contact`](ContactsExt::get_contact) | [`GetContactError`] |
//! | createContact | [`create_contact`](ContactsExt::create_contact) | [`CreateContactError`] |
//! | updateContact | [`update_contact`](ContactsExt::update_contact) | [`UpdateContactError`] |
//! | deleteContact | [`delete_contact`](ContactsExt::delete_contact) | [`DeleteContactError`] |
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use wix_contacts::client::{Client, ContactsExt as _, Credentials};
//! use wix_contacts::{ContactId, GetContactError};
//!
//! let client = Client::new(Credentials::access_token("…"))?;
//! let id: ContactId = "a1b2c3d4-e5f6-4789-8abc-def012345678".parse()?;
//! match client.get_contact(id).await {
//!     Ok(found) => println!("{:?}", found.contact),
//!     Err(e) if e.application_error() == Some(&GetContactError::ContactNotFound) => {
//!         println!("no such contact")
//!     }
//!     Err(e) => return Err(e.into()),
//! }
//! # Ok(()) }
//! ```
//!
//! Each typed method builds its request and goes through the runtime's generic call,
//! in a `tracing` span `wix_contacts.call`; a request with more options set (`fields`,
//! `fieldsets`, `allowDuplicates`) goes through [`Client::call`] as it is. Failures are
//! an [`Error`] whose [`Error::Application`] holds the method's documented application
//! error, decoded from `details.applicationError.code` of Wix's error body.
//!
//! # Why an extension trait
//!
//! The Contacts and Members crates add their methods to the runtime's client with a
//! trait ([`ContactsExt`], `wix_members::client::MembersExt`) rather than a client type
//! of their own: one client, with one connection pool, one set of credentials and one
//! retry policy, then calls every API, and a program that uses several needs neither
//! a client per API nor conversions between them. `wix_inbox::client::Client`
//! dereferences to the runtime's client, so these methods work on it as well. The cost
//! is one import (`use wix_contacts::client::ContactsExt as _;`). (Inbox's client is a
//! wrapper type only because its methods were inherent before the runtime had a
//! client, and its users' code keeps compiling without a new import.) The trait is
//! sealed: it is implemented for the runtime's client alone, so methods can be added.
//!
//! # Paging
//!
//! queryContacts pages by offset: `query.paging.limit` contacts (50 when not set, at
//! most 1000) after the first `query.paging.offset`, and the response's
//! `pagingMetadata` says how many matched in all. [`ContactsExt::contacts`] reads
//! every page as a stream of contacts: each next page starts where the previous one
//! ended (its offset plus the contacts it held), and the stream ends after the page
//! that reaches `pagingMetadata.total`, on an empty page (when the server did not
//! count, `tooManyToCount`), when the server reports another offset for a page than
//! the one asked for, or after the first error.

use core::future::Future;

use crate::rt::client::paging::{next_offset, Page};
use crate::rt::client::PageStream;
use crate::rt::Request;
use crate::{
    Contact, ContactId, ContactInfo, CreateContactError, CreateContactRequest,
    CreateContactResponse, DeleteContactError, DeleteContactRequest, DeleteContactResponse,
    GetContactError, GetContactRequest, GetContactResponse, Paging, Query, QueryContactsError,
    QueryContactsRequest, QueryContactsResponse, UpdateContactError, UpdateContactRequest,
    UpdateContactResponse,
};

#[doc(no_inline)]
pub use crate::rt::client::{
    ApiKeyScope, BuildError, Client, ClientBuilder, Credentials, Error, ErrorBody, RetryPolicy,
    Stream, StreamExt, TokenError, TryStreamExt, DEFAULT_BASE_URL,
};

/// Every contact a queryContacts request matches, page after page:
/// [`ContactsExt::contacts`]. Read it with `next_item`, or as a [`Stream`].
pub type ContactStream = PageStream<Contact, QueryContactsError>;

/// The Contacts methods, on the runtime's [`Client`] (and, through `Deref`, on
/// `wix_inbox::client::Client`). Sealed: implemented for [`Client`] alone.
pub trait ContactsExt: sealed::Sealed {
    /// queryContacts: one page of the contacts that `request` matches (its
    /// `query.paging` says which page). [`contacts`](Self::contacts) streams every page.
    fn query_contacts(
        &self,
        request: &QueryContactsRequest,
    ) -> impl Future<Output = Result<QueryContactsResponse, Error<QueryContactsError>>> + Send;

    /// Every contact `request` matches, as a stream that calls queryContacts page after
    /// page as it is read, from `request.query.paging.offset` (0 when not set), in
    /// pages of `request.query.paging.limit` (the server's default is 50).
    fn contacts(&self, request: QueryContactsRequest) -> ContactStream;

    /// getContact: the contact with this ID (or, for the ID of a contact merged into
    /// another, that other one, with `responseType` `MERGED`).
    fn get_contact(
        &self,
        id: ContactId,
    ) -> impl Future<Output = Result<GetContactResponse, Error<GetContactError>>> + Send;

    /// createContact: a new contact with these details (at least a name, an email
    /// address or a phone number). To allow duplicates, call
    /// [`Client::call`] with a [`CreateContactRequest`].
    fn create_contact(
        &self,
        info: ContactInfo,
    ) -> impl Future<Output = Result<CreateContactResponse, Error<CreateContactError>>> + Send;

    /// updateContact: replaces the contact's details with `info`, if the contact is
    /// still at `revision` (refused with `CONTACT_ALREADY_CHANGED` otherwise).
    fn update_contact(
        &self,
        contact_id: ContactId,
        revision: impl Into<Option<i64>>,
        info: ContactInfo,
    ) -> impl Future<Output = Result<UpdateContactResponse, Error<UpdateContactError>>> + Send;

    /// deleteContact: deletes the contact (not one who is a site member, or has an
    /// active billing subscription).
    fn delete_contact(
        &self,
        contact_id: ContactId,
    ) -> impl Future<Output = Result<DeleteContactResponse, Error<DeleteContactError>>> + Send;
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::Client {}
}

/// The runtime's generic call, in a span `wix_contacts.call`.
async fn call<R: Request + Sync>(
    client: &Client,
    request: &R,
) -> Result<R::Response, Error<R::Error>> {
    let span = crate::rt::client::call_span!("wix_contacts.call", R::OPERATION);
    client.call_in(span, request).await
}

impl ContactsExt for Client {
    async fn query_contacts(
        &self,
        request: &QueryContactsRequest,
    ) -> Result<QueryContactsResponse, Error<QueryContactsError>> {
        call(self, request).await
    }

    fn contacts(&self, request: QueryContactsRequest) -> ContactStream {
        let client = self.clone();
        PageStream::new(
            request,
            move |request: QueryContactsRequest| {
                let client = client.clone();
                async move { call(&client, &request).await }
            },
            next_page,
        )
    }

    async fn get_contact(
        &self,
        id: ContactId,
    ) -> Result<GetContactResponse, Error<GetContactError>> {
        call(self, &GetContactRequest::new(id)).await
    }

    async fn create_contact(
        &self,
        info: ContactInfo,
    ) -> Result<CreateContactResponse, Error<CreateContactError>> {
        call(self, &CreateContactRequest::new(info)).await
    }

    fn update_contact(
        &self,
        contact_id: ContactId,
        revision: impl Into<Option<i64>>,
        info: ContactInfo,
    ) -> impl Future<Output = Result<UpdateContactResponse, Error<UpdateContactError>>> + Send
    {
        let request = UpdateContactRequest::new(contact_id, revision, info);
        async move { call(self, &request).await }
    }

    async fn delete_contact(
        &self,
        contact_id: ContactId,
    ) -> Result<DeleteContactResponse, Error<DeleteContactError>> {
        call(self, &DeleteContactRequest::new(contact_id)).await
    }
}

/// Splits a page of queryContacts: its contacts, and the request for the next page.
fn next_page(
    sent: &QueryContactsRequest,
    response: QueryContactsResponse,
) -> Page<Contact, QueryContactsRequest> {
    let paging = sent.query.as_ref().and_then(|q| q.paging.as_ref());
    let offset = paging.and_then(|p| p.offset).unwrap_or(0);
    let metadata = response.paging_metadata.unwrap_or_default();
    let next = next_offset(
        offset,
        response.contacts.len(),
        metadata.offset,
        metadata.total,
    );
    Page {
        items: response.contacts,
        next: next.map(|offset| {
            let mut request = sent.clone();
            request
                .query
                .get_or_insert_with(Query::default)
                .paging
                .get_or_insert_with(Paging::default)
                .offset = Some(offset);
            request
        }),
    }
}
