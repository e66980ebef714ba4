//! App credentials at work: access tokens minted with OAuth client credentials
//! (`POST {base URL}/oauth2/token`), one per app instance, cached and renewed before
//! they expire; [`Client::for_instance`], the handle that names the instance a call
//! acts for; and [`TokenError`], why no token could be had.
//!
//! Why an instance per client handle rather than per call: the typed methods of every
//! API crate take a request and nothing else, so the instance cannot be a parameter of
//! each call without doubling every method. A handle bound to an instance
//! (`client.for_instance(id)`) is a [`Client`] like any other, so every method works on
//! it unchanged; it shares the connection pool and the token cache with the client it
//! came from, and costs one reference count and a GUID to make. A server that acts for
//! many sites keeps one client and makes a handle per incoming request or job.

use core::fmt;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use serde::Deserialize;
use tokio::time::Instant;

use super::Client;
use crate::Guid;

/// The path of the token endpoint under the client's base URL.
pub(crate) const TOKEN_PATH: &str = "/oauth2/token";

/// The longest a token is renewed ahead of its expiry (a tenth of its lifetime when
/// that is shorter), so that a call never starts with a token about to lapse.
const MAX_RENEWAL_MARGIN: Duration = Duration::from_secs(5 * 60);

/// A secret that never shows: `Debug` prints `<redacted>`.
#[derive(Clone)]
pub(crate) struct Secret(pub(crate) String);

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// How a client authenticates its calls.
pub(crate) enum Auth {
    /// The same headers on every call: an access token or an API key.
    Fixed(HeaderMap),
    /// Tokens minted per instance from the app's credentials.
    App(AppAuth),
}

/// An app's credentials and the tokens minted with them, per instance.
pub(crate) struct AppAuth {
    app_id: Guid,
    secret: Secret,
    tokens: Mutex<HashMap<Guid, Arc<tokio::sync::Mutex<Option<Token>>>>>,
}

/// A minted token: the header to send, and until when to send it.
struct Token {
    header: HeaderValue,
    renew_at: Instant,
}

impl AppAuth {
    pub(crate) fn new(app_id: Guid, secret: Secret) -> AppAuth {
        AppAuth {
            app_id,
            secret,
            tokens: Mutex::new(HashMap::new()),
        }
    }

    /// The token slot of `instance`, made on first use. Each slot has a lock of its
    /// own, so that concurrent calls for one instance mint one token, and calls for
    /// other instances do not wait for it.
    fn slot(&self, instance: Guid) -> Arc<tokio::sync::Mutex<Option<Token>>> {
        let mut tokens = self.tokens.lock().unwrap_or_else(|p| p.into_inner());
        tokens.entry(instance).or_default().clone()
    }
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Auth::Fixed(_) => f.write_str("<redacted>"),
            Auth::App(app) => f
                .debug_struct("App")
                .field("app_id", &app.app_id)
                .field("secret", &app.secret)
                .finish_non_exhaustive(),
        }
    }
}

/// Why no access token could be had for a call of a client with app credentials.
/// Never holds the app secret or a token.
#[derive(Debug)]
#[non_exhaustive]
pub enum TokenError {
    /// The client has app credentials but names no instance: make the call on
    /// `client.for_instance(instance_id)`, or build the client with
    /// [`Credentials::app_instance`](super::Credentials::app_instance).
    NoInstance,
    /// The token endpoint refused: 401 for an app ID or secret it does not know, 400
    /// for an instance it does not know. `error` and `description` are the OAuth error
    /// fields (`error`, `error_description`) or Wix's `message`, when sent.
    Refused {
        /// The HTTP status.
        status: u16,
        /// The OAuth error code, such as `invalid_client`.
        error: Option<String>,
        /// What the endpoint said went wrong.
        description: Option<String>,
    },
    /// No answer from the token endpoint: the connection failed or timed out.
    Transport(reqwest::Error),
    /// The token endpoint answered 2xx with a body that is no token.
    UndecodableBody {
        /// The HTTP status.
        status: u16,
        /// What was wrong with it.
        reason: String,
    },
}

impl fmt::Display for TokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TokenError::NoInstance => f.write_str(
                "app credentials need an instance: call through `client.for_instance(id)`",
            ),
            TokenError::Refused {
                status,
                error,
                description,
            } => {
                write!(f, "the token endpoint refused (HTTP {status}")?;
                if let Some(error) = error {
                    write!(f, ", {error}")?;
                }
                f.write_str(")")?;
                if let Some(description) = description {
                    write!(f, ": {description}")?;
                }
                Ok(())
            }
            TokenError::Transport(e) => write!(f, "the token endpoint did not answer: {e}"),
            TokenError::UndecodableBody { status, reason } => {
                write!(
                    f,
                    "the token endpoint's answer (HTTP {status}) is no token: {reason}"
                )
            }
        }
    }
}

impl std::error::Error for TokenError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            TokenError::Transport(e) => Some(e),
            _ => None,
        }
    }
}

/// The token endpoint's answer.
#[derive(Deserialize)]
struct Minted {
    access_token: String,
    expires_in: u64,
}

/// The token endpoint's error body (RFC 6749 section 5.2, and Wix's `message`).
#[derive(Deserialize, Default)]
struct Refusal {
    error: Option<String>,
    error_description: Option<String>,
    message: Option<String>,
}

