//! Query filters in the Wix API query language, built with types instead of written as
//! JSON. Feature `filter`.
//!
//! A query method's `filter` is a JSON object in Wix's query language: the field's path,
//! an operator, an operand (`{"primaryInfo.email": {"$eq": "ann@example.com"}}`), and
//! `$and` / `$or` / `$not` around such tests. [`Field`] names a field and makes the tests
//! (`eq`, `ne`, `is_in`, `has_some`, `has_all`, `starts_with`, `contains`, `exists`,
//! `gt`, `gte`, `lt`, `lte`: the operators the reference pages document), typed by the
//! field's values; [`Filter`] combines them (`&`, `|`, `!`, or [`Filter::and`],
//! [`Filter::or`], [`Filter::negate`]) and becomes the JSON a request takes
//! (`Option<serde_json::Value>` in the generated types) with `.into()`:
//!
//! ```
//! use wixgen_runtime::filter::{Field, Filter};
//!
//! // An API crate declares the fields its queries filter on, typed by their values...
//! const EMAIL: Field<String> = Field::new("primaryInfo.email");
//! const LABELS: Field<String> = Field::new("info.labelKeys");
//!
//! // ...and a query combines tests of them.
//! let filter = EMAIL.starts_with("ann@") & !LABELS.has_some(["custom.vip"]);
//! let json: Option<serde_json::Value> = filter.into(); // what `query.filter` takes
//! assert_eq!(
//!     json.unwrap(),
//!     serde_json::json!({"$and": [
//!         {"primaryInfo.email": {"$startsWith": "ann@"}},
//!         {"$not": {"info.labelKeys": {"$hasSome": ["custom.vip"]}}},
//!     ]}),
//! );
//! ```
//!
//! The module is the same for every API: fields are named by their paths, and which
//! fields and operators a method accepts is the method's business (its page lists them;
//! the server refuses others with its documented error). [`field`] names any field
//! ad hoc, its operands any JSON value.

use core::fmt;
use core::marker::PhantomData;
use core::ops::{BitAnd, BitOr, Not};
use std::borrow::Cow;

use serde::Serialize;
use serde_json::{Map, Value};

/// A filter: a JSON object in the Wix API query language. [`Filter::all`] (`{}`)
/// matches everything; [`Field`]'s methods make the tests; `&`, `|` and `!` combine
/// them.
///
/// It serialises as its JSON, and converts into the `serde_json::Value` (or
/// `Option<serde_json::Value>`) that a generated query's `filter` field holds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter(Map<String, Value>);

impl Filter {
    /// The filter that matches everything: `{}`.
    pub fn all() -> Filter {
        Filter(Map::new())
    }

    /// Every one of `filters` matches: `{"$and": [...]}`. An `$and` among them is
    /// flattened into this one, and an empty filter (which matches everything) is
    /// left out; a single filter is itself.
    pub fn and(filters: impl IntoIterator<Item = Filter>) -> Filter {
        Filter::combine("$and", filters)
    }

    /// At least one of `filters` matches: `{"$or": [...]}`. An `$or` among them is
    /// flattened into this one; a single filter is itself. No filter at all gives
    /// `{"$or": []}`, which matches nothing.
    pub fn or(filters: impl IntoIterator<Item = Filter>) -> Filter {
        Filter::combine("$or", filters)
    }

    /// `filter` does not match: `{"$not": filter}`. (`!filter` is the same.)
    pub fn negate(filter: Filter) -> Filter {
        Filter::single("$not".to_owned(), Value::Object(filter.0))
    }

    /// The filter's JSON.
    pub fn to_value(&self) -> Value {
        Value::Object(self.0.clone())
    }

    /// The filter's JSON, without copying.
    pub fn into_value(self) -> Value {
        Value::Object(self.0)
    }

    /// Whether this is [`Filter::all`], `{}`.
    pub fn is_all(&self) -> bool {
        self.0.is_empty()
    }

    fn single(key: String, value: Value) -> Filter {
        let mut map = Map::new();
        map.insert(key, value);
        Filter(map)
    }

    /// The only operand of `op` when `self` is exactly `{op: [...]}`.
    fn operands_of(&self, op: &str) -> Option<&Vec<Value>> {
        match self.0.iter().next() {
            Some((key, Value::Array(items))) if self.0.len() == 1 && key == op => Some(items),
            _ => None,
        }
    }

    fn combine(op: &str, filters: impl IntoIterator<Item = Filter>) -> Filter {
        let mut operands = Vec::new();
        for filter in filters {
            if op == "$and" && filter.is_all() {
                continue;
            }
            match filter.operands_of(op) {
                Some(items) => operands.extend(items.iter().cloned()),
                None => operands.push(filter.into_value()),
            }
        }
        match operands.len() {
            0 if op == "$and" => Filter::all(),
            1 => match operands.pop() {
                Some(Value::Object(only)) => Filter(only),
                Some(other) => Filter::single(op.to_owned(), Value::Array(vec![other])),
                None => Filter::all(),
            },
            _ => Filter::single(op.to_owned(), Value::Array(operands)),
        }
    }
}

impl BitAnd for Filter {
    type Output = Filter;

    /// Both match: [`Filter::and`].
    fn bitand(self, other: Filter) -> Filter {
        Filter::and([self, other])
    }
}

impl BitOr for Filter {
    type Output = Filter;

    /// Either matches: [`Filter::or`].
    fn bitor(self, other: Filter) -> Filter {
        Filter::or([self, other])
    }
}

impl Not for Filter {
    type Output = Filter;

    /// It does not match: [`Filter::negate`].
    fn not(self) -> Filter {
        Filter::negate(self)
    }
}

