//! JSON read as serde_json's [`Value`], but refusing an object that names a member
//! twice. serde_json keeps the last of repeated names, and another reader may keep the
//! first: a token whose claims or envelope repeat a name (two `data` claims, two
//! `eventType`s) means different things to different readers, so it is refused.
//! (RFC 7519, section 4, lets a JWT reader refuse repeated claim names.)

use core::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// A JSON value in which no object names a member twice, at any depth.
pub(crate) struct UniqueValue(pub Value);

/// Reads `text` as a [`UniqueValue`].
///
/// # Errors
///
/// serde_json's; [`is_repeated_name`] tells a repeated name from a syntax error.
pub(crate) fn parse(text: &str) -> Result<Value, serde_json::Error> {
    serde_json::from_str::<UniqueValue>(text).map(|v| v.0)
}

/// Whether `e` is the error for a repeated name: the only data error reading a
/// [`UniqueValue`] gives (the others are syntax errors and the end of the input).
pub(crate) fn is_repeated_name(e: &serde_json::Error) -> bool {
    e.classify() == serde_json::error::Category::Data
}

impl<'de> Deserialize<'de> for UniqueValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // serde_json's recursion limit (128 levels) bounds the depth here as for `Value`.
        deserializer.deserialize_any(UniqueVisitor).map(UniqueValue)
    }
}

struct UniqueVisitor;

impl<'de> Visitor<'de> for UniqueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        // JSON has no NaN or infinity: a number read is always finite.
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(UniqueValue(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut members = Map::new();
        while let Some(name) = map.next_key::<String>()? {
            if members.contains_key(&name) {
                return Err(de::Error::custom(format_args!(
                    "`{name}` is named more than once"
                )));
            }
            let UniqueValue(value) = map.next_value()?;
            members.insert(name, value);
        }
        Ok(Value::Object(members))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn values_read_as_serde_json_reads_them() {
        let text = r#"{"a": [1, -2, 2.5, "x", null, true, {"b": {}}], "c": 18446744073709551615}"#;
        assert_eq!(
            parse(text).unwrap(),
            serde_json::from_str::<Value>(text).unwrap()
        );
        assert_eq!(parse("7").unwrap(), json!(7));
    }

    #[test]
    fn a_repeated_name_is_refused_at_any_depth() {
        for text in [
            r#"{"data": 1, "data": 2}"#,
            r#"{"a": {"x": 1, "y": 2, "x": 3}}"#,
            r#"[{}, {"k": [{"data": 1, "data": 1}]}]"#,
        ] {
            let e = parse(text).unwrap_err();
            assert!(is_repeated_name(&e), "{text}: {e}");
            assert!(e.to_string().contains("is named more than once"), "{e}");
        }
        // The same name in different objects is no repeat.
        assert!(parse(r#"{"a": {"x": 1}, "b": {"x": 1}, "x": 1}"#).is_ok());
        // A syntax error is not a repeated name.
        let e = parse(r#"{"a": 1,"#).unwrap_err();
        assert!(!is_repeated_name(&e), "{e}");
        let e = parse(r#"{"a": 1e400}"#).unwrap_err();
        assert!(!is_repeated_name(&e), "{e}");
    }

    #[test]
    fn depth_is_bounded_by_the_recursion_limit() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let e = parse(&deep).unwrap_err();
        assert!(!is_repeated_name(&e), "{e}");
    }
}
