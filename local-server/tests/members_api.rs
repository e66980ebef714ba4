//! The Members routes: each method's happy path and errors, field sets, the member's
//! contact, queries with filters, search and sorting, and offset paging across pages.

mod support;

use serde_json::{json, Value};
use support::{assert_error, ids, Api};
use wix_local_server::start;
use wix_members::rt::Request;
use wix_members::{
    CreateMemberRequest, CreateMemberResponse, DeleteMemberRequest, GetMemberRequest,
    GetMemberResponse, QueryMembersRequest, QueryMembersResponse, Status,
};

const UNKNOWN: &str = "0ddba11e-0000-4000-8000-00000000beef";

fn member_path(id: &str) -> String {
    format!("/members/v1/members/{id}")
}

#[test]
fn the_routes_are_the_operations_of_the_bindings() {
    assert_eq!(
        <CreateMemberRequest as Request>::OPERATION.path,
        "/members/v1/members"
    );
    assert_eq!(
        <QueryMembersRequest as Request>::OPERATION.path,
        "/members/v1/members/query"
    );
    for path in [
        <GetMemberRequest as Request>::OPERATION.path,
        <DeleteMemberRequest as Request>::OPERATION.path,
    ] {
        assert_eq!(path, "/members/v1/members/{id}");
    }
}

#[tokio::test]
async fn create_get_and_delete_a_member_with_their_contact() {
    let server = start().await.unwrap();
    let api = Api::new(&server);

    let created = api
        .post(
            "/members/v1/members",
            json!({"member": {
                "loginEmail": "yael@example.com",
                "contact": {"firstName": "Yael", "lastName": "Mizrahi", "phones": ["054-555-0199"]},
                "profile": {"nickname": "Yael M."},
                "privacyStatus": "PRIVATE",
                // Set by Wix, not by the caller:
                "status": "BLOCKED",
                "contactId": UNKNOWN,
            }}),
        )
        .await;
    assert_eq!(created.status, 200, "{}", created.body);
    let member = created.decode::<CreateMemberResponse>().member.unwrap();
    let id = member.id().copied().expect("an ID");
    let contact_id = member
        .contact_id()
        .copied()
        .expect("every member has a contact");
    assert_ne!(contact_id.to_string(), UNKNOWN);
    assert_eq!(member.status(), Some(&Status::Approved));
    assert_eq!(member.login_email.as_deref(), Some("yael@example.com"));
    let contact = member.contact.as_ref().unwrap();
    assert_eq!(
        contact.emails,
        ["yael@example.com"],
        "the login email is one"
    );
    assert_eq!(contact.first_name.as_deref(), Some("Yael"));
    let profile = member.profile.as_ref().unwrap();
    assert_eq!(profile.nickname.as_deref(), Some("Yael M."));
    assert_eq!(profile.slug().map(String::as_str), Some("yaelm"));

    // The member's contact is a contact of the Contacts API, with their details.
    let got = api
        .get(&format!("/contacts/v4/contacts/{contact_id}"))
        .await;
    assert_eq!(got.status, 200, "{}", got.body);
    assert_eq!(
        got.body["contact"]["primaryInfo"]["email"],
        "yael@example.com"
    );
    assert_eq!(got.body["contact"]["info"]["name"]["last"], "Mizrahi");
    assert_eq!(
        got.body["contact"]["source"]["sourceType"],
        "WIX_SITE_MEMBERS"
    );
    assert_eq!(
        got.body["contact"]["info"]["phones"]["items"][0]["phone"],
        "054-555-0199"
    );

    // getMember: PUBLIC by default, then the wider sets.
    let public = api.get(&member_path(id.as_str())).await;
    assert_eq!(public.status, 200, "{}", public.body);
    let public = public.decode::<GetMemberResponse>().member.unwrap();
    assert_eq!(public.id(), Some(&id));
    assert_eq!(public.contact_id(), Some(&contact_id));
    assert_eq!(public.status(), Some(&Status::Unknown));
    assert!(public.login_email.is_none());
    assert!(public.contact.is_none());
    assert!(public.profile.is_some());
    let extended = api
        .get(&format!("{}?fieldsets=EXTENDED", member_path(id.as_str())))
        .await
        .decode::<GetMemberResponse>()
        .member
        .unwrap();
    assert_eq!(extended.status(), Some(&Status::Approved));
    assert_eq!(extended.login_email.as_deref(), Some("yael@example.com"));
    assert!(extended.contact.is_none());
    let full = api
        .get(&format!(
            "{}?fieldsets=PUBLIC&fieldsets=FULL",
            member_path(id.as_str())
        ))
        .await
        .decode::<GetMemberResponse>()
        .member
        .unwrap();
    assert_eq!(full, member, "FULL is the member as created");

    // deleteMember: an empty object; the member is gone, the contact stays, no longer
    // a member's (so it can be deleted now).
    let deleted = api.delete(&member_path(id.as_str())).await;
    assert_eq!(deleted.status, 200, "{}", deleted.body);
    assert_eq!(deleted.body, json!({}));
    assert_error(&api.get(&member_path(id.as_str())).await, 404, None);
    assert_error(&api.delete(&member_path(id.as_str())).await, 404, None);
    let contact_path = format!("/contacts/v4/contacts/{contact_id}");
    assert_eq!(api.get(&contact_path).await.status, 200);
    assert_eq!(api.delete(&contact_path).await.status, 200);
}

