//! The part of the Wix API query language the Contacts and Members routes answer:
//! filters (`{"primaryInfo.email": {"$eq": "ann@example.com"}}`, `$and`, `$or`, `$not`,
//! a bare value meaning `$eq`), sorting by one field, and offset paging. Each API
//! lists the fields it filters on and the operators each takes; anything else is
//! refused, with the error the API documents for it.

use std::cmp::Ordering;

use chrono::{DateTime, FixedOffset};
use serde_json::Value;

/// How a field's values compare.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Text, compared exactly.
    Text,
    /// An email address: compared without regard to case.
    Email,
    /// A date and time (RFC 3339), compared as instants.
    Time,
    /// An array of strings (`$hasSome`, `$hasAll`).
    List,
}

/// A field a filter may name: its name in filters, where it is in the JSON of an item,
/// and the operators it takes.
#[derive(Debug)]
pub(crate) struct Field {
    pub name: &'static str,
    pub path: &'static str,
    pub kind: Kind,
    pub ops: &'static [&'static str],
}

/// Why a filter is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum FilterError {
    /// Not a filter at all (not an object, an unknown `$` operator at the top).
    Malformed(String),
    /// A field the API does not filter on.
    UnknownField(String),
    /// An operator the field does not take.
    Operator { field: String, op: String },
    /// An operand of the wrong JSON type.
    ValueType { field: String, op: String },
    /// An operand of the right type that is no valid value (a date that is not one).
    Value { field: String, why: String },
}

