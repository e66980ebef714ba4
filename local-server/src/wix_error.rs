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
        AppError::application_with_data(status, code, description, json!({}))
    }

    /// An application error with `code` and the error's `data`, answered with `status`.
    pub fn application_with_data(status: u16, code: &str, description: &str, data: Value) -> Self {
        AppError {
            status,
            body: json!({
                "message": description,
                "details": {"applicationError": {"code": code, "description": description, "data": data}},
            }),
        }
    }

    /// The status the APIs (Inbox, Contacts, Members) document for an application
    /// error code, if it is one.
    pub fn documented_status(code: &str) -> Option<u16> {
        Some(match code {
            // Inbox
            "NOT_OWNED_BY_BUSINESS" | "NOT_JOINED_CHATROOM" | "IDENTITY_DOES_NOT_MATCH" => 403,
            "CONVERSATION_NOT_FOUND" | "INBOX_INSTANCE_NOT_FOUND" => 404,
            "NO_INBOX_INSTANCE" => 428,
            "INVALID_MEDIA_URL" => 400,
            // Contacts
            "CONTACT_NOT_FOUND" => 404,
            "DUPLICATE_CONTACT_EXISTS"
            | "CONTACT_ID_ALREADY_EXISTS"
            | "CONTACT_ALREADY_CHANGED" => 409,
            "INSUFFICIENT_CONTACT_DATA"
            | "INSUFFICIENT_UPDATE_CONTACT_DATA"
            | "CANNOT_HAVE_MULTIPLE_PRIMARY_INFO"
            | "INVALID_EXTENDED_FIELD_VALUE"
            | "UNSUPPORTED_SORT_FIELD"
            | "ILLEGAL_LIMIT"
            | "MALFORMED_FILTER"
            | "UNSUPPORTED_FILTER"
            | "UNSUPPORTED_FILTER_FIELD_UNKNOWN"
            | "UNSUPPORTED_FILTER_OPERATOR"
            | "UNSUPPORTED_FILTER_VALUE"
            | "UNSUPPORTED_FILTER_VALUE_TYPE" => 400,
            "CANNOT_UPDATE_MEMBER_EMAIL"
            | "CANNOT_DELETE_MEMBER"
            | "CANNOT_DELETE_CONTACT_WITH_BILLING_SUBSCRIPTION"
            | "CANNOT_DELETE_MEMBER_OWNER_OR_CONTRIBUTOR" => 428,
            "FAILED_DELETE_CONTACT_AFTER_MEMBER_DELETION" => 500,
            // Members
            "MEMBER_TO_MEMBER_BLOCKED" => 403,
            "OWNER_OR_CONTRIBUTOR_MEMBER_DELETE_FORBIDDEN"
            | "ACTIVE_SUBSCRIPTION_MEMBER_DELETE_FORBIDDEN" => 400,
            _ => return None,
        })
    }

    /// The application error `code` with its documented status, as the server answers
    /// it where it arises.
    pub(crate) fn documented(code: &str, description: &str) -> Self {
        let status = AppError::documented_status(code).unwrap_or(500);
        AppError::application(status, code, description)
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
    /// [`MAX_BODY_BYTES`], 408 when it stalled (the body idle timeout).
    pub(crate) fn unreadable_body(rejection: &BytesRejection) -> Self {
        let status = rejection.status();
        if crate::serve::is_body_stalled(rejection) {
            AppError::status(StatusCode::REQUEST_TIMEOUT.as_u16(), &rejection.body_text())
        } else if status == StatusCode::PAYLOAD_TOO_LARGE {
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

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let message = self.body["message"].as_str().unwrap_or("error");
        match self.body["details"]["applicationError"]["code"].as_str() {
            Some(code) => write!(f, "{} {code}: {message}", self.status),
            None => write!(f, "{}: {message}", self.status),
        }
    }
}

impl std::error::Error for AppError {}

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
/// JSON the route takes (whatever the `Content-Type`, as the API routes always did) or
/// nests deeper than [`MAX_NESTING_DEPTH`](crate::MAX_NESTING_DEPTH), 413 when it is
/// larger than [`MAX_BODY_BYTES`].
pub(crate) struct WixJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for WixJson<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, AppError> {
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| AppError::unreadable_body(&rejection))?;
        crate::limits::check_body_depth(&bytes)?;
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
