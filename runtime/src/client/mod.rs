//! An async client for the Wix APIs whose bindings wixgen generates, over reqwest
//! (rustls; no OpenSSL). Feature `client`.
//!
//! Every method of every API goes through one generic path, [`Client::call`], driven by
//! the request type's [`Request::OPERATION`](crate::Request::OPERATION): the request is
//! serialised to JSON, its path parameters are percent-encoded into the path template,
//! and the others travel as dotted query parameters (`paging.limit=30`) for `GET` and
//! `DELETE` or as the JSON body otherwise. The response is decoded as
//! [`Request::Response`](crate::Request::Response), and an error answer carrying one of
//! the method's documented application codes as its
//! [`Request::Error`](crate::Request::Error), in [`Error::Application`].
//!
//! ```no_run
//! # async fn demo<R: wixgen_runtime::Request>(request: R) -> Result<(), Box<dyn std::error::Error>>
//! # where R::Error: 'static {
//! use wixgen_runtime::client::{Client, Credentials};
//!
//! let client = Client::builder(Credentials::access_token("…")).build()?;
//! // `request` is any generated request type: a Contacts `GetContactRequest`, an
//! // Inbox `SendMessageRequest`, ...
//! let response = client.call(&request).await?;
//! # let _ = response;
//! # Ok(()) }
//! ```
//!
//! Each API's crate (`wix-inbox`, `wix-contacts`, `wix-members`, and any crate
//! `wixgen generate` writes) has a client type of its own, declared with
//! [`api_client!`] around this one, whose inherent methods are the API's typed methods
//! (`InboxClient::send_message`, `ContactsClient::get_contact`, ...), generated over
//! [`Client::call`]. One connection serves every API: `ContactsClient::sharing(&inbox)`
//! is a Contacts client on the Inbox client's pool and credentials.
//!
//! With an app's credentials ([`Credentials::app`]) the client mints the access
//! tokens itself (OAuth client credentials, `POST {base URL}/oauth2/token`), one per
//! app instance, on the instance's first call; it keeps each until shortly before it
//! expires, and renews it once when a call is refused with 401. A call names its
//! instance through the client it is made on: `client.for_instance(id)` is a cheap
//! handle sharing the pool and the tokens (see [`Client::for_instance`]).
//!
//! Paged methods become streams with [`PageStream`]: it calls the method page after
//! page, as a function given the request just sent and its response says.
//!
//! Failures are an [`Error`], with the method's documented application errors as
//! [`Error::Application`]. `GET`s are retried on 429, 502, 503 and 504 and on
//! connection failures as the [`RetryPolicy`] says; other methods never are. Each call
//! runs in a `tracing` span (`wixgen_runtime.call`, or one an API crate names with
//! [`call_span!`] and [`Client::call_in`]) with the method's name, and ends with an
//! event giving the status, the latency and the number of tries. The credentials
//! appear in none of these, nor in any `Debug` output.

mod api;
mod call;
mod credentials;
mod encode;
mod error;
mod oauth;
pub mod paging;
mod retry;

use core::fmt;
use core::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

pub use credentials::{ApiKeyScope, Credentials, InvalidCredentials};
pub use error::{ApplicationErrorBody, Error, ErrorBody, ErrorDetails};
pub use oauth::TokenError;
/// The `Stream` trait and its extension traits from `futures-util`, re-exported so that
/// the methods of a [`PageStream`] (`next`, `try_next`, `try_collect`, `map_ok`, `take`,
/// ...) need no dependency of your own: `use wixgen_runtime::client::TryStreamExt;`.
pub use futures_util::stream::{Stream, StreamExt, TryStreamExt};
pub use paging::{Page, PageStream};
pub use retry::{RetryEvent, RetryPolicy, RetryReason};
/// Makes the `tracing` span a call runs in, for [`Client::call_in`]:
/// `call_span!("my_api.call", R::OPERATION)`. The span is at INFO level, named as given
/// (a string literal), with the target of the module it is written in, the fields
/// `method` (the operation's name) and `verb`, and the fields the call records when it
/// ends (`status`, `latency_ms`, `tries`).
#[doc(inline)]
pub use crate::__wix_call_span as call_span;
#[doc(inline)]
pub use crate::__wix_api_client as api_client;

