//! The Contacts and Members clients (`wix_contacts::client::ContactsExt`,
//! `wix_members::client::MembersExt`) against a mock HTTP server on 127.0.0.1 that
//! records every request: each method's verb, path, query and body; the documented
//! application errors, typed, from Wix-shaped error bodies; and both paging streams
//! (Contacts' `pagingMetadata`, Members' `metadata`) across pages, and where they stop.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};
use wix_contacts::client::{
    Client, ContactsExt as _, Credentials, Error, RetryPolicy, StreamExt as _, TryStreamExt as _,
};
use wix_contacts::{
    Contact, ContactFieldSet, ContactId, ContactInfo, ContactName, CreateContactError,
    DeleteContactError, GetContactError, GetContactRequest, QueryContactsError,
    QueryContactsRequest, UpdateContactError,
};
use wix_members::client::MembersExt as _;
use wix_members::{
    DeleteMemberError, GetMemberError, GetMemberRequest, Member, MemberId, QueryMembersRequest,
    Set,
};

const CONTACT: ContactId = ContactId::from_literal("a1b2c3d4-e5f6-4789-8abc-def012345678");
const MEMBER: MemberId = MemberId::from_literal("0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b");
const TOKEN: &str = "tok-mock-1";

/// A request as the mock server received it.
#[derive(Clone, Debug)]
struct Seen {
    method: String,
    path: String,
    /// The query parameters, decoded, in order.
    query: Vec<(String, String)>,
    /// The body as JSON; `None` when empty.
    body: Option<Value>,
    authorization: Option<String>,
}

impl Seen {
    fn query_pairs(&self) -> Vec<(&str, &str)> {
        self.query
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect()
    }

    /// The `query.paging.offset` of a query's body.
    fn offset(&self) -> Option<i64> {
        self.body.as_ref()?["query"]["paging"]["offset"].as_i64()
    }
}

type Answer = (u16, Value);

/// A mock server: every request is recorded and answered by `answer`.
struct Mock {
    base_url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Mock {
    async fn start(answer: impl Fn(&Seen) -> Answer + Send + Sync + 'static) -> Mock {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        let answer = Arc::new(answer);
        let app = axum::Router::new().fallback(
            move |method: axum::http::Method,
                  uri: axum::http::Uri,
                  headers: axum::http::HeaderMap,
                  body: String| {
                let log = log.clone();
                let answer = answer.clone();
                async move {
                    let url = reqwest::Url::parse(&format!("http://mock{uri}")).unwrap();
                    let request = Seen {
                        method: method.to_string(),
                        path: url.path().to_owned(),
                        query: url.query_pairs().into_owned().collect(),
                        body: (!body.trim().is_empty())
                            .then(|| serde_json::from_str(&body).expect("a JSON body")),
                        authorization: headers
                            .get("authorization")
                            .map(|v| v.to_str().unwrap().to_owned()),
                    };
                    let (status, body) = answer(&request);
                    log.lock().unwrap().push(request);
                    (
                        axum::http::StatusCode::from_u16(status).unwrap(),
                        [("content-type", "application/json")],
                        body.to_string(),
                    )
                }
            },
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await });
        Mock {
            base_url: format!("http://{addr}"),
            seen,
        }
    }

    /// A mock that answers every request with `status` and `body`.
    async fn answering(status: u16, body: Value) -> Mock {
        Mock::start(move |_| (status, body.clone())).await
    }

