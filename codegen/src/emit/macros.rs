//! The user-facing ID macros: `participant!` and one literal macro per GUID ID kind that
//! callers may construct (`conversation_id!`, `contact_id!`, `member_id!`, …).
//!
//! Each is a `#[macro_export] macro_rules!` front end that hands the IR's knowledge to a
//! proc macro of `wixgen-macros` (re-exported as `<rt>::__private`), so the proc macro
//! reads no files and parses no specs:
//!
//! ```text
//! macro_rules! participant {
//!     ($($input:tt)*) => {
//!         $crate::rt::__private::participant! {
//!             krate = [$crate]; name = participant; target = ParticipantId;
//!             kinds = [contact => Contact(ContactId), member => Member(MemberId)];
//!             unavailable = [anonymous_visitor => ("anonymous visitor", "Conversation ID", "…", "…")];
//!             input = [$($input)*];
//!         }
//!     };
//! }
//! ```
//!
//! The kinds are the members of the participant group (see [`super::conversions`]), keyed
//! by the snake_case of their participant kind's label; kinds whose IDs cannot be
//! obtained through the API go to `unavailable` with the article's text, so that the
//! error can explain. Adding a kind to the article's table and to the group in the pages
//! makes the regenerated macro accept it.
//!
//! `$crate` is passed along, so the expansion names the bindings crate whatever the user
//! calls it in their `Cargo.toml`. The macros are emitted in the module layout only (the
//! bindings crate, whose root re-exports the generated items); bindings `include!`d from a
//! build script use `from_literal` in a `const` instead.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::ParticipantKind;
use crate::settings::Layout;

use super::conversions::{participant_group, plain, plain_text, sources};
use super::naming::{ident, snake};
use super::{docs, items, Ctx};

/// A participant kind's key in `participant!`: the snake_case of its label
/// (`Anonymous visitor` → `anonymous_visitor`).
pub fn kind_key(kind: &ParticipantKind) -> String {
    snake(&kind.label)
}

/// The literal macro of an ID kind (`contact_id` for `ContactId`), if the bindings have
/// one: GUID kinds whose IDs callers may obtain, in the module layout.
pub(crate) fn literal_macro(ctx: &Ctx, kind: &str) -> Option<String> {
    let id_kind = ctx.api.id_kinds.get(kind)?;
    let participant = ctx.api.participant_kinds.iter().find(|p| p.id_kind == kind);
    if !id_kind.guid
        || participant.is_some_and(|p| !p.obtainable)
        || ctx.settings.decode_only_ids.contains(kind)
        || !matches!(ctx.settings.layout, Layout::Modules { .. })
    {
        return None;
    }
    ctx.names.ids.get(kind).map(|ty| snake(ty))
}