impl Client {
    /// This client acting for the app instance `instance` (the app's installation on
    /// one site): the same client, sharing the connection pool and the cached tokens,
    /// whose calls carry that instance's access token. Cheap: make one per request or
    /// job. For a client whose credentials are not an app's, the instance changes
    /// nothing (an access token or API key names its site itself).
    ///
    /// `instance` is an `InstanceId` (of `wix-ids`, re-exported by every API's crate),
    /// such as a webhook's `instanceId`, or any [`Guid`].
    ///
    /// ```no_run
    /// # async fn demo<R: wixgen_runtime::Request>(request: R) -> Result<(), Box<dyn std::error::Error>>
    /// # where R::Error: 'static {
    /// use wixgen_runtime::client::{Client, Credentials};
    /// use wixgen_runtime::Guid;
    ///
    /// let app_id = Guid::parse(&std::env::var("WIX_APP_ID")?)?;
    /// let client = Client::new(Credentials::app(app_id, std::env::var("WIX_APP_SECRET")?))?;
    ///
    /// // Per site: the instance of the app installed there.
    /// let instance = Guid::from_literal("0bd6b6a1-5c37-4a24-a1f4-0fd4bd0b1a3e");
    /// let site = client.for_instance(instance);
    /// let response = site.call(&request).await?; // mints the instance's token, once
    /// # let _ = response;
    /// # Ok(()) }
    /// ```
    pub fn for_instance(&self, instance: impl Into<Guid>) -> Client {
        Client {
            inner: self.inner.clone(),
            instance: Some(instance.into()),
        }
    }

    /// The app instance this client acts for, if one is named
    /// ([`for_instance`](Self::for_instance) or
    /// [`Credentials::app_instance`](super::Credentials::app_instance)).
    pub fn instance(&self) -> Option<Guid> {
        self.instance
    }

    /// The headers that authenticate a call: the fixed ones, or the instance's cached
    /// token, minted when there is none or it is due for renewal. With `stale`, the
    /// token just refused (401) is replaced by a new one, unless another call already
    /// replaced it.
    pub(crate) async fn authorization(
        &self,
        stale: Option<&HeaderMap>,
    ) -> Result<HeaderMap, TokenError> {
        let app = match &self.inner.auth {
            Auth::Fixed(headers) => return Ok(headers.clone()),
            Auth::App(app) => app,
        };
        let instance = self.instance.ok_or(TokenError::NoInstance)?;
        let slot = app.slot(instance);
        let mut token = slot.lock().await;
        let refused = stale.and_then(|headers| headers.get(AUTHORIZATION));
        let usable = token.as_ref().filter(|t| {
            Instant::now() < t.renew_at && refused.is_none_or(|refused| *refused != t.header)
        });
        let header = match usable {
            Some(t) => t.header.clone(),
            None => {
                let minted = self.mint(app, instance).await?;
                let header = minted.header.clone();
                *token = Some(minted);
                header
            }
        };
        let mut headers = HeaderMap::new();
        headers.insert(AUTHORIZATION, header);
        Ok(headers)
    }

    /// Whether a 401 may be cured by a new token: the client mints its tokens.
    pub(crate) fn renews_tokens(&self) -> bool {
        matches!(self.inner.auth, Auth::App(_))
    }

    /// Asks the token endpoint for a token for `instance`.
    async fn mint(&self, app: &AppAuth, instance: Guid) -> Result<Token, TokenError> {
        let asked_at = Instant::now();
        let body = serde_json::json!({
            "grant_type": "client_credentials",
            "client_id": app.app_id.as_str(),
            "client_secret": app.secret.0,
            "instance_id": instance.as_str(),
        });
        let url = format!("{}{TOKEN_PATH}", self.inner.base_url);
        let mut request = self
            .inner
            .http
            .post(url)
            .header(ACCEPT, HeaderValue::from_static("application/json"))
            .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
            .body(body.to_string());
        if let Some(timeout) = self.inner.timeout {
            request = request.timeout(timeout);
        }
        let response = request.send().await.map_err(TokenError::Transport)?;
        let status = response.status().as_u16();
        let bytes = response.bytes().await.map_err(TokenError::Transport)?;
        if !(200..300).contains(&status) {
            let refusal: Refusal = serde_json::from_slice(&bytes).unwrap_or_default();
            tracing::warn!(
                instance = instance.as_str(),
                status,
                "the token endpoint refused"
            );
            return Err(TokenError::Refused {
                status,
                error: refusal.error,
                description: refusal.error_description.or(refusal.message),
            });
        }
        let minted: Minted =
            serde_json::from_slice(&bytes).map_err(|e| TokenError::UndecodableBody {
                status,
                reason: e.to_string(),
            })?;
        let mut header = HeaderValue::from_str(&minted.access_token).map_err(|_| {
            TokenError::UndecodableBody {
                status,
                reason: "the access token is not a valid HTTP header value".into(),
            }
        })?;
        header.set_sensitive(true);
        let lifetime = Duration::from_secs(minted.expires_in);
        let margin = (lifetime / 10).min(MAX_RENEWAL_MARGIN);
        tracing::debug!(
            instance = instance.as_str(),
            expires_in = minted.expires_in,
            "minted an access token"
        );
        Ok(Token {
            header,
            renew_at: asked_at + lifetime - margin,
        })
    }
}
