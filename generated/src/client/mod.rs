//! An async client for the Inbox API over reqwest (rustls; no OpenSSL). Feature
//! `client`, on by default.
//!
//! Every method goes through one generic path, [`Client::call`], driven by the
//! request type's [`Request::OPERATION`](crate::rt::Request::OPERATION): the request is
//! serialised to JSON, its path parameters are percent-encoded into the path template,
//! and the others travel as dotted query parameters (`paging.limit=30`) for `GET` or
//! as the JSON body otherwise. The typed methods ([`Client::get_conversation`] and the
//! rest) are thin wrappers over it.
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use wix_inbox::client::{Client, Credentials};
//! use wix_inbox::{ContactId, ParticipantId};
//!
//! let client = Client::builder(Credentials::access_token("…")).build()?;
//! let contact: ContactId = "0bd6b6a1-5c37-4a24-a1f4-0fd4bd0b1a3e".parse()?;
//! let found = client.get_or_create_conversation(contact).await?;
//! println!("{:?}", found.conversation);
//! # Ok(()) }
//! ```
//!
//! Failures are an [`Error`], with the method's documented application errors as
//! [`Error::Application`]. `GET`s are retried on 429, 502, 503 and 504 and on
//! connection failures as the [`RetryPolicy`] says; other methods never are. Each call
//! runs in a `tracing` span `wix_inbox.call` with the method's name, and ends with an
//! event giving the status, the latency and the number of tries. The credentials
//! appear in none of these, nor in any `Debug` output.

mod call;
mod credentials;
mod encode;
mod error;
mod methods;
mod paging;
mod retry;

use core::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::HeaderMap;

pub use credentials::{ApiKeyScope, Credentials, InvalidCredentials};
pub use error::{ApplicationErrorBody, Error, ErrorBody, ErrorDetails};
/// The `Stream` trait and its extension traits from `futures-util`, re-exported so that
/// [`MessageStream`]'s methods (`next`, `try_next`, `try_collect`, `map_ok`, `take`, ...)
/// need no dependency of your own: `use wix_inbox::client::TryStreamExt;`.
pub use futures_util::stream::{Stream, StreamExt, TryStreamExt};
pub use paging::MessageStream;
pub use retry::{RetryEvent, RetryPolicy, RetryReason};

use retry::RetryObserver;

/// The base URL of Wix's APIs, the client's default.
pub const DEFAULT_BASE_URL: &str = "https://www.wixapis.com";

/// A client of the Inbox API. Cheap to clone: clones share one connection pool.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base_url: String,
    auth: HeaderMap,
    timeout: Option<Duration>,
    retry: RetryPolicy,
    on_retry: Option<RetryObserver>,
}

impl Client {
    /// A client with these credentials and the defaults: base URL
    /// [`DEFAULT_BASE_URL`], a 30 s timeout per try, [`RetryPolicy::default`].
    pub fn new(credentials: Credentials) -> Result<Client, BuildError> {
        Client::builder(credentials).build()
    }

    /// A builder to configure the client.
    pub fn builder(credentials: Credentials) -> ClientBuilder {
        ClientBuilder {
            credentials,
            base_url: DEFAULT_BASE_URL.to_owned(),
            timeout: Some(Duration::from_secs(30)),
            connect_timeout: Duration::from_secs(10),
            http: None,
            retry: RetryPolicy::default(),
            on_retry: None,
        }
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("credentials", &format_args!("<redacted>"))
            .field("timeout", &self.inner.timeout)
            .field("retry", &self.inner.retry)
            .finish_non_exhaustive()
    }
}

/// Configures a [`Client`].
#[must_use]
pub struct ClientBuilder {
    credentials: Credentials,
    base_url: String,
    timeout: Option<Duration>,
    connect_timeout: Duration,
    http: Option<reqwest::Client>,
    retry: RetryPolicy,
    on_retry: Option<RetryObserver>,
}

impl ClientBuilder {
    /// Where to send requests, such as a local Inbox server's `http://127.0.0.1:PORT`.
    /// A path prefix is kept; a trailing `/` is ignored.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// The longest one try may take, from sending to the end of the body (30 s by
    /// default); `None` for no limit. Applies to a user-supplied client as well.
    pub fn timeout(mut self, timeout: Option<Duration>) -> Self {
        self.timeout = timeout;
        self
    }

    /// The longest connecting may take (10 s by default). Applies only to the
    /// reqwest client the builder makes, not to one given with [`Self::http_client`].
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Use this reqwest client (its pool, proxy and TLS settings) instead of making one.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// When and how to retry `GET`s ([`RetryPolicy::none`] to never retry).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// A function told of every retry before its wait, e.g. for metrics.
    pub fn on_retry(mut self, observer: impl Fn(&RetryEvent) + Send + Sync + 'static) -> Self {
        self.on_retry = Some(RetryObserver(Arc::new(observer)));
        self
    }

    /// The client.
    ///
    /// # Errors
    ///
    /// The base URL is not an `http` or `https` URL without query or fragment; the
    /// credentials cannot travel in a header; reqwest cannot make its client.
    pub fn build(self) -> Result<Client, BuildError> {
        let base_url = self.base_url.trim_end_matches('/').to_owned();
        let parsed = reqwest::Url::parse(&base_url)
            .map_err(|e| BuildError::InvalidBaseUrl(e.to_string()))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(BuildError::InvalidBaseUrl(format!(
                "scheme `{}` is not http or https",
                parsed.scheme()
            )));
        }
        if parsed.query().is_some() || parsed.fragment().is_some() {
            return Err(BuildError::InvalidBaseUrl(
                "a base URL has no query or fragment".into(),
            ));
        }
        let auth = self
            .credentials
            .headers()
            .map_err(|_| BuildError::InvalidCredentials)?;
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout)
                .user_agent(concat!("wix-inbox-rust/", env!("CARGO_PKG_VERSION")))
                .build()
                .map_err(BuildError::Http)?,
        };
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base_url,
                auth,
                timeout: self.timeout,
                retry: self.retry,
                on_retry: self.on_retry,
            }),
        })
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("credentials", &self.credentials)
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

/// Why a [`Client`] could not be built. Never shows the credentials.
#[derive(Debug)]
#[non_exhaustive]
pub enum BuildError {
    /// The base URL is not usable.
    InvalidBaseUrl(String),
    /// The credentials cannot travel in an HTTP header.
    InvalidCredentials,
    /// reqwest could not make its client.
    Http(reqwest::Error),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::InvalidBaseUrl(why) => write!(f, "invalid base URL: {why}"),
            BuildError::InvalidCredentials => InvalidCredentials.fmt(f),
            BuildError::Http(e) => write!(f, "could not make the HTTP client: {e}"),
        }
    }
}

impl std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BuildError::Http(e) => Some(e),
            _ => None,
        }
    }
}
