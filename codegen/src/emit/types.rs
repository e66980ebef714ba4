//! String enums and one-of groups from the IR's type table, the order every type's items
//! come in (structs' own are made by [`super::structs`]), and the mapping of IR types to
//! Rust field types.
//!
//! A struct is declared through the runtime's `object!`, which gives it table-driven serde
//! impls (far cheaper to type-check than derived ones); each field is marked with its kind
//! and wire name, and its setter if it has one (`#[optional("wireName",
//! with_wire_name(T))]`, see [`super::building`]).
//!
//! Field shapes: a required field is `T`; any other field, a nullable one or a read-only
//! one is `Option<T>`, skipped when `None`; an array is `Vec<T>`, empty when missing and
//! skipped when empty (never `Option<Vec<T>>`). `int64` and `number` go through the
//! runtime's serde helpers, timestamps are the runtime's `Timestamp`, free objects are
//! `serde_json::Value`, and a string field with an ID kind is that kind's newtype.
//!
//! Read-only fields are private with a getter, so a value meant for a request cannot set
//! them; a struct with required fields gets `new(required...)`, one without derives
//! `Default`; every other writable field gets a `with_<field>` setter. A field whose type leads back to its own struct (through fields that are not
//! arrays) is boxed.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use crate::diag::Diagnostic;
use crate::ir::{Field, Scalar, TypeDef, TypeId, TypeKind};

use super::naming::ident;
use super::output::Module;
use super::text::{self, ItemText};
use super::{docs, Ctx};

/// How a field's value is held.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// `T`.
    Value,
    /// `Option<T>`: absent or JSON null.
    Nullable,
    /// `Vec<T>`.
    Array,
}

/// An IR type as Rust: the element type and its shape.
#[derive(Clone, Debug)]
pub struct Resolved {
    pub elem: TokenStream,
    pub shape: Shape,
    /// A runtime serde helper module the element needs (`int64`, `number`).
    pub helper: Option<&'static str>,
}

/// What the IR says a type ID is: its table entry, or the kind its fixed spelling implies.
pub(crate) fn kind_of(ctx: &Ctx, id: &TypeId) -> Option<TypeKind> {
    if let Some(def) = ctx.api.types.get(id) {
        return Some(def.kind.clone());
    }
    let s = id.as_str();
    let scalar = match s {
        "string" => Some(Scalar::String),
        "number" => Some(Scalar::Number),
        "integer" => Some(Scalar::Integer),
        "boolean" => Some(Scalar::Boolean),
        "int64" => Some(Scalar::Int64),
        "timestamp" => Some(Scalar::Timestamp),
        "object" => Some(Scalar::Object),
        _ => None,
    };
    if let Some(scalar) = scalar {
        return Some(TypeKind::Scalar { scalar });
    }
    if let Some(inner) = s.strip_prefix("Array<").and_then(|r| r.strip_suffix('>')) {
        return Some(TypeKind::Array { items: TypeId::new(inner) });
    }
    if let Some(inner) = s.strip_prefix("Nullable<").and_then(|r| r.strip_suffix('>')) {
        return Some(TypeKind::Nullable { inner: TypeId::new(inner) });
    }
    None
}

