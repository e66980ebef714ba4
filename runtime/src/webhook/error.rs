//! [`WebhookError`]: one variant per way a webhook request can be refused.

use core::fmt;

/// The layers of a webhook request, outside in, for [`WebhookError::MalformedLayer`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Layer {
    /// The token's `data` claim: JSON text of the envelope.
    DataClaim,
    /// The envelope `{eventType, instanceId, data, identity}`.
    Envelope,
    /// The envelope's `identity`: who caused the event.
    Identity,
    /// The envelope's `data`: the domain event, as JSON text.
    DomainEvent,
    /// The domain event's `actionEvent` and its `bodyAsJson`.
    ActionEvent,
    /// The payload in `actionEvent.bodyAsJson`, decoded as the event type's payload.
    Payload,
}

impl Layer {
    /// The layer's name as the request spells it.
    pub fn name(self) -> &'static str {
        match self {
            Layer::DataClaim => "data claim",
            Layer::Envelope => "envelope",
            Layer::Identity => "envelope identity",
            Layer::DomainEvent => "domain event",
            Layer::ActionEvent => "actionEvent",
            Layer::Payload => "actionEvent.bodyAsJson payload",
        }
    }
}

impl fmt::Display for Layer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a webhook request was refused. Each failure has its own variant, so a receiver
/// can answer (and log) them differently.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum WebhookError {
    /// The body is longer than a webhook token may be
    /// ([`WebhookVerifier::MAX_TOKEN_BYTES`](super::WebhookVerifier::MAX_TOKEN_BYTES)):
    /// refused before any of it is decoded, so that a huge forgery costs next to nothing.
    TooLarge {
        /// The body's length, in bytes.
        len: usize,
        /// The most a token may have.
        max: usize,
    },
    /// The key given to the verifier is not an RSA public key in PEM (a private key
    /// included: the verifier needs the public half).
    InvalidKey(String),
    /// The body is not a JWT: not three base64url parts, or a header or claims that
    /// are not JSON objects, claims that name a member twice, a header `crit` that is
    /// not a non-empty list of names, a required claim (`exp`) missing, or an `exp` or
    /// `nbf` that is not a number of seconds the verifier reads (negative, not a
    /// number, or out of range).
    MalformedToken(String),
    /// The token's header names an algorithm other than RS256 (`none` and HS256
    /// included): the algorithm as named.
    WrongAlgorithm(String),
    /// The signature does not verify with the app's public key.
    BadSignature,
    /// The token's `exp` has passed.
    Expired,
    /// The token's `nbf` is still to come.
    NotYetValid,
    /// The token's header lists, in `crit`, extensions that must be understood for the
    /// token to be valid (RFC 7515, section 4.1.11); this verifier understands none.
    /// The names as listed.
    UnsupportedCriticalExtension(Vec<String>),
    /// The token verified, but one of the layers inside it is malformed (reported by
    /// the API crate that decodes them; by the verifier itself for an envelope or
    /// domain event that names a member twice).
    MalformedLayer {
        /// Which layer.
        layer: Layer,
        /// What is wrong with it.
        reason: String,
    },
}

impl WebhookError {
    /// [`WebhookError::MalformedLayer`]: `layer` is malformed, for `reason`. For the
    /// API crates that decode the layers inside a verified token.
    pub fn malformed_layer(layer: Layer, reason: impl fmt::Display) -> Self {
        WebhookError::MalformedLayer {
            layer,
            reason: reason.to_string(),
        }
    }
}

impl fmt::Display for WebhookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WebhookError::TooLarge { len, max } => write!(
                f,
                "the token is {len} bytes long, more than the {max} a webhook token may have"
            ),
            WebhookError::InvalidKey(why) => write!(f, "invalid public key: {why}"),
            WebhookError::MalformedToken(why) => write!(f, "malformed token: {why}"),
            WebhookError::WrongAlgorithm(alg) => {
                write!(f, "wrong algorithm: `{alg}` (only RS256 is accepted)")
            }
            WebhookError::BadSignature => f.write_str("the signature does not verify"),
            WebhookError::Expired => f.write_str("the token has expired"),
            WebhookError::NotYetValid => f.write_str("the token is not valid yet"),
            WebhookError::UnsupportedCriticalExtension(names) => {
                f.write_str(
                    "the token requires header extensions this verifier does not support: ",
                )?;
                for (i, name) in names.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "`{name}`")?;
                }
                Ok(())
            }
            WebhookError::MalformedLayer { layer, reason } => {
                write!(f, "malformed {layer}: {reason}")
            }
        }
    }
}

impl std::error::Error for WebhookError {}
