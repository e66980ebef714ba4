//! Every example of the pages (request bodies and query strings, response bodies, webhook
//! events) decoded against the IR's types, with the rules the generated bindings decode
//! by, so that an example the bindings would not read is reported at its line, with the
//! JSON path of what does not fit. It reads JSON values against the type table; it
//! neither compiles nor runs the bindings.
//!
//! The rules (those of the runtime's `object!`, `one_of!`, `string_enum!`, its ID types
//! and serde helpers):
//!
//! - an object: its keys are fields or one-of members; a key nothing lists is reported
//!   (the bindings drop it); a required field that is not read-only must be there; of a
//!   one-of group at most one member is set, exactly one when the group is required; a
//!   member or optional field set to `null` is absent;
//! - `string` a string (an ID of a GUID kind a GUID, of another kind not empty);
//!   `integer` a whole number (or a string of digits, outside arrays); `int64` a string of
//!   digits or a whole number; `number` a number or a numeric string; `boolean` a boolean;
//!   `timestamp` an RFC 3339 string; `object` anything; an enum one of its values (the
//!   bindings keep another as unrecognised, but the pages did not list it); an array an
//!   array; a nullable value also `null`;
//! - `<name>AsJson` holding a string is `<name>` sent as JSON text (webhook envelopes send
//!   `actionEvent.bodyAsJson`): the text is decoded in its place; and an event example may
//!   be what Wix posts, `{"eventType": ..., "instanceId": ..., "data": "<the event as JSON
//!   text>"}`: its `data` is decoded as the event.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::diag::Diagnostic;
use crate::ir::{Api, Example, ExampleKind, Field, Scalar, TypeId, TypeKind};

/// Mismatches reported for one example at most; one more warning says how many more.
const MAX_PER_EXAMPLE: usize = 12;

/// Nesting deeper than this is not followed (the types of real pages are far shallower).
const MAX_DEPTH: usize = 64;

/// Checks every example of every method and event of `api`.
pub(super) fn check(api: &Api, diags: &mut Vec<Diagnostic>) {
    for m in api.methods.values() {
        for e in &m.examples {
            let root = match e.kind {
                ExampleKind::Request => Some(&m.request),
                ExampleKind::Response => m.response.as_ref(),
                ExampleKind::Event => None,
            };
            if let Some(root) = root {
                example(api, e, root, diags);
            }
        }
    }
    for ev in api.events.values() {
        for e in &ev.examples {
            example(api, e, &ev.body, diags);
        }
    }
}

/// An event example may be what Wix posts, `{"eventType", "instanceId", "data"}`, whose
/// `data` is the event as JSON text: the event is that text (at the path `data`), unless
/// the event's own type has a field `data`.
fn unwrapped(api: &Api, value: Value, root: &TypeId) -> (Value, &'static str) {
    let has_data = matches!(api.types.get(root).map(|d| &d.kind), Some(TypeKind::Struct { fields, .. }) if fields.iter().any(|f| f.name == "data"));
    let posted = value.get("eventType").is_some_and(Value::is_string) && value.get("data").is_some_and(Value::is_string);
    if has_data || !posted {
        return (value, "");
    }
    match value.get("data").and_then(Value::as_str).map(serde_json::from_str::<Value>) {
        Some(Ok(inner)) => (inner, "data"),
        _ => (value, ""),
    }
}

