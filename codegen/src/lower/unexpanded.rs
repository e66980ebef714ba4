//! Types that are named but expanded nowhere (`- name: itemCount | type: Count` with
//! nothing under it, on every page). Wix's pages list every field of every message they
//! show, so a message written by name alone has no fields: an empty message, which the
//! API sends and takes as `{}`. Such a type is defined as an object with no fields, with
//! a warning. A name a letter or two away from a known type is a typo instead: it is left
//! for validation to report ("did you mean").

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::Diagnostic;
use crate::ir::{Api, Source, TypeDef, TypeId, TypeKind};

/// Defines every type referred to in `types` (or by `api`'s methods and events) that has no
/// definition, unless it is a typo of one that has.
pub(super) fn define(api: &Api, types: &mut BTreeMap<TypeId, TypeDef>, diags: &mut Vec<Diagnostic>) {
    let mut refs: Vec<(TypeId, Source, String)> = Vec::new();
    for def in types.values() {
        let fields = match &def.kind {
            TypeKind::Struct { fields, .. } => fields,
            TypeKind::OneOf { members, .. } => members,
            _ => continue,
        };
        for f in fields {
            refs.push((f.ty.clone(), f.type_source.clone().unwrap_or_else(|| f.source.clone()), format!("field `{}` of `{}`", f.name, def.id)));
        }
    }
    for m in api.methods.values() {
        refs.extend(m.response.iter().map(|r| (r.clone(), m.source.clone(), format!("the return type of `{}`", m.name))));
    }
    for e in api.events.values() {
        refs.push((e.payload.clone(), e.source.clone(), format!("the payload of `{}`", e.name)));
    }
    let names: Vec<String> = types.keys().map(|t| t.0.clone()).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut done = BTreeSet::new();
    for (ty, source, what) in refs {
        let Some(missing) = dangling(types, &ty) else { continue };
        if !done.insert(missing.clone()) || crate::validate::nearest(missing.as_str(), &names).is_some() || !is_type_name(missing.as_str()) {
            continue;
        }
        diags.push(
            Diagnostic::warning_at(&source, format!("type `{missing}` ({what}) is expanded on no page: read as an object with no fields"))
                .with_help("the pages write a message with no fields by its name alone; if it has fields, nest them under the field or give it a type page"),
        );
        types.insert(
            missing.clone(),
            TypeDef {
                id: missing.clone(),
                name: missing.0.clone(),
                namespace: None,
                description: String::new(),
                doc_link: None,
                kind: TypeKind::Struct { fields: Vec::new(), one_ofs: Vec::new() },
                source,
            },
        );
    }
}

/// A name a page could give a message: a letter first, then letters, digits and `_`.
fn is_type_name(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_alphabetic()) && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The first name under `ty` (through arrays and wrappers) that has no definition.
fn dangling(types: &BTreeMap<TypeId, TypeDef>, ty: &TypeId) -> Option<TypeId> {
    match types.get(ty).map(|d| &d.kind) {
        None => Some(ty.clone()),
        Some(TypeKind::Array { items }) => dangling(types, items),
        Some(TypeKind::Nullable { inner }) => dangling(types, inner),
        Some(_) => None,
    }
}
