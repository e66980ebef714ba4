//! The guard in front of the `/_local/` routes. They change what the server answers
//! (faults, conversions), so they must be closed to what the API routes are closed to,
//! and to web pages: a page of any origin may POST to 127.0.0.1 without asking, but
//! only with a body a form could send (`text/plain`, form encodings, or no type). A
//! JSON content type makes the browser ask first (a CORS preflight), which the server
//! never grants.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::faults::check_credentials;
use crate::wix_error::AppError;
use crate::Shared;

/// Refuses, in Wix's error shape: 401 without the token when the server has
/// [`accepted_credentials`](crate::ServerConfig::accepted_credentials), and 415 for a
/// POST (the method the routes take a body with) whose `Content-Type` is not JSON.
pub(crate) async fn guard(
    State(shared): State<Arc<Shared>>,
    request: Request,
    next: Next,
) -> Response {
    if shared.config.accepted_credentials.is_some() {
        if let Err(e) = check_credentials(&shared, request.headers()) {
            return e.into_response();
        }
    }
    // Other methods are answered 405 by the routes.
    if request.method() == Method::POST && !is_json(request.headers().get(header::CONTENT_TYPE)) {
        return AppError::status(
            415,
            "the /_local/ routes take JSON only: send `Content-Type: application/json`",
        )
        .into_response();
    }
    next.run(request).await
}

/// Whether a `Content-Type` is JSON: `application/json` or `application/…+json`, in
/// any case, with or without parameters.
fn is_json(content_type: Option<&header::HeaderValue>) -> bool {
    let Some(value) = content_type.and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let essence = value.split(';').next().unwrap_or_default().trim();
    let essence = essence.to_ascii_lowercase();
    match essence.split_once('/') {
        Some(("application", subtype)) => subtype == "json" || subtype.ends_with("+json"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    #[test]
    fn json_content_types() {
        let json = |v: &'static str| is_json(Some(&HeaderValue::from_static(v)));
        assert!(json("application/json"));
        assert!(json("Application/JSON ; charset=utf-8"));
        assert!(json("application/merge-patch+json"));
        for other in [
            "text/plain",
            "text/json",
            "application/jsonp",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "json",
            "",
        ] {
            assert!(!json(other), "{other}");
        }
        assert!(!is_json(None));
    }
}
