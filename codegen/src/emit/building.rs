//! How callers build a struct: [`new`](super::types) with its required fields, a
//! `with_<field>` setter for every other field they may set, and the section of the
//! struct's docs that says so, with an example.
//!
//! Requests and every other struct are built alike: `Type::new(required...)` (or
//! `Type::default()` when nothing is required), then `.with_<field>(value)`. Fields the
//! server sets are private (a request cannot carry them), so a struct with one cannot be
//! written as a literal with `..Default::default()` outside its crate: the setters are
//! the way in.
//!
//! The setters are declared in the struct's `object!` call, in the field's kind attribute
//! (`#[optional("email", with_email(::std::string::String))]`): the runtime's macro writes
//! them, so a setter adds no line to the generated file. Their names come from one scope
//! per struct, after `new` and the getters of read-only fields, so that no two methods
//! clash.
//!
//! The example is compiled by `cargo test` as a doc test, so it only appears where the
//! crate that re-exports the bindings is known ([`Settings::doc_crate`]) and where every
//! value it needs is cheap to write (a string, a number, an enum's first value, an ID
//! through its literal macro, a struct's `default()`): otherwise the docs say it in words.
//!
//! [`Settings::doc_crate`]: crate::settings::Settings::doc_crate

use std::collections::BTreeSet;


use crate::ir::{Rule, Scalar, TypeId, TypeKind};

use super::naming::{unraw, Dedup};
use super::types::{kind_of, resolve, FieldSpec, Shape};
use super::Ctx;

/// The name of the setter of each plain field (`None`: the field has none, because it is
/// read-only or required), in field order.
pub(crate) fn field_setters(methods: &mut Dedup, specs: &[FieldSpec]) -> Vec<Option<String>> {
    specs
        .iter()
        .map(|s| (!s.is_required() && !s.field.read_only).then(|| methods.unique(&format!("with_{}", unraw(&s.name)), "_")))
        .collect()
}

/// The name of the setter of a flattened group that is not required (a required one is
/// taken by `new`).
pub(crate) fn group_setter(methods: &mut Dedup, field: &str) -> String {
    methods.unique(&format!("with_{}", unraw(field)), "_")
}

/// What the docs of a struct need to know about how it is built.
pub(crate) struct Plan<'a> {
    pub def: &'a crate::ir::TypeDef,
    /// The struct's Rust name.
    pub name: &'a str,
    pub specs: &'a [FieldSpec<'a>],
    /// Parallel to `specs`.
    pub setters: &'a [Option<String>],
    /// The parameters of `new` in order, each with its sample when there is a cheap one;
    /// empty when the struct has no `new`.
    pub new_params: Vec<Param>,
    /// Names of the setters of flattened groups.
    pub group_setters: Vec<String>,
}

/// A parameter of `new`.
pub(crate) struct Param {
    /// Its display name.
    pub name: String,
    pub sample: Option<Sample>,
}

/// A value written in an example, and the names it needs from the crate.
#[derive(Clone, Debug, Default)]
pub(crate) struct Sample {
    pub expr: String,
    pub uses: BTreeSet<String>,
}

impl Sample {
    fn plain(expr: impl Into<String>) -> Self {
        Sample { expr: expr.into(), uses: BTreeSet::new() }
    }
    fn named(expr: impl Into<String>, name: &str) -> Self {
        Sample { expr: expr.into(), uses: BTreeSet::from([name.to_string()]) }
    }
}

