//! ID kinds: which string fields hold IDs of which kind of entity, and why.
//!
//! Real pages rarely say `format GUID`; an ID shows itself by its name and description.
//! The rules, in order (each field records the one that decided, in `Field::id_reason`):
//!
//! 1. the overrides file (`wixgen.toml`, `[ids]`) says so: a kind, or not an ID;
//! 2. `id` of a type that has a type page is an ID of that type;
//! 3. a field named `<stem>Id` or `<stem>Ids` that is a GUID (`format GUID`, or its
//!    description says "GUID") holds IDs of `<stem>`; so does `id` described as a GUID,
//!    with its type's name as the stem;
//! 4. a field named `<stem>Id(s)` that is not known to be a GUID holds IDs when a kind
//!    found by rules 1–3 ends its stem.
//!
//! In rules 3 and 4 the kind is the shortest known kind that ends the stem, so
//! `targetConversationId` is a `Conversation` ID and `parentAccountId` an `Account` ID.

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::Diagnostic;
use crate::ir::{Api, Field, IdKind, Rule, Scalar, TypeId, TypeKind};
use crate::overrides::Overrides;

struct Hit {
    owner: TypeId,
    index: usize,
    stem: String,
    guid: bool,
    /// Found by rules 1–3 (not by matching a known kind).
    definite: bool,
    /// `Some(None)`: an override says "not an ID".
    forced: Option<Option<String>>,
    reason: String,
}

/// Whether a description says its value is a GUID (`"Contact GUID."`, `"GUID of ..."`).
fn says_guid(description: &str) -> bool {
    description
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| w == "GUID" || w == "GUIDs" || w == "UUID" || w == "UUIDs")
}

