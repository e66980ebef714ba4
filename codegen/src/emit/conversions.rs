//! Conversions from the identities the API reports into the participant ID that
//! conversation calls take.
//!
//! The *participant group* is the one-of group whose members are all tied to participant
//! kinds (an article table with an "ID property" column, [`Api::participant_kinds`]): in
//! the Inbox API, `ParticipantId` (`contactId`, `anonymousVisitorId`, `memberId`). Other
//! groups that share ID kinds with it (a message's sender, a conversation's reported
//! participant, an event's caller) convert into it, member by member, found by ID kind,
//! never by type name:
//!
//! - group → participant: `From<&G>` when every member of `G` has a counterpart, else
//!   `TryFrom<&G>` whose error (the runtime's `NotAParticipant`) names the member that has none
//!   (an app or a Wix user sends messages, but is not a participant).
//! - parent struct → participant, `TryFrom<&S>`: the group's member when one is set,
//!   else a plain field of `S` holding a participant ID (`contactId`), else an error.
//!   The group decides first: a site member carries a contact ID too, and their
//!   conversation must be reached with the member ID.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Api, Field, ParticipantKind, TypeId, TypeKind};

use super::names::plain_fields;
use super::naming::ident;
use super::types::{field_specs, Shape};
use super::{docs, items, Ctx};

/// The participant group: its type ID and, per member, the participant kind it is tied to.
pub(crate) struct ParticipantGroup<'a> {
    pub id: TypeId,
    pub members: &'a [Field],
    /// Parallel to `members`.
    pub kinds: Vec<&'a ParticipantKind>,
}

/// The participant kind a group member is tied to: same ID kind and, where the table
/// names one, the same ID property.
fn tied<'a>(api: &'a Api, member: &Field) -> Option<&'a ParticipantKind> {
    let kind = member.id_kind.as_deref()?;
    api.participant_kinds.iter().find(|p| p.id_kind == kind && (p.id_property.is_empty() || p.id_property == member.name))
}

/// The one-of group whose members are all tied to participant kinds, the one with the
/// most members (then the first in the type table); `None` when no group qualifies.
pub(crate) fn participant_group(api: &Api) -> Option<ParticipantGroup<'_>> {
    let mut best: Option<ParticipantGroup> = None;
    for def in api.types.values() {
        let TypeKind::OneOf { members, .. } = &def.kind else { continue };
        let kinds: Option<Vec<&ParticipantKind>> = members.iter().map(|m| tied(api, m)).collect();
        let Some(kinds) = kinds else { continue };
        if kinds.is_empty() || best.as_ref().is_some_and(|b| b.kinds.len() >= kinds.len()) {
            continue;
        }
        best = Some(ParticipantGroup { id: def.id.clone(), members, kinds });
    }
    best
}

