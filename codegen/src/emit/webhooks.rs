//! Webhook decoding for an API: the module `webhook`, where the API's event enum meets
//! the runtime's decoder. It implements the runtime's `Events` for the enum (where each
//! event's payload sits, read from the shape of its body; the envelope's types, read
//! from the API's envelope type if it has one) and names the verifier and the decoded
//! request of this API (`WebhookVerifier`, `Delivery`).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::{Api, Event, Field, TypeId, TypeKind};

use super::naming::{ident, Dedup};
use super::types::resolve;
use super::{docs, items, Ctx};

/// The module's items and its documentation, or nothing when the API has no webhook.
pub(crate) fn emit(ctx: &mut Ctx) -> (Vec<syn::Item>, Vec<String>) {
    let api = ctx.api;
    if ctx.settings.webhooks.cfg().is_none() || api.events.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let rt = ctx.rt.clone();
    let sj = ctx.serde_json.clone();
    let mut module = Dedup::new();
    for name in ctx.names.types.values().chain(ctx.names.groups.values().map(|g| &g.rust_name)).chain(ctx.names.ids.values()) {
        module.reserve(name);
    }
    for name in ctx.names.errors.values().chain(ctx.names.empty_responses.values()).chain([&ctx.names.event_enum]) {
        module.reserve(name);
    }
    let events = ident(&ctx.names.event_enum);
    let verifier = ident(&module.unique("WebhookVerifier", ""));
    let delivery = ident(&module.unique("Delivery", ""));
    let mut reexports: Vec<TokenStream> = ["Layer", "WebhookError"]
        .iter()
        .filter(|n| !module.is_taken(n))
        .map(|n| {
            let n = format_ident!("{}", n);
            quote!(#rt::webhook::#n)
        })
        .collect();
    // `Event`, the name the hand-written Inbox decoder gave its enum.
    let event_alias = !module.is_taken("Event");
    if event_alias {
        reexports.push(quote!(super::#events as Event));
    }

    // As the event enum decodes: an event whose type the pages do not say is never
    // picked out by type, and of two events with one type the first is.
    let mut listed = std::collections::BTreeSet::new();
    let arms: Vec<TokenStream> = api
        .events
        .values()
        .filter(|e| !e.event_type.is_empty() && listed.insert(e.event_type.as_str()))
        .filter_map(|e| {
            let at = format_ident!("{}", payload_at(api, e)?);
            let et = &e.event_type;
            Some(quote!(#et => ::std::option::Option::Some(#rt::webhook::PayloadAt::#at)))
        })
        .collect();
    let envelope = Envelope::find(ctx);
    let (identity, account, instance) = (envelope.identity, envelope.account_info, envelope.instance_id);
    let verifier_doc = format!(
        " Verifies this API's webhook requests with the app's public key and decodes their events into a [`{delivery}`]: the runtime's verifier (RS256 only), for [`{events}`]."
    );
    let delivery_doc = format!(" A verified, decoded webhook request of this API: the [`{events}`] and what the layers around it say.");
    let tokens = quote! {
        #[allow(unused_imports)]
        use super::*;
        #(
            #[doc(inline)]
            pub use #reexports;
        )*
        #[doc = #verifier_doc]
        pub type #verifier = #rt::webhook::EventVerifier<#events>;
        #[doc = #delivery_doc]
        pub type #delivery = #rt::webhook::Delivery<#events>;
        impl #rt::webhook::Events for #events {
            type Identity = #identity;
            type AccountInfo = #account;
            type InstanceId = #instance;
            fn payload_at(event_type: &str) -> ::std::option::Option<#rt::webhook::PayloadAt> {
                match event_type {
                    #(#arms,)*
                    _ => ::std::option::Option::None,
                }
            }
            fn from_payload(event_type: &str, payload: #sj::Value) -> ::std::result::Result<Self, #sj::Error> {
                Self::from_value(event_type, payload)
            }
        }
    };
    let mut doc = vec![
        format!(
            "Receiving this API's webhooks: [`{verifier}`] verifies a request (a JWT signed with RS256) and decodes its event, \
             as a [`{events}`]{} in a [`{delivery}`].",
            if event_alias { " (here also `Event`)" } else { "" }
        ),
        String::new(),
        "Wix sends the layers inside the token as JSON text: the `data` claim is the text of the envelope \
         (`eventType`, `instanceId`, `identity`, `data`), whose `data` is the text of the domain event, whose \
         body (`actionEvent.bodyAsJson`, `createdEvent.entity`, ...) is the event's payload. An event type this \
         API does not list is kept, with its payload as JSON. A malformed layer is a `WebhookError::MalformedLayer` \
         naming the `Layer`."
            .to_string(),
        String::new(),
        "| event | event type |".to_string(),
        "|---|---|".to_string(),
    ];
    for e in api.events.values() {
        let event_type = match e.event_type.as_str() {
            "" => "not said by the pages: never decoded by type (`[events]` in `wixgen.toml` sets it)".to_string(),
            t => format!("`{}`", t.replace('`', "")),
        };
        doc.push(format!("| {} | {event_type} |", docs::sanitize(&e.name)));
    }
    (items(ctx, tokens), doc)
}

/// Where the payload of `e` sits in its body, as the runtime's `PayloadAt` variant:
/// the body's `actionEvent`, `createdEvent` or `updatedEvent`, or the body itself for an
/// event whose payload is its body.
fn payload_at(api: &Api, e: &Event) -> Option<&'static str> {
    if e.payload == e.body {
        return Some("DomainEvent");
    }
    let names = all_fields(api, &e.body);
    [("actionEvent", "Action"), ("createdEvent", "Created"), ("updatedEvent", "Updated")]
        .into_iter()
        .find(|(holder, _)| names.iter().any(|f| f.name == *holder))
        .map(|(_, at)| at)
        .or(Some("DomainEvent"))
}

/// Every field of a struct, its groups' members included.
fn all_fields<'a>(api: &'a Api, ty: &TypeId) -> Vec<&'a Field> {
    let Some(TypeKind::Struct { fields, one_ofs }) = api.types.get(ty).map(|d| &d.kind) else { return Vec::new() };
    let mut out: Vec<&Field> = fields.iter().collect();
    for g in one_ofs {
        if let Some(TypeKind::OneOf { members, .. }) = api.types.get(g).map(|d| &d.kind) {
            out.extend(members);
        }
    }
    out
}

