//! The API methods the server answers, as the bindings describe them: each generated
//! request type's `Request::OPERATION` gives the verb and path its route is mounted
//! on, and the parameters the route decodes into the request type. Routes, fault
//! injection and request counting all read this table, so none can drift from the
//! bindings.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{FromRequest, Path, Request as HttpRequest};
use axum::handler::Handler;
use axum::http::Method;
use axum::routing::{on, MethodFilter};
use axum::{RequestPartsExt, Router};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use wix_contacts::rt::{HttpVerb, Operation, ParamLocation, Request};

use crate::wix_error::AppError;

/// Every method the server answers: Inbox, Contacts, Members.
pub(crate) const OPERATIONS: [Operation; 13] = [
    <wix_inbox::GetConversationRequest as Request>::OPERATION,
    <wix_inbox::GetOrCreateConversationRequest as Request>::OPERATION,
    <wix_inbox::ListMessagesRequest as Request>::OPERATION,
    <wix_inbox::SendMessageRequest as Request>::OPERATION,
    <wix_contacts::QueryContactsRequest as Request>::OPERATION,
    <wix_contacts::GetContactRequest as Request>::OPERATION,
    <wix_contacts::CreateContactRequest as Request>::OPERATION,
    <wix_contacts::UpdateContactRequest as Request>::OPERATION,
    <wix_contacts::DeleteContactRequest as Request>::OPERATION,
    <wix_members::GetMemberRequest as Request>::OPERATION,
    <wix_members::QueryMembersRequest as Request>::OPERATION,
    <wix_members::CreateMemberRequest as Request>::OPERATION,
    <wix_members::DeleteMemberRequest as Request>::OPERATION,
];

/// The method a request calls, by verb and path (`"other"` when none): a literal
/// segment wins over a placeholder (`POST …/contacts/query` is queryContacts).
pub(crate) fn method_name(method: &Method, path: &str) -> &'static str {
    OPERATIONS
        .iter()
        .filter(|op| op.verb.as_str() == method.as_str())
        .filter_map(|op| placeholders_if_matches(op.path, path).map(|n| (n, op.name)))
        .min_by_key(|(n, _)| *n)
        .map_or("other", |(_, name)| name)
}

/// How many placeholders `template` used to match `path`, if it matches.
fn placeholders_if_matches(template: &str, path: &str) -> Option<usize> {
    let template: Vec<&str> = template.trim_matches('/').split('/').collect();
    let path: Vec<&str> = path.trim_matches('/').split('/').collect();
    if template.len() != path.len() {
        return None;
    }
    let mut placeholders = 0;
    for (t, p) in template.iter().zip(&path) {
        if is_placeholder(t) {
            if p.is_empty() {
                return None;
            }
            placeholders += 1;
        } else if t != p {
            return None;
        }
    }
    Some(placeholders)
}

fn is_placeholder(segment: &str) -> bool {
    segment.len() > 2 && segment.starts_with('{') && segment.ends_with('}')
}

/// The names of a template's placeholders, in order (`{contactId}` gives `contactId`).
fn placeholder_names(template: &str) -> Vec<&str> {
    template
        .split('/')
        .filter(|s| is_placeholder(s))
        .map(|s| &s[1..s.len() - 1])
        .collect()
}

