//! A struct's declaration (docs, derives, serde attributes, fields), written directly as
//! text by [`super::text`] when it can, else as tokens for prettyplease: both from the same
//! parts, so that they cannot say different things.

use proc_macro2::TokenStream;
use quote::quote;

use super::text::{self, FieldText, StructText};
use super::types::{group_field_attrs, FieldSpec};
use super::{docs, Ctx};

/// The struct derives, as text.
pub(crate) fn derives(ctx: &Ctx, default: bool) -> Option<Vec<String>> {
    let serde = ctx.serde_text.as_deref()?;
    let mut d: Vec<String> = vec!["Clone".into(), "Debug".into()];
    if default {
        d.push("Default".into());
    }
    d.push("PartialEq".into());
    d.push(format!("{serde}::Serialize"));
    d.push(format!("{serde}::Deserialize"));
    Some(d)
}

/// The struct-level `#[serde(...)]` attributes, as text: `crate = ...` when serde is
/// reached through another path, then `rename_all`.
pub(crate) fn serde_attrs(ctx: &Ctx, camel: bool) -> Vec<Vec<String>> {
    let mut attrs = Vec::new();
    if !ctx.serde_crate.is_empty() {
        attrs.push(vec![format!("crate = {}", text::lit(&ctx.settings.serde_path))]);
    }
    if camel {
        attrs.push(vec![r#"rename_all = "camelCase""#.to_string()]);
    }
    attrs
}

/// The text of a struct declaration, when direct text is on and can lay it out.
pub(crate) fn direct_struct(s: &StructText) -> Option<String> {
    if !text::enabled() {
        return None;
    }
    text::struct_text(s)
}

pub(crate) type GroupField = (proc_macro2::Ident, proc_macro2::Ident, bool);

/// The struct declaration as text ([`text`]), when it can be written directly.
#[allow(clippy::too_many_arguments)]
pub(crate) fn struct_decl_text(
    ctx: &Ctx,
    name: &proc_macro2::Ident,
    specs: &[FieldSpec],
    field_docs: &[Vec<String>],
    groups: &[GroupField],
    group_docs: &[String],
    type_docs: &[String],
    default: bool,
    camel: bool,
) -> Option<String> {
    if !text::enabled() {
        return None;
    }
    let mut fields = Vec::with_capacity(specs.len() + groups.len());
    let names: Vec<String> = specs.iter().map(|s| s.ident().to_string()).chain(groups.iter().map(|g| g.0.to_string())).collect();
    for ((s, docs), fname) in specs.iter().zip(field_docs).zip(&names) {
        let deprecated = match s.field.deprecated.as_deref().map(str::trim) {
            None => None,
            Some("" | "true") => Some(Vec::new()),
            Some(note) => Some(vec![format!("note = {}", text::lit(note))]),
        };
        fields.push(FieldText {
            docs: docs.clone(),
            deprecated,
            serde: s.serde_text.clone(),
            public: !s.field.read_only,
            name: fname,
            ty: text::path_text(&s.ty)?,
        });
    }
    for ((g, doc), fname) in groups.iter().zip(group_docs).zip(&names[specs.len()..]) {
        let (_, gty, must) = g;
        let with = if *must { ctx.rt_str("one_of::required") } else { ctx.rt_str("one_of") };
        let gty = gty.to_string();
        fields.push(FieldText {
            docs: vec![doc.clone()],
            deprecated: None,
            serde: vec!["flatten".into(), format!("with = {}", text::lit(&with))],
            public: true,
            name: fname,
            ty: if *must { gty } else { format!("::std::option::Option<{gty}>") },
        });
    }
    let name = name.to_string();
    let s = StructText {
        docs: type_docs.to_vec(),
        derives: derives(ctx, default)?,
        serde: serde_attrs(ctx, camel),
        name: &name,
        fields,
    };
    text::struct_text(&s)
}

/// The struct declaration as tokens, for prettyplease.
#[allow(clippy::too_many_arguments)]
pub(crate) fn struct_decl_tokens(
    ctx: &Ctx,
    name: &proc_macro2::Ident,
    specs: &[FieldSpec],
    field_docs: &[Vec<String>],
    groups: &[GroupField],
    group_docs: &[String],
    type_docs: &[String],
    default: bool,
    camel: bool,
) -> TokenStream {
    let serde_path = &ctx.serde;
    let serde_crate = &ctx.serde_crate;
    let rename_all = if camel { quote!(#[serde(rename_all = "camelCase")]) } else { TokenStream::new() };
    let mut decls = Vec::new();
    for (s, docs) in specs.iter().zip(field_docs) {
        let docs = docs::tokens(docs);
        let dep = s.deprecated();
        let vis = if s.field.read_only { TokenStream::new() } else { quote!(pub) };
        let serde = if s.serde.is_empty() {
            TokenStream::new()
        } else {
            let attrs = &s.serde;
            quote!(#[serde(#(#attrs),*)])
        };
        let id = s.ident();
        let ty = &s.ty;
        decls.push(quote! { #docs #dep #serde #vis #id: #ty });
    }
    for ((fid, gty, must), doc) in groups.iter().zip(group_docs) {
        if *must {
            let with = ctx.rt_str("one_of::required");
            decls.push(quote! { #[doc = #doc] #[serde(flatten, with = #with)] pub #fid: #gty });
        } else {
            let attrs = group_field_attrs(ctx);
            decls.push(quote! { #[doc = #doc] #attrs pub #fid: ::std::option::Option<#gty> });
        }
    }
    let derive_default = if default { quote!(Default,) } else { TokenStream::new() };
    let docs = docs::tokens(type_docs);
    quote! {
        #docs
        #[derive(Clone, Debug, #derive_default PartialEq, #serde_path::Serialize, #serde_path::Deserialize)]
        #serde_crate
        #rename_all
        pub struct #name { #(#decls),* }
    }
}


/// One argument of `new` and how the field is set from it.
pub(crate) enum Arg {
    /// `impl Into<Option<T>>`, set with `.into()`.
    IntoOption,
    /// `T` as it is, set as is.
    Exact,
    /// `impl Into<T>`, set with `.into()`.
    Into,
}

/// The text of a struct's `impl` (its `new` and its getters), when [`text`] can lay it
/// out: `None` sends the caller to tokens. `args` are parallel to `required`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn impl_text(
    name: &str,
    specs: &[FieldSpec],
    required: &[&FieldSpec],
    args: &[Arg],
    groups: &[GroupField],
    exact: &dyn Fn(&FieldSpec) -> bool,
    allow_args: bool,
) -> Option<String> {
    use super::naming::{unraw, Dedup};
    use super::types::Shape;
    if !text::enabled() {
        return None;
    }
    let required_groups: Vec<&GroupField> = groups.iter().filter(|g| g.2).collect();
    let mut w = text::Writer::new();
    let mut any = false;
    if !required.is_empty() || !required_groups.is_empty() {
        any = true;
        let list: Vec<String> = required
            .iter()
            .map(|s| format!("`{}`", unraw(&s.name)))
            .chain(required_groups.iter().map(|(fid, _, _)| format!("`{}`", unraw(&fid.to_string()))))
            .collect();
        w.docs(4, &[format!(" A new value with its required fields ({}); the others unset.", list.join(", "))])?;
        if specs.iter().any(|s| s.field.deprecated.is_some()) {
            w.line(4, &["#[allow(deprecated)]"])?;
        }
        if allow_args {
            w.line(4, &["#[allow(clippy::too_many_arguments)]"])?;
        }
        let mut params = Vec::new();
        for (s, arg) in required.iter().zip(args) {
            let elem = text::path_text(&s.elem)?;
            params.push(match arg {
                Arg::IntoOption => format!("{}: impl ::std::convert::Into<::std::option::Option<{elem}>>", s.name),
                Arg::Exact => format!("{}: {elem}", s.name),
                Arg::Into => format!("{}: impl ::std::convert::Into<{elem}>", s.name),
            });
        }
        for (fid, gty, _) in &required_groups {
            params.push(format!("{fid}: impl ::std::convert::Into<{gty}>"));
        }
        w.line(4, &["pub fn new(", &params.join(", "), ") -> Self {"])?;
        let mut inits = Vec::new();
        for s in specs {
            let id = &s.name;
            inits.push(match s.shape {
                _ if s.required_nullable => format!("{id}: {id}.into()"),
                Shape::Value if exact(s) => id.clone(),
                Shape::Value => format!("{id}: {id}.into()"),
                Shape::Nullable => format!("{id}: ::std::option::Option::None"),
                Shape::Array => format!("{id}: ::std::vec::Vec::new()"),
            });
        }
        for (fid, _, must) in groups {
            inits.push(if *must { format!("{fid}: {fid}.into()") } else { format!("{fid}: ::std::option::Option::None") });
        }
        // prettyplease keeps a struct literal on one line only when it is at most 34
        // columns wide up to its closing brace (`end_with_max_width(34)`).
        let one_line = format!("Self {{ {} ", inits.join(", "));
        if one_line.len() <= 34 {
            w.line(8, &[&one_line, "}"])?;
        } else {
            w.line(8, &["Self {"])?;
            for i in &inits {
                w.line(12, &[i, ","])?;
            }
            w.line(8, &["}"])?;
        }
        w.line(4, &["}"])?;
    }
    let mut methods = Dedup::new();
    methods.reserve("new");
    for s in specs.iter().filter(|s| s.field.read_only) {
        any = true;
        let getter = methods.unique(&s.name, "_");
        let elem = text::path_text(&s.elem)?;
        let mut docs: Vec<String> =
            docs::lines(&s.field.description, None).iter().map(|l| if l.is_empty() { String::new() } else { format!(" {l}") }).collect();
        docs.push(String::new());
        docs.push(format!(" `{}`, set by the server (read-only).", s.field.name));
        w.docs(4, &docs)?;
        deprecated(&mut w, s)?;
        if s.field.deprecated.is_some() {
            w.line(4, &["#[allow(deprecated)]"])?;
        }
        let id = &s.name;
        let copy = ["f64", "i64", "bool"].contains(&elem.as_str());
        let (ret, body) = match s.shape {
            Shape::Array => (format!("&[{elem}]"), format!("&self.{id}")),
            _ if copy => (format!("::std::option::Option<{elem}>"), format!("self.{id}")),
            _ => (format!("::std::option::Option<&{elem}>"), format!("self.{id}.as_ref()")),
        };
        w.line(4, &["pub fn ", &getter, "(&self) -> ", &ret, " {"])?;
        w.line(8, &[&body])?;
        w.line(4, &["}"])?;
    }
    if !any {
        return Some(String::new());
    }
    let mut out = String::with_capacity(w.out.len() + name.len() + 10);
    out.push_str("impl ");
    out.push_str(name);
    out.push_str(" {\n");
    out.push_str(&w.out);
    out.push_str("}\n");
    (name.len() + 7 <= 89).then_some(out)
}

/// A field's or getter's `#[deprecated]` attribute, as text.
fn deprecated(w: &mut text::Writer, s: &FieldSpec) -> Option<()> {
    match s.field.deprecated.as_deref().map(str::trim) {
        None => Some(()),
        Some("" | "true") => w.line(4, &["#[deprecated]"]),
        Some(note) => w.attr_list(4, "deprecated", &[format!("note = {}", text::lit(note))]),
    }
}
