//! The generated Contacts client (`wix_contacts::client::ContactsClient`) against a mock HTTP server on
//! 127.0.0.1 that records every request: each method's verb, path, query and body; the
//! documented application errors, typed, from Wix-shaped error bodies; and the paging
//! stream (`pagingMetadata`) across pages, and where it stops.

mod crm_mock;

use crm_mock::*;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};
use wix_contacts::client::{Error, StreamExt as _, TryStreamExt as _};
use wix_contacts::{
    Contact, ContactFieldSet, CreateContactError,
    DeleteContactError, GetContactError, GetContactRequest, QueryContactsError,
    QueryContactsRequest, UpdateContactError,
};


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
    let page = mock.contacts().query_contacts(&request).await.unwrap();
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
    let client = mock.contacts();
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
    let created = mock.contacts().create_contact(info("Dana")).await.unwrap();
    assert!(created.contact.unwrap().id().is_some());
    let seen = mock.only();
    assert_eq!((seen.method.as_str(), seen.path.as_str()), ("POST", "/contacts/v4/contacts"));
    assert!(seen.query.is_empty());
    assert_eq!(seen.body, Some(json!({"info": {"name": {"first": "Dana"}}})));
}

#[tokio::test]
async fn update_contact_patches_revision_and_info_with_the_id_in_the_path() {
    let mock = Mock::answering(200, json!({"contact": contact_json(3)})).await;
    mock.contacts()
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
    mock.contacts().delete_contact(CONTACT).await.unwrap();
    let seen = mock.only();
    assert_eq!(seen.method, "DELETE");
    assert_eq!(seen.path, format!("/contacts/v4/contacts/{CONTACT}"));
    assert!(seen.query.is_empty());
    assert_eq!(seen.body, None);
}

// ---- Contacts: documented errors, typed ----

#[tokio::test]
async fn contacts_errors_are_typed_per_method() {
    let mock = Mock::answering(404, wix_error("CONTACT_NOT_FOUND", "no such contact")).await;
    let e = mock.contacts().get_contact(CONTACT).await.unwrap_err();
    assert_eq!(
        parts(&e),
        (Some(404), Some(GetContactError::ContactNotFound), Some("CONTACT_NOT_FOUND".into()))
    );
    assert_eq!(e.body().unwrap().description(), Some("no such contact"));
    assert!(e.to_string().contains("CONTACT_NOT_FOUND"), "{e}");

    let mock = Mock::answering(409, wix_error("DUPLICATE_CONTACT_EXISTS", "taken")).await;
    let e = mock.contacts().create_contact(info("Dana")).await.unwrap_err();
    assert_eq!(e.application_error(), Some(&CreateContactError::DuplicateContactExists));

    let mock = Mock::answering(409, wix_error("CONTACT_ALREADY_CHANGED", "stale")).await;
    let e = mock
        .contacts()
        .update_contact(CONTACT, 1, info("Dana"))
        .await
        .unwrap_err();
    assert_eq!(e.application_error(), Some(&UpdateContactError::ContactAlreadyChanged));

    let mock = Mock::answering(428, wix_error("CANNOT_DELETE_MEMBER", "a member")).await;
    let e = mock.contacts().delete_contact(CONTACT).await.unwrap_err();
    assert_eq!(
        parts(&e),
        (Some(428), Some(DeleteContactError::CannotDeleteMember), Some("CANNOT_DELETE_MEMBER".into()))
    );

    let mock = Mock::answering(400, wix_error("ILLEGAL_LIMIT", "too many")).await;
    let e = mock
        .contacts()
        .query_contacts(&QueryContactsRequest::default())
        .await
        .unwrap_err();
    assert_eq!(e.application_error(), Some(&QueryContactsError::IllegalLimit));

    // A code the method does not document keeps its code, untyped.
    let mock = Mock::answering(409, wix_error("CONTACT_NOT_FOUND", "not getContact's")).await;
    let e = mock.contacts().delete_contact(CONTACT).await.unwrap_err();
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
        .contacts()
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
    let mut stream = mock.contacts().contacts(query_contacts(Some(2), Some(2)));
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
        .contacts()
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
        .contacts()
        .contacts(query_contacts(Some(3), None))
        .take(4)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(first.len(), 4);
    assert_eq!(mock.seen().len(), 2);
    // Nothing is fetched before the stream is read.
    let stream = mock.contacts().contacts(query_contacts(Some(3), None));
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
    let mut stream = mock.contacts().contacts(query_contacts(Some(2), None));
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
        .contacts()
        .contacts(query_contacts(Some(2), None))
        .try_collect()
        .await
        .unwrap();
    // The second page came back as offset 0: the stream stops there.
    assert_eq!(all.len(), 4);
    assert_eq!(mock.seen().len(), 2);
}

