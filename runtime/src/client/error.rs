//! [`Error`]: everything a call can fail with, and [`ErrorBody`], Wix's error body.

use core::fmt;

use serde::Deserialize;

use crate::{ApplicationError, NoApplicationError};

/// Why a call failed. `E` is the method's documented application errors
/// ([`Request::Error`](crate::Request::Error)).
///
/// No variant holds the credential: the `Authorization` header is never part of an
/// error, its `Debug` or its `Display`.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E> {
    /// The request could not be encoded (a path parameter missing, or the request
    /// type failed to serialise).
    Encode(String),
    /// No response: the connection failed, was refused or was reset, or the client
    /// could not send the request.
    Transport(reqwest::Error),
    /// No response within the client's timeout.
    Timeout,
    /// With app credentials: no access token could be had for the call (no instance
    /// named, the app's credentials refused, the token endpoint unreachable). The call
    /// was not sent.
    Token(super::TokenError),
    /// The server answered with one of the method's documented application errors
    /// (`details.applicationError.code`).
    Application {
        /// The HTTP status.
        status: u16,
        /// The documented error.
        error: E,
        /// The whole error body, decoded.
        body: Box<ErrorBody>,
    },
    /// The server answered with an error status and an error body whose application
    /// code (if any) the method does not document.
    Status {
        /// The HTTP status.
        status: u16,
        /// The error body, decoded (empty when the server sent none).
        body: Box<ErrorBody>,
    },
    /// The server's answer could not be decoded: a success body that is not the
    /// method's response, or an error body that is not Wix's error shape.
    UndecodableBody {
        /// The HTTP status.
        status: u16,
        /// The body as received (lossily decoded as UTF-8).
        raw: String,
        /// What was wrong with it.
        reason: String,
    },
}

impl<E> Error<E> {
    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Application { status, .. }
            | Error::Status { status, .. }
            | Error::UndecodableBody { status, .. } => Some(*status),
            Error::Encode(_) | Error::Transport(_) | Error::Timeout | Error::Token(_) => None,
        }
    }

    /// The decoded error body, when the server sent one in Wix's shape.
    pub fn body(&self) -> Option<&ErrorBody> {
        match self {
            Error::Application { body, .. } | Error::Status { body, .. } => Some(body),
            _ => None,
        }
    }

    /// The application error code the server sent (`details.applicationError.code`),
    /// documented for the method or not.
    pub fn code(&self) -> Option<&str> {
        self.body().and_then(ErrorBody::code)
    }

    /// The documented application error, when it is one.
    pub fn application_error(&self) -> Option<&E> {
        match self {
            Error::Application { error, .. } => Some(error),
            _ => None,
        }
    }

    /// The same error with its application error mapped (for helpers that call
    /// several methods).
    pub fn map_application<F>(self, f: impl FnOnce(E) -> F) -> Error<F> {
        match self {
            Error::Encode(e) => Error::Encode(e),
            Error::Transport(e) => Error::Transport(e),
            Error::Timeout => Error::Timeout,
            Error::Token(e) => Error::Token(e),
            Error::Application {
                status,
                error,
                body,
            } => Error::Application {
                status,
                error: f(error),
                body,
            },
            Error::Status { status, body } => Error::Status { status, body },
            Error::UndecodableBody {
                status,
                raw,
                reason,
            } => Error::UndecodableBody {
                status,
                raw,
                reason,
            },
        }
    }
}

impl Error<NoApplicationError> {
    /// The error of a method without application errors, as an error of any method.
    pub fn widen<F>(self) -> Error<F> {
        self.map_application(|never| match never {})
    }
}

impl<E: ApplicationError> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Encode(reason) => write!(f, "could not encode the request: {reason}"),
            Error::Transport(e) => write!(f, "transport error: {e}"),
            Error::Timeout => f.write_str("the request timed out"),
            Error::Token(e) => write!(f, "no access token: {e}"),
            Error::Application {
                status,
                error,
                body,
            } => {
                write!(f, "HTTP {status}: application error {}", error.code())?;
                write_message(f, body)
            }
            Error::Status { status, body } => {
                write!(f, "HTTP {status}")?;
                if let Some(code) = body.code() {
                    write!(f, ": application error {code}")?;
                }
                write_message(f, body)
            }
            Error::UndecodableBody { status, reason, .. } => {
                write!(f, "HTTP {status}: undecodable body: {reason}")
            }
        }
    }
}

fn write_message(f: &mut fmt::Formatter<'_>, body: &ErrorBody) -> fmt::Result {
    match body.message.as_deref().or(body.description()) {
        Some(message) => write!(f, " ({message})"),
        None => Ok(()),
    }
}

