//! The typed client of an API: the module `client`, holding the API's client type
//! (`ContactsClient`, declared by the runtime's `api_client!`) with one inherent method
//! per method of the API, a stream method per paged one, and the runtime's client types
//! re-exported.
//!
//! A typed method takes what its request's `new` takes, and sends the request `new`
//! makes (`get_contact(id)`). A request without a `new` (nothing required) is taken
//! whole when it has several parameters (`query_contacts(&request)`), made of its one
//! parameter when it has one (`create_member(member)`), and made empty when it has none.
//! A paged method ([`super::paging`]) takes its request whole, and gets a stream method
//! named after its items (`contacts(request)`), whose type is an alias of the runtime's
//! `PageStream` named after the item (`ContactStream`).
//!
//! The module sees the API's types through `use super::*`; its own names (the client,
//! the stream aliases, the re-exports) are chosen so as not to shadow any of them (a
//! re-export that would is left out), and everything of the runtime's is named by its
//! full path.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::ir::{HttpVerb, Method, TypeKind};

use super::names::{plain_fields, MethodNames};
use super::naming::{field_name, ident, snake, type_name, Dedup};
use super::paging::{self, Kind, Paging};
use super::structs::{constructor_params, flattened_groups};
use super::types::{doc_ref, field_specs, Shape};
use super::output::{self, Module};
use super::{docs, Ctx};

/// The runtime's client types, re-exported in each API's `client` module (not its
/// `Client`: each API has a client type of its own, named after it).
const REEXPORTS: &[&str] = &[
    "ApiKeyScope",
    "ApplicationErrorBody",
    "BuildError",
    "ClientBuilder",
    "Credentials",
    "DEFAULT_BASE_URL",
    "Error",
    "ErrorBody",
    "ErrorDetails",
    "InvalidCredentials",
    "Page",
    "PageStream",
    "RetryEvent",
    "RetryPolicy",
    "RetryReason",
    "Stream",
    "StreamExt",
    "TokenError",
    "TryStreamExt",
];

/// The methods every client type has (from `api_client!`, or through `Deref` from the
/// runtime's client): no typed method takes their names.
const CLIENT_METHODS: &[&str] = &[
    "new",
    "builder",
    "sharing",
    "for_instance",
    "instance",
    "call",
    "send_request",
    "pages",
    "call_in",
    "base_url",
    "as_ref",
    "clone",
    "deref",
    "fmt",
    "from",
    "into",
];

/// The client type's name for an API: `contacts` → `ContactsClient`.
pub fn client_name(api: &str) -> String {
    format!("{}Client", type_name(api))
}

