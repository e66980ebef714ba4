//! The Contacts routes: each method's happy path and its documented errors, email
//! filters, projection, revision checks and offset paging across pages.

mod support;

use serde_json::{json, Value};
use support::{assert_error, ids, Api};
use wix_contacts::rt::Request;
use wix_contacts::{
    ContactSourceType, CreateContactRequest, CreateContactResponse, DeleteContactRequest,
    GetContactRequest, GetContactResponse, GetContactResponseType, QueryContactsRequest,
    QueryContactsResponse, UpdateContactRequest, UpdateContactResponse,
};
use wix_local_server::start;

const UNKNOWN: &str = "0ddba11e-0000-4000-8000-00000000beef";
const OTHER_SITE: &str = "0e1e5a1e-0000-4000-8000-000000000009";

fn contact_path(id: &str) -> String {
    format!("/contacts/v4/contacts/{id}")
}

#[test]
fn the_routes_are_the_operations_of_the_bindings() {
    // The paths the tests call are the bindings' own.
    assert_eq!(
        <CreateContactRequest as Request>::OPERATION.path,
        "/contacts/v4/contacts"
    );
    assert_eq!(
        <QueryContactsRequest as Request>::OPERATION.path,
        "/contacts/v4/contacts/query"
    );
    assert_eq!(
        <GetContactRequest as Request>::OPERATION.path,
        "/contacts/v4/contacts/{id}"
    );
    for path in [
        <UpdateContactRequest as Request>::OPERATION.path,
        <DeleteContactRequest as Request>::OPERATION.path,
    ] {
        assert_eq!(path, "/contacts/v4/contacts/{contactId}");
    }
}

#[tokio::test]
async fn create_get_update_delete() {
    let server = start().await.unwrap();
    let api = Api::new(&server);

    let created = api
        .post(
            "/contacts/v4/contacts",
            json!({"info": {
                "name": {"first": "Noa", "last": "Peretz"},
                "emails": {"items": [{"email": "noa@example.com", "tag": "MAIN"}]},
                "phones": {"items": [{"phone": "054-555-0178", "countryCode": "IL"}]},
                "labelKeys": {"items": ["custom.lead"]},
            }}),
        )
        .await;
    assert_eq!(created.status, 200, "{}", created.body);
    let response: CreateContactResponse = created.decode();
    let contact = response.contact.unwrap();
    let id = contact.id().copied().expect("an ID");
    assert_eq!(contact.revision(), Some(1));
    assert_eq!(
        contact
            .primary_info()
            .and_then(|p| p.email())
            .map(String::as_str),
        Some("noa@example.com")
    );
    assert_eq!(
        contact
            .primary_info()
            .and_then(|p| p.phone())
            .map(String::as_str),
        Some("054-555-0178")
    );
    assert_eq!(
        contact.source().and_then(|s| s.source_type()),
        Some(&ContactSourceType::WixApp)
    );
    assert_eq!(
        contact.source().and_then(|s| s.app_id()),
        Some(&wix_local_server::DEFAULT_APP_ID)
    );
    let email = &contact
        .info
        .as_ref()
        .unwrap()
        .emails
        .as_ref()
        .unwrap()
        .items[0];
    assert!(email.id().is_some(), "entries get IDs");
    assert_eq!(email.primary, Some(true), "the only address is primary");

    // getContact: the whole contact, then projected.
    let got = api.get(&contact_path(id.as_str())).await;
    assert_eq!(got.status, 200, "{}", got.body);
    let got: GetContactResponse = got.decode();
    assert_eq!(got.response_type, Some(GetContactResponseType::Regular));
    assert_eq!(got.contact.as_ref(), Some(&contact));

    let basic = api
        .get(&format!("{}?fieldsets=BASIC", contact_path(id.as_str())))
        .await;
    assert_eq!(basic.status, 200, "{}", basic.body);
    let basic = &basic.body["contact"];
    assert_eq!(basic["id"], json!(id));
    assert_eq!(basic["revision"], 1);
    assert_eq!(basic["info"]["name"]["first"], "Noa");
    assert_eq!(basic["primaryInfo"]["email"], "noa@example.com");
    assert!(basic["info"].get("emails").is_none(), "{basic}");
    assert!(basic.get("source").is_none(), "{basic}");
    let some = api
        .get(&format!(
            "{}?fields=info.labelKeys&fields=info.phones",
            contact_path(id.as_str())
        ))
        .await;
    let some = &some.body["contact"];
    assert_eq!(some["info"]["labelKeys"]["items"], json!(["custom.lead"]));
    assert_eq!(some["info"]["phones"]["items"][0]["phone"], "054-555-0178");
    assert!(some["info"].get("name").is_none(), "{some}");

    // updateContact at the current revision: the given fields change, the rest stays.
    let updated = api
        .patch(
            &contact_path(id.as_str()),
            json!({"revision": 1, "info": {"company": "Peretz Catering", "jobTitle": "Owner"}}),
        )
        .await;
    assert_eq!(updated.status, 200, "{}", updated.body);
    let updated = updated.decode::<UpdateContactResponse>().contact.unwrap();
    assert_eq!(updated.revision(), Some(2));
    let info = updated.info.as_ref().unwrap();
    assert_eq!(info.company.as_deref(), Some("Peretz Catering"));
    assert_eq!(info.name.as_ref().unwrap().first.as_deref(), Some("Noa"));
    assert_eq!(
        info.emails.as_ref().unwrap().items[0].id(),
        email.id(),
        "untouched entries keep their IDs"
    );
    // A stale revision is refused, and nothing changes.
    let stale = api
        .patch(
            &contact_path(id.as_str()),
            json!({"revision": 1, "info": {"company": "Someone else"}}),
        )
        .await;
    assert_error(&stale, 409, Some("CONTACT_ALREADY_CHANGED"));
    let now = api.get(&contact_path(id.as_str())).await;
    assert_eq!(now.body["contact"]["revision"], 2);
    assert_eq!(now.body["contact"]["info"]["company"], "Peretz Catering");
    // Replacing the email addresses: the new one is primary.
    let moved = api
        .patch(
            &contact_path(id.as_str()),
            json!({"revision": 2, "info": {"emails": {"items": [{"email": "noa@peretz.example"}]}}}),
        )
        .await;
    assert_eq!(moved.status, 200, "{}", moved.body);
    assert_eq!(
        moved.body["contact"]["primaryInfo"]["email"],
        "noa@peretz.example"
    );
    assert_eq!(
        api.contacts_with_email("noa@example.com").await,
        Vec::<String>::new()
    );
    assert_eq!(
        api.contacts_with_email("noa@peretz.example").await,
        [id.to_string()]
    );

    // deleteContact: an empty object, and the contact is gone.
    let deleted = api.delete(&contact_path(id.as_str())).await;
    assert_eq!(deleted.status, 200, "{}", deleted.body);
    assert_eq!(deleted.body, json!({}));
    assert_error(
        &api.get(&contact_path(id.as_str())).await,
        404,
        Some("CONTACT_NOT_FOUND"),
    );
    assert_error(
        &api.delete(&contact_path(id.as_str())).await,
        404,
        Some("CONTACT_NOT_FOUND"),
    );
}

