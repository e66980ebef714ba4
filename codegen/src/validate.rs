//! Checks on the lowered IR that no single page can make: dangling type references,
//! one-of groups too small to choose from, duplicate fields, examples that are not JSON.
//! (Checks that need page text — required paths, URL templates, duplicate methods — run
//! during lowering, where the offending text is at hand.)

use std::collections::BTreeSet;

use crate::diag::{Diagnostic, SourceFile};
use crate::ir::{Api, Example, ExampleKind, Source, TypeId, TypeKind};

/// Every problem found in `api`.
pub fn validate(api: &Api, files: &[SourceFile]) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let names: Vec<&str> = api.types.keys().map(TypeId::as_str).collect();
    let check_ref = |ty: &TypeId, source: &Source, what: &str, diags: &mut Vec<Diagnostic>| {
        if let Some(missing) = dangling(api, ty) {
            let message = format!("unknown type `{missing}` ({what})");
            let mut d = spanned(files, source, &missing).unwrap_or_else(|| Diagnostic::error_at(source, message.clone()));
            d.message = message;
            d = match nearest(&missing, &names) {
                Some(n) => d.with_help(format!("did you mean `{n}`?")),
                None => d.with_help("define it on this page by nesting its fields under the field, or on a type page"),
            };
            diags.push(d);
        }
    };
    for def in api.types.values() {
        match &def.kind {
            TypeKind::Struct { fields, one_ofs } => {
                let mut seen = BTreeSet::new();
                let members = one_ofs.iter().filter_map(|g| match &api.types.get(g)?.kind {
                    TypeKind::OneOf { members, .. } => Some(members.iter()),
                    _ => None,
                });
                for f in fields.iter().chain(members.flatten()) {
                    if !seen.insert(f.name.as_str()) {
                        diags.push(Diagnostic::error_at(&f.source, format!("field `{}` appears twice in `{}`", f.name, def.id)));
                    }
                    check_ref(&f.ty, f.type_source.as_ref().unwrap_or(&f.source), &format!("field `{}` of `{}`", f.name, def.id), &mut diags);
                }
            }
            TypeKind::OneOf { members, parent, .. } if members.len() < 2 => {
                diags.push(
                    Diagnostic::error_at(&def.source, format!("one-of group of `{parent}` has {} member(s); a choice needs at least two", members.len()))
                        .with_help("nest the members under `- ONE-OF:`, or drop the marker if the field is always present"),
                );
            }
            _ => {}
        }
    }
    for m in api.methods.values() {
        check_ref(&m.request, &m.source, &format!("request of `{}`", m.name), &mut diags);
        if let Some(r) = &m.response {
            check_ref(r, &m.source, &format!("return type of `{}`", m.name), &mut diags);
        }
        examples(&m.examples, files, &mut diags);
        for e in &m.examples {
            let root = match e.kind {
                ExampleKind::Request => Some(&m.request),
                ExampleKind::Response => m.response.as_ref(),
                ExampleKind::Event => None,
            };
            if let Some(root) = root {
                unlisted_keys(api, e, root, &mut diags);
            }
        }
    }
    for e in api.events.values() {
        check_ref(&e.payload, &e.source, &format!("payload of `{}`", e.name), &mut diags);
        examples(&e.examples, files, &mut diags);
        for x in &e.examples {
            unlisted_keys(api, x, &e.body, &mut diags);
        }
    }
    diags
}

/// Keys an example sets that no schema entry lists: the example shows a field the
/// bindings will not have (real pages do this: `additionalFields: []` on a type whose
/// tree never expands it). A warning per path.
fn unlisted_keys(api: &Api, example: &Example, root: &TypeId, diags: &mut Vec<Diagnostic>) {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(&example.json) else { return };
    let mut missing = BTreeSet::new();
    walk_example(api, &value, root, "", &mut missing, 0);
    for path in missing {
        diags.push(
            Diagnostic::warning_at(&example.source, format!("example `{}` sets `{path}`, which no schema entry lists", example.title))
                .with_help("the bindings have no such field; the example will not round-trip it"),
        );
    }
}

