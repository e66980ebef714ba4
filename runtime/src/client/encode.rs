//! Turning a request, serialised to JSON, into the parts of an HTTP request, as its
//! [`Operation`] says: path parameters into the path template (percent-encoded),
//! query parameters flattened to dotted keys (`paging.limit=30`), the rest a JSON body.
//!
//! A placeholder is filled from the request field its [`PathParam`] names: a top-level
//! parameter is taken out of the request (it travels in the path only); a field path
//! (`{category.id}`) is read where it is, and its parameter is sent whole as well. A
//! wildcard (`{path=**}`) keeps the value's `/` between segments; anywhere else a `/` is
//! escaped. A missing, `null` or empty value, and a segment `.` or `..` (which would
//! move up the path), are errors naming the field.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::{Map, Value};

use crate::{HttpVerb, Operation, ParamLocation, PathParam};

/// Everything but the unreserved characters of RFC 3986 is escaped in a path segment.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The parts of an HTTP request.
#[derive(Debug, PartialEq)]
pub(crate) struct Encoded {
    /// The path with its parameters filled in and escaped.
    pub path: String,
    /// Query parameters, in order, not yet escaped.
    pub query: Vec<(String, String)>,
    /// The JSON body, for methods that have one.
    pub body: Option<Value>,
}

/// Splits `request` (a JSON object) into path, query and body as `op` describes.
///
/// Parameters `op` does not list travel in the query for `GET` and `DELETE`, in the
/// body otherwise.
pub(crate) fn encode(op: &Operation, request: Value) -> Result<Encoded, String> {
    let mut fields = match request {
        Value::Object(fields) => fields,
        Value::Null => Map::new(),
        other => return Err(format!("the request is not a JSON object: {other}")),
    };
    let path = fill_path(op, &mut fields)?;

    let bodyless = matches!(op.verb, HttpVerb::Get | HttpVerb::Delete);
    let location = |name: &str| {
        op.params
            .iter()
            .find(|(param, _)| *param == name)
            .map(|(_, location)| *location)
    };
    let mut query = Vec::new();
    let mut body = Map::new();
    for (name, value) in fields {
        match location(&name) {
            Some(ParamLocation::Query) => flatten(&name, &value, &mut query),
            Some(ParamLocation::Body) if !bodyless => {
                body.insert(name, value);
            }
            _ if bodyless => flatten(&name, &value, &mut query),
            _ => {
                body.insert(name, value);
            }
        }
    }
    Ok(Encoded {
        path,
        query,
        body: (!bodyless).then_some(Value::Object(body)),
    })
}

/// `op.path` with every placeholder replaced by its value from `fields`, escaped.
fn fill_path(op: &Operation, fields: &mut Map<String, Value>) -> Result<String, String> {
    let mut path = String::with_capacity(op.path.len());
    let mut rest = op.path;
    let mut params = op.path_params.iter();
    while let Some(open) = rest.find('{') {
        let close = rest[open..]
            .find('}')
            .map(|i| open + i)
            .ok_or_else(|| format!("unclosed `{{` in the path template `{}`", op.path))?;
        let param = params.next().ok_or_else(|| {
            format!(
                "the path template `{}` has more placeholders than the operation has path parameters",
                op.path
            )
        })?;
        path.push_str(&rest[..open]);
        let value = path_value(param, fields)?;
        let name = param.field.join(".");
        let segments: Vec<&str> = if param.wildcard {
            value.split('/').collect()
        } else {
            vec![value.as_str()]
        };
        for (i, segment) in segments.into_iter().enumerate() {
            match segment {
                "" => return Err(format!("path parameter `{name}` has an empty segment: `{value}`")),
                "." | ".." => {
                    return Err(format!("path parameter `{name}` has the segment `{segment}`, which would change the path"))
                }
                _ => {}
            }
            if i > 0 {
                path.push('/');
            }
            path.extend(utf8_percent_encode(segment, SEGMENT));
        }
        rest = &rest[close + 1..];
    }
    if params.next().is_some() {
        return Err(format!(
            "the operation has more path parameters than the path template `{}` has placeholders",
            op.path
        ));
    }
    path.push_str(rest);
    Ok(path)
}

