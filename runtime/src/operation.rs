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
    /// In the URL path only, filling a placeholder of [`Operation::path`] (see
    /// [`Operation::path_params`]).
    Path,
    /// In the URL's query string.
    Query,
    /// In the JSON request body.
    Body,
}

/// A variable of an operation's path template: which request field fills it, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PathParam {
    /// The request field whose value fills the variable, from the request's top level:
    /// `&["conversationId"]` (the parameter travels in the path only), or a field path,
    /// `&["category", "id"]` for `{category.id}` (`category` is still sent whole in the
    /// body, and its `id` also fills the path).
    pub field: &'static [&'static str],
    /// `{name=**}`: the value is the rest of the path. Its `/` separate segments, each
    /// percent-encoded on its own; without it a `/` in the value is escaped (`%2F`).
    pub wildcard: bool,
}

impl PathParam {
    /// A variable that fills one path segment (`{conversationId}`, `{category.id}`).
    pub const fn segment(field: &'static [&'static str]) -> Self {
        PathParam { field, wildcard: false }
    }

    /// A wildcard (`{collectionId=**}`): the rest of the path, its `/` kept.
    pub const fn rest(field: &'static [&'static str]) -> Self {
        PathParam { field, wildcard: true }
    }
}

/// An API method: how to call it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Operation {
    /// The method's name in the API reference, e.g. `"sendMessage"`.
    pub name: &'static str,
    /// The HTTP method.
    pub verb: HttpVerb,
    /// The URL path with a `{...}` placeholder for each path parameter, as the API
    /// reference writes it, e.g. `"/inbox/v2/conversations/{conversationId}"`,
    /// `"/faq/v1/categories/{category.id}"`, `"/data/v2/collections/{collectionId=**}"`.
    pub path: &'static str,
    /// What fills each placeholder of [`Operation::path`], in order.
    pub path_params: &'static [PathParam],
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
            path_params: &[PathParam::segment(&["conversationId"])],
            params: &[("conversationId", ParamLocation::Path)],
            scopes: &[],
        };
        assert_eq!(OP.params[0], ("conversationId", ParamLocation::Path));
        assert!(!OP.path_params[0].wildcard);
        assert!(PathParam::rest(&["path"]).wildcard);
    }
}
