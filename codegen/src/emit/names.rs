//! The Rust name of every generated item, decided once before any code is emitted.
//!
//! Rules (see also [`super::naming`] for the spelling of single names):
//!
//! - A named type keeps its page name (`Message`). A type whose name two namespaces define
//!   differently (its [`TypeId`] is qualified, `conversations.IdentificationData`) is
//!   prefixed by its namespace (see *Namespace prefixes* below):
//!   `ConversationIdentificationData`, `MessageIdentificationData`.
//!   [`Settings::type_names`] overrides any.
//! - A struct whose only content is one one-of group *is* that group: one enum with the
//!   struct's name (`ParticipantId`).
//! - Any other group becomes an enum named `<Parent><Word>` held by a flattened field
//!   `<word>`, where the word is the group's own name in its [`TypeId`]
//!   (`MessageContentPayloadOneOf` → `Payload`), else the last word every member's wire name
//!   ends with (`anonymousVisitorId`, `memberId` → `Id`), else the last word every member's
//!   type ends with (`BasicMessagePayload`, `FormMessagePayload` → `Payload`), else `Kind`;
//!   also `Kind` when the parent's name already ends with the word (`DomainEvent`'s
//!   `createdEvent`, `actionEvent`, ... → `DomainEventKind`, field `kind`).
//! - Variants of a group are its members' wire names in PascalCase, less the words they
//!   all end with when something is left of each (`memberId`, `contactId` → `Member`,
//!   `Contact`).
//! - ID newtypes are `<Kind>Id`.
//! - Every name is unique in the generated module (case-insensitively). Page names are
//!   placed first, so a clash renames the derived name (`Foo2`), never the page's.
//!
//! ## Methods and webhooks ([`MethodNames`], [`Names::events`])
//!
//! Each method has a *stem* in PascalCase, and its items are named from it: the request
//! `<Stem>Request`, the error enum `<Stem>Error`, the empty response of a method that
//! documents none `<Stem>Response`, and the snake_case `function` a typed client method
//! takes (`send_message`). The stem is the page's title (`SendMessage`), and tells apart
//! the methods that share a name, as the IR's keys do (see `lower::duplicates`):
//!
//! - a name used in several namespaces of the API is prefixed by the namespace in every
//!   one of them: `get` of `OrderManagement` and of `TicketManagement` are
//!   `OrderManagementGet` and `TicketManagementGet` (`OrderManagementGetRequest`,
//!   `order_management_get`, ...);
//! - the second and later methods of one name in one namespace (ordered by URL path, then
//!   verb) get a number: `getProduct` and `getProduct2` are `GetProduct` and `GetProduct2`
//!   (`GetProduct2Request`, `get_product2`), and the reader warns about it.
//!
//! The stem is the request type's name less `Request`, so the two always agree. Webhooks
//! take the same rules for their event enum's variants and body types: `Order Updated` in
//! the namespaces `checkout` and `tickets` gives the variants `CheckoutOrderUpdated` and
//! `TicketOrderUpdated` (bodies `CheckoutOrderUpdatedEvent`, `TicketOrderUpdatedEvent`).
//!
//! All items stay in one flat module: a prefix, not a module per namespace, so that a
//! type's path never depends on which other APIs' names it collides with, and the
//! qualified types and the methods that use them read alike.
//!
//! ## Namespace prefixes
//!
//! A namespace's prefix is the namespace as its pages write it (`# Namespace:`), less a
//! `Service` suffix, in PascalCase (`OrderManagement`, `CatalogReadApi`); where that ends
//! in `s` and the rest is a type of the API, the rest (`ConversationsService` →
//! `Conversation`, the entity the namespace holds). Where several pages write one
//! namespace differently (`ConversationsService`, `conversations`), the first spelling in
//! byte order is used, so the result does not depend on the order pages are read in.
//!
//! [`Settings::type_names`]: crate::Settings::type_names

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::Diagnostic;
use crate::ir::{Api, Field, Method, TypeDef, TypeId, TypeKind};
use crate::settings::Settings;

use super::naming::{self, common_suffix_words, field_name, type_name, Dedup};

/// How a one-of group is emitted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// The enum's name.
    pub rust_name: String,
    /// The parent's field that holds it, flattened; `None` when the parent is the group.
    pub field: Option<String>,
    /// One variant per member, in member order.
    pub variants: Vec<String>,
}

/// The Rust names of one method's items (see the module docs).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MethodNames {
    /// What the others are built on: `SendMessage`, `OrderManagementGet`, `GetProduct2`.
    pub stem: String,
    /// The snake_case name of a function that calls the method (`send_message`,
    /// `order_management_get`), unique among the methods of the API.
    pub function: String,
    /// The request struct.
    pub request: String,
    /// The response type: the documented one, or the generated empty `<Stem>Response`.
    pub response: String,
    /// The application-error enum, for a method that documents errors.
    pub error: Option<String>,
}

