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
    let Some(RawDef::Struct { fields, one_ofs }) = c.latest(ty).map(|cand| &*cand.def) else { return };
    let Value::Object(map) = v else { return };
    if depth > 32 {
        return;
    }
    for (k, x) in map.iter_mut() {
        let Some(f) = fields.iter().chain(one_ofs.iter().flat_map(|g| &g.members)).find(|f| f.name == k) else { continue };
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

/// A page's examples read as JSON, once (each in the order of the page's list; `Err`
/// where it is not JSON): every step of lowering that reads them shares these.
pub(super) type Values = Vec<Result<serde_json::Value, serde_json::Error>>;

/// Reads every example of `list` as JSON.
pub(super) fn parse_values(list: &[ExampleSyntax]) -> Values {
    list.iter().map(|e| serde_json::from_str(&e.json)).collect()
}

/// The example bodies of one kind that are JSON (others are reported by `examples`).
pub(super) fn example_values<'v>(list: &[ExampleSyntax], values: &'v Values, kind: crate::ir::ExampleKind) -> Vec<&'v serde_json::Value> {
    list.iter().zip(values).filter(|(e, _)| e.kind == kind).filter_map(|(_, v)| v.as_ref().ok()).collect()
}

/// The request bodies that are JSON, the path parameters of curl examples filled from
/// their URLs: the value in each `{name}` segment of `template`.
pub(super) fn request_values<'v>(list: &[ExampleSyntax], values: &'v Values, template: &str) -> Vec<std::borrow::Cow<'v, serde_json::Value>> {
    let mut out = Vec::new();
    for (e, v) in list.iter().zip(values).filter(|(e, _)| e.kind == crate::ir::ExampleKind::Request) {
        let Ok(v) = v else { continue };
        let filled = match (&e.url, v.as_object()) {
            (Some(url), Some(_)) => {
                let found = url_template::values(template, &url_path(url));
                (!found.is_empty()).then(|| {
                    let mut owned = v.clone();
                    if let Some(map) = owned.as_object_mut() {
                        for (field, value) in found {
                            insert_at(map, &field, value);
                        }
                    }
                    owned
                })
            }
            _ => None,
        };
        out.push(filled.map_or(std::borrow::Cow::Borrowed(v), std::borrow::Cow::Owned));
    }
    out
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

/// The examples of a page as the IR keeps them, each with its JSON value. An example that
/// is not JSON (Wix's hold comments, `...` and trailing commas now and then) is reported
/// where it goes wrong and left out: an example is documentation, not the contract.
pub(super) fn examples(
    file: &SourceFile,
    list: &[ExampleSyntax],
    values: &Values,
    template: Option<&str>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(Example, serde_json::Value)> {
    let mut out = Vec::new();
    for (e, value) in list.iter().zip(values) {
        let value = match value {
            Ok(v) => v,
            Err(err) => {
                let at = e.offset + offset_of(&e.json, err.line(), err.column());
                diags.push(
                    Diagnostic::warning(file, at, at, format!("example `{}` is not valid JSON ({err}); it is left out", e.title))
                        .with_help("Wix's examples hold comments, `...` and trailing commas now and then; the bindings do not need them"),
                );
                continue;
            }
        };
        let mut json = None;
        let mut value = value.clone();
        // A curl example's URL holds the path parameters of its request.
        if let (Some(url), Some(template)) = (&e.url, template) {
            let params = url_template::values(template, &url_path(url));
            if let (false, serde_json::Value::Object(map)) = (params.is_empty(), &mut value) {
                // Path parameters first, as the URL names them; what the body sets wins.
                let mut full = serde_json::Map::new();
                for (field, v) in params.iter().filter(|(f, _)| f.len() == 1) {
                    insert_at(&mut full, field, v.clone());
                }
                full.append(map);
                for (field, v) in params.into_iter().filter(|(f, _)| f.len() > 1) {
                    insert_at(&mut full, &field, v);
                }
                value = serde_json::Value::Object(full);
                json = serde_json::to_string_pretty(&value).ok();
            }
        }
        let json = json.unwrap_or_else(|| e.json.to_string());
        out.push((Example { kind: e.kind, title: e.title.clone(), json, source: file.source(e.offset) }, value));
    }
    out
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
