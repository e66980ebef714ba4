//! The token endpoint of Wix apps, `POST /oauth2/token`: OAuth client credentials
//! (`{"grant_type": "client_credentials", "client_id", "client_secret",
//! "instance_id"}`) exchanged for an access token (`{"access_token", "token_type":
//! "Bearer", "expires_in"}`) that the API routes accept for the instance's site until
//! it expires. [`AppTokens`] is the handle tests use to see and revoke what it minted.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::sync::{Arc, MutexGuard};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json, Value};
use wix_inbox::{InstanceId, SiteId};

use crate::Shared;

/// The app secret the server accepts for its app ([`ServerConfig::app_secret`](crate::ServerConfig::app_secret))
/// unless told another. A made-up value, for local use only.
pub const DEFAULT_APP_SECRET: &str = "local-app-secret";

/// How long a minted token lives unless told otherwise: 4 hours (14400 s), as Wix's.
pub const DEFAULT_TOKEN_LIFETIME: Duration = Duration::from_secs(4 * 60 * 60);

/// What a minted token stands for.
#[derive(Clone, Copy, Debug)]
struct Minted {
    site: SiteId,
    expires: Instant,
}

/// The tokens minted so far, live or expired (so that an expired one is refused rather
/// than taken for any credential).
#[derive(Debug, Default)]
pub(crate) struct TokenState {
    tokens: HashMap<String, Minted>,
    /// The instance of each token minted, in order.
    log: Vec<InstanceId>,
}

/// The token prefix: a token that has it and is not one of the live ones is refused,
/// even where the server accepts any other credential.
const TOKEN_PREFIX: &str = "local-oauth.";

pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/oauth2/token", post(token))
        .method_not_allowed_fallback(crate::wix_error::method_not_allowed)
}

/// Whether `token` is one the endpoint minted: `Some(Ok(site))` while it lives,
/// `Some(Err(why))` once expired or revoked, `None` for any other credential.
pub(crate) fn site_of_token(shared: &Shared, token: &str) -> Option<Result<SiteId, &'static str>> {
    if !token.starts_with(TOKEN_PREFIX) {
        return None;
    }
    let state = state(shared);
    Some(match state.tokens.get(token) {
        Some(minted) if Instant::now() < minted.expires => Ok(minted.site),
        Some(_) => Err("the access token has expired"),
        None => Err("the access token is not valid"),
    })
}

fn state(shared: &Shared) -> MutexGuard<'_, TokenState> {
    shared.tokens.lock().unwrap_or_else(|p| p.into_inner())
}

/// The site an instance of the app is installed on: the server's site for its own
/// instance ([`ServerConfig::instance_id`](crate::ServerConfig::instance_id)), and
/// for any other instance a site of its own, with the instance's GUID as its ID.
pub fn site_of_instance(config: &crate::ServerConfig, instance: &InstanceId) -> SiteId {
    if *instance == config.instance_id {
        return config.site_id;
    }
    // An instance ID is a GUID, so it always parses as a site ID.
    instance.as_str().parse().unwrap_or(config.site_id)
}

/// An error answer of the token endpoint: the OAuth error fields (`error`,
/// `error_description`, RFC 6749 section 5.2) beside Wix's `message` and `details`.
fn refuse(status: u16, error: &str, description: &str) -> Response {
    let body = json!({
        "error": error,
        "error_description": description,
        "message": description,
        "details": {},
    });
    let status =
        axum::http::StatusCode::from_u16(status).unwrap_or(axum::http::StatusCode::BAD_REQUEST);
    let mut response = (status, Json(body)).into_response();
    // OAuth responses are never cached (RFC 6749 section 5.1).
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

async fn token(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    let Ok(Value::Object(fields)) = serde_json::from_slice::<Value>(&body) else {
        return refuse(400, "invalid_request", "the body is not a JSON object");
    };
    let text = |name: &str| fields.get(name).and_then(Value::as_str);
    match text("grant_type") {
        Some("client_credentials") => {}
        Some(_) => {
            return refuse(
                400,
                "unsupported_grant_type",
                "only `client_credentials` is supported",
            )
        }
        None => return refuse(400, "invalid_request", "`grant_type` is missing"),
    }
    let config = &shared.config;
    let client_ok = text("client_id") == Some(config.app_id.as_str());
    let secret_ok = text("client_secret") == Some(config.app_secret.as_str());
    if !(client_ok && secret_ok) {
        // The same answer for an unknown app and a wrong secret: neither is confirmed.
        return refuse(401, "invalid_client", "the app ID or secret is not valid");
    }
    let Some(instance) = text("instance_id") else {
        return refuse(400, "invalid_request", "`instance_id` is missing");
    };
    let Ok(instance) = instance.parse::<InstanceId>() else {
        return refuse(400, "invalid_request", "`instance_id` is not a GUID");
    };
    let lifetime = config.token_lifetime.max(Duration::from_secs(1));
    let minted = Minted {
        site: site_of_instance(config, &instance),
        expires: Instant::now() + lifetime,
    };
    let access_token = {
        let mut state = state(&shared);
        let token = new_token(state.log.len());
        state.tokens.insert(token.clone(), minted);
        state.log.push(instance);
        token
    };
    tracing::info!(instance = %instance, "minted an access token");
    let mut response = Json(json!({
        "access_token": access_token,
        "token_type": "Bearer",
        "expires_in": lifetime.as_secs(),
    }))
    .into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A fresh token: the prefix, a counter (so no two are the same) and random bits
/// (so none can be guessed from another).
fn new_token(count: usize) -> String {
    let random = |salt: u64| {
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u64(salt);
        hasher.finish()
    };
    format!(
        "{TOKEN_PREFIX}{count}.{:016x}{:016x}",
        random(count as u64),
        random(!(count as u64))
    )
}

/// The handle to the tokens the server minted (`LocalServer::app_tokens`).
#[derive(Clone)]
pub struct AppTokens(pub(crate) Arc<Shared>);

impl AppTokens {
    /// How many tokens the token endpoint minted, for any instance.
    pub fn minted(&self) -> usize {
        state(&self.0).log.len()
    }

    /// How many tokens it minted for `instance`.
    pub fn minted_for(&self, instance: &InstanceId) -> usize {
        state(&self.0).log.iter().filter(|i| *i == instance).count()
    }

    /// Revokes every token minted so far: the API routes answer 401 to them, as Wix
    /// does to a token that is no longer valid.
    pub fn revoke_all(&self) {
        state(&self.0).tokens.clear();
    }
}

impl std::fmt::Debug for AppTokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppTokens")
            .field("minted", &self.minted())
            .finish()
    }
}
