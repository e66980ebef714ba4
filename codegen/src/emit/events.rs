//! Per webhook event: its payload type implements the runtime's `Event` (its event type as
//! a constant); and one enum over all events, decoded by event type.

use proc_macro2::TokenStream;
use quote::quote;

use crate::diag::Diagnostic;

use super::naming::{type_name, Dedup};
use super::types::doc_ref;
use super::{docs, items, naming::ident, Ctx};

pub(crate) fn emit(ctx: &mut Ctx) -> Vec<syn::Item> {
    let api = ctx.api;
    if api.events.is_empty() {
        return Vec::new();
    }
    let rt = ctx.rt.clone();
    let sj = ctx.serde_json.clone();
    let mut tokens = TokenStream::new();
    let mut variants = Vec::new();
    let mut decode = Vec::new();
    let mut types = Vec::new();
    let mut scope = Dedup::new();
    let mut decoded = std::collections::BTreeSet::new();
    // A payload two events carry (a created and an updated entity) has no single event
    // type: only the enum below tells them apart.
    let mut uses = std::collections::BTreeMap::new();
    for e in api.events.values() {
        *uses.entry(&e.payload).or_insert(0) += 1;
    }
    for (key, e) in &api.events {
        let Some(payload) = ctx.names.type_of(&e.payload).map(str::to_string) else {
            ctx.diags.push(Diagnostic::error_at(&e.source, format!("event `{}`: payload type `{}` is not defined", e.name, e.payload)));
            continue;
        };
        let pty = ident(&payload);
        let et = &e.event_type;
        // An event whose type the pages do not tell (empty: see `wixgen.toml`'s
        // `[events]`) has its variant, but nothing decodes it by type.
        let known = !et.is_empty();
        if uses[&e.payload] == 1 && known {
            tokens.extend(quote! {
                impl #rt::Event for #pty {
                    const EVENT_TYPE: &'static str = #et;
                }
            });
        }
        let wanted = ctx.names.events.get(key).cloned().unwrap_or_else(|| type_name(key));
        let v = ident(&scope.unique(&wanted, ""));
        let mut lines = docs::lines(&e.description, e.doc_link.as_deref());
        if lines.first().is_none_or(|l| l.is_empty()) {
            lines.insert(0, format!("{}.", docs::sanitize(&e.name)));
        }
        lines.push(String::new());
        lines.push(if known { format!("Event type `{et}`.") } else { "Event type unknown: the pages do not say it.".to_string() });
        let d = docs::attrs(&lines, "");
        variants.push(quote!(#d #v(#pty)));
        // Two webhooks with one event type (the reader warns): the first decodes it.
        if known && decoded.insert(et.clone()) {
            decode.push(quote!(#et => Self::#v(#sj::from_value(payload)?)));
        }
        types.push(quote!(Self::#v(_) => #et));
    }
    let name = ident(&ctx.names.event_enum);
    let type_doc = if api.events.values().any(|e| e.event_type.is_empty()) {
        " The event type of this event (empty for an event whose type the pages do not say)."
    } else {
        " The event type of this event."
    };
    let payloads: Vec<String> = api.events.values().filter_map(|e| ctx.names.type_of(&e.payload)).map(doc_ref).collect();
    let doc = format!(" One of the API's webhook events: {}.", payloads.join(", "));
    tokens.extend(quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        pub enum #name { #(#variants,)* }
        impl #name {
            /// Decodes an event's payload (what its action event carries: `actionEvent.body`,
            /// or `actionEvent.bodyAsJson` parsed) by its event type; `Ok(None)` for an event
            /// type this API does not list.
            pub fn from_value(event_type: &str, payload: #sj::Value) -> ::std::result::Result<::std::option::Option<Self>, #sj::Error> {
                ::std::result::Result::Ok(::std::option::Option::Some(match event_type {
                    #(#decode,)*
                    _ => return ::std::result::Result::Ok(::std::option::Option::None),
                }))
            }
            /// [`Self::from_value`] for a payload as JSON text.
            pub fn from_json(event_type: &str, json: &str) -> ::std::result::Result<::std::option::Option<Self>, #sj::Error> {
                Self::from_value(event_type, #sj::from_str(json)?)
            }
            #[doc = #type_doc]
            pub fn event_type(&self) -> &'static str {
                match self { #(#types,)* }
            }
        }
    });
    items(ctx, tokens)
}
