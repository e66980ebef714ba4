//! ID newtypes, one per ID kind: one runtime macro call each (`guid_id!` for GUIDs,
//! `string_id!` otherwise), never expanded impls.
//!
//! A kind is decode-only (`@decode_only`: no constructor, values come only from decoded
//! responses and events) when an article's participant table says its IDs cannot be
//! obtained through the API (`ParticipantKind::obtainable == false`).

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::naming::{ident, words};
use super::{docs, items, Ctx};

pub(crate) fn emit(ctx: &mut Ctx) -> Vec<syn::Item> {
    let api = ctx.api;
    let mut tokens = TokenStream::new();
    if let Some(path) = ctx.settings.shared_ids.clone() {
        // Declared once for every API in the shared crate; re-exported here. Kinds the
        // shared crate does not declare are declared below.
        let path: syn::Path = match syn::parse_str(&path) {
            Ok(p) => p,
            Err(e) => {
                ctx.diags.push(crate::diag::Diagnostic::error_at(&Default::default(), format!("shared ID crate path `{path}` is not a path: {e}")));
                return Vec::new();
            }
        };
        let names: Vec<proc_macro2::Ident> =
            api.id_kinds.keys().filter(|k| ctx.settings.shares_id(k)).filter_map(|k| ctx.names.ids.get(k)).map(|n| ident(n)).collect();
        if !names.is_empty() {
            tokens.extend(quote! { pub use #path::{#(#names),*}; });
        }
    }
    let rt = ctx.rt.clone();
    let decode_only: BTreeSet<&str> =
        api.participant_kinds.iter().filter(|p| !p.obtainable).map(|p| p.id_kind.as_str()).collect();
    for (kind, id_kind) in &api.id_kinds {
        if ctx.settings.shares_id(kind) {
            continue;
        }
        let Some(name) = ctx.names.ids.get(kind) else { continue };
        let name = ident(name);
        let noun = words(&id_kind.name).join(" ").to_lowercase();
        let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
        let mut lines = vec![if id_kind.guid {
            format!("The ID of {article} {noun}: a GUID (8-4-4-4-12 hex digits), checked when parsed or decoded.")
        } else {
            format!("The ID of {article} {noun}: a non-empty string, checked when parsed or decoded.")
        }];
        let participant = api.participant_kinds.iter().find(|p| &p.id_kind == kind);
        if let Some(p) = participant {
            let details = docs::lines(&p.details, None);
            if !details.is_empty() {
                lines.push(String::new());
                lines.push(format!("{}: {}", docs::sanitize(&p.label), details.join(" ")));
            }
            let how = docs::sanitize(&super::conversions::plain_text(&p.how_to_obtain));
            if !how.is_empty() {
                lines.push(String::new());
                lines.push(how);
            }
        }
        let decode = decode_only.contains(kind.as_str());
        if decode {
            lines.push(String::new());
            lines.push(
                "The API gives no way to obtain one, so this type has no constructor: values come only from decoded responses and events."
                    .into(),
            );
        }
        if !id_kind.fields.is_empty() {
            let fields: Vec<String> = id_kind.fields.iter().map(|f| held_by(ctx, f)).collect();
            lines.push(String::new());
            lines.push(format!("Held by {}.", fields.join(", ")));
        }
        let docs = docs::attrs(&lines, "");
        let marker = if decode { quote!(@decode_only) } else { TokenStream::new() };
        tokens.extend(if id_kind.guid {
            quote! { #rt::guid_id! { #marker #docs pub struct #name; } }
        } else {
            quote! { #rt::string_id! { #docs pub struct #name; } }
        });
    }
    items(ctx, tokens)
}

/// `Type.field` (IR names) as the Rust type and the wire field: `` `Message.appId` ``; a
/// group member is named by the group's parent.
fn held_by(ctx: &Ctx, field: &str) -> String {
    let Some((ty, name)) = field.rsplit_once('.') else { return format!("`{field}`") };
    let id = crate::ir::TypeId::new(ty);
    let owner = match ctx.api.types.get(&id).map(|d| &d.kind) {
        Some(crate::ir::TypeKind::OneOf { parent, .. }) => ctx.names.type_of(parent),
        _ => ctx.names.type_of(&id),
    };
    format!("`{}.{name}`", owner.unwrap_or(ty))
}