    fn client(&self) -> Client {
        Client::builder(Credentials::access_token(TOKEN))
            .base_url(&self.base_url)
            .retry_policy(RetryPolicy::none())
            .timeout(Some(Duration::from_secs(10)))
            .build()
            .unwrap()
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    fn only(&self) -> Seen {
        let seen = self.seen();
        assert_eq!(seen.len(), 1, "{seen:#?}");
        seen.into_iter().next().unwrap()
    }
}

/// Wix's error body for an application error.
fn wix_error(code: &str, description: &str) -> Value {
    json!({
        "message": format!("{code}: {description}"),
        "details": {"applicationError": {"code": code, "description": description, "data": {}}}
    })
}

fn contact_json(n: usize) -> Value {
    json!({
        "id": format!("00000000-0000-4000-8000-{n:012}"),
        "revision": 1,
        "info": {"name": {"first": format!("c{n}")}}
    })
}

fn first_name(contact: &Contact) -> String {
    contact
        .info
        .as_ref()
        .and_then(|i| i.name.as_ref())
        .and_then(|n| n.first.clone())
        .unwrap()
}

fn info(first: &str) -> ContactInfo {
    ContactInfo {
        name: Some(ContactName {
            first: Some(first.into()),
            last: None,
        }),
        ..ContactInfo::default()
    }
}

// ---- Contacts: each method's request ----

#[tokio::test]
async fn query_contacts_posts_the_query_as_the_body() {
    let mock = Mock::answering(
        200,
        json!({"contacts": [contact_json(1)], "pagingMetadata": {"count": 1, "offset": 0, "total": 1}}),
    )
    .await;
    let request = QueryContactsRequest::default()
        .with_search("Dana")
        .with_query(wix_contacts::Query {
            filter: Some(json!({"info.name.last": {"$startsWith": "Le"}})),
            paging: Some(wix_contacts::Paging {
                limit: Some(20),
                offset: Some(40),
            }),
            ..wix_contacts::Query::default()
        });
    let page = mock.client().query_contacts(&request).await.unwrap();
    assert_eq!(page.contacts.len(), 1);
    assert_eq!(first_name(&page.contacts[0]), "c1");
    assert_eq!(page.paging_metadata.unwrap().total, Some(1));

    let seen = mock.only();
    assert_eq!(seen.method, "POST");
    assert_eq!(seen.path, "/contacts/v4/contacts/query");
    assert!(seen.query.is_empty(), "{seen:?}");
    assert_eq!(
        seen.body,
        Some(json!({
            "search": "Dana",
            "query": {
                "filter": {"info.name.last": {"$startsWith": "Le"}},
                "paging": {"limit": 20, "offset": 40}
            }
        }))
    );
    assert_eq!(seen.authorization.as_deref(), Some(TOKEN));
}

#[tokio::test]
async fn get_contact_gets_by_id_with_projections_in_the_query() {
    let mock = Mock::answering(200, json!({"contact": contact_json(7), "responseType": "REGULAR"})).await;
    let client = mock.client();
    let found = client.get_contact(CONTACT).await.unwrap();
    assert_eq!(first_name(&found.contact.unwrap()), "c7");
    // With projections: the generic call, arrays as repeated parameters.
    let request = GetContactRequest::new(CONTACT)
        .with_fields(vec!["info.name".into()])
        .with_fieldsets(vec![ContactFieldSet::Basic, ContactFieldSet::Extended]);
    client.call(&request).await.unwrap();

    let seen = mock.seen();
    assert_eq!(seen.len(), 2);
    for s in &seen {
        assert_eq!(s.method, "GET");
        assert_eq!(s.path, format!("/contacts/v4/contacts/{CONTACT}"));
        assert_eq!(s.body, None);
    }
    assert!(seen[0].query.is_empty(), "{:?}", seen[0]);
    let mut query = seen[1].query_pairs();
    query.sort();
    assert_eq!(
        query,
        [
            ("fields", "info.name"),
            ("fieldsets", "BASIC"),
            ("fieldsets", "EXTENDED")
        ]
    );
}

#[tokio::test]
async fn create_contact_posts_the_info() {
    let mock = Mock::answering(200, json!({"contact": contact_json(2)})).await;
    let created = mock.client().create_contact(info("Dana")).await.unwrap();
    assert!(created.contact.unwrap().id().is_some());
    let seen = mock.only();
    assert_eq!((seen.method.as_str(), seen.path.as_str()), ("POST", "/contacts/v4/contacts"));
    assert!(seen.query.is_empty());
    assert_eq!(seen.body, Some(json!({"info": {"name": {"first": "Dana"}}})));
}

#[tokio::test]
async fn update_contact_patches_revision_and_info_with_the_id_in_the_path() {
    let mock = Mock::answering(200, json!({"contact": contact_json(3)})).await;
    mock.client()
        .update_contact(CONTACT, 3, info("Dana"))
        .await
        .unwrap();
    let seen = mock.only();
    assert_eq!(seen.method, "PATCH");
    assert_eq!(seen.path, format!("/contacts/v4/contacts/{CONTACT}"));
    assert!(seen.query.is_empty());
    assert_eq!(
        seen.body,
        Some(json!({"revision": 3, "info": {"name": {"first": "Dana"}}}))
    );
}

#[tokio::test]
async fn delete_contact_deletes_by_id_without_a_body() {
    let mock = Mock::answering(200, json!({})).await;
    mock.client().delete_contact(CONTACT).await.unwrap();
    let seen = mock.only();
    assert_eq!(seen.method, "DELETE");
    assert_eq!(seen.path, format!("/contacts/v4/contacts/{CONTACT}"));
    assert!(seen.query.is_empty());
    assert_eq!(seen.body, None);
}

// ---- Contacts: documented errors, typed ----

/// The error's status, typed application error and code.
fn parts<E: Clone>(e: &Error<E>) -> (Option<u16>, Option<E>, Option<String>) {
    (
        e.status(),
        e.application_error().cloned(),
        e.code().map(str::to_owned),
    )
}

#[tokio::test]
async fn contacts_errors_are_typed_per_method() {
    let mock = Mock::answering(404, wix_error("CONTACT_NOT_FOUND", "no such contact")).await;
    let e = mock.client().get_contact(CONTACT).await.unwrap_err();
    assert_eq!(
        parts(&e),
        (Some(404), Some(GetContactError::ContactNotFound), Some("CONTACT_NOT_FOUND".into()))
    );
    assert_eq!(e.body().unwrap().description(), Some("no such contact"));
    assert!(e.to_string().contains("CONTACT_NOT_FOUND"), "{e}");

    let mock = Mock::answering(409, wix_error("DUPLICATE_CONTACT_EXISTS", "taken")).await;
    let e = mock.client().create_contact(info("Dana")).await.unwrap_err();
    assert_eq!(e.application_error(), Some(&CreateContactError::DuplicateContactExists));

    let mock = Mock::answering(409, wix_error("CONTACT_ALREADY_CHANGED", "stale")).await;
    let e = mock
        .client()
        .update_contact(CONTACT, 1, info("Dana"))
        .await
        .unwrap_err();
    assert_eq!(e.application_error(), Some(&UpdateContactError::ContactAlreadyChanged));

    let mock = Mock::answering(428, wix_error("CANNOT_DELETE_MEMBER", "a member")).await;
    let e = mock.client().delete_contact(CONTACT).await.unwrap_err();
    assert_eq!(
        parts(&e),
        (Some(428), Some(DeleteContactError::CannotDeleteMember), Some("CANNOT_DELETE_MEMBER".into()))
    );

    let mock = Mock::answering(400, wix_error("ILLEGAL_LIMIT", "too many")).await;
    let e = mock
        .client()
        .query_contacts(&QueryContactsRequest::default())
        .await
        .unwrap_err();
    assert_eq!(e.application_error(), Some(&QueryContactsError::IllegalLimit));

    // A code the method does not document keeps its code, untyped.
    let mock = Mock::answering(409, wix_error("CONTACT_NOT_FOUND", "not getContact's")).await;
    let e = mock.client().delete_contact(CONTACT).await.unwrap_err();
    assert!(matches!(e, Error::Status { status: 409, .. }), "{e:?}");
    assert_eq!(e.code(), Some("CONTACT_NOT_FOUND"));
}

// ---- Contacts: paging by offset ----

/// A queryContacts server over `n` contacts: pages at the request's offset and limit,
/// with `pagingMetadata` (its `total` only when `count_total`).
async fn contacts_server(n: usize, count_total: bool) -> Mock {
    Mock::start(move |seen| {
        let body = seen.body.clone().unwrap_or_default();
        let paging = &body["query"]["paging"];
        let offset = paging["offset"].as_u64().unwrap_or(0) as usize;
        let limit = paging["limit"].as_u64().unwrap_or(50) as usize;
        let contacts: Vec<Value> = (offset..n.min(offset + limit)).map(contact_json).collect();
        let mut metadata = json!({"count": contacts.len(), "offset": offset});
        if count_total {
            metadata["total"] = json!(n);
        } else {
            metadata["tooManyToCount"] = json!(true);
        }
        (200, json!({"contacts": contacts, "pagingMetadata": metadata}))
    })
    .await
}

fn query_contacts(limit: Option<i64>, offset: Option<i64>) -> QueryContactsRequest {
    QueryContactsRequest::default().with_query(wix_contacts::Query {
        paging: Some(wix_contacts::Paging { limit, offset }),
        filter: Some(json!({"info.name.first": {"$exists": true}})),
        ..wix_contacts::Query::default()
    })
}

#[tokio::test]
async fn the_contact_stream_pages_by_offset_until_the_total() {
    let mock = contacts_server(7, true).await;
    let names: Vec<String> = mock
        .client()
        .contacts(query_contacts(Some(3), None))
        .map_ok(|c| first_name(&c))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(names, ["c0", "c1", "c2", "c3", "c4", "c5", "c6"]);
    let seen = mock.seen();
    let offsets: Vec<Option<i64>> = seen.iter().map(Seen::offset).collect();
    assert_eq!(offsets, [None, Some(3), Some(6)]);
    // Every page keeps the rest of the request.
    for s in &seen {
        assert_eq!(s.path, "/contacts/v4/contacts/query");
        assert_eq!(s.body.as_ref().unwrap()["query"]["paging"]["limit"], 3);
        assert_eq!(
            s.body.as_ref().unwrap()["query"]["filter"],
            json!({"info.name.first": {"$exists": true}})
        );
    }
}

#[tokio::test]
async fn the_contact_stream_starts_at_the_requested_offset_and_ends_on_an_exact_last_page() {
    let mock = contacts_server(6, true).await;
    let mut stream = mock.client().contacts(query_contacts(Some(2), Some(2)));
    let mut names = Vec::new();
    while let Some(contact) = stream.next_item().await.unwrap() {
        names.push(first_name(&contact));
    }
    assert_eq!(names, ["c2", "c3", "c4", "c5"]);
    // The page that reaches the total is the last: no empty page is asked for.
    let offsets: Vec<_> = mock.seen().iter().map(Seen::offset).collect();
    assert_eq!(offsets, [Some(2), Some(4)]);
}

#[tokio::test]
async fn without_a_total_the_contact_stream_ends_on_an_empty_page() {
    let mock = contacts_server(5, false).await;
    let all: Vec<Contact> = mock
        .client()
        .contacts(query_contacts(Some(2), None))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 5);
    let offsets: Vec<_> = mock.seen().iter().map(Seen::offset).collect();
    assert_eq!(offsets, [None, Some(2), Some(4), Some(5)]);
}