/// The Rust type of an IR type; `id_kind` types a string as that kind's ID.
pub(crate) fn resolve(ctx: &Ctx, id: &TypeId, id_kind: Option<&str>) -> Result<Resolved, String> {
    let value = |elem: TokenStream, helper| Ok(Resolved { elem, shape: Shape::Value, helper });
    let rt = &ctx.rt;
    match kind_of(ctx, id) {
        None => Err(format!("unknown type `{id}`")),
        Some(TypeKind::Scalar { scalar }) => match scalar {
            Scalar::String => match id_kind {
                Some(kind) => match ctx.names.ids.get(kind) {
                    Some(name) => {
                        let name = ident(name);
                        value(quote!(#name), None)
                    }
                    None => Err(format!("unknown ID kind `{kind}`")),
                },
                None => value(quote!(::std::string::String), None),
            },
            Scalar::Number => value(quote!(f64), Some("number")),
            Scalar::Integer => value(quote!(i64), Some("integer")),
            Scalar::Int64 => value(quote!(i64), Some("int64")),
            Scalar::Boolean => value(quote!(bool), None),
            Scalar::Timestamp => value(quote!(#rt::Timestamp), None),
            Scalar::Object => {
                let sj = &ctx.serde_json;
                value(quote!(#sj::Value), None)
            }
        },
        Some(TypeKind::Array { items }) => {
            let inner = resolve(ctx, &items, id_kind)?;
            let elem = inner.elem;
            let elem = match inner.shape {
                Shape::Value => elem,
                Shape::Nullable => quote!(::std::option::Option<#elem>),
                Shape::Array => quote!(::std::vec::Vec<#elem>),
            };
            if inner.helper.is_some() && inner.shape != Shape::Value {
                return Err(format!("arrays of nested `{items}` values are not supported"));
            }
            // Integers in arrays travel as JSON numbers only: no helper, plain `i64`s.
            let helper = inner.helper.filter(|h| *h != "integer");
            Ok(Resolved { elem, shape: Shape::Array, helper })
        }
        Some(TypeKind::Nullable { inner }) => {
            let inner = resolve(ctx, &inner, id_kind)?;
            match inner.shape {
                Shape::Array => Ok(inner),
                _ => Ok(Resolved { shape: Shape::Nullable, ..inner }),
            }
        }
        Some(TypeKind::Struct { .. } | TypeKind::Enum { .. } | TypeKind::OneOf { .. }) => match ctx.names.type_of(id) {
            Some(name) => {
                let name = ident(name);
                value(quote!(#name), None)
            }
            None => Err(format!("type `{id}` has no Rust name")),
        },
    }
}

/// One plain field of a struct, ready to emit.
pub(crate) struct FieldSpec<'f> {
    pub field: &'f Field,
    pub name: String,
    /// The element type (what a setter or constructor takes).
    pub elem: TokenStream,
    /// The field's full type.
    pub ty: TokenStream,
    /// `Value` only for required fields that are not read-only.
    pub shape: Shape,
    /// How the field travels: a marker of the runtime's `object::kinds` (`optional`,
    /// `array`, `required`, `int64`, `optional_number`, ...).
    pub kind: String,
    /// Required, but the value may be `null` (a nullable field a request must carry):
    /// an `Option` that the constructor still takes.
    pub required_nullable: bool,
}

impl FieldSpec<'_> {
    pub fn is_required(&self) -> bool {
        self.shape == Shape::Value || self.required_nullable
    }
    pub fn ident(&self) -> proc_macro2::Ident {
        ident(&self.name)
    }
}

/// Resolves the plain fields of a struct, with their kinds in the runtime's `object!`.
pub(crate) fn field_specs<'f>(ctx: &mut Ctx, def: &TypeDef, fields: &[&'f Field]) -> Vec<FieldSpec<'f>> {
    let names = ctx.names.fields.get(&def.id).cloned().unwrap_or_default();
    let mut specs = Vec::new();
    for (field, name) in fields.iter().zip(names) {
        let resolved = match resolve(ctx, &field.ty, field.id_kind.as_deref()) {
            Ok(r) => r,
            Err(e) => {
                ctx.diags.push(Diagnostic::error_at(&field.source, format!("field `{}` of `{}`: {e}", field.name, def.id)));
                continue;
            }
        };
        let boxed = ctx.boxed.contains(&(def.id.clone(), field.name.clone()));
        let mut elem = resolved.elem;
        if boxed && resolved.shape != Shape::Array {
            elem = quote!(::std::boxed::Box<#elem>);
        }
        let shape = match resolved.shape {
            Shape::Value if field.required && !field.read_only => Shape::Value,
            Shape::Value | Shape::Nullable => Shape::Nullable,
            Shape::Array => Shape::Array,
        };
        // The field's kind in the runtime's `object!` (`rt::object::kinds`).
        let helper = resolved.helper;
        let (kind, ty) = match shape {
            Shape::Value => (helper.unwrap_or("required").to_string(), elem.clone()),
            Shape::Nullable => {
                let kind = match helper {
                    Some(h) => format!("optional_{h}"),
                    None => "optional".to_string(),
                };
                (kind, quote!(::std::option::Option<#elem>))
            }
            Shape::Array => {
                if helper.is_some() {
                    ctx.diags.push(Diagnostic::error_at(
                        &field.source,
                        format!("field `{}` of `{}`: arrays of `{}` values are not supported by the runtime", field.name, def.id, field.ty),
                    ));
                }
                let kind = if !field.required || field.read_only { "array" } else { "required" };
                (kind.to_string(), quote!(::std::vec::Vec<#elem>))
            }
        };
        let required_nullable = shape == Shape::Nullable && field.required && !field.read_only;
        specs.push(FieldSpec { field, name, elem, ty, shape, kind, required_nullable });
    }
    specs
}

/// Every type's items in the order of their Rust names, each type's formatted before the
/// next is made.
pub(crate) fn emit(ctx: &mut Ctx) -> Module {
    let api = ctx.api;
    let mut out: BTreeMap<String, Module> = BTreeMap::new();
    for def in api.types.values() {
        let (texts, tokens) = match &def.kind {
            TypeKind::Struct { fields, one_ofs } => match ctx.names.parent_is_group.get(&def.id).cloned() {
                Some(group) => (Vec::new(), one_of(ctx, &group, Some(def))),
                None => (super::structs::structure(ctx, def, fields, one_ofs), TokenStream::new()),
            },
            TypeKind::Enum { .. } => (string_enum(ctx, def).into_iter().map(|call| (call, true)).collect(), TokenStream::new()),
            TypeKind::OneOf { .. } if ctx.names.groups.get(&def.id).is_none_or(|g| g.field.is_some()) => {
                (Vec::new(), one_of(ctx, &def.id, None))
            }
            _ => continue,
        };
        let key = ctx.names.type_of(&def.id).unwrap_or_default().to_string();
        let module = out.entry(key).or_default();
        for (text, public) in &texts {
            module.push_text(text, *public);
        }
        module.push_tokens(ctx, tokens);
    }
    // Empty responses for methods that document none.
    for (key, name) in ctx.names.empty_responses.clone() {
        let name_id = ident(&name);
        let rt = &ctx.rt;
        let method = ctx.api.methods.get(&key).map_or(key.as_str(), |m| m.name.as_str());
        let doc = format!(" The response of `{method}`: the method documents no fields.");
        let tokens = quote! {
            #rt::object! {
                #[doc = #doc]
                #[derive(Clone, Debug, Default, PartialEq)]
                pub struct #name_id {}
            }
        };
        out.entry(name).or_default().push_tokens(ctx, tokens);
    }
    let mut module = Module::default();
    for m in out.into_values() {
        module.append(m);
    }
    module
}

/// A link to a generated item in docs.
pub fn doc_ref(name: &str) -> String {
    format!("[`{name}`]")
}

fn type_docs(ctx: &Ctx, def: &TypeDef) -> TokenStream {
    docs::tokens(&type_doc_strings(ctx, def))
}

pub(super) fn type_doc_strings(ctx: &Ctx, def: &TypeDef) -> Vec<String> {
    // A request is documented with the whole method description: its later paragraphs
    // hold the call's rules (which ID to pass, when IDs change).
    if let Some(m) = ctx.request_of.get(&def.id) {
        let mut lines = docs::paragraphs(&m.description);
        if lines.is_empty() {
            lines.push(format!("The request of `{}`.", m.name));
        }
        return docs::strings(&docs::with_link(lines, m.doc_link.as_deref()), "");
    }
    let (description, link, fallback) = if let Some(m) = ctx.response_of.get(&def.id) {
        let d = if def.description.trim().is_empty() { &m.description } else { &def.description };
        (d, def.doc_link.as_deref().or(m.doc_link.as_deref()), format!("The response of `{}`.", m.name))
    } else {
        (&def.description, def.doc_link.as_deref(), format!("The `{}` object.", def.name))
    };
    let mut lines = docs::lines(description, None);
    if lines.is_empty() {
        lines.push(fallback);
    }
    docs::strings(&docs::with_link(lines, link), "")
}

/// A string enum's `string_enum!` call, laid out as text (see `super::text`).
fn string_enum(ctx: &mut Ctx, def: &TypeDef) -> Option<String> {
    let TypeKind::Enum { values } = &def.kind else { return None };
    let name = ident(ctx.names.type_of(&def.id).unwrap_or("Unnamed"));
    let variants = ctx.names.enum_variants.get(&def.id).cloned().unwrap_or_default();
    let mut item = ItemText::new();
    item.docs(&type_doc_strings(ctx, def));
    if values.is_empty() {
        item.line(&format!("pub enum {name} {{}}"));
    } else {
        item.open(&format!("pub enum {name} {{"));
        for (v, rust) in values.iter().zip(&variants) {
            item.docs(&docs::describe_strings(&v.description, &format!("`{}`.", v.name)));
            item.line(&format!("{} = {},", ident(rust), text::string_literal(&v.name)));
        }
        item.close("}");
    }
    runtime_call(ctx, def, "string_enum", item)
}

/// `item` as a call of the runtime's macro `name`, laid out; a text that is no item is a
/// bug of the emitter's, reported as an error.
pub(super) fn runtime_call(ctx: &mut Ctx, def: &TypeDef, name: &str, mut item: ItemText) -> Option<String> {
    let path = format!("{}::{name}", item.ty(&ctx.rt));
    let pretty = item.finish_or_report(&mut ctx.diags, &def.source, &format!("`{}`", def.id))?;
    Some(super::output::macro_call(&path, "", &pretty))
}

/// A one-of group as an enum (`parent` set when the parent struct *is* the group).
fn one_of(ctx: &mut Ctx, gid: &TypeId, parent: Option<&TypeDef>) -> TokenStream {
    let api = ctx.api;
    let Some(gdef) = api.types.get(gid) else { return TokenStream::new() };
    let TypeKind::OneOf { members, parent: parent_id, .. } = &gdef.kind else { return TokenStream::new() };
    let Some(group) = ctx.names.groups.get(gid).cloned() else { return TokenStream::new() };
    let rt = ctx.rt.clone();
    let name = ident(&group.rust_name);
    let docs = match parent {
        Some(def) => type_docs(ctx, def),
        None => {
            let keys: Vec<String> = members.iter().map(|m| format!("`{}`", m.name)).collect();
            let owner = ctx.names.type_of(parent_id).map(doc_ref).unwrap_or_else(|| format!("`{parent_id}`"));
            let doc = format!(" What {owner} holds: exactly one of {}.", keys.join(", "));
            quote!(#[doc = #doc])
        }
    };
    let participant = if ctx.participant_group.as_ref() == Some(gid) { super::conversions::participant_group(api) } else { None };
    let mut variants = Vec::new();
    let mut tys: Vec<TokenStream> = Vec::new();
    for (m, v) in members.iter().zip(&group.variants) {
        let r = match resolve(ctx, &m.ty, m.id_kind.as_deref()) {
            Ok(r) => r,
            Err(e) => {
                ctx.diags.push(Diagnostic::error_at(&m.source, format!("member `{}` of `{gid}`: {e}", m.name)));
                continue;
            }
        };
        // A member travels through the codec of its field helper (`with number`: `30`
        // stays `30`); integers are read as JSON numbers there, without the query-string
        // leniency of `rt::integer`, so they need none.
        let codec = match (r.helper, r.shape) {
            (Some("number"), Shape::Array) => Some("number_array"),
            (Some("int64"), Shape::Array) => Some("int64_array"),
            (Some(h @ ("number" | "int64")), _) => Some(h),
            (Some("integer") | None, _) => None,
            (Some(other), _) => {
                ctx.diags.push(Diagnostic::error_at(
                    &m.source,
                    format!("member `{}` of `{gid}`: a one-of member with the field helper `{other}` is not supported", m.name),
                ));
                None
            }
        };
        let codec = codec.map(|c| {
            let c = ident(c);
            quote!(with #c)
        });
        let elem = r.elem;
        let mut ty = match r.shape {
            Shape::Array => quote!(::std::vec::Vec<#elem>),
            _ => elem,
        };
        if ctx.boxed.contains(&(gid.clone(), m.name.clone())) {
            ty = quote!(::std::boxed::Box<#ty>);
        }
        let mut lines = docs::lines(&m.description, None);
        // A member of the participant group: how the article says this kind is reached.
        if let Some(kind) = participant.as_ref().and_then(|p| p.members.iter().position(|x| x.name == m.name).map(|i| p.kinds[i])) {
            let how = docs::sanitize(&super::conversions::plain_text(&kind.how_to_obtain));
            if !how.is_empty() {
                lines.push(String::new());
                lines.push(how);
            }
        }
        if let Some(note) = &m.deprecated {
            if lines.is_empty() {
                lines.push(format!("`{}`.", m.name));
            }
            // The macro's own code names every variant, so the note goes in the docs.
            lines.push(String::new());
            lines.push(docs::sanitize(&format!("Deprecated: {}", if note == "true" { "" } else { note })));
        }
        let d = docs::attrs(&lines, &format!("`{}`.", m.name));
        let id = ident(v);
        let wire = &m.name;
        variants.push(quote!(#d #id(#ty) = #wire #codec));
        tys.push(ty);
    }
    // `From<Member>` when every member has its own type.
    let distinct: BTreeSet<String> = tys.iter().map(|t| t.to_string()).collect();
    let froms = if distinct.len() == tys.len() {
        members
            .iter()
            .zip(&group.variants)
            .zip(&tys)
            .map(|((_, v), ty)| {
                let id = ident(v);
                quote! {
                    impl ::std::convert::From<#ty> for #name {
                        fn from(value: #ty) -> Self { Self::#id(value) }
                    }
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    quote! {
        #rt::one_of! {
            #docs
            #[allow(clippy::large_enum_variant)]
            pub enum #name { #(#variants,)* }
        }
        #(#froms)*
    }
}

