//! Receiving Wix webhooks: verifying the request and decoding its event. Feature
//! `webhooks`, on by default.
//!
//! Wix POSTs to an app's webhook URL a body that is a JWT signed with RS256. Its
//! layers, outside in:
//!
//! 1. the token, verified with the app's public key ([`WebhookVerifier`]);
//! 2. its `data` claim: JSON text of the envelope `{eventType, instanceId, data,
//!    identity}`;
//! 3. the envelope's `data`: JSON text of the [`DomainEvent`](crate::DomainEvent);
//! 4. the domain event's `actionEvent.bodyAsJson`: JSON text of the payload.
//!
//! [`WebhookVerifier::decode`] goes through all of them and gives a [`Delivery`] whose
//! [`Event`] is typed by the event type, or [`Event::Unknown`] for a type the API
//! does not list. Each failure is its own [`WebhookError`] variant; a malformed layer
//! names the [`Layer`].
//!
//! ```no_run
//! use wix_inbox::webhook::{Event, WebhookVerifier};
//!
//! # fn handle(public_key_pem: &[u8], body: &str) -> Result<(), wix_inbox::webhook::WebhookError> {
//! let verifier = WebhookVerifier::from_rsa_pem(public_key_pem)?;
//! let delivery = verifier.decode(body)?;
//! if let Event::MessageSentToBusiness(sent) = &delivery.event {
//!     // The sender, as the ID to answer them with (possibly an anonymous visitor).
//!     let participant = delivery.event.participant();
//!     println!("{participant:?} wrote in {:?}", sent.conversation_id);
//! }
//! # Ok(()) }
//! ```

mod error;
mod event;
mod verify;

pub use error::{Layer, WebhookError};
pub use event::{participant_of, Delivery, Event};
pub use verify::WebhookVerifier;

impl WebhookVerifier {
    /// Verifies a webhook request's body (the JWT) and decodes its event.
    ///
    /// # Errors
    ///
    /// The token's failures as [`WebhookVerifier::verify`] gives them, then
    /// [`WebhookError::MalformedLayer`] naming the first layer that is malformed.
    pub fn decode(&self, body: &str) -> Result<Delivery, WebhookError> {
        let claims = self.verify(body)?;
        event::unwrap_layers(&claims)
    }
}