#[tokio::test]
async fn the_contact_stream_fetches_only_what_is_read() {
    let mock = contacts_server(100, true).await;
    let first: Vec<Contact> = mock
        .client()
        .contacts(query_contacts(Some(3), None))
        .take(4)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(first.len(), 4);
    assert_eq!(mock.seen().len(), 2);
    // Nothing is fetched before the stream is read.
    let stream = mock.client().contacts(query_contacts(Some(3), None));
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(mock.seen().len(), 2);
    drop(stream);
}

#[tokio::test]
async fn the_contact_stream_ends_after_an_error() {
    let calls = Arc::new(Mutex::new(0));
    let counter = calls.clone();
    let mock = Mock::start(move |seen| {
        *counter.lock().unwrap() += 1;
        match seen.offset() {
            None => (
                200,
                json!({"contacts": [contact_json(0), contact_json(1)],
                       "pagingMetadata": {"count": 2, "offset": 0, "total": 10}}),
            ),
            Some(_) => (400, wix_error("ILLEGAL_LIMIT", "no more")),
        }
    })
    .await;
    let mut stream = mock.client().contacts(query_contacts(Some(2), None));
    assert_eq!(first_name(&stream.next_item().await.unwrap().unwrap()), "c0");
    assert_eq!(first_name(&stream.next_item().await.unwrap().unwrap()), "c1");
    let e = stream.next_item().await.unwrap_err();
    assert_eq!(e.application_error(), Some(&QueryContactsError::IllegalLimit));
    assert!(stream.next().await.is_none());
    assert_eq!(*calls.lock().unwrap(), 2);
}

