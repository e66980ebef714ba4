//! Per webhook event: its body type, and its payload type when no other event carries
//! it, implement the runtime's `Event` (its event type as a constant); and one enum over
//! all events, decoded by event type, that keeps an event type it does not list as
//! `Unknown`.

use quote::quote;

use crate::diag::Diagnostic;

use super::naming::{type_name, Dedup};
use super::output::{impl_member_text, Module};
use super::types::doc_ref;
use super::{docs, items, naming::ident, Ctx};

/// The module's items, each formatted as soon as it is made: an API with thousands of
/// events has an enum and a decoding match of thousands of arms, whose syntax trees are
/// never all alive at once (the decoding impl is formatted a member at a time).
pub(crate) fn emit(ctx: &mut Ctx) -> Module {
    let api = ctx.api;
    let mut out = Module::default();
    if api.events.is_empty() {
        return out;
    }
    let rt = ctx.rt.clone();
    let sj = ctx.serde_json.clone();
    let mut variants = Vec::new();
    let mut decode = Vec::new();
    let mut types = Vec::new();
    let mut scope = Dedup::new();
    scope.reserve("Unknown");
    // Each type implements `Event` once: a body shared or already a payload is skipped.
    let mut implemented = std::collections::BTreeSet::new();
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
        // `[events]`) has its variant, but nothing decodes it by type, and no type of it
        // implements `Event`.
        let known = !et.is_empty();
        let body = (e.body != e.payload).then(|| ctx.names.type_of(&e.body)).flatten().map(str::to_string);
        for (name, unique) in [(Some(payload.as_str()), uses[&e.payload] == 1), (body.as_deref(), true)] {
            let Some(name) = name.filter(|n| known && unique && implemented.insert(n.to_string())) else { continue };
            let ty = ident(name);
            let implementation = items(
                ctx,
                quote! {
                    impl #rt::Event for #ty {
                        const EVENT_TYPE: &'static str = #et;
                    }
                },
            );
            out.push(implementation);
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
    let unknown = quote! {
        /// An event type this version of the bindings does not list, kept as sent.
        Unknown {
            /// The event type, as the webhook names it.
            event_type: ::std::string::String,
            /// The payload (the body of its domain event), or the whole domain event
            /// when it has no body.
            json: #sj::Value,
        }
    };
    let name = ident(&ctx.names.event_enum);
    let type_doc = if api.events.values().any(|e| e.event_type.is_empty()) {
        " The event type of this event (empty for an event whose type the pages do not say; as sent for `Unknown`)."
    } else {
        " The event type of this event (as sent for `Unknown`)."
    };
    let payloads: Vec<String> = api.events.values().filter_map(|e| ctx.names.type_of(&e.payload)).map(doc_ref).collect();
    let doc = format!(" One of the API's webhook events ({}), or one it does not list.", payloads.join(", "));
    let enumeration = items(
        ctx,
        quote! {
            #[doc = #doc]
            #[derive(Clone, Debug, PartialEq)]
            #[allow(clippy::large_enum_variant)]
            #[non_exhaustive]
            pub enum #name { #(#variants,)* #unknown }
        },
    );
    drop(variants);
    out.push(enumeration);
    let members = [
        quote! {
            /// Decodes an event's payload (what its domain event carries: `actionEvent.body`,
            /// `createdEvent.entity`, ..., or the whole domain event for an event without a
            /// body) by its event type; an event type this API does not list is `Unknown`,
            /// its payload kept as it is.
            pub fn from_value(event_type: &str, payload: #sj::Value) -> ::std::result::Result<Self, #sj::Error> {
                ::std::result::Result::Ok(match event_type {
                    #(#decode,)*
                    _ => Self::Unknown { event_type: ::std::string::ToString::to_string(event_type), json: payload },
                })
            }
        },
        quote! {
            /// [`Self::from_value`] for a payload as JSON text.
            pub fn from_json(event_type: &str, json: &str) -> ::std::result::Result<Self, #sj::Error> {
                Self::from_value(event_type, #sj::from_str(json)?)
            }
        },
        quote! {
            #[doc = #type_doc]
            pub fn event_type(&self) -> &str {
                match self {
                    #(#types,)*
                    Self::Unknown { event_type, .. } => event_type,
                }
            }
        },
    ];
    drop((decode, types));
    let members: Vec<String> = members.into_iter().map(|m| impl_member_text(ctx, &name, m)).collect();
    out.push_impl(&name, &members);
    out
}
