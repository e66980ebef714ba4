//! [`WebhookVerifier`]: checks a webhook JWT (RS256 only) and returns its claims.

use core::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde_json::{Map, Value};

use super::{Layer, WebhookError};

mod unique_json;

use unique_json::UniqueValue;

/// Verifies webhook requests with an app's public key.
///
/// A token is accepted only if its header names `RS256`, its signature verifies with
/// the key, and its `exp` has not passed (60 s of leeway by default). The algorithm
/// is read from the header and compared before anything else, so `alg: none`, HS256
/// (even with the public key as the HMAC secret) and every other algorithm are
/// refused as [`WebhookError::WrongAlgorithm`]. A header that lists critical
/// extensions (`crit`) is refused too, as [`WebhookError::UnsupportedCriticalExtension`]:
/// this verifier understands none, and RFC 7515 (section 4.1.11) makes such a token
/// invalid.
///
/// A token longer than [`MAX_TOKEN_BYTES`](Self::MAX_TOKEN_BYTES) is refused before any
/// of it is decoded. Claims that name a member twice (two `data` claims), and an
/// envelope or domain event in the `data` claim that does, are refused: serde_json keeps
/// the last of repeated names and another reader the first, so such a token does not
/// say one thing.
#[derive(Clone)]
pub struct WebhookVerifier {
    key: DecodingKey,
    validation: Validation,
}

impl WebhookVerifier {
    /// The largest [`leeway`](Self::leeway), in seconds: one day.
    pub const MAX_LEEWAY_SECS: u64 = 24 * 60 * 60;

    /// The longest token [`verify`](Self::verify) reads, in bytes (1 MiB): a longer
    /// one is refused as [`WebhookError::TooLarge`] before any decoding. Wix's webhook
    /// tokens are a few kilobytes; the cap leaves room for large entities and message
    /// texts, while a forgery of many megabytes is refused at the cost of reading its
    /// length.
    pub const MAX_TOKEN_BYTES: usize = 1024 * 1024;

    /// A verifier for tokens signed with the private half of `public_key_pem`: an RSA
    /// public key in PEM (`-----BEGIN PUBLIC KEY-----` or `-----BEGIN RSA PUBLIC
    /// KEY-----`), as the app's dashboard shows it.
    ///
    /// # Errors
    ///
    /// [`WebhookError::InvalidKey`] when it is not one, a private key included (the
    /// JWT library would take one, and then refuse every good token as
    /// [`BadSignature`](WebhookError::BadSignature)).
    pub fn from_rsa_pem(public_key_pem: &[u8]) -> Result<Self, WebhookError> {
        if let Some(label) = pem_label(public_key_pem).filter(|l| l.contains("PRIVATE KEY")) {
            return Err(WebhookError::InvalidKey(format!(
                "this is a private key (`-----BEGIN {label}-----`); the verifier needs the \
                 app's public key (`-----BEGIN PUBLIC KEY-----`)"
            )));
        }
        let key = DecodingKey::from_rsa_pem(public_key_pem)
            .map_err(|e| WebhookError::InvalidKey(e.to_string()))?;
        let mut validation = Validation::new(Algorithm::RS256);
        validation.algorithms = vec![Algorithm::RS256];
        validation.validate_exp = true;
        validation.validate_nbf = true;
        validation.validate_aud = false;
        validation.set_required_spec_claims(&["exp"]);
        Ok(WebhookVerifier { key, validation })
    }

    /// How far past `exp` (or before `nbf`) a token is still accepted, for clock skew
    /// between Wix and this machine: 60 s by default.
    ///
    /// At most [`MAX_LEEWAY_SECS`](Self::MAX_LEEWAY_SECS) (one day): a larger value is
    /// clamped to it. Clock skew is a matter of seconds or minutes; a leeway of days
    /// would no longer tolerate skew but switch expiry off, and one beyond the current
    /// Unix time would overflow the expiry arithmetic (a panic in debug builds, every
    /// token `Expired` in release builds). Clamping, rather than an error, keeps this an
    /// infallible builder step, and it can only make the verifier stricter than asked,
    /// never more lenient.
    pub fn leeway(mut self, seconds: u64) -> Self {
        self.validation.leeway = seconds.min(Self::MAX_LEEWAY_SECS);
        self
    }