/// The module's items and its documentation, or nothing when the API has no method.
pub(crate) fn emit(ctx: &mut Ctx) -> (Module, Vec<String>) {
    let api = ctx.api;
    if ctx.settings.client.cfg().is_none() || api.methods.is_empty() {
        return (Module::default(), Vec::new());
    }
    let rt = ctx.rt.clone();
    let api_name = ctx.settings.api_name();
    // The module's names: the API's own come first (seen through `use super::*`).
    let mut module = Dedup::new();
    for name in ctx.names.types.values().chain(ctx.names.groups.values().map(|g| &g.rust_name)).chain(ctx.names.ids.values()) {
        module.reserve(name);
    }
    for name in ctx.names.errors.values().chain(ctx.names.empty_responses.values()).chain([&ctx.names.event_enum]) {
        module.reserve(name);
    }
    let client = module.unique(&client_name(&api_name), "");
    let client_ident = ident(&client);
    let span = format!("wix_{}.call", snake(&api_name));

    let mut fns = Dedup::new();
    for name in CLIENT_METHODS {
        fns.reserve(name);
    }
    // Typed methods first, so that a stream never takes a method's name. Their names
    // are the ones `Names` gives every method (unique among them, namespaces and
    // repeated names told apart); only a clash with the client's own methods renames.
    let mut planned = Vec::new();
    for (key, m) in &api.methods {
        let Some(names) = ctx.names.methods.get(key) else { continue };
        let Some(types) = method_types(names, &rt) else { continue };
        let name = fns.unique(&names.function, "_");
        let stem = names.stem.clone();
        let paging = paging::detect(ctx, m);
        planned.push((m, types, name, stem, paging));
    }
    let mut methods = output::ImplText::new(&client_ident);
    let mut aliases = Vec::new();
    let mut table = Vec::new();
    // A name several methods share is told apart in the table by its verb and path.
    let mut shared = std::collections::BTreeMap::new();
    for m in api.methods.values() {
        *shared.entry(m.name.as_str()).or_insert(0) += 1;
    }
    for (m, types, name, stem, paging) in planned {
        let fn_ident = ident(&name);
        let method = match shared[m.name.as_str()] {
            1 => format!("`{}`", m.name),
            _ => format!("`{}` (`{} {}`)", m.name, verb(m), m.path.replace('`', "")),
        };
        let mut row = format!("| {method} | [`{name}`]({client}::{name})");
        // Each method is formatted as it is made: a whole impl's syntax trees, for an
        // API of thousands of methods, would be the emitter's largest allocation.
        let typed = typed_method(ctx, m, &types, &fn_ident, paging.is_some());
        methods.push(&output::impl_member_text(ctx, &client_ident, typed));
        if let Some(p) = paging {
            let wanted = field_name(&p.items_wire);
            let stream = if fns.is_taken(&wanted) { fns.unique(&format!("{name}_stream"), "_") } else { fns.unique(&wanted, "_") };
            let alias_wanted = match &p.item_name {
                Some(item) => format!("{item}Stream"),
                None => format!("{stem}Stream"),
            };
            let alias = if module.is_taken(&alias_wanted) { module.unique(&format!("{stem}Stream"), "") } else { module.unique(&alias_wanted, "") };
            row.push_str(&format!(", every page: [`{stream}`]({client}::{stream})"));
            let (alias_item, method) = stream_method(ctx, m, &types, &p, &ident(&stream), &ident(&alias), &name, &client);
            aliases.push(alias_item);
            methods.push(&output::impl_member_text(ctx, &client_ident, method));
        }
        let errors = match &types.error_name {
            Some(e) => format!("[`{e}`]"),
            None => "none".into(),
        };
        row.push_str(&format!(" | {errors} |"));
        table.push(row);
    }

    let reexports: Vec<Ident> = REEXPORTS.iter().filter(|n| !module.is_taken(n)).map(|n| format_ident!("{}", n)).collect();
    let title = type_name(&api_name);
    let doc = format!(" A client of the {title} API: one typed method for each of its methods.");
    let tokens = quote! {
        #[allow(unused_imports)]
        use super::*;
        #[doc(inline)]
        pub use #rt::client::{#(#reexports),*};
        #rt::client::api_client! {
            #[span = #span]
            #[doc = #doc]
            ///
            /// Cheap to clone: clones share one connection pool. Build one with `new` or
            /// `builder`, or from another API's client with `sharing`, so that one
            /// connection and one set of credentials serve every API. Each typed method
            /// builds its request and sends it with `call`, in a `tracing` span named
            /// after the API; `call` also sends a request as built, with options the
            /// typed methods leave out. Failures are an `Error`, whose
            /// `Error::Application` holds the method's documented application error.
            pub struct #client_ident;
        }
        #(#aliases)*
    };
    let mut out = Module::default();
    out.push_tokens(ctx, tokens);
    out.push_impl_text(methods);
    let mut module_doc = vec![
        format!("The typed client of the {title} API: [`{client}`]."),
        String::new(),
        "| method | typed method | documented errors |".to_string(),
        "|---|---|---|".to_string(),
    ];
    module_doc.extend(table);
    module_doc.push(String::new());
    module_doc.push(
        "The other types here are the runtime's (`wixgen_runtime::client`), re-exported: the credentials, \
         the builder, the errors, the retry policy, paging, and the `Stream` traits (so that reading a \
         stream needs no dependency of your own)."
            .to_string(),
    );
    (out, module_doc)
}

/// The types of a method's call, named as the types module names them.
pub(crate) struct MethodTypes {
    request: Ident,
    request_name: String,
    response: Ident,
    error: TokenStream,
    error_name: Option<String>,
}

