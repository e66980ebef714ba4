//! A local server that behaves like the Wix Inbox API, and the Contacts and Members
//! APIs beside it, over in-memory state: for tests, and for developing against the
//! APIs without Wix.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! let server = wix_local_server::start().await?;
//! println!("Inbox API on {}", server.base_url()); // http://127.0.0.1:PORT
//! # Ok(()) }
//! ```
//!
//! What it does:
//!
//! - Inbox's four routes: getConversation, getOrCreateConversation (one conversation
//!   per participant and site), listMessages (cursor paging, 30 a page by default and
//!   at most 100, newest first unless `sorting.order=ASC`) and sendMessage;
//! - Contacts' five (queryContacts with filters, search, one sort field and offset
//!   paging; getContact with `fields` / `fieldsets`; createContact refusing duplicate
//!   email addresses; updateContact checking `revision`; deleteContact) and Members'
//!   four (getMember and queryMembers with `fieldsets`, queryMembers with filters,
//!   search, sorting and offset paging; createMember; deleteMember), each mounted on
//!   the verb and path of its generated request type's `Request::OPERATION`, decoding
//!   that type and answering the generated response type;
//! - Wix's error body for every error, the `/_local/` routes' included: 401 without
//!   an `Authorization` header, 400 for invalid JSON, IDs or paging and for message
//!   content the pages rule out (no content, no pieces, an empty text), 413 for a body
//!   over [`MAX_BODY_BYTES`], 408 for one that stalls, 404 and 405 for unknown routes
//!   and methods, and the documented application errors where they arise
//!   (`CONVERSATION_NOT_FOUND` for unknown and merged conversations,
//!   `NOT_OWNED_BY_BUSINESS` / `NOT_JOINED_CHATROOM` for another site's conversation,
//!   `NO_INBOX_INSTANCE` / `INBOX_INSTANCE_NOT_FOUND` on a site without Inbox,
//!   `INVALID_MEDIA_URL`, `IDENTITY_DOES_NOT_MATCH`) or when injected;
//! - participants who change kind ([`Inbox::convert_to_contact`],
//!   [`Inbox::convert_to_member`]): a new conversation, the old one merged into it, and
//!   a signed ConversationsMerged webhook to the configured URL; and the records the
//!   Contacts and Members routes answer with: a visitor who becomes a contact gets a
//!   contact (found by its email address with queryContacts), a member a member
//!   record whose `contactId` is their contact, announced by signed Contact Created
//!   and Member Created webhooks ([`ServerConfig::crm_webhook`]), as createContact and
//!   createMember announce theirs (and the Deleted events their deletions);
//! - the token endpoint of Wix apps, `POST /oauth2/token`: the app's ID
//!   ([`ServerConfig::app_id`]) and secret ([`ServerConfig::app_secret`]) and an
//!   instance ID give an access token (`token_type` `Bearer`, `expires_in` 14400 unless
//!   [`ServerConfig::token_lifetime`] says otherwise) that the API routes accept for
//!   the instance's site ([`site_of_instance`]) until it expires, or is revoked with
//!   [`AppTokens::revoke_all`]; wrong credentials get 401 `invalid_client`;
//! - fault injection ([`Faults`]) on every API route, after the credential check:
//!   latency, a status for the next N requests, spoiled bodies, application errors;
//! - the `/_local/` admin routes, which need the token when the server has one
//!   ([`ServerConfig::accepted_credentials`]) and take JSON bodies only (415 otherwise),
//!   so that no web page can drive them;
//! - bounds on what a request may ask: nesting ([`MAX_NESTING_DEPTH`], 400), fault
//!   latency ([`MAX_LATENCY`]), and connection timeouts
//!   ([`ServerConfig::header_read_timeout`], [`ServerConfig::body_idle_timeout`]).
//!
//! The site a request acts on is its `wix-site-id` header, or the server's site
//! ([`ServerConfig::site_id`]) without one.

mod admin;
mod admin_guard;
mod contacts;
mod content;
mod crm;
pub mod demo;
pub mod support;
mod events;
mod faults;
mod ids;
mod limits;
mod members;
mod oauth;
mod ops;
mod query;
mod routes;
mod serve;
mod store;
mod webhook_out;
mod wix_error;

