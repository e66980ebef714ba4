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

