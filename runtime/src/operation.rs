//! What the client needs to know about each API method and webhook event.

use serde::de::DeserializeOwned;
use serde::Serialize;

/// An HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HttpVerb {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
}

impl HttpVerb {
    /// The method's name as HTTP spells it, e.g. `"GET"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            HttpVerb::Get => "GET",
            HttpVerb::Post => "POST",
            HttpVerb::Put => "PUT",
            HttpVerb::Patch => "PATCH",
            HttpVerb::Delete => "DELETE",
        }
    }
}

/// Where a request's top-level parameter travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParamLocation {
    /// In the URL path, replacing `{name}` in [`Operation::path`].
    Path,
    /// In the URL's query string.
    Query,
    /// In the JSON request body.
    Body,
}

/// An API method: how to call it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Operation {
    /// The method's name in the API reference, e.g. `"sendMessage"`.
    pub name: &'static str,
    /// The HTTP method.
    pub verb: HttpVerb,
    /// The URL path with `{name}` placeholders for path parameters, e.g.
    /// `"/inbox/v2/conversations/{conversationId}"`.
    pub path: &'static str,
    /// The wire names of the request's top-level parameters and where each travels.
    pub params: &'static [(&'static str, ParamLocation)],
    /// The permission scopes the method requires.
    pub scopes: &'static [&'static str],
}

/// Implemented by every generated request type.
pub trait Request: Serialize {
    /// The method's response.
    type Response: DeserializeOwned;
    /// The method's documented application errors.
    type Error: ApplicationError;
    /// How to call the method.
    const OPERATION: Operation;
}

/// Implemented by each method's generated application-error enum.
pub trait ApplicationError: Sized + std::fmt::Debug {
    /// The error whose application code is `code`, or `None` for a code the method
    /// does not document.
    fn from_code(code: &str) -> Option<Self>;
    /// The error's application code as the API sends it.
    fn code(&self) -> &'static str;
}

/// The application errors of a method that documents none: there are no values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoApplicationError {}

impl ApplicationError for NoApplicationError {
    fn from_code(_code: &str) -> Option<Self> {
        None
    }

    fn code(&self) -> &'static str {
        match *self {}
    }
}

/// Implemented by each webhook event's body type, and by its payload type when no other
/// event carries that payload.
pub trait Event: DeserializeOwned {
    /// The event's type as the webhook names it.
    const EVENT_TYPE: &'static str;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs_and_no_application_error() {
        let names = [
            HttpVerb::Get,
            HttpVerb::Post,
            HttpVerb::Put,
            HttpVerb::Patch,
            HttpVerb::Delete,
        ]
        .map(HttpVerb::as_str);
        assert_eq!(names, ["GET", "POST", "PUT", "PATCH", "DELETE"]);
        assert_eq!(
            NoApplicationError::from_code("CONVERSATION_NOT_FOUND"),
            None
        );
        const OP: Operation = Operation {
            name: "getConversation",
            verb: HttpVerb::Get,
            path: "/inbox/v2/conversations/{conversationId}",
            params: &[("conversationId", ParamLocation::Path)],
            scopes: &[],
        };
        assert_eq!(OP.params[0], ("conversationId", ParamLocation::Path));
    }
}