use std::collections::HashMap;
use std::fmt;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use wix_inbox::{AppId, InstanceId, SiteId};

pub use admin::{Conversion, Inbox};
pub use content::MAX_TEXT_CHARS;
pub use crm::{
    ContactDetails, CONTACTS_DEFAULT_PAGE_SIZE, CONTACTS_MAX_PAGE_SIZE, MEMBERS_MAX_PAGE_SIZE,
};
pub use faults::{BodyFault, Faults};
pub use limits::{MAX_LATENCY, MAX_NESTING_DEPTH};
pub use oauth::{site_of_instance, AppTokens, DEFAULT_APP_SECRET, DEFAULT_TOKEN_LIFETIME};
pub use routes::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};
pub use store::Merge;
pub use webhook_out::{sign_rs256, webhook_claims, DeliveryRecord, EventParts, WebhookTarget};
pub use wix_error::AppError;

/// The largest request body the server reads, in bytes (2 MiB); a larger one is
/// answered 413, in Wix's error shape.
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// The site requests act on when they name none.
pub const DEFAULT_SITE_ID: SiteId = SiteId::from_literal("5a1e5a1e-0000-4000-8000-000000000001");
/// The app that messages sent through the API come from.
pub const DEFAULT_APP_ID: AppId = AppId::from_literal("a9900a99-0000-4000-8000-000000000002");
/// The app instance webhooks are addressed to.
pub const DEFAULT_INSTANCE_ID: InstanceId =
    InstanceId::from_literal("1257a2ce-0000-4000-8000-000000000003");

/// How to run the server.
#[derive(Clone)]
pub struct ServerConfig {
    /// Where to listen: `127.0.0.1:0` (an ephemeral port) by default.
    pub addr: SocketAddr,
    /// The site of requests without `wix-site-id`, and of the admin operations.
    pub site_id: SiteId,
    /// The app that API-sent messages are from.
    pub app_id: AppId,
    /// The app instance named in webhooks, installed on [`site_id`](Self::site_id).
    pub instance_id: InstanceId,
    /// The `Authorization` values accepted; `None` accepts any non-empty one. Tokens
    /// minted by `POST /oauth2/token` are accepted either way while they live.
    pub accepted_credentials: Option<Vec<String>>,
    /// The secret of the app [`app_id`](Self::app_id) that `POST /oauth2/token` takes
    /// ([`DEFAULT_APP_SECRET`] by default); any other is refused (401
    /// `invalid_client`).
    pub app_secret: String,
    /// How long a token minted by `POST /oauth2/token` lives (its `expires_in`):
    /// [`DEFAULT_TOKEN_LIFETIME`], 4 hours as Wix's, unless shortened for a test
    /// (whole seconds, at least 1).
    pub token_lifetime: std::time::Duration,
    /// Where to send Inbox's signed webhooks (ConversationsMerged,
    /// MessageSentToBusiness); `None` sends none.
    pub webhook: Option<WebhookTarget>,
    /// Where to send the signed Contacts and Members webhooks (Contact Created,
    /// Updated and Deleted; Member Created and Deleted); `None` sends none. Apart from
    /// [`webhook`](Self::webhook) as in Wix, where an app subscribes to each event
    /// with its own callback URL: give both the same target to get every event at one
    /// URL.
    pub crm_webhook: Option<WebhookTarget>,
    /// How long a request's head (request line and headers) may take to arrive,
    /// counted from the connection's start or, on a kept-alive connection, from the
    /// previous answer: past it the connection is closed (so an idle kept-alive
    /// connection is closed after it too). 30 s by default.
    pub header_read_timeout: Duration,
    /// How long a request body may pause between two of its parts: past it the
    /// request is answered 408 and its connection closed. 30 s by default.
    pub body_idle_timeout: Duration,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            site_id: DEFAULT_SITE_ID,
            app_id: DEFAULT_APP_ID,
            instance_id: DEFAULT_INSTANCE_ID,
            accepted_credentials: None,
            app_secret: DEFAULT_APP_SECRET.to_owned(),
            token_lifetime: DEFAULT_TOKEN_LIFETIME,
            webhook: None,
            crm_webhook: None,
            header_read_timeout: Duration::from_secs(30),
            body_idle_timeout: Duration::from_secs(30),
        }
    }
}