/// The template as an axum route: placeholders renamed by position (`{p0}`, `{p1}`…),
/// so that methods naming the same segment differently (`{id}` for getContact,
/// `{contactId}` for updateContact) share one route.
fn axum_path(template: &str) -> String {
    let mut n = 0;
    template
        .split('/')
        .map(|segment| {
            if is_placeholder(segment) {
                n += 1;
                format!("{{p{}}}", n - 1)
            } else {
                segment.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn method_filter(verb: HttpVerb) -> MethodFilter {
    match verb {
        HttpVerb::Get => MethodFilter::GET,
        HttpVerb::Post => MethodFilter::POST,
        HttpVerb::Put => MethodFilter::PUT,
        HttpVerb::Patch => MethodFilter::PATCH,
        HttpVerb::Delete => MethodFilter::DELETE,
    }
}

/// Mounts `handler` on the verb and path of `R::OPERATION`.
pub(crate) fn route<R, H, T, S>(router: Router<S>, handler: H) -> Router<S>
where
    R: Request,
    H: Handler<T, S>,
    T: 'static,
    S: Clone + Send + Sync + 'static,
{
    let op = R::OPERATION;
    router.route(&axum_path(op.path), on(method_filter(op.verb), handler))
}

/// A request decoded into the generated request type `R`, from where
/// `R::OPERATION.params` says each parameter travels: path parameters from the path,
/// query parameters from the query string (each as an array, as repeated keys carry
/// them: `?fieldsets=BASIC&fieldsets=EXTENDED`), the rest from the JSON body. Refused
/// in Wix's shape: 400 for what does not decode or nests too deep, 413 for a body over
/// the limit, 408 for one that stalls.
pub(crate) struct Call<R>(pub R);

impl<S: Send + Sync, R: Request + DeserializeOwned> FromRequest<S> for Call<R> {
    type Rejection = AppError;

    async fn from_request(request: HttpRequest, state: &S) -> Result<Self, AppError> {
        let (mut parts, body) = request.into_parts();
        let by_position: HashMap<String, String> = parts
            .extract::<Path<HashMap<String, String>>>()
            .await
            .map(|Path(p)| p)
            .unwrap_or_default();
        let query = parts.uri.query().map(str::to_owned);
        let bytes = Bytes::from_request(HttpRequest::from_parts(parts, body), state)
            .await
            .map_err(|rejection| AppError::unreadable_body(&rejection))?;
        let path_values: Vec<(&str, String)> = placeholder_names(R::OPERATION.path)
            .into_iter()
            .enumerate()
            .filter_map(|(i, name)| Some((name, by_position.get(&format!("p{i}"))?.clone())))
            .collect();
        decode::<R>(&path_values, query.as_deref(), &bytes).map(Call)
    }
}

/// Builds the request object from its three sources and decodes it.
fn decode<R: Request + DeserializeOwned>(
    path_values: &[(&str, String)],
    query: Option<&str>,
    body: &[u8],
) -> Result<R, AppError> {
    crate::limits::check_body_depth(body)?;
    let mut object = if body.iter().all(u8::is_ascii_whitespace) {
        Map::new()
    } else {
        match serde_json::from_slice::<Value>(body) {
            Ok(Value::Object(object)) => object,
            Ok(_) => return Err(AppError::invalid_body("the body is not a JSON object")),
            Err(e) => return Err(AppError::invalid_body(&e.to_string())),
        }
    };
    let pairs: Vec<(String, String)> = match query {
        None => Vec::new(),
        Some(query) => reqwest::Url::parse(&format!("http://q/?{query}"))
            .map_err(|e| AppError::invalid_body(&e.to_string()))?
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect(),
    };
    for (name, location) in R::OPERATION.params {
        match location {
            ParamLocation::Path => {
                let value = path_values
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, v)| Value::String(v.clone()))
                    .ok_or_else(|| AppError::invalid_argument(name, "missing from the path"))?;
                if let Some(given) = object.get(*name) {
                    if given != &value {
                        return Err(AppError::invalid_argument(
                            name,
                            "the body names another one than the path",
                        ));
                    }
                }
                object.insert((*name).to_owned(), value);
            }
            ParamLocation::Query => {
                let values: Vec<Value> = pairs
                    .iter()
                    .filter(|(k, _)| k == name)
                    .map(|(_, v)| Value::String(v.clone()))
                    .collect();
                if !values.is_empty() {
                    object.insert((*name).to_owned(), Value::Array(values));
                }
            }
            ParamLocation::Body => {}
        }
    }
    serde_json::from_value(Value::Object(object)).map_err(|e| {
        // A path parameter that is not a GUID names its parameter.
        match R::OPERATION
            .params
            .iter()
            .find(|(n, l)| *l == ParamLocation::Path && e.to_string().contains(n))
        {
            Some((name, _)) => AppError::invalid_argument(name, &e.to_string()),
            None => AppError::invalid_body(&e.to_string()),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_is_found_by_its_own_verb_and_path() {
        for op in OPERATIONS {
            let path = op
                .path
                .split('/')
                .map(|s| if is_placeholder(s) { "x" } else { s })
                .collect::<Vec<_>>()
                .join("/");
            let method = Method::from_bytes(op.verb.as_str().as_bytes()).unwrap();
            assert_eq!(method_name(&method, &path), op.name, "{path}");
        }
        assert_eq!(
            method_name(&Method::POST, "/contacts/v4/contacts/query"),
            "queryContacts"
        );
        assert_eq!(
            method_name(&Method::PATCH, "/contacts/v4/contacts/query"),
            "updateContact"
        );
        assert_eq!(method_name(&Method::GET, "/contacts/v4/contacts/"), "other");
        assert_eq!(method_name(&Method::PUT, "/members/v1/members"), "other");
    }

    #[test]
    fn paths_share_routes_by_position() {
        assert_eq!(
            axum_path("/contacts/v4/contacts/{contactId}"),
            "/contacts/v4/contacts/{p0}"
        );
        assert_eq!(
            axum_path("/contacts/v4/contacts/{id}"),
            "/contacts/v4/contacts/{p0}"
        );
        assert_eq!(placeholder_names("/a/{x}/b/{y}"), ["x", "y"]);
    }

    #[test]
    fn requests_decode_from_path_query_and_body() {
        let r: wix_contacts::GetContactRequest = decode(
            &[("id", "c0ffee00-1234-4abc-8def-0123456789ab".into())],
            Some("fieldsets=BASIC&fields=info.name&fields=id&other=1"),
            b"",
        )
        .unwrap();
        assert_eq!(r.fields, ["info.name", "id"]);
        assert_eq!(r.fieldsets, [wix_contacts::ContactFieldSet::Basic]);
        let e = decode::<wix_contacts::GetContactRequest>(&[("id", "nope".into())], None, b"")
            .unwrap_err();
        assert_eq!(e.status, 400);
        let r: wix_contacts::UpdateContactRequest = decode(
            &[("contactId", "c0ffee00-1234-4abc-8def-0123456789ab".into())],
            None,
            br#"{"revision": 3, "info": {"company": "Acme"}}"#,
        )
        .unwrap();
        assert_eq!(r.revision, Some(3));
        let e = decode::<wix_contacts::UpdateContactRequest>(
            &[("contactId", "c0ffee00-1234-4abc-8def-0123456789ab".into())],
            None,
            br#"{"contactId": "c0ffee00-1234-4abc-8def-0123456789ac", "revision": 3, "info": {}}"#,
        )
        .unwrap_err();
        assert_eq!(e.status, 400);
        assert!(decode::<wix_contacts::QueryContactsRequest>(&[], None, b"[]").is_err());
    }
}
