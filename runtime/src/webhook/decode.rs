//! Decoding the layers inside a verified webhook token into one API's events:
//! [`Events`] (what an API's generated event enum tells the decoder), [`Delivery`] (a
//! decoded request) and [`EventVerifier`] (a verifier that decodes).
//!
//! Wix sends the inner layers as JSON text: the `data` claim is the text of the
//! envelope, the envelope's `data` the text of the domain event, its `identity` text or
//! an object, and the domain event's body may be text too (`actionEvent.bodyAsJson`,
//! `createdEvent.entityAsJson`, `updatedEvent.currentEntityAsJson`,
//! `deletedEvent.deletedEntityAsJson`). Each is parsed here, and a text body is put
//! beside its text as the object its name without `AsJson` says (`bodyAsJson` →
//! `body`), as the webhook pages show it; so the generated types read deliveries as
//! Wix sends them.

use core::fmt;
use core::marker::PhantomData;
use core::ops::Deref;

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{Map, Value};

use super::{Layer, WebhookError, WebhookVerifier};

/// Where an event's payload sits in its domain event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PayloadAt {
    /// `actionEvent.body` (sent as `actionEvent.bodyAsJson`): an action event.
    Action,
    /// `createdEvent.entity`: the entity created.
    Created,
    /// `updatedEvent.currentEntity`: the entity after the update.
    Updated,
    /// The whole domain event: an event that carries nothing typed (a deletion), whose
    /// type is the domain event's own.
    DomainEvent,
}

/// The events of one API, as its generated event enum describes them to the decoder.
///
/// Implemented by the generated code for each API's event enum, behind the crate's
/// `webhooks` feature. The associated types are the API's own where its pages describe
/// the envelope (`identity`, `accountInfo`, `instanceId`), JSON otherwise.
pub trait Events: Sized {
    /// Who caused an event: the envelope's `identity`.
    type Identity: DeserializeOwned + Clone + fmt::Debug + PartialEq;
    /// The account and site an event belongs to: the envelope's `accountInfo`.
    type AccountInfo: DeserializeOwned + Clone + fmt::Debug + PartialEq;
    /// The app instance an event is for: the envelope's `instanceId`.
    type InstanceId: DeserializeOwned + Clone + fmt::Debug + PartialEq;

    /// Where the payload of an event of `event_type` is; `None` for an event type the
    /// API does not list.
    fn payload_at(event_type: &str) -> Option<PayloadAt>;

    /// The event of `event_type` with this payload: a listed type decoded as its
    /// payload type, any other kept as it is.
    ///
    /// # Errors
    ///
    /// The payload does not decode as the listed type's payload.
    fn from_payload(event_type: &str, payload: Value) -> Result<Self, serde_json::Error>;
}

/// A verified, decoded webhook request: the event, and what the layers around it say.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Delivery<E: Events> {
    /// The event: one the API lists, typed, or one it does not, as JSON.
    pub event: E,
    /// The event type, as the envelope names it.
    pub event_type: String,
    /// The domain event's `id`: a receiver can drop an event it has already seen.
    pub event_id: Option<String>,
    /// The domain event's `entityId`: the entity the event is about (for a deletion,
    /// the only word on which one).
    pub entity_id: Option<String>,
    /// The app instance the event is for.
    pub instance_id: Option<E::InstanceId>,
    /// Who caused the event.
    pub identity: Option<E::Identity>,
    /// The account and site the event belongs to.
    pub account_info: Option<E::AccountInfo>,
    /// The domain event around the payload, as JSON, its text bodies parsed.
    pub domain_event: Value,
}

/// The envelope, as the `data` claim carries it. `data` is JSON text; `identity` text or
/// an object.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Envelope {
    event_type: String,
    #[serde(default)]
    instance_id: Option<Value>,
    data: String,
    #[serde(default)]
    identity: Option<Value>,
    #[serde(default)]
    account_info: Option<Value>,
}

/// The bodies a domain event carries, each `(holder, body)`: the body is sent as JSON
/// text under `<body>AsJson`, or as an object under `<body>`.
const BODIES: [(&str, &str); 4] = [
    ("actionEvent", "body"),
    ("createdEvent", "entity"),
    ("updatedEvent", "currentEntity"),
    ("deletedEvent", "deletedEntity"),
];

