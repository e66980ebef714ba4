use serde::{Deserialize, Serialize};

use crate::OneOf;

crate::guid_id! {
    /// A contact.
    pub struct ContactId;
}
crate::guid_id! { @decode_only
    /// A visitor.
    pub struct AnonymousVisitorId;
}
crate::string_id! {
    /// A member.
    pub struct MemberId;
}
crate::one_of! {
    /// Who.
    pub enum ParticipantId {
        /// A contact.
        ContactId(ContactId) = "contactId",
        AnonymousVisitorId(AnonymousVisitorId) = "anonymousVisitorId",
        MemberId(MemberId) = "memberId",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Basic {
    pub text: String,
}

crate::one_of! {
    /// What.
    pub enum Kind {
        /// Basic.
        Basic(Basic) = "basic",
        /// Minimal.
        Minimal(Basic) = "minimal",
    }
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct MessageContent {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    preview_text: Option<String>,
    #[serde(flatten, with = "crate::one_of")]
    kind: Option<Kind>,
}

#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct TwoGroups {
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(flatten, with = "crate::one_of")]
    sender: Option<ParticipantId>,
    #[serde(flatten, with = "crate::one_of")]
    kind: Option<Kind>,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Required {
    title: String,
    #[serde(flatten)]
    sender: ParticipantId,
}

const C: &str = "0bd6b6a1-5c37-4a24-a1f4-0fd4bd0b1a3e";

fn contact() -> ParticipantId {
    ParticipantId::ContactId(ContactId::from_literal(C))
}

fn basic(text: &str) -> Option<Kind> {
    Some(Kind::Basic(Basic { text: text.into() }))
}

fn decode<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, String> {
    serde_json::from_str(json).map_err(|e| e.to_string())
}

fn round_trip<T: serde::de::DeserializeOwned + Serialize>(json: &str) -> T {
    let value: T = decode(json).unwrap();
    assert_eq!(serde_json::to_string(&value).unwrap(), json);
    value
}

#[test]
fn trait_items() {
    assert_eq!(ParticipantId::NAME, "ParticipantId");
    assert_eq!(
        ParticipantId::KEYS,
        ["contactId", "anonymousVisitorId", "memberId"]
    );
    assert_eq!(contact().key(), "contactId");
}

#[test]
fn standalone_group() {
    assert_eq!(
        round_trip::<ParticipantId>(&format!(r#"{{"contactId":"{C}"}}"#)),
        contact()
    );
    let member = round_trip::<ParticipantId>(r#"{"memberId":"7"}"#);
    assert_eq!(member, ParticipantId::MemberId("7".parse().unwrap()));
    assert_eq!(
        decode::<ParticipantId>(r#"{"contactId":null,"x":[1],"memberId":"7"}"#),
        Ok(member)
    );
    assert_eq!(
        decode::<ParticipantId>(&format!(r#"{{"memberId":"7","x":1,"contactId":"{C}"}}"#)),
        Err("`memberId` and `contactId` are both set, but at most one member of ParticipantId may be at line 1 column 73".into())
    );
    assert_eq!(
        decode::<ParticipantId>(r#"{"memberId":"7","memberId":"8"}"#),
        Err("duplicate field `memberId` at line 1 column 31".into())
    );
    let none = "no member of ParticipantId is set; expected one of `contactId`, `anonymousVisitorId`, `memberId`";
    assert_eq!(
        decode::<ParticipantId>(r#"{"contactId":null,"other":1}"#),
        Err(format!("{none} at line 1 column 28"))
    );
    assert_eq!(
        decode::<ParticipantId>("{}"),
        Err(format!("{none} at line 1 column 2"))
    );
    assert_eq!(
        decode::<ParticipantId>(r#"{"memberId":""}"#),
        Err("invalid MemberId: empty string at line 1 column 14".into())
    );
    assert_eq!(
        decode::<ParticipantId>(r#""7""#),
        Err("invalid type: string \"7\", expected a ParticipantId: an object with one of the keys `contactId`, `anonymousVisitorId`, `memberId` at line 1 column 3".into())
    );
}

#[test]
fn flattened_group_beside_plain_fields() {
    let m = round_trip::<MessageContent>(r#"{"previewText":"hi","basic":{"text":"a"}}"#);
    assert_eq!(
        m,
        MessageContent {
            preview_text: Some("hi".into()),
            kind: basic("a")
        }
    );
    let m = round_trip::<MessageContent>(r#"{"minimal":{"text":"b"}}"#);
    assert_eq!(m.kind, Some(Kind::Minimal(Basic { text: "b".into() })));
    // Zero members: None, and nothing is written for it.
    let m = round_trip::<MessageContent>(r#"{"previewText":"hi"}"#);
    assert_eq!(m.kind, None);
    assert_eq!(
        decode::<MessageContent>("{}"),
        Ok(MessageContent {
            preview_text: None,
            kind: None
        })
    );
    // A null member is absent; unknown keys are ignored.
    assert_eq!(
        decode::<MessageContent>(
            r#"{"basic":null,"future":{"a":1},"minimal":{"text":"b"},"previewText":"hi"}"#
        ),
        Ok(MessageContent {
            preview_text: Some("hi".into()),
            kind: Some(Kind::Minimal(Basic { text: "b".into() }))
        })
    );
    assert_eq!(
        decode::<MessageContent>(r#"{"basic":null,"minimal":null}"#)
            .unwrap()
            .kind,
        None
    );
}

#[test]
fn flattened_group_errors() {
    assert_eq!(
        decode::<MessageContent>(r#"{"minimal":{"text":"b"},"previewText":"hi","basic":{"text":"a"}}"#),
        Err("`minimal` and `basic` are both set, but at most one member of Kind may be at line 1 column 64".into())
    );
    // The member's own error, not None.
    assert_eq!(
        decode::<MessageContent>(r#"{"previewText":"hi","basic":{"txt":"a"}}"#),
        Err("missing field `text` at line 1 column 40".into())
    );
    assert_eq!(
        decode::<MessageContent>(r#"{"basic":7}"#),
        Err("invalid type: integer `7`, expected struct Basic at line 1 column 11".into())
    );
    // A plain field's error is unaffected.
    assert_eq!(
        decode::<MessageContent>(r#"{"previewText":1}"#),
        Err("invalid type: integer `1`, expected a string at line 1 column 16".into())
    );
}

#[test]
fn two_flattened_groups_and_container_default() {
    let json = format!(r#"{{"title":"t","contactId":"{C}","basic":{{"text":"a"}}}}"#);
    let t = round_trip::<TwoGroups>(&json);
    assert_eq!(
        t,
        TwoGroups {
            title: Some("t".into()),
            sender: Some(contact()),
            kind: basic("a")
        }
    );
    assert_eq!(round_trip::<TwoGroups>("{}"), TwoGroups::default());
    let only_kind = decode::<TwoGroups>(r#"{"x":1,"basic":{"text":"a"},"memberId":null}"#).unwrap();
    assert_eq!(
        only_kind,
        TwoGroups {
            kind: basic("a"),
            ..TwoGroups::default()
        }
    );
    assert_eq!(
        decode::<TwoGroups>(&format!(r#"{{"basic":{{"text":"a"}},"anonymousVisitorId":"{C}","memberId":"7"}}"#)),
        Err("`anonymousVisitorId` and `memberId` are both set, but at most one member of ParticipantId may be at line 1 column 97".into())
    );
    assert_eq!(
        decode::<TwoGroups>(r#"{"contactId":"0bd6b6a1","basic":{"text":"a"}}"#),
        Err("invalid ContactId: expected 36 characters, found 8 at line 1 column 45".into())
    );
}

#[test]
fn required_flattened_group() {
    let r = round_trip::<Required>(r#"{"title":"t","memberId":"7"}"#);
    assert_eq!(r.sender, ParticipantId::MemberId("7".parse().unwrap()));
    assert_eq!(
        decode::<Required>(r#"{"title":"t","memberId":null}"#),
        Err("no member of ParticipantId is set; expected one of `contactId`, `anonymousVisitorId`, `memberId` at line 1 column 29".into())
    );
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Nested {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sender: Option<ParticipantId>,
}

#[test]
fn group_as_a_property_of_its_own() {
    let n = round_trip::<Nested>(r#"{"sender":{"memberId":"7"}}"#);
    assert_eq!(
        n.sender,
        Some(ParticipantId::MemberId("7".parse().unwrap()))
    );
    assert_eq!(round_trip::<Nested>("{}").sender, None);
    assert_eq!(
        decode::<Nested>(r#"{"sender":null}"#),
        Ok(Nested { sender: None })
    );
    assert_eq!(
        decode::<Nested>(r#"{"sender":{}}"#),
        Err("no member of ParticipantId is set; expected one of `contactId`, `anonymousVisitorId`, `memberId` at line 1 column 12".into())
    );
}

crate::string_enum! {
    /// A unit.
    pub enum Unit {
        /// Grams.
        Grams = "GRAMS",
        /// Pieces.
        Pieces = "PIECES",
    }
}

crate::one_of! {
    /// A member of every kind the reader knows.
    pub enum Amount {
        /// `type: number`: integral values stay integers on the wire.
        Price(f64) = "price" with number,
        /// `type: integer`.
        Count(i64) = "count",
        /// `format int64`: a string on the wire.
        Big(i64) = "big" with int64,
        /// `type: boolean`.
        Free(bool) = "free",
        /// `type: string`.
        Label(String) = "label",
        /// `type: object`: free JSON.
        Custom(serde_json::Value) = "custom",
        /// An array of strings.
        Tags(Vec<String>) = "tags",
        /// An array of numbers.
        Weights(Vec<f64>) = "weights" with number_array,
        /// An array of 64-bit integers.
        Serials(Vec<i64>) = "serials" with int64_array,
        /// An enum.
        Unit(Unit) = "unit",
        /// A struct.
        Basic(Basic) = "basic",
    }
}

crate::object! {
    /// A parent holding the group beside a plain field.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Line {
        #[optional("name")]
        /// A plain field.
        pub name: Option<String>,
        #[one_of]
        /// The group.
        pub amount: Option<Amount>,
    }
}

#[test]
fn members_of_every_kind_round_trip_standalone_and_flattened() {
    let cases: [(&str, Amount); 13] = [
        (r#"{"price":30}"#, Amount::Price(30.0)),
        (r#"{"price":2.5}"#, Amount::Price(2.5)),
        (r#"{"price":-0.0}"#, Amount::Price(-0.0)),
        (r#"{"count":7}"#, Amount::Count(7)),
        (r#"{"big":"9007199254740993"}"#, Amount::Big(9_007_199_254_740_993)),
        (r#"{"free":false}"#, Amount::Free(false)),
        (r#"{"label":"kg"}"#, Amount::Label("kg".into())),
        (r#"{"custom":{"a":[1,null,"x"]}}"#, Amount::Custom(serde_json::json!({"a": [1, null, "x"]}))),
        (r#"{"tags":["a","b"]}"#, Amount::Tags(vec!["a".into(), "b".into()])),
        (r#"{"weights":[1,0.25]}"#, Amount::Weights(vec![1.0, 0.25])),
        (r#"{"serials":["1","-2"]}"#, Amount::Serials(vec![1, -2])),
        (r#"{"unit":"PIECES"}"#, Amount::Unit(Unit::Pieces)),
        (r#"{"basic":{"text":"hi"}}"#, Amount::Basic(Basic { text: "hi".into() })),
    ];
    for (json, want) in cases {
        assert_eq!(round_trip::<Amount>(json), want, "{json}");
        let flat = format!(r#"{{"name":"n",{}"#, &json[1..]);
        let line = round_trip::<Line>(&flat);
        assert_eq!(line.amount, Some(want), "{flat}");
    }
}

#[test]
fn members_with_codecs_read_what_the_codec_reads() {
    // Numbers may come as numeric strings, 64-bit integers as numbers.
    assert_eq!(decode::<Amount>(r#"{"price":"1.5"}"#), Ok(Amount::Price(1.5)));
    assert_eq!(decode::<Amount>(r#"{"big":12}"#), Ok(Amount::Big(12)));
    assert_eq!(decode::<Amount>(r#"{"weights":["2",3]}"#), Ok(Amount::Weights(vec![2.0, 3.0])));
    // `null` is absent, as for any member.
    assert_eq!(decode::<Amount>(r#"{"price":null,"free":true}"#), Ok(Amount::Free(true)));
    assert_eq!(decode::<Line>(r#"{"price":null}"#), Ok(Line { name: None, amount: None }));
    // A value of the wrong type is that member's error.
    assert!(decode::<Amount>(r#"{"big":"x"}"#).unwrap_err().starts_with("invalid value: string \"x\""));
    assert!(decode::<Amount>(r#"{"free":"yes"}"#).unwrap_err().starts_with("invalid type: string \"yes\", expected a boolean"));
    assert!(decode::<Amount>(r#"{"weights":3}"#).unwrap_err().starts_with("invalid type: integer `3`, expected an array"));
    assert_eq!(
        decode::<Amount>(r#"{"price":1,"count":2}"#),
        Err("`price` and `count` are both set, but at most one member of Amount may be at line 1 column 21".into())
    );
    // An unknown enum value is kept.
    assert_eq!(round_trip::<Amount>(r#"{"unit":"LITRES"}"#).key(), "unit");
}