use retry::RetryObserver;

/// The base URL of Wix's APIs, the client's default.
pub const DEFAULT_BASE_URL: &str = "https://www.wixapis.com";

/// The user agent of the HTTP client that [`ClientBuilder`] makes, unless told another.
pub const DEFAULT_USER_AGENT: &str = concat!("wixgen-runtime-rust/", env!("CARGO_PKG_VERSION"));

/// A client of the Wix APIs. Cheap to clone: clones share one connection pool (and,
/// with app credentials, the cached access tokens).
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
    /// The app instance calls act for ([`Client::for_instance`]).
    instance: Option<crate::Guid>,
}

struct Inner {
    http: reqwest::Client,
    base_url: String,
    auth: oauth::Auth,
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
        ClientBuilder::new(credentials)
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }
}

/// Every API's client type is `AsRef<Client>`, and so is the runtime's: an API's
/// `sharing(&client)` takes either.
impl AsRef<Client> for Client {
    fn as_ref(&self) -> &Client {
        self
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("credentials", &self.inner.auth)
            .field("instance", &self.instance)
            .field("timeout", &self.inner.timeout)
            .field("retry", &self.inner.retry)
            .finish_non_exhaustive()
    }
}

/// Configures a [`Client`], and builds it as a `C`: the runtime's [`Client`] itself
/// (the default), or an API crate's wrapper of it (anything `From<Client>`, such as
/// `wix_inbox::client::InboxClient`, whose `builder` gives this type with that `C`).
#[must_use]
pub struct ClientBuilder<C = Client> {
    credentials: Credentials,
    base_url: String,
    timeout: Option<Duration>,
    connect_timeout: Duration,
    user_agent: String,
    http: Option<reqwest::Client>,
    retry: RetryPolicy,
    on_retry: Option<RetryObserver>,
    built: PhantomData<fn() -> C>,
}

impl<C> ClientBuilder<C> {
    /// A builder with these credentials and the defaults: base URL
    /// [`DEFAULT_BASE_URL`], a 30 s timeout per try, a 10 s connect timeout, user agent
    /// [`DEFAULT_USER_AGENT`], [`RetryPolicy::default`]. ([`Client::builder`] is the
    /// same for `C = Client`.)
    pub fn new(credentials: Credentials) -> Self {
        ClientBuilder {
            credentials,
            base_url: DEFAULT_BASE_URL.to_owned(),
            timeout: Some(Duration::from_secs(30)),
            connect_timeout: Duration::from_secs(10),
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            http: None,
            retry: RetryPolicy::default(),
            on_retry: None,
            built: PhantomData,
        }
    }

    /// Where to send requests, such as a local server's `http://127.0.0.1:PORT`.
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

    /// The `User-Agent` of the reqwest client the builder makes ([`DEFAULT_USER_AGENT`]
    /// unless told). Not applied to one given with [`Self::http_client`].
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
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
}

impl<C: From<Client>> ClientBuilder<C> {
    /// The client.
    ///
    /// # Errors
    ///
    /// The base URL is not an `http` or `https` URL without query or fragment; the
    /// credentials cannot travel in a header; reqwest cannot make its client.
    pub fn build(self) -> Result<C, BuildError> {
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
        let (auth, instance) = self
            .credentials
            .auth()
            .map_err(|_| BuildError::InvalidCredentials)?;
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout)
                .user_agent(self.user_agent)
                .build()
                .map_err(BuildError::Http)?,
        };
        Ok(C::from(Client {
            inner: Arc::new(Inner {
                http,
                base_url,
                auth,
                timeout: self.timeout,
                retry: self.retry,
                on_retry: self.on_retry,
            }),
            instance,
        }))
    }
}

impl<C> fmt::Debug for ClientBuilder<C> {
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