/// The text of the field `param` names: a top-level one is taken out of `fields`, a
/// nested one is read in place.
fn path_value(param: &PathParam, fields: &mut Map<String, Value>) -> Result<String, String> {
    let name = param.field.join(".");
    let value = match param.field {
        [] => return Err("a path parameter names no field".to_owned()),
        [top] => fields.remove(*top),
        [top, inner @ ..] => inner
            .iter()
            .try_fold(fields.get(*top), |v, key| Some(v?.get(*key)))
            .flatten()
            .cloned(),
    };
    let text = match value {
        Some(Value::String(s)) => s,
        Some(v @ (Value::Number(_) | Value::Bool(_))) => v.to_string(),
        Some(Value::Null) | None => return Err(format!("path parameter `{name}` is not set")),
        Some(other) => return Err(format!("path parameter `{name}` is not a scalar: {other}")),
    };
    if text.is_empty() {
        return Err(format!("path parameter `{name}` is empty"));
    }
    Ok(text)
}

/// Appends `value` under `key`: objects as `key.field`, arrays as repeated keys,
/// scalars as text; `null` is left out.
fn flatten(key: &str, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Null => {}
        Value::Bool(b) => out.push((key.to_owned(), b.to_string())),
        Value::Number(n) => out.push((key.to_owned(), n.to_string())),
        Value::String(s) => out.push((key.to_owned(), s.clone())),
        Value::Array(items) => items.iter().for_each(|item| flatten(key, item, out)),
        Value::Object(fields) => {
            for (field, value) in fields {
                flatten(&format!("{key}.{field}"), value, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const GET: Operation = Operation {
        name: "getThing",
        verb: HttpVerb::Get,
        path: "/v2/things/{thingId}/parts/{part}",
        path_params: &[
            PathParam { field: &["thingId"], wildcard: false },
            PathParam { field: &["part"], wildcard: false },
        ],
        params: &[
            ("thingId", ParamLocation::Path),
            ("part", ParamLocation::Path),
            ("paging", ParamLocation::Query),
        ],
        scopes: &[],
    };

    const POST: Operation = Operation {
        name: "sendThing",
        verb: HttpVerb::Post,
        path: "/v2/things/{thingId}",
        path_params: &[PathParam { field: &["thingId"], wildcard: false }],
        params: &[
            ("thingId", ParamLocation::Path),
            ("filter", ParamLocation::Query),
            ("message", ParamLocation::Body),
        ],
        scopes: &[],
    };

    #[test]
    fn get_fills_the_path_and_flattens_the_rest_into_the_query() {
        let request = json!({
            "thingId": "a b/c?d%e",
            "part": 7,
            "paging": {"limit": 30, "cursor": "x y", "none": null},
            "tags": ["t1", "t2"],
        });
        let mut encoded = encode(&GET, request).unwrap();
        assert_eq!(encoded.path, "/v2/things/a%20b%2Fc%3Fd%25e/parts/7");
        // Key order follows serde_json's map, which a feature may change.
        encoded.query.sort();
        assert_eq!(
            encoded.query,
            [
                ("paging.cursor".into(), "x y".into()),
                ("paging.limit".into(), "30".into()),
                ("tags".into(), "t1".into()),
                ("tags".into(), "t2".into()),
            ]
        );
        assert_eq!(encoded.body, None);
    }

    #[test]
    fn post_sends_the_rest_as_a_json_body_except_query_params() {
        let request =
            json!({"thingId": "é", "filter": {"q": 1}, "message": {"text": "hi"}, "extra": true});
        let encoded = encode(&POST, request).unwrap();
        assert_eq!(encoded.path, "/v2/things/%C3%A9");
        assert_eq!(encoded.query, [("filter.q".into(), "1".into())]);
        assert_eq!(
            encoded.body,
            Some(json!({"message": {"text": "hi"}, "extra": true}))
        );
    }

    /// `PUT /v1/shelves/{shelf.id}/books/{book.isbn}`: field paths of body parameters.
    const UPDATE: Operation = Operation {
        name: "updateShelf",
        verb: HttpVerb::Put,
        path: "/v1/shelves/{shelf.id}/books/{book.isbn}",
        path_params: &[
            PathParam { field: &["shelf", "id"], wildcard: false },
            PathParam { field: &["book", "isbn"], wildcard: false },
        ],
        params: &[("shelf", ParamLocation::Body), ("book", ParamLocation::Body)],
        scopes: &[],
    };

    /// `GET /v1/files/{path=**}/meta`: a wildcard, then a literal segment.
    const FILE: Operation = Operation {
        name: "getFile",
        verb: HttpVerb::Get,
        path: "/v1/files/{path=**}/meta",
        path_params: &[PathParam { field: &["path"], wildcard: true }],
        params: &[("path", ParamLocation::Path), ("fieldsets", ParamLocation::Query)],
        scopes: &[],
    };

    #[test]
    fn a_field_path_fills_the_path_and_its_parameter_stays_in_the_body() {
        let request = json!({
            "shelf": {"id": "oak/1 a", "label": "Oak"},
            "book": {"isbn": 978},
        });
        let encoded = encode(&UPDATE, request.clone()).unwrap();
        // Each value is one segment: its `/` and space are escaped.
        assert_eq!(encoded.path, "/v1/shelves/oak%2F1%20a/books/978");
        assert_eq!(encoded.body, Some(request));
        assert!(encoded.query.is_empty());
    }

    #[test]
    fn a_missing_or_empty_field_path_is_an_error_naming_it() {
        let err = encode(&UPDATE, json!({"shelf": {"label": "Oak"}, "book": {"isbn": "1"}})).unwrap_err();
        assert_eq!(err, "path parameter `shelf.id` is not set");
        let err = encode(&UPDATE, json!({"book": {"isbn": "1"}})).unwrap_err();
        assert_eq!(err, "path parameter `shelf.id` is not set");
        let err = encode(&UPDATE, json!({"shelf": {"id": null}, "book": {"isbn": "1"}})).unwrap_err();
        assert_eq!(err, "path parameter `shelf.id` is not set");
        let err = encode(&UPDATE, json!({"shelf": {"id": "s"}, "book": {"isbn": ""}})).unwrap_err();
        assert_eq!(err, "path parameter `book.isbn` is empty");
        let err = encode(&UPDATE, json!({"shelf": {"id": {"x": 1}}, "book": {"isbn": "1"}})).unwrap_err();
        assert_eq!(err, r#"path parameter `shelf.id` is not a scalar: {"x":1}"#);
    }

    #[test]
    fn a_wildcard_keeps_its_slashes_and_escapes_each_segment() {
        let request = json!({"path": "@app/my docs/r%sum\u{e9}.txt", "fieldsets": ["FULL"]});
        let encoded = encode(&FILE, request).unwrap();
        assert_eq!(encoded.path, "/v1/files/%40app/my%20docs/r%25sum%C3%A9.txt/meta");
        assert_eq!(encoded.query, [("fieldsets".into(), "FULL".into())]);
        // A value of one segment fills a wildcard too.
        assert_eq!(encode(&FILE, json!({"path": "a"})).unwrap().path, "/v1/files/a/meta");
    }

    #[test]
    fn a_wildcard_must_not_be_empty_or_move_up_the_path() {
        let err = |value: Value| encode(&FILE, json!({ "path": value })).unwrap_err();
        assert_eq!(err(json!("")), "path parameter `path` is empty");
        assert_eq!(err(Value::Null), "path parameter `path` is not set");
        assert_eq!(err(json!("a//b")), "path parameter `path` has an empty segment: `a//b`");
        assert_eq!(err(json!("/a")), "path parameter `path` has an empty segment: `/a`");
        assert_eq!(
            err(json!("a/../b")),
            "path parameter `path` has the segment `..`, which would change the path"
        );
        // Outside a wildcard a lone `..` would move up the path as well.
        let err = encode(&POST, json!({"thingId": ".."})).unwrap_err();
        assert_eq!(err, "path parameter `thingId` has the segment `..`, which would change the path");
        // Dots inside a value are plain characters.
        assert_eq!(encode(&POST, json!({"thingId": "a..b"})).unwrap().path, "/v2/things/a..b");
    }

    #[test]
    fn placeholders_and_path_parameters_must_pair_up() {
        let op = Operation { path_params: &[], ..POST };
        assert!(encode(&op, json!({"thingId": "t"})).unwrap_err().contains("more placeholders"));
        let op = Operation { path: "/v2/things", ..POST };
        assert!(encode(&op, json!({"thingId": "t"})).unwrap_err().contains("more path parameters"));
    }

    #[test]
    fn missing_or_empty_path_parameters_are_errors() {
        let err = encode(&POST, json!({"message": {}})).unwrap_err();
        assert_eq!(err, "path parameter `thingId` is not set");
        let err = encode(&POST, json!({"thingId": ""})).unwrap_err();
        assert_eq!(err, "path parameter `thingId` is empty");
        assert!(encode(&POST, json!([1])).is_err());
    }
}