impl<E: Events> Delivery<E> {
    /// Decodes the claims of a verified token, layer by layer.
    ///
    /// # Errors
    ///
    /// [`WebhookError::MalformedLayer`] naming the first layer that is malformed.
    pub fn from_claims(claims: &Map<String, Value>) -> Result<Self, WebhookError> {
        let data = match claims.get("data") {
            Some(Value::String(text)) => text,
            Some(_) => return Err(WebhookError::malformed_layer(Layer::DataClaim, "not a string")),
            None => return Err(WebhookError::malformed_layer(Layer::DataClaim, "missing")),
        };
        let envelope: Value = serde_json::from_str(data)
            .map_err(|e| WebhookError::malformed_layer(Layer::DataClaim, format!("not JSON: {e}")))?;
        let envelope: Envelope = serde_json::from_value(envelope)
            .map_err(|e| WebhookError::malformed_layer(Layer::Envelope, e))?;
        let instance_id = optional::<E::InstanceId>(envelope.instance_id, Layer::Envelope)?;
        let account_info = optional::<E::AccountInfo>(envelope.account_info, Layer::Envelope)?;
        // Text (`"null"` and `""` included: nobody) or an object.
        let identity = match envelope.identity {
            Some(Value::String(text)) if text.trim().is_empty() => None,
            Some(Value::String(text)) => Some(
                serde_json::from_str::<Value>(&text)
                    .map_err(|e| WebhookError::malformed_layer(Layer::Identity, format!("not JSON: {e}")))?,
            ),
            other => other,
        };
        let identity = optional::<E::Identity>(identity, Layer::Identity)?;

        let mut domain_event: Value = serde_json::from_str(&envelope.data)
            .map_err(|e| WebhookError::malformed_layer(Layer::DomainEvent, format!("not JSON: {e}")))?;
        let Some(fields) = domain_event.as_object_mut() else {
            return Err(WebhookError::malformed_layer(Layer::DomainEvent, "not a JSON object"));
        };
        parse_text_bodies(fields)?;
        let event_type = envelope.event_type;
        let text = |key: &str| fields.get(key).and_then(Value::as_str).map(str::to_owned);
        let (event_id, entity_id) = (text("id"), text("entityId"));

        let payload = match E::payload_at(&event_type) {
            Some(at) => payload(&domain_event, at, &event_type)?,
            // An event type the API does not list: its body wherever it is, else the whole.
            None => BODIES
                .iter()
                .find_map(|(holder, body)| domain_event.get(holder).and_then(|h| h.get(body)))
                .unwrap_or(&domain_event)
                .clone(),
        };
        let event = E::from_payload(&event_type, payload)
            .map_err(|e| WebhookError::malformed_layer(Layer::Payload, e))?;
        Ok(Delivery {
            event,
            event_type,
            event_id,
            entity_id,
            instance_id,
            identity,
            account_info,
            domain_event,
        })
    }
}

/// `value` decoded as a `T`, `None` for nothing or `null`; a failure is `layer`'s.
fn optional<T: DeserializeOwned>(value: Option<Value>, layer: Layer) -> Result<Option<T>, WebhookError> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(value) => serde_json::from_value(value)
            .map(Some)
            .map_err(|e| WebhookError::malformed_layer(layer, e)),
    }
}

/// Puts each body sent as JSON text (`bodyAsJson`) beside it as the object it is
/// (`body`), unless the object is there already.
fn parse_text_bodies(domain_event: &mut Map<String, Value>) -> Result<(), WebhookError> {
    for (holder, body) in BODIES {
        let Some(Value::Object(holder)) = domain_event.get_mut(holder) else { continue };
        let Some(Value::String(text)) = holder.get(&format!("{body}AsJson")) else { continue };
        if holder.contains_key(body) {
            continue;
        }
        let parsed: Value = serde_json::from_str(text)
            .map_err(|e| WebhookError::malformed_layer(Layer::Payload, format!("`{body}AsJson` is not JSON: {e}")))?;
        holder.insert(body.to_owned(), parsed);
    }
    Ok(())
}

/// The payload of a listed event type, where `at` says it is.
fn payload(domain_event: &Value, at: PayloadAt, event_type: &str) -> Result<Value, WebhookError> {
    let (holder, body, layer) = match at {
        PayloadAt::DomainEvent => return Ok(domain_event.clone()),
        PayloadAt::Action => ("actionEvent", "body", Layer::ActionEvent),
        PayloadAt::Created => ("createdEvent", "entity", Layer::DomainEvent),
        PayloadAt::Updated => ("updatedEvent", "currentEntity", Layer::DomainEvent),
    };
    let Some(held) = domain_event.get(holder) else {
        return Err(WebhookError::malformed_layer(layer, format!("`{event_type}` carries a `{holder}`, and this one has none")));
    };
    match held.get(body) {
        Some(payload) => Ok(payload.clone()),
        None => Err(WebhookError::malformed_layer(layer, format!("no `{holder}.{body}` (nor `{body}AsJson`)"))),
    }
}