#[derive(Debug, Default)]
pub struct Names {
    /// Struct and enum types, and parents that are a group, by type ID.
    pub types: BTreeMap<TypeId, String>,
    /// Every one-of group by its type ID.
    pub groups: BTreeMap<TypeId, Group>,
    /// Parents whose only content is one group: parent → group.
    pub parent_is_group: BTreeMap<TypeId, TypeId>,
    /// Rust names of a struct's plain fields, parallel to its `fields`.
    pub fields: BTreeMap<TypeId, Vec<String>>,
    /// Variants of string enums, parallel to `values`.
    pub enum_variants: BTreeMap<TypeId, Vec<String>>,
    /// ID newtypes by kind.
    pub ids: BTreeMap<String, String>,
    /// Every method's names, by its key in [`Api::methods`].
    pub methods: BTreeMap<String, MethodNames>,
    /// Application-error enums by method key (only methods with errors).
    pub errors: BTreeMap<String, String>,
    /// Empty response structs for methods without a response, by method key.
    pub empty_responses: BTreeMap<String, String>,
    /// The event enum's variant of each webhook, by its key in [`Api::events`].
    pub events: BTreeMap<String, String>,
    pub event_enum: String,
}

/// The name of an ID type for a kind stem (`Conversation` → `ConversationId`).
pub fn id_type_name(kind: &str) -> String {
    type_name(&format!("{kind}Id"))
}

/// The plain fields of a struct: its fields less any that also appear in one of its
/// groups (in case the IR lists members in both places).
pub fn plain_fields<'a>(api: &'a Api, fields: &'a [Field], one_ofs: &[TypeId]) -> Vec<&'a Field> {
    let members: BTreeSet<&str> = one_ofs
        .iter()
        .filter_map(|g| match api.types.get(g).map(|d| &d.kind) {
            Some(TypeKind::OneOf { members, .. }) => Some(members.iter().map(|m| m.name.as_str())),
            _ => None,
        })
        .flatten()
        .collect();
    fields.iter().filter(|f| !members.contains(f.name.as_str())).collect()
}