#[tokio::test]
async fn create_refuses_what_the_pages_refuse() {
    let server = start().await.unwrap();
    let api = Api::new(&server);
    let path = "/contacts/v4/contacts";
    let first = api.create_contact("dana@example.com", "Dana").await;

    let cases: [(Value, u16, Option<&str>); 7] = [
        (json!({"info": {}}), 400, Some("INSUFFICIENT_CONTACT_DATA")),
        (
            json!({"info": {"name": {"first": "  "}}}),
            400,
            Some("INSUFFICIENT_CONTACT_DATA"),
        ),
        (
            json!({"info": {"emails": {"items": [
                {"email": "a@example.com", "primary": true},
                {"email": "b@example.com", "primary": true},
            ]}}}),
            400,
            Some("CANNOT_HAVE_MULTIPLE_PRIMARY_INFO"),
        ),
        (
            json!({"info": {"name": {"first": "X"}, "extendedFields": {"items": [1, 2]}}}),
            400,
            Some("INVALID_EXTENDED_FIELD_VALUE"),
        ),
        (
            json!({"info": {"emails": {"items": [{"email": "DANA@example.com"}]}}}),
            409,
            Some("DUPLICATE_CONTACT_EXISTS"),
        ),
        // Not what the route takes: validation errors.
        (json!({"allowDuplicates": true}), 400, None),
        (
            json!({"info": {"emails": {"items": [{"tag": "MAIN"}]}}}),
            400,
            None,
        ),
    ];
    for (body, status, code) in cases {
        let answer = api.post(path, body.clone()).await;
        assert_error(&answer, status, code);
    }
    // The duplicate names the contact that has the address.
    let duplicate = api
        .post(
            path,
            json!({"info": {"emails": {"items": [{"email": "dana@example.com"}]}}}),
        )
        .await;
    let data: wix_contacts::DuplicateContactExists =
        serde_json::from_value(duplicate.body["details"]["applicationError"]["data"].clone())
            .unwrap();
    assert_eq!(
        data.duplicate_contact_id.map(|id| id.to_string()),
        first["id"].as_str().map(str::to_owned)
    );
    assert_eq!(data.duplicate_email.as_deref(), Some("dana@example.com"));
    // Nothing was created by the refused calls.
    let all = api.query_contacts(json!({})).await;
    assert_eq!(all.body["pagingMetadata"]["total"], 1, "{}", all.body);

    // Unless duplicates are allowed.
    let allowed = api
        .post(
            path,
            json!({"allowDuplicates": true, "info": {"emails": {"items": [{"email": "dana@example.com"}]}}}),
        )
        .await;
    assert_eq!(allowed.status, 200, "{}", allowed.body);
    assert_eq!(api.contacts_with_email("dana@example.com").await.len(), 2);
}

