//! The generated webhook decoding of Contacts and Members (`wix_contacts::webhook`,
//! `wix_members::webhook`): requests signed here with the TEST-ONLY key, laid out as Wix
//! sends them (every inner layer JSON text, bodies as `...AsJson` text or objects),
//! verify and decode to typed events; and what the local server delivers when the
//! generated clients create, update and delete contacts and members decodes with the
//! same types.

mod inbox_support;

use inbox_support::{receiver, PRIVATE_1, PRIVATE_2, PUBLIC_1};
use serde_json::{json, Value};
use wix_contacts::client::{ContactsClient, Credentials};
use wix_contacts::{ContactInfo, ContactName, IdentificationDataId, WebhookEvent as ContactEvent};
use wix_local_server::{sign_rs256, start_with, ServerConfig, WebhookTarget};
use wix_members::client::MembersClient;
use wix_members::{Member, WebhookEvent as MemberEvent};

const CONTACT: &str = "a1b2c3d4-e5f6-4789-8abc-def012345678";
const MEMBER: &str = "0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b";
const APP: &str = "9b1d2c3e-4f50-4617-8283-949596979899";
const INSTANCE: &str = "12345678-1234-4234-8234-123456789012";

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

/// A signed request as Wix sends one: the envelope and the domain event as JSON text,
/// the identity as JSON text.
fn request(event_type: &str, domain_event: Value, identity: Value) -> String {
    let envelope = json!({
        "eventType": event_type,
        "instanceId": INSTANCE,
        "data": domain_event.to_string(),
        "identity": identity.to_string(),
    });
    let claims = json!({"data": envelope.to_string(), "iat": now(), "exp": now() + 300});
    sign_rs256(&claims, PRIVATE_1).unwrap()
}

fn contacts() -> wix_contacts::webhook::WebhookVerifier {
    wix_contacts::webhook::WebhookVerifier::from_rsa_pem(PUBLIC_1).unwrap()
}

fn members() -> wix_members::webhook::WebhookVerifier {
    wix_members::webhook::WebhookVerifier::from_rsa_pem(PUBLIC_1).unwrap()
}

fn contact(first: &str) -> Value {
    json!({"id": CONTACT, "revision": 2, "info": {"name": {"first": first}}})
}