/// Decodes one example as `root`, reporting what does not fit.
fn example(api: &Api, e: &Example, root: &TypeId, diags: &mut Vec<Diagnostic>) {
    let value = match serde_json::from_str::<Value>(&e.json) {
        Ok(v) => v,
        Err(err) => {
            diags.push(Diagnostic::warning_at(&e.source, format!("example `{}` is not valid JSON: {err}", e.title)));
            return;
        }
    };
    let (value, path) = if e.kind == ExampleKind::Event { unwrapped(api, value, root) } else { (value, "") };
    let mut d = Decoder { api, found: Vec::new(), seen: BTreeSet::new() };
    d.value(&value, root, path, false, 0);
    let total = d.found.len();
    for (path, problem) in d.found.into_iter().take(MAX_PER_EXAMPLE) {
        let message = match problem {
            Problem::Unlisted => format!("example `{}` sets `{path}`, which no schema entry lists", e.title),
            Problem::Mismatch(what) => format!("example `{}` does not decode: `{path}` {what}", e.title),
        };
        let help = match message.contains("which no schema entry lists") {
            true => "the bindings have no such field; the example will not round-trip it",
            false => "the bindings would refuse this example (or, for an enum, keep the value as unrecognised): the page's schema or its example is wrong",
        };
        diags.push(Diagnostic::warning_at(&e.source, message).with_help(help));
    }
    if total > MAX_PER_EXAMPLE {
        diags.push(Diagnostic::warning_at(&e.source, format!("example `{}`: {} more mismatches are not reported", e.title, total - MAX_PER_EXAMPLE)));
    }
}

enum Problem {
    /// A key no schema entry lists.
    Unlisted,
    /// Anything else, in words: "is a string, where `integer` is expected".
    Mismatch(String),
}

struct Decoder<'a> {
    api: &'a Api,
    /// `(path, problem)` in the order found.
    found: Vec<(String, Problem)>,
    /// Paths already reported (arrays repeat their elements' problems).
    seen: BTreeSet<(String, bool)>,
}

/// What a JSON value is, in words.
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "a whole number",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

