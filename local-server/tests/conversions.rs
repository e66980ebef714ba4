//! Inbox and Contacts and Members stay consistent: a visitor converted to a contact is a
//! contact queryContacts finds by their email; a contact converted to a member is a
//! member whose `contactId` is that contact; both announced by signed webhooks (Contact
//! Created, Member Created), as createContact, createMember and the deletions are,
//! while Inbox's conversations merge as before.

mod support;

use serde_json::{json, Value};
use support::{assert_error, server_with_webhooks, try_verify, verify, Api, PUBLIC_1, PUBLIC_2};
use wix_inbox::{AnonymousVisitorId, ParticipantId};
use wix_local_server::{start, ContactDetails, DEFAULT_INSTANCE_ID};

const CONTACT_CREATED: &str = "wix.contacts.v4.contact_created";
const MEMBER_CREATED: &str = "wix.members.v1.member_created";
const MERGED: &str = "wix.crm.inbox.v2.conversation_conversations_merged";

#[tokio::test]
async fn visitor_to_contact_to_member_through_the_admin_routes() {
    let (server, mut inbox_hooks, mut crm_hooks) = server_with_webhooks().await;
    let api = Api::new(&server);
    let (visitor, c1) = api.visitor_writes("Do you cater weddings?").await;
    inbox_hooks.drain(); // MessageSentToBusiness

    // Visitor → contact, with the details they gave.
    let converted = api
        .convert(json!({
            "participantId": {"anonymousVisitorId": visitor},
            "to": "contact",
            "email": "noa@example.com",
            "name": {"first": "Noa", "last": "Peretz"},
        }))
        .await;
    assert_eq!(converted.status, 200, "{}", converted.body);
    let contact_id = converted.body["contactId"].as_str().unwrap().to_owned();
    assert_eq!(converted.body["contactCreated"], true);
    assert_eq!(
        converted.body["merges"][0]["old"], c1,
        "Inbox merges as before"
    );
    assert_eq!(
        converted.body["crmWebhooks"][0]["eventType"],
        CONTACT_CREATED
    );
    assert_eq!(converted.body["crmWebhooks"][0]["status"], 200);

    // queryContacts finds the contact by its email; getContact has the rest.
    assert_eq!(
        api.contacts_with_email("noa@example.com").await,
        [contact_id.as_str()]
    );
    let contact = api
        .get(&format!("/contacts/v4/contacts/{contact_id}"))
        .await;
    assert_eq!(contact.status, 200, "{}", contact.body);
    let contact = contact
        .decode::<wix_contacts::GetContactResponse>()
        .contact
        .unwrap();
    let name = contact.info.as_ref().unwrap().name.clone().unwrap();
    assert_eq!(
        (name.first.as_deref(), name.last.as_deref()),
        (Some("Noa"), Some("Peretz"))
    );
    assert_eq!(
        contact.source().and_then(|s| s.source_type()),
        Some(&wix_contacts::ContactSourceType::WixChat)
    );

    // Contact Created arrived signed, at the Contacts and Members URL only.
    let hooks = crm_hooks.webhooks();
    assert_eq!(hooks.len(), 1, "{hooks:?}");
    let created = &hooks[0];
    assert_eq!(created.event_type, CONTACT_CREATED);
    assert_eq!(created.instance_id, DEFAULT_INSTANCE_ID.to_string());
    assert_eq!(created.event["entityFqdn"], "wix.contacts.v4.contact");
    assert_eq!(created.event["slug"], "created");
    assert_eq!(created.event["entityId"], json!(contact_id));
    assert_eq!(created.identity["anonymousVisitorId"], json!(visitor));
    assert_eq!(created.identity["identityType"], "ANONYMOUS_VISITOR");
    let typed: wix_contacts::ContactCreatedEvent =
        serde_json::from_value(created.event.clone()).unwrap();
    let entity = typed.created_event.unwrap().entity.unwrap();
    assert_eq!(
        entity.id().map(|id| id.to_string()),
        Some(contact_id.clone())
    );
    assert_eq!(
        entity
            .primary_info()
            .and_then(|p| p.email())
            .map(String::as_str),
        Some("noa@example.com")
    );
    let decoded =
        wix_contacts::WebhookEvent::from_value(CONTACT_CREATED, created.created().clone())
            .unwrap();
    assert!(matches!(
        decoded,
        wix_contacts::WebhookEvent::ContactCreated(_)
    ));
    let inbox_events: Vec<String> = inbox_hooks
        .webhooks()
        .into_iter()
        .map(|w| w.event_type)
        .collect();
    assert_eq!(
        inbox_events,
        [MERGED],
        "Contacts events stay off the Inbox URL"
    );

    // Contact → member: a member linked to that contact, and no second contact.
    let converted = api
        .convert(json!({"participantId": {"contactId": contact_id}, "to": "member"}))
        .await;
    assert_eq!(converted.status, 200, "{}", converted.body);
    let member_id = converted.body["memberId"].as_str().unwrap().to_owned();
    assert_eq!(converted.body["contactId"], json!(contact_id));
    assert_eq!(converted.body["contactCreated"], false);
    assert_eq!(converted.body["merges"].as_array().unwrap().len(), 1);
    let member = api
        .get(&format!("/members/v1/members/{member_id}?fieldsets=FULL"))
        .await;
    assert_eq!(member.status, 200, "{}", member.body);
    let member = member
        .decode::<wix_members::GetMemberResponse>()
        .member
        .unwrap();
    assert_eq!(
        member.contact_id().map(|id| id.to_string()),
        Some(contact_id.clone())
    );
    assert_eq!(member.login_email.as_deref(), Some("noa@example.com"));
    assert_eq!(
        member.contact.as_ref().unwrap().first_name.as_deref(),
        Some("Noa")
    );
    // Found from the contact, as the pages say.
    let found = api
        .post(
            "/members/v1/members/query",
            json!({"query": {"filter": {"contactId": {"$eq": contact_id}}}}),
        )
        .await;
    assert_eq!(support::ids(&found.body["members"]), [member_id.as_str()]);
    assert_eq!(api.contacts_with_email("noa@example.com").await.len(), 1);
    // The contact is a member's now: Contacts will not delete it.
    assert_error(
        &api.delete(&format!("/contacts/v4/contacts/{contact_id}"))
            .await,
        428,
        Some("CANNOT_DELETE_MEMBER"),
    );

    let hooks = crm_hooks.webhooks();
    assert_eq!(hooks.len(), 1, "{hooks:?}");
    assert_eq!(hooks[0].event_type, MEMBER_CREATED);
    assert_eq!(hooks[0].event["entityFqdn"], "wix.members.v1.member");
    assert_eq!(hooks[0].identity["memberId"], json!(member_id));
    let typed: wix_members::MemberCreatedEvent =
        serde_json::from_value(hooks[0].event.clone()).unwrap();
    let entity = typed.created_event.unwrap().entity.unwrap();
    assert_eq!(entity.id().map(|id| id.to_string()), Some(member_id));
    assert_eq!(
        entity.contact_id().map(|id| id.to_string()),
        Some(contact_id)
    );
    let inbox_events: Vec<String> = inbox_hooks
        .webhooks()
        .into_iter()
        .map(|w| w.event_type)
        .collect();
    assert_eq!(inbox_events, [MERGED]);
}

