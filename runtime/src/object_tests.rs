//! `object!` against the JSON the derive with the generator's former attributes accepted
//! and produced.

use serde_json::json;

crate::string_id! {
    /// A member.
    pub struct MemberId;
}
crate::string_id! {
    /// A contact.
    pub struct ContactId;
}
crate::one_of! {
    /// Who.
    pub enum Who {
        /// A contact.
        Contact(ContactId) = "contactId",
        /// A member.
        Member(MemberId) = "memberId",
    }
}
crate::one_of! {
    /// What.
    pub enum What {
        /// Text.
        Text(String) = "text",
        /// A count.
        Count(i64) = "count",
    }
}

crate::object! {
    /// Every kind of field.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Every {
        #[required("name")]
        /// Required.
        pub name: String,
        #[optional("note")]
        /// Optional.
        pub note: Option<String>,
        #[array("tags")]
        /// An array.
        pub tags: Vec<String>,
        #[int64("big")]
        /// An int64 as a string.
        pub big: i64,
        #[optional_number("ratio")]
        /// A number.
        pub ratio: Option<f64>,
        #[optional_integer("size")]
        /// An integer.
        pub size: Option<i64>,
        #[one_of]
        /// A flattened group.
        pub who: Option<Who>,
        #[required_one_of]
        /// A flattened group that must be set.
        pub what: What,
    }
}

crate::object! {
    /// No fields.
    #[derive(Debug, Default, PartialEq)]
    pub struct Empty {}
}

fn decode(value: serde_json::Value) -> Result<Every, String> {
    serde_json::from_value(value).map_err(|e| e.to_string())
}

#[test]
fn round_trips_in_field_order_leaving_out_none_and_empty() {
    let text = r#"{"name":"a","tags":["x"],"big":"9007199254740993","ratio":30,"size":2,"memberId":"m","text":"hi"}"#;
    let every: Every = serde_json::from_str(text).unwrap();
    assert_eq!(every.big, 9_007_199_254_740_993);
    assert_eq!(every.who, Some(Who::Member("m".parse().unwrap())));
    assert_eq!(every.what, What::Text("hi".into()));
    assert_eq!(serde_json::to_string(&every).unwrap(), text);
    let lean = decode(json!({"name": "a", "big": 1, "count": 3, "other": {"ignored": true}})).unwrap();
    assert_eq!((&lean.note, lean.tags.len(), lean.ratio, &lean.who), (&None, 0, None, &None));
    assert_eq!(serde_json::to_value(&lean).unwrap(), json!({"name": "a", "big": "1", "count": 3}));
}

#[test]
fn nulls_read_as_absent_where_the_derive_read_them_so() {
    let every = decode(json!({"name": "a", "big": "1", "note": null, "size": null, "contactId": null, "count": 1})).unwrap();
    assert_eq!((every.note, every.size, every.who), (None, None, None));
    assert!(decode(json!({"name": null, "big": "1", "count": 1})).unwrap_err().contains("invalid type: null"));
    assert!(decode(json!({"name": "a", "big": "1", "tags": null, "count": 1})).unwrap_err().contains("invalid type: null"));
}

#[test]
fn errors_name_the_field() {
    assert_eq!(decode(json!({"big": "1", "count": 1})).unwrap_err(), "missing field `name`");
    assert_eq!(decode(json!({"name": "a", "count": 1})).unwrap_err(), "missing field `big`");
    assert_eq!(
        decode(json!({"name": "a", "big": "1"})).unwrap_err(),
        "no member of What is set; expected one of `text`, `count`"
    );
    assert_eq!(
        decode(json!({"name": "a", "big": "1", "count": 1, "contactId": "c", "memberId": "m"})).unwrap_err(),
        "`contactId` and `memberId` are both set, but at most one member of Who may be"
    );
    let twice = serde_json::from_str::<Every>(r#"{"name":"a","name":"b"}"#).unwrap_err().to_string();
    assert!(twice.starts_with("duplicate field `name`"), "{twice}");
    let text = serde_json::from_str::<Every>("[]").unwrap_err().to_string();
    assert!(text.starts_with("invalid type: sequence, expected struct Every"), "{text}");
}

#[test]
fn an_empty_struct_is_an_empty_object() {
    assert_eq!(serde_json::to_string(&Empty {}).unwrap(), "{}");
    assert_eq!(serde_json::from_str::<Empty>(r#"{"any":1}"#).unwrap(), Empty {});
}

crate::object! {
    /// Fields with setters, as the generator declares them.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct Built {
        #[optional("id")]
        /// Set by the server: no setter.
        id: Option<String>,
        #[optional("note", with_note(String))]
        /// A note.
        pub note: Option<String>,
        #[array("tags", with_tags)]
        /// Tags.
        pub tags: Vec<String>,
        #[optional_int64("big", with_big(i64))]
        /// An int64, through its helper.
        pub big: Option<i64>,
        #[optional("old", with_old(bool))]
        #[deprecated(note = "use `note`")]
        /// Deprecated.
        pub old: Option<bool>,
        #[one_of(with_who(Who))]
        /// A flattened group.
        pub who: Option<Who>,
    }
}

#[test]
fn setters_set_what_the_attributes_name() {
    #[allow(deprecated)]
    let built = Built::default()
        .with_note("hi")
        .with_tags(vec!["a".into()])
        .with_big(9_007_199_254_740_993_i64)
        .with_old(true)
        .with_who(Who::Member("m".parse().unwrap()));
    assert_eq!(
        serde_json::to_value(&built).unwrap(),
        json!({"note": "hi", "tags": ["a"], "big": "9007199254740993", "old": true, "memberId": "m"})
    );
    // A field the server sets stays unset, and a later setter replaces an earlier value.
    assert_eq!(built.id, None);
    assert_eq!(built.with_note(String::from("again")).note.as_deref(), Some("again"));
}
