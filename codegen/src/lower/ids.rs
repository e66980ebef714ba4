//! ID kinds: which string fields hold IDs of which kind of entity.
//!
//! The rules (FORMAT.md): the `id` of a type that has a type page is an ID of that type; a
//! `format GUID` field named `<stem>Id` or `<stem>Ids` is an ID of `<stem>`; and a field so
//! named without the format is one too when a kind already found ends its stem. In every
//! case the kind is the shortest known kind that ends the stem, so `targetConversationId`
//! is a `Conversation` ID and `parentAccountId` an `Account` ID.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Api, Field, IdKind, Rule, Scalar, TypeId, TypeKind};

struct Hit {
    owner: TypeId,
    index: usize,
    stem: String,
    guid: bool,
    /// Found by the first two rules (not by matching a known kind).
    definite: bool,
}

pub fn assign(api: &mut Api, type_pages: &BTreeSet<String>) {
    let mut hits = Vec::new();
    for (id, def) in &api.types {
        let fields: &[Field] = match &def.kind {
            TypeKind::Struct { fields, .. } => fields,
            TypeKind::OneOf { members, .. } => members,
            _ => continue,
        };
        let owner_name = match &def.kind {
            TypeKind::OneOf { parent, .. } => api.types.get(parent).map_or("", |p| p.name.as_str()),
            _ => def.name.as_str(),
        };
        for (index, f) in fields.iter().enumerate() {
            if !holds_strings(api, &f.ty) {
                continue;
            }
            let guid = f.rules.iter().any(|r| matches!(r, Rule::Format(x) if x.eq_ignore_ascii_case("GUID")));
            let (stem, definite) = if f.name == "id" && type_pages.contains(owner_name) {
                (owner_name.to_string(), true)
            } else if let Some(stem) = f.name.strip_suffix("Ids").or_else(|| f.name.strip_suffix("Id")).filter(|s| !s.is_empty()) {
                (pascal(stem), guid)
            } else {
                continue;
            };
            hits.push(Hit { owner: id.clone(), index, stem, guid, definite });
        }
    }
    let known: BTreeSet<String> = hits.iter().filter(|h| h.definite).map(|h| h.stem.clone()).collect();
    let mut kinds: BTreeMap<String, IdKind> = BTreeMap::new();
    for hit in hits {
        let Some(kind) = shortest_known_suffix(&hit.stem, &known) else { continue };
        let def = api.types.get_mut(&hit.owner).expect("hit from the table");
        let owner_label = def.id.0.clone();
        let field = match &mut def.kind {
            TypeKind::Struct { fields, .. } => &mut fields[hit.index],
            TypeKind::OneOf { members, .. } => &mut members[hit.index],
            _ => unreachable!("hits come from structs and one-of groups"),
        };
        field.id_kind = Some(kind.clone());
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