#[tokio::test]
async fn the_webhooks_are_signed_with_the_configured_key() {
    let (server, _inbox_hooks, mut crm_hooks) = server_with_webhooks().await;
    let api = Api::new(&server);
    api.create_contact("signed@example.com", "Signed").await;
    let bodies = crm_hooks.drain();
    assert_eq!(bodies.len(), 1);
    assert_eq!(verify(&bodies[0], PUBLIC_1).event_type, CONTACT_CREATED);
    // Another key's public half refuses it: the signature is checked.
    let refused = try_verify(&bodies[0], PUBLIC_2).unwrap_err();
    assert!(refused.to_lowercase().contains("signature"), "{refused}");
}

#[tokio::test]
async fn a_visitor_straight_to_member_gets_a_contact_too() {
    let (server, mut inbox_hooks, mut crm_hooks) = server_with_webhooks().await;
    let inbox = server.inbox();
    let (visitor, c1) = inbox.visitor_writes("hello").await;
    let conversion = inbox
        .convert_to_member_with(
            &ParticipantId::AnonymousVisitor(visitor),
            &ContactDetails {
                email: Some("avi@example.com".into()),
                first_name: Some("Avi".into()),
                last_name: None,
            },
        )
        .await
        .unwrap();
    let contact_id = conversion.contact_id.unwrap().to_string();
    let member_id = conversion.member_id.unwrap().to_string();
    assert!(conversion.contact_created);
    assert_eq!(conversion.merges[0].old, c1);
    let events: Vec<&str> = conversion
        .crm_deliveries
        .iter()
        .map(|d| d.event_type.as_str())
        .collect();
    assert_eq!(events, [CONTACT_CREATED, MEMBER_CREATED]);
    assert!(conversion
        .crm_deliveries
        .iter()
        .all(|d| d.status == Some(200)));

    let hooks = crm_hooks.webhooks();
    assert_eq!(hooks.len(), 2);
    assert_eq!(hooks[0].created()["id"], json!(contact_id));
    assert_eq!(
        hooks[0].created()["source"]["sourceType"],
        "WIX_SITE_MEMBERS"
    );
    assert_eq!(hooks[1].created()["contactId"], json!(contact_id));
    assert_eq!(hooks[1].created()["id"], json!(member_id));

    let api = Api::new(&server);
    assert_eq!(
        api.contacts_with_email("avi@example.com").await,
        [contact_id.as_str()]
    );
    let member = api.get(&format!("/members/v1/members/{member_id}")).await;
    assert_eq!(member.body["member"]["contactId"], json!(contact_id));
    // Inbox: the member and their contact reach the new conversation.
    let new = conversion.merges[0].new.to_string();
    for participant in [
        json!({"memberId": member_id}),
        json!({"contactId": contact_id}),
    ] {
        let answer = api
            .post(
                "/inbox/v2/conversations",
                json!({ "participantId": participant }),
            )
            .await;
        assert_eq!(
            answer.body["conversation"]["id"],
            json!(new),
            "{participant}"
        );
        assert_eq!(answer.body["newConversation"], false);
    }
    let inbox_events: Vec<String> = inbox_hooks
        .webhooks()
        .into_iter()
        .map(|w| w.event_type)
        .collect();
    assert_eq!(
        inbox_events,
        ["wix.crm.inbox.v2.message_message_sent_to_business", MERGED]
    );
}

