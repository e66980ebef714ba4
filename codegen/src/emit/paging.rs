//! Which methods page, and how: found from the shapes of a method's request and
//! response, as Wix's APIs lay paging out, never from the method's name.
//!
//! - **Cursor paging** (Inbox's listMessages): the request has a cursor (`paging.cursor`,
//!   `query.cursorPaging.cursor`: a string field `cursor` of a struct at most two fields
//!   down) and the response gives the next one (`pagingMetadata.cursors.next`: a string
//!   `next` in a struct `cursors` of a struct field).
//! - **Offset paging** (Contacts' queryContacts, Members' queryMembers): the request has
//!   an integer `offset` at most two fields down (`query.paging.offset`); the response
//!   may say where the page was and how many matched in all (an integer `offset` and
//!   `total` of a struct field: `pagingMetadata`, `metadata`).
//!
//! Either way the response's items are its one array field (of structs, when it has
//! several). Cursor paging is chosen when both are there and the response gives a next
//! cursor. Only plain fields are followed: a path through a one-of group, a read-only
//! field (private, behind a getter) or an optional struct without a `Default` (which the
//! next request could not be made from) is not taken, and such a method is not paged.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::ir::{Method, TypeDef, TypeId, TypeKind};

use super::names::plain_fields;
use super::structs::flattened_groups;
use super::types::{field_specs, Shape};
use super::Ctx;

/// One field on a path: how to step through it.
#[derive(Clone, Debug)]
pub(crate) struct Step {
    pub ident: Ident,
    /// The field's wire name, for docs.
    pub wire: String,
    /// `Option<T>`: absent on the wire when not set.
    pub optional: bool,
}

/// How a method pages.
#[derive(Clone, Debug)]
pub(crate) enum Kind {
    /// The request's cursor at `cursor`; the next one in the response at `next`.
    Cursor { cursor: Vec<Step>, next: Vec<Step> },
    /// The request's offset at `offset`; what the response reports of the page and the
    /// whole, where it does.
    Offset { offset: Vec<Step>, reported: Option<Vec<Step>>, total: Option<Vec<Step>> },
}

/// A paged method: how it pages, and its items.
#[derive(Clone, Debug)]
pub(crate) struct Paging {
    pub kind: Kind,
    /// The response's array field holding the page's items.
    pub items: Step,
    /// Its wire name (`contacts`), which names the stream method.
    pub items_wire: String,
    /// The element type (`Contact`), as the types module names it.
    pub item: TokenStream,
    /// The element type's Rust name when it is a named type, for the stream's alias.
    pub item_name: Option<String>,
}

/// One plain field of a struct, as the paging rules look at it.
struct Member {
    wire: String,
    ident: Ident,
    /// The struct it holds, when it holds one (directly or through `Nullable<..>`).
    holds: Option<TypeId>,
    shape: Shape,
    read_only: bool,
    /// The element type, as text (`i64`, `::std::string::String`, `Contact`).
    elem: String,
    elem_tokens: TokenStream,
}

/// How `m` pages, or `None` when its shapes show no paging.
pub(crate) fn detect(ctx: &mut Ctx, m: &Method) -> Option<Paging> {
    let response = members(ctx, m.response.as_ref()?)?;
    let request = members(ctx, &m.request)?;
    let (items, item_name) = items(ctx, &response)?;

    // Where the request's cursor and offset are.
    let mut cursor = None;
    let mut offset = None;
    for f in request.iter().filter(|f| usable(f)) {
        let Some(inner) = f.holds.clone().and_then(|t| settable(ctx, &t, f)) else { continue };
        for g in inner.iter().filter(|g| usable(g)) {
            let path = || vec![step(f), step(g)];
            if cursor.is_none() && g.wire == "cursor" && is_string(g) {
                cursor = Some(path());
            }
            if offset.is_none() && g.wire == "offset" && is_integer(g) {
                offset = Some(path());
            }
            let Some(deeper) = g.holds.clone().and_then(|t| settable(ctx, &t, g)) else { continue };
            for h in deeper.iter().filter(|h| usable(h)) {
                let path = || vec![step(f), step(g), step(h)];
                if cursor.is_none() && h.wire == "cursor" && is_string(h) {
                    cursor = Some(path());
                }
                if offset.is_none() && h.wire == "offset" && is_integer(h) {
                    offset = Some(path());
                }
            }
        }
    }

    // What the response says: the next cursor, where the page was, how many in all.
    let mut next = None;
    let mut reported = None;
    let mut total = None;
    for f in response.iter().filter(|f| usable(f)) {
        let Some(inner) = f.holds.clone().and_then(|t| members(ctx, &t)) else { continue };
        for g in inner.iter().filter(|g| usable(g)) {
            if reported.is_none() && g.wire == "offset" && is_integer(g) {
                reported = Some(vec![step(f), step(g)]);
            }
            if total.is_none() && g.wire == "total" && is_integer(g) {
                total = Some(vec![step(f), step(g)]);
            }
            if next.is_none() && g.wire == "cursors" {
                let Some(cursors) = g.holds.clone().and_then(|t| members(ctx, &t)) else { continue };
                if let Some(n) = cursors.iter().find(|n| usable(n) && n.wire == "next" && is_string(n)) {
                    next = Some(vec![step(f), step(g), step(n)]);
                }
            }
        }
    }

    let kind = match (cursor, next, offset) {
        (Some(cursor), Some(next), _) => Kind::Cursor { cursor, next },
        (_, _, Some(offset)) => Kind::Offset { offset, reported, total },
        _ => return None,
    };
    Some(Paging { kind, items: step(items), items_wire: items.wire.clone(), item: items.elem_tokens.clone(), item_name })
}

