//! Structs, string enums and one-of groups from the IR's type table, and the mapping of
//! IR types to Rust field types.
//!
//! Field shapes: a required field is `T`; any other field, a nullable one or a read-only
//! one is `Option<T>`, skipped when `None`; an array is `Vec<T>` with `#[serde(default)]`,
//! skipped when empty (never `Option<Vec<T>>`). `int64` and `number` go through the
//! runtime's serde helpers, timestamps are the runtime's `Timestamp`, free objects are
//! `serde_json::Value`, and a string field with an ID kind is that kind's newtype.
//!
//! Read-only fields are private with a getter, so a value meant for a request cannot set
//! them; a struct with required fields gets `new(required...)`, one without derives
//! `Default`. A field whose type leads back to its own struct (through fields that are not
//! arrays) is boxed.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use crate::diag::Diagnostic;
use crate::ir::{Field, Scalar, TypeDef, TypeId, TypeKind};

use super::names::plain_fields;
use super::naming::{ident, serde_camel, unraw, Dedup};
use super::output::Piece;
use super::decl::{derives, direct_struct, impl_text, serde_attrs, struct_decl_text, struct_decl_tokens, Arg};
use super::text::StructText;
use super::{docs, items, text, Ctx};

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

/// What the IR says a type ID is: its table entry (borrowed: a clone copied a struct's
/// whole field list for every field that names it), or the kind its fixed spelling implies.
fn kind_of<'a>(ctx: &Ctx<'a>, id: &TypeId) -> Option<Cow<'a, TypeKind>> {
    if let Some(def) = ctx.api.types.get(id) {
        return Some(Cow::Borrowed(&def.kind));
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
        return Some(Cow::Owned(TypeKind::Scalar { scalar }));
    }
    if let Some(inner) = s.strip_prefix("Array<").and_then(|r| r.strip_suffix('>')) {
        return Some(Cow::Owned(TypeKind::Array { items: TypeId::new(inner) }));
    }
    if let Some(inner) = s.strip_prefix("Nullable<").and_then(|r| r.strip_suffix('>')) {
        return Some(Cow::Owned(TypeKind::Nullable { inner: TypeId::new(inner) }));
    }
    None
}

