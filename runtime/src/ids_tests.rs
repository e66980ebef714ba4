use crate::{GuidError, IdErrorKind};
use std::collections::HashSet;

crate::guid_id! {
    /// A test GUID ID.
    pub struct ConversationId;
}
crate::guid_id! { @decode_only
    /// A test decode-only GUID ID.
    pub struct AnonymousVisitorId;
}
crate::string_id! {
    /// A test string ID.
    pub struct MessageId;
}

const ID: &str = "0BD6b6a1-5c37-4a24-a1f4-0fd4bd0b1a3e";
const C: ConversationId = ConversationId::from_literal(ID);

fn json_err<T: serde::de::DeserializeOwned + std::fmt::Debug>(json: &str) -> String {
    serde_json::from_str::<T>(json).unwrap_err().to_string()
}

#[test]
fn guid_id_traits() {
    let parsed: ConversationId = ID.parse().unwrap();
    assert_eq!(parsed, C);
    assert_eq!(ConversationId::try_from(ID).unwrap(), C);
    assert_eq!(ConversationId::try_from(ID.to_owned()).unwrap(), C);
    assert_eq!(C.as_str(), ID);
    assert_eq!(C.as_ref(), ID);
    assert_eq!(C.to_string(), ID);
    assert_eq!(format!("{C:?}"), format!("ConversationId(\"{ID}\")"));
    assert_eq!(HashSet::from([C, parsed]).len(), 1);
    assert!(C < ConversationId::from_literal("1bd6b6a1-5c37-4a24-a1f4-0fd4bd0b1a3e"));
    // Into its GUID, text unchanged.
    let guid: crate::Guid = C.into();
    assert_eq!(guid.as_str(), ID);
}

#[test]
fn guid_id_errors() {
    let e = "0bd6b6a1".parse::<ConversationId>().unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid ConversationId: expected 36 characters, found 8"
    );
    assert_eq!(e.type_name(), "ConversationId");
    assert_eq!(
        e.kind(),
        &IdErrorKind::InvalidGuid(GuidError::Length { found: 8 })
    );
    assert_eq!(
        ConversationId::try_from("").unwrap_err().to_string(),
        "invalid ConversationId: empty string"
    );
}

#[test]
#[should_panic(
    expected = "invalid ConversationId: invalid character `x` at position 0: a GUID has hex digits only"
)]
fn from_literal_panics_at_run_time() {
    let s = String::from("xbd6b6a1-5c37-4a24-a1f4-0fd4bd0b1a3e").leak();
    ConversationId::from_literal(s);
}

#[test]
fn guid_id_serde() {
    let json = format!("\"{ID}\"");
    assert_eq!(serde_json::to_string(&C).unwrap(), json);
    assert_eq!(serde_json::from_str::<ConversationId>(&json).unwrap(), C);
    let v: AnonymousVisitorId = serde_json::from_str(&json).unwrap();
    assert_eq!(v.as_str(), ID);
    assert_eq!(serde_json::to_string(&v).unwrap(), json);
    assert_eq!(format!("{v:?}"), format!("AnonymousVisitorId(\"{ID}\")"));
    assert_eq!(
        json_err::<ConversationId>(&format!("\"{}\"", &ID[..35])),
        "invalid ConversationId: expected 36 characters, found 35 at line 1 column 37"
    );
    assert_eq!(
        json_err::<AnonymousVisitorId>("\"0bd6b6a1-5c37-4a24-a1f4+0fd4bd0b1a3e\""),
        "invalid AnonymousVisitorId: expected `-` at position 23 (GUIDs are grouped 8-4-4-4-12) at line 1 column 38"
    );
    assert_eq!(
        json_err::<ConversationId>("42"),
        "invalid type: integer `42`, expected a ConversationId (a GUID string) at line 1 column 2"
    );
}

#[test]
fn string_id() {
    let m: MessageId = "1715".parse().unwrap();
    assert_eq!(m.as_str(), "1715");
    assert_eq!(m.as_ref(), "1715");
    assert_eq!(m.to_string(), "1715");
    assert_eq!(format!("{m:?}"), "MessageId(\"1715\")");
    assert_eq!(MessageId::try_from("1715").unwrap(), m);
    assert_eq!(MessageId::try_from(String::from("1715")).unwrap(), m);
    assert_eq!(serde_json::to_string(&m).unwrap(), "\"1715\"");
    assert_eq!(serde_json::from_str::<MessageId>("\"1715\"").unwrap(), m);
    let e = MessageId::try_from(String::new()).unwrap_err();
    assert_eq!(e.to_string(), "invalid MessageId: empty string");
    assert_eq!(e.kind(), &IdErrorKind::Empty);
    assert_eq!("".parse::<MessageId>().unwrap_err(), e);
    assert_eq!(
        json_err::<MessageId>("\"\""),
        "invalid MessageId: empty string at line 1 column 2"
    );
    assert_eq!(
        json_err::<MessageId>("1715"),
        "invalid type: integer `1715`, expected a MessageId (a non-empty string) at line 1 column 4"
    );
}