#[tokio::test]
async fn a_server_that_ignores_the_offset_cannot_make_the_contact_stream_loop() {
    // Always the first page, never a total.
    let mock = Mock::answering(
        200,
        json!({"contacts": [contact_json(0), contact_json(1)],
               "pagingMetadata": {"count": 2, "offset": 0, "tooManyToCount": true}}),
    )
    .await;
    let all: Vec<Contact> = mock
        .client()
        .contacts(query_contacts(Some(2), None))
        .try_collect()
        .await
        .unwrap();
    // The second page came back as offset 0: the stream stops there.
    assert_eq!(all.len(), 4);
    assert_eq!(mock.seen().len(), 2);
}

// ---- Members: each method's request ----

fn member_json(n: usize) -> Value {
    json!({
        "id": format!("00000000-0000-4000-9000-{n:012}"),
        "contactId": format!("00000000-0000-4000-8000-{n:012}"),
        "profile": {"nickname": format!("m{n}")}
    })
}

fn nickname(member: &Member) -> String {
    member
        .profile
        .as_ref()
        .and_then(|p| p.nickname.clone())
        .unwrap()
}

#[tokio::test]
async fn get_member_gets_by_id_with_fieldsets_in_the_query() {
    let mock = Mock::answering(200, json!({"member": member_json(4)})).await;
    let client = mock.client();
    let got = client.get_member(MEMBER).await.unwrap();
    assert_eq!(nickname(&got.member.unwrap()), "m4");
    client
        .call(&GetMemberRequest::new(MEMBER).with_fieldsets(vec![Set::Full]))
        .await
        .unwrap();
    let seen = mock.seen();
    for s in &seen {
        assert_eq!(s.method, "GET");
        assert_eq!(s.path, format!("/members/v1/members/{MEMBER}"));
        assert_eq!(s.body, None);
    }
    assert!(seen[0].query.is_empty());
    assert_eq!(seen[1].query_pairs(), [("fieldsets", "FULL")]);
}