impl Names {
    pub fn assign(api: &Api, settings: &Settings, diags: &mut Vec<Diagnostic>) -> Names {
        let mut names = Names::default();
        let mut module = Dedup::new();
        let all_names: BTreeSet<&str> = api.types.values().map(|d| d.name.as_str()).collect();
        let prefixes = Prefixes::new(api, &all_names);

        // 1. Named types (structs, enums), unqualified first so page names win.
        let named: Vec<&TypeDef> = api
            .types
            .values()
            .filter(|d| matches!(d.kind, TypeKind::Struct { .. } | TypeKind::Enum { .. }))
            .collect();
        let (plain, qualified): (Vec<&TypeDef>, Vec<&TypeDef>) = named.iter().partition(|d| !d.id.0.contains('.'));
        for def in plain.iter().chain(qualified.iter()) {
            let wanted = match settings.type_names.get(def.id.as_str()) {
                Some(forced) => forced.clone(),
                None if def.id.0.contains('.') => {
                    let ns = def.namespace.clone().unwrap_or_else(|| def.id.0.rsplit_once('.').unwrap().0.to_string());
                    format!("{}{}", prefixes.of(&ns), type_name(&def.name))
                }
                None => type_name(&def.name),
            };
            let got = module.unique(&wanted, "");
            names.types.insert(def.id.clone(), got);
        }

        // 2. ID newtypes.
        for kind in api.id_kinds.keys() {
            let got = module.unique(&id_type_name(kind), "");
            names.ids.insert(kind.clone(), got);
        }

        // 3. Fields of structs and one-of groups.
        for def in api.types.values() {
            match &def.kind {
                TypeKind::Struct { fields, one_ofs } => {
                    let plain = plain_fields(api, fields, one_ofs);
                    let mut scope = Dedup::new();
                    let field_names: Vec<String> = plain.iter().map(|f| scope.unique(&field_name(&f.name), "_")).collect();
                    names.fields.insert(def.id.clone(), field_names);
                    let groups: Vec<(&TypeId, &Vec<Field>)> = one_ofs
                        .iter()
                        .filter_map(|g| match api.types.get(g).map(|d| &d.kind) {
                            Some(TypeKind::OneOf { members, .. }) => Some((g, members)),
                            _ => {
                                diags.push(Diagnostic::error_at(
                                    &def.source,
                                    format!("`{}` names `{g}` as a one-of group, but no such group is defined", def.id),
                                ));
                                None
                            }
                        })
                        .collect();
                    let parent_name = names.types[&def.id].clone();
                    if plain.is_empty() && groups.len() == 1 {
                        let (gid, members) = groups[0];
                        names.parent_is_group.insert(def.id.clone(), gid.clone());
                        names.groups.insert(
                            gid.clone(),
                            Group { rust_name: parent_name, field: None, variants: variant_names(members) },
                        );
                        continue;
                    }
                    for (gid, members) in groups {
                        let mut word = group_word(&def.id, gid, members, &names.types, api);
                        if parent_name.ends_with(&type_name(&word)) {
                            word = "Kind".into();
                        }
                        let field = scope.unique(&field_name(&word), "_");
                        let rust_name = module.unique(&format!("{parent_name}{}", type_name(&word)), "");
                        names.groups.insert(
                            gid.clone(),
                            Group { rust_name, field: Some(field), variants: variant_names(members) },
                        );
                    }
                }
                TypeKind::Enum { values } => {
                    let mut scope = Dedup::new();
                    scope.reserve("Unrecognized");
                    let variants = values.iter().map(|v| scope.unique(&type_name(&v.name), "")).collect();
                    names.enum_variants.insert(def.id.clone(), variants);
                }
                _ => {}
            }
        }
        // Groups no struct refers to still get a name (from their parent, if any).
        for def in api.types.values() {
            if let TypeKind::OneOf { parent, members, .. } = &def.kind {
                if !names.groups.contains_key(&def.id) {
                    let base = names.types.get(parent).cloned().unwrap_or_else(|| type_name(&def.name));
                    let word = group_word(parent, &def.id, members, &names.types, api);
                    let rust_name = module.unique(&format!("{base}{}", type_name(&word)), "");
                    names.groups.insert(def.id.clone(), Group { rust_name, field: None, variants: variant_names(members) });
                }
            }
        }

        // 4. Per method: the stem, error enums and missing response types.
        let mut functions = Dedup::new();
        for (key, m) in &api.methods {
            let stem = method_stem(api, m, &prefixes);
            let error = (!m.errors.is_empty()).then(|| module.unique(&format!("{stem}Error"), ""));
            if let Some(e) = &error {
                names.errors.insert(key.clone(), e.clone());
            }
            let response = match &m.response {
                Some(r) => names.type_of(r).unwrap_or_default().to_string(),
                None => {
                    let got = module.unique(&format!("{stem}Response"), "");
                    names.empty_responses.insert(key.clone(), got.clone());
                    got
                }
            };
            let request = names.type_of(&m.request).unwrap_or_default().to_string();
            let function = functions.unique(&field_name(&stem), "_");
            names.methods.insert(key.clone(), MethodNames { stem, function, request, response, error });
        }

        // The variants of the event enum.
        let mut variants = Dedup::new();
        for key in api.events.keys() {
            let wanted = match key.split_once('.') {
                Some((ns, local)) => format!("{}{}", prefixes.of(ns), type_name(local)),
                None => type_name(key),
            };
            names.events.insert(key.clone(), variants.unique(&wanted, ""));
        }

        // 5. The event enum.
        names.event_enum = module.unique(&type_name(&settings.event_enum_name), "");
        names
    }

    /// The Rust name of a struct, enum or group type.
    pub fn type_of(&self, id: &TypeId) -> Option<&str> {
        self.types.get(id).or_else(|| self.groups.get(id).map(|g| &g.rust_name)).map(String::as_str)
    }
}

/// The prefix of each namespace (see the module docs), by normalised namespace.
struct Prefixes<'a> {
    /// The first spelling of each namespace, in byte order, less `Service`.
    written: BTreeMap<String, String>,
    type_names: &'a BTreeSet<&'a str>,
}

impl<'a> Prefixes<'a> {
    fn new(api: &Api, type_names: &'a BTreeSet<&'a str>) -> Self {
        let spellings = api.methods.values().map(|m| m.namespace.as_str()).chain(api.events.values().map(|e| e.namespace.as_str()));
        let mut written: BTreeMap<String, String> = BTreeMap::new();
        for raw in spellings {
            let Some(ns) = crate::lower::normalize_namespace(raw) else { continue };
            let trimmed = raw.trim();
            let stripped = match trimmed.len().checked_sub("service".len()) {
                Some(at) if trimmed.is_char_boundary(at) && trimmed[at..].eq_ignore_ascii_case("service") => {
                    trimmed[..at].trim_end_matches(['-', '_', ' '])
                }
                _ => trimmed,
            };
            if stripped.is_empty() {
                continue;
            }
            let entry = written.entry(ns).or_insert_with(|| stripped.to_string());
            if stripped < entry.as_str() {
                *entry = stripped.to_string();
            }
        }
        Prefixes { written, type_names }
    }

    /// The prefix of the normalised namespace `ns`.
    fn of(&self, ns: &str) -> String {
        namespace_prefix(self.written.get(ns).map_or(ns, String::as_str), self.type_names)
    }
}

