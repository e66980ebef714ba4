//! The generated Members client (`wix_members::client::MembersClient`) against a mock HTTP server on
//! 127.0.0.1 that records every request: each method's request, the documented
//! application errors, typed, the paging stream (`metadata`); and one client calling
//! every API.

mod crm_mock;

use crm_mock::*;

use serde_json::{json, Value};
use wix_contacts::client::ContactsClient;
use wix_members::client::{Error, MembersClient, TryStreamExt as _};
use wix_members::{
    DeleteMemberError, GetMemberError, GetMemberRequest, Member, QueryMembersRequest,
    Set,
};


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
    let client = mock.members();
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
    let page = mock.members().query_members(&request).await.unwrap();
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
    let created = mock.members().create_member(member).await.unwrap();
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
    mock.members().delete_member(MEMBER).await.unwrap();
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
    let e = mock.members().get_member(MEMBER).await.unwrap_err();
    assert_eq!(
        parts(&e),
        (Some(403), Some(GetMemberError::MemberToMemberBlocked), Some("MEMBER_TO_MEMBER_BLOCKED".into()))
    );

    let mock = Mock::answering(
        400,
        wix_error("OWNER_OR_CONTRIBUTOR_MEMBER_DELETE_FORBIDDEN", "the owner"),
    )
    .await;
    let e = mock.members().delete_member(MEMBER).await.unwrap_err();
    assert_eq!(
        e.application_error(),
        Some(&DeleteMemberError::OwnerOrContributorMemberDeleteForbidden)
    );
    let mock = Mock::answering(
        400,
        wix_error("ACTIVE_SUBSCRIPTION_MEMBER_DELETE_FORBIDDEN", "subscribed"),
    )
    .await;
    let e = mock.members().delete_member(MEMBER).await.unwrap_err();
    assert_eq!(
        e.application_error(),
        Some(&DeleteMemberError::ActiveSubscriptionMemberDeleteForbidden)
    );

    // queryMembers and createMember document none: any code stays untyped.
    let mock = Mock::answering(400, wix_error("INVALID_FILTER", "bad filter")).await;
    let e = mock
        .members()
        .query_members(&QueryMembersRequest::default())
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Status { status: 400, .. }), "{e:?}");
    assert_eq!(e.code(), Some("INVALID_FILTER"));
    let e = mock.members().create_member(Member::default()).await.unwrap_err();
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
        .members()
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
        .members()
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
    let mut stream = mock.members().members(query_members(Some(2)));
    assert_eq!(nickname(&stream.next_item().await.unwrap().unwrap()), "m0");
    drop(stream);
    assert_eq!(mock.seen().len(), 1);

    let mock = Mock::start(|seen| match seen.offset() {
        None => (200, json!({"members": [member_json(0)], "metadata": {"offset": 0, "total": 3}})),
        Some(_) => (503, json!({"message": "unavailable"})),
    })
    .await;
    let mut stream = mock.members().members(query_members(Some(1)));
    assert_eq!(nickname(&stream.next_item().await.unwrap().unwrap()), "m0");
    let e = stream.next_item().await.unwrap_err();
    assert!(matches!(e, Error::Status { status: 503, .. }), "{e:?}");
    assert_eq!(stream.next_item().await.unwrap(), None);
    assert_eq!(mock.seen().len(), 2);
}

// ---- One connection for every API ----

#[tokio::test]
async fn the_inbox_client_shares_its_connection_with_contacts_and_members() {
    let mock = Mock::start(|seen| {
        if seen.path.starts_with("/contacts/") {
            (200, json!({"contact": contact_json(1)}))
        } else {
            (200, json!({"member": member_json(1)}))
        }
    })
    .await;
    let inbox = wix_inbox::client::InboxClient::builder(wix_inbox::client::Credentials::access_token(TOKEN))
        .base_url(&mock.base_url)
        .build()
        .unwrap();
    // The Contacts and Members clients on the Inbox client's connection and credentials.
    let contact = ContactsClient::sharing(&inbox).get_contact(CONTACT).await.unwrap().contact.unwrap();
    assert_eq!(first_name(&contact), "c1");
    let member = MembersClient::sharing(&inbox).get_member(MEMBER).await.unwrap().member.unwrap();
    assert_eq!(nickname(&member), "m1");
    // And through the runtime's client, both ways.
    let runtime: wix_inbox::rt::client::Client = inbox.clone().into();
    let again = ContactsClient::from(runtime);
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
    for seen in mock.seen() {
        assert_eq!(seen.authorization.as_deref(), Some(TOKEN));
    }
}