    /// Whether a token must carry `exp` (yes by default). When it carries one, it is
    /// always checked.
    pub fn require_expiry(mut self, required: bool) -> Self {
        let claims: &[&str] = if required { &["exp"] } else { &[] };
        self.validation.set_required_spec_claims(claims);
        self
    }

    /// Verifies `token` and returns its claims.
    ///
    /// # Errors
    ///
    /// [`WebhookError::TooLarge`], [`MalformedToken`](WebhookError::MalformedToken),
    /// [`WrongAlgorithm`](WebhookError::WrongAlgorithm),
    /// [`UnsupportedCriticalExtension`](WebhookError::UnsupportedCriticalExtension),
    /// [`BadSignature`](WebhookError::BadSignature), [`Expired`](WebhookError::Expired)
    /// or [`NotYetValid`](WebhookError::NotYetValid); and
    /// [`MalformedLayer`](WebhookError::MalformedLayer) for an envelope or domain event
    /// (in the `data` claim) that names a member twice.
    pub fn verify(&self, token: &str) -> Result<Map<String, Value>, WebhookError> {
        // First of all, before a byte is decoded: the length.
        if token.len() > Self::MAX_TOKEN_BYTES {
            return Err(WebhookError::TooLarge {
                len: token.len(),
                max: Self::MAX_TOKEN_BYTES,
            });
        }
        let token = token.trim();
        let header = header_of(token)?;
        let alg = match header.get("alg") {
            Some(Value::String(alg)) => alg.clone(),
            Some(_) => return Err(malformed("the header's `alg` is not a string")),
            None => return Err(malformed("the header has no `alg`")),
        };
        if alg != "RS256" {
            return Err(WebhookError::WrongAlgorithm(alg));
        }
        critical_extensions(&header)?;
        let data = jsonwebtoken::decode::<UniqueValue>(token, &self.key, &self.validation)
            .map_err(|e| match e.kind() {
                ErrorKind::InvalidSignature => WebhookError::BadSignature,
                ErrorKind::ExpiredSignature => WebhookError::Expired,
                ErrorKind::ImmatureSignature => WebhookError::NotYetValid,
                ErrorKind::InvalidAlgorithm | ErrorKind::InvalidAlgorithmName => {
                    WebhookError::WrongAlgorithm(alg.clone())
                }
                // The library reports an `exp` that is not a number as missing (or, for
                // an object or a list, as a JSON error): say what is wrong with it.
                ErrorKind::MissingRequiredClaim(claim) => bad_time_claim(token)
                    .unwrap_or_else(|| malformed(&format!("the `{claim}` claim is missing"))),
                ErrorKind::Json(e) if unique_json::is_repeated_name(e) => {
                    malformed(&format!("the claims are ambiguous: {e}"))
                }
                _ => bad_time_claim(token)
                    .unwrap_or_else(|| WebhookError::MalformedToken(e.to_string())),
            })?;
        match data.claims.0 {
            Value::Object(claims) => {
                layers_name_no_member_twice(&claims)?;
                Ok(claims)
            }
            other => Err(WebhookError::MalformedToken(format!(
                "the claims are not a JSON object: {other}"
            ))),
        }
    }
}

/// Refuses an envelope (the `data` claim's JSON text) or a domain event (the
/// envelope's `data`, JSON text) that names a member twice. The layers are the same
/// for every API; anything else wrong with them is for the API's crate to report as it
/// decodes them, so a layer that is not JSON passes here.
fn layers_name_no_member_twice(claims: &Map<String, Value>) -> Result<(), WebhookError> {
    let repeated = |layer: Layer, text: &str| match unique_json::parse(text) {
        Err(e) if unique_json::is_repeated_name(&e) => Err(WebhookError::malformed_layer(layer, e)),
        Err(_) => Ok(None),
        Ok(value) => Ok(Some(value)),
    };
    let Some(Value::String(envelope)) = claims.get("data") else {
        return Ok(());
    };
    if let Some(Value::Object(envelope)) = repeated(Layer::Envelope, envelope)? {
        if let Some(Value::String(domain_event)) = envelope.get("data") {
            repeated(Layer::DomainEvent, domain_event)?;
        }
    }
    Ok(())
}

