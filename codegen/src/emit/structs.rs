//! Structs: a struct's `object!` call (its fields with their kinds, setters and docs,
//! its flattened one-of groups), its `new` with the required fields and the getters of
//! its read-only fields, all written as text (see `super::text`); and the parameters of
//! `new`, which the typed client calls too.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Field, TypeDef, TypeId, TypeKind};

use super::names::plain_fields;
use super::naming::{ident, unraw, Dedup};
use super::text::{self, ItemText};
use super::types::{field_specs, runtime_call, type_doc_strings, FieldSpec, Shape};
use super::{building, docs, Ctx};

/// A struct's items as text, each with whether it is public: its `object!` call, then its
/// `impl` (`new`, getters) if it has one. (Text that is no item is a bug, reported as an
/// error.)
pub(super) fn structure(ctx: &mut Ctx, def: &TypeDef, fields: &[Field], one_ofs: &[TypeId]) -> Vec<(String, bool)> {
    let api = ctx.api;
    let name = ident(ctx.names.type_of(&def.id).unwrap_or("Unnamed"));
    let plain = plain_fields(api, fields, one_ofs);
    let specs = field_specs(ctx, def, &plain);

    // One scope for the struct's methods: `new`, the getters, then the setters.
    let mut methods = Dedup::new();
    methods.reserve("new");
    let getters: Vec<Option<String>> = specs.iter().map(|s| s.field.read_only.then(|| methods.unique(&s.name, "_"))).collect();
    let setters = building::field_setters(&mut methods, &specs);

    // The `object!` call is written as text (see `super::text`): its fields, then the
    // flattened groups.
    let mut item = ItemText::new();
    let mut fields_text: Vec<FieldLines> = Vec::new();
    for (s, setter) in specs.iter().zip(&setters) {
        // The kind comes first: `object!` reads it before the field's own attributes.
        let mut args = vec![text::string_literal(&s.field.name)];
        match setter {
            None => {}
            Some(name) if s.shape == Shape::Array => args.push(ident(name).to_string()),
            Some(name) => args.push(format!("{}({})", ident(name), item.ty(&s.elem))),
        }
        let vis = if s.field.read_only { "" } else { "pub " };
        fields_text.push(FieldLines {
            kind: s.kind.clone(),
            args,
            docs: docs::describe_strings(&s.field.description, &format!("The `{}` field.", s.field.name)),
            deprecated: deprecated_text(s.field.deprecated.as_deref()),
            head: format!("{vis}{}", s.ident()),
            ty: item.ty(&s.ty),
        });
    }
    // Flattened groups.
    let groups = flattened_groups(ctx, one_ofs);
    let mut group_setters = Vec::new();
    for g in &groups {
        let (fid, gty) = (&g.field, &g.ty);
        if g.required {
            let doc = format!(" Which of {} this holds: exactly one is set.", g.members.join(", "));
            fields_text.push(FieldLines {
                kind: "required_one_of".to_string(),
                args: Vec::new(),
                docs: vec![doc],
                deprecated: None,
                head: format!("pub {fid}"),
                ty: gty.to_string(),
            });
        } else {
            let doc = format!(" Which of {} this holds: at most one is set.", g.members.join(", "));
            let setter = building::group_setter(&mut methods, &fid.to_string());
            fields_text.push(FieldLines {
                kind: "one_of".to_string(),
                args: vec![format!("{}({gty})", ident(&setter))],
                docs: vec![doc],
                deprecated: None,
                head: format!("pub {fid}"),
                ty: format!("::std::option::Option<{gty}>"),
            });
            group_setters.push(setter);
        }
    }
    let required: Vec<&FieldSpec> = specs.iter().filter(|s| s.is_required()).collect();
    let required_groups: Vec<&FlatGroup> = groups.iter().filter(|g| g.required).collect();
    let derive_default = if required.is_empty() && required_groups.is_empty() { "Default, " } else { "" };
    let docs = type_doc_strings(ctx, def);
    let building = {
        let name = ctx.names.type_of(&def.id).unwrap_or("Unnamed");
        let mut new_params: Vec<building::Param> = required
            .iter()
            .map(|s| building::Param {
                name: unraw(&s.name).to_string(),
                sample: building::field_sample(ctx, s, s.required_nullable),
            })
            .collect();
        for g in one_ofs.iter().filter(|g| ctx.names.groups.get(*g).is_some_and(|n| n.field.is_some())) {
            if let (Some(TypeKind::OneOf { required: true, .. }), Some(field)) =
                (api.types.get(g).map(|d| &d.kind), ctx.names.groups.get(g).and_then(|n| n.field.clone()))
            {
                new_params.push(building::Param { name: unraw(&field).to_string(), sample: building::group_sample(ctx, g) });
            }
        }
        let plan = building::Plan { def, name, specs: &specs, setters: &setters, new_params, group_setters };
        building::docs(ctx, &plan)
    };

    // Constructor and getters, written as text.
    let mut members: Vec<String> = Vec::new();
    if !required.is_empty() || !required_groups.is_empty() {
        let mut item = ItemText::new();
        let params: Vec<String> =
            new_params(ctx, def, &specs, &groups).into_iter().map(|(id, ty)| format!("{id}: {}", item.ty(&ty))).collect();
        let exact = |s: &FieldSpec| exact_param(ctx, def, s);
        let mut inits: Vec<String> = specs
            .iter()
            .map(|s| {
                let id = s.ident();
                match s.shape {
                    _ if s.required_nullable => format!("{id}: {id}.into()"),
                    Shape::Value if exact(s) => id.to_string(),
                    Shape::Value => format!("{id}: {id}.into()"),
                    Shape::Nullable => format!("{id}: ::std::option::Option::None"),
                    Shape::Array => format!("{id}: ::std::vec::Vec::new()"),
                }
            })
            .collect();
        inits.extend(groups.iter().map(|g| {
            let fid = &g.field;
            if g.required {
                format!("{fid}: {fid}.into()")
            } else {
                format!("{fid}: ::std::option::Option::None")
            }
        }));
        let list: Vec<String> = required
            .iter()
            .map(|s| format!("`{}`", unraw(&s.name)))
            .chain(required_groups.iter().map(|g| format!("`{}`", unraw(&g.field.to_string()))))
            .collect();
        item.open(&format!("impl {name} {{"));
        item.docs(&[format!(" A new value with its required fields ({}); the others unset.", list.join(", "))]);
        if specs.iter().any(|s| s.field.deprecated.is_some()) {
            item.line("#[allow(deprecated)]");
        }
        if required.len() + required_groups.len() > 7 {
            item.line("#[allow(clippy::too_many_arguments)]");
        }
        item.fn_open("pub fn new", &params, "Self");
        item.struct_expr("Self", &inits);
        item.close("}");
        item.close("}");
        members.extend(item.finish_or_report(&mut ctx.diags, &def.source, &format!("`{}::new`", def.id)).map(|t| super::output::impl_body(&t)));
    }
    for (s, getter) in specs.iter().zip(&getters) {
        let Some(getter) = getter else { continue };
        let item = getter_text(&name, s, getter);
        members.extend(item.finish_or_report(&mut ctx.diags, &def.source, &format!("the getter `{getter}` of `{}`", def.id)).map(|t| super::output::impl_body(&t)));
    }
    // The serde impls come from the runtime's `object!`, table-driven: much cheaper to
    // type-check than `#[derive(Serialize, Deserialize)]`, for the same JSON.
    item.docs(&docs);
    item.docs(&building);
    item.line(&format!("#[derive(Clone, Debug, {derive_default}PartialEq)]"));
    if fields_text.is_empty() {
        item.line(&format!("pub struct {name} {{}}"));
    } else {
        item.open(&format!("pub struct {name} {{"));
        for f in &fields_text {
            if f.args.is_empty() {
                item.line(&format!("#[{}]", f.kind));
            } else {
                item.attr_list(&f.kind, &f.args);
            }
            item.docs(&f.docs);
            if let Some(dep) = &f.deprecated {
                item.line(dep);
            }
            item.field(&f.head, &f.ty);
        }
        item.close("}");
    }
    let mut texts: Vec<(String, bool)> = runtime_call(ctx, def, "object", item).into_iter().map(|call| (call, true)).collect();
    if !members.is_empty() {
        texts.push((super::output::impl_text(&name, &members), false));
    }
    texts
}

