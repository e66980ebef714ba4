//! Who acted in an event, as the participant ID to reach their conversation with.
//! Hand-written, on the generated event enum; no feature needed.
//!
//! An anonymous visitor's ID is in no response of the API: an event that a visitor
//! caused (a message they sent, a button they clicked) is the only place it comes from,
//! and [`WebhookEvent::participant`] gives it as a [`ParticipantId`] ready for
//! getOrCreateConversation.

use crate::{MessageIdentificationData, MessageIdentificationDataId, ParticipantId, WebhookEvent};

impl WebhookEvent {
    /// The participant who acted, as the ID to reach their conversation with: the
    /// sender of a message sent to the business, or whoever clicked a button.
    ///
    /// A member is given by member ID, a contact by contact ID, and an anonymous
    /// visitor by [`AnonymousVisitorId`](crate::AnonymousVisitorId): events are the
    /// only place such an ID comes from. `None` for other events, and when the one who
    /// acted is a Wix user or an app.
    pub fn participant(&self) -> Option<ParticipantId> {
        let who = match self {
            WebhookEvent::MessageSentToBusiness(e) => e.message.as_ref()?.sender()?,
            WebhookEvent::ButtonInteracted(e) => e.interacted_by.as_ref()?,
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
