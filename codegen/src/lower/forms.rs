//! Forms of the dialect that indentation alone misreads, folded into a page's trees as
//! soon as it is parsed, before placement, evidence or lowering reads them:
//!
//! - **Fields under a scalar.** Under a `param name:` line the dialect puts the one-of
//!   marker 1 column deeper, its members 2, and the type's fields 5; a member's own
//!   fields are 3 deeper than the member. So the fields after a one-of group (or after
//!   the member of a one-of written without its marker) stand where the last member's
//!   fields would. When that member is a scalar (`string`, `integer`, ...), which has no
//!   fields, they are the fields of the group's owner: they move out, after the group
//!   (or after the member). A member that is an object is left to placement, which weighs
//!   the evidence. (A scalar whose one child is `- name: value | type: <scalar>` is a
//!   protobuf wrapper, folded later: it keeps its child.)
//! - **Self-named parameters.** `param name: x | type: x` says only "not a named type".
//!   The method's other evidence says what it is: the SDK block's type for the same
//!   parameter (`boolean`, `object`, `array<ResourceType>`), the entries nested under it
//!   (fields: an object), what the request examples send, and a description starting
//!   "Whether" (a boolean). With none of these it stays a string.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::diag::{Diagnostic, SourceFile};
use crate::parse::page::{PageBody, ParsedPage, SchemaSyntax};
use crate::parse::schema::{BlockItem, Entry, EntryKind, FieldLine, SchemaBlock, TypeExpr};

use super::examples::example_values;

/// Folds the forms above in every schema block of `page`. Only the REST and webhook
/// blocks report; the SDK block is evidence, and its diagnostics would repeat theirs.
pub(super) fn fold(page: &mut ParsedPage, file: &SourceFile, values: &super::examples::Values, diags: &mut Vec<Diagnostic>) {
    match &mut page.body {
        PageBody::Method(m) => {
            for schema in [&mut m.schema, &mut m.sdk_schema].into_iter().flatten() {
                fields_under_scalars(&mut schema.block);
            }
            let requests = example_values(&m.examples, values, crate::ir::ExampleKind::Request);
            let sdk = m.sdk_schema.as_ref().map(|s| &s.block);
            if let Some(SchemaSyntax { block, .. }) = &mut m.schema {
                self_named_params(block, sdk, &requests, file, diags);
            }
        }
        PageBody::Webhook(w) => w.schema.iter_mut().for_each(|s| fields_under_scalars(&mut s.block)),
        PageBody::Type(t) => t.schema.iter_mut().for_each(|s| fields_under_scalars(&mut s.block)),
        _ => {}
    }
}

/// A type that has no fields of its own: a scalar, or an array of scalars.
fn is_scalar(ty: &TypeExpr) -> bool {
    match ty {
        TypeExpr::DateTime => true,
        TypeExpr::Named(n) => matches!(*n, "string" | "number" | "integer" | "boolean" | "none"),
        TypeExpr::Array(Some(inner)) => is_scalar(inner),
        TypeExpr::Array(None) => false,
    }
}

/// The children of a protobuf wrapper, which lowering folds into a nullable scalar: one
/// `- name: value | type: <scalar>` with nothing under it.
fn is_wrapper(children: &[Entry]) -> bool {
    match children {
        [only] => matches!(&only.kind, EntryKind::Field(l) if l.name.value == "value" && only.children.is_empty() && l.ty.as_ref().is_some_and(|t| is_scalar(&t.value))),
        _ => false,
    }
}

fn is_structural(e: &Entry) -> bool {
    matches!(e.kind, EntryKind::Field(_) | EntryKind::OneOf { .. })
}

/// Moves the fields nested under scalar fields out, at every depth of `block`.
fn fields_under_scalars(block: &mut SchemaBlock) {
    let mut i = 0;
    while i < block.items.len() {
        if let BlockItem::Entry(e) = &mut block.items[i] {
            let in_group = matches!(e.kind, EntryKind::OneOf { .. });
            let out = fold_list(&mut e.children, in_group);
            let at = i + 1;
            block.items.splice(at..at, out.into_iter().map(BlockItem::Entry));
        }
        i += 1;
    }
}

/// Folds one list of entries (the members of a one-of group when `in_group`). Entries
/// that belong after the group are returned, in order, for its owner's list.
fn fold_list<'a>(list: &mut Vec<Entry<'a>>, in_group: bool) -> Vec<Entry<'a>> {
    let mut leaving = Vec::new();
    let mut i = 0;
    while i < list.len() {
        let is_group = matches!(list[i].kind, EntryKind::OneOf { .. });
        let out = fold_list(&mut list[i].children, is_group);
        let mut moved = out;
        if let EntryKind::Field(FieldLine { ty: Some(ty), .. }) = &list[i].kind {
            if is_scalar(&ty.value) && list[i].children.iter().any(is_structural) && !is_wrapper(&list[i].children) {
                let children = std::mem::take(&mut list[i].children);
                let (fields, kept): (Vec<Entry>, Vec<Entry>) = children.into_iter().partition(is_structural);
                list[i].children = kept;
                moved.extend(fields);
            }
        }
        if in_group && !is_group {
            leaving.extend(moved);
        } else {
            let n = moved.len();
            list.splice(i + 1..i + 1, moved);
            // What moved was folded already; a group's escapes are the group's siblings.
            i += n;
        }
        i += 1;
    }
    leaving
}