impl Decoder<'_> {
    fn unlisted(&mut self, path: String) {
        if self.seen.insert((path.clone(), true)) {
            self.found.push((path, Problem::Unlisted));
        }
    }

    fn mismatch(&mut self, path: &str, what: String) {
        if self.seen.insert((path.to_string(), false)) {
            self.found.push((path.to_string(), Problem::Mismatch(what)));
        }
    }

    /// Decodes `v` as `ty` at `path`; `in_array` for an array's elements.
    fn value(&mut self, v: &Value, ty: &TypeId, path: &str, in_array: bool, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        // A dangling type is validation's to report.
        let Some(def) = self.api.types.get(ty) else { return };
        match &def.kind {
            TypeKind::Nullable { inner } => {
                if !v.is_null() {
                    self.value(v, inner, path, in_array, depth + 1);
                }
            }
            TypeKind::Array { items } => match v {
                Value::Array(xs) => xs.iter().for_each(|x| self.value(x, items, path, true, depth + 1)),
                other => self.mismatch(path, format!("is {}, where an array is expected", kind(other))),
            },
            TypeKind::Scalar { scalar } => self.scalar(v, *scalar, path, in_array),
            TypeKind::Enum { values } => match v {
                Value::String(s) if values.iter().any(|x| &x.name == s) => {}
                Value::String(s) => self.mismatch(path, format!("is `{s}`, which is not a value of the enum `{ty}`")),
                other => self.mismatch(path, format!("is {}, where a value of the enum `{ty}` is expected", kind(other))),
            },
            TypeKind::Struct { fields, one_ofs } => {
                let groups: Vec<(&TypeId, &[Field], bool)> = one_ofs
                    .iter()
                    .filter_map(|g| match &self.api.types.get(g)?.kind {
                        TypeKind::OneOf { members, required, .. } => Some((g, members.as_slice(), *required)),
                        _ => None,
                    })
                    .collect();
                self.object(v, ty, fields, &groups, path, depth);
            }
            TypeKind::OneOf { members, required, .. } => {
                self.object(v, ty, &[], &[(ty, members.as_slice(), *required)], path, depth);
            }
        }
    }

    /// An object of `fields` and flattened one-of `groups`.
    fn object(&mut self, v: &Value, ty: &TypeId, fields: &[Field], groups: &[(&TypeId, &[Field], bool)], path: &str, depth: usize) {
        let Value::Object(map) = v else {
            return self.mismatch(path, format!("is {}, where an object (`{ty}`) is expected", kind(v)));
        };
        let members = || groups.iter().flat_map(|(_, m, _)| m.iter());
        let find = |key: &str| fields.iter().chain(members()).find(|f| f.name == key);
        let mut set: BTreeSet<&str> = BTreeSet::new();
        for (key, x) in map {
            let p = join(path, key);
            // `bodyAsJson` is `body` sent as JSON text; so is a listed `...AsJson` field
            // whose type is not a string. A page that lists `bodyAsJson` may show `body`.
            let as_json = key.strip_suffix("AsJson").filter(|_| x.is_string());
            let (field, decoded) = match (find(key), as_json) {
                (Some(f), Some(_)) if !matches!(self.api.types.get(&f.ty).map(|d| &d.kind), Some(TypeKind::Scalar { scalar: Scalar::String })) => {
                    (Some(f), Some(x))
                }
                (Some(f), _) => (Some(f), None),
                (None, Some(base)) => (find(base), find(base).map(|_| x)),
                (None, None) => (find(&format!("{key}AsJson")), None),
            };
            let Some(f) = field else {
                self.unlisted(p);
                continue;
            };
            if let Some(text) = decoded {
                match serde_json::from_str::<Value>(text.as_str().unwrap_or_default()) {
                    Ok(inner) => self.value(&inner, &f.ty, &p, false, depth + 1),
                    Err(err) => self.mismatch(&p, format!("is not JSON text ({err})")),
                }
                set.insert(f.name.as_str());
                continue;
            }
            // `null` is absent, but not for a required value nor for an array (the
            // bindings read a missing array as empty and refuse `null`).
            let array = matches!(self.api.types.get(&f.ty).map(|d| &d.kind), Some(TypeKind::Array { .. }));
            if x.is_null() && !self.required_value(f) && !array {
                continue;
            }
            set.insert(f.name.as_str());
            self.value(x, &f.ty, &p, false, depth + 1);
            if let (Some(kind), Value::String(s)) = (&f.id_kind, x) {
                self.id(s, kind, &p);
            }
            if let (Some(kind), Value::Array(xs)) = (&f.id_kind, x) {
                xs.iter().filter_map(Value::as_str).for_each(|s| self.id(s, kind, &p));
            }
        }
        for f in fields.iter().filter(|f| f.required && !f.read_only) {
            if !set.contains(f.name.as_str()) {
                self.mismatch(&join(path, &f.name), "is missing, and the schema marks it required".to_string());
            }
        }
        for (group, members, required) in groups {
            let chosen: Vec<&str> = members.iter().map(|m| m.name.as_str()).filter(|m| set.contains(m)).collect();
            let names = || members.iter().map(|m| format!("`{}`", m.name)).collect::<Vec<_>>().join(", ");
            if chosen.len() > 1 {
                self.mismatch(&join(path, chosen[1]), format!("is set beside `{}`, but at most one of {} (`{group}`) may be", chosen[0], names()));
            } else if chosen.is_empty() && *required {
                self.mismatch(path, format!("sets none of {} (`{group}`), and one must be set", names()));
            }
        }
    }

    /// Whether a field must hold a value (`null` is not absent for it): a required plain
    /// value that is not nullable.
    fn required_value(&self, f: &Field) -> bool {
        f.required && !f.read_only && !matches!(self.api.types.get(&f.ty).map(|d| &d.kind), Some(TypeKind::Nullable { .. }))
    }

    fn scalar(&mut self, v: &Value, scalar: Scalar, path: &str, in_array: bool) {
        let digits = |s: &str| {
            let s = s.strip_prefix('-').unwrap_or(s);
            !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
        };
        let whole = |v: &Value| v.as_i64().is_some() || v.as_u64().is_some();
        let fits = match (scalar, v) {
            (Scalar::Object, _) => true,
            (Scalar::String, Value::String(_)) => true,
            (Scalar::Boolean, Value::Bool(_)) => true,
            (Scalar::Number, Value::Number(_)) => true,
            (Scalar::Number, Value::String(s)) => s.trim().parse::<f64>().is_ok(),
            (Scalar::Integer, Value::Number(_)) => whole(v),
            (Scalar::Integer, Value::String(s)) => !in_array && digits(s),
            (Scalar::Int64, Value::Number(_)) => whole(v),
            (Scalar::Int64, Value::String(s)) => digits(s),
            (Scalar::Timestamp, Value::String(s)) => {
                if !is_rfc3339(s) {
                    return self.mismatch(path, format!("is `{s}`, which is not an RFC 3339 date-time"));
                }
                true
            }
            _ => false,
        };
        if !fits {
            let expected = match scalar {
                Scalar::String => "a string",
                Scalar::Number => "a number",
                Scalar::Integer => "a whole number",
                Scalar::Int64 => "a whole number (as a string)",
                Scalar::Boolean => "a boolean",
                Scalar::Timestamp => "an RFC 3339 date-time string",
                Scalar::Object => "any JSON",
            };
            let found = match v {
                Value::String(s) => format!("`{s}`"),
                other => kind(other).to_string(),
            };
            self.mismatch(path, format!("is {found}, where {expected} is expected"));
        }
    }

    /// An ID of `kind`: a GUID for a GUID kind, else not empty.
    fn id(&mut self, s: &str, kind: &str, path: &str) {
        let Some(k) = self.api.id_kinds.get(kind) else { return };
        if k.guid && !is_guid(s) {
            self.mismatch(path, format!("is `{s}`, which is not a GUID (a `{kind}` ID is)"));
        } else if s.is_empty() {
            self.mismatch(path, format!("is empty, and a `{kind}` ID is not"));
        }
    }
}

