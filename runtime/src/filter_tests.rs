//! The JSON each filter builds, operator by operator and combined.

use serde_json::{json, Value};

use super::*;
use crate::Timestamp;

crate::guid_id! {
    /// A contact's ID, as `wix-ids` declares it.
    pub struct ContactId;
}

const EMAIL: Field<String> = Field::new("primaryInfo.email");
const ID: Field<ContactId> = Field::new("id");
const CREATED: Field<Timestamp> = Field::new("createdDate");
const LABELS: Field<String> = Field::new("info.labelKeys");
const AGE: Field<i64> = Field::new("age");

fn json_of(filter: Filter) -> Value {
    filter.into()
}

#[test]
fn each_operator_gives_its_wix_json() {
    let cases: Vec<(Filter, Value)> = vec![
        (
            EMAIL.eq("ann@example.com"),
            json!({"primaryInfo.email": {"$eq": "ann@example.com"}}),
        ),
        (
            EMAIL.ne("ann@example.com"),
            json!({"primaryInfo.email": {"$ne": "ann@example.com"}}),
        ),
        (
            EMAIL.is_in(["a@x.io", "b@x.io"]),
            json!({"primaryInfo.email": {"$in": ["a@x.io", "b@x.io"]}}),
        ),
        (
            LABELS.has_some(["custom.vip"]),
            json!({"info.labelKeys": {"$hasSome": ["custom.vip"]}}),
        ),
        (
            LABELS.has_all(vec!["a".to_owned(), "b".to_owned()]),
            json!({"info.labelKeys": {"$hasAll": ["a", "b"]}}),
        ),
        (
            EMAIL.starts_with("ann@"),
            json!({"primaryInfo.email": {"$startsWith": "ann@"}}),
        ),
        (
            EMAIL.contains("example"),
            json!({"primaryInfo.email": {"$contains": "example"}}),
        ),
        (
            EMAIL.exists(true),
            json!({"primaryInfo.email": {"$exists": true}}),
        ),
        (ID.exists(false), json!({"id": {"$exists": false}})),
        (AGE.gt(17), json!({"age": {"$gt": 17}})),
        (AGE.gte(18), json!({"age": {"$gte": 18}})),
        (AGE.lt(65), json!({"age": {"$lt": 65}})),
        (AGE.lte(64), json!({"age": {"$lte": 64}})),
    ];
    for (filter, expected) in cases {
        assert_eq!(json_of(filter), expected);
    }
}

#[test]
fn operands_are_serialised_as_their_types_are() {
    const CONTACT: ContactId = ContactId::from_literal("0bd6b6a1-5c37-4a24-a1f4-0fd4bd0b1a3e");
    assert_eq!(
        json_of(ID.eq(CONTACT)),
        json!({"id": {"$eq": "0bd6b6a1-5c37-4a24-a1f4-0fd4bd0b1a3e"}})
    );
    assert_eq!(
        json_of(ID.is_in([CONTACT])),
        json!({"id": {"$in": ["0bd6b6a1-5c37-4a24-a1f4-0fd4bd0b1a3e"]}})
    );
    let noon: Timestamp = "2024-05-01T12:00:00Z".parse().unwrap();
    let since = json_of(CREATED.gte(noon));
    let operand = since["createdDate"]["$gte"].as_str().unwrap();
    assert_eq!(operand.parse::<Timestamp>().unwrap(), noon, "{since}");
}

#[test]
fn fields_named_ad_hoc_take_any_json() {
    assert_eq!(
        json_of(field("info.company").eq("Wix")),
        json!({"info.company": {"$eq": "Wix"}})
    );
    assert_eq!(
        json_of(field("score").is_in([json!(1), json!("one")])),
        json!({"score": {"$in": [1, "one"]}})
    );
    assert_eq!(
        json_of(field("info.name.first").starts_with("An")),
        json!({"info.name.first": {"$startsWith": "An"}})
    );
    assert_eq!(field("a.b").path(), "a.b");
}

#[test]
fn and_or_not_nest_as_the_query_language_writes_them() {
    let vip = LABELS.has_some(["custom.vip"]);
    let ann = EMAIL.eq("ann@example.com");
    assert_eq!(
        json_of(ann.clone() & !vip.clone()),
        json!({"$and": [
            {"primaryInfo.email": {"$eq": "ann@example.com"}},
            {"$not": {"info.labelKeys": {"$hasSome": ["custom.vip"]}}},
        ]})
    );
    assert_eq!(
        json_of(ann.clone() | vip.clone()),
        json!({"$or": [
            {"primaryInfo.email": {"$eq": "ann@example.com"}},
            {"info.labelKeys": {"$hasSome": ["custom.vip"]}},
        ]})
    );
    // Chains flatten; an `$or` inside an `$and` stays where it is.
    let three = ann.clone() & vip.clone() & AGE.gt(17);
    assert_eq!(
        json_of(three.clone())["$and"].as_array().unwrap().len(),
        3,
        "{three}"
    );
    let mixed = (ann.clone() | vip.clone()) & AGE.gt(17);
    assert_eq!(
        json_of(mixed),
        json!({"$and": [
            {"$or": [
                {"primaryInfo.email": {"$eq": "ann@example.com"}},
                {"info.labelKeys": {"$hasSome": ["custom.vip"]}},
            ]},
            {"age": {"$gt": 17}},
        ]})
    );
    assert_eq!(
        json_of(Filter::or([ann.clone(), vip.clone(), AGE.lt(3)]))["$or"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
}

#[test]
fn empty_and_single_combinations_are_what_they_mean() {
    let ann = EMAIL.eq("ann@example.com");
    assert_eq!(json_of(Filter::all()), json!({}));
    assert!(Filter::all().is_all());
    assert_eq!(Filter::and([]), Filter::all());
    assert_eq!(Filter::and([ann.clone()]), ann);
    assert_eq!(Filter::and([Filter::all(), ann.clone()]), ann);
    assert_eq!(Filter::all() & ann.clone(), ann);
    assert_eq!(Filter::or([ann.clone()]), ann);
    // No alternative at all matches nothing, as `$or: []` says.
    assert_eq!(json_of(Filter::or([])), json!({"$or": []}));
    assert_eq!(json_of(Filter::negate(Filter::all())), json!({"$not": {}}));
}

#[test]
fn a_filter_goes_where_a_query_takes_json_and_serialises_as_that_json() {
    let filter = EMAIL.eq("ann@example.com") & AGE.gt(17);
    let slot: Option<Value> = filter.clone().into();
    assert_eq!(slot, Some(filter.to_value()));
    assert_eq!(serde_json::to_value(&filter).unwrap(), filter.to_value());
    assert_eq!(
        filter.to_string(),
        serde_json::to_string(&filter.to_value()).unwrap()
    );
    assert_eq!(format!("{EMAIL:?}"), "Field(\"primaryInfo.email\")");
}