/// What a type expression names, in words, for messages.
fn shown(ty: &TypeExpr) -> String {
    ty.to_string().replace("Array<", "array<")
}

/// The type the SDK block gives a REST parameter: the positional parameter of that name,
/// or the field of that name in its bag of optional parameters (a parameter whose type
/// ends in `Options`). A positional `options` that holds a field `options` is that bag:
/// the field is the one.
fn sdk_type<'s, 'a>(sdk: Option<&'s SchemaBlock<'a>>, name: &str) -> Option<&'s TypeExpr<'a>> {
    let wire = |n: &str| n.strip_prefix('_').filter(|n| !n.is_empty()).unwrap_or(n).to_string();
    let params = super::pages::entries_after(&sdk?.items, "Method parameters");
    let named = |e: &&'s Entry<'a>| matches!(&e.kind, EntryKind::Field(l) if wire(l.name.value) == name);
    let typed = |e: &'s Entry<'a>| match &e.kind {
        EntryKind::Field(l) => l.ty.as_ref().map(|t| &t.value),
        _ => None,
    };
    let positional = params.iter().copied().find(named);
    let inner = positional.and_then(|p| p.children.iter().find(named));
    let bag = |p: &&&'s Entry<'a>| matches!(&p.kind, EntryKind::Field(FieldLine { ty: Some(t), .. }) if matches!(&t.value, TypeExpr::Named(n) if n.ends_with("Options")));
    inner
        .or(positional)
        .or_else(|| params.iter().filter(bag).flat_map(|p| &p.children).find(named))
        .and_then(typed)
}

/// The named types a block expands: the type of every field with entries under it.
fn expanded<'a>(block: Option<&SchemaBlock<'a>>, out: &mut BTreeSet<&'a str>) {
    fn walk<'a>(list: &[Entry<'a>], out: &mut BTreeSet<&'a str>) {
        for e in list {
            if let EntryKind::Field(FieldLine { ty: Some(ty), .. }) = &e.kind {
                let mut t = &ty.value;
                while let TypeExpr::Array(Some(inner)) = t {
                    t = inner;
                }
                if let (TypeExpr::Named(n), false) = (t, e.children.is_empty()) {
                    out.insert(n);
                }
            }
            walk(&e.children, out);
        }
    }
    for item in block.iter().flat_map(|b| &b.items) {
        if let BlockItem::Entry(e) = item {
            walk(std::slice::from_ref(e), out);
        }
    }
}

/// What the request examples send as `name`: the JSON kinds seen, elements of arrays
/// looked into when `array`.
#[derive(Default)]
struct Sent {
    objects: bool,
    booleans: bool,
    integers: bool,
    numbers: bool,
    strings: bool,
}

fn sent(examples: &[&Value], name: &str, array: bool) -> Sent {
    let mut s = Sent::default();
    let mut see = |v: &Value| match v {
        Value::Object(_) => s.objects = true,
        Value::Bool(_) => s.booleans = true,
        Value::Number(n) if n.is_i64() || n.is_u64() => s.integers = true,
        Value::Number(_) => s.numbers = true,
        Value::String(_) => s.strings = true,
        _ => {}
    };
    for v in examples.iter().filter_map(|e| e.get(name)) {
        match (v, array) {
            (Value::Array(items), true) => items.iter().for_each(&mut see),
            (v, _) => see(v),
        }
    }
    s
}

/// What a self-named parameter has under it, and what the rest of the page says.
struct Evidence<'s, 'a> {
    array: bool,
    /// Fields and one-of groups nested under it.
    nested: usize,
    /// Enum values listed under it.
    listed: bool,
    sdk: Option<&'s TypeExpr<'a>>,
    seen: Sent,
    /// The named types the page expands (REST and SDK blocks).
    expanded: &'s BTreeSet<&'a str>,
}

/// Whether a top-level parameter of a REST block names itself as its type (`param name:
/// filter | type: filter`, alone or in an array).
fn has_self_named_param(block: &SchemaBlock) -> bool {
    let mut on = false;
    block.items.iter().any(|item| match item {
        BlockItem::Header(h) => {
            on = h.key.eq_ignore_ascii_case("Method parameters");
            false
        }
        BlockItem::Entry(Entry { kind: EntryKind::Field(line), .. }) if on && line.is_param => match line.ty.as_ref().map(|t| &t.value) {
            Some(TypeExpr::Named(n)) => *n == line.name.value,
            Some(TypeExpr::Array(Some(inner))) => matches!(&**inner, TypeExpr::Named(n) if *n == line.name.value),
            _ => false,
        },
        _ => false,
    })
}