#[tokio::test]
async fn query_members_posts_query_fieldsets_and_search() {
    let mock = Mock::answering(
        200,
        json!({"members": [member_json(1)], "metadata": {"count": 1, "offset": 0, "total": 1}}),
    )
    .await;
    let request = QueryMembersRequest::default()
        .with_query(wix_members::Query {
            filter: Some(json!({"contactId": {"$eq": CONTACT.as_str()}})),
            ..wix_members::Query::default()
        })
        .with_fieldsets(vec![Set::Full])
        .with_search(wix_members::Search {
            expression: Some("Dana".into()),
            fields: vec!["profile.nickname".into()],
        });
    let page = mock.client().query_members(&request).await.unwrap();
    assert_eq!(nickname(&page.members[0]), "m1");
    assert_eq!(page.metadata.unwrap().total, Some(1));
    let seen = mock.only();
    assert_eq!((seen.method.as_str(), seen.path.as_str()), ("POST", "/members/v1/members/query"));
    assert!(seen.query.is_empty());
    assert_eq!(
        seen.body,
        Some(json!({
            "query": {"filter": {"contactId": {"$eq": CONTACT.as_str()}}},
            "fieldsets": ["FULL"],
            "search": {"expression": "Dana", "fields": ["profile.nickname"]}
        }))
    );
}