#[tokio::test]
async fn get_update_and_delete_refuse_what_the_pages_refuse() {
    let server = start().await.unwrap();
    let api = Api::new(&server);
    let contact = api.create_contact("eli@example.com", "Eli").await;
    let id = contact["id"].as_str().unwrap();
    api.create_contact("other@example.com", "Other").await;

    assert_error(
        &api.get(&contact_path(UNKNOWN)).await,
        404,
        Some("CONTACT_NOT_FOUND"),
    );
    assert_error(&api.get(&contact_path("not-a-guid")).await, 400, None);
    assert_error(
        &api.get(&format!("{}?fieldsets=EVERYTHING", contact_path(id)))
            .await,
        400,
        None,
    );

    let update = |revision: Value, info: Value| json!({"revision": revision, "info": info});
    let cases: [(String, Value, u16, Option<&str>); 7] = [
        (
            contact_path(UNKNOWN),
            update(json!(1), json!({"company": "X"})),
            404,
            Some("CONTACT_NOT_FOUND"),
        ),
        (
            contact_path(id),
            update(json!(1), json!({})),
            400,
            Some("INSUFFICIENT_UPDATE_CONTACT_DATA"),
        ),
        (
            contact_path(id),
            update(json!(1), json!({"name": {}, "emails": {"items": []}})),
            400,
            Some("INSUFFICIENT_CONTACT_DATA"),
        ),
        (
            contact_path(id),
            update(
                json!(1),
                json!({"phones": {"items": [{"phone": "1", "primary": true}, {"phone": "2", "primary": true}]}}),
            ),
            400,
            Some("CANNOT_HAVE_MULTIPLE_PRIMARY_INFO"),
        ),
        (
            contact_path(id),
            update(
                json!(1),
                json!({"emails": {"items": [{"email": "other@example.com"}]}}),
            ),
            409,
            Some("DUPLICATE_CONTACT_EXISTS"),
        ),
        (
            contact_path(id),
            update(json!(7), json!({"company": "X"})),
            409,
            Some("CONTACT_ALREADY_CHANGED"),
        ),
        // Without its required revision.
        (
            contact_path(id),
            json!({"info": {"company": "X"}}),
            400,
            None,
        ),
    ];
    for (path, body, status, code) in cases {
        let answer = api.patch(&path, body.clone()).await;
        assert_error(&answer, status, code);
    }
    // None of it changed the contact.
    let now = api.get(&contact_path(id)).await;
    assert_eq!(now.body["contact"]["revision"], 1);
    assert!(now.body["contact"]["info"].get("company").is_none());
    // A body naming another contact than the path.
    let answer = api
        .patch(
            &contact_path(id),
            json!({"contactId": UNKNOWN, "revision": 1, "info": {"company": "X"}}),
        )
        .await;
    assert_error(&answer, 400, None);

    // A member's contact: its primary email is the member's to change, and it cannot
    // be deleted.
    let member = api.create_member("eli@example.com").await;
    assert_eq!(
        member["contactId"],
        json!(id),
        "the member is the contact's"
    );
    let answer = api
        .patch(
            &contact_path(id),
            update(
                json!(1),
                json!({"emails": {"items": [{"email": "eli@new.example"}]}}),
            ),
        )
        .await;
    assert_error(&answer, 428, Some("CANNOT_UPDATE_MEMBER_EMAIL"));
    let answer = api
        .patch(
            &contact_path(id),
            update(json!(1), json!({"jobTitle": "Baker"})),
        )
        .await;
    assert_eq!(
        answer.status, 200,
        "other fields do change: {}",
        answer.body
    );
    assert_error(
        &api.delete(&contact_path(id)).await,
        428,
        Some("CANNOT_DELETE_MEMBER"),
    );
    assert_eq!(api.get(&contact_path(id)).await.status, 200);
}