/// The names `Names` gave the method's items; `None` for a method the bindings have no
/// `Request` implementation for (a type the emitter reports missing).
fn method_types(names: &MethodNames, rt: &TokenStream) -> Option<MethodTypes> {
    if names.request.is_empty() || names.response.is_empty() {
        return None;
    }
    let request_name = names.request.clone();
    let response = names.response.clone();
    let error_name = names.error.clone();
    let error = match &error_name {
        Some(e) => {
            let e = ident(e);
            quote!(#e)
        }
        None => quote!(#rt::NoApplicationError),
    };
    Some(MethodTypes { request: ident(&request_name), request_name, response: ident(&response), error, error_name })
}

/// How a typed method makes its request.
enum Takes {
    /// The request as the caller built it (`&Request`).
    Request,
    /// `new`'s parameters.
    New(Vec<(Ident, TokenStream)>),
    /// Its one optional parameter: the field and the type taken.
    One { field: Ident, ty: TokenStream, optional: bool },
    /// Nothing: an empty request.
    Nothing,
}

fn takes(ctx: &mut Ctx, m: &Method, paged: bool) -> Takes {
    if paged {
        return Takes::Request;
    }
    let Some(def) = ctx.api.types.get(&m.request) else { return Takes::Request };
    let TypeKind::Struct { fields, one_ofs } = &def.kind else { return Takes::Request };
    if ctx.names.parent_is_group.contains_key(&def.id) {
        return Takes::Request;
    }
    let params = constructor_params(ctx, def);
    if !params.is_empty() {
        return Takes::New(params);
    }
    let plain = plain_fields(ctx.api, fields, one_ofs);
    let reported = ctx.diags.len();
    let specs = field_specs(ctx, def, &plain);
    ctx.diags.truncate(reported);
    let settable: Vec<_> = specs.iter().filter(|s| !s.field.read_only).collect();
    let groups = flattened_groups(ctx, one_ofs);
    match (settable.as_slice(), groups.len()) {
        ([], 0) => Takes::Nothing,
        ([one], 0) => {
            let elem = &one.elem;
            match one.shape {
                Shape::Array => Takes::One { field: one.ident(), ty: quote!(::std::vec::Vec<#elem>), optional: false },
                _ => Takes::One { field: one.ident(), ty: quote!(#elem), optional: true },
            }
        }
        _ => Takes::Request,
    }
}

fn verb(m: &Method) -> &'static str {
    match m.verb {
        HttpVerb::Get => "GET",
        HttpVerb::Post => "POST",
        HttpVerb::Put => "PUT",
        HttpVerb::Patch => "PATCH",
        HttpVerb::Delete => "DELETE",
    }
}

/// The doc lines of a typed method: what the page says, then how it is called.
fn method_docs(m: &Method, types: &MethodTypes, how: &str) -> TokenStream {
    let mut lines = docs::lines(&m.description, m.doc_link.as_deref());
    match lines.first_mut() {
        Some(first) if !first.is_empty() => *first = format!("`{}`: {first}", m.name),
        _ => lines.insert(0, format!("`{}`.", m.name)),
    }
    lines.push(String::new());
    lines.push(format!("`{} {}`. {how}", verb(m), m.path.replace('`', "")));
    lines.push(String::new());
    lines.push(match &types.error_name {
        Some(e) => format!("Its documented application errors come back as `Error::Application` holding a {}.", doc_ref(e)),
        None => "The method documents no application error.".to_string(),
    });
    docs::attrs(&lines, "")
}

fn typed_method(ctx: &mut Ctx, m: &Method, types: &MethodTypes, name: &Ident, paged: bool) -> TokenStream {
    let rt = ctx.rt.clone();
    let (req, resp, err) = (&types.request, &types.response, &types.error);
    let req_ref = doc_ref(&types.request_name);
    let result = quote!(::core::result::Result<#resp, #rt::client::Error<#err>>);
    let future = quote!(impl ::core::future::Future<Output = #result> + ::core::marker::Send + '_);
    match takes(ctx, m, paged) {
        Takes::Request => {
            let how = if paged {
                format!("Sends `request` as it is ({req_ref}): one page, which its paging says; the stream method below reads every page.")
            } else {
                format!("Sends `request` as it is ({req_ref}).")
            };
            let doc = method_docs(m, types, &how);
            quote! {
                #doc
                pub async fn #name(&self, request: &#req) -> #result {
                    self.call(request).await
                }
            }
        }
        Takes::New(params) => {
            let how = format!("Sends the {req_ref} its `new` makes of the arguments; for its other options, build one and send it with `call`.");
            let doc = method_docs(m, types, &how);
            let args = params.iter().map(|(id, ty)| quote!(#id: #ty));
            let names = params.iter().map(|(id, _)| id);
            let allow = if params.len() > 6 { quote!(#[allow(clippy::too_many_arguments)]) } else { TokenStream::new() };
            quote! {
                #doc
                #allow
                pub fn #name(&self, #(#args),*) -> #future {
                    self.send_request(#req::new(#(#names),*))
                }
            }
        }
        Takes::One { field, ty, optional } => {
            let how = format!("Sends a {req_ref} of this one parameter.");
            let doc = method_docs(m, types, &how);
            let value = if optional { quote!(::core::option::Option::Some(#field)) } else { quote!(#field) };
            // A literal would not compile when the request has read-only (private) fields.
            quote! {
                #doc
                #[allow(clippy::field_reassign_with_default)]
                pub fn #name(&self, #field: #ty) -> #future {
                    let mut request = <#req as ::core::default::Default>::default();
                    request.#field = #value;
                    self.send_request(request)
                }
            }
        }
        Takes::Nothing => {
            let how = format!("Sends an empty {req_ref}: the method has no parameter.");
            let doc = method_docs(m, types, &how);
            quote! {
                #doc
                pub fn #name(&self) -> #future {
                    self.send_request(<#req as ::core::default::Default>::default())
                }
            }
        }
    }
}

/// The stream method of a paged method, and its type's alias.
#[allow(clippy::too_many_arguments)]
fn stream_method(
    ctx: &Ctx,
    m: &Method,
    types: &MethodTypes,
    p: &Paging,
    name: &Ident,
    alias: &Ident,
    method_fn: &str,
    client: &str,
) -> (TokenStream, TokenStream) {
    let rt = &ctx.rt;
    let (req, resp, err) = (&types.request, &types.response, &types.error);
    let item = &p.item;
    let items = &p.items.ident;
    let (sent, response, request) = (quote!(sent), quote!(response), quote!(request));
    let (rule, body) = match &p.kind {
        Kind::Cursor { cursor, next } => {
            let sent_cursor = paging::read(&sent, cursor);
            let next_cursor = paging::read(&response, next);
            let set = paging::write(&request, cursor, &quote!(cursor));
            let rule = format!(
                "It follows cursors: each next request is the one before with its `{}` set to the response's `{}`, and the stream ends after a page without a next cursor (or with the one just used), or after the first error.",
                wire_path(cursor),
                wire_path(next)
            );
            let body = quote! {
                let next = #next_cursor.cloned();
                #rt::client::paging::cursor_page(
                    sent,
                    response.#items,
                    #sent_cursor.map(::std::string::String::as_str),
                    next,
                    |request, cursor| { #set },
                )
            };
            (rule, body)
        }
        Kind::Offset { offset, reported, total } => {
            let sent_offset = paging::read(&sent, offset);
            let read_int = |path: &Option<Vec<paging::Step>>| match path {
                Some(path) => {
                    let read = paging::read(&response, path);
                    quote!(#read.copied())
                }
                None => quote!(::std::option::Option::None),
            };
            let (reported_expr, total_expr) = (read_int(reported), read_int(total));
            let set = paging::write(&request, offset, &quote!(offset));
            let told = match (reported, total) {
                (_, Some(total)) => format!(" or one that reaches the response's `{}`", wire_path(total)),
                _ => String::new(),
            };
            let rule = format!(
                "It counts offsets: each next request is the one before with its `{}` moved past the items read, and the stream ends after an empty page{told}, or after the first error.",
                wire_path(offset)
            );
            let body = quote! {
                let reported = #reported_expr;
                let total = #total_expr;
                #rt::client::paging::offset_page(
                    sent,
                    response.#items,
                    #sent_offset.copied(),
                    reported,
                    total,
                    |request, offset| { #set },
                )
            };
            (rule, body)
        }
    };
    let alias_doc = format!(" Every item of `{}`, page after page: what [`{client}::{name}`] gives.", m.name);
    let alias_item = quote! {
        #[doc = #alias_doc]
        pub type #alias = #rt::client::PageStream<#item, #err>;
    };
    let doc = [
        format!(" Every item of `{}` for `request`, as a stream that calls [`{method_fn}`](Self::{method_fn}) page after page as it is read, starting with the page `request` asks for.", m.name),
        String::new(),
        format!(" {rule}"),
        String::new(),
        " Read it with `next_item`, or as a `Stream` with the methods of `StreamExt` and `TryStreamExt`, re-exported here.".to_string(),
    ];
    let method = quote! {
        #( #[doc = #doc] )*
        pub fn #name(&self, request: #req) -> #alias {
            self.pages(request, |sent: &#req, response: #resp| {
                #body
            })
        }
    };
    (alias_item, method)
}

/// `query.paging.offset`: a path as the wire spells it, for docs.
fn wire_path(path: &[paging::Step]) -> String {
    path.iter().map(|s| s.wire.as_str()).collect::<Vec<_>>().join(".")
}