/// Gives each self-named top-level parameter of a REST block the type the evidence says.
fn self_named_params<'a>(block: &mut SchemaBlock<'a>, sdk: Option<&SchemaBlock<'a>>, examples: &[&Value], file: &SourceFile, diags: &mut Vec<Diagnostic>) {
    // Most pages have no self-named parameter: nothing to read for them.
    if !has_self_named_param(block) {
        return;
    }
    let mut names = BTreeSet::new();
    expanded(Some(block), &mut names);
    expanded(sdk, &mut names);
    let mut on = false;
    for item in &mut block.items {
        let e = match item {
            BlockItem::Header(h) => {
                on = h.key.eq_ignore_ascii_case("Method parameters");
                continue;
            }
            BlockItem::Entry(e) if on => e,
            _ => continue,
        };
        let nested = if is_wrapper(&e.children) { 0 } else { e.children.iter().filter(|c| is_structural(c)).count() };
        let listed = e.children.iter().any(|c| c.kind == EntryKind::Enum);
        let EntryKind::Field(line) = &mut e.kind else { continue };
        let Some(ty) = &mut line.ty else { continue };
        let name = line.name.value;
        let (array, own) = match &ty.value {
            TypeExpr::Named(n) => (false, *n == name),
            TypeExpr::Array(Some(inner)) => (true, matches!(&**inner, TypeExpr::Named(n) if *n == name)),
            _ => (false, false),
        };
        if !line.is_param || !own {
            continue;
        }
        let evidence = Evidence { array, nested, listed, sdk: sdk_type(sdk, name), seen: sent(examples, name, array), expanded: &names };
        let Some((element, why)) = reading(name, &evidence, line.description) else { continue };
        let was = shown(&ty.value);
        ty.value = if array { TypeExpr::Array(Some(Box::new(element))) } else { element };
        if let Some(why) = why {
            let at = ty.offset;
            diags.push(
                Diagnostic::warning(file, at, at + was.len(), format!("`{name}` names itself as its type (`{was}`), which marks a scalar; read as `{}`: {why}", shown(&ty.value)))
                    .with_help("the evidence decides between the readings; where it is wrong, the SDK block or an example of the page is too"),
            );
        }
    }
}

/// The element type a self-named parameter is read as, and, where the reading is an
/// object rather than a scalar, the evidence in words (for a warning). `None`: nothing
/// says more than the self-named form does (a string, or an enum of the values listed).
fn reading<'a>(name: &str, ev: &Evidence<'_, 'a>, description: &str) -> Option<(TypeExpr<'a>, Option<String>)> {
    let named = |n: &'a str| TypeExpr::Named(n);
    // The SDK's element type, looked through `array<...>` when the parameter is an array
    // (a bare `array` is an array of strings).
    let sdk_element = match (ev.sdk, ev.array) {
        (Some(TypeExpr::Array(Some(inner))), true) => Some((**inner).clone()),
        (Some(TypeExpr::Array(None)), true) => Some(named("string")),
        (Some(t), false) => Some(t.clone()),
        _ => None,
    };
    let sdk_name = match &sdk_element {
        Some(TypeExpr::Named(n)) if n.starts_with(|c: char| c.is_ascii_uppercase()) && *n != name => Some(*n),
        _ => None,
    };
    let sdk_scalar = match &sdk_element {
        Some(TypeExpr::Named(n)) if matches!(*n, "string" | "boolean" | "integer" | "number" | "object") => Some(*n),
        _ => None,
    };
    let mut evidence = Vec::new();
    if ev.nested > 0 {
        evidence.push(if ev.nested == 1 { "1 entry is nested under it".to_string() } else { format!("{} entries are nested under it", ev.nested) });
    }
    if let Some(sdk) = ev.sdk {
        evidence.push(format!("the SDK block calls it `{}`", shown(sdk)));
    }
    if ev.seen.objects {
        evidence.push(format!("an example sends {}", if ev.array { "an array of objects" } else { "an object" }));
    }
    let why = Some(evidence.join(", "));
    if ev.nested > 0 {
        // Fields of its own: an object, named as the SDK block names it, else after the
        // request and the parameter (as `type: object` with fields is).
        return Some((named(sdk_name.unwrap_or("object")), why));
    }
    if ev.listed {
        // Values of its own: an enum, named as the SDK block names it.
        return sdk_name.map(|n| (named(n), None));
    }
    match sdk_name {
        // A type of the page's: read as it (an enum or an object the page expands).
        Some(n) if ev.expanded.contains(n) => return Some((named(n), None)),
        // An object nothing here expands: free JSON, so that nothing it carries is lost.
        Some(_) => return Some((named("object"), why)),
        None => {}
    }
    if sdk_scalar == Some("object") || (ev.sdk.is_none() && ev.seen.objects) {
        return Some((named("object"), why));
    }
    if let Some(s) = sdk_scalar {
        return Some((named(s), None));
    }
    let seen = &ev.seen;
    let scalar = if seen.booleans {
        "boolean"
    } else if seen.numbers {
        "number"
    } else if seen.integers {
        "integer"
    } else if !seen.strings && description.starts_with("Whether ") {
        "boolean"
    } else {
        return None;
    };
    Some((named(scalar), None))
}
