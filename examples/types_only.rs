//! The bindings without their client ("types only", `default-features = false`), with
//! an HTTP client of your own: build a request from the generated types and the
//! method's `Request::OPERATION`, send it, and decode the response with serde_json.
//!
//! ```toml
//! [dependencies]
//! wix-inbox = { path = "generated/inbox", default-features = false }
//! serde_json = "1"
//! ```
//!
//! ```sh
//! WIX_ACCESS_TOKEN=… cargo run -p wix-examples --no-default-features --bin types_only -- CONTACT_ID "Hello!"
//! ```
//!
//! (`WIX_BASE_URL=http://127.0.0.1:8085` for a local Inbox server.) The HTTP client
//! here is reqwest, set up by the example itself; any other does as well: the
//! functions [`build`] and [`decode`] deal in method, URL, headers and body text only.

use std::error::Error;
use std::fmt;

use serde_json::Value;
use wix_inbox::rt::{ApplicationError, ParamLocation, Request};
use wix_inbox::{ContactId, GetOrCreateConversationRequest, Message, SendMessageRequest};

/// The base URL of Wix's APIs.
pub const WIX_API: &str = "https://www.wixapis.com";

/// An HTTP request, for whatever client sends it.
#[derive(Debug)]
pub struct HttpRequest {
    /// `POST`, `GET`, ...
    pub method: &'static str,
    /// The base URL and the method's path.
    pub url: String,
    /// Header names and values: `authorization` and `content-type`.
    pub headers: Vec<(&'static str, String)>,
    /// The JSON body.
    pub body: String,
}

/// Why a call failed.
#[derive(Debug)]
pub enum CallError<E> {
    /// One of the method's documented application errors
    /// (`details.applicationError.code` of Wix's error body).
    Application(E),
    /// Another error status, with the body as sent.
    Status {
        /// The HTTP status.
        status: u16,
        /// The response body.
        body: String,
    },
    /// The request could not be encoded, or the response decoded.
    Json(serde_json::Error),
    /// The HTTP client failed.
    Transport(reqwest::Error),
    /// The method (named) takes parameters in its path or query: this example builds
    /// only methods whose parameters all travel in the JSON body.
    NotInBody(&'static str),
}

/// The request that calls `R`'s method with `request`, at `base_url` (such as
/// [`WIX_API`]) with the access token `token`.
///
/// Every parameter of getOrCreateConversation and sendMessage travels in the JSON
/// body, so the body is the request as serde_json writes it. (For a `GET` such as
/// listMessages, the parameters go in the path and query as `OPERATION.params` says:
/// `paging.limit=30`.)
pub fn build<R: Request>(
    base_url: &str,
    token: &str,
    request: &R,
) -> Result<HttpRequest, CallError<R::Error>> {
    let operation = R::OPERATION;
    if operation
        .params
        .iter()
        .any(|(_, location)| *location != ParamLocation::Body)
    {
        return Err(CallError::NotInBody(operation.name));
    }
    Ok(HttpRequest {
        method: operation.verb.as_str(),
        url: format!("{}{}", base_url.trim_end_matches('/'), operation.path),
        headers: vec![
            ("authorization", token.to_owned()),
            ("content-type", "application/json".to_owned()),
        ],
        body: serde_json::to_string(request).map_err(CallError::Json)?,
    })
}

/// `R`'s response from the HTTP status and body text: the typed response for a 2xx,
/// the method's typed application error for an error it documents.
pub fn decode<R: Request>(status: u16, body: &str) -> Result<R::Response, CallError<R::Error>> {
    if (200..300).contains(&status) {
        return serde_json::from_str(body).map_err(CallError::Json);
    }
    // Wix's error body: {"message": …, "details": {"applicationError": {"code": …}}}.
    let error: Value = serde_json::from_str(body).unwrap_or_default();
    let code = error["details"]["applicationError"]["code"].as_str();
    match code.and_then(R::Error::from_code) {
        Some(e) => Err(CallError::Application(e)),
        None => Err(CallError::Status {
            status,
            body: body.to_owned(),
        }),
    }
}

/// Calls `R`'s method: [`build`], send with `http`, [`decode`].
pub async fn call<R: Request>(
    http: &reqwest::Client,
    base_url: &str,
    token: &str,
    request: &R,
) -> Result<R::Response, CallError<R::Error>> {
    let built = build(base_url, token, request)?;
    let method =
        reqwest::Method::from_bytes(built.method.as_bytes()).expect("an HTTP method's name");
    let mut outgoing = http.request(method, &built.url).body(built.body);
    for (name, value) in built.headers {
        outgoing = outgoing.header(name, value);
    }
    let response = outgoing.send().await.map_err(CallError::Transport)?;
    let status = response.status().as_u16();
    let body = response.text().await.map_err(CallError::Transport)?;
    decode::<R>(status, &body)
}

/// Sends `text` to the contact's conversation with the generated types alone, and
/// returns the message as stored.
pub async fn send_text(
    http: &reqwest::Client,
    base_url: &str,
    token: &str,
    contact: ContactId,
    text: &str,
) -> Result<Message, Box<dyn Error + Send + Sync>> {
    let found = call(
        http,
        base_url,
        token,
        &GetOrCreateConversationRequest::new(contact),
    )
    .await?;
    let conversation = found
        .conversation
        .as_ref()
        .and_then(|c| c.id().copied())
        .ok_or("the response has no conversation ID")?;
    let request = SendMessageRequest::new(conversation, Message::text(text));
    let sent = call(http, base_url, token, &request).await?;
    Ok(sent.message.ok_or("the response has no message")?)
}

impl<E: fmt::Debug> fmt::Display for CallError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallError::Application(e) => write!(f, "application error {e:?}"),
            CallError::Status { status, body } => write!(f, "HTTP {status}: {body}"),
            CallError::Json(e) => write!(f, "JSON: {e}"),
            CallError::Transport(e) => write!(f, "HTTP client: {e}"),
            CallError::NotInBody(name) => write!(f, "{name} takes parameters outside the body"),
        }
    }
}

impl<E: fmt::Debug> Error for CallError<E> {}

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error + Send + Sync>> {
    let mut args = std::env::args().skip(1);
    let contact: ContactId = args
        .next()
        .ok_or("usage: types_only CONTACT_ID [TEXT]")?
        .parse()?;
    let text = args.next().unwrap_or_else(|| "Hello from Rust!".to_owned());
    let token = std::env::var("WIX_ACCESS_TOKEN").map_err(|_| "set WIX_ACCESS_TOKEN")?;
    let base_url = std::env::var("WIX_BASE_URL").unwrap_or_else(|_| WIX_API.to_owned());
    let http = reqwest::Client::new();
    let sent = send_text(&http, &base_url, &token, contact, &text).await?;
    println!(
        "sent message #{} to {contact}: {text}",
        sent.sequence().unwrap_or_default()
    );
    Ok(())
}