/// The "Building one" section of a struct's docs, as `#[doc = ...]` strings.
pub(crate) fn docs(ctx: &Ctx, plan: &Plan) -> Vec<String> {
    let name = plan.name;
    let mut lines = vec![String::new(), "# Building one".to_string(), String::new()];
    let setters: Vec<&String> = plan.setters.iter().flatten().chain(&plan.group_setters).collect();
    let read_only: Vec<String> = plan.specs.iter().filter(|s| s.field.read_only).map(|s| format!("`{}`", s.field.name)).collect();
    let start = if plan.new_params.is_empty() {
        format!("`{name}::default()`")
    } else {
        let list: Vec<String> = plan.new_params.iter().map(|p| format!("`{}`", p.name)).collect();
        format!("[`{name}::new`](Self::new) with the required fields ({})", list.join(", "))
    };
    let mut text = match (setters.first(), plan.specs.is_empty() && plan.group_setters.is_empty() && plan.new_params.is_empty()) {
        (_, true) => format!("It has no fields: {start}."),
        (Some(first), _) => format!(
            "{start}, then a `with_<field>` setter for each {}field to set, such as [`{first}`](Self::{first}).",
            if plan.new_params.is_empty() { "" } else { "other " },
            first = unraw(first)
        ),
        (None, _) if read_only.is_empty() => format!("{start}."),
        (None, _) => format!("{start}; nothing else is set by the caller."),
    };
    if !read_only.is_empty() {
        let what = if read_only.len() == 1 { "is set by the server: its getter reads it" } else { "are set by the server: their getters read them" };
        text.push_str(&format!(" {} {what}.", list_words(&read_only)));
    }
    lines.push(text);
    if let Some(example) = example(ctx, plan) {
        lines.push(String::new());
        lines.extend(example);
    }
    super::docs::prefixed(&lines)
}