/// The text of a participant kind's "how to obtain" section as one sanitised doc line.
pub(crate) fn plain(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Markdown to plain text for a compiler message: links keep their text, emphasis marks
/// go, white space is collapsed.
pub fn plain_text(markdown: &str) -> String {
    let chars: Vec<char> = plain(markdown).chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '[' => {
                // `[text](url)` or `[text][ref]` → `text`.
                if let Some(close) = chars[i + 1..].iter().position(|&c| c == ']').map(|p| i + 1 + p) {
                    let closer = match chars.get(close + 1) {
                        Some('(') => Some(')'),
                        Some('[') => Some(']'),
                        _ => None,
                    };
                    if let Some(end) = closer.and_then(|c| chars[close + 2..].iter().position(|&x| x == c)) {
                        out.extend(&chars[i + 1..close]);
                        i = close + 2 + end + 1;
                        continue;
                    }
                }
                out.push('[');
                i += 1;
            }
            '*' => i += 1,
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// A group that converts into the participant group, with what it converts through.
pub(crate) struct Source {
    pub group: TypeId,
    /// Rust name of the group's enum.
    pub group_name: String,
    /// Rust name of the struct holding the group in a field, when there is one.
    pub parent_name: Option<String>,
}

/// The groups other than the participant group that share at least one ID kind with it,
/// in type-table order.
pub(crate) fn sources(ctx: &Ctx, target: &ParticipantGroup) -> Vec<Source> {
    let mut out = Vec::new();
    for def in ctx.api.types.values() {
        let TypeKind::OneOf { parent, members, .. } = &def.kind else { continue };
        if def.id == target.id || !members.iter().any(|m| counterpart(target, m).is_some()) {
            continue;
        }
        let Some(group) = ctx.names.groups.get(&def.id) else { continue };
        let parent_name = match &group.field {
            Some(_) => ctx.names.type_of(parent).map(str::to_string),
            None => None,
        };
        out.push(Source { group: def.id.clone(), group_name: group.rust_name.clone(), parent_name });
    }
    out
}

/// The index of the participant group's member with the same ID kind as `member`.
fn counterpart(target: &ParticipantGroup, member: &Field) -> Option<usize> {
    let kind = member.id_kind.as_deref()?;
    target.members.iter().position(|m| m.id_kind.as_deref() == Some(kind))
}

pub(crate) fn emit(ctx: &mut Ctx) -> Vec<syn::Item> {
    let api = ctx.api;
    let Some(target) = participant_group(api) else { return Vec::new() };
    let Some(tgroup) = ctx.names.groups.get(&target.id).cloned() else { return Vec::new() };
    let rt = ctx.rt.clone();
    let p = ident(&tgroup.rust_name);
    let error = quote!(#rt::NotAParticipant);

    // What every conversion's documentation says about the participant kinds.
    let mut rules = Vec::new();
    for (member, kind) in target.members.iter().zip(&target.kinds) {
        let how = docs::sanitize(&plain_text(&kind.how_to_obtain));
        if kind.obtainable && !how.is_empty() {
            rules.push(format!("- `{}` ({}): {how}", member.name, docs::sanitize(&kind.label.to_lowercase())));
        }
    }

    let mut tokens = TokenStream::new();
    for source in sources(ctx, &target) {
        let TypeKind::OneOf { parent, members, .. } = &api.types[&source.group].kind else { continue };
        let Some(group) = ctx.names.groups.get(&source.group).cloned() else { continue };
        let g = ident(&source.group_name);
        // Each arm's pattern with its participant (`Ok`) or refusal (`Err`).
        let mut arms = Vec::new();
        let mut refused = Vec::new();
        for (member, variant) in members.iter().zip(&group.variants) {
            let v = ident(variant);
            match counterpart(&target, member) {
                Some(i) => {
                    let tv = ident(&tgroup.variants[i]);
                    arms.push((quote!(#g::#v(id)), Ok(quote!(#p::#tv(::core::clone::Clone::clone(id))))));
                }
                None => {
                    let key = &member.name;
                    let name = &source.group_name;
                    arms.push((
                        quote!(#g::#v(_)),
                        Err(quote!(#error::new::<#p>(#name, ::core::option::Option::Some(#key)))),
                    ));
                    refused.push(format!("`{key}`"));
                }
            }
        }
        let kept: Vec<String> = members
            .iter()
            .filter(|m| counterpart(&target, m).is_some())
            .map(|m| format!("`{}`", m.name))
            .collect();
        let mut lines = vec![format!(
            "The participant this {} names: {} become the [`{}`] member with the same ID type.",
            source.group_name,
            kept.join(", "),
            tgroup.rust_name
        )];
        if !refused.is_empty() {
            lines.push(String::new());
            lines.push(format!(
                "Fails with a [`NotAParticipant`]({}) for {}: no participant is named by those.",
                ctx.rt_str("NotAParticipant"),
                refused.join(", ")
            ));
        }
        push_rules(&mut lines, &rules, &tgroup.rust_name);
        let doc = docs::attrs(&lines, "");
        if refused.is_empty() {
            let arms = arms.iter().map(|(pat, value)| {
                let value = value.as_ref().unwrap_or_else(|e| e);
                quote!(#pat => #value)
            });
            tokens.extend(quote! {
                #doc
                impl ::core::convert::From<&#g> for #p {
                    fn from(value: &#g) -> Self {
                        match value { #(#arms,)* }
                    }
                }
            });
        } else {
            let arms = arms.iter().map(|(pat, value)| match value {
                Ok(v) => quote!(#pat => ::core::result::Result::Ok(#v)),
                Err(e) => quote!(#pat => ::core::result::Result::Err(#e)),
            });
            tokens.extend(quote! {
                #doc
                impl ::core::convert::TryFrom<&#g> for #p {
                    type Error = #error;
                    fn try_from(value: &#g) -> ::core::result::Result<Self, #error> {
                        match value { #(#arms,)* }
                    }
                }
            });
        }

        // The parent struct: its group, else a plain field holding a participant ID.
        let (Some(parent_name), Some(field)) = (&source.parent_name, &group.field) else { continue };
        let Some(def) = api.types.get(parent) else { continue };
        let TypeKind::Struct { fields, one_ofs } = &def.kind else { continue };
        let plain = plain_fields(api, fields, one_ofs);
        let specs = field_specs(ctx, def, &plain);
        let mut fallbacks = Vec::new();
        let mut fallback_docs = Vec::new();
        for spec in &specs {
            let Some(i) = counterpart(&target, spec.field) else { continue };
            let tv = ident(&tgroup.variants[i]);
            let f = spec.ident();
            match spec.shape {
                Shape::Value => fallbacks.push(quote! {
                    return ::core::result::Result::Ok(#p::#tv(::core::clone::Clone::clone(&value.#f)));
                }),
                Shape::Nullable => fallbacks.push(quote! {
                    if let ::core::option::Option::Some(id) = &value.#f {
                        return ::core::result::Result::Ok(#p::#tv(::core::clone::Clone::clone(id)));
                    }
                }),
                Shape::Array => continue,
            }
            fallback_docs.push(format!("`{}`", spec.field.name));
        }
        let s = ident(parent_name);
        let fid = ident(field);
        let group_call = if refused.is_empty() {
            quote!(::core::result::Result::Ok(#p::from(group)))
        } else {
            quote!(<#p as ::core::convert::TryFrom<&#g>>::try_from(group))
        };
        let mut lines = vec![format!(
            "The participant this {parent_name} names: the ID in `{field}` when it is set ({}), else {}.",
            kept.join(", "),
            if fallback_docs.is_empty() { "none".to_string() } else { fallback_docs.join(", then ") }
        )];
        lines.push(String::new());
        lines.push(format!(
            "`{field}` decides first: a site member also carries a contact ID, and their conversation \
             must be reached with the member ID. Fails with a [`NotAParticipant`]({}) {}.",
            ctx.rt_str("NotAParticipant"),
            if refused.is_empty() {
                "when no ID is set".to_string()
            } else {
                format!("when the ID set is no participant's ({}), or when none is set", refused.join(", "))
            }
        ));
        push_rules(&mut lines, &rules, &tgroup.rust_name);
        let doc = docs::attrs(&lines, "");
        let name = parent_name.as_str();
        tokens.extend(quote! {
            #doc
            impl ::core::convert::TryFrom<&#s> for #p {
                type Error = #error;
                fn try_from(value: &#s) -> ::core::result::Result<Self, #error> {
                    if let ::core::option::Option::Some(group) = &value.#fid {
                        return #group_call;
                    }
                    #(#fallbacks)*
                    ::core::result::Result::Err(#error::new::<#p>(#name, ::core::option::Option::None))
                }
            }
        });
    }
    items(ctx, tokens)
}

/// The rules themselves are documented once, on the target type; each impl points there
/// rather than repeating them (generated code is compiled, and read, by every user).
fn push_rules(lines: &mut Vec<String>, rules: &[String], target: &str) {
    if !rules.is_empty() {
        lines.push(String::new());
        lines.push(format!("See [`{target}`] for how each kind of participant is reached."));
    }
}

#[cfg(test)]
mod tests {
    use super::plain_text;

    #[test]
    fn plain_text_of_markdown() {
        assert_eq!(
            plain_text("An app sees one (see [Message Sent To Business][message-sent-to-business])."),
            "An app sees one (see Message Sent To Business)."
        );
        assert_eq!(plain_text("a [site member](https://x.invalid/a) **must**\n  be"), "a site member must be");
        assert_eq!(plain_text("[not a link"), "[not a link");
    }
}
