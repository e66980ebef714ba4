//! An async client for the Inbox API over reqwest (rustls; no OpenSSL). Feature
//! `client`, on by default.
//!
//! The client is the runtime's ([`wixgen_runtime::client`](crate::rt::client)), shared
//! by every API's crate, with the Inbox methods added: [`Client`] wraps it and
//! dereferences to it, and the other types here are the runtime's, re-exported.
//!
//! Every method goes through one generic path, [`Client::call`], driven by the
//! request type's [`Request::OPERATION`]: the request is
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
//! One client serves every API: `client.call(&request)` takes the request type of any
//! API's crate, and the typed methods of `wix-contacts` and `wix-members` (their
//! extension traits) work on this client too, through [`Deref`].
//! [`From`] converts between this client and the runtime's, both ways, at no cost.
//!
//! Failures are an [`Error`], with the method's documented application errors as
//! [`Error::Application`]. `GET`s are retried on 429, 502, 503 and 504 and on
//! connection failures as the [`RetryPolicy`] says; other methods never are. Each call
//! runs in a `tracing` span `wix_inbox.call` with the method's name, and ends with an
//! event giving the status, the latency and the number of tries. The credentials
//! appear in none of these, nor in any `Debug` output.

mod methods;
mod paging;

use core::fmt;
use core::ops::Deref;

use crate::rt::client as rt_client;
use crate::rt::Request;

pub use paging::MessageStream;
#[doc(no_inline)]
pub use rt_client::{
    ApiKeyScope, ApplicationErrorBody, BuildError, Credentials, Error, ErrorBody, ErrorDetails,
    InvalidCredentials, Page, PageStream, RetryEvent, RetryPolicy, RetryReason, TokenError,
    DEFAULT_BASE_URL,
};
/// The `Stream` trait and its extension traits from `futures-util`, re-exported so that
/// [`MessageStream`]'s methods (`next`, `try_next`, `try_collect`, `map_ok`, `take`, ...)
/// need no dependency of your own: `use wix_inbox::client::TryStreamExt;`.
#[doc(no_inline)]
pub use rt_client::{Stream, StreamExt, TryStreamExt};

/// Configures a [`Client`]: the runtime's builder, building this crate's client.
pub type ClientBuilder = rt_client::ClientBuilder<Client>;

/// The user agent of the HTTP client a [`ClientBuilder`] of this crate makes.
const USER_AGENT: &str = concat!("wix-inbox-rust/", env!("CARGO_PKG_VERSION"));

/// A client of the Inbox API (and, through [`Deref`] to the runtime's client, of any
/// API). Cheap to clone: clones share one connection pool.
#[derive(Clone)]
pub struct Client(rt_client::Client);

impl Client {
    /// A client with these credentials and the defaults: base URL
    /// [`DEFAULT_BASE_URL`], a 30 s timeout per try, [`RetryPolicy::default`].
    pub fn new(credentials: Credentials) -> Result<Client, BuildError> {
        Client::builder(credentials).build()
    }

    /// A builder to configure the client.
    pub fn builder(credentials: Credentials) -> ClientBuilder {
        ClientBuilder::new(credentials).user_agent(USER_AGENT)
    }

    /// This client acting for the app instance `instance`: the runtime's
    /// [`for_instance`](rt_client::Client::for_instance), as an Inbox client.
    pub fn for_instance(&self, instance: impl Into<crate::rt::Guid>) -> Client {
        Client(self.0.for_instance(instance))
    }

    /// Calls the method `R` describes with `request`: the path every typed method
    /// takes. The runtime's [`call`](rt_client::Client::call), in a span
    /// `wix_inbox.call`.
    ///
    /// # Errors
    ///
    /// See [`Error`]. A `GET` is retried first as the client's [`RetryPolicy`] says;
    /// the error is that of the last try.
    pub async fn call<R: Request>(&self, request: &R) -> Result<R::Response, Error<R::Error>> {
        let span = rt_client::call_span!("wix_inbox.call", R::OPERATION);
        self.0.call_in(span, request).await
    }
}

impl Deref for Client {
    type Target = rt_client::Client;

    fn deref(&self) -> &rt_client::Client {
        &self.0
    }
}

impl AsRef<rt_client::Client> for Client {
    fn as_ref(&self) -> &rt_client::Client {
        &self.0
    }
}

impl From<rt_client::Client> for Client {
    fn from(client: rt_client::Client) -> Client {
        Client(client)
    }
}

impl From<Client> for rt_client::Client {
    fn from(client: Client) -> rt_client::Client {
        client.0
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}