/// `a`, `a and b`, `a, b and c`.
fn list_words(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The types a caller sends: the requests, and every type their writable fields hold,
/// down to the leaves. Their docs get a compiled example; the others (responses, events),
/// which callers build only in tests, say it in words, which keeps `cargo test` from
/// compiling a doc test for each.
pub(crate) fn sent_types(api: &crate::ir::Api) -> BTreeSet<TypeId> {
    let mut seen = BTreeSet::new();
    let mut todo: Vec<TypeId> = api.methods.values().map(|m| m.request.clone()).collect();
    while let Some(id) = todo.pop() {
        if !seen.insert(id.clone()) {
            continue;
        }
        let Some(def) = api.types.get(&id) else {
            // `Array<X>` and `Nullable<X>` are spelled, not defined.
            let inner = ["Array<", "Nullable<"].iter().find_map(|p| id.as_str().strip_prefix(p).and_then(|r| r.strip_suffix('>')));
            todo.extend(inner.map(TypeId::new));
            continue;
        };
        match &def.kind {
            TypeKind::Struct { fields, one_ofs } => {
                todo.extend(fields.iter().filter(|f| !f.read_only).map(|f| f.ty.clone()));
                todo.extend(one_ofs.iter().cloned());
            }
            TypeKind::OneOf { members, .. } => todo.extend(members.iter().map(|m| m.ty.clone())),
            TypeKind::Array { items } => todo.push(items.clone()),
            TypeKind::Nullable { inner } => todo.push(inner.clone()),
            TypeKind::Enum { .. } | TypeKind::Scalar { .. } => {}
        }
    }
    seen
}

/// The width examples are laid out in.
const WIDTH: usize = 100;

/// The lines of the example (fence included), or `None` when it would not be cheap.
fn example(ctx: &Ctx, plan: &Plan) -> Option<Vec<String>> {
    let krate = ctx.settings.doc_crate.as_deref()?;
    if !ctx.sent.contains(&plan.def.id) {
        return None;
    }
    let mut uses = BTreeSet::from([plan.name.to_string()]);
    let mut args = Vec::new();
    let start = if plan.new_params.is_empty() {
        format!("{}::default()", plan.name)
    } else {
        for p in &plan.new_params {
            let sample = p.sample.as_ref()?;
            uses.extend(sample.uses.iter().cloned());
            args.push(sample.expr.clone());
        }
        format!("{}::new({})", plan.name, args.join(", "))
    };
    let mut calls = Vec::new();
    for (spec, setter) in plan.specs.iter().zip(plan.setters) {
        let Some(setter) = setter else { continue };
        if calls.len() == 2 {
            break;
        }
        let Some(sample) = field_sample(ctx, spec, false) else { continue };
        uses.extend(sample.uses);
        calls.push(format!(".{}({})", unraw(setter), sample.expr));
    }
    if calls.is_empty() && plan.new_params.is_empty() {
        return None;
    }
    // Laid out as rustfmt would, near enough: lines of at most 100 characters.
    let one_line = format!("let value = {start}{};", calls.concat());
    let mut body = Vec::new();
    if one_line.len() <= WIDTH {
        body.push(one_line);
    } else {
        let head = format!("let value = {start}");
        if head.len() <= WIDTH || plan.new_params.is_empty() {
            body.push(head);
        } else {
            body.push(format!("let value = {}::new(", plan.name));
            body.extend(args.iter().map(|a| format!("    {a},")));
            body.push(")".to_string());
        }
        let indent = if body.len() > 1 { "" } else { "    " };
        body.extend(calls.iter().map(|c| format!("{indent}{c}")));
        if let Some(last) = body.last_mut() {
            last.push(';');
        }
    }
    let uses: Vec<String> = uses.into_iter().collect();
    let import = match uses.as_slice() {
        [one] => vec![format!("use {krate}::{one};")],
        many if format!("use {krate}::{{{}}};", many.join(", ")).len() <= WIDTH => vec![format!("use {krate}::{{{}}};", many.join(", "))],
        many => {
            let mut lines = vec![format!("use {krate}::{{")];
            let mut line = String::from("   ");
            for name in many {
                if line.len() + name.len() + 2 > WIDTH {
                    lines.push(std::mem::replace(&mut line, String::from("   ")));
                }
                line.push_str(&format!(" {name},"));
            }
            lines.push(line);
            lines.push("};".to_string());
            lines
        }
    };
    let mut out = vec!["```".to_string()];
    out.extend(import);
    out.push(String::new());
    out.extend(body);
    out.push("```".to_string());
    Some(out)
}

/// A value for a field's setter, or for the parameter of `new` that holds it: both convert
/// with `Into` (a boxed struct from the struct), or take a `Vec` of exact items.
/// A required field that may be null is taken as `impl Into<Option<T>>`: its value must
/// be exactly a `T` (`exact`).
pub(crate) fn field_sample(ctx: &Ctx, spec: &FieldSpec, exact: bool) -> Option<Sample> {
    sample(ctx, &spec.field.ty, spec.field.id_kind.as_deref(), &spec.field.rules, exact, 0)
}

/// A value for a parameter of `new` holding a required group.
pub(crate) fn group_sample(ctx: &Ctx, group: &TypeId) -> Option<Sample> {
    sample(ctx, group, None, &[], true, 0)
}

/// An expression of the IR type `ty`; `exact` when nothing converts it (an array's item, a
/// variant's value). `None` when no value is cheap to write: a timestamp, free JSON, a
/// struct without `default()`, an ID without a literal macro, anything nested deeper.
fn sample(ctx: &Ctx, ty: &TypeId, id_kind: Option<&str>, rules: &[Rule], exact: bool, depth: usize) -> Option<Sample> {
    if depth > 2 {
        return None;
    }
    if let Some(kind) = id_kind {
        // Only a string holds an ID; an array of them is handled below.
        if resolve(ctx, ty, Some(kind)).ok()?.shape != Shape::Array {
            let mac = super::macros::literal_macro(ctx, kind)?;
            return Some(Sample::named(format!("{mac}!(\"0bd6b6a1-5c37-4a24-a1f4-0fd4bd0b1a3e\")"), &mac));
        }
    }
    match kind_of(ctx, ty)? {
        TypeKind::Scalar { scalar } => {
            // Where nothing converts the value it is spelled with its type, so that
            // inference needs no help (`vec!["text".to_owned()]`, `1_i64`), and without
            // naming `String`, which may be one of the API's own types.
            let text = match scalar {
                Scalar::String => {
                    let url = rules.iter().any(|r| matches!(r, Rule::Format(f) if f == "WEB_URL"));
                    let text = if url { "\"https://example.com\"" } else { "\"text\"" };
                    if exact {
                        format!("{text}.to_owned()")
                    } else {
                        text.to_string()
                    }
                }
                Scalar::Boolean => "true".to_string(),
                Scalar::Integer | Scalar::Int64 => if exact { "1_i64" } else { "1" }.to_string(),
                Scalar::Number => if exact { "1.5_f64" } else { "1.5" }.to_string(),
                Scalar::Timestamp | Scalar::Object => return None,
            };
            Some(Sample::plain(text))
        }
        TypeKind::Array { items } => {
            // Items that may be null are `Option`s: not worth an example.
            if matches!(kind_of(ctx, &items), Some(TypeKind::Nullable { .. })) {
                return None;
            }
            let item = sample(ctx, &items, id_kind, rules, true, depth + 1)?;
            Some(Sample { expr: format!("vec![{}]", item.expr), uses: item.uses })
        }
        // What is taken as `impl Into<Option<T>>` or set as `Some(T)` is given as a `T`.
        TypeKind::Nullable { inner } => sample(ctx, &inner, id_kind, rules, exact, depth + 1),
        TypeKind::Enum { values } => {
            let name = ctx.names.type_of(ty)?;
            let variants = ctx.names.enum_variants.get(ty)?;
            // Not the protobuf zero value (`UNKNOWN_...`, `..._UNSPECIFIED`), which means
            // "not set" and which the API refuses where a value is needed.
            let unset = |wire: &str| wire.starts_with("UNKNOWN") || wire.ends_with("UNSPECIFIED");
            let pick = values.iter().zip(variants).find(|(v, _)| !unset(&v.name)).or_else(|| values.iter().zip(variants).next())?;
            Some(Sample::named(format!("{name}::{}", pick.1), name))
        }
        TypeKind::OneOf { .. } => one_of_sample(ctx, ty, depth),
        TypeKind::Struct { .. } if ctx.names.parent_is_group.contains_key(ty) => {
            let group = ctx.names.parent_is_group.get(ty)?;
            one_of_sample(ctx, group, depth)
        }
        TypeKind::Struct { fields, one_ofs } => {
            if has_new(ctx, &fields, &one_ofs) {
                return None;
            }
            let name = ctx.names.type_of(ty)?;
            Some(Sample::named(format!("{name}::default()"), name))
        }
    }
}

/// `Group::Variant(value)` for the first member with a cheap value.
fn one_of_sample(ctx: &Ctx, gid: &TypeId, depth: usize) -> Option<Sample> {
    let group = ctx.names.groups.get(gid)?;
    let Some(TypeKind::OneOf { members, .. }) = ctx.api.types.get(gid).map(|d| &d.kind) else { return None };
    members.iter().zip(&group.variants).find_map(|(m, variant)| {
        if ctx.boxed.contains(&(gid.clone(), m.name.clone())) {
            return None;
        }
        let value = sample(ctx, &m.ty, m.id_kind.as_deref(), &m.rules, true, depth + 1)?;
        let mut uses = value.uses;
        uses.insert(group.rust_name.clone());
        Some(Sample { expr: format!("{}::{variant}({})", group.rust_name, value.expr), uses })
    })
}

/// Whether a struct has a `new` (a required field or group) rather than `default()`.
fn has_new(ctx: &Ctx, fields: &[crate::ir::Field], one_ofs: &[TypeId]) -> bool {
    let plain = super::names::plain_fields(ctx.api, fields, one_ofs);
    let field = plain.iter().any(|f| {
        f.required && !f.read_only && resolve(ctx, &f.ty, f.id_kind.as_deref()).is_ok_and(|r| r.shape != Shape::Array)
    });
    let group = one_ofs.iter().any(|g| {
        ctx.names.groups.get(g).is_some_and(|n| n.field.is_some())
            && matches!(ctx.api.types.get(g).map(|d| &d.kind), Some(TypeKind::OneOf { required: true, .. }))
    });
    field || group
}