#[tokio::test]
async fn create_member_posts_the_member() {
    let mock = Mock::answering(200, json!({"member": member_json(9)})).await;
    let mut member = Member::default();
    member.login_email = Some("dana@example.com".into());
    let created = mock.client().create_member(member).await.unwrap();
    assert!(created.member.unwrap().id().is_some());
    let seen = mock.only();
    assert_eq!((seen.method.as_str(), seen.path.as_str()), ("POST", "/members/v1/members"));
    assert_eq!(
        seen.body,
        Some(json!({"member": {"loginEmail": "dana@example.com"}}))
    );
}

#[tokio::test]
async fn delete_member_deletes_by_id_without_a_body() {
    let mock = Mock::answering(200, json!({})).await;
    mock.client().delete_member(MEMBER).await.unwrap();
    let seen = mock.only();
    assert_eq!(seen.method, "DELETE");
    assert_eq!(seen.path, format!("/members/v1/members/{MEMBER}"));
    assert!(seen.query.is_empty());
    assert_eq!(seen.body, None);
}

// ---- Members: documented errors, typed ----

#[tokio::test]
async fn members_errors_are_typed_per_method() {
    let mock = Mock::answering(403, wix_error("MEMBER_TO_MEMBER_BLOCKED", "blocked")).await;
    let e = mock.client().get_member(MEMBER).await.unwrap_err();
    assert_eq!(
        parts(&e),
        (Some(403), Some(GetMemberError::MemberToMemberBlocked), Some("MEMBER_TO_MEMBER_BLOCKED".into()))
    );

    let mock = Mock::answering(
        400,
        wix_error("OWNER_OR_CONTRIBUTOR_MEMBER_DELETE_FORBIDDEN", "the owner"),
    )
    .await;
    let e = mock.client().delete_member(MEMBER).await.unwrap_err();
    assert_eq!(
        e.application_error(),
        Some(&DeleteMemberError::OwnerOrContributorMemberDeleteForbidden)
    );
    let mock = Mock::answering(
        400,
        wix_error("ACTIVE_SUBSCRIPTION_MEMBER_DELETE_FORBIDDEN", "subscribed"),
    )
    .await;
    let e = mock.client().delete_member(MEMBER).await.unwrap_err();
    assert_eq!(
        e.application_error(),
        Some(&DeleteMemberError::ActiveSubscriptionMemberDeleteForbidden)
    );

    // queryMembers and createMember document none: any code stays untyped.
    let mock = Mock::answering(400, wix_error("INVALID_FILTER", "bad filter")).await;
    let e = mock
        .client()
        .query_members(&QueryMembersRequest::default())
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Status { status: 400, .. }), "{e:?}");
    assert_eq!(e.code(), Some("INVALID_FILTER"));
    let e = mock.client().create_member(Member::default()).await.unwrap_err();
    assert_eq!(e.code(), Some("INVALID_FILTER"));
}

// ---- Members: paging by offset, with `metadata` ----

/// A queryMembers server over `n` members: pages at the request's offset and limit
/// (100 at most), with `metadata` (its `total` only when `count_total`).
async fn members_server(n: usize, count_total: bool) -> Mock {
    Mock::start(move |seen| {
        let body = seen.body.clone().unwrap_or_default();
        let paging = &body["query"]["paging"];
        let offset = paging["offset"].as_u64().unwrap_or(0) as usize;
        let limit = paging["limit"].as_u64().unwrap_or(100).min(100) as usize;
        let members: Vec<Value> = (offset..n.min(offset + limit)).map(member_json).collect();
        let mut metadata = json!({"count": members.len(), "offset": offset});
        if count_total {
            metadata["total"] = json!(n);
        } else {
            metadata["tooManyToCount"] = json!(true);
        }
        (200, json!({"members": members, "metadata": metadata}))
    })
    .await
}

fn query_members(limit: Option<i64>) -> QueryMembersRequest {
    QueryMembersRequest::default()
        .with_query(wix_members::Query {
            paging: Some(wix_members::Paging {
                limit,
                offset: None,
            }),
            ..wix_members::Query::default()
        })
        .with_fieldsets(vec![Set::Public])
}

