//! Fault injection and the gate every API request passes: counting, credentials, then
//! (for requests that pass them) added latency, injected statuses, injected
//! application errors, corrupted bodies.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use wix_inbox::SiteId;

use crate::limits::MAX_LATENCY;
use crate::ops::{method_name, OPERATIONS};
use crate::wix_error::AppError;
use crate::Shared;

/// How to spoil a response body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyFault {
    /// Cut the body in half (the status and a matching `Content-Length` are kept).
    Truncated,
    /// Replace the body with text that is not JSON.
    Malformed,
}

#[derive(Debug, Default)]
pub(crate) struct FaultState {
    latency: Duration,
    status: Option<(u16, usize, Option<u64>)>,
    body: Option<(BodyFault, usize)>,
    application: Vec<(String, String, usize)>,
}

/// Takes one use of a counted fault, dropping it when used up.
fn take<T: Clone>(slot: &mut Option<(T, usize)>) -> Option<T> {
    let (value, left) = slot.as_mut()?;
    let value = value.clone();
    *left -= 1;
    if *left == 0 {
        *slot = None;
    }
    Some(value)
}

/// Controls the faults of a running server. Every fault applies to the API routes
/// only (Inbox, Contacts and Members, not `/_local/`); counted faults are used up by
/// the next requests, whatever method.
#[derive(Clone)]
pub struct Faults(pub(crate) Arc<Shared>);

impl Faults {
    fn state(&self) -> std::sync::MutexGuard<'_, FaultState> {
        self.0.faults.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Waits this long before handling each request (zero: none).
    ///
    /// # Panics
    ///
    /// When `latency` is over [`MAX_LATENCY`] (one minute): more would only hang every
    /// call.
    #[track_caller]
    pub fn set_latency(&self, latency: Duration) {
        assert!(
            latency <= MAX_LATENCY,
            "an injected latency is at most {} ms, not {} ms",
            MAX_LATENCY.as_millis(),
            latency.as_millis()
        );
        self.state().latency = latency;
    }

    /// Answers the next `count` requests with `status` and a Wix error body.
    ///
    /// # Panics
    ///
    /// When `status` is not an error status (400 to 599): any other one, with an error
    /// body, would be a broken answer (a 101, say, switches protocols).
    pub fn fail_next(&self, status: u16, count: usize) {
        assert_error_status(status);
        self.state().status = (count > 0).then_some((status, count, None));
    }

    /// Like [`fail_next`](Self::fail_next), with a `Retry-After` of `seconds`.
    ///
    /// # Panics
    ///
    /// As [`fail_next`](Self::fail_next).
    pub fn fail_next_with_retry_after(&self, status: u16, count: usize, seconds: u64) {
        assert_error_status(status);
        self.state().status = (count > 0).then_some((status, count, Some(seconds)));
    }

    /// Spoils the body of the next `count` answers.
    pub fn corrupt_next(&self, fault: BodyFault, count: usize) {
        self.state().body = (count > 0).then_some((fault, count));
    }

    /// Answers the next `count` calls of `method` (e.g. `"listMessages"`,
    /// `"queryContacts"`, `"getMember"`: the method names of the APIs' pages) with
    /// the application error `code` at its documented status (500 for a code no page
    /// documents).
    ///
    /// # Panics
    ///
    /// When the server has no method `method` (a fault that could never fire), or
    /// `code` is empty.
    #[track_caller]
    pub fn application_error_next(&self, method: &str, code: &str, count: usize) {
        if let Err((field, why)) = check_application_error(method, code) {
            panic!("an injected application error's {field}: {why}");
        }
        if count > 0 {
            self.state()
                .application
                .push((method.into(), code.into(), count));
        }
    }

    /// Removes every fault.
    pub fn clear(&self) {
        *self.state() = FaultState::default();
    }
}

/// Whether `status` is one a fault may inject: a client or server error, 400 to 599.
pub(crate) fn is_error_status(status: u16) -> bool {
    (400..=599).contains(&status)
}

/// Refuses an application error fault that could never fire (no method `method`) or
/// has no code: the field at fault (`method` or `code`) and why.
pub(crate) fn check_application_error(
    method: &str,
    code: &str,
) -> Result<(), (&'static str, String)> {
    if !OPERATIONS.iter().any(|op| op.name == method) {
        return Err((
            "method",
            format!(
                "the server has no method `{method}` (one of the APIs' methods, as `listMessages`)"
            ),
        ));
    }
    if code.trim().is_empty() {
        return Err(("code", "the code is empty: name the error to answer".to_owned()));
    }
    Ok(())
}