/// A field of a struct's `object!` call, as its lines will say it.
struct FieldLines {
    /// Its kind attribute (`optional`, `one_of`, ...) and that attribute's arguments.
    kind: String,
    args: Vec<String>,
    /// Its doc attributes' strings.
    docs: Vec<String>,
    /// Its `#[deprecated]` attribute, if any.
    deprecated: Option<String>,
    /// `pub name` (or `name`, for a read-only field) and the type.
    head: String,
    ty: String,
}

/// The getter of a read-only field, written inside `impl name { .. }`.
fn getter_text(name: &proc_macro2::Ident, s: &FieldSpec, getter: &str) -> ItemText {
    let mut item = ItemText::new();
    let elem = item.ty(&s.elem);
    let id = s.ident();
    let copy = ["f64", "i64", "bool"].contains(&elem.as_str());
    let (ret, body) = match s.shape {
        Shape::Array => (format!("&[{elem}]"), format!("&self.{id}")),
        _ if copy => (format!("::std::option::Option<{elem}>"), format!("self.{id}")),
        _ => (format!("::std::option::Option<&{elem}>"), format!("self.{id}.as_ref()")),
    };
    let mut lines = docs::prefixed(&docs::lines(&s.field.description, None));
    lines.push(String::new());
    lines.push(format!(" `{}`, set by the server (read-only).", s.field.name));
    item.open(&format!("impl {name} {{"));
    item.docs(&lines);
    if let Some(dep) = deprecated_text(s.field.deprecated.as_deref()) {
        item.line(&dep);
        item.line("#[allow(deprecated)]");
    }
    item.open(&format!("pub fn {}(&self) -> {ret} {{", ident(getter)));
    item.line(&body);
    item.close("}");
    item.close("}");
    item
}