#[tokio::test]
async fn the_api_sends_created_updated_and_deleted_events() {
    let (server, mut inbox_hooks, mut crm_hooks) = server_with_webhooks().await;
    let api = Api::new(&server);
    let app = json!({"appId": wix_local_server::DEFAULT_APP_ID, "identityType": "APP"});

    let contact = api.create_contact("api@example.com", "Api").await;
    let contact_id = contact["id"].as_str().unwrap().to_owned();
    let updated = api
        .patch(
            &format!("/contacts/v4/contacts/{contact_id}"),
            json!({"revision": 1, "info": {"company": "Acme"}}),
        )
        .await;
    assert_eq!(updated.status, 200, "{}", updated.body);
    let member = api.create_member("member@example.com").await;
    let member_id = member["id"].as_str().unwrap().to_owned();
    let member_contact = member["contactId"].as_str().unwrap().to_owned();
    assert_eq!(
        api.delete(&format!("/members/v1/members/{member_id}"))
            .await
            .status,
        200
    );
    assert_eq!(
        api.delete(&format!("/contacts/v4/contacts/{contact_id}"))
            .await
            .status,
        200
    );

    let hooks = crm_hooks.webhooks();
    let summary: Vec<(&str, &str, &str)> = hooks
        .iter()
        .map(|h| {
            (
                h.event_type.as_str(),
                h.event["slug"].as_str().unwrap(),
                h.event["entityId"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (CONTACT_CREATED, "created", contact_id.as_str()),
            (
                "wix.contacts.v4.contact_updated",
                "updated",
                contact_id.as_str()
            ),
            // createMember made the member's contact first.
            (CONTACT_CREATED, "created", member_contact.as_str()),
            (MEMBER_CREATED, "created", member_id.as_str()),
            (
                "wix.members.v1.member_deleted",
                "deleted",
                member_id.as_str()
            ),
            (
                "wix.contacts.v4.contact_deleted",
                "deleted",
                contact_id.as_str()
            ),
        ]
    );
    assert!(hooks.iter().all(|h| h.identity == app), "{hooks:?}");
    assert_eq!(
        hooks[1].event["updatedEvent"]["currentEntity"]["info"]["company"],
        "Acme"
    );
    assert_eq!(hooks[1].event["entityEventSequence"], "2");
    for deleted in [&hooks[4], &hooks[5]] {
        assert_eq!(deleted.event["deletedEvent"], json!({}));
    }
    let typed: wix_contacts::ContactDeletedEvent =
        serde_json::from_value(hooks[5].event.clone()).unwrap();
    assert_eq!(typed.entity_id.as_deref(), Some(contact_id.as_str()));
    let typed: wix_members::MemberDeletedEvent =
        serde_json::from_value(hooks[4].event.clone()).unwrap();
    assert_eq!(typed.entity_id.as_deref(), Some(member_id.as_str()));
    assert!(
        inbox_hooks.drain().is_empty(),
        "no Inbox events for any of it"
    );
    // Refused calls send nothing.
    api.post("/contacts/v4/contacts", json!({"info": {}})).await;
    api.post("/members/v1/members", json!({"member": {}})).await;
    assert!(crm_hooks.drain().is_empty());
}

#[tokio::test]
async fn create_member_for_a_contact_who_chats_merges_their_conversation() {
    let (server, mut inbox_hooks, _crm_hooks) = server_with_webhooks().await;
    let api = Api::new(&server);
    let contact = api.create_contact("chat@example.com", "Chat").await;
    let contact_id = contact["id"].as_str().unwrap().to_owned();
    let started = api
        .post(
            "/inbox/v2/conversations",
            json!({"participantId": {"contactId": contact_id}}),
        )
        .await;
    let old = started.body["conversation"]["id"].clone();

    let member = api.create_member("chat@example.com").await;
    assert_eq!(member["contactId"], json!(contact_id));
    let hooks = inbox_hooks.webhooks();
    assert_eq!(hooks.len(), 1, "{hooks:?}");
    assert_eq!(hooks[0].event_type, MERGED);
    let body: Value = serde_json::from_str(
        hooks[0].event["actionEvent"]["bodyAsJson"]
            .as_str()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(body["oldConversationIds"], json!([old]));
    // The old conversation is gone; the member's is the new one.
    let answer = api
        .get(&format!(
            "/inbox/v2/conversations/{}",
            old.as_str().unwrap()
        ))
        .await;
    assert_error(&answer, 404, Some("CONVERSATION_NOT_FOUND"));
    let answer = api
        .post(
            "/inbox/v2/conversations",
            json!({"participantId": {"memberId": member["id"]}}),
        )
        .await;
    assert_eq!(
        answer.body["conversation"]["id"],
        body["targetConversationId"]
    );
    assert_eq!(
        answer.body["conversation"]["participant"]["contactId"],
        json!(contact_id)
    );
}

#[tokio::test]
async fn conversions_refuse_what_they_cannot_do() {
    let server = start().await.unwrap();
    let api = Api::new(&server);
    let inbox = server.inbox();
    api.create_contact("taken@example.com", "Taken").await;

    // An address another contact has.
    let (visitor, _) = api.visitor_writes("hi").await;
    let answer = api
        .convert(json!({
            "participantId": {"anonymousVisitorId": visitor},
            "to": "contact",
            "email": "taken@example.com",
        }))
        .await;
    assert_error(&answer, 409, Some("DUPLICATE_CONTACT_EXISTS"));
    // Nothing changed: the visitor converts with another address.
    let answer = api
        .convert(json!({
            "participantId": {"anonymousVisitorId": visitor},
            "to": "contact",
            "email": "fresh@example.com",
        }))
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    // Twice is refused, as before.
    let again = api
        .convert(json!({"participantId": {"anonymousVisitorId": visitor}, "to": "contact"}))
        .await;
    assert_error(&again, 400, None);
    // Visitor IDs only decode (the API never hands them out).
    let unknown: AnonymousVisitorId =
        serde_json::from_value(json!("0ddba11e-0000-4000-8000-00000000beef")).unwrap();
    let e = inbox.convert_to_contact(&unknown).await.unwrap_err();
    assert_eq!(e.status, 400);

    // A member twice; a login email another member has.
    let contact =
        ParticipantId::Contact(answer.body["contactId"].as_str().unwrap().parse().unwrap());
    inbox.convert_to_member(&contact).await.unwrap();
    let e = inbox.convert_to_member(&contact).await.unwrap_err();
    assert_eq!(e.status, 400);
    let (visitor, _) = inbox.visitor_writes("me too").await;
    let e = inbox
        .convert_to_member_with(
            &ParticipantId::AnonymousVisitor(visitor),
            &ContactDetails::email("fresh@example.com"),
        )
        .await
        .unwrap_err();
    assert_eq!(e.status, 409, "{e}");
    assert_eq!(api.contacts_with_email("fresh@example.com").await.len(), 1);
}

#[tokio::test]
async fn without_details_a_contact_gets_an_address_and_without_targets_no_webhooks() {
    let server = start().await.unwrap();
    let inbox = server.inbox();
    let (visitor, _) = inbox.visitor_writes("hi").await;
    let conversion = inbox.convert_to_contact(&visitor).await.unwrap();
    assert!(conversion.contact_created);
    assert!(conversion.crm_deliveries.is_empty());
    assert!(conversion.deliveries.is_empty());
    let email = format!("visitor-{}@example.com", &visitor.to_string()[..8]);
    let api = Api::new(&server);
    assert_eq!(
        api.contacts_with_email(&email).await,
        [conversion.contact_id.unwrap().to_string()]
    );
    // A contact Inbox knew only by ID becomes a member with a contact of that ID.
    let known: wix_inbox::ContactId = "c0ffee00-1234-4abc-8def-0123456789ab".parse().unwrap();
    api.post(
        "/inbox/v2/conversations",
        json!({"participantId": {"contactId": known}}),
    )
    .await;
    let conversion = inbox
        .convert_to_member_with(
            &ParticipantId::Contact(known),
            &ContactDetails::email("known@example.com"),
        )
        .await
        .unwrap();
    assert_eq!(conversion.contact_id, Some(known));
    assert!(conversion.contact_created);
    let contact = api.get(&format!("/contacts/v4/contacts/{known}")).await;
    assert_eq!(
        contact.body["contact"]["primaryInfo"]["email"],
        "known@example.com"
    );
    assert!(server.inbox().deliveries().is_empty());
}