impl From<Filter> for Value {
    fn from(filter: Filter) -> Value {
        filter.into_value()
    }
}

/// For a generated query's `filter: Option<serde_json::Value>`: `query.filter =
/// filter.into()`.
impl From<Filter> for Option<Value> {
    fn from(filter: Filter) -> Option<Value> {
        Some(filter.into_value())
    }
}

impl Serialize for Filter {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

/// The filter's JSON text, as sent.
impl fmt::Display for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&Value::Object(self.0.clone()), f)
    }
}

/// A field a filter tests, by its path (`"primaryInfo.email"`, `"info.name.first"`),
/// typed by its values: `T` is the type of one value (of one item, for an array field),
/// so that `EMAIL.eq(..)` takes text and `CREATED.gt(..)` a timestamp. `Field<Value>`
/// (what [`field`] makes) takes any JSON.
///
/// An API crate declares the fields its queries filter on as constants
/// (`const EMAIL: Field<String> = Field::new("primaryInfo.email");`).
pub struct Field<T = Value> {
    path: Cow<'static, str>,
    values: PhantomData<fn(T)>,
}

/// A field named at run time, its operands any JSON value:
/// `field("info.company").eq("Wix")`.
pub fn field(path: impl Into<String>) -> Field<Value> {
    Field {
        path: Cow::Owned(path.into()),
        values: PhantomData,
    }
}

impl<T> Field<T> {
    /// The field at `path` (dotted, as in the API's JSON), in const context.
    pub const fn new(path: &'static str) -> Field<T> {
        Field {
            path: Cow::Borrowed(path),
            values: PhantomData,
        }
    }

    /// The field's path.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// `{path: {op: operand}}`.
    fn test(&self, op: &str, operand: Value) -> Filter {
        let mut test = Map::new();
        test.insert(op.to_owned(), operand);
        Filter::single(self.path.clone().into_owned(), Value::Object(test))
    }

    /// The field is present (`true`) or absent (`false`): `$exists`.
    pub fn exists(&self, present: bool) -> Filter {
        self.test("$exists", Value::Bool(present))
    }
}

impl<T: Serialize> Field<T> {
    /// The field equals `value`: `$eq`.
    ///
    /// # Panics
    ///
    /// This and the other tests of a value panic only when `T`'s `Serialize` fails,
    /// which no type of the bindings' fields (text, numbers, IDs, enums, timestamps)
    /// does.
    pub fn eq(&self, value: impl Into<T>) -> Filter {
        self.test("$eq", to_json(&value.into()))
    }

    /// The field differs from `value` (or is absent): `$ne`.
    pub fn ne(&self, value: impl Into<T>) -> Filter {
        self.test("$ne", to_json(&value.into()))
    }

    /// The field equals one of `values`: `$in`.
    pub fn is_in<V: Into<T>>(&self, values: impl IntoIterator<Item = V>) -> Filter {
        self.test("$in", to_json_array(values))
    }

    /// The array field holds at least one of `values`: `$hasSome`.
    pub fn has_some<V: Into<T>>(&self, values: impl IntoIterator<Item = V>) -> Filter {
        self.test("$hasSome", to_json_array(values))
    }

    /// The array field holds every one of `values`: `$hasAll`.
    pub fn has_all<V: Into<T>>(&self, values: impl IntoIterator<Item = V>) -> Filter {
        self.test("$hasAll", to_json_array(values))
    }

    /// The field is greater than `value`: `$gt`.
    pub fn gt(&self, value: impl Into<T>) -> Filter {
        self.test("$gt", to_json(&value.into()))
    }

    /// The field is greater than or equal to `value`: `$gte`.
    pub fn gte(&self, value: impl Into<T>) -> Filter {
        self.test("$gte", to_json(&value.into()))
    }

    /// The field is less than `value`: `$lt`.
    pub fn lt(&self, value: impl Into<T>) -> Filter {
        self.test("$lt", to_json(&value.into()))
    }

    /// The field is less than or equal to `value`: `$lte`.
    pub fn lte(&self, value: impl Into<T>) -> Filter {
        self.test("$lte", to_json(&value.into()))
    }
}

impl<T: Text> Field<T> {
    /// The text field starts with `prefix`: `$startsWith`.
    pub fn starts_with(&self, prefix: impl Into<String>) -> Filter {
        self.test("$startsWith", Value::String(prefix.into()))
    }

    /// The text field contains `part`: `$contains`.
    pub fn contains(&self, part: impl Into<String>) -> Filter {
        self.test("$contains", Value::String(part.into()))
    }
}

/// The value types of fields that take the text operators (`$startsWith`,
/// `$contains`): `String`, and `Value` for fields named ad hoc.
pub trait Text: text::Sealed {}

impl Text for String {}
impl Text for Value {}

mod text {
    pub trait Sealed {}
    impl Sealed for String {}
    impl Sealed for serde_json::Value {}
}

impl<T> Clone for Field<T> {
    fn clone(&self) -> Self {
        Field {
            path: self.path.clone(),
            values: PhantomData,
        }
    }
}

impl<T> fmt::Debug for Field<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Field").field(&self.path).finish()
    }
}

fn to_json<T: Serialize>(value: &T) -> Value {
    match serde_json::to_value(value) {
        Ok(json) => json,
        Err(e) => panic!("a filter operand could not be serialised: {e}"),
    }
}

fn to_json_array<T: Serialize, V: Into<T>>(values: impl IntoIterator<Item = V>) -> Value {
    Value::Array(values.into_iter().map(|v| to_json(&v.into())).collect())
}

#[cfg(test)]
#[path = "filter_tests.rs"]
mod tests;