/// 36 characters, hex digits grouped 8-4-4-4-12 by `-` (as the runtime's `Guid` reads).
fn is_guid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36 && b.iter().enumerate().all(|(i, c)| if matches!(i, 8 | 13 | 18 | 23) { *c == b'-' } else { c.is_ascii_hexdigit() })
}

/// `YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)`, as the runtime's timestamps read (a space
/// or `t` for `T`, `z` for `Z` and `±hhmm` accepted too).
fn is_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |from: usize, n: usize| b.get(from..from + n).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let at = |i: usize, c: &[u8]| b.get(i).is_some_and(|x| c.contains(x));
    if !(digits(0, 4) && at(4, b"-") && digits(5, 2) && at(7, b"-") && digits(8, 2) && at(10, b"Tt ") && digits(11, 2) && at(13, b":") && digits(14, 2) && at(16, b":") && digits(17, 2)) {
        return false;
    }
    let mut i = 19;
    if at(i, b".") {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    match b.get(i) {
        Some(b'Z' | b'z') => i + 1 == b.len(),
        Some(b'+' | b'-') => {
            (digits(i + 1, 2) && at(i + 3, b":") && digits(i + 4, 2) && i + 6 == b.len()) || (digits(i + 1, 4) && i + 5 == b.len())
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_times_and_guids_as_the_runtime_reads_them() {
        for ok in ["2024-05-01T10:15:30Z", "2024-05-01T10:15:30.123+01:00", "2024-05-01 10:15:30z", "2024-05-01T10:15:30-0500"] {
            assert!(is_rfc3339(ok), "{ok}");
        }
        for bad in ["2024-05-01", "2024-05-01T10:15Z", "2024-05-01T10:15:30", "2024-05-01T10:15:30.Z", "yesterday"] {
            assert!(!is_rfc3339(bad), "{bad}");
        }
        assert!(is_guid("0bd6b6a1-5c37-4a24-a1f4-0fd4bd0b1a3e"));
        assert!(!is_guid("0bd6b6a1-5c37-4a24-a1f4-0fd4bd0b1a3"));
        assert!(!is_guid("0bd6b6a1x5c37-4a24-a1f4-0fd4bd0b1a3e"));
    }
}