impl fmt::Debug for ServerConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServerConfig")
            .field("addr", &self.addr)
            .field("site_id", &self.site_id)
            .field(
                "accepted_credentials",
                &self
                    .accepted_credentials
                    .as_ref()
                    .map(|c| format!("<{} redacted>", c.len())),
            )
            .field("app_secret", &format_args!("<redacted>"))
            .field("token_lifetime", &self.token_lifetime)
            .field("webhook", &self.webhook)
            .field("crm_webhook", &self.crm_webhook)
            .field("header_read_timeout", &self.header_read_timeout)
            .field("body_idle_timeout", &self.body_idle_timeout)
            .finish_non_exhaustive()
    }
}

/// State shared by the routes and the handles.
pub(crate) struct Shared {
    store: Mutex<store::Store>,
    faults: Mutex<faults::FaultState>,
    counts: Mutex<HashMap<&'static str, usize>>,
    deliveries: Mutex<Vec<DeliveryRecord>>,
    tokens: Mutex<oauth::TokenState>,
    config: ServerConfig,
    http: reqwest::Client,
}

impl Shared {
    fn store(&self) -> MutexGuard<'_, store::Store> {
        self.store.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The time now in RFC 3339, as the API writes it.
pub(crate) fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// A running server. Dropping it stops the server.
pub struct LocalServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
}

/// Starts a server with the default configuration on 127.0.0.1 and an ephemeral port.
pub async fn start() -> std::io::Result<LocalServer> {
    start_with(ServerConfig::default()).await
}

/// Starts a server with `config`.
pub async fn start_with(config: ServerConfig) -> std::io::Result<LocalServer> {
    let listener = TcpListener::bind(config.addr).await?;
    let addr = listener.local_addr()?;
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .map_err(std::io::Error::other)?;
    let shared = Arc::new(Shared {
        store: Mutex::new(store::Store::new()),
        faults: Mutex::new(faults::FaultState::default()),
        counts: Mutex::new(HashMap::new()),
        deliveries: Mutex::new(Vec::new()),
        tokens: Mutex::new(oauth::TokenState::default()),
        config,
        http,
    });
    let app = routes::api(shared.clone())
        .merge(admin::routes(shared.clone()))
        .merge(oauth::routes())
        .fallback(wix_error::no_route)
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(shared.clone());
    let timeouts = serve::Timeouts {
        header_read: shared.config.header_read_timeout,
        body_idle: shared.config.body_idle_timeout,
    };
    let (tx, rx) = oneshot::channel::<()>();
    let task = tokio::spawn(serve::serve(listener, app, timeouts, rx));
    tracing::info!(%addr, "local Inbox, Contacts and Members server listening");
    Ok(LocalServer {
        addr,
        shared,
        shutdown: Some(tx),
        task: Some(task),
    })
}

impl LocalServer {
    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://ADDR`: the base URL to give a client.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The handle to its state: participants, conversions (and the contacts and
    /// members they make), counters.
    pub fn inbox(&self) -> Inbox {
        Inbox(self.shared.clone())
    }

    /// The handle to its faults.
    pub fn faults(&self) -> Faults {
        Faults(self.shared.clone())
    }

    /// The handle to the access tokens its `POST /oauth2/token` minted.
    pub fn app_tokens(&self) -> AppTokens {
        AppTokens(self.shared.clone())
    }

    /// Stops accepting requests and waits for the server to finish.
    pub async fn shutdown(mut self) -> std::io::Result<()> {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        match self.task.take() {
            Some(task) => task.await.map_err(std::io::Error::other)?,
            None => Ok(()),
        }
    }

    /// Serves until the process is interrupted (Ctrl-C).
    pub async fn run_until_ctrl_c(self) -> std::io::Result<()> {
        tokio::signal::ctrl_c().await?;
        self.shutdown().await
    }
}

impl Drop for LocalServer {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

impl fmt::Debug for LocalServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LocalServer")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}
