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
use super::types::doc_ref;
use super::{docs, Ctx};

/// Every method's items, each method's formatted before the next is made.
pub(crate) fn emit(ctx: &mut Ctx) -> Module {
    let api = ctx.api;
    let mut out = Module::default();
    for (key, m) in &api.methods {
        let tokens = method(ctx, key, m);
        out.push_tokens(ctx, tokens);
    }
    out
}

fn method(ctx: &mut Ctx, key: &str, m: &Method) -> TokenStream {
    let rt = ctx.rt.clone();
    let Some(req_name) = ctx.names.type_of(&m.request).map(str::to_string) else {
        ctx.diags.push(Diagnostic::error_at(&m.source, format!("`{}`: request type `{}` is not defined", m.name, m.request)));
        return TokenStream::new();
    };
    let req = ident(&req_name);
    let response = match (&m.response, ctx.names.empty_responses.get(key)) {
        (Some(r), _) => match ctx.names.type_of(r) {
            Some(n) => n.to_string(),
            None => {
                ctx.diags.push(Diagnostic::error_at(&m.source, format!("`{}`: response type `{r}` is not defined", m.name)));
                return TokenStream::new();
            }
        },
        (None, Some(n)) => n.clone(),
        (None, None) => return TokenStream::new(),
    };
    let response = ident(&response);

    // The error enum.
    let (error_ty, error_items) = match ctx.names.errors.get(key) {
        None => (quote!(#rt::NoApplicationError), TokenStream::new()),
        Some(name) => {
            let name = ident(name);
            let mut scope = Dedup::new();
            let mut variants = Vec::new();
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
                let d = docs::attrs(&lines, "");
                variants.push(quote!(#d #v));
                let c = &e.code;
                from.push(quote!(#c => Self::#v));
                code.push(quote!(Self::#v => #c));
            }
            let doc = format!(" The application errors {} documents (`details.applicationError.code`).", doc_ref(&req_name));
            (
                quote!(#name),
                quote! {
                    #[doc = #doc]
                    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
                    pub enum #name { #(#variants,)* }
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

    // The operation.
    let name = &m.name;
    let path = &m.path;
    let verb = match m.verb {
        HttpVerb::Get => quote!(Get),
        HttpVerb::Post => quote!(Post),
        HttpVerb::Put => quote!(Put),
        HttpVerb::Patch => quote!(Patch),
        HttpVerb::Delete => quote!(Delete),
    };
    let params = m.params.iter().map(|p| {
        let n = &p.name;
        let loc = match p.location {
            ParamLocation::Path => quote!(Path),
            ParamLocation::Query => quote!(Query),
            ParamLocation::Body => quote!(Body),
        };
        quote!((#n, #rt::ParamLocation::#loc))
    });
    let scopes = m.scopes.iter().map(|s| &s.id);
    let path_params = m.path_vars.iter().map(|v| {
        let field = &v.field;
        let make = if v.wildcard { quote!(rest) } else { quote!(segment) };
        quote!(#rt::PathParam::#make(&[#(#field),*]))
    });

    quote! {
        impl #rt::Request for #req {
            type Response = #response;
            type Error = #error_ty;
            const OPERATION: #rt::Operation = #rt::Operation {
                name: #name,
                verb: #rt::HttpVerb::#verb,
                path: #path,
                path_params: &[#(#path_params),*],
                params: &[#(#params),*],
                scopes: &[#(#scopes),*],
            };
        }
        #error_items
    }
}
