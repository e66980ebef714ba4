//! The examples of a page, as the IR keeps them and as placement reads them: curl
//! requests completed with the path parameters of their URL, query strings typed by the
//! schema, and the types of self-named scalar parameters taken from them.

use crate::diag::SourceFile;
use crate::ir::Example;
use crate::parse::page::ExampleSyntax;
use crate::parse::schema::{Entry, EntryKind, TypeExpr};

use super::collect::{self, Collector, RawDef};
use super::pages::url_path;
use super::url_template;

/// A top-level scalar parameter names itself as its type (`param name: silent | type:
/// silent`), which says only "a scalar". The examples say which: a JSON boolean or
/// number where one sets it; failing that, a description that starts with "Whether"
/// (how the docs describe every boolean) makes it a boolean. Otherwise it stays a string.
pub(super) fn self_named_scalars(entries: &mut [Entry], examples: &[serde_json::Value]) {
    for e in entries {
        let EntryKind::Field(line) = &mut e.kind else { continue };
        let Some(ty) = &mut line.ty else { continue };
        let TypeExpr::Named(n) = &ty.value else { continue };
        if !line.is_param || n != &line.name.value {
            continue;
        }
        let seen = examples.iter().find_map(|v| v.get(n.as_str()));
        let scalar = match seen {
            Some(serde_json::Value::Bool(_)) => "boolean",
            Some(serde_json::Value::Number(x)) if x.is_i64() || x.is_u64() => "integer",
            Some(serde_json::Value::Number(_)) => "number",
            Some(_) => continue,
            None if line.description.starts_with("Whether ") => "boolean",
            None => continue,
        };
        ty.value = TypeExpr::Named(scalar.to_string());
    }
}

/// Types the values of a request read from a query string as the schema of `ty` says.
pub(super) fn coerce_query(v: &mut serde_json::Value, ty: &str, c: &Collector, depth: usize) {
    use serde_json::Value;
    let Some(RawDef::Struct { fields, one_ofs }) = c.latest(ty).map(|cand| &cand.def) else { return };
    let Value::Object(map) = v else { return };
    if depth > 32 {
        return;
    }
    for (k, x) in map.iter_mut() {
        let Some(f) = fields.iter().chain(one_ofs.iter().flat_map(|g| &g.members)).find(|f| &f.name == k) else { continue };
        coerce_value(x, &f.ty, c, depth);
    }
}

fn coerce_value(x: &mut serde_json::Value, ty: &collect::RawTy, c: &Collector, depth: usize) {
    use collect::RawTy;
    use serde_json::Value;
    match ty {
        RawTy::Array(inner) => {
            if !x.is_array() {
                *x = Value::Array(vec![x.take()]);
            }
            if let Value::Array(items) = x {
                items.iter_mut().for_each(|i| coerce_value(i, inner, c, depth + 1));
            }
        }
        RawTy::Nullable(inner) => coerce_value(x, inner, c, depth + 1),
        RawTy::Scalar(crate::ir::Scalar::String | crate::ir::Scalar::Int64 | crate::ir::Scalar::Timestamp) => {
            if let Value::Number(_) | Value::Bool(_) = x {
                *x = Value::String(x.to_string());
            }
        }
        RawTy::Named(n) => coerce_query(x, n, c, depth + 1),
        RawTy::Scalar(_) => {}
    }
}

/// The example bodies of one kind that are JSON objects (others are reported by
/// validation).
pub(super) fn example_values(list: &[ExampleSyntax], kind: crate::ir::ExampleKind) -> Vec<serde_json::Value> {
    list.iter().filter(|e| e.kind == kind).filter_map(|e| serde_json::from_str(&e.json).ok()).collect()
}

/// Fills the path parameters of curl request examples from their URLs: the value in
/// each `{name}` segment of `template`.
pub(super) fn path_params_from_urls(values: &mut [serde_json::Value], list: &[ExampleSyntax], template: &str) {
    let urls = list.iter().filter(|e| e.kind == crate::ir::ExampleKind::Request).filter(|e| serde_json::from_str::<serde_json::Value>(&e.json).is_ok());
    for (value, e) in values.iter_mut().zip(urls) {
        let (Some(url), Some(map)) = (&e.url, value.as_object_mut()) else { continue };
        for (field, v) in url_template::values(template, &url_path(url)) {
            insert_at(map, &field, v);
        }
    }
}

/// Sets the field at `path` (`category.id`) to `value` unless the example sets it,
/// creating the objects on the way.
fn insert_at(map: &mut serde_json::Map<String, serde_json::Value>, path: &[String], value: String) {
    let Some((last, parents)) = path.split_last() else { return };
    let mut map = map;
    for p in parents {
        let next = map.entry(p.clone()).or_insert_with(|| serde_json::Value::Object(serde_json::Map::new()));
        let serde_json::Value::Object(next) = next else { return };
        map = next;
    }
    map.entry(last.clone()).or_insert(serde_json::Value::String(value));
}

pub(super) fn examples(file: &SourceFile, list: &[ExampleSyntax], template: Option<&str>) -> Vec<Example> {
    list.iter()
        .map(|e| {
            let mut json = e.json.clone();
            // A curl example's URL holds the path parameters of its request.
            if let (Some(url), Some(template)) = (&e.url, template) {
                let params = url_template::values(template, &url_path(url));
                if let (false, Ok(serde_json::Value::Object(mut map))) = (params.is_empty(), serde_json::from_str(&json)) {
                    // Path parameters first, as the URL names them; what the body sets wins.
                    let mut full = serde_json::Map::new();
                    for (field, v) in params.iter().filter(|(f, _)| f.len() == 1) {
                        insert_at(&mut full, field, v.clone());
                    }
                    full.append(&mut map);
                    for (field, v) in params.into_iter().filter(|(f, _)| f.len() > 1) {
                        insert_at(&mut full, &field, v);
                    }
                    json = serde_json::to_string_pretty(&serde_json::Value::Object(full)).unwrap_or(json);
                }
            }
            Example { kind: e.kind, title: e.title.clone(), json, source: file.source(e.offset) }
        })
        .collect()
}