/// The types of the envelope's parts, from the API's envelope type: a struct with the
/// fields `eventType`, `data` and `identity`, as Wix's message envelope has them.
struct Envelope {
    identity: TokenStream,
    account_info: TokenStream,
    instance_id: TokenStream,
}

impl Envelope {
    fn find(ctx: &Ctx) -> Envelope {
        let sj = &ctx.serde_json;
        let mut found = Envelope {
            identity: quote!(#sj::Value),
            account_info: quote!(#sj::Value),
            instance_id: quote!(::std::string::String),
        };
        let envelope = ctx.api.types.values().find(|d| {
            let fields = all_fields(ctx.api, &d.id);
            ["eventType", "data", "identity"].iter().all(|n| fields.iter().any(|f| f.name == *n))
        });
        let Some(envelope) = envelope else { return found };
        for f in all_fields(ctx.api, &envelope.id) {
            let slot = match f.name.as_str() {
                "identity" => &mut found.identity,
                "accountInfo" => &mut found.account_info,
                "instanceId" => &mut found.instance_id,
                _ => continue,
            };
            // The field's type as the types module names it, unless it is a list.
            if let Ok(resolved) = resolve(ctx, &f.ty, f.id_kind.as_deref()) {
                if resolved.shape != super::types::Shape::Array {
                    *slot = resolved.elem;
                }
            }
        }
        found
    }
}