/// A [`WebhookVerifier`] that decodes the events of one API: `E` is that API's event
/// enum, and each API's crate names this type for it (`wix_contacts::webhook::WebhookVerifier`).
/// It dereferences to the runtime's verifier, whose checks it applies unchanged.
pub struct EventVerifier<E> {
    verifier: WebhookVerifier,
    events: PhantomData<fn() -> E>,
}

impl<E> EventVerifier<E> {
    /// The largest [`leeway`](Self::leeway), in seconds: one day.
    pub const MAX_LEEWAY_SECS: u64 = WebhookVerifier::MAX_LEEWAY_SECS;

    /// The longest token read, in bytes (1 MiB): a longer one is refused as
    /// [`WebhookError::TooLarge`] before any decoding, as [`WebhookVerifier`] refuses it.
    pub const MAX_TOKEN_BYTES: usize = WebhookVerifier::MAX_TOKEN_BYTES;

    /// A verifier for tokens signed with the private half of `public_key_pem`: an RSA
    /// public key in PEM, as the app's dashboard shows it.
    ///
    /// # Errors
    ///
    /// As [`WebhookVerifier::from_rsa_pem`].
    pub fn from_rsa_pem(public_key_pem: &[u8]) -> Result<Self, WebhookError> {
        WebhookVerifier::from_rsa_pem(public_key_pem).map(Self::from)
    }

    /// How far past `exp` (or before `nbf`) a token is still accepted: as
    /// [`WebhookVerifier::leeway`].
    pub fn leeway(self, seconds: u64) -> Self {
        self.verifier.leeway(seconds).into()
    }

    /// Whether a token must carry `exp`: as [`WebhookVerifier::require_expiry`].
    pub fn require_expiry(self, required: bool) -> Self {
        self.verifier.require_expiry(required).into()
    }
}

impl<E: Events> EventVerifier<E> {
    /// Verifies a webhook request's body (the JWT) and decodes its event.
    ///
    /// # Errors
    ///
    /// The token's failures as [`WebhookVerifier::verify`] gives them, then
    /// [`WebhookError::MalformedLayer`] naming the first layer that is malformed.
    pub fn decode(&self, body: &str) -> Result<Delivery<E>, WebhookError> {
        Delivery::from_claims(&self.verifier.verify(body)?)
    }
}

impl<E> Deref for EventVerifier<E> {
    type Target = WebhookVerifier;

    fn deref(&self) -> &WebhookVerifier {
        &self.verifier
    }
}

impl<E> From<WebhookVerifier> for EventVerifier<E> {
    fn from(verifier: WebhookVerifier) -> Self {
        EventVerifier { verifier, events: PhantomData }
    }
}

impl<E> From<EventVerifier<E>> for WebhookVerifier {
    fn from(verifier: EventVerifier<E>) -> Self {
        verifier.verifier
    }
}

impl<E> Clone for EventVerifier<E> {
    fn clone(&self) -> Self {
        self.verifier.clone().into()
    }
}