#[tokio::test]
async fn the_member_stream_pages_by_its_metadata() {
    let mock = members_server(5, true).await;
    let names: Vec<String> = mock
        .client()
        .members(query_members(Some(2)))
        .map_ok(|m| nickname(&m))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(names, ["m0", "m1", "m2", "m3", "m4"]);
    let seen = mock.seen();
    let offsets: Vec<_> = seen.iter().map(Seen::offset).collect();
    assert_eq!(offsets, [None, Some(2), Some(4)]);
    for s in &seen {
        assert_eq!(s.path, "/members/v1/members/query");
        assert_eq!(s.body.as_ref().unwrap()["fieldsets"], json!(["PUBLIC"]));
        assert_eq!(s.body.as_ref().unwrap()["query"]["paging"]["limit"], 2);
    }
}

#[tokio::test]
async fn the_member_stream_follows_a_lowered_limit_and_ends_on_an_empty_page_without_a_total() {
    // 250 members, asked for in pages of 500: the server gives 100 at a time.
    let mock = members_server(250, false).await;
    let all: Vec<Member> = mock
        .client()
        .members(query_members(Some(500)))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 250);
    assert_eq!(nickname(&all[249]), "m249");
    let offsets: Vec<_> = mock.seen().iter().map(Seen::offset).collect();
    assert_eq!(offsets, [None, Some(100), Some(200), Some(250)]);
}

#[tokio::test]
async fn the_member_stream_stops_when_dropped_and_after_an_error() {
    let mock = members_server(10, true).await;
    let mut stream = mock.client().members(query_members(Some(2)));
    assert_eq!(nickname(&stream.next_item().await.unwrap().unwrap()), "m0");
    drop(stream);
    assert_eq!(mock.seen().len(), 1);

    let mock = Mock::start(|seen| match seen.offset() {
        None => (200, json!({"members": [member_json(0)], "metadata": {"offset": 0, "total": 3}})),
        Some(_) => (503, json!({"message": "unavailable"})),
    })
    .await;
    let mut stream = mock.client().members(query_members(Some(1)));
    assert_eq!(nickname(&stream.next_item().await.unwrap().unwrap()), "m0");
    let e = stream.next_item().await.unwrap_err();
    assert!(matches!(e, Error::Status { status: 503, .. }), "{e:?}");
    assert_eq!(stream.next_item().await.unwrap(), None);
    assert_eq!(mock.seen().len(), 2);
}

// ---- One client for every API ----

#[tokio::test]
async fn the_inbox_client_calls_contacts_and_members_too() {
    let mock = Mock::start(|seen| {
        if seen.path.starts_with("/contacts/") {
            (200, json!({"contact": contact_json(1)}))
        } else {
            (200, json!({"member": member_json(1)}))
        }
    })
    .await;
    let inbox = wix_inbox::client::Client::builder(wix_inbox::client::Credentials::access_token(TOKEN))
        .base_url(&mock.base_url)
        .build()
        .unwrap();
    // The Contacts and Members methods, through `Deref` to the runtime's client.
    let contact = inbox.get_contact(CONTACT).await.unwrap().contact.unwrap();
    assert_eq!(first_name(&contact), "c1");
    let member = inbox.get_member(MEMBER).await.unwrap().member.unwrap();
    assert_eq!(nickname(&member), "m1");
    // And the runtime's client converts into the Inbox one, and back.
    let runtime: Client = inbox.clone().into();
    let again = wix_inbox::client::Client::from(runtime);
    again.get_contact(CONTACT).await.unwrap();
    let paths: Vec<String> = mock.seen().into_iter().map(|s| s.path).collect();
    assert_eq!(
        paths,
        [
            format!("/contacts/v4/contacts/{CONTACT}"),
            format!("/members/v1/members/{MEMBER}"),
            format!("/contacts/v4/contacts/{CONTACT}"),
        ]
    );
}
