//! The Contacts and Members webhooks the server sends: their event types taken from the
//! bindings, their entities as the bindings encode them.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};
use wix_contacts::rt::Event;
use wix_inbox::{ContactId, MemberId};

use crate::webhook_out::{deliver_entity_event, DeliveryRecord, EntityBody};
use crate::Shared;

/// One Contacts or Members event.
#[derive(Clone, Debug)]
pub(crate) enum CrmEvent {
    /// Contact Created, with the contact as JSON.
    ContactCreated(Value),
    /// Contact Updated, with the contact after the update.
    ContactUpdated(Value),
    /// Contact Deleted, and the sequence of the event.
    ContactDeleted(ContactId, i64),
    /// Member Created, with the member as JSON (`FULL`).
    MemberCreated(Value),
    /// Member Deleted.
    MemberDeleted(MemberId),
}

/// `value` as the bindings' `T` encodes it (what the bindings cannot read is left out);
/// `value` itself if it does not decode.
fn as_bindings<T: DeserializeOwned + Serialize>(value: &Value) -> Value {
    serde_json::from_value::<T>(value.clone())
        .ok()
        .and_then(|typed| serde_json::to_value(typed).ok())
        .unwrap_or_else(|| value.clone())
}

fn text_of(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_owned()
}

/// The identity of the app calling the API.
pub(crate) fn app_identity(shared: &Shared) -> Value {
    json!({"appId": shared.config.app_id, "identityType": "APP"})
}

/// Sends `event` to the Contacts and Members target; `None` when there is none.
pub(crate) async fn send(
    shared: &Shared,
    event: CrmEvent,
    identity: &Value,
) -> Option<DeliveryRecord> {
    let (event_type, entity_id, body, sequence) = match event {
        CrmEvent::ContactCreated(contact) => (
            <wix_contacts::ContactCreatedEvent as Event>::EVENT_TYPE,
            text_of(&contact["id"]),
            EntityBody::Created(as_bindings::<wix_contacts::Contact>(&contact)),
            contact["revision"].as_i64().unwrap_or(1),
        ),
        CrmEvent::ContactUpdated(contact) => (
            <wix_contacts::ContactUpdatedEvent as Event>::EVENT_TYPE,
            text_of(&contact["id"]),
            EntityBody::Updated(as_bindings::<wix_contacts::Contact>(&contact)),
            contact["revision"].as_i64().unwrap_or(1),
        ),
        CrmEvent::ContactDeleted(id, sequence) => (
            <wix_contacts::ContactDeletedEvent as Event>::EVENT_TYPE,
            id.to_string(),
            EntityBody::Deleted,
            sequence,
        ),
        CrmEvent::MemberCreated(member) => (
            <wix_members::MemberCreatedEvent as Event>::EVENT_TYPE,
            text_of(&member["id"]),
            EntityBody::Created(as_bindings::<wix_members::Member>(&member)),
            1,
        ),
        CrmEvent::MemberDeleted(id) => (
            <wix_members::MemberDeletedEvent as Event>::EVENT_TYPE,
            id.to_string(),
            EntityBody::Deleted,
            2,
        ),
    };
    deliver_entity_event(shared, event_type, &entity_id, &body, sequence, identity).await
}

/// Sends what a conversion or createMember made: Contact Created, then Member Created.
pub(crate) async fn send_made(
    shared: &Shared,
    made: &crate::store::Made,
    identity: &Value,
) -> Vec<DeliveryRecord> {
    let mut records = Vec::new();
    if let Some(contact) = &made.contact_created {
        records.extend(send(shared, CrmEvent::ContactCreated(contact.clone()), identity).await);
    }
    if let Some(member) = &made.member_created {
        records.extend(send(shared, CrmEvent::MemberCreated(member.clone()), identity).await);
    }
    records
}