#[tokio::test]
async fn a_member_made_for_an_existing_contact_is_linked_to_it() {
    let server = start().await.unwrap();
    let api = Api::new(&server);
    let contact = api.create_contact("gal@example.com", "Gal").await;
    let member = api.create_member("GAL@example.com").await;
    assert_eq!(member["contactId"], contact["id"]);
    // No second contact was made.
    assert_eq!(
        api.contacts_with_email("gal@example.com").await,
        [contact["id"].as_str().unwrap()]
    );
    // Given no nickname or first name, the nickname is the address's local part.
    assert_eq!(member["profile"]["nickname"], "GAL");
}

#[tokio::test]
async fn create_and_get_refuse_what_they_cannot_do() {
    let server = start().await.unwrap();
    let api = Api::new(&server);
    api.create_member("taken@example.com").await;
    for body in [
        json!({}),
        json!({"member": {"profile": {"nickname": "No Email"}}}),
        json!({"member": {"loginEmail": "  "}}),
        json!({"member": "someone"}),
    ] {
        let answer = api.post("/members/v1/members", body).await;
        assert_error(&answer, 400, None);
    }
    let answer = api
        .post(
            "/members/v1/members",
            json!({"member": {"loginEmail": "Taken@example.com"}}),
        )
        .await;
    assert_error(&answer, 409, None);
    let all = api.post("/members/v1/members/query", json!({})).await;
    assert_eq!(all.body["metadata"]["total"], 1, "nothing else was created");

    assert_error(&api.get(&member_path(UNKNOWN)).await, 404, None);
    assert_error(&api.get(&member_path("not-a-guid")).await, 400, None);
    assert_error(&api.delete(&member_path("not-a-guid")).await, 400, None);
    let member = api.create_member("fieldsets@example.com").await;
    let answer = api
        .get(&format!(
            "{}?fieldsets=EVERYTHING",
            member_path(member["id"].as_str().unwrap())
        ))
        .await;
    assert_error(&answer, 400, None);
}