impl<E: ApplicationError> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport(e) => Some(e),
            Error::Token(e) => Some(e),
            _ => None,
        }
    }
}

/// Wix's error body: `{"message": "…", "details": {"applicationError": {"code": "…",
/// "description": "…"}}}`. Every part is optional.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorBody {
    /// A human-readable message.
    #[serde(default)]
    pub message: Option<String>,
    /// The details, such as the application error.
    #[serde(default)]
    pub details: Option<ErrorDetails>,
}

/// The `details` of an [`ErrorBody`].
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorDetails {
    /// The application error, when the failure is one.
    #[serde(default)]
    pub application_error: Option<ApplicationErrorBody>,
    /// Any other details (such as a validation error), as sent.
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

/// `details.applicationError` of an [`ErrorBody`].
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationErrorBody {
    /// The code, such as `CONVERSATION_NOT_FOUND`.
    #[serde(default)]
    pub code: Option<String>,
    /// What went wrong.
    #[serde(default)]
    pub description: Option<String>,
    /// Data the error carries, if any.
    #[serde(default)]
    pub data: Option<serde_json::Value>,
}

impl ErrorBody {
    /// `details.applicationError.code`.
    pub fn code(&self) -> Option<&str> {
        self.application()?.code.as_deref()
    }

    /// `details.applicationError.description`.
    pub fn description(&self) -> Option<&str> {
        self.application()?.description.as_deref()
    }

    fn application(&self) -> Option<&ApplicationErrorBody> {
        self.details.as_ref()?.application_error.as_ref()
    }
}

/// Classifies an error answer (`status` ≥ 400) by its body.
pub(crate) fn from_error_response<E: ApplicationError>(status: u16, raw: &[u8]) -> Error<E> {
    let text = String::from_utf8_lossy(raw);
    if text.trim().is_empty() {
        return Error::Status {
            status,
            body: Box::default(),
        };
    }
    let body = match serde_json::from_slice::<serde_json::Value>(raw) {
        Ok(value @ serde_json::Value::Object(_)) => serde_json::from_value::<ErrorBody>(value),
        Ok(_) => {
            return Error::UndecodableBody {
                status,
                raw: text.into_owned(),
                reason: "the error body is not a JSON object".into(),
            }
        }
        Err(e) => Err(e),
    };
    match body {
        Ok(body) => match body.code().and_then(E::from_code) {
            Some(error) => Error::Application {
                status,
                error,
                body: Box::new(body),
            },
            None => Error::Status {
                status,
                body: Box::new(body),
            },
        },
        Err(e) => Error::UndecodableBody {
            status,
            raw: text.into_owned(),
            reason: e.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A method's documented application errors, as wixgen generates them.
    #[derive(Debug, PartialEq)]
    enum GetConversationError {
        ConversationNotFound,
    }

    impl ApplicationError for GetConversationError {
        fn from_code(code: &str) -> Option<Self> {
            (code == "CONVERSATION_NOT_FOUND").then_some(GetConversationError::ConversationNotFound)
        }
        fn code(&self) -> &'static str {
            "CONVERSATION_NOT_FOUND"
        }
    }

    type E = Error<GetConversationError>;

    #[test]
    fn documented_codes_become_variants_and_others_keep_their_code() {
        let body = br#"{"message":"gone","details":{"applicationError":{"code":"CONVERSATION_NOT_FOUND","description":"no such"}}}"#;
        let e: E = from_error_response(404, body);
        assert_eq!(
            e.application_error(),
            Some(&GetConversationError::ConversationNotFound)
        );
        assert_eq!(e.code(), Some("CONVERSATION_NOT_FOUND"));
        assert_eq!(e.body().unwrap().description(), Some("no such"));
        assert_eq!(
            e.to_string(),
            "HTTP 404: application error CONVERSATION_NOT_FOUND (gone)"
        );

        let other = br#"{"message":"m","details":{"applicationError":{"code":"SOMETHING_NEW"}}}"#;
        let e: E = from_error_response(409, other);
        assert!(matches!(e, Error::Status { status: 409, .. }));
        assert_eq!(e.code(), Some("SOMETHING_NEW"));
    }

    #[test]
    fn bodies_that_are_not_wix_errors_keep_the_raw_text() {
        let e: E = from_error_response(502, b"<html>bad gateway</html>");
        match e {
            Error::UndecodableBody { status, raw, .. } => {
                assert_eq!(status, 502);
                assert_eq!(raw, "<html>bad gateway</html>");
            }
            other => panic!("{other:?}"),
        }
        let e: E = from_error_response(500, b"[1,2]");
        assert!(matches!(e, Error::UndecodableBody { .. }));
        let e: E = from_error_response(503, b"");
        assert!(matches!(e, Error::Status { status: 503, .. }));
    }
}