#[tokio::test]
async fn query_by_email_search_and_filters() {
    let server = start().await.unwrap();
    let api = Api::new(&server);
    let ann = api.create_contact("ann@example.com", "Ann").await;
    let bob = api.create_contact("bob@example.com", "Bob").await;
    api.create_contact("carl@sample.example", "Carl").await;

    let found = api
        .query_contacts(json!({"filter": {"primaryInfo.email": {"$eq": "ann@example.com"}}}))
        .await;
    assert_eq!(found.status, 200, "{}", found.body);
    let response: QueryContactsResponse = found.decode();
    assert_eq!(response.contacts.len(), 1);
    assert_eq!(
        response.contacts[0].id().map(|id| id.to_string()),
        ann["id"].as_str().map(str::to_owned)
    );
    let metadata = response.paging_metadata.unwrap();
    assert_eq!(
        (metadata.count, metadata.offset, metadata.total),
        (Some(1), Some(0), Some(1))
    );
    // Addresses match whatever their case; a bare value is `$eq`.
    assert_eq!(
        ids(&api
            .query_contacts(json!({"filter": {"primaryInfo.email": "BOB@Example.com"}}))
            .await
            .body["contacts"]),
        [bob["id"].as_str().unwrap()]
    );
    let by = |filter: Value| {
        let api = &api;
        async move {
            let answer = api.query_contacts(json!({ "filter": filter })).await;
            assert_eq!(answer.status, 200, "{}", answer.body);
            answer.body["pagingMetadata"]["total"].as_i64().unwrap()
        }
    };
    assert_eq!(
        by(json!({"primaryInfo.email": {"$startsWith": "ann@"}})).await,
        1
    );
    assert_eq!(
        by(json!({"primaryInfo.email": {"$in": ["ann@example.com", "bob@example.com"]}})).await,
        2
    );
    assert_eq!(
        by(json!({"primaryInfo.email": {"$ne": "ann@example.com"}})).await,
        2
    );
    assert_eq!(by(json!({"primaryInfo.phone": {"$exists": true}})).await, 0);
    assert_eq!(
        by(json!({"$or": [{"info.name.first": "Ann"}, {"info.name.first": "Carl"}]})).await,
        2
    );
    assert_eq!(by(json!({"$not": {"info.name.first": "Ann"}})).await, 2);
    assert_eq!(by(json!({"id": {"$eq": ann["id"]}})).await, 1);
    assert_eq!(
        by(json!({"createdDate": {"$gte": "2000-01-01T00:00:00Z"}})).await,
        3
    );
    assert_eq!(
        by(json!({"createdDate": {"$lt": "2000-01-01T00:00:00Z"}})).await,
        0
    );

    // search: exact names, addresses and numbers.
    let search = |text: &str| {
        let api = &api;
        let text = text.to_owned();
        async move {
            ids(&api
                .post("/contacts/v4/contacts/query", json!({ "search": text }))
                .await
                .body["contacts"])
        }
    };
    assert_eq!(search("Bob").await, [bob["id"].as_str().unwrap()]);
    assert_eq!(
        search("ann@example.com").await,
        [ann["id"].as_str().unwrap()]
    );
    assert!(search("An").await.is_empty());

    // Each refusal with its documented code.
    let cases: [(Value, &str); 9] = [
        (json!({"filter": []}), "MALFORMED_FILTER"),
        (json!({"filter": {"$nor": []}}), "MALFORMED_FILTER"),
        (
            json!({"filter": {"info.emails.items.email": {"$eq": "ann@example.com"}}}),
            "UNSUPPORTED_FILTER_FIELD_UNKNOWN",
        ),
        (
            json!({"filter": {"primaryInfo.email": {"$gt": "a"}}}),
            "UNSUPPORTED_FILTER_OPERATOR",
        ),
        (
            json!({"filter": {"primaryInfo.email": {"$in": "ann@example.com"}}}),
            "UNSUPPORTED_FILTER_VALUE_TYPE",
        ),
        (
            json!({"filter": {"createdDate": {"$gt": "last week"}}}),
            "UNSUPPORTED_FILTER_VALUE",
        ),
        (
            json!({"sort": [{"fieldName": "info.locale"}]}),
            "UNSUPPORTED_SORT_FIELD",
        ),
        (json!({"paging": {"limit": 0}}), "ILLEGAL_LIMIT"),
        (json!({"paging": {"limit": 1001}}), "ILLEGAL_LIMIT"),
    ];
    for (query, code) in cases {
        let answer = api.query_contacts(query.clone()).await;
        assert_error(&answer, 400, Some(code));
    }
    // Two sort entries, a negative offset, a body that is not the request: 400.
    for body in [
        json!({"query": {"sort": [{"fieldName": "createdDate"}, {"fieldName": "info.name.first"}]}}),
        json!({"query": {"paging": {"offset": -1}}}),
        json!({"query": {"fieldsets": ["NONE"]}}),
        json!({"query": "everything"}),
    ] {
        let answer = api.post("/contacts/v4/contacts/query", body).await;
        assert_error(&answer, 400, None);
    }
}