#[tokio::test]
async fn query_by_contact_search_sort_and_page() {
    let server = start().await.unwrap();
    let api = Api::new(&server);
    let mut members = Vec::new();
    for (name, nickname) in [
        ("noa", "Noa"),
        ("eli", "Eli"),
        ("dana", "Dana L."),
        ("avi", "Avi"),
        ("lior", "Lior"),
    ] {
        let answer = api
            .post(
                "/members/v1/members",
                json!({"member": {
                    "loginEmail": format!("{name}@example.com"),
                    "profile": {"nickname": nickname},
                    "contact": {"firstName": nickname},
                }}),
            )
            .await;
        assert_eq!(answer.status, 200, "{}", answer.body);
        members.push(answer.body["member"].clone());
    }
    let query = |body: Value| {
        let api = &api;
        async move {
            let answer = api.post("/members/v1/members/query", body).await;
            assert_eq!(answer.status, 200, "{}", answer.body);
            answer.decode::<QueryMembersResponse>()
        }
    };

    // The member of a contact, as the pages say to find them.
    let dana = &members[2];
    let found =
        query(json!({"query": {"filter": {"contactId": {"$eq": dana["contactId"]}}}})).await;
    assert_eq!(found.members.len(), 1);
    assert_eq!(
        found.members[0].id().map(|id| id.to_string()),
        dana["id"].as_str().map(str::to_owned)
    );
    assert_eq!(
        found.members[0].status(),
        Some(&Status::Unknown),
        "PUBLIC by default"
    );
    let full = query(json!({
        "query": {"filter": {"loginEmail": "dana@example.com"}},
        "fieldsets": ["FULL"],
    }))
    .await;
    assert_eq!(
        full.members[0].login_email.as_deref(),
        Some("dana@example.com")
    );
    assert_eq!(
        query(json!({"query": {"filter": {"status": {"$in": ["APPROVED"]}}}}))
            .await
            .members
            .len(),
        5
    );

    // Search, in the nickname by default.
    let found = query(json!({"search": {"expression": "dana"}})).await;
    assert_eq!(found.members.len(), 1);
    let found =
        query(json!({"search": {"expression": "EXAMPLE.COM", "fields": ["loginEmail"]}})).await;
    assert_eq!(found.members.len(), 5);

    // Pages of 2, in order of creation: 2, 2, 1.
    let mut seen = Vec::new();
    for offset in [0, 2, 4] {
        let page = query(json!({"query": {"paging": {"limit": 2, "offset": offset}}})).await;
        let metadata = page.metadata.unwrap();
        assert_eq!(metadata.total, Some(5));
        assert_eq!(metadata.offset, Some(offset));
        assert_eq!(metadata.count, Some(page.members.len() as i64));
        seen.extend(page.members.iter().map(|m| m.id().unwrap().to_string()));
    }
    assert_eq!(seen, ids(&Value::Array(members.clone())));

    // Sorted by nickname, two pages.
    let mut nicknames = Vec::new();
    for offset in [0, 3] {
        let page = query(json!({"query": {
            "sorting": [{"fieldName": "profile.nickname", "order": "ASC"}],
            "paging": {"limit": 3, "offset": offset},
        }}))
        .await;
        nicknames.extend(
            page.members
                .iter()
                .map(|m| m.profile.as_ref().unwrap().nickname.clone().unwrap()),
        );
    }
    assert_eq!(nicknames, ["Avi", "Dana L.", "Eli", "Lior", "Noa"]);

    // What queryMembers cannot answer: validation errors (the pages document no codes).
    for body in [
        json!({"query": {"paging": {"limit": 101}}}),
        json!({"query": {"paging": {"limit": 0}}}),
        json!({"query": {"paging": {"offset": -2}}}),
        json!({"query": {"filter": {"profile.title": "x"}}}),
        json!({"query": {"filter": {"status": {"$startsWith": "A"}}}}),
        json!({"query": {"filter": "everyone"}}),
        json!({"query": {"sorting": [{"fieldName": "loginEmail"}]}}),
        json!({"search": {"expression": ""}}),
        json!({"search": {"expression": "a", "fields": ["contact.emails"]}}),
        json!({"fieldsets": ["SOME"]}),
    ] {
        let answer = api.post("/members/v1/members/query", body.clone()).await;
        assert_error(&answer, 400, None);
    }
}
