//! [`WebhookVerifier`]: checks a webhook JWT (RS256 only) and returns its claims.

use core::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde_json::{Map, Value};

use super::WebhookError;

/// Verifies webhook requests with an app's public key.
///
/// A token is accepted only if its header names `RS256`, its signature verifies with
/// the key, and its `exp` has not passed (60 s of leeway by default). The algorithm
/// is read from the header and compared before anything else, so `alg: none`, HS256
/// (even with the public key as the HMAC secret) and every other algorithm are
/// refused as [`WebhookError::WrongAlgorithm`].
#[derive(Clone)]
pub struct WebhookVerifier {
    key: DecodingKey,
    validation: Validation,
}

impl WebhookVerifier {
    /// A verifier for tokens signed with the private half of `public_key_pem`: an RSA
    /// public key in PEM (`-----BEGIN PUBLIC KEY-----` or `-----BEGIN RSA PUBLIC
    /// KEY-----`), as the app's dashboard shows it.
    ///
    /// # Errors
    ///
    /// [`WebhookError::InvalidKey`] when it is not one.
    pub fn from_rsa_pem(public_key_pem: &[u8]) -> Result<Self, WebhookError> {
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

    /// How far past `exp` (or before `nbf`) a token is still accepted, for clock skew.
    pub fn leeway(mut self, seconds: u64) -> Self {
        self.validation.leeway = seconds;
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
    /// [`WebhookError::MalformedToken`], [`WrongAlgorithm`](WebhookError::WrongAlgorithm),
    /// [`BadSignature`](WebhookError::BadSignature), [`Expired`](WebhookError::Expired)
    /// or [`NotYetValid`](WebhookError::NotYetValid).
    pub fn verify(&self, token: &str) -> Result<Map<String, Value>, WebhookError> {
        let token = token.trim();
        let alg = header_algorithm(token)?;
        if alg != "RS256" {
            return Err(WebhookError::WrongAlgorithm(alg));
        }
        let data = jsonwebtoken::decode::<Value>(token, &self.key, &self.validation).map_err(
            |e| match e.kind() {
                ErrorKind::InvalidSignature => WebhookError::BadSignature,
                ErrorKind::ExpiredSignature => WebhookError::Expired,
                ErrorKind::ImmatureSignature => WebhookError::NotYetValid,
                ErrorKind::InvalidAlgorithm | ErrorKind::InvalidAlgorithmName => {
                    WebhookError::WrongAlgorithm(alg.clone())
                }
                ErrorKind::MissingRequiredClaim(claim) => {
                    WebhookError::MalformedToken(format!("the `{claim}` claim is missing"))
                }
                _ => WebhookError::MalformedToken(e.to_string()),
            },
        )?;
        match data.claims {
            Value::Object(claims) => Ok(claims),
            other => Err(WebhookError::MalformedToken(format!(
                "the claims are not a JSON object: {other}"
            ))),
        }
    }
}

/// The `alg` of a token's header, read without trusting anything else in it.
fn header_algorithm(token: &str) -> Result<String, WebhookError> {
    let malformed = |why: &str| WebhookError::MalformedToken(why.to_owned());
    let parts: Vec<&str> = token.split('.').collect();
    if parts.len() != 3 {
        return Err(malformed(&format!(
            "expected 3 dot-separated parts, found {}",
            parts.len()
        )));
    }
    let header = URL_SAFE_NO_PAD
        .decode(parts[0])
        .map_err(|_| malformed("the header is not base64url"))?;
    let header: Value =
        serde_json::from_slice(&header).map_err(|_| malformed("the header is not JSON"))?;
    match header.get("alg") {
        Some(Value::String(alg)) => Ok(alg.clone()),
        Some(_) => Err(malformed("the header's `alg` is not a string")),
        None => Err(malformed("the header has no `alg`")),
    }
}

impl fmt::Debug for WebhookVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookVerifier")
            .field("algorithm", &"RS256")
            .field("leeway", &self.validation.leeway)
            .finish_non_exhaustive()
    }
}