pub fn assign(api: &mut Api, type_pages: &BTreeSet<String>, overrides: &Overrides, diags: &mut Vec<Diagnostic>) {
    let mut hits = Vec::new();
    let mut used = BTreeSet::new();
    // Envelopes are not entities: an event body's `id` is the event's, not an ID kind.
    let envelopes: BTreeSet<&TypeId> = api
        .events
        .values()
        .map(|e| &e.body)
        .chain(api.methods.values().flat_map(|m| std::iter::once(&m.request).chain(m.response.as_ref())))
        .collect();
    for (id, def) in &api.types {
        let fields: &[Field] = match &def.kind {
            TypeKind::Struct { fields, .. } => fields,
            TypeKind::OneOf { members, .. } => members,
            _ => continue,
        };
        let (owner_name, owner_id) = match &def.kind {
            TypeKind::OneOf { parent, .. } => (api.types.get(parent).map_or("", |p| p.name.as_str()), parent.as_str()),
            _ => (def.name.as_str(), def.id.as_str()),
        };
        for (index, f) in fields.iter().enumerate() {
            if !holds_strings(api, &f.ty) {
                continue;
            }
            let key = [format!("{owner_id}.{}", f.name), format!("{owner_name}.{}", f.name)];
            if let Some((k, o)) = key.iter().find_map(|k| overrides.ids.get(k).map(|o| (k, o))) {
                used.insert(k.clone());
                let reason = match &o.kind {
                    Some(kind) => format!("{} says it holds `{kind}` IDs", o.source),
                    None => format!("{} says it is not an ID", o.source),
                };
                let stem = o.kind.clone().unwrap_or_default();
                hits.push(Hit { owner: id.clone(), index, stem, guid: says_guid(&f.description), definite: true, forced: Some(o.kind.clone()), reason });
                continue;
            }
            let guid_rule = f.rules.iter().any(|r| matches!(r, Rule::Format(x) if x.eq_ignore_ascii_case("GUID")));
            let guid = guid_rule || says_guid(&f.description);
            let how = if guid_rule { "has `format GUID`" } else { "is described as a GUID" };
            let stem = f.name.strip_suffix("Ids").or_else(|| f.name.strip_suffix("Id")).filter(|s| !s.is_empty());
            let hit = if f.name == "id" && type_pages.contains(owner_name) {
                Some((owner_name.to_string(), true, format!("`id` of `{owner_name}`, which has a type page")))
            } else if f.name == "id" && guid && !owner_name.is_empty() && !envelopes.contains(&def.id) {
                Some((owner_name.to_string(), true, format!("`id` of `{owner_name}` that {how}")))
            } else if let Some(stem) = stem {
                let reason = if guid {
                    format!("named `{}` and {how}", f.name)
                } else {
                    format!("named `{}`, like a known kind", f.name)
                };
                Some((pascal(stem), guid, reason))
            } else {
                None
            };
            if let Some((stem, definite, reason)) = hit {
                hits.push(Hit { owner: id.clone(), index, stem, guid, definite, forced: None, reason });
            }
        }
    }
    for (key, o) in &overrides.ids {
        if !used.contains(key) {
            diags.push(
                Diagnostic::warning_at(&o.source, format!("override `{key}` names no string field of the pages"))
                    .with_help("keys are `Type.field`, the type as the pages name it"),
            );
        }
    }
    let known: BTreeSet<String> =
        hits.iter().filter(|h| h.definite).filter_map(|h| h.forced.clone().unwrap_or(Some(h.stem.clone()))).collect();
    let mut kinds: BTreeMap<String, IdKind> = BTreeMap::new();
    for hit in hits {
        let def = api.types.get_mut(&hit.owner).expect("hit from the table");
        let owner_label = def.id.0.clone();
        let field = match &mut def.kind {
            TypeKind::Struct { fields, .. } => &mut fields[hit.index],
            TypeKind::OneOf { members, .. } => &mut members[hit.index],
            _ => unreachable!("hits come from structs and one-of groups"),
        };
        let kind = match &hit.forced {
            Some(Some(kind)) => kind.clone(),
            Some(None) => {
                field.id_reason = Some(hit.reason);
                continue;
            }
            None => match shortest_known_suffix(&hit.stem, &known) {
                Some(k) => k,
                None => continue,
            },
        };
        field.id_kind = Some(kind.clone());
        field.id_reason = Some(hit.reason);
        let entry = kinds.entry(kind.clone()).or_insert_with(|| IdKind {
            name: kind.clone(),
            guid: false,
            fields: Vec::new(),
            source: field.source.clone(),
        });
        entry.guid |= hit.guid;
        entry.fields.push(format!("{owner_label}.{}", field.name));
    }
    for k in kinds.values_mut() {
        k.fields.sort();
    }
    api.id_kinds = kinds;
}

/// A string, or an array or nullable wrapper of strings.
fn holds_strings(api: &Api, ty: &TypeId) -> bool {
    match api.types.get(ty).map(|t| &t.kind) {
        Some(TypeKind::Scalar { scalar: Scalar::String }) => true,
        Some(TypeKind::Array { items }) => holds_strings(api, items),
        Some(TypeKind::Nullable { inner }) => holds_strings(api, inner),
        _ => false,
    }
}

/// The shortest known kind that ends `stem` at a word boundary (`TargetConversation` →
/// `Conversation`).
fn shortest_known_suffix(stem: &str, known: &BTreeSet<String>) -> Option<String> {
    let starts: Vec<usize> = stem.char_indices().filter(|(_, c)| c.is_ascii_uppercase()).map(|(i, _)| i).collect();
    starts.iter().rev().map(|&i| &stem[i..]).find(|s| known.contains(*s)).map(str::to_string)
}

fn pascal(s: &str) -> String {
    crate::lower::collect::pascal(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shortest_known_kind_ending_the_stem_wins() {
        let known: BTreeSet<String> = ["Conversation", "AnonymousVisitor", "TargetConversation"].map(String::from).into();
        assert_eq!(shortest_known_suffix("TargetConversation", &known).as_deref(), Some("Conversation"));
        assert_eq!(shortest_known_suffix("OldConversation", &known).as_deref(), Some("Conversation"));
        assert_eq!(shortest_known_suffix("AnonymousVisitor", &known).as_deref(), Some("AnonymousVisitor"));
        assert_eq!(shortest_known_suffix("Interaction", &known), None);
    }
}
