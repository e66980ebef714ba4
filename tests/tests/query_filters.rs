//! The typed filters (`wix_contacts::filter`, `wix_members::filter`, over the runtime's
//! `filter` module) go where a query takes its filter, and the local server, which
//! reads the Wix query language as the pages describe it, selects with them what the
//! filter says.

use serde_json::json;
use wix_contacts::client::{ContactsClient, Credentials};
use wix_contacts::filter::{COMPANY, FIRST_NAME, ID, PRIMARY_EMAIL};
use wix_contacts::{ContactId, ContactInfo, Query, QueryContactsRequest};
use wix_members::client::MembersClient;
use wix_members::filter::{CONTACT_ID, LOGIN_EMAIL, STATUS};
use wix_members::{Member, QueryMembersRequest, Status};

async fn client(server: &wix_local_server::LocalServer) -> ContactsClient {
    ContactsClient::builder(Credentials::access_token("dev"))
        .base_url(server.base_url())
        .build()
        .unwrap()
}

async fn create(client: &ContactsClient, first: &str, email: &str, company: &str) -> ContactId {
    let info: ContactInfo = serde_json::from_value(json!({
        "name": {"first": first},
        "emails": {"items": [{"email": email}]},
        "company": company,
    }))
    .unwrap();
    let created = client.create_contact(info).await.unwrap();
    *created.contact.unwrap().id().unwrap()
}

async fn first_names(client: &ContactsClient, filter: wix_contacts::filter::Filter) -> Vec<String> {
    let query = Query {
        filter: filter.into(),
        ..Query::default()
    };
    let request = QueryContactsRequest::default().with_query(query);
    let found = client.query_contacts(&request).await.unwrap();
    let mut names: Vec<String> = found
        .contacts
        .iter()
        .filter_map(|c| c.info.as_ref()?.name.as_ref()?.first.clone())
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn contacts_are_selected_by_typed_filters() {
    let server = wix_local_server::start().await.unwrap();
    let client = client(&server).await;
    let ann = create(&client, "Ann", "ann@example.com", "Wix").await;
    create(&client, "Bob", "bob@example.org", "Acme").await;
    create(&client, "Cy", "cy@example.org", "Wix").await;

    assert_eq!(
        first_names(&client, PRIMARY_EMAIL.eq("ann@example.com")).await,
        ["Ann"]
    );
    assert_eq!(
        first_names(
            &client,
            PRIMARY_EMAIL.starts_with("ann@") | COMPANY.eq("Acme")
        )
        .await,
        ["Ann", "Bob"]
    );
    assert_eq!(
        first_names(&client, COMPANY.eq("Wix") & !FIRST_NAME.eq("Ann")).await,
        ["Cy"]
    );
    assert_eq!(
        first_names(&client, FIRST_NAME.is_in(["Bob", "Cy", "Dee"])).await,
        ["Bob", "Cy"]
    );
    assert_eq!(first_names(&client, ID.ne(ann)).await, ["Bob", "Cy"]);
    assert_eq!(
        first_names(&client, wix_contacts::filter::Filter::all()).await,
        ["Ann", "Bob", "Cy"]
    );
}

#[tokio::test]
async fn members_are_selected_by_typed_filters() {
    let server = wix_local_server::start().await.unwrap();
    let client = MembersClient::sharing(&client(&server).await);
    let mut emails = Vec::new();
    for email in ["dana@example.com", "eli@example.com"] {
        let mut member = Member::default();
        member.login_email = Some(email.into());
        let created = client.create_member(member).await.unwrap().member.unwrap();
        emails.push((email, *created.contact_id().unwrap()));
    }
    let (dana, dana_contact) = emails[0];

    let query = |filter: wix_members::filter::Filter| {
        QueryMembersRequest::default()
            .with_query(wix_members::Query {
                filter: filter.into(),
                ..wix_members::Query::default()
            })
            .with_fieldsets(vec![wix_members::Set::Full])
    };
    let found = client
        .query_members(&query(CONTACT_ID.eq(dana_contact)))
        .await
        .unwrap();
    assert_eq!(found.members.len(), 1);
    assert_eq!(found.members[0].login_email.as_deref(), Some(dana));

    let approved = client
        .query_members(&query(
            STATUS.eq(Status::Approved) & LOGIN_EMAIL.starts_with("eli@"),
        ))
        .await
        .unwrap();
    assert_eq!(approved.members.len(), 1);
    assert_eq!(
        approved.members[0].login_email.as_deref(),
        Some("eli@example.com")
    );

    let blocked = client
        .query_members(&query(STATUS.eq(Status::Blocked)))
        .await
        .unwrap();
    assert!(blocked.members.is_empty());
}
