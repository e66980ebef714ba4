//! Reading a [`Surface`]: the public items of generated Rust, parsed with syn.

use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::Path;

use proc_macro2::TokenTree;
use quote::ToTokens;

use super::render::render;
use crate::emit::output::is_generated;
use crate::emit::Output;

/// The public items of generated code, by name.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Surface {
    pub items: BTreeMap<String, Item>,
}

/// One public item.
#[derive(Clone, Debug, PartialEq)]
#[allow(clippy::large_enum_variant)] // a few hundred of them at most; types are most
pub enum Item {
    /// A struct, enum or ID type, and what is implemented on it.
    Type(TypeInfo),
    /// `pub use path::Name` (the shared ID types).
    Reexport(String),
    /// A `#[macro_export] macro_rules!`.
    Macro,
    /// Anything else public: a function, constant or type alias, as its signature.
    Other(String),
}

/// A type: its shape and its impls.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TypeInfo {
    pub shape: Shape,
    /// `new`'s parameters (name, type), when the type has one.
    pub ctor: Option<Vec<(String, String)>>,
    /// Other public inherent methods: name → signature.
    pub methods: BTreeMap<String, String>,
    /// The methods among them that `object!` declares as a field's setter: method → field.
    /// A setter changes with its field, which the report already says.
    pub setters: BTreeMap<String, String>,
    /// Traits implemented (`From<String>`, `ApplicationError`), besides the two below.
    pub traits: BTreeSet<String>,
    /// `impl Request`: the API method the type is the request of.
    pub request: Option<RequestInfo>,
    /// `impl Event`: the event type string.
    pub event: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub enum Shape {
    #[default]
    Unit,
    Struct(Vec<Field>),
    Enum { kind: EnumKind, variants: Vec<Variant> },
    Id { guid: bool, decode_only: bool },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EnumKind {
    /// `string_enum!`: open, its values named on the wire.
    Values,
    /// `one_of!`: a one-of group, its members keyed on the wire.
    OneOf,
    /// A plain enum (documented errors, the enum of events).
    Plain,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub name: String,
    pub ty: String,
    /// `pub`; otherwise read-only (set by the server, read through a getter).
    pub public: bool,
    pub deprecated: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Variant {
    pub name: String,
    /// The payload types, `(A, B)`; empty for a unit variant.
    pub payload: String,
    /// The wire name (`= "VALUE"`), if given.
    pub wire: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct RequestInfo {
    pub name: String,
    pub verb: String,
    pub path: String,
    pub response: String,
    pub error: String,
}

/// An inherent or trait impl, collected before the types are all known.
enum Impl {
    Inherent { ctor: Option<Vec<(String, String)>>, methods: BTreeMap<String, String>, setters: BTreeMap<String, String> },
    Trait { name: String, request: Option<RequestInfo>, event: Option<String> },
}

impl Surface {
    /// The public items of generated files, `(name, text)`; files that are not Rust (a
    /// crate's `Cargo.toml`) are skipped. An error names the file that does not parse.
    pub fn from_files<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Surface, String> {
        let mut surface = Surface::default();
        let mut impls: Vec<(String, Impl)> = Vec::new();
        for (name, text) in files {
            if !name.ends_with(".rs") {
                continue;
            }
            let file = syn::parse_file(text).map_err(|e| format!("{name} does not parse as Rust: {e}"))?;
            for item in &file.items {
                surface.read_item(item, &mut impls);
            }
        }
        for (name, imp) in impls {
            let Some(Item::Type(info)) = surface.items.get_mut(&name) else { continue };
            match imp {
                Impl::Inherent { ctor, methods, setters } => {
                    if ctor.is_some() {
                        info.ctor = ctor;
                    }
                    info.methods.extend(methods);
                    info.setters.extend(setters);
                }
                Impl::Trait { request: Some(r), .. } => info.request = Some(r),
                Impl::Trait { event: Some(e), .. } => info.event = Some(e),
                Impl::Trait { name, .. } => {
                    info.traits.insert(name);
                }
            }
        }
        Ok(surface)
    }

    /// The surface of what is on disk under `out_dir` where `output` would go: every file
    /// of `output` that exists, and the `@generated` Rust files of the managed directory.
    pub fn on_disk(out_dir: &Path, output: &Output, managed: Option<&str>) -> Result<Surface, String> {
        let mut names: BTreeSet<String> = output.files.keys().cloned().collect();
        if let Some(managed) = managed {
            names.extend(rust_files_below(out_dir, managed).map_err(|e| format!("{}: {e}", out_dir.join(managed).display()))?);
        }
        let mut texts = Vec::new();
        for rel in names {
            match std::fs::read_to_string(out_dir.join(&rel)) {
                Ok(text) if is_generated(&text) => texts.push((rel, text)),
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(format!("{}: {e}", out_dir.join(&rel).display())),
            }
        }
        Surface::from_files(texts.iter().map(|(n, t)| (n.as_str(), t.as_str())))
    }

    /// The surface of generated files in memory.
    pub fn of_output(output: &Output) -> Result<Surface, String> {
        Surface::from_files(output.files.iter().map(|(n, t)| (n.as_str(), t.as_str())))
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    fn read_item(&mut self, item: &syn::Item, impls: &mut Vec<(String, Impl)>) {
        match item {
            syn::Item::Struct(s) if is_pub(&s.vis) => {
                let shape = match &s.fields {
                    syn::Fields::Named(named) => Shape::Struct(
                        named
                            .named
                            .iter()
                            .map(|f| Field {
                                name: f.ident.as_ref().map(ToString::to_string).unwrap_or_default(),
                                ty: render(f.ty.to_token_stream()),
                                public: is_pub(&f.vis),
                                deprecated: f.attrs.iter().any(|a| a.path().is_ident("deprecated")),
                            })
                            .collect(),
                    ),
                    syn::Fields::Unnamed(unnamed) => Shape::Struct(
                        unnamed
                            .unnamed
                            .iter()
                            .enumerate()
                            .map(|(i, f)| Field { name: i.to_string(), ty: render(f.ty.to_token_stream()), public: is_pub(&f.vis), deprecated: false })
                            .collect(),
                    ),
                    syn::Fields::Unit => Shape::Unit,
                };
                self.add_type(&s.ident, shape);
            }
            syn::Item::Enum(e) if is_pub(&e.vis) => self.add_enum(e, EnumKind::Plain),
            syn::Item::Macro(m) => {
                let kind = m.mac.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
                if kind == "macro_rules" {
                    if let Some(name) = &m.ident {
                        if m.attrs.iter().any(|a| a.path().is_ident("macro_export")) {
                            self.items.insert(format!("{name}!"), Item::Macro);
                        }
                    }
                    return;
                }
                let mut tokens: Vec<TokenTree> = m.mac.tokens.clone().into_iter().collect();
                let mut markers = Vec::new();
                while let [TokenTree::Punct(p), TokenTree::Ident(i), ..] = tokens.as_slice() {
                    if p.as_char() != '@' {
                        break;
                    }
                    markers.push(i.to_string());
                    tokens.drain(..2);
                }
                let Ok(inner) = syn::parse2::<syn::Item>(tokens.into_iter().collect()) else { return };
                match (kind.as_str(), &inner) {
                    ("string_enum", syn::Item::Enum(e)) => self.add_enum(e, EnumKind::Values),
                    ("one_of", syn::Item::Enum(e)) => self.add_enum(e, EnumKind::OneOf),
                    // `object!` declares a struct as written, with its serde impls, and
                    // the setters its fields' kind attributes name.
                    ("object", syn::Item::Struct(s)) => {
                        self.read_item(&inner, impls);
                        let (methods, setters) = object_setters(s);
                        if !methods.is_empty() {
                            impls.push((s.ident.to_string(), Impl::Inherent { ctor: None, methods, setters }));
                        }
                    }
                    ("guid_id" | "string_id", syn::Item::Struct(s)) => self.add_type(
                        &s.ident,
                        Shape::Id { guid: kind == "guid_id", decode_only: markers.iter().any(|m| m == "decode_only") },
                    ),
                    _ => {}
                }
            }
            syn::Item::Use(u) if is_pub(&u.vis) => {
                let mut found = Vec::new();
                use_names(&u.tree, if u.leading_colon.is_some() { "::".into() } else { String::new() }, &mut found);
                for (name, path) in found {
                    self.items.insert(name, Item::Reexport(path));
                }
            }
            syn::Item::Fn(f) if is_pub(&f.vis) => {
                self.items.insert(f.sig.ident.to_string(), Item::Other(render(f.sig.to_token_stream())));
            }
            syn::Item::Const(c) if is_pub(&c.vis) => {
                self.items.insert(c.ident.to_string(), Item::Other(format!("const {}: {}", c.ident, render(c.ty.to_token_stream()))));
            }
            syn::Item::Type(t) if is_pub(&t.vis) => {
                self.items.insert(t.ident.to_string(), Item::Other(format!("type {} = {}", t.ident, render(t.ty.to_token_stream()))));
            }
            syn::Item::Impl(imp) => {
                let Some(self_name) = type_name(&imp.self_ty) else { return };
                match &imp.trait_ {
                    None => {
                        let mut ctor = None;
                        let mut methods = BTreeMap::new();
                        for it in &imp.items {
                            let syn::ImplItem::Fn(f) = it else { continue };
                            if !is_pub(&f.vis) {
                                continue;
                            }
                            if f.sig.ident == "new" {
                                ctor = Some(params(&f.sig));
                            } else {
                                methods.insert(f.sig.ident.to_string(), render(f.sig.to_token_stream()));
                            }
                        }
                        impls.push((self_name, Impl::Inherent { ctor, methods, setters: BTreeMap::new() }));
                    }
                    Some((_, path, _)) => {
                        let name = render(path.to_token_stream());
                        let last = path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
                        let request = (last == "Request").then(|| request_info(imp));
                        let event = if last == "Event" { Some(const_value(imp, "EVENT_TYPE")) } else { None };
                        impls.push((self_name, Impl::Trait { name, request, event }));
                    }
                }
            }
            _ => {}
        }
    }

    fn add_type(&mut self, ident: &syn::Ident, shape: Shape) {
        self.items.insert(ident.to_string(), Item::Type(TypeInfo { shape, ..TypeInfo::default() }));
    }

    fn add_enum(&mut self, e: &syn::ItemEnum, kind: EnumKind) {
        let variants = e
            .variants
            .iter()
            .map(|v| Variant {
                name: v.ident.to_string(),
                payload: match &v.fields {
                    syn::Fields::Unit => String::new(),
                    fields => render(fields.to_token_stream()),
                },
                wire: v.discriminant.as_ref().map(|(_, e)| render(e.to_token_stream())),
            })
            .collect();
        self.add_type(&e.ident, Shape::Enum { kind, variants });
    }
}

/// The setters an `object!` struct's kind attributes declare, as the runtime's macro
/// writes them: `#[optional("email", with_email(String))]` is `fn with_email(mut self,
/// value: impl Into<String>) -> Self`; `#[array("tags", with_tags)]` takes the field's
/// type. Also which field each one sets.
fn object_setters(s: &syn::ItemStruct) -> (BTreeMap<String, String>, BTreeMap<String, String>) {
    let mut methods = BTreeMap::new();
    let mut fields = BTreeMap::new();
    let syn::Fields::Named(named) = &s.fields else { return (methods, fields) };
    for field in &named.named {
        let Some(syn::Meta::List(list)) = field.attrs.first().map(|a| &a.meta) else { continue };
        let tokens: Vec<TokenTree> = list.tokens.clone().into_iter().collect();
        // The setter is the first identifier, after the wire name if there is one.
        let Some(at) = tokens.iter().position(|t| matches!(t, TokenTree::Ident(_))) else { continue };
        let TokenTree::Ident(setter) = &tokens[at] else { continue };
        let field_ty = &field.ty;
        let sig: syn::Signature = match tokens.get(at + 1) {
            Some(TokenTree::Group(g)) if g.delimiter() == proc_macro2::Delimiter::Parenthesis => {
                let elem = g.stream();
                syn::parse_quote!(fn #setter(mut self, value: impl ::std::convert::Into<#elem>) -> Self)
            }
            _ => syn::parse_quote!(fn #setter(mut self, value: #field_ty) -> Self),
        };
        methods.insert(setter.to_string(), render(sig.to_token_stream()));
        fields.insert(setter.to_string(), field.ident.as_ref().map(ToString::to_string).unwrap_or_default());
    }
    (methods, fields)
}

fn is_pub(vis: &syn::Visibility) -> bool {
    matches!(vis, syn::Visibility::Public(_))
}

/// The last segment of a path type (`Foo` of `crate::Foo`).
fn type_name(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

/// Every name a `use` tree brings in, with the path it comes from.
fn use_names(tree: &syn::UseTree, prefix: String, out: &mut Vec<(String, String)>) {
    match tree {
        syn::UseTree::Path(p) => use_names(&p.tree, format!("{prefix}{}::", p.ident), out),
        syn::UseTree::Name(n) => out.push((n.ident.to_string(), format!("{prefix}{}", n.ident))),
        syn::UseTree::Rename(r) => out.push((r.rename.to_string(), format!("{prefix}{}", r.ident))),
        syn::UseTree::Group(g) => {
            for t in &g.items {
                use_names(t, prefix.clone(), out);
            }
        }
        // `pub use self::types::*`: the module layout's own re-exports.
        syn::UseTree::Glob(_) => {}
    }
}

fn params(sig: &syn::Signature) -> Vec<(String, String)> {
    sig.inputs
        .iter()
        .filter_map(|arg| match arg {
            syn::FnArg::Typed(t) => Some((render(t.pat.to_token_stream()), render(t.ty.to_token_stream()))),
            syn::FnArg::Receiver(_) => None,
        })
        .collect()
}

fn request_info(imp: &syn::ItemImpl) -> RequestInfo {
    let mut info = RequestInfo::default();
    for it in &imp.items {
        match it {
            syn::ImplItem::Type(t) if t.ident == "Response" => info.response = render(t.ty.to_token_stream()),
            syn::ImplItem::Type(t) if t.ident == "Error" => info.error = render(t.ty.to_token_stream()),
            syn::ImplItem::Const(c) if c.ident == "OPERATION" => {
                if let syn::Expr::Struct(s) = &c.expr {
                    for f in &s.fields {
                        let value = match &f.expr {
                            syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) => s.value(),
                            e => render(e.to_token_stream()),
                        };
                        match render(f.member.to_token_stream()).as_str() {
                            "name" => info.name = value,
                            "verb" => info.verb = value.rsplit("::").next().unwrap_or_default().to_uppercase(),
                            "path" => info.path = value,
                            _ => {}
                        }
                    }
                }
            }
            _ => {}
        }
    }
    info
}

fn const_value(imp: &syn::ItemImpl, name: &str) -> String {
    imp.items
        .iter()
        .find_map(|it| match it {
            syn::ImplItem::Const(c) if c.ident == name => Some(match &c.expr {
                syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) => s.value(),
                e => render(e.to_token_stream()),
            }),
            _ => None,
        })
        .unwrap_or_default()
}

/// `.rs` files below `out_dir/managed`, relative to `out_dir`.
fn rust_files_below(out_dir: &Path, managed: &str) -> io::Result<Vec<String>> {
    let files = crate::write::files_below(&out_dir.join(managed))?;
    Ok(files.into_iter().filter(|f| f.ends_with(".rs")).map(|f| format!("{managed}/{f}")).collect())
}