/// The response's items: its one array field, or its one array of structs.
fn items<'m>(ctx: &Ctx, response: &'m [Member]) -> Option<(&'m Member, Option<String>)> {
    let arrays: Vec<&Member> = response.iter().filter(|f| f.shape == Shape::Array && !f.read_only).collect();
    let named = |f: &Member| {
        let ty = TypeId::new(f.holds.as_ref()?.as_str());
        ctx.names.type_of(&ty).map(str::to_string)
    };
    let of_structs: Vec<&Member> = arrays.iter().copied().filter(|f| f.holds.is_some()).collect();
    let found = match (arrays.as_slice(), of_structs.as_slice()) {
        ([one], _) | (_, [one]) => *one,
        _ => return None,
    };
    Some((found, named(found)))
}

fn step(m: &Member) -> Step {
    Step { ident: m.ident.clone(), wire: m.wire.clone(), optional: m.shape == Shape::Nullable }
}

/// A field a path may go through: public (not read-only), a value or an option.
fn usable(m: &Member) -> bool {
    !m.read_only && m.shape != Shape::Array
}

fn is_string(m: &Member) -> bool {
    m.elem == quote!(::std::string::String).to_string()
}

fn is_integer(m: &Member) -> bool {
    m.elem == "i64"
}

/// The members of the struct `ty` held by `through`, when the next request can be made
/// through it: a required struct always, an optional one only if it has a `Default`
/// (`get_or_insert_default`).
fn settable(ctx: &mut Ctx, ty: &TypeId, through: &Member) -> Option<Vec<Member>> {
    if through.shape == Shape::Nullable && !has_default(ctx, ty) {
        return None;
    }
    members(ctx, ty)
}

/// The struct `ty` names, directly or as `Nullable<..>`; not one that is a one-of group.
fn struct_def<'a>(ctx: &Ctx<'a>, ty: &TypeId) -> Option<&'a TypeDef> {
    let api = ctx.api;
    let mut ty = ty.clone();
    loop {
        let def = api.types.get(&ty)?;
        match &def.kind {
            TypeKind::Nullable { inner } => ty = inner.clone(),
            TypeKind::Struct { .. } if !ctx.names.parent_is_group.contains_key(&def.id) => return Some(def),
            _ => return None,
        }
    }
}

/// Whether the struct `ty` derives `Default`: it has no required field or group.
fn has_default(ctx: &mut Ctx, ty: &TypeId) -> bool {
    let Some(def) = struct_def(ctx, ty) else { return false };
    let TypeKind::Struct { fields, one_ofs } = &def.kind else { return false };
    let plain = plain_fields(ctx.api, fields, one_ofs);
    let reported = ctx.diags.len();
    let required = field_specs(ctx, def, &plain).iter().any(|s| s.is_required());
    // The type's own emitter reports what is wrong with its fields.
    ctx.diags.truncate(reported);
    !required && flattened_groups(ctx, one_ofs).iter().all(|g| !g.required)
}

/// The plain fields of the struct `ty`.
fn members(ctx: &mut Ctx, ty: &TypeId) -> Option<Vec<Member>> {
    let def = struct_def(ctx, ty)?;
    let TypeKind::Struct { fields, one_ofs } = &def.kind else { return None };
    let plain = plain_fields(ctx.api, fields, one_ofs);
    let reported = ctx.diags.len();
    let specs = field_specs(ctx, def, &plain);
    ctx.diags.truncate(reported);
    let out = specs
        .iter()
        .map(|s| {
            let item = match s.field.ty.as_str().strip_prefix("Array<").and_then(|r| r.strip_suffix('>')) {
                Some(inner) => TypeId::new(inner),
                None => s.field.ty.clone(),
            };
            Member {
                wire: s.field.name.clone(),
                ident: s.ident(),
                holds: struct_def(ctx, &item).map(|d| d.id.clone()),
                shape: s.shape,
                read_only: s.field.read_only,
                elem: s.elem.to_string(),
                elem_tokens: s.elem.clone(),
            }
        })
        .collect();
    Some(out)
}

/// `Option<&T>` of the field at `path` from `root` (a reference).
pub(crate) fn read(root: &TokenStream, path: &[Step]) -> TokenStream {
    let mut steps = path.iter();
    let Some(first) = steps.next() else { return quote!(::std::option::Option::Some(#root)) };
    let id = &first.ident;
    let mut expr = if first.optional { quote!(#root.#id.as_ref()) } else { quote!(::std::option::Option::Some(&#root.#id)) };
    for s in steps {
        let id = &s.ident;
        expr = if s.optional { quote!(#expr.and_then(|v| v.#id.as_ref())) } else { quote!(#expr.map(|v| &v.#id)) };
    }
    expr
}

/// The statement setting the field at `path` of `root` (a `&mut`) to `value`, making
/// the optional structs on the way.
pub(crate) fn write(root: &TokenStream, path: &[Step], value: &TokenStream) -> TokenStream {
    let Some((last, way)) = path.split_last() else { return TokenStream::new() };
    let mut place = quote!(#root);
    for s in way {
        let id = &s.ident;
        place = if s.optional { quote!(#place.#id.get_or_insert_default()) } else { quote!(#place.#id) };
    }
    let id = &last.ident;
    if last.optional {
        quote!(#place.#id = ::std::option::Option::Some(#value);)
    } else {
        quote!(#place.#id = #value;)
    }
}