/// The tokens of `<rt>` for use inside a `macro_rules!` body: `crate::rt` becomes
/// `$crate::rt`.
fn rt_in_macro(ctx: &Ctx) -> TokenStream {
    let path = ctx.settings.runtime_path.trim_end_matches("::");
    match path.strip_prefix("crate") {
        Some(rest) if rest.is_empty() || rest.starts_with("::") => {
            let rest: TokenStream = rest.parse().unwrap_or_default();
            quote!($crate #rest)
        }
        _ => ctx.rt.clone(),
    }
}

pub(crate) fn emit(ctx: &mut Ctx) -> Vec<syn::Item> {
    if !matches!(ctx.settings.layout, Layout::Modules { .. }) {
        return Vec::new();
    }
    let api = ctx.api;
    let rt = rt_in_macro(ctx);
    let mut tokens = TokenStream::new();

    // participant!
    if let Some(target) = participant_group(api) {
        if let Some(group) = ctx.names.groups.get(&target.id).cloned() {
            let mut keys = Vec::new();
            let mut variants = Vec::new();
            let mut tys = Vec::new();
            let mut unavailable = Vec::new();
            let mut kind_docs = Vec::new();
            let mut refused_docs = Vec::new();
            let mut article = String::new();
            // Table order: the order the article introduces the kinds in.
            for kind in &api.participant_kinds {
                let Some(i) = target.kinds.iter().position(|k| std::ptr::eq(*k, kind)) else { continue };
                let Some(ty) = ctx.names.ids.get(&kind.id_kind) else { continue };
                let key = kind_key(kind);
                let title = api
                    .articles
                    .iter()
                    .find(|a| a.source.file == kind.source.file)
                    .map(|a| a.title.clone())
                    .unwrap_or_else(|| "reference".into());
                if article.is_empty() {
                    article = title.clone();
                }
                let label = kind.label.to_lowercase();
                if kind.obtainable {
                    kind_docs.push(format!(
                        "- `{key}`: a [`{ty}`](crate::{ty}). {} {}",
                        docs::sanitize(&plain(&kind.details)),
                        docs::sanitize(&plain_text(&kind.how_to_obtain))
                    ));
                    keys.push(format_ident!("{key}"));
                    variants.push(ident(&group.variants[i]));
                    tys.push(ident(ty));
                } else {
                    let via: Vec<String> = sources(ctx, &target)
                        .iter()
                        .filter(|s| match &api.types[&s.group].kind {
                            crate::ir::TypeKind::OneOf { members, .. } => {
                                members.iter().any(|m| m.id_kind.as_deref() == Some(kind.id_kind.as_str()))
                            }
                            _ => false,
                        })
                        .map(|s| format!("`{}`", s.parent_name.as_ref().unwrap_or(&s.group_name)))
                        .collect();
                    let mut hint = format!(
                        "take the ID from a decoded event or response instead: `{}::from(id)` for an `{ty}`",
                        group.rust_name
                    );
                    if !via.is_empty() {
                        let last = via.len() - 1;
                        let list = match last {
                            0 => via[0].clone(),
                            _ => format!("{} or {}", via[..last].join(", "), via[last]),
                        };
                        hint.push_str(&format!(", or `{}::try_from(&identity)` for a {list}", group.rust_name));
                    }
                    let text = plain_text(&kind.how_to_obtain);
                    refused_docs.push(format!(
                        "`{key}` is refused with an explanation: {} `{ty}` values come only from decoded events and responses.",
                        docs::sanitize(&text)
                    ));
                    let key = format_ident!("{key}");
                    unavailable.push(quote!(#key => (#label, #title, #text, #hint)));
                }
            }
            if !keys.is_empty() {
                let p = &group.rust_name;
                let first = keys[0].to_string();
                let mut lines = vec![
                    format!("A [`{p}`](crate::{p}) from a participant kind and a GUID literal, checked at compile time."),
                    String::new(),
                    format!(
                        "`participant!({first} = \"0bd6b6a1-5c37-4a24-a1f4-0fd4bd0b1a3e\")`. The value is a constant, \
                         usable in `const` items. A literal that is not a GUID (36 characters: hex digits grouped \
                         8-4-4-4-12) or an unknown kind fails to compile, and the error points at it."
                    ),
                    String::new(),
                    format!("The kinds (from the {} article):", docs::sanitize(&article)),
                    String::new(),
                ];
                lines.extend(kind_docs);
                for r in refused_docs {
                    lines.push(String::new());
                    lines.push(r);
                }
                let doc = docs::attrs(&lines, "");
                let p = ident(p);
                tokens.extend(quote! {
                    #doc
                    #[macro_export]
                    macro_rules! participant {
                        ($($input:tt)*) => {
                            #rt::__private::participant! {
                                krate = [$crate];
                                name = participant;
                                target = #p;
                                kinds = [#(#keys => #variants(#tys)),*];
                                unavailable = [#(#unavailable),*];
                                input = [$($input)*];
                            }
                        };
                    }
                });
            }
        }
    }

    // One literal macro per GUID ID kind that has constructors: declared once, in the
    // shared ID crate when there is one, and re-exported by each API's crate.
    let mut shared = Vec::new();
    for kind in api.id_kinds.keys() {
        let Some(name) = literal_macro(ctx, kind) else { continue };
        let participant = api.participant_kinds.iter().find(|p| &p.id_kind == kind);
        let Some(ty) = ctx.names.ids.get(kind) else { continue };
        let name = format_ident!("{name}");
        if ctx.settings.shares_id(kind) {
            shared.push(name);
            continue;
        }
        let ty_ident = ident(ty);
        let article = if ty.starts_with(['A', 'E', 'I', 'O', 'U']) { "An" } else { "A" };
        let mut lines = vec![
            format!(
                "{article} [`{ty}`](crate::{ty}) from a GUID literal, checked at compile time: \
                 `{name}!(\"0bd6b6a1-5c37-4a24-a1f4-0fd4bd0b1a3e\")`."
            ),
            String::new(),
            format!(
                "A literal that is not a GUID (36 characters: hex digits grouped 8-4-4-4-12) fails to compile, \
                 and the error points at it. The value is a constant, usable in `const` items. To check a \
                 string at run time, use `s.parse::<{ty}>()`."
            ),
        ];
        if let Some(p) = participant {
            let how = docs::sanitize(&plain_text(&p.how_to_obtain));
            if !how.is_empty() {
                lines.push(String::new());
                lines.push(format!("{}: {how}", docs::sanitize(&p.label)));
            }
        }
        let doc = docs::attrs(&lines, "");
        tokens.extend(quote! {
            #doc
            #[macro_export]
            macro_rules! #name {
                ($($input:tt)*) => {
                    #rt::__private::guid_literal! {
                        krate = [$crate];
                        name = #name;
                        ty = #ty_ident;
                        input = [$($input)*];
                    }
                };
            }
        });
    }
    if let (Some(path), false) = (&ctx.settings.shared_ids, shared.is_empty()) {
        match syn::parse_str::<syn::Path>(path) {
            Ok(path) => tokens.extend(quote! { pub use #path::{#(#shared),*}; }),
            Err(e) => ctx.diags.push(crate::diag::Diagnostic::error_at(&Default::default(), format!("shared ID crate path `{path}` is not a path: {e}"))),
        }
    }
    items(ctx, tokens)
}

/// The text of a generated `macro_rules!` front end (`#[macro_export] macro_rules! name
/// { … }`), laid out one section a line; `None` for any other item. prettyplease would
/// leave the body as one wrapped token line.
pub(crate) fn macro_rules_text(item: &syn::Item) -> Option<String> {
    let syn::Item::Macro(m) = item else { return None };
    let name = m.ident.as_ref()?;
    if !m.mac.path.is_ident("macro_rules") {
        return None;
    }
    let mut out = String::new();
    for attr in &m.attrs {
        match &attr.meta {
            syn::Meta::NameValue(nv) if nv.path.is_ident("doc") => {
                let syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(doc), .. }) = &nv.value else { return None };
                out.push_str(format!("///{}", doc.value()).trim_end());
                out.push('\n');
            }
            meta => {
                out.push_str(&format!("#[{}]\n", quote!(#meta)));
            }
        }
    }
    out.push_str(&format!("macro_rules! {name} {{\n"));
    let mut printer = Printer { out: String::new(), indent: 1, glue: false };
    printer.line_start();
    printer.tokens(m.mac.tokens.clone());
    out.push_str(printer.out.trim_end());
    out.push_str("\n}\n");
    Some(out)
}

/// Lays out the body of a front end: brace groups open an indented block, `;` ends a
/// line, everything else is written with the usual spacing of macro code.
struct Printer {
    out: String,
    indent: usize,
    /// The next token joins the previous one (after a joint punct, `$x:`).
    glue: bool,
}

impl Printer {
    fn line_start(&mut self) {
        while self.out.ends_with(' ') {
            self.out.pop();
        }
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        self.out.push_str(&"    ".repeat(self.indent));
    }

    fn space(&mut self) {
        if std::mem::take(&mut self.glue) {
            return;
        }
        if !self.out.ends_with([' ', '\n', '(', '[', '$']) && !self.out.ends_with("::") && !self.out.is_empty() {
            self.out.push(' ');
        }
    }

    fn tokens(&mut self, tokens: TokenStream) {
        use proc_macro2::{Delimiter, Spacing, TokenTree};
        let tokens: Vec<TokenTree> = tokens.into_iter().collect();
        let mut i = 0;
        while i < tokens.len() {
            match &tokens[i] {
                TokenTree::Group(g) => {
                    let (open, close) = match g.delimiter() {
                        Delimiter::Parenthesis => ("(", ")"),
                        Delimiter::Bracket => ("[", "]"),
                        Delimiter::Brace => ("{", "}"),
                        Delimiter::None => ("", ""),
                    };
                    if g.delimiter() == Delimiter::Brace {
                        self.space();
                        self.out.push('{');
                        self.indent += 1;
                        self.line_start();
                        self.tokens(g.stream());
                        self.indent -= 1;
                        self.line_start();
                        self.out.push('}');
                    } else {
                        // `$(` and `name(` stay joined; otherwise a space before.
                        if !(self.out.ends_with('$') || self.out.ends_with(|c: char| c.is_alphanumeric() || c == '_')) {
                            self.space();
                        }
                        self.out.push_str(open);
                        self.tokens(g.stream());
                        self.out.push_str(close);
                    }
                }
                TokenTree::Punct(p) => {
                    let c = p.as_char();
                    let joint = p.spacing() == Spacing::Joint;
                    match c {
                        ';' => {
                            self.out.push(';');
                            if i + 1 < tokens.len() {
                                self.line_start();
                            }
                        }
                        ',' => self.out.push_str(", "),
                        '$' => {
                            self.space();
                            self.out.push('$');
                        }
                        ':' if joint || self.out.ends_with(':') => {
                            // `::` joins both sides.
                            while self.out.ends_with(' ') {
                                self.out.pop();
                            }
                            self.out.push(':');
                        }
                        ':' => {
                            self.out.push(c);
                            self.glue = true;
                        }
                        '*' | '!' => self.out.push(c),
                        _ => {
                            self.space();
                            self.out.push(c);
                            if joint {
                                self.glue = true;
                            } else {
                                self.out.push(' ');
                            }
                        }
                    }
                }
                TokenTree::Ident(ident) => {
                    self.space();
                    self.out.push_str(&ident.to_string());
                }
                TokenTree::Literal(lit) => {
                    self.space();
                    self.out.push_str(&lit.to_string());
                }
            }
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::diag::SourceFile;
    use crate::settings::Settings;

    /// The checked-in specs, with `edit` applied to the pages, emitted with the default
    /// settings: the text of `ids.rs`.
    fn ids_rs(edit: impl Fn(&str, &str) -> String) -> String {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/inbox");
        let (files, _) = crate::load::load_dir(&root).unwrap();
        let files = files.iter().map(|f| SourceFile::new(f.name.clone(), edit(&f.name, &f.text))).collect();
        let loaded = crate::read::read_sources(files);
        assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
        let output = crate::emit::emit(&loaded.api, &Settings::default()).unwrap();
        output.get("src/api/ids.rs").unwrap().to_string()
    }

    /// The `participant!` front end's body, on one line.
    fn participant_macro(ids: &str) -> String {
        let start = ids.find("macro_rules! participant").expect("no participant! macro");
        let end = start + ids[start..].find("\n}\n").unwrap();
        ids[start..end].split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn participant_kinds_come_from_the_specs() {
        let body = participant_macro(&ids_rs(|_, text| text.to_string()));
        assert!(body.contains("target = ParticipantId;"), "{body}");
        assert!(body.contains("kinds = [contact => Contact(ContactId), member => Member(MemberId)];"), "{body}");
        assert!(body.contains("unavailable = [anonymous_visitor => (\"anonymous visitor\", \"Conversation ID\", \"There is no way"), "{body}");
        assert!(body.contains("krate = [$crate];"), "{body}");
    }

    /// A kind added to the article's table and to the participant one-of in the pages is
    /// accepted by the regenerated macro, with a literal macro for its ID type.
    #[test]
    fn a_kind_added_to_the_specs_is_accepted() {
        let ids = ids_rs(|name, text| match name {
            "conversations/conversation-id.md" => text
                .replace(
                    "| Member | `memberId` |",
                    "| Guest | `guestId` | Someone invited by a member. |\n| Member | `memberId` |",
                )
                .replace("## Member ID", "## Guest ID\nAsk the member who invited them.\n\n## Member ID"),
            "conversations/get-or-create-conversation.md" => text.replace(
                "        - name: memberId | type: string | description: GUID of a site member. \n",
                "        - name: memberId | type: string | description: GUID of a site member. \n        \
                 - name: guestId | type: string | description: GUID of a guest. \n",
            ),
            _ => text.to_string(),
        });
        let body = participant_macro(&ids);
        assert!(
            body.contains("kinds = [contact => Contact(ContactId), guest => Guest(GuestId), member => Member(MemberId)];"),
            "{body}"
        );
        assert!(ids.contains("macro_rules! guest_id"), "{ids}");
    }

    /// Without a participant table there is no participant group, and no `participant!`;
    /// the literal macros remain.
    #[test]
    fn no_participant_table_no_participant_macro() {
        let ids = ids_rs(|name, text| match name {
            "conversations/conversation-id.md" => text.replace("| Type | ID property | Details |", "| Type | Property | Details |"),
            _ => text.to_string(),
        });
        assert!(!ids.contains("macro_rules! participant"), "{ids}");
        assert!(ids.contains("macro_rules! conversation_id"), "{ids}");
        // The anonymous visitor's ID is no longer known to be unobtainable.
        assert!(ids.contains("macro_rules! anonymous_visitor_id"), "{ids}");
    }
}
