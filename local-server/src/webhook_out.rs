//! Webhooks as Wix sends them: a JWT signed with RS256 whose `data` claim is JSON
//! text of the envelope `{eventType, instanceId, data, identity}`, whose `data` is JSON
//! text of the domain event, whose `actionEvent.bodyAsJson` is JSON text of the payload.

use serde_json::{json, Value};

use crate::Shared;

/// Where the server POSTs webhooks, and the key it signs them with.
#[derive(Clone)]
pub struct WebhookTarget {
    /// The URL to POST each signed event to.
    pub url: String,
    /// The RSA private key, in PEM (PKCS#1 or PKCS#8), that signs the tokens. The
    /// receiver verifies them with its public half.
    pub private_key_pem: Vec<u8>,
}

impl std::fmt::Debug for WebhookTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebhookTarget")
            .field("url", &self.url)
            .field("private_key_pem", &"<redacted>")
            .finish()
    }
}

/// What came of one webhook delivery.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeliveryRecord {
    /// The event type delivered.
    pub event_type: String,
    /// The receiver's HTTP status, when it answered.
    pub status: Option<u16>,
    /// Why the delivery failed, when it did (signing or sending).
    pub error: Option<String>,
}

/// The parts of one webhook event.
#[derive(Clone, Debug)]
pub struct EventParts<'a> {
    /// The event type, e.g. `wix.crm.inbox.v2.conversation_conversations_merged`.
    pub event_type: &'a str,
    /// The payload (goes in `actionEvent.bodyAsJson`).
    pub payload: &'a Value,
    /// Who caused the event (`WebhooksIdentificationData`), or `Value::Null`.
    pub identity: &'a Value,
    /// The app instance the event is for.
    pub instance_id: &'a str,
    /// The domain event's ID.
    pub event_id: &'a str,
    /// The entity the event is about.
    pub entity_id: &'a str,
}

/// The claims of a webhook token for `parts`, issued at `now` (Unix seconds) and
/// valid for `ttl_seconds`. Each inner layer is JSON *text*, as Wix sends it.
pub fn webhook_claims(parts: &EventParts<'_>, now: i64, ttl_seconds: i64) -> Value {
    let (entity, slug) = parts
        .event_type
        .rsplit_once('.')
        .and_then(|(_, tail)| tail.split_once('_'))
        .unwrap_or(("", parts.event_type));
    let domain_event = json!({
        "id": parts.event_id,
        "entityFqdn": format!("wix.crm.inbox.v2.{entity}"),
        "slug": slug,
        "entityId": parts.entity_id,
        "eventTime": crate::now(),
        "actionEvent": {"bodyAsJson": parts.payload.to_string()},
    });
    envelope_claims(
        parts.event_type,
        parts.instance_id,
        &domain_event,
        parts.identity,
        now,
        ttl_seconds,
    )
}

/// The claims of a webhook token carrying `domain_event`: the envelope, and the
/// domain event and identity in it, as JSON text.
fn envelope_claims(
    event_type: &str,
    instance_id: &str,
    domain_event: &Value,
    identity: &Value,
    now: i64,
    ttl_seconds: i64,
) -> Value {
    let mut envelope = json!({
        "eventType": event_type,
        "instanceId": instance_id,
        "data": domain_event.to_string(),
    });
    if !identity.is_null() {
        envelope["identity"] = Value::String(identity.to_string());
    }
    json!({
        "data": envelope.to_string(),
        "iat": now,
        "exp": now + ttl_seconds,
    })
}

/// What an entity event (Contacts, Members) reports.
#[derive(Clone, Debug)]
pub(crate) enum EntityBody {
    /// `createdEvent.entity`: the new entity.
    Created(Value),
    /// `updatedEvent.currentEntity`: the entity after the update.
    Updated(Value),
    /// `deletedEvent`: empty; `entityId` says which.
    Deleted,
}