fn malformed(why: &str) -> WebhookError {
    WebhookError::MalformedToken(why.to_owned())
}

/// The label of the first PEM block in `pem` (`PUBLIC KEY`, `RSA PRIVATE KEY`, ...).
fn pem_label(pem: &[u8]) -> Option<&str> {
    let text = core::str::from_utf8(pem).ok()?;
    let rest = &text[text.find("-----BEGIN ")? + "-----BEGIN ".len()..];
    Some(rest[..rest.find("-----")?].trim())
}

/// A token's header, read without trusting anything in it.
fn header_of(token: &str) -> Result<Map<String, Value>, WebhookError> {
    let parts: Vec<&str> = token.split('.').collect();
    if parts.len() != 3 {
        return Err(WebhookError::MalformedToken(format!(
            "expected 3 dot-separated parts, found {}",
            parts.len()
        )));
    }
    let header = URL_SAFE_NO_PAD
        .decode(parts[0])
        .map_err(|_| malformed("the header is not base64url"))?;
    match serde_json::from_slice(&header) {
        Ok(Value::Object(header)) => Ok(header),
        _ => Err(malformed("the header is not a JSON object")),
    }
}

/// Refuses a header with `crit` (RFC 7515, section 4.1.11): it lists extensions the
/// recipient must understand, and this verifier understands none. A `crit` that is
/// not a non-empty list of names is malformed.
fn critical_extensions(header: &Map<String, Value>) -> Result<(), WebhookError> {
    let Some(crit) = header.get("crit") else {
        return Ok(());
    };
    let names: Option<Vec<String>> = match crit {
        Value::Array(names) if !names.is_empty() => names
            .iter()
            .map(|name| name.as_str().map(str::to_owned))
            .collect(),
        _ => None,
    };
    match names {
        Some(names) => Err(WebhookError::UnsupportedCriticalExtension(names)),
        None => Err(WebhookError::MalformedToken(format!(
            "the header's `crit` is not a non-empty list of names: {crit}"
        ))),
    }
}

/// The first time claim (`exp`, then `nbf`) of `token` that is present but not a
/// NumericDate the verifier reads (a number of seconds since 1970 from 0 to `u64::MAX`,
/// as the JWT library takes them), as the error to report.
fn bad_time_claim(token: &str) -> Option<WebhookError> {
    let claims = token.split('.').nth(1)?;
    let claims = URL_SAFE_NO_PAD.decode(claims).ok()?;
    let claims: Map<String, Value> = serde_json::from_slice(&claims).ok()?;
    ["exp", "nbf"].into_iter().find_map(|claim| {
        let value = claims.get(claim)?;
        if value.is_u64() {
            return None;
        }
        match value.as_f64() {
            // The library's own bound: `u64::MAX as f64` itself rounds past u64::MAX.
            Some(n) if (0.0..u64::MAX as f64).contains(&n) => None,
            Some(n) if n > 0.0 => Some(WebhookError::MalformedToken(format!(
                "the `{claim}` claim is out of range: {value} seconds since 1970-01-01 is \
                 past any time this verifier reads (at most {} seconds)",
                u64::MAX
            ))),
            _ => Some(WebhookError::MalformedToken(format!(
                "the `{claim}` claim is not a number of seconds since 1970-01-01 (a \
                 NumericDate): {value}"
            ))),
        }
    })
}

impl fmt::Debug for WebhookVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookVerifier")
            .field("algorithm", &"RS256")
            .field("leeway", &self.validation.leeway)
            .finish_non_exhaustive()
    }
}
