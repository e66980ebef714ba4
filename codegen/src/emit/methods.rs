//! Per method: the request type's `Request` implementation (its operation: verb, path
//! template, where each parameter goes, scopes) and its application-error enum. The request
//! is built as every struct is (see [`super::building`]): its `new` takes the required
//! parameters, so a missing one does not compile, and `with_<param>` sets each other one.

use proc_macro2::TokenStream;
use quote::quote;

use crate::diag::Diagnostic;
use crate::ir::{HttpVerb, Method, ParamLocation};

use super::naming::{ident, Dedup};
use super::output::Module;
use super::text::{string_literal, ItemText};
use super::types::doc_ref;
use super::{docs, Ctx};

/// Every method's items, each method's formatted before the next is made.
pub(crate) fn emit(ctx: &mut Ctx) -> Module {
    let api = ctx.api;
    let mut out = Module::default();
    for (key, m) in &api.methods {
        let (texts, tokens) = method(ctx, key, m);
        for (text, public) in &texts {
            out.push_text(text, *public);
        }
        out.push_tokens(ctx, tokens);
    }
    out
}

/// A method's items: the `Request` impl and the error enum as text (see `super::text`),
/// each with whether it is public, then the tokens of the enum's `ApplicationError` impl.
fn method(ctx: &mut Ctx, key: &str, m: &Method) -> (Vec<(String, bool)>, TokenStream) {
    let rt = ctx.rt.clone();
    let Some(req_name) = ctx.names.type_of(&m.request).map(str::to_string) else {
        ctx.diags.push(Diagnostic::error_at(&m.source, format!("`{}`: request type `{}` is not defined", m.name, m.request)));
        return (Vec::new(), TokenStream::new());
    };
    let req = ident(&req_name);
    let response = match (&m.response, ctx.names.empty_responses.get(key)) {
        (Some(r), _) => match ctx.names.type_of(r) {
            Some(n) => n.to_string(),
            None => {
                ctx.diags.push(Diagnostic::error_at(&m.source, format!("`{}`: response type `{r}` is not defined", m.name)));
                return (Vec::new(), TokenStream::new());
            }
        },
        (None, Some(n)) => n.clone(),
        (None, None) => return (Vec::new(), TokenStream::new()),
    };
    let response = ident(&response);

    // The error enum, written as text, and its `ApplicationError` impl as tokens.
    let (error_name, error_enum, error_impl) = match ctx.names.errors.get(key) {
        None => (None, None, TokenStream::new()),
        Some(name) => {
            let name = ident(name);
            let mut scope = Dedup::new();
            let mut item = ItemText::new();
            item.docs(&[format!(" The application errors {} documents (`details.applicationError.code`).", doc_ref(&req_name))]);
            item.line("#[derive(Clone, Copy, Debug, PartialEq, Eq)]");
            if m.errors.is_empty() {
                item.line(&format!("pub enum {name} {{}}"));
            } else {
                item.open(&format!("pub enum {name} {{"));
            }
            let mut from = Vec::new();
            let mut code = Vec::new();
            for e in &m.errors {
                let v = ident(&scope.unique(&super::naming::type_name(&e.code), ""));
                let mut lines = docs::lines(&e.description, None);
                if lines.is_empty() {
                    lines.push(format!("`{}`.", e.code));
                }
                if let Some(status) = e.http_status {
                    lines.push(String::new());
                    lines.push(format!("Code `{}`, with HTTP status {status}.", e.code));
                } else {
                    lines.push(String::new());
                    lines.push(format!("Code `{}`.", e.code));
                }
                item.docs(&docs::strings(&lines, ""));
                item.line(&format!("{v},"));
                let c = &e.code;
                from.push(quote!(#c => Self::#v));
                code.push(quote!(Self::#v => #c));
            }
            if !m.errors.is_empty() {
                item.close("}");
            }
            (
                Some(name.to_string()),
                Some(item),
                quote! {
                    impl #rt::ApplicationError for #name {
                        fn from_code(code: &str) -> ::std::option::Option<Self> {
                            ::std::option::Option::Some(match code {
                                #(#from,)*
                                _ => return ::std::option::Option::None,
                            })
                        }
                        fn code(&self) -> &'static str {
                            match self { #(#code,)* }
                        }
                    }
                },
            )
        }
    };

    // The operation, written as text.
    let mut item = ItemText::new();
    let rt_text = item.ty(&rt);
    let error_ty = error_name.unwrap_or_else(|| format!("{rt_text}::NoApplicationError"));
    let verb = match m.verb {
        HttpVerb::Get => "Get",
        HttpVerb::Post => "Post",
        HttpVerb::Put => "Put",
        HttpVerb::Patch => "Patch",
        HttpVerb::Delete => "Delete",
    };
    let params: Vec<String> = m
        .params
        .iter()
        .map(|p| {
            let loc = match p.location {
                ParamLocation::Path => "Path",
                ParamLocation::Query => "Query",
                ParamLocation::Body => "Body",
            };
            format!("({}, {rt_text}::ParamLocation::{loc})", string_literal(&p.name))
        })
        .collect();
    let scopes: Vec<String> = m.scopes.iter().map(|s| string_literal(&s.id)).collect();
    let path_params: Vec<String> = m
        .path_vars
        .iter()
        .map(|v| {
            let make = if v.wildcard { "rest" } else { "segment" };
            let field: Vec<String> = v.field.iter().map(|f| string_literal(f)).collect();
            format!("{rt_text}::PathParam::{make}(&[{}])", field.join(", "))
        })
        .collect();
    item.open(&format!("impl {rt_text}::Request for {req} {{"));
    item.line(&format!("type Response = {response};"));
    item.line(&format!("type Error = {error_ty};"));
    item.open(&format!("const OPERATION: {rt_text}::Operation = {rt_text}::Operation {{"));
    item.line(&format!("name: {},", string_literal(&m.name)));
    item.line(&format!("verb: {rt_text}::HttpVerb::{verb},"));
    item.line(&format!("path: {},", string_literal(&m.path)));
    item.slice_field("path_params", &path_params);
    item.slice_field("params", &params);
    item.slice_field("scopes", &scopes);
    item.close("};");
    item.close("}");
    let what = format!("`{}`", m.name);
    let mut texts = Vec::new();
    for (item, public) in [(Some(item), false), (error_enum, true)] {
        if let Some(text) = item.and_then(|i| i.finish_or_report(&mut ctx.diags, &m.source, &what)) {
            texts.push((text, public));
        }
    }
    (texts, error_impl)
}