fn walk_example(api: &Api, v: &serde_json::Value, ty: &TypeId, path: &str, missing: &mut BTreeSet<String>, depth: usize) {
    if depth > 64 {
        return;
    }
    let Some(def) = api.types.get(ty) else { return };
    match (&def.kind, v) {
        (TypeKind::Array { items }, serde_json::Value::Array(xs)) => xs.iter().for_each(|x| walk_example(api, x, items, path, missing, depth + 1)),
        (TypeKind::Nullable { inner }, _) => walk_example(api, v, inner, path, missing, depth + 1),
        (TypeKind::Struct { fields, one_ofs }, serde_json::Value::Object(map)) => {
            let members = one_ofs.iter().filter_map(|g| match &api.types.get(g)?.kind {
                TypeKind::OneOf { members, .. } => Some(members.iter()),
                _ => None,
            });
            let all: Vec<&crate::ir::Field> = fields.iter().chain(members.flatten()).collect();
            for (k, x) in map {
                let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                match all.iter().find(|f| &f.name == k) {
                    Some(f) => walk_example(api, x, &f.ty, &p, missing, depth + 1),
                    None => {
                        missing.insert(p);
                    }
                }
            }
        }
        _ => {}
    }
}

/// An error underlining `word` where it starts at `source`, when the file is at hand and
/// the word is there.
fn spanned(files: &[SourceFile], source: &Source, word: &str) -> Option<Diagnostic> {
    let file = files.iter().find(|f| *f.name == *source.file)?;
    let line = file.line_start(source.line)?;
    let rest = &file.text[line..];
    let col = rest.char_indices().nth(source.column.saturating_sub(1) as usize).map(|(i, _)| i)?;
    let start = line + col;
    let at = file.text[start..].find(word).filter(|&i| i < 80).map_or(start, |i| start + i);
    let end = if file.text[at..].starts_with(word) { at + word.len() } else { at };
    Some(Diagnostic::error(file, at, end, String::new()))
}

/// The first name under `ty` (through arrays and wrappers) that the table lacks.
fn dangling(api: &Api, ty: &TypeId) -> Option<String> {
    match api.types.get(ty).map(|d| &d.kind) {
        None => Some(ty.0.clone()),
        Some(TypeKind::Array { items }) => dangling(api, items),
        Some(TypeKind::Nullable { inner }) => dangling(api, inner),
        Some(_) => None,
    }
}

/// An example that is not JSON is reported where the JSON goes wrong.
fn examples(list: &[Example], files: &[SourceFile], diags: &mut Vec<Diagnostic>) {
    for e in list {
        let Err(err) = serde_json::from_str::<serde_json::Value>(&e.json) else { continue };
        let mut source = e.source.clone();
        // serde_json counts lines from the fence's first content line.
        if files.iter().any(|f| *f.name == *e.source.file) {
            source.line = e.source.line + err.line().saturating_sub(1) as u32;
            source.column = err.column().max(1) as u32;
        }
        diags.push(Diagnostic::error_at(&source, format!("example `{}` is not valid JSON: {err}", e.title)));
    }
}

/// The known name closest to `name`, if it is close enough to be a typo.
pub fn nearest<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let lower = name.to_ascii_lowercase();
    candidates
        .iter()
        .map(|c| (edit_distance(&lower, &c.to_ascii_lowercase()), *c))
        .filter(|(d, c)| *d <= (c.len().max(name.len()) / 3).max(1))
        .min()
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            cur.push((prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_are_suggested_and_far_ones_are_not() {
        let names = ["Message", "MessageContent", "Conversation"];
        assert_eq!(nearest("Mesage", &names), Some("Message"));
        assert_eq!(nearest("conversaton", &names), Some("Conversation"));
        assert_eq!(nearest("Badge", &names), None);
    }
}
