//! Error answers in Wix's shape: `{"message", "details": {"applicationError": {code,
//! description}}}` or, for bad input, `{"message", "details": {"validationError": …}}`.
//! Every error the server answers has this shape, the ones axum would answer in plain
//! text included: bodies that are not JSON or too large ([`WixJson`]), unknown routes
//! ([`no_route`]) and methods ([`method_not_allowed`]).

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequest, Request};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use crate::MAX_BODY_BYTES;

/// An error answer: a status and Wix's error body.
#[derive(Clone, Debug, PartialEq)]
pub struct AppError {
    /// The HTTP status.
    pub status: u16,
    /// The body.
    pub body: Value,
}

impl AppError {
    /// An application error with `code`, answered with `status`.
    pub fn application(status: u16, code: &str, description: &str) -> Self {
        AppError {
            status,
            body: json!({
                "message": description,
                "details": {"applicationError": {"code": code, "description": description, "data": {}}},
            }),
        }
    }

    /// The status the API documents for an application error code, if it is one.
    pub fn documented_status(code: &str) -> Option<u16> {
        Some(match code {
            "NOT_OWNED_BY_BUSINESS" | "NOT_JOINED_CHATROOM" | "IDENTITY_DOES_NOT_MATCH" => 403,
            "CONVERSATION_NOT_FOUND" | "INBOX_INSTANCE_NOT_FOUND" => 404,
            "NO_INBOX_INSTANCE" => 428,
            "INVALID_MEDIA_URL" => 400,
            _ => return None,
        })
    }

    /// The application error `code` with its documented status (500 if unknown).
    pub fn code(code: &str) -> Self {
        let status = AppError::documented_status(code).unwrap_or(500);
        AppError::application(status, code, &format!("{code} (injected)"))
    }

    /// 400: a field is invalid.
    pub fn invalid_argument(field: &str, why: &str) -> Self {
        AppError {
            status: 400,
            body: json!({
                "message": format!("{field}: {why}"),
                "details": {"validationError": {"fieldViolations": [
                    {"field": field, "description": why, "violatedRule": "VALIDATION"}
                ]}},
            }),
        }
    }

    /// 400: the body is not what the method takes.
    pub fn invalid_body(why: &str) -> Self {
        AppError {
            status: 400,
            body: json!({
                "message": format!("invalid request: {why}"),
                "details": {"validationError": {"fieldViolations": [
                    {"field": "", "description": why, "violatedRule": "VALIDATION"}
                ]}},
            }),
        }
    }

    /// A status with a plain message and no application error.
    pub fn status(status: u16, message: &str) -> Self {
        AppError {
            status,
            body: json!({"message": message, "details": {}}),
        }
    }

    /// The error for a body that could not be read: 413 when it is larger than
    /// [`MAX_BODY_BYTES`].
    fn unreadable_body(rejection: &BytesRejection) -> Self {
        let status = rejection.status();
        if status == StatusCode::PAYLOAD_TOO_LARGE {
            AppError::status(
                status.as_u16(),
                &format!("the request body is larger than {MAX_BODY_BYTES} bytes"),
            )
        } else {
            AppError::status(status.as_u16(), &rejection.body_text())
        }
    }

    pub(crate) fn conversation_not_found() -> Self {
        Self::application(404, "CONVERSATION_NOT_FOUND", "no conversation has this ID")
    }

    pub(crate) fn not_owned_by_business() -> Self {
        Self::application(
            403,
            "NOT_OWNED_BY_BUSINESS",
            "the conversation belongs to another site",
        )
    }

    pub(crate) fn not_joined_chatroom() -> Self {
        Self::application(
            403,
            "NOT_JOINED_CHATROOM",
            "the caller is not part of this conversation",
        )
    }

    pub(crate) fn no_inbox_instance() -> Self {
        Self::application(428, "NO_INBOX_INSTANCE", "Inbox is not set up on the site")
    }

    pub(crate) fn inbox_instance_not_found() -> Self {
        Self::application(
            404,
            "INBOX_INSTANCE_NOT_FOUND",
            "the site's Inbox instance was not found",
        )
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, self.body.to_string()).into_response();
        response.headers_mut().insert(
            axum::http::header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        response
    }
}

/// A JSON request body, refused in Wix's shape: 400 `invalid_body` when it is not the
/// JSON the route takes (whatever the `Content-Type`, as the API routes always did),
/// 413 when it is larger than [`MAX_BODY_BYTES`].
pub(crate) struct WixJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for WixJson<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, AppError> {
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| AppError::unreadable_body(&rejection))?;
        serde_json::from_slice(&bytes)
            .map(WixJson)
            .map_err(|e| AppError::invalid_body(&e.to_string()))
    }
}

/// 404 for a path the server has no route for.
pub(crate) async fn no_route() -> AppError {
    AppError::status(404, "no route for this path")
}

/// 405 for a route the request's method is not one of.
pub(crate) async fn method_not_allowed() -> AppError {
    AppError::status(405, "the route does not take this method")
}