/// The Rust type of an IR type; `id_kind` types a string as that kind's ID.
pub(crate) fn resolve(ctx: &Ctx, id: &TypeId, id_kind: Option<&str>) -> Result<Resolved, String> {
    let value = |elem: TokenStream, helper| Ok(Resolved { elem, shape: Shape::Value, helper });
    let rt = &ctx.rt;
    match kind_of(ctx, id).as_deref() {
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
            let inner = resolve(ctx, items, id_kind)?;
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
            let inner = resolve(ctx, inner, id_kind)?;
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
    pub serde: Vec<TokenStream>,
    /// The same serde attribute elements as text, one per comma-separated element, for
    /// [`super::text`].
    pub serde_text: Vec<String>,
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
    pub fn deprecated(&self) -> TokenStream {
        deprecated_attr(self.field.deprecated.as_deref())
    }
}

pub fn deprecated_attr(note: Option<&str>) -> TokenStream {
    match note.map(str::trim) {
        None => TokenStream::new(),
        Some("" | "true") => quote!(#[deprecated]),
        Some(note) => quote!(#[deprecated(note = #note)]),
    }
}

/// Resolves the plain fields of a struct, with their serde attributes.
pub(crate) fn field_specs<'f>(ctx: &mut Ctx, def: &TypeDef, fields: &[&'f Field]) -> (Vec<FieldSpec<'f>>, bool) {
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
        let mut serde = Vec::new();
        let mut serde_text = Vec::new();
        let helper = resolved.helper.map(|h| ctx.rt_str(h));
        let ty = match shape {
            Shape::Value => {
                if let Some(h) = helper {
                    serde_text.push(format!("with = {}", text::lit(&h)));
                    serde.push(quote!(with = #h));
                }
                elem.clone()
            }
            Shape::Nullable => {
                if let Some(h) = helper {
                    let h = format!("{h}::option");
                    serde_text.push("default".into());
                    serde_text.push(format!("with = {}", text::lit(&h)));
                    serde.push(quote!(default, with = #h));
                }
                serde_text.push(r#"skip_serializing_if = "::std::option::Option::is_none""#.into());
                serde.push(quote!(skip_serializing_if = "::std::option::Option::is_none"));
                quote!(::std::option::Option<#elem>)
            }
            Shape::Array => {
                if helper.is_some() {
                    ctx.diags.push(Diagnostic::error_at(
                        &field.source,
                        format!("field `{}` of `{}`: arrays of `{}` values are not supported by the runtime", field.name, def.id, field.ty),
                    ));
                }
                if !field.required || field.read_only {
                    serde_text.push("default".into());
                    serde_text.push(r#"skip_serializing_if = "::std::vec::Vec::is_empty""#.into());
                    serde.push(quote!(default, skip_serializing_if = "::std::vec::Vec::is_empty"));
                }
                quote!(::std::vec::Vec<#elem>)
            }
        };
        let required_nullable = shape == Shape::Nullable && field.required && !field.read_only;
        specs.push(FieldSpec { field, name, elem, ty, shape, serde, serde_text, required_nullable });
    }
    // Wire names: one `rename_all` when it gives every name, else per-field renames.
    let camel = !specs.is_empty() && specs.iter().all(|s| serde_camel(&s.name) == s.field.name);
    if !camel {
        for s in &mut specs {
            if unraw(&s.name) != s.field.name {
                let wire = &s.field.name;
                s.serde_text.insert(0, format!("rename = {}", text::lit(wire)));
                s.serde.insert(0, quote!(rename = #wire));
            }
        }
    }
    (specs, camel)
}

pub(crate) fn emit(ctx: &mut Ctx) -> Vec<Piece> {
    let api = ctx.api;
    let mut out: BTreeMap<String, Vec<Piece>> = BTreeMap::new();
    for def in api.types.values() {
        let key = ctx.names.type_of(&def.id).unwrap_or_default().to_string();
        let tokens = match &def.kind {
            TypeKind::Struct { fields, one_ofs } => match ctx.names.parent_is_group.get(&def.id).cloned() {
                Some(group) => one_of(ctx, &group, Some(def)),
                None => {
                    let (decl, tokens) = structure(ctx, def, fields, one_ofs);
                    let entry = out.entry(key.clone()).or_default();
                    entry.extend(decl.map(Piece::Text));
                    tokens
                }
            },
            TypeKind::Enum { .. } => string_enum(ctx, def),
            TypeKind::OneOf { .. } if ctx.names.groups.get(&def.id).is_none_or(|g| g.field.is_some()) => {
                one_of(ctx, &def.id, None)
            }
            _ => continue,
        };
        if tokens.is_empty() {
            continue;
        }
        let items = items(ctx, tokens);
        out.entry(key).or_default().extend(items.into_iter().map(Piece::Item));
    }
    // Empty responses for methods that document none.
    for (method, name) in ctx.names.empty_responses.clone() {
        let name_id = ident(&name);
        let serde = &ctx.serde;
        let serde_crate = &ctx.serde_crate;
        let doc = format!(" The response of `{method}`: the method documents no fields.");
        let direct = derives(ctx, true).and_then(|derives| {
            direct_struct(&StructText { docs: vec![doc.clone()], derives, serde: serde_attrs(ctx, false), name: &name, fields: Vec::new() })
        });
        if let Some(text) = direct {
            out.entry(name).or_default().push(Piece::Text(text));
            continue;
        }
        let tokens = quote! {
            #[doc = #doc]
            #[derive(Clone, Debug, Default, PartialEq, #serde::Serialize, #serde::Deserialize)]
            #serde_crate
            pub struct #name_id {}
        };
        let items = items(ctx, tokens);
        out.entry(name).or_default().extend(items.into_iter().map(Piece::Item));
    }
    out.into_values().flatten().collect()
}

/// A link to a generated item in docs.
pub fn doc_ref(name: &str) -> String {
    format!("[`{name}`]")
}

fn type_docs(ctx: &Ctx, def: &TypeDef) -> TokenStream {
    docs::tokens(&type_doc_strings(ctx, def))
}

fn type_doc_strings(ctx: &Ctx, def: &TypeDef) -> Vec<String> {
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

/// A struct: its declaration as text when [`text`] can write it (else in the tokens), and
/// its `impl` as tokens.
fn structure(ctx: &mut Ctx, def: &TypeDef, fields: &[Field], one_ofs: &[TypeId]) -> (Option<String>, TokenStream) {
    let api = ctx.api;
    let name = ident(ctx.names.type_of(&def.id).unwrap_or("Unnamed"));
    let plain = plain_fields(api, fields, one_ofs);
    let (specs, camel) = field_specs(ctx, def, &plain);
    // Field docs are computed once: both the text and the token forms use them.
    let field_docs: Vec<Vec<String>> = specs
        .iter()
        .map(|s| docs::strings(&docs::lines(&s.field.description, None), &format!("The `{}` field.", s.field.name)))
        .collect();
    // Flattened groups: (doc, required).
    let mut groups = Vec::new();
    let mut group_docs = Vec::new();
    for g in one_ofs {
        let Some(group) = ctx.names.groups.get(g) else { continue };
        let Some(field) = &group.field else { continue };
        let (members, must): (Vec<String>, bool) = match api.types.get(g).map(|d| &d.kind) {
            Some(TypeKind::OneOf { members, required, .. }) => (members.iter().map(|m| format!("`{}`", m.name)).collect(), *required),
            _ => continue,
        };
        let how = if must { "exactly one is set" } else { "at most one is set" };
        group_docs.push(format!(" Which of {} this holds: {how}.", members.join(", ")));
        groups.push((ident(field), ident(&group.rust_name), must));
    }

    let required: Vec<&FieldSpec> = specs.iter().filter(|s| s.is_required()).collect();
    let required_groups: Vec<&(proc_macro2::Ident, proc_macro2::Ident, bool)> = groups.iter().filter(|g| g.2).collect();
    let default = required.is_empty() && required_groups.is_empty();
    let type_docs = type_doc_strings(ctx, def);
    let direct = struct_decl_text(ctx, &name, &specs, &field_docs, &groups, &group_docs, &type_docs, default, camel);
    let decl = match direct {
        Some(_) => TokenStream::new(),
        None => struct_decl_tokens(ctx, &name, &specs, &field_docs, &groups, &group_docs, &type_docs, default, camel),
    };

    // Constructor and getters.
    // IDs, structs and enums are taken as they are, so that a wrong or missing
    // argument is reported as one ("expected `ConversationId`, found `ContactId`",
    // "argument #1 of type `MessageContent` is missing"); strings, groups (`From`
    // each member's type) and boxes take anything that converts.
    let exact = |s: &FieldSpec| {
        s.field.id_kind.is_some()
            || (!ctx.boxed.contains(&(def.id.clone(), s.field.name.clone()))
                && !ctx.names.parent_is_group.contains_key(&s.field.ty)
                && matches!(api.types.get(&s.field.ty).map(|d| &d.kind), Some(TypeKind::Struct { .. } | TypeKind::Enum { .. })))
    };
    let allow_args = required.len() + required_groups.len() > 7;
    if let Some(decl_text) = &direct {
        let args: Vec<Arg> = required
            .iter()
            .map(|s| if s.required_nullable { Arg::IntoOption } else if exact(s) { Arg::Exact } else { Arg::Into })
            .collect();
        if let Some(imp) = impl_text(&name.to_string(), &specs, &required, &args, &groups, &exact, allow_args) {
            return (Some(format!("{decl_text}{imp}")), TokenStream::new());
        }
    }
    let mut fns = Vec::new();
    let mut methods = Dedup::new();
    methods.reserve("new");
    if !required.is_empty() || !required_groups.is_empty() {
        let params = required.iter().map(|s| {
            let id = s.ident();
            let elem = &s.elem;
            if s.required_nullable {
                quote!(#id: impl ::std::convert::Into<::std::option::Option<#elem>>)
            } else if exact(s) {
                quote!(#id: #elem)
            } else {
                quote!(#id: impl ::std::convert::Into<#elem>)
            }
        });
        let inits = specs.iter().map(|s| {
            let id = s.ident();
            match s.shape {
                _ if s.required_nullable => quote!(#id: #id.into()),
                Shape::Value if exact(s) => quote!(#id),
                Shape::Value => quote!(#id: #id.into()),
                Shape::Nullable => quote!(#id: ::std::option::Option::None),
                Shape::Array => quote!(#id: ::std::vec::Vec::new()),
            }
        });
        // A required group is taken as any of its members' types (`From` each).
        let params = params.chain(required_groups.iter().map(|(fid, gty, _)| quote!(#fid: impl ::std::convert::Into<#gty>)));
        let group_inits = groups.iter().map(|(fid, _, must)| {
            if *must {
                quote!(#fid: #fid.into())
            } else {
                quote!(#fid: ::std::option::Option::None)
            }
        });
        let allow_dep = if specs.iter().any(|s| s.field.deprecated.is_some()) { quote!(#[allow(deprecated)]) } else { TokenStream::new() };
        let allow_args = if allow_args { quote!(#[allow(clippy::too_many_arguments)]) } else { TokenStream::new() };
        let list: Vec<String> = required
            .iter()
            .map(|s| format!("`{}`", unraw(&s.name)))
            .chain(required_groups.iter().map(|(fid, _, _)| format!("`{}`", unraw(&fid.to_string()))))
            .collect();
        let doc = format!(" A new value with its required fields ({}); the others unset.", list.join(", "));
        fns.push(quote! {
            #[doc = #doc]
            #allow_dep
            #allow_args
            pub fn new(#(#params),*) -> Self {
                Self { #(#inits,)* #(#group_inits,)* }
            }
        });
    }
    for s in specs.iter().filter(|s| s.field.read_only) {
        let getter = ident(&methods.unique(&s.name, "_"));
        let id = s.ident();
        let elem = &s.elem;
        let dep = s.deprecated();
        let allow = if s.field.deprecated.is_some() { quote!(#[allow(deprecated)]) } else { TokenStream::new() };
        let doc = format!(" `{}`, set by the server (read-only).", s.field.name);
        let fdocs = docs::lines(&s.field.description, None);
        let fdocs = fdocs.iter().map(|l| if l.is_empty() { String::new() } else { format!(" {l}") });
        let copy = ["f64", "i64", "bool"].contains(&elem.to_string().as_str());
        let (ret, body) = match s.shape {
            Shape::Array => (quote!(&[#elem]), quote!(&self.#id)),
            _ if copy => (quote!(::std::option::Option<#elem>), quote!(self.#id)),
            _ => (quote!(::std::option::Option<&#elem>), quote!(self.#id.as_ref())),
        };
        fns.push(quote! {
            #( #[doc = #fdocs] )*
            #[doc = ""]
            #[doc = #doc]
            #dep
            #allow
            pub fn #getter(&self) -> #ret { #body }
        });
    }
    let imp = if fns.is_empty() {
        TokenStream::new()
    } else {
        quote! { impl #name { #(#fns)* } }
    };
    (direct, quote! { #decl #imp })
}

/// The attributes of a struct's flattened one-of field, as the runtime's `one_of!`
/// documents them.
pub(crate) fn group_field_attrs(ctx: &Ctx) -> TokenStream {
    let with = ctx.rt_str("one_of");
    quote!(#[serde(flatten, with = #with)])
}

fn string_enum(ctx: &mut Ctx, def: &TypeDef) -> TokenStream {
    let TypeKind::Enum { values } = &def.kind else { return TokenStream::new() };
    let rt = &ctx.rt;
    let name = ident(ctx.names.type_of(&def.id).unwrap_or("Unnamed"));
    let docs = type_docs(ctx, def);
    let variants = ctx.names.enum_variants.get(&def.id).cloned().unwrap_or_default();
    let vs = values.iter().zip(&variants).map(|(v, rust)| {
        let d = docs::describe(&v.description, &format!("`{}`.", v.name));
        let id = ident(rust);
        let wire = &v.name;
        quote!(#d #id = #wire)
    });
    quote! {
        #rt::string_enum! {
            #docs
            pub enum #name { #(#vs,)* }
        }
    }
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
        // A one-of member decodes through the group's own visitor: integers are read as
        // JSON numbers there, without the query-string leniency of `rt::integer`.
        if r.helper.is_some_and(|h| h != "integer") {
            ctx.diags.push(Diagnostic::error_at(
                &m.source,
                format!("member `{}` of `{gid}`: a one-of member of type `{}` is not supported", m.name, m.ty),
            ));
        }
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
        variants.push(quote!(#d #id(#ty) = #wire));
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