/// A field's `#[deprecated]` attribute as text, if it has one.
fn deprecated_text(note: Option<&str>) -> Option<String> {
    match note.map(str::trim) {
        None => None,
        Some("" | "true") => Some("#[deprecated]".to_string()),
        Some(note) => Some(format!("#[deprecated(note = {})]", text::string_literal(note))),
    }
}

/// A one-of group flattened into its parent: the field holding it and its enum.
pub(crate) struct FlatGroup {
    pub field: proc_macro2::Ident,
    pub ty: proc_macro2::Ident,
    /// `- ONE-OF: - required: true`: exactly one member is set.
    pub required: bool,
    /// The members' wire names, quoted for docs (`` `memberId` ``).
    pub members: Vec<String>,
}

/// The groups of a struct that are flattened into it as fields, in page order.
pub(crate) fn flattened_groups(ctx: &Ctx, one_ofs: &[TypeId]) -> Vec<FlatGroup> {
    let mut groups = Vec::new();
    for g in one_ofs {
        let Some(group) = ctx.names.groups.get(g) else { continue };
        let Some(field) = &group.field else { continue };
        let (members, required) = match ctx.api.types.get(g).map(|d| &d.kind) {
            Some(TypeKind::OneOf { members, required, .. }) => (members.iter().map(|m| format!("`{}`", m.name)).collect(), *required),
            _ => continue,
        };
        groups.push(FlatGroup { field: ident(field), ty: ident(&group.rust_name), required, members });
    }
    groups
}

/// Whether `new` takes a required field as its exact type. IDs, structs and enums are
/// taken as they are, so that a wrong or missing argument is reported as one ("expected
/// `ConversationId`, found `ContactId`", "argument #1 of type `MessageContent` is
/// missing"); strings, groups (`From` each member's type) and boxes take anything that
/// converts.
fn exact_param(ctx: &Ctx, def: &TypeDef, s: &FieldSpec) -> bool {
    s.field.id_kind.is_some()
        || (!ctx.boxed.contains(&(def.id.clone(), s.field.name.clone()))
            && !ctx.names.parent_is_group.contains_key(&s.field.ty)
            && matches!(ctx.api.types.get(&s.field.ty).map(|d| &d.kind), Some(TypeKind::Struct { .. } | TypeKind::Enum { .. })))
}

/// The parameters of a struct's `new`, name and type, in order: its required fields,
/// then its required groups (each taken as any of its members' types). Empty when the
/// struct has no `new`.
pub(crate) fn new_params(ctx: &Ctx, def: &TypeDef, specs: &[FieldSpec], groups: &[FlatGroup]) -> Vec<(proc_macro2::Ident, TokenStream)> {
    let fields = specs.iter().filter(|s| s.is_required()).map(|s| {
        let elem = &s.elem;
        let ty = if s.required_nullable {
            quote!(impl ::std::convert::Into<::std::option::Option<#elem>>)
        } else if exact_param(ctx, def, s) {
            quote!(#elem)
        } else {
            quote!(impl ::std::convert::Into<#elem>)
        };
        (s.ident(), ty)
    });
    let groups = groups.iter().filter(|g| g.required).map(|g| {
        let gty = &g.ty;
        (g.field.clone(), quote!(impl ::std::convert::Into<#gty>))
    });
    fields.chain(groups).collect()
}

/// [`new_params`] of the struct `def`, found from the IR (for code that calls `new`).
pub(crate) fn constructor_params(ctx: &mut Ctx, def: &TypeDef) -> Vec<(proc_macro2::Ident, TokenStream)> {
    let TypeKind::Struct { fields, one_ofs } = &def.kind else { return Vec::new() };
    let plain = plain_fields(ctx.api, fields, one_ofs);
    let specs = field_specs(ctx, def, &plain);
    let groups = flattened_groups(ctx, one_ofs);
    new_params(ctx, def, &specs, &groups)
}