#[track_caller]
fn assert_error_status(status: u16) {
    assert!(
        is_error_status(status),
        "an injected status must be an error status (400 to 599), not {status}"
    );
}

/// Who is calling: the site the request acts on.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Caller {
    pub site: SiteId,
}

/// The gate in front of the API routes.
pub(crate) async fn gate(
    State(shared): State<Arc<Shared>>,
    mut request: Request,
    next: Next,
) -> Response {
    let method = method_name(request.method(), request.uri().path());
    *shared
        .counts
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .entry(method)
        .or_default() += 1;

    // Credentials first: a refused request uses up no fault and waits for none.
    let caller = match authenticate(&shared, &request) {
        Ok(caller) => caller,
        Err(e) => return e.into_response(),
    };
    let (latency, status, body_fault) = {
        let mut faults = shared.faults.lock().unwrap_or_else(|p| p.into_inner());
        let status = faults.status.as_mut().map(|(status, left, retry_after)| {
            *left -= 1;
            (*status, *left, *retry_after)
        });
        if matches!(status, Some((_, 0, _))) {
            faults.status = None;
        }
        let body_fault = take(&mut faults.body);
        (faults.latency, status, body_fault)
    };
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    let response = match status {
        Some((status, _, retry_after)) => {
            let mut response = AppError::status(status, "injected fault").into_response();
            if let Some(seconds) = retry_after {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
            }
            response
        }
        None => match injected_application_error(&shared, method) {
            Some(e) => e.into_response(),
            None => {
                request.extensions_mut().insert(caller);
                next.run(request).await
            }
        },
    };
    match body_fault {
        Some(fault) => spoil(response, fault).await,
        None => response,
    }
}

/// Refuses a request without the credentials the server accepts (any non-empty
/// `Authorization`, or one of [`ServerConfig::accepted_credentials`](crate::ServerConfig)):
/// 401. For the API routes and, when the server has credentials set, the admin routes.
/// A token minted by `POST /oauth2/token` stands for its instance's site: that site is
/// returned.
pub(crate) fn check_credentials(
    shared: &Shared,
    headers: &HeaderMap,
) -> Result<Option<SiteId>, AppError> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            AppError::status(401, "missing credentials: send an Authorization header")
        })?;
    // A token the app minted stands for its instance's site.
    if let Some(minted) = crate::oauth::site_of_token(shared, token) {
        return minted.map(Some).map_err(|why| AppError::status(401, why));
    }
    if let Some(accepted) = &shared.config.accepted_credentials {
        if !accepted.iter().any(|a| a == token) {
            return Err(AppError::status(401, "the credentials are not valid"));
        }
    }
    Ok(None)
}

fn authenticate(shared: &Shared, request: &Request) -> Result<Caller, AppError> {
    let headers = request.headers();
    if let Some(site) = check_credentials(shared, headers)? {
        return Ok(Caller { site });
    }
    let site = match headers.get("wix-site-id") {
        Some(value) => value
            .to_str()
            .ok()
            .and_then(|v| v.parse::<SiteId>().ok())
            .ok_or_else(|| AppError::invalid_argument("wix-site-id", "not a GUID"))?,
        None => shared.config.site_id,
    };
    Ok(Caller { site })
}

fn injected_application_error(shared: &Shared, method: &str) -> Option<AppError> {
    let mut faults = shared.faults.lock().unwrap_or_else(|p| p.into_inner());
    let i = faults
        .application
        .iter()
        .position(|(m, _, _)| m == method)?;
    let entry = &mut faults.application[i];
    let error = AppError::code(&entry.1);
    entry.2 -= 1;
    if entry.2 == 0 {
        faults.application.remove(i);
    }
    Some(error)
}

async fn spoil(response: Response, fault: BodyFault) -> Response {
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let spoiled = match fault {
        BodyFault::Truncated => bytes.slice(..bytes.len() / 2),
        BodyFault::Malformed => {
            axum::body::Bytes::from_static(b"<html>Service temporarily confused</html>")
        }
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(spoiled))
}