/// The domain event of an entity event: `entityFqdn` and `slug` from the event type
/// (`wix.contacts.v4.contact_created`: `wix.contacts.v4.contact`, `created`).
pub(crate) fn entity_domain_event(
    event_type: &str,
    event_id: &str,
    entity_id: &str,
    body: &EntityBody,
    sequence: i64,
) -> Value {
    let (prefix, tail) = event_type.rsplit_once('.').unwrap_or(("", event_type));
    let (entity, slug) = tail.split_once('_').unwrap_or((tail, ""));
    let mut event = json!({
        "id": event_id,
        "entityFqdn": format!("{prefix}.{entity}"),
        "slug": slug,
        "entityId": entity_id,
        "eventTime": crate::now(),
        "triggeredByAnonymizeRequest": false,
        "entityEventSequence": sequence.to_string(),
    });
    match body {
        EntityBody::Created(entity) => event["createdEvent"] = json!({ "entity": entity }),
        EntityBody::Updated(entity) => event["updatedEvent"] = json!({ "currentEntity": entity }),
        EntityBody::Deleted => event["deletedEvent"] = json!({}),
    }
    event
}

/// Signs `claims` with RS256 and the RSA private key `private_key_pem`.
pub fn sign_rs256(claims: &Value, private_key_pem: &[u8]) -> Result<String, String> {
    let key =
        jsonwebtoken::EncodingKey::from_rsa_pem(private_key_pem).map_err(|e| e.to_string())?;
    let header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::RS256);
    jsonwebtoken::encode(&header, claims, &key).map_err(|e| e.to_string())
}

/// Signs and POSTs one Inbox event to the Inbox target (`ServerConfig::webhook`);
/// `None` when there is none.
pub(crate) async fn deliver(
    shared: &Shared,
    event_type: &str,
    payload: &Value,
    identity: &Value,
    entity_id: &str,
) -> Option<DeliveryRecord> {
    let target = shared.config.webhook.as_ref()?;
    let event_id = shared.store().ids().guid_text();
    let instance_id = shared.config.instance_id.to_string();
    let parts = EventParts {
        event_type,
        payload,
        identity,
        instance_id: &instance_id,
        event_id: &event_id,
        entity_id,
    };
    let claims = webhook_claims(&parts, chrono::Utc::now().timestamp(), 300);
    Some(post_signed(shared, target, event_type, &claims).await)
}

/// Signs and POSTs one Contacts or Members event to their target
/// (`ServerConfig::crm_webhook`); `None` when there is none.
pub(crate) async fn deliver_entity_event(
    shared: &Shared,
    event_type: &str,
    entity_id: &str,
    body: &EntityBody,
    sequence: i64,
    identity: &Value,
) -> Option<DeliveryRecord> {
    let target = shared.config.crm_webhook.as_ref()?;
    let event_id = shared.store().ids().guid_text();
    let domain_event = entity_domain_event(event_type, &event_id, entity_id, body, sequence);
    let claims = envelope_claims(
        event_type,
        shared.config.instance_id.as_str(),
        &domain_event,
        identity,
        chrono::Utc::now().timestamp(),
        300,
    );
    Some(post_signed(shared, target, event_type, &claims).await)
}

/// Signs `claims` with the target's key, POSTs the token, and records the delivery.
async fn post_signed(
    shared: &Shared,
    target: &WebhookTarget,
    event_type: &str,
    claims: &Value,
) -> DeliveryRecord {
    let mut record = DeliveryRecord {
        event_type: event_type.to_owned(),
        status: None,
        error: None,
    };
    match sign_rs256(claims, &target.private_key_pem) {
        Err(e) => record.error = Some(format!("signing failed: {e}")),
        Ok(token) => {
            let sent = shared
                .http
                .post(&target.url)
                .header("content-type", "text/plain")
                .body(token)
                .send()
                .await;
            match sent {
                Ok(response) => record.status = Some(response.status().as_u16()),
                Err(e) => record.error = Some(e.to_string()),
            }
        }
    }
    if let Some(e) = &record.error {
        tracing::warn!(event_type, error = %e, "webhook delivery failed");
    }
    shared
        .deliveries
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .push(record.clone());
    record
}
