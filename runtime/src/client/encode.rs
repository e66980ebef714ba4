//! Turning a request, serialised to JSON, into the parts of an HTTP request, as its
//! [`Operation`] says: path parameters into the path template (percent-encoded),
//! query parameters flattened to dotted keys (`paging.limit=30`), the rest a JSON body.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::{Map, Value};

use crate::{HttpVerb, Operation, ParamLocation};

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
    let mut path = String::with_capacity(op.path.len());
    let mut rest = op.path;
    while let Some(open) = rest.find('{') {
        let close = rest[open..]
            .find('}')
            .map(|i| open + i)
            .ok_or_else(|| format!("unclosed `{{` in the path template `{}`", op.path))?;
        path.push_str(&rest[..open]);
        let name = &rest[open + 1..close];
        let value = match fields.remove(name) {
            Some(Value::String(s)) => s,
            Some(v @ (Value::Number(_) | Value::Bool(_))) => v.to_string(),
            Some(Value::Null) | None => return Err(format!("path parameter `{name}` is not set")),
            Some(other) => return Err(format!("path parameter `{name}` is not a scalar: {other}")),
        };
        if value.is_empty() {
            return Err(format!("path parameter `{name}` is empty"));
        }
        path.extend(utf8_percent_encode(&value, SEGMENT));
        rest = &rest[close + 1..];
    }
    path.push_str(rest);

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

    #[test]
    fn missing_or_empty_path_parameters_are_errors() {
        let err = encode(&POST, json!({"message": {}})).unwrap_err();
        assert_eq!(err, "path parameter `thingId` is not set");
        let err = encode(&POST, json!({"thingId": ""})).unwrap_err();
        assert_eq!(err, "path parameter `thingId` is empty");
        assert!(encode(&POST, json!([1])).is_err());
    }
}
