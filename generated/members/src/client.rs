//! The Members methods on the runtime's client. Feature `client`, on by default.
//!
//! [`MembersExt`] adds a typed method for each method of the API to the runtime's
//! [`Client`], re-exported here with the rest of what a call needs ([`Credentials`],
//! [`Error`], [`RetryPolicy`], ...):
//!
//! | method | typed method | documented errors |
//! |---|---|---|
//! | queryMembers | [`query_members`](MembersExt::query_members), every page: [`members`](MembersExt::members) | none ([`NoApplicationError`]) |
//! | getMember | [`get_member`](MembersExt::get_member) | [`GetMemberError`] |
//! | createMember | [`create_member`](MembersExt::create_member) | none ([`NoApplicationError`]) |
//! | deleteMember | [`delete_member`](MembersExt::delete_member) | [`DeleteMemberError`] |
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use wix_members::client::{Client, Credentials, MembersExt as _};
//! use wix_members::{Query, QueryMembersRequest};
//!
//! let client = Client::new(Credentials::access_token("…"))?;
//! // The member of a contact.
//! let request = QueryMembersRequest::default().with_query(Query {
//!     filter: Some(serde_json::json!({"contactId": {"$eq": "a1b2c3d4-e5f6-4789-8abc-def012345678"}})),
//!     ..Query::default()
//! });
//! let mut members = client.members(request);
//! while let Some(member) = members.next_item().await? {
//!     println!("{:?}", member.id());
//! }
//! # Ok(()) }
//! ```
//!
//! Each typed method builds its request and goes through the runtime's generic call,
//! in a `tracing` span `wix_members.call`; a request with more options set
//! (`fieldsets`) goes through [`Client::call`] as it is. Failures are an [`Error`]
//! whose [`Error::Application`] holds the method's documented application error,
//! decoded from `details.applicationError.code` of Wix's error body.
//!
//! # Why an extension trait
//!
//! As `wix_contacts::client::ContactsExt`, and for the same reason: one client, with
//! one connection pool, one set of credentials and one retry policy, calls every API,
//! `wix_inbox::client::Client` included (it dereferences to the runtime's client). The
//! cost is one import (`use wix_members::client::MembersExt as _;`). The trait is
//! sealed: it is implemented for the runtime's client alone, so methods can be added.
//!
//! # Paging
//!
//! queryMembers pages by offset too, with metadata of its own: `query.paging.limit`
//! members (100 when not set, at most 100) after the first `query.paging.offset`, and
//! the response's `metadata` (not `pagingMetadata`, as Contacts has it) says how many
//! matched in all. [`MembersExt::members`] reads every page as a stream of members:
//! each next page starts where the previous one ended (its offset plus the members it
//! held), and the stream ends after the page that reaches `metadata.total`, on an
//! empty page (when the server did not count, `tooManyToCount`), when the server
//! reports another offset for a page than the one asked for, or after the first error.

use core::future::Future;

use crate::rt::client::paging::{next_offset, Page};
use crate::rt::client::PageStream;
use crate::rt::{NoApplicationError, Request};
use crate::{
    CreateMemberRequest, CreateMemberResponse, DeleteMemberError, DeleteMemberRequest,
    DeleteMemberResponse, GetMemberError, GetMemberRequest, GetMemberResponse, Member, MemberId,
    Paging, Query, QueryMembersRequest, QueryMembersResponse,
};

#[doc(no_inline)]
pub use crate::rt::client::{
    ApiKeyScope, BuildError, Client, ClientBuilder, Credentials, Error, ErrorBody, RetryPolicy,
    Stream, StreamExt, TokenError, TryStreamExt, DEFAULT_BASE_URL,
};

/// Every member a queryMembers request matches, page after page:
/// [`MembersExt::members`]. Read it with `next_item`, or as a [`Stream`].
pub type MemberStream = PageStream<Member, NoApplicationError>;

/// The Members methods, on the runtime's [`Client`] (and, through `Deref`, on
/// `wix_inbox::client::Client`). Sealed: implemented for [`Client`] alone.
pub trait MembersExt: sealed::Sealed {
    /// queryMembers: one page of the members that `request` matches (its
    /// `query.paging` says which page). [`members`](Self::members) streams every page.
    fn query_members(
        &self,
        request: &QueryMembersRequest,
    ) -> impl Future<Output = Result<QueryMembersResponse, Error<NoApplicationError>>> + Send;

    /// Every member `request` matches, as a stream that calls queryMembers page after
    /// page as it is read, from `request.query.paging.offset` (0 when not set), in
    /// pages of `request.query.paging.limit` (100 when not set).
    fn members(&self, request: QueryMembersRequest) -> MemberStream;

    /// getMember: the member with this ID, with the `PUBLIC` fieldset. For others,
    /// call [`Client::call`] with a [`GetMemberRequest`] and its `fieldsets`.
    fn get_member(
        &self,
        id: MemberId,
    ) -> impl Future<Output = Result<GetMemberResponse, Error<GetMemberError>>> + Send;

    /// createMember: a new site member (made around `member.login_email`).
    fn create_member(
        &self,
        member: Member,
    ) -> impl Future<Output = Result<CreateMemberResponse, Error<NoApplicationError>>> + Send;

    /// deleteMember: deletes the member (not the site owner, a collaborator, or a
    /// member with an active subscription).
    fn delete_member(
        &self,
        id: MemberId,
    ) -> impl Future<Output = Result<DeleteMemberResponse, Error<DeleteMemberError>>> + Send;
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::Client {}
}

/// The runtime's generic call, in a span `wix_members.call`.
async fn call<R: Request + Sync>(
    client: &Client,
    request: &R,
) -> Result<R::Response, Error<R::Error>> {
    let span = crate::rt::client::call_span!("wix_members.call", R::OPERATION);
    client.call_in(span, request).await
}

impl MembersExt for Client {
    async fn query_members(
        &self,
        request: &QueryMembersRequest,
    ) -> Result<QueryMembersResponse, Error<NoApplicationError>> {
        call(self, request).await
    }

    fn members(&self, request: QueryMembersRequest) -> MemberStream {
        let client = self.clone();
        PageStream::new(
            request,
            move |request: QueryMembersRequest| {
                let client = client.clone();
                async move { call(&client, &request).await }
            },
            next_page,
        )
    }

    async fn get_member(&self, id: MemberId) -> Result<GetMemberResponse, Error<GetMemberError>> {
        call(self, &GetMemberRequest::new(id)).await
    }

    async fn create_member(
        &self,
        member: Member,
    ) -> Result<CreateMemberResponse, Error<NoApplicationError>> {
        call(self, &CreateMemberRequest::default().with_member(member)).await
    }

    async fn delete_member(
        &self,
        id: MemberId,
    ) -> Result<DeleteMemberResponse, Error<DeleteMemberError>> {
        call(self, &DeleteMemberRequest::new(id)).await
    }
}

/// Splits a page of queryMembers: its members, and the request for the next page.
fn next_page(
    sent: &QueryMembersRequest,
    response: QueryMembersResponse,
) -> Page<Member, QueryMembersRequest> {
    let paging = sent.query.as_ref().and_then(|q| q.paging.as_ref());
    let offset = paging.and_then(|p| p.offset).unwrap_or(0);
    let metadata = response.metadata.unwrap_or_default();
    let next = next_offset(offset, response.members.len(), metadata.offset, metadata.total);
    Page {
        items: response.members,
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