#[tokio::test]
async fn query_pages_by_offset_across_pages() {
    let server = start().await.unwrap();
    let api = Api::new(&server);
    let mut created = Vec::new();
    for (i, last) in ["Katz", "Abadi", "Levi", "Mor", "Cohen", "Biton", "Dahan"]
        .iter()
        .enumerate()
    {
        let answer = api
            .post(
                "/contacts/v4/contacts",
                json!({"info": {
                    "name": {"first": format!("C{i}"), "last": last},
                    "emails": {"items": [{"email": format!("c{i}@example.com")}]},
                }}),
            )
            .await;
        assert_eq!(answer.status, 200, "{}", answer.body);
        created.push(answer.body["contact"]["id"].as_str().unwrap().to_owned());
    }

    // Pages of 3 in order of creation: 3, 3, 1; then an empty page.
    let mut seen = Vec::new();
    let mut counts = Vec::new();
    for offset in [0, 3, 6, 9] {
        let answer = api
            .query_contacts(json!({"paging": {"limit": 3, "offset": offset}}))
            .await;
        assert_eq!(answer.status, 200, "{}", answer.body);
        let page: QueryContactsResponse = answer.decode();
        let metadata = page.paging_metadata.unwrap();
        assert_eq!(metadata.total, Some(7));
        assert_eq!(metadata.offset, Some(offset));
        assert_eq!(metadata.count, Some(page.contacts.len() as i64));
        counts.push(page.contacts.len());
        seen.extend(page.contacts.iter().map(|c| c.id().unwrap().to_string()));
    }
    assert_eq!(counts, [3, 3, 1, 0]);
    assert_eq!(seen, created, "every contact once, in order of creation");

    // The default page holds them all (50); sorted by last name, descending, paged.
    let all = api.query_contacts(json!({})).await;
    assert_eq!(ids(&all.body["contacts"]), created);
    let mut names = Vec::new();
    for offset in [0, 4] {
        let answer = api
            .query_contacts(json!({
                "sort": [{"fieldName": "info.name.last", "order": "DESC"}],
                "paging": {"limit": 4, "offset": offset},
                "fieldsets": ["BASIC"],
            }))
            .await;
        assert_eq!(answer.status, 200, "{}", answer.body);
        for contact in answer.body["contacts"].as_array().unwrap() {
            assert!(
                contact["info"].get("emails").is_none(),
                "projected: {contact}"
            );
            names.push(contact["info"]["name"]["last"].as_str().unwrap().to_owned());
        }
    }
    assert_eq!(
        names,
        ["Mor", "Levi", "Katz", "Dahan", "Cohen", "Biton", "Abadi"]
    );
    // A filter and paging together: total counts the matches, not the page.
    let answer = api
        .query_contacts(json!({
            "filter": {"info.name.last": {"$startsWith": "D"}},
            "paging": {"limit": 1},
        }))
        .await;
    assert_eq!(answer.body["pagingMetadata"]["total"], 1);
}

#[tokio::test]
async fn each_site_has_its_own_contacts() {
    let server = start().await.unwrap();
    let api = Api::new(&server);
    let other = Api::for_site(&server, OTHER_SITE);
    let mine = api.create_contact("site@example.com", "Mine").await;
    let id = mine["id"].as_str().unwrap();
    assert_error(
        &other.get(&contact_path(id)).await,
        404,
        Some("CONTACT_NOT_FOUND"),
    );
    assert!(other
        .contacts_with_email("site@example.com")
        .await
        .is_empty());
    // The same address is no duplicate on another site.
    let theirs = other.create_contact("site@example.com", "Theirs").await;
    assert_ne!(theirs["id"], mine["id"]);
    assert_eq!(api.contacts_with_email("site@example.com").await, [id]);
}
