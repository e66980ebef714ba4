//! Verifying Wix webhook requests. Feature `webhooks`.
//!
//! Wix POSTs to an app's webhook URL a body that is a JWT signed with RS256, whatever
//! the API. Its layers, outside in, are the same for every API:
//!
//! 1. the token, verified with the app's public key ([`WebhookVerifier::verify`]);
//! 2. its `data` claim: JSON text of the envelope `{eventType, instanceId, data,
//!    identity}`;
//! 3. the envelope's `data`: JSON text of the API's `DomainEvent`;
//! 4. the domain event's body (`actionEvent.bodyAsJson`, `createdEvent.entity`, ...):
//!    the event's payload.
//!
//! [`WebhookVerifier`] does the first: it checks the token and gives its claims.
//! [`EventVerifier`] does all of them for one API's events: each API's crate
//! implements [`Events`] for its generated event enum (where each event's payload is,
//! and how to decode it) and names the verifier of its events
//! (`wix_contacts::webhook::WebhookVerifier` is `EventVerifier<wix_contacts::WebhookEvent>`),
//! whose [`decode`](EventVerifier::decode) gives a [`Delivery`]. A malformed layer is
//! reported as [`WebhookError::MalformedLayer`] naming the [`Layer`].
//!
//! ```no_run
//! use wixgen_runtime::webhook::WebhookVerifier;
//!
//! # fn handle(public_key_pem: &[u8], body: &str) -> Result<(), wixgen_runtime::webhook::WebhookError> {
//! let verifier = WebhookVerifier::from_rsa_pem(public_key_pem)?;
//! let claims = verifier.verify(body)?;
//! println!("{:?}", claims.get("data"));
//! # Ok(()) }
//! ```

mod decode;
mod error;
mod verify;

pub use decode::{Delivery, EventVerifier, Events, PayloadAt};
pub use error::{Layer, WebhookError};
pub use verify::WebhookVerifier;
