use serde::{Deserialize, Serialize};

use crate::Timestamp;

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Fields {
    #[serde(with = "crate::int64")]
    count: i64,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::int64::option"
    )]
    total: Option<i64>,
    #[serde(with = "crate::number")]
    ratio: f64,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::number::option"
    )]
    size: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    at: Option<Timestamp>,
}

fn decode(json: &str) -> Result<Fields, String> {
    serde_json::from_str(json).map_err(|e| e.to_string())
}

fn round_trip(json: &str) {
    assert_eq!(serde_json::to_string(&decode(json).unwrap()).unwrap(), json);
}

#[test]
fn int64_as_string_or_number() {
    round_trip(r#"{"count":"42","total":"-9223372036854775808","ratio":1}"#);
    round_trip(r#"{"count":"9223372036854775807","ratio":1}"#);
    let f = decode(r#"{"count":42,"total":7,"ratio":1}"#).unwrap();
    assert_eq!((f.count, f.total), (42, Some(7)));
    assert_eq!(
        decode(r#"{"count":"1","total":null,"ratio":1}"#)
            .unwrap()
            .total,
        None
    );
    assert_eq!(decode(r#"{"count":"1","ratio":1}"#).unwrap().total, None);
    assert_eq!(
        decode(r#"{"count":"4x","ratio":1}"#).unwrap_err(),
        "invalid value: string \"4x\", expected a 64-bit integer as a decimal string or a number at line 1 column 13"
    );
    assert_eq!(
        decode(r#"{"count":9223372036854775808,"ratio":1}"#).unwrap_err(),
        "invalid value: integer `9223372036854775808`, expected a 64-bit integer as a decimal string or a number at line 1 column 28"
    );
    assert_eq!(
        decode(r#"{"count":1.5,"ratio":1}"#).unwrap_err(),
        "invalid type: floating point `1.5`, expected a 64-bit integer as a decimal string or a number at line 1 column 12"
    );
    assert_eq!(
        decode(r#"{"count":"1","total":true,"ratio":1}"#).unwrap_err(),
        "invalid type: boolean `true`, expected a 64-bit integer as a decimal string or a number at line 1 column 25"
    );
}

#[test]
fn number_integral_as_integer() {
    round_trip(r#"{"count":"1","ratio":30,"size":-2}"#);
    round_trip(r#"{"count":"1","ratio":30.5,"size":1e+100}"#);
    round_trip(r#"{"count":"1","ratio":-0.0}"#);
    round_trip(r#"{"count":"1","ratio":-9223372036854775808,"size":9.223372036854776e+18}"#);
    let f = decode(r#"{"count":"1","ratio":"2.5","size":"7"}"#).unwrap();
    assert_eq!((f.ratio, f.size), (2.5, Some(7.0)));
    assert_eq!(decode(r#"{"count":"1","ratio":30.0}"#).unwrap().ratio, 30.0);
    assert_eq!(
        decode(r#"{"count":"1","ratio":1,"size":null}"#)
            .unwrap()
            .size,
        None
    );
    assert_eq!(
        decode(r#"{"count":"1","ratio":"x"}"#).unwrap_err(),
        "invalid value: string \"x\", expected a number or a numeric string at line 1 column 24"
    );
    assert_eq!(
        decode(r#"{"count":"1","ratio":1,"size":[]}"#).unwrap_err(),
        "invalid type: sequence, expected a number or a numeric string at line 1 column 32"
    );
}

#[test]
fn timestamps_round_trip_exactly() {
    for at in [
        "2024-05-01T10:15:30.123Z",
        "2024-05-01T10:15:30Z",
        "2024-05-01T10:15:30.123456Z",
    ] {
        round_trip(&format!(r#"{{"count":"1","ratio":1,"at":"{at}"}}"#));
    }
    // An offset is converted to UTC; a fraction is written with 3, 6 or 9 digits.
    let f = decode(r#"{"count":"1","ratio":1,"at":"2024-05-01T12:15:30.1+02:00"}"#).unwrap();
    assert_eq!(
        serde_json::to_string(&f.at).unwrap(),
        r#""2024-05-01T10:15:30.100Z""#
    );
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Page {
    #[serde(with = "crate::integer")]
    limit: i64,
    #[serde(default, with = "crate::integer::option", skip_serializing_if = "Option::is_none")]
    offset: Option<i64>,
}

#[test]
fn integers_read_from_numbers_and_query_strings_and_write_as_numbers() {
    let p: Page = serde_json::from_str(r#"{"limit":"30","offset":5}"#).unwrap();
    assert_eq!(p, Page { limit: 30, offset: Some(5) });
    assert_eq!(serde_json::to_string(&p).unwrap(), r#"{"limit":30,"offset":5}"#);
    let p: Page = serde_json::from_str(r#"{"limit":1,"offset":null}"#).unwrap();
    assert_eq!(p.offset, None);
    let e = serde_json::from_str::<Page>(r#"{"limit":2.5}"#).unwrap_err().to_string();
    assert!(e.starts_with("invalid value: floating point `2.5`, expected an integer or a string of digits"), "{e}");
    assert!(serde_json::from_str::<Page>(r#"{"limit":"ten"}"#).is_err());
    assert!(serde_json::from_str::<Page>(r#"{"limit":18446744073709551615}"#).is_err());
}