/// `Conversations` → `Conversation` when the API has a type of that name, else
/// `Conversations`; any spelling in PascalCase (`orderManagement` → `OrderManagement`).
fn namespace_prefix(namespace: &str, type_names: &BTreeSet<&str>) -> String {
    let full = type_name(namespace);
    if let Some(singular) = full.strip_suffix('s') {
        if type_names.contains(singular) {
            return singular.to_string();
        }
    }
    full
}

/// A method's stem: its request type's name less `Request`, prefixed as the request is
/// (the request's name carries the number of a repeated name); the title for a request
/// named otherwise.
fn method_stem(api: &Api, m: &Method, prefixes: &Prefixes) -> String {
    let title = if m.title.is_empty() { type_name(&m.name) } else { type_name(&m.title) };
    let Some(def) = api.types.get(&m.request) else { return title };
    let Some(base) = def.name.strip_suffix("Request").filter(|b| !b.is_empty()) else { return title };
    match (m.request.0.contains('.'), def.namespace.as_deref()) {
        (true, Some(ns)) => format!("{}{}", prefixes.of(ns), type_name(base)),
        _ => type_name(base),
    }
}

fn group_word(parent: &TypeId, group: &TypeId, members: &[Field], types: &BTreeMap<TypeId, String>, api: &Api) -> String {
    // The group's own name: `<Parent><Word>OneOf`.
    if let Some(word) = group.0.strip_prefix(parent.as_str()).and_then(|r| r.strip_suffix("OneOf")) {
        if !word.is_empty() && word.chars().all(char::is_alphanumeric) {
            return type_name(word);
        }
    }
    let wire: Vec<&str> = members.iter().map(|m| m.name.as_str()).collect();
    if let Some(last) = common_suffix_words(&wire).last() {
        if members.len() > 1 {
            return last.clone();
        }
    }
    let tys: Vec<&str> = members
        .iter()
        .map(|m| match api.types.get(&m.ty).map(|d| &d.kind) {
            Some(TypeKind::Struct { .. } | TypeKind::Enum { .. }) => types.get(&m.ty).map(String::as_str).unwrap_or(""),
            _ => "",
        })
        .collect();
    if members.len() > 1 && tys.iter().all(|t| !t.is_empty()) {
        if let Some(last) = common_suffix_words(&tys).last() {
            return last.clone();
        }
    }
    "Kind".into()
}

fn variant_names(members: &[Field]) -> Vec<String> {
    let full: Vec<String> = members.iter().map(|m| type_name(&m.name)).collect();
    let wire: Vec<&str> = members.iter().map(|m| m.name.as_str()).collect();
    let common = common_suffix_words(&wire).len();
    if members.len() > 1 && common > 0 {
        let short: Vec<String> = members
            .iter()
            .map(|m| {
                let w = naming::words(&m.name);
                if w.len() > common {
                    type_name(&w[..w.len() - common].join("_"))
                } else {
                    String::new()
                }
            })
            .collect();
        let distinct: BTreeSet<String> = short.iter().map(|s| s.to_lowercase()).collect();
        if short.iter().all(|s| !s.is_empty()) && distinct.len() == short.len() {
            return short;
        }
    }
    let mut scope = Dedup::new();
    full.iter().map(|n| scope.unique(n, "")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(name: &str) -> Field {
        Field {
            name: name.into(),
            ty: TypeId::new("string"),
            description: String::new(),
            required: false,
            read_only: false,
            deprecated: None,
            rules: vec![],
            id_kind: None,
            id_reason: None,
            extra: Default::default(),
            source: Default::default(),
            type_source: None,
        }
    }

    #[test]
    fn variants_drop_common_suffix() {
        let m = [member("contactId"), member("anonymousVisitorId"), member("memberId")];
        assert_eq!(variant_names(&m), ["Contact", "AnonymousVisitor", "Member"]);
        let m = [member("basic"), member("template")];
        assert_eq!(variant_names(&m), ["Basic", "Template"]);
        // `id` and `memberId` share `Id`, but nothing would be left of `id`.
        let m = [member("id"), member("memberId")];
        assert_eq!(variant_names(&m), ["Id", "MemberId"]);
        let m = [member("type"), member("TYPE")];
        assert_eq!(variant_names(&m), ["Type", "Type2"]);
    }

    #[test]
    fn namespace_prefixes() {
        let types: BTreeSet<&str> = ["Conversation", "Message"].into_iter().collect();
        assert_eq!(namespace_prefix("conversations", &types), "Conversation");
        assert_eq!(namespace_prefix("messages", &types), "Message");
        assert_eq!(namespace_prefix("webhooks", &types), "Webhooks");
        assert_eq!(namespace_prefix("inbox", &types), "Inbox");
    }
}