impl<E> fmt::Debug for EventVerifier<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.verifier, f)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// Events of a made-up API: one action event, one entity event, one deletion.
    #[derive(Clone, Debug, PartialEq)]
    enum Garden {
        Watered(Watering),
        PlantCreated(Plant),
        PlantDeleted(Value),
        Unknown(String, Value),
    }

    #[derive(Clone, Debug, PartialEq, Deserialize)]
    struct Watering {
        litres: u32,
    }

    #[derive(Clone, Debug, PartialEq, Deserialize)]
    struct Plant {
        name: String,
    }

    #[derive(Clone, Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Who {
        member_id: String,
    }

    impl Events for Garden {
        type Identity = Who;
        type AccountInfo = Value;
        type InstanceId = String;

        fn payload_at(event_type: &str) -> Option<PayloadAt> {
            match event_type {
                "watered" => Some(PayloadAt::Action),
                "plant_created" => Some(PayloadAt::Created),
                "plant_deleted" => Some(PayloadAt::DomainEvent),
                _ => None,
            }
        }

        fn from_payload(event_type: &str, payload: Value) -> Result<Self, serde_json::Error> {
            Ok(match event_type {
                "watered" => Garden::Watered(serde_json::from_value(payload)?),
                "plant_created" => Garden::PlantCreated(serde_json::from_value(payload)?),
                "plant_deleted" => Garden::PlantDeleted(payload),
                other => Garden::Unknown(other.to_owned(), payload),
            })
        }
    }

    /// Claims as Wix sends them: every inner layer JSON text.
    fn claims(event_type: &str, domain_event: Value, identity: Value) -> Map<String, Value> {
        let envelope = json!({
            "eventType": event_type,
            "instanceId": "inst-1",
            "data": domain_event.to_string(),
            "identity": identity,
        });
        let claims = json!({"data": envelope.to_string()});
        claims.as_object().unwrap().clone()
    }

    fn decode(claims: &Map<String, Value>) -> Result<Delivery<Garden>, WebhookError> {
        Delivery::from_claims(claims)
    }

    fn layer(result: Result<Delivery<Garden>, WebhookError>) -> Layer {
        match result {
            Err(WebhookError::MalformedLayer { layer, .. }) => layer,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn each_payload_is_read_where_its_event_puts_it_text_layers_included() {
        let watered = json!({"id": "e1", "entityId": "bed-1", "actionEvent": {"bodyAsJson": json!({"litres": 3}).to_string()}});
        let identity = Value::String(json!({"memberId": "m1"}).to_string());
        let delivery = decode(&claims("watered", watered, identity)).unwrap();
        assert_eq!(delivery.event, Garden::Watered(Watering { litres: 3 }));
        assert_eq!(delivery.event_id.as_deref(), Some("e1"));
        assert_eq!(delivery.entity_id.as_deref(), Some("bed-1"));
        assert_eq!(delivery.instance_id.as_deref(), Some("inst-1"));
        assert_eq!(delivery.identity, Some(Who { member_id: "m1".into() }));
        // The text body is in the domain event as the object it is, too.
        assert_eq!(delivery.domain_event["actionEvent"]["body"], json!({"litres": 3}));

        // An entity as an object, and as text; the identity as an object.
        for created in [
            json!({"createdEvent": {"entity": {"name": "fern"}}}),
            json!({"createdEvent": {"entityAsJson": "{\"name\": \"fern\"}"}}),
        ] {
            let delivery = decode(&claims("plant_created", created, json!({"memberId": "m2"}))).unwrap();
            assert_eq!(delivery.event, Garden::PlantCreated(Plant { name: "fern".into() }));
            assert_eq!(delivery.identity.map(|w| w.member_id).as_deref(), Some("m2"));
        }

        // A deletion is its whole domain event.
        let deleted = json!({"id": "e3", "entityId": "p9", "deletedEvent": {}});
        let delivery = decode(&claims("plant_deleted", deleted.clone(), Value::Null)).unwrap();
        assert_eq!(delivery.identity, None);
        // Nobody, as JSON text.
        let delivery = decode(&claims("plant_deleted", deleted.clone(), Value::String("null".into()))).unwrap();
        assert_eq!(delivery.event, Garden::PlantDeleted(deleted));
        assert_eq!(delivery.identity, None);
    }

    #[test]
    fn an_event_type_not_listed_is_kept_with_its_body() {
        let new_kind = json!({"actionEvent": {"bodyAsJson": "{\"something\": [1]}"}});
        let delivery = decode(&claims("pruned", new_kind, Value::Null)).unwrap();
        assert_eq!(delivery.event, Garden::Unknown("pruned".into(), json!({"something": [1]})));
        // Without a body: the whole domain event.
        let bare = json!({"id": "e4", "slug": "pruned"});
        let delivery = decode(&claims("pruned", bare.clone(), Value::Null)).unwrap();
        assert_eq!(delivery.event, Garden::Unknown("pruned".into(), bare));
    }

    #[test]
    fn a_listed_event_without_its_body_names_the_layer() {
        let no_action = json!({"createdEvent": {"entity": {"name": "fern"}}});
        assert_eq!(layer(decode(&claims("watered", no_action, Value::Null))), Layer::ActionEvent);
        let no_body = json!({"actionEvent": {}});
        assert_eq!(layer(decode(&claims("watered", no_body, Value::Null))), Layer::ActionEvent);
        let no_entity = json!({"createdEvent": {}});
        assert_eq!(layer(decode(&claims("plant_created", no_entity, Value::Null))), Layer::DomainEvent);
        let wrong = json!({"actionEvent": {"body": {"litres": "many"}}});
        assert_eq!(layer(decode(&claims("watered", wrong, Value::Null))), Layer::Payload);
        let not_json = json!({"actionEvent": {"bodyAsJson": "{nope"}});
        assert_eq!(layer(decode(&claims("watered", not_json, Value::Null))), Layer::Payload);
        let bad_identity = Value::String(json!({"memberId": 5}).to_string());
        assert_eq!(layer(decode(&claims("watered", json!({}), bad_identity))), Layer::Identity);
        let mut not_object = claims("watered", json!({}), Value::Null);
        not_object.insert("data".into(), json!({"eventType": "watered", "data": "[1]"}).to_string().into());
        assert_eq!(layer(decode(&not_object)), Layer::DomainEvent);
        let mut no_envelope = claims("watered", json!({}), Value::Null);
        no_envelope.insert("data".into(), json!({"data": "{}"}).to_string().into());
        assert_eq!(layer(decode(&no_envelope)), Layer::Envelope);
    }
}
