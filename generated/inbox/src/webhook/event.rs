//! Unwrapping a verified token's layers into a [`Delivery`] holding an [`Event`].

use serde::Deserialize;
use serde_json::{Map, Value};

use super::{Layer, WebhookError};
use crate::rt::Event as _;
use crate::{
    AccountInfo, ButtonInteracted, ConversationsMerged, DomainEvent, DomainEventId,
    DomainEventKind, InstanceId, MessageIdentificationData, MessageIdentificationDataId,
    MessageSentToBusiness, MessageSentToParticipant, ParticipantId, WebhookEvent,
    WebhooksIdentificationData,
};

/// One webhook event of the Inbox API, or one it does not list.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
#[allow(clippy::large_enum_variant)]
pub enum Event {
    /// A participant's conversations were merged into a new one.
    ConversationsMerged(ConversationsMerged),
    /// A message reached the business.
    MessageSentToBusiness(MessageSentToBusiness),
    /// The business sent a message to a participant.
    MessageSentToParticipant(MessageSentToParticipant),
    /// Someone clicked a button with postback properties.
    ButtonInteracted(ButtonInteracted),
    /// An event type this version of the bindings does not know, kept as sent.
    Unknown {
        /// The event type, e.g. `wix.crm.inbox.v2.something_new`.
        event_type: String,
        /// The payload (`actionEvent.bodyAsJson`, decoded) for an action event; the
        /// whole domain event otherwise.
        json: Value,
    },
}

impl Event {
    /// The event type as the webhook names it.
    pub fn event_type(&self) -> &str {
        match self {
            Event::Unknown { event_type, .. } => event_type,
            Event::ConversationsMerged(_) => ConversationsMerged::EVENT_TYPE,
            Event::MessageSentToBusiness(_) => MessageSentToBusiness::EVENT_TYPE,
            Event::MessageSentToParticipant(_) => MessageSentToParticipant::EVENT_TYPE,
            Event::ButtonInteracted(_) => ButtonInteracted::EVENT_TYPE,
        }
    }

    /// The participant who acted, as the ID to reach their conversation with: the
    /// sender of a message sent to the business, or whoever clicked a button.
    ///
    /// A member is given by member ID, a contact by contact ID, and an anonymous
    /// visitor by [`AnonymousVisitorId`](crate::AnonymousVisitorId): events are the
    /// only place such an ID comes from. `None` for other events, and when the one who
    /// acted is a Wix user or an app.
    pub fn participant(&self) -> Option<ParticipantId> {
        let who = match self {
            Event::MessageSentToBusiness(e) => e.message.as_ref()?.sender()?,
            Event::ButtonInteracted(e) => e.interacted_by.as_ref()?,
            _ => return None,
        };
        participant_of(who)
    }
}

/// The participant ID of a message's sender: member, then contact, then visitor.
pub fn participant_of(who: &MessageIdentificationData) -> Option<ParticipantId> {
    match (&who.id, who.contact_id()) {
        (Some(MessageIdentificationDataId::Member(id)), _) => Some(ParticipantId::Member(*id)),
        (_, Some(contact)) => Some(ParticipantId::Contact(*contact)),
        (Some(MessageIdentificationDataId::AnonymousVisitor(id)), None) => {
            Some(ParticipantId::AnonymousVisitor(*id))
        }
        _ => None,
    }
}

/// A verified, decoded webhook request: the event and what the layers around it say.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Delivery {
    /// The event.
    pub event: Event,
    /// The event type, as the envelope names it.
    pub event_type: String,
    /// The domain event's ID: a receiver can drop an event it has already seen.
    pub event_id: Option<DomainEventId>,
    /// The app instance the event is for.
    pub instance_id: Option<InstanceId>,
    /// Who caused the event.
    pub identity: Option<WebhooksIdentificationData>,
    /// The account and site the event belongs to.
    pub account_info: Option<AccountInfo>,
    /// The domain event around the payload (its `actionEvent` included).
    pub domain_event: DomainEvent,
}

