//! The examples of a page, as the IR keeps them and as placement reads them: curl
//! requests completed with the path parameters of their URL, query strings typed by the
//! schema; an example that is not JSON is reported and left out.

use crate::diag::{Diagnostic, SourceFile};
use crate::ir::Example;
use crate::parse::page::ExampleSyntax;

use super::collect::{self, Collector, RawDef};
use super::pages::url_path;
use super::url_template;

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

/// The examples of a page as the IR keeps them. An example that is not JSON (Wix's hold
/// comments, `...` and trailing commas now and then) is reported where it goes wrong and
/// left out: an example is documentation, not the contract.
pub(super) fn examples(file: &SourceFile, list: &[ExampleSyntax], template: Option<&str>, diags: &mut Vec<Diagnostic>) -> Vec<Example> {
    list.iter()
        .filter(|e| match serde_json::from_str::<serde_json::Value>(&e.json) {
            Ok(_) => true,
            Err(err) => {
                let at = e.offset + offset_of(&e.json, err.line(), err.column());
                diags.push(
                    Diagnostic::warning(file, at, at, format!("example `{}` is not valid JSON ({err}); it is left out", e.title))
                        .with_help("Wix's examples hold comments, `...` and trailing commas now and then; the bindings do not need them"),
                );
                false
            }
        })
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


/// The byte offset in `text` of serde_json's 1-based `line` and `column` (clamped).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    let rest = &text[start.min(text.len())..];
    let line_len = rest.find('\n').unwrap_or(rest.len());
    let mut at = (start + column.saturating_sub(1).min(line_len)).min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}