#[test]
fn a_contacts_webhook_decodes_from_a_verified_request() {
    let app = json!({"appId": APP, "identityType": "APP"});
    // Contact Created: the entity as JSON text, as Wix's definitions give it.
    let created = json!({
        "id": "evt-1", "entityFqdn": "wix.contacts.v4.contact", "slug": "created", "entityId": CONTACT,
        "createdEvent": {"entityAsJson": contact("Dana").to_string()},
    });
    let delivery = contacts().decode(&request("wix.contacts.v4.contact_created", created, app.clone())).unwrap();
    let ContactEvent::ContactCreated(made) = &delivery.event else { panic!("{:?}", delivery.event) };
    assert_eq!(made.id().map(|id| id.to_string()).as_deref(), Some(CONTACT));
    assert_eq!(made.info.as_ref().and_then(|i| i.name.as_ref()).and_then(|n| n.first.as_deref()), Some("Dana"));
    assert_eq!(delivery.event_id.as_deref(), Some("evt-1"));
    assert_eq!(delivery.entity_id.as_deref(), Some(CONTACT));
    assert_eq!(delivery.instance_id.map(|id| id.to_string()).as_deref(), Some(INSTANCE));
    // The identity, typed: the app that made the contact.
    let identity = delivery.identity.expect("an identity");
    assert!(matches!(identity.id, Some(IdentificationDataId::App(id)) if id.to_string() == APP), "{identity:?}");

    // Contact Updated: the entity as an object this time.
    let updated = json!({"id": "evt-2", "entityId": CONTACT, "updatedEvent": {"currentEntity": contact("Noa")}});
    let delivery = contacts().decode(&request("wix.contacts.v4.contact_updated", updated, app.clone())).unwrap();
    let ContactEvent::ContactUpdated(current) = &delivery.event else { panic!("{:?}", delivery.event) };
    assert_eq!(current.info.as_ref().and_then(|i| i.name.as_ref()).and_then(|n| n.first.as_deref()), Some("Noa"));

    // Contact Deleted carries nothing typed: the domain event itself, whose entity ID says which.
    let deleted = json!({"id": "evt-3", "entityId": CONTACT, "originatedFrom": "merge", "deletedEvent": {}});
    let delivery = contacts().decode(&request("wix.contacts.v4.contact_deleted", deleted, Value::Null)).unwrap();
    let ContactEvent::ContactDeleted(gone) = &delivery.event else { panic!("{:?}", delivery.event) };
    assert_eq!((gone.entity_id.as_deref(), gone.originated_from.as_deref()), (Some(CONTACT), Some("merge")));
    assert_eq!(delivery.identity, None);

    // Contact Merged is an action event: its body as JSON text.
    let merged = json!({"id": "evt-4", "actionEvent": {"bodyAsJson": json!({"targetContactId": CONTACT, "sourceContactIds": [MEMBER]}).to_string()}});
    let delivery = contacts().decode(&request("wix.contacts.v4.contact_merged", merged, app.clone())).unwrap();
    let ContactEvent::ContactMerged(m) = &delivery.event else { panic!("{:?}", delivery.event) };
    assert_eq!(m.target_contact_id.map(|id| id.to_string()).as_deref(), Some(CONTACT));

    // An event of another API is kept as it is, its body found where it sits.
    let other = json!({"createdEvent": {"entity": {"id": MEMBER}}});
    let delivery = contacts().decode(&request("wix.members.v1.member_created", other, app.clone())).unwrap();
    match delivery.event {
        ContactEvent::Unknown { event_type, json } => {
            assert_eq!(event_type, "wix.members.v1.member_created");
            assert_eq!(json, json!({"id": MEMBER}));
        }
        other => panic!("{other:?}"),
    }

    // Signed with another key: refused before anything is decoded.
    let created = json!({"createdEvent": {"entity": contact("Dana")}});
    let claims = json!({"data": json!({"eventType": "wix.contacts.v4.contact_created", "data": created.to_string()}).to_string(), "exp": now() + 300});
    let forged = sign_rs256(&claims, PRIVATE_2).unwrap();
    assert_eq!(contacts().decode(&forged).unwrap_err(), wix_contacts::webhook::WebhookError::BadSignature);
    // A malformed entity names its layer.
    let bad = json!({"createdEvent": {"entity": {"id": "not-a-guid"}}});
    match contacts().decode(&request("wix.contacts.v4.contact_created", bad, app)) {
        Err(wix_contacts::webhook::WebhookError::MalformedLayer { layer, .. }) => assert_eq!(layer, wix_contacts::webhook::Layer::Payload),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_members_webhook_decodes_from_a_verified_request() {
    let visitor = json!({"anonymousVisitorId": "bbbbbbbb-cccc-4ddd-8eee-ffff00001111", "identityType": "ANONYMOUS_VISITOR"});
    let member = json!({"id": MEMBER, "contactId": CONTACT, "loginEmail": "dana@example.com", "status": "APPROVED"});
    let created = json!({"id": "evt-5", "entityId": MEMBER, "createdEvent": {"entityAsJson": member.to_string()}});
    let delivery = members().decode(&request("wix.members.v1.member_created", created, visitor)).unwrap();
    let MemberEvent::MemberCreated(made) = &delivery.event else { panic!("{:?}", delivery.event) };
    assert_eq!(made.id().map(|id| id.to_string()).as_deref(), Some(MEMBER));
    // The member's contact ID is the shared type: the one Inbox and Contacts take.
    let contact: Option<wix_inbox::ContactId> = made.contact_id().copied();
    assert_eq!(contact.map(|id| id.to_string()).as_deref(), Some(CONTACT));
    assert!(delivery.identity.is_some());

    let updated = json!({"updatedEvent": {"currentEntityAsJson": json!({"id": MEMBER, "loginEmail": "noa@example.com"}).to_string()}});
    let delivery = members().decode(&request("wix.members.v1.member_updated", updated, Value::Null)).unwrap();
    let MemberEvent::MemberUpdated(current) = &delivery.event else { panic!("{:?}", delivery.event) };
    assert_eq!(current.login_email.as_deref(), Some("noa@example.com"));

    let deleted = json!({"id": "evt-6", "entityId": MEMBER, "deletedEvent": {}});
    let delivery = members().decode(&request("wix.members.v1.member_deleted", deleted, Value::Null)).unwrap();
    let MemberEvent::MemberDeleted(gone) = &delivery.event else { panic!("{:?}", delivery.event) };
    assert_eq!(gone.entity_id.as_deref(), Some(MEMBER));
    assert_eq!(delivery.event.event_type(), "wix.members.v1.member_deleted");
}

/// A contact's or a member's event, as the Contacts or the Members crate decodes it.
#[derive(Debug)]
enum Either {
    Contact(ContactEvent),
    Member(MemberEvent),
}

/// Decodes `body` with the Contacts verifier, and with the Members one when Contacts
/// does not list its event type: what an app receiving both on one URL does.
fn decode_either(body: &str) -> Either {
    match contacts().decode(body).unwrap().event {
        ContactEvent::Unknown { .. } => Either::Member(members().decode(body).unwrap().event),
        known => Either::Contact(known),
    }
}

#[tokio::test]
async fn the_local_servers_deliveries_decode_with_the_generated_types() {
    let mut hooks = receiver().await;
    let config = ServerConfig {
        crm_webhook: Some(WebhookTarget { url: hooks.url.clone(), private_key_pem: PRIVATE_1.to_vec() }),
        ..ServerConfig::default()
    };
    let server = start_with(config).await.unwrap();
    let contacts_client = ContactsClient::builder(Credentials::access_token("local")).base_url(server.base_url()).build().unwrap();
    let members_client = MembersClient::sharing(&contacts_client);

    // The generated clients cause each kind of event.
    let info = ContactInfo { name: Some(ContactName { first: Some("Dana".into()), last: None }), ..ContactInfo::default() };
    let made = contacts_client.create_contact(info.clone()).await.unwrap().contact.unwrap();
    let contact = *made.id().unwrap();
    let renamed = ContactInfo { name: Some(ContactName { first: Some("Noa".into()), last: None }), ..info };
    contacts_client.update_contact(contact, made.revision(), renamed).await.unwrap();
    contacts_client.delete_contact(contact).await.unwrap();
    let mut member = Member::default();
    member.login_email = Some("lee@example.com".into());
    let member = members_client.create_member(member).await.unwrap().member.unwrap();
    let member_id = *member.id().unwrap();
    members_client.delete_member(member_id).await.unwrap();

    let mut bodies = Vec::new();
    while let Ok(body) = hooks.bodies.try_recv() {
        bodies.push(body);
    }
    let events: Vec<Either> = bodies.iter().map(|b| decode_either(b)).collect();
    let kinds: Vec<&str> = events
        .iter()
        .map(|e| match e {
            Either::Contact(e) => e.event_type(),
            Either::Member(e) => e.event_type(),
        })
        .collect();
    // createMember makes the member's contact too.
    assert_eq!(
        kinds,
        [
            "wix.contacts.v4.contact_created",
            "wix.contacts.v4.contact_updated",
            "wix.contacts.v4.contact_deleted",
            "wix.contacts.v4.contact_created",
            "wix.members.v1.member_created",
            "wix.members.v1.member_deleted",
        ],
        "{events:#?}"
    );
    match &events[1] {
        Either::Contact(ContactEvent::ContactUpdated(c)) => {
            assert_eq!(c.id(), Some(&contact));
            assert_eq!(c.info.as_ref().and_then(|i| i.name.as_ref()).and_then(|n| n.first.as_deref()), Some("Noa"));
        }
        other => panic!("{other:?}"),
    }
    match &events[2] {
        Either::Contact(ContactEvent::ContactDeleted(d)) => assert_eq!(d.entity_id.as_deref(), Some(contact.as_str())),
        other => panic!("{other:?}"),
    }
    match (&events[4], &events[5]) {
        (Either::Member(MemberEvent::MemberCreated(m)), Either::Member(MemberEvent::MemberDeleted(d))) => {
            assert_eq!(m.id(), Some(&member_id));
            assert_eq!(d.entity_id.as_deref(), Some(member_id.as_str()));
        }
        other => panic!("{other:?}"),
    }
    // The identity of each: the app that called the API, typed.
    let delivery = contacts().decode(&bodies[0]).unwrap();
    assert!(matches!(delivery.identity.and_then(|i| i.id), Some(IdentificationDataId::App(_))));
}