/// The envelope, as the `data` claim carries it. `identity` may be JSON text or an
/// object; `data` is JSON text.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Envelope {
    event_type: String,
    #[serde(default)]
    instance_id: Option<InstanceId>,
    data: String,
    #[serde(default)]
    identity: Option<Value>,
    #[serde(default)]
    account_info: Option<AccountInfo>,
}

/// Unwraps verified `claims` layer by layer.
pub(crate) fn unwrap_layers(claims: &Map<String, Value>) -> Result<Delivery, WebhookError> {
    let data = match claims.get("data") {
        Some(Value::String(text)) => text,
        Some(_) => return Err(WebhookError::malformed_layer(Layer::DataClaim, "not a string")),
        None => return Err(WebhookError::malformed_layer(Layer::DataClaim, "missing")),
    };
    let envelope: Value = serde_json::from_str(data)
        .map_err(|e| WebhookError::malformed_layer(Layer::DataClaim, format!("not JSON: {e}")))?;
    let envelope: Envelope =
        serde_json::from_value(envelope).map_err(|e| WebhookError::malformed_layer(Layer::Envelope, e))?;

    let identity = match envelope.identity {
        None | Some(Value::Null) => None,
        Some(Value::String(text)) if text.is_empty() => None,
        Some(Value::String(text)) => Some(
            serde_json::from_str::<WebhooksIdentificationData>(&text)
                .map_err(|e| WebhookError::malformed_layer(Layer::Identity, e))?,
        ),
        Some(object) => Some(
            serde_json::from_value::<WebhooksIdentificationData>(object)
                .map_err(|e| WebhookError::malformed_layer(Layer::Identity, e))?,
        ),
    };

    let domain_json: Value = serde_json::from_str(&envelope.data)
        .map_err(|e| WebhookError::malformed_layer(Layer::DomainEvent, format!("not JSON: {e}")))?;
    let domain_event: DomainEvent = serde_json::from_value(domain_json.clone())
        .map_err(|e| WebhookError::malformed_layer(Layer::DomainEvent, e))?;

    let body = match &domain_event.kind {
        Some(DomainEventKind::Action(action)) => match &action.body_as_json {
            Some(body) => Some(body.as_str()),
            None => return Err(WebhookError::malformed_layer(Layer::ActionEvent, "no `bodyAsJson`")),
        },
        _ => None,
    };
    let event_type = envelope.event_type;
    let event = match body {
        Some(body) => match WebhookEvent::from_json(&event_type, body) {
            Ok(Some(known)) => from_known(known),
            Ok(None) => Event::Unknown {
                event_type: event_type.clone(),
                json: serde_json::from_str(body)
                    .map_err(|e| WebhookError::malformed_layer(Layer::Payload, format!("not JSON: {e}")))?,
            },
            Err(e) => return Err(WebhookError::malformed_layer(Layer::Payload, e)),
        },
        None if WebhookEvent::from_json(&event_type, "{}")
            .ok()
            .flatten()
            .is_some() =>
        {
            return Err(WebhookError::malformed_layer(
                Layer::ActionEvent,
                format!("`{event_type}` must be an action event"),
            ))
        }
        None => Event::Unknown {
            event_type: event_type.clone(),
            json: domain_json,
        },
    };
    Ok(Delivery {
        event,
        event_type,
        event_id: domain_event.id.clone(),
        instance_id: envelope.instance_id,
        identity,
        account_info: envelope.account_info,
        domain_event,
    })
}

fn from_known(event: WebhookEvent) -> Event {
    match event {
        WebhookEvent::ButtonInteracted(e) => Event::ButtonInteracted(e),
        WebhookEvent::ConversationsMerged(e) => Event::ConversationsMerged(e),
        WebhookEvent::MessageSentToBusiness(e) => Event::MessageSentToBusiness(e),
        WebhookEvent::MessageSentToParticipant(e) => Event::MessageSentToParticipant(e),
    }
}