impl FilterError {
    /// A description for the error body.
    pub(crate) fn describe(&self) -> String {
        match self {
            FilterError::Malformed(why) => format!("the filter cannot be read: {why}"),
            FilterError::UnknownField(field) => format!("`{field}` cannot be filtered on"),
            FilterError::Operator { field, op } => format!("`{field}` does not take `{op}`"),
            FilterError::ValueType { field, op } => {
                format!("`{op}` on `{field}` is given a value of the wrong type")
            }
            FilterError::Value { field, why } => format!("`{field}`: {why}"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Op {
    Eq,
    Ne,
    In,
    Exists,
    StartsWith,
    Gt,
    Gte,
    Lt,
    Lte,
    HasSome,
    HasAll,
}

impl Op {
    fn parse(name: &str) -> Option<Op> {
        Some(match name {
            "$eq" => Op::Eq,
            "$ne" => Op::Ne,
            "$in" => Op::In,
            "$exists" => Op::Exists,
            "$startsWith" => Op::StartsWith,
            "$gt" => Op::Gt,
            "$gte" => Op::Gte,
            "$lt" => Op::Lt,
            "$lte" => Op::Lte,
            "$hasSome" => Op::HasSome,
            "$hasAll" => Op::HasAll,
            _ => return None,
        })
    }
}

/// A parsed, checked filter.
#[derive(Debug)]
pub(crate) enum Filter {
    All(Vec<Filter>),
    Any(Vec<Filter>),
    Not(Box<Filter>),
    Test {
        field: &'static Field,
        op: Op,
        operand: Value,
    },
}

impl Filter {
    /// Parses `filter` (absent or `null`: every item) against the API's `fields`.
    pub(crate) fn parse(
        filter: Option<&Value>,
        fields: &'static [Field],
    ) -> Result<Filter, FilterError> {
        match filter {
            None | Some(Value::Null) => Ok(Filter::All(Vec::new())),
            Some(filter) => parse_object(filter, fields),
        }
    }

    /// Whether `item` (the item's full JSON) passes.
    pub(crate) fn matches(&self, item: &Value) -> bool {
        match self {
            Filter::All(filters) => filters.iter().all(|f| f.matches(item)),
            Filter::Any(filters) => filters.iter().any(|f| f.matches(item)),
            Filter::Not(filter) => !filter.matches(item),
            Filter::Test { field, op, operand } => {
                test(field, *op, operand, lookup(item, field.path))
            }
        }
    }
}

fn parse_object(filter: &Value, fields: &'static [Field]) -> Result<Filter, FilterError> {
    let object = filter
        .as_object()
        .ok_or_else(|| FilterError::Malformed("a filter is a JSON object".into()))?;
    let mut all = Vec::new();
    for (key, value) in object {
        match key.as_str() {
            "$and" | "$or" => {
                let parts = value
                    .as_array()
                    .ok_or_else(|| FilterError::Malformed(format!("`{key}` takes an array")))?
                    .iter()
                    .map(|part| parse_object(part, fields))
                    .collect::<Result<Vec<_>, _>>()?;
                all.push(if key == "$and" {
                    Filter::All(parts)
                } else {
                    Filter::Any(parts)
                });
            }
            "$not" => all.push(Filter::Not(Box::new(parse_object(value, fields)?))),
            other if other.starts_with('$') => {
                return Err(FilterError::Malformed(format!(
                    "`{other}` is not an operator"
                )))
            }
            name => {
                let field = fields
                    .iter()
                    .find(|f| f.name == name)
                    .ok_or_else(|| FilterError::UnknownField(name.to_owned()))?;
                match value {
                    Value::Object(tests) if tests.keys().all(|k| k.starts_with('$')) => {
                        if tests.is_empty() {
                            return Err(FilterError::Malformed(format!(
                                "`{name}` is given no operator"
                            )));
                        }
                        for (op, operand) in tests {
                            all.push(parse_test(field, op, operand)?);
                        }
                    }
                    operand => all.push(parse_test(field, "$eq", operand)?),
                }
            }
        }
    }
    Ok(match all.len() {
        1 => all.pop().expect("one"),
        _ => Filter::All(all),
    })
}

fn parse_test(
    field: &'static Field,
    op_name: &str,
    operand: &Value,
) -> Result<Filter, FilterError> {
    let op = Op::parse(op_name)
        .filter(|_| field.ops.contains(&op_name))
        .ok_or_else(|| FilterError::Operator {
            field: field.name.into(),
            op: op_name.into(),
        })?;
    let wrong_type = || FilterError::ValueType {
        field: field.name.into(),
        op: op_name.into(),
    };
    let scalar_ok = |v: &Value| -> Result<(), FilterError> {
        let text = v.as_str().ok_or_else(wrong_type)?;
        if field.kind == Kind::Time && DateTime::parse_from_rfc3339(text).is_err() {
            return Err(FilterError::Value {
                field: field.name.into(),
                why: format!("`{text}` is not an RFC 3339 date and time"),
            });
        }
        Ok(())
    };
    match op {
        Op::Exists => {
            operand.as_bool().ok_or_else(wrong_type)?;
        }
        Op::In | Op::HasSome | Op::HasAll => {
            for item in operand.as_array().ok_or_else(wrong_type)? {
                scalar_ok(item)?;
            }
        }
        Op::StartsWith => {
            operand.as_str().ok_or_else(wrong_type)?;
        }
        Op::Eq | Op::Ne | Op::Gt | Op::Gte | Op::Lt | Op::Lte => scalar_ok(operand)?,
    }
    Ok(Filter::Test {
        field,
        op,
        operand: operand.clone(),
    })
}

/// The value at a dotted `path` of `item`; JSON `null` counts as absent.
pub(crate) fn lookup<'a>(item: &'a Value, path: &str) -> Option<&'a Value> {
    let value = path.split('.').try_fold(item, |node, key| node.get(key))?;
    (!value.is_null()).then_some(value)
}

fn test(field: &Field, op: Op, operand: &Value, value: Option<&Value>) -> bool {
    let equal = |v: &Value, o: &Value| compare(field.kind, v, o) == Some(Ordering::Equal);
    match (op, value) {
        (Op::Exists, value) => operand.as_bool() == Some(value.is_some()),
        (Op::Ne, None) => true,
        (Op::Ne, Some(v)) => !equal(v, operand),
        (_, None) => false,
        (Op::Eq, Some(v)) => equal(v, operand),
        (Op::In, Some(v)) => operand
            .as_array()
            .is_some_and(|items| items.iter().any(|o| equal(v, o))),
        (Op::StartsWith, Some(v)) => match (v.as_str(), operand.as_str()) {
            (Some(v), Some(prefix)) if field.kind == Kind::Email => {
                v.to_lowercase().starts_with(&prefix.to_lowercase())
            }
            (Some(v), Some(prefix)) => v.starts_with(prefix),
            _ => false,
        },
        (Op::Gt | Op::Gte | Op::Lt | Op::Lte, Some(v)) => compare(field.kind, v, operand)
            .is_some_and(|ordering| match op {
                Op::Gt => ordering == Ordering::Greater,
                Op::Gte => ordering != Ordering::Less,
                Op::Lt => ordering == Ordering::Less,
                _ => ordering != Ordering::Greater,
            }),
        (Op::HasSome | Op::HasAll, Some(v)) => {
            let (Some(have), Some(wanted)) = (v.as_array(), operand.as_array()) else {
                return false;
            };
            let has = |w: &Value| have.contains(w);
            if op == Op::HasSome {
                wanted.iter().any(has)
            } else {
                wanted.iter().all(has)
            }
        }
    }
}

/// Compares two values of a field of `kind`: `None` when they are not comparable.
pub(crate) fn compare(kind: Kind, a: &Value, b: &Value) -> Option<Ordering> {
    match kind {
        Kind::Time => {
            let parse = |v: &Value| -> Option<DateTime<FixedOffset>> {
                DateTime::parse_from_rfc3339(v.as_str()?).ok()
            };
            Some(parse(a)?.cmp(&parse(b)?))
        }
        Kind::Email => Some(a.as_str()?.to_lowercase().cmp(&b.as_str()?.to_lowercase())),
        Kind::Text | Kind::List => match (a, b) {
            (Value::String(a), Value::String(b)) => Some(a.cmp(b)),
            _ => (a == b).then_some(Ordering::Equal),
        },
    }
}

/// Orders two items by a sort field: items without the field come first.
pub(crate) fn order_by(field: &Field, a: &Value, b: &Value) -> Ordering {
    match (lookup(a, field.path), lookup(b, field.path)) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        (Some(a), Some(b)) => compare(field.kind, a, b).unwrap_or(Ordering::Equal),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    static FIELDS: [Field; 4] = [
        Field {
            name: "email",
            path: "primary.email",
            kind: Kind::Email,
            ops: &["$eq", "$ne", "$in", "$exists", "$startsWith"],
        },
        Field {
            name: "name",
            path: "name",
            kind: Kind::Text,
            ops: &["$eq", "$gt", "$lt"],
        },
        Field {
            name: "created",
            path: "created",
            kind: Kind::Time,
            ops: &["$gte", "$lt"],
        },
        Field {
            name: "labels",
            path: "labels.items",
            kind: Kind::List,
            ops: &["$hasSome", "$hasAll"],
        },
    ];

    fn item() -> Value {
        json!({
            "primary": {"email": "Ann@Example.com"},
            "name": "Ann",
            "created": "2024-05-02T07:30:00.412Z",
            "labels": {"items": ["a", "b"]},
        })
    }

    fn passes(filter: Value) -> bool {
        Filter::parse(Some(&filter), &FIELDS)
            .unwrap()
            .matches(&item())
    }

    #[test]
    fn operators() {
        assert!(passes(json!({"email": {"$eq": "ann@example.com"}})));
        assert!(passes(json!({"email": "ANN@example.com"})));
        assert!(!passes(json!({"email": {"$ne": "ann@example.com"}})));
        assert!(passes(
            json!({"email": {"$in": ["x@y.z", "ann@example.com"]}})
        ));
        assert!(passes(json!({"email": {"$exists": true}})));
        assert!(passes(json!({"email": {"$startsWith": "ann@"}})));
        assert!(passes(json!({"name": {"$gt": "Al", "$lt": "Bo"}})));
        assert!(!passes(json!({"name": {"$gt": "Bo"}})));
        assert!(passes(
            json!({"created": {"$gte": "2024-05-02T09:30:00+02:00"}})
        ));
        assert!(!passes(json!({"created": {"$lt": "2024-05-02T07:30:00Z"}})));
        assert!(passes(json!({"labels": {"$hasSome": ["b", "c"]}})));
        assert!(!passes(json!({"labels": {"$hasAll": ["b", "c"]}})));
        assert!(passes(json!({"$or": [{"name": "Bob"}, {"name": "Ann"}]})));
        assert!(!passes(json!({"$and": [{"name": "Bob"}, {"name": "Ann"}]})));
        assert!(passes(json!({"$not": {"name": "Bob"}})));
        assert!(passes(json!({})));
    }

    #[test]
    fn refusals() {
        let parse = |f: Value| Filter::parse(Some(&f), &FIELDS).unwrap_err();
        assert!(matches!(parse(json!([])), FilterError::Malformed(_)));
        assert!(matches!(
            parse(json!({"$nor": []})),
            FilterError::Malformed(_)
        ));
        assert_eq!(
            parse(json!({"phone": "1"})),
            FilterError::UnknownField("phone".into())
        );
        assert!(matches!(
            parse(json!({"name": {"$startsWith": "A"}})),
            FilterError::Operator { .. }
        ));
        assert!(matches!(
            parse(json!({"email": {"$in": "a"}})),
            FilterError::ValueType { .. }
        ));
        assert!(matches!(
            parse(json!({"email": 5})),
            FilterError::ValueType { .. }
        ));
        assert!(matches!(
            parse(json!({"created": {"$lt": "yesterday"}})),
            FilterError::Value { .. }
        ));
    }
}
