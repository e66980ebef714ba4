//! Receiving Wix webhooks: verifying the request and decoding its event. Feature
//! `webhooks`, on by default.
//!
//! Wix POSTs to an app's webhook URL a body that is a JWT signed with RS256. Its
//! layers, outside in:
//!
//! 1. the token, verified with the app's public key ([`WebhookVerifier`], the runtime's
//!    verifier ([`wixgen_runtime::webhook`](crate::rt::webhook)), shared by every API);
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

mod event;

use core::fmt;
use core::ops::Deref;

use serde_json::{Map, Value};

pub use event::{participant_of, Delivery, Event};
#[doc(no_inline)]
pub use crate::rt::webhook::{Layer, WebhookError};

use crate::rt::webhook as rt_webhook;

/// Verifies webhook requests with an app's public key, and decodes their Inbox events:
/// the runtime's [`WebhookVerifier`](rt_webhook::WebhookVerifier), which it wraps and
/// dereferences to, with [`decode`](Self::decode) added.
///
/// A token is accepted only if its header names `RS256`, its signature verifies with
/// the key, and its `exp` has not passed (60 s of leeway by default). The algorithm
/// is read from the header and compared before anything else, so `alg: none`, HS256
/// (even with the public key as the HMAC secret) and every other algorithm are
/// refused as [`WebhookError::WrongAlgorithm`]. A header that lists critical
/// extensions (`crit`) is refused too, as [`WebhookError::UnsupportedCriticalExtension`]:
/// this verifier understands none, and RFC 7515 (section 4.1.11) makes such a token
/// invalid.
#[derive(Clone)]
pub struct WebhookVerifier(rt_webhook::WebhookVerifier);

impl WebhookVerifier {
    /// The largest [`leeway`](Self::leeway), in seconds: one day.
    pub const MAX_LEEWAY_SECS: u64 = rt_webhook::WebhookVerifier::MAX_LEEWAY_SECS;

    /// The longest token read, in bytes (1 MiB): a longer one is refused as
    /// [`WebhookError::TooLarge`] before any decoding.
    pub const MAX_TOKEN_BYTES: usize = rt_webhook::WebhookVerifier::MAX_TOKEN_BYTES;

    /// A verifier for tokens signed with the private half of `public_key_pem`: an RSA
    /// public key in PEM (`-----BEGIN PUBLIC KEY-----` or `-----BEGIN RSA PUBLIC
    /// KEY-----`), as the app's dashboard shows it.
    ///
    /// # Errors
    ///
    /// [`WebhookError::InvalidKey`] when it is not one, a private key included.
    pub fn from_rsa_pem(public_key_pem: &[u8]) -> Result<Self, WebhookError> {
        rt_webhook::WebhookVerifier::from_rsa_pem(public_key_pem).map(WebhookVerifier)
    }

    /// How far past `exp` (or before `nbf`) a token is still accepted, for clock skew
    /// between Wix and this machine: 60 s by default, at most
    /// [`MAX_LEEWAY_SECS`](Self::MAX_LEEWAY_SECS) (a larger value is clamped to it; see
    /// [the runtime's](rt_webhook::WebhookVerifier::leeway) for why).
    pub fn leeway(self, seconds: u64) -> Self {
        WebhookVerifier(self.0.leeway(seconds))
    }

    /// Whether a token must carry `exp` (yes by default). When it carries one, it is
    /// always checked.
    pub fn require_expiry(self, required: bool) -> Self {
        WebhookVerifier(self.0.require_expiry(required))
    }

    /// Verifies `token` and returns its claims.
    ///
    /// # Errors
    ///
    /// As [the runtime's](rt_webhook::WebhookVerifier::verify).
    pub fn verify(&self, token: &str) -> Result<Map<String, Value>, WebhookError> {
        self.0.verify(token)
    }

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

impl Deref for WebhookVerifier {
    type Target = rt_webhook::WebhookVerifier;

    fn deref(&self) -> &rt_webhook::WebhookVerifier {
        &self.0
    }
}

impl From<rt_webhook::WebhookVerifier> for WebhookVerifier {
    fn from(verifier: rt_webhook::WebhookVerifier) -> Self {
        WebhookVerifier(verifier)
    }
}

impl From<WebhookVerifier> for rt_webhook::WebhookVerifier {
    fn from(verifier: WebhookVerifier) -> Self {
        verifier.0
    }
}

impl fmt::Debug for WebhookVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}
