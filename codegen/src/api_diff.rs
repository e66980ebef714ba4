//! What a regeneration changes in the generated code's public API, in Rust terms.
//!
//! Both sides are read the same way: the generated files (the ones checked in, read from
//! disk, and the new ones, in memory) are parsed with syn into a [`Surface`], the public
//! items by name: structs with their public fields, read-only fields and `new`
//! constructor's parameters, open string enums and their values, one-of groups and their
//! members, other enums (errors, the event enum) and their variants, ID types, re-exports,
//! the requests (`impl Request`: the API's methods) and events (`impl Event`), inherent
//! methods, trait impls and exported macros. [`diff`] compares two surfaces, and marks
//! each change breaking or not:
//!
//! - breaking: anything removed or renamed, a field whose type changed, a field that
//!   became required (a new parameter of `new`, so `Default` goes too) or stopped being
//!   one, a public field that became read-only, a changed method signature, an enum value
//!   or one-of member removed or holding another type;
//! - not breaking: anything added (a new optional field, enum value, one-of member,
//!   error code, method, event, type), a read-only field made public, a deprecation, and
//!   what changes on the wire only (an enum value's wire name, a method's HTTP verb or
//!   path, an event type).
//!
//! A type removed and another added with the same shape is reported as a rename: the
//! typo that silently renames a public type.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::io;
use std::path::Path;

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};
use quote::ToTokens;

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

// ---------------------------------------------------------------------------------------
// Reading a surface

/// An inherent or trait impl, collected before the types are all known.
enum Impl {
    Inherent { ctor: Option<Vec<(String, String)>>, methods: BTreeMap<String, String> },
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
                Impl::Inherent { ctor, methods } => {
                    if ctor.is_some() {
                        info.ctor = ctor;
                    }
                    info.methods.extend(methods);
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
                        impls.push((self_name, Impl::Inherent { ctor, methods }));
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
    let files = crate::generate::files_below(&out_dir.join(managed))?;
    Ok(files.into_iter().filter(|f| f.ends_with(".rs")).map(|f| format!("{managed}/{f}")).collect())
}

/// Tokens as a short, readable Rust string: `Option<Vec<ContactId>>`, not
/// `:: std :: option :: Option < ...`. The standard prelude's paths and the runtime's
/// path are dropped; both sides of a comparison go through the same rendering.
pub fn render(tokens: TokenStream) -> String {
    fn walk(tokens: TokenStream, out: &mut String) {
        let mut iter = tokens.into_iter().peekable();
        while let Some(tt) = iter.next() {
            match tt {
                TokenTree::Group(g) => {
                    let (open, close) = match g.delimiter() {
                        Delimiter::Parenthesis => ("(", ")"),
                        Delimiter::Brace => ("{ ", " }"),
                        Delimiter::Bracket => ("[", "]"),
                        Delimiter::None => ("", ""),
                    };
                    out.push_str(open);
                    walk(g.stream(), out);
                    out.push_str(close);
                }
                TokenTree::Ident(i) => word(out, &i.to_string()),
                TokenTree::Literal(l) => word(out, &l.to_string()),
                TokenTree::Punct(p) => {
                    let c = p.as_char();
                    let arrow = c == '-' && matches!(iter.peek(), Some(TokenTree::Punct(n)) if n.as_char() == '>');
                    match c {
                        ',' => out.push_str(", "),
                        ':' if p.spacing() == Spacing::Alone && !out.ends_with(':') => out.push_str(": "),
                        '-' if arrow => {
                            iter.next();
                            out.push_str(" -> ");
                        }
                        '=' if p.spacing() == Spacing::Alone => out.push_str(" = "),
                        _ => out.push(c),
                    }
                }
            }
        }
    }
    fn word(out: &mut String, w: &str) {
        if out.chars().last().is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '"') {
            out.push(' ');
        }
        out.push_str(w);
    }
    let mut out = String::new();
    walk(tokens, &mut out);
    for prefix in [
        "::std::option::",
        "::std::vec::",
        "::std::string::",
        "::std::boxed::",
        "::std::convert::",
        "::std::collections::",
        "::std::result::",
        "::core::option::",
        "::core::convert::",
        "crate::rt::",
        "$crate::rt::",
        "::wixgen_runtime::",
    ] {
        // `impl ::std::convert::Into<X>` is `impl Into<X>`, not `implInto<X>`.
        while let Some(at) = out.find(prefix) {
            let after_word = prefix.starts_with(':') && out[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_');
            out.replace_range(at..at + prefix.len(), if after_word { " " } else { "" });
        }
    }
    out.replace(", )", ")").replace(", >", ">").replace("  ", " ").trim().to_string()
}

// ---------------------------------------------------------------------------------------
// Comparing two surfaces

/// One difference between two surfaces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub kind: ChangeKind,
    /// What changed, in words: ``field `Message.silent` (`Option<bool>`)``.
    pub what: String,
    pub breaking: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    Removed,
    Renamed,
    Changed,
    Added,
}

/// Every difference, breaking ones first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ApiDiff {
    pub changes: Vec<Change>,
}

impl ApiDiff {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    pub fn breaking_count(&self) -> usize {
        self.changes.iter().filter(|c| c.breaking).count()
    }

    pub fn is_breaking(&self) -> bool {
        self.breaking_count() > 0
    }

    /// One line: `3 change(s), 1 breaking` or `no change`.
    pub fn summary(&self) -> String {
        match (self.changes.len(), self.breaking_count()) {
            (0, _) => "no change".to_string(),
            (n, 0) => format!("{n} change(s), none breaking"),
            (n, b) => format!("{n} change(s), {b} breaking"),
        }
    }

    /// Whether `what` (a substring of a change's description) is among the changes, and
    /// if so whether it is breaking: for tests.
    pub fn find(&self, what: &str) -> Option<&Change> {
        self.changes.iter().find(|c| c.what.contains(what))
    }
}

impl fmt::Display for ApiDiff {
    /// One change a line: `- removed field `Message.silent` (`Option<bool>`)  [breaking]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in &self.changes {
            let (sign, word) = match c.kind {
                ChangeKind::Removed => ('-', "removed"),
                ChangeKind::Renamed => ('~', "renamed"),
                ChangeKind::Changed => ('~', "changed"),
                ChangeKind::Added => ('+', "added"),
            };
            let mark = if c.breaking { "  [breaking]" } else { "" };
            writeln!(f, "  {sign} {word} {}{mark}", c.what)?;
        }
        Ok(())
    }
}

/// Compares the generated code on disk with `output`: the API diff of a regeneration.
pub fn compare(out_dir: &Path, output: &Output, managed: Option<&str>) -> Result<(Surface, ApiDiff), String> {
    let old = Surface::on_disk(out_dir, output, managed)?;
    let new = Surface::of_output(output)?;
    let d = diff(&old, &new);
    Ok((old, d))
}

struct Diff {
    changes: Vec<Change>,
}

impl Diff {
    fn push(&mut self, kind: ChangeKind, what: String, breaking: bool) {
        self.changes.push(Change { kind, what, breaking });
    }
}

/// What changed from `old` to `new`.
pub fn diff(old: &Surface, new: &Surface) -> ApiDiff {
    let mut d = Diff { changes: Vec::new() };
    let removed: Vec<&String> = old.items.keys().filter(|k| !new.items.contains_key(*k)).collect();
    let added: Vec<&String> = new.items.keys().filter(|k| !old.items.contains_key(*k)).collect();

    // Renames: a removed item and an added one of the same shape, each the only match.
    let mut renamed: BTreeMap<&String, &String> = BTreeMap::new();
    for r in &removed {
        let Some(Item::Type(ro)) = old.items.get(*r) else { continue };
        let matches: Vec<&&String> = added.iter().filter(|a| matches!(new.items.get(**a), Some(Item::Type(an)) if same_shape(ro, an))).collect();
        if let [a] = matches.as_slice() {
            let back = removed.iter().filter(|r2| matches!(old.items.get(**r2), Some(Item::Type(o2)) if matches!(new.items.get(**a), Some(Item::Type(an)) if same_shape(o2, an)))).count();
            if back == 1 {
                renamed.insert(r, a);
            }
        }
    }
    let renamed_to: BTreeSet<&String> = renamed.values().copied().collect();

    for r in &removed {
        let item = &old.items[*r];
        match renamed.get(r) {
            Some(to) => d.push(ChangeKind::Renamed, format!("{} `{r}` → `{to}`", category(item)), true),
            None => d.push(ChangeKind::Removed, describe(r, item), true),
        }
    }
    for a in added.iter().filter(|a| !renamed_to.contains(*a)) {
        d.push(ChangeKind::Added, describe(a, &new.items[*a]), false);
    }
    for (name, o) in &old.items {
        let Some(n) = new.items.get(name) else { continue };
        compare_item(&mut d, name, o, n);
    }
    // Renamed types' impls and fields are compared too, under the new name.
    for (from, to) in &renamed {
        compare_item(&mut d, to, &old.items[*from], &new.items[*to]);
    }
    let mut changes = d.changes;
    changes.sort_by(|a, b| (!a.breaking, a.kind, &a.what).cmp(&(!b.breaking, b.kind, &b.what)));
    changes.dedup();
    ApiDiff { changes }
}

fn same_shape(a: &TypeInfo, b: &TypeInfo) -> bool {
    a.shape == b.shape && a.ctor == b.ctor && a.methods == b.methods && a.event == b.event
}

fn category(item: &Item) -> &'static str {
    match item {
        Item::Type(t) => match &t.shape {
            Shape::Unit | Shape::Struct(_) if t.request.is_some() => "request",
            Shape::Unit | Shape::Struct(_) if t.event.is_some() => "event",
            Shape::Unit | Shape::Struct(_) => "struct",
            Shape::Enum { kind: EnumKind::Values, .. } => "enum",
            Shape::Enum { kind: EnumKind::OneOf, .. } => "one-of group",
            Shape::Enum { kind: EnumKind::Plain, .. } => "enum",
            Shape::Id { .. } => "ID type",
        },
        Item::Reexport(_) => "re-export",
        Item::Macro => "macro",
        Item::Other(_) => "item",
    }
}

fn describe(name: &str, item: &Item) -> String {
    let cat = category(item);
    match item {
        Item::Type(TypeInfo { request: Some(r), .. }) => format!("method `{}` ({} {}, request `{name}`)", r.name, r.verb, r.path),
        Item::Type(TypeInfo { event: Some(e), .. }) => format!("event `{name}` (`{e}`)"),
        Item::Reexport(path) => format!("re-export `{name}` (`{path}`)"),
        Item::Other(sig) => format!("`{sig}`"),
        _ => format!("{cat} `{name}`"),
    }
}

fn compare_item(d: &mut Diff, name: &str, old: &Item, new: &Item) {
    match (old, new) {
        (Item::Type(o), Item::Type(n)) => compare_type(d, name, o, n),
        (Item::Reexport(o), Item::Reexport(n)) if o != n => {
            d.push(ChangeKind::Changed, format!("re-export `{name}`: `{o}` → `{n}`"), false)
        }
        // An ID type declared here and now re-exported from the shared crate, or back:
        // the same name in scope.
        (Item::Type(TypeInfo { shape: Shape::Id { .. }, .. }), Item::Reexport(p)) => {
            d.push(ChangeKind::Changed, format!("ID type `{name}` is now re-exported from `{p}`"), false)
        }
        (Item::Reexport(p), Item::Type(TypeInfo { shape: Shape::Id { .. }, .. })) => {
            d.push(ChangeKind::Changed, format!("ID type `{name}` is now declared here, no longer re-exported from `{p}`"), false)
        }
        (Item::Other(o), Item::Other(n)) if o != n => d.push(ChangeKind::Changed, format!("`{o}` → `{n}`"), true),
        (o, n) if std::mem::discriminant(o) != std::mem::discriminant(n) => {
            d.push(ChangeKind::Changed, format!("`{name}`: {} → {}", category(o), category(n)), true)
        }
        _ => {}
    }
}

fn compare_type(d: &mut Diff, name: &str, o: &TypeInfo, n: &TypeInfo) {
    match (&o.shape, &n.shape) {
        (Shape::Struct(of), Shape::Struct(nf)) => compare_fields(d, name, of, nf, o.ctor.as_deref(), n.ctor.as_deref()),
        (Shape::Unit, Shape::Unit) => {}
        (Shape::Enum { kind: ok, variants: ov }, Shape::Enum { kind: nk, variants: nv }) if ok == nk => {
            compare_variants(d, name, *nk, ov, nv)
        }
        (Shape::Id { guid: og, decode_only: od }, Shape::Id { guid: ng, decode_only: nd }) => {
            if og != ng {
                let kind = |g: bool| if g { "a GUID" } else { "a string" };
                // A GUID ID that becomes a string one accepts more; the reverse refuses values.
                d.push(ChangeKind::Changed, format!("ID type `{name}`: {} → {}", kind(*og), kind(*ng)), !ng);
            }
            if od != nd {
                let what = if *nd { "can no longer be constructed (decoded only)" } else { "can now be constructed" };
                d.push(ChangeKind::Changed, format!("ID type `{name}` {what}"), *nd);
            }
        }
        _ => {
            let cat = |t: &TypeInfo| category(&Item::Type(t.clone()));
            d.push(ChangeKind::Changed, format!("`{name}`: {} → {}", cat(o), cat(n)), true);
            return;
        }
    }
    // Requests: the API's methods.
    match (&o.request, &n.request) {
        (Some(or), Some(nr)) => {
            for (what, a, b, breaking) in [
                ("response type", &or.response, &nr.response, true),
                ("error type", &or.error, &nr.error, true),
                ("HTTP verb", &or.verb, &nr.verb, false),
                ("path", &or.path, &nr.path, false),
                ("operation name", &or.name, &nr.name, false),
            ] {
                if a != b {
                    d.push(ChangeKind::Changed, format!("method `{}` ({name}): {what} `{a}` → `{b}`", nr.name), breaking);
                }
            }
        }
        (Some(or), None) => d.push(ChangeKind::Removed, format!("method `{}` (`{name}` is no longer a request)", or.name), true),
        (None, Some(nr)) => d.push(ChangeKind::Added, format!("method `{}` ({} {}, request `{name}`)", nr.name, nr.verb, nr.path), false),
        (None, None) => {}
    }
    match (&o.event, &n.event) {
        (Some(a), Some(b)) if a != b => d.push(ChangeKind::Changed, format!("event `{name}`: event type `{a}` → `{b}`"), false),
        (Some(a), None) => d.push(ChangeKind::Removed, format!("event `{name}` (`{a}`): no longer an event"), true),
        (None, Some(b)) => d.push(ChangeKind::Added, format!("event `{name}` (`{b}`)"), false),
        _ => {}
    }
    for (m, sig) in &o.methods {
        match n.methods.get(m) {
            None => d.push(ChangeKind::Removed, format!("method `{name}::{m}` (`{sig}`)"), true),
            Some(nsig) if nsig != sig => d.push(ChangeKind::Changed, format!("method `{name}::{m}`: `{sig}` → `{nsig}`"), true),
            _ => {}
        }
    }
    for (m, sig) in &n.methods {
        if !o.methods.contains_key(m) {
            d.push(ChangeKind::Added, format!("method `{name}::{m}` (`{sig}`)"), false);
        }
    }
    for t in o.traits.difference(&n.traits) {
        d.push(ChangeKind::Removed, format!("`impl {t} for {name}`"), true);
    }
    for t in n.traits.difference(&o.traits) {
        d.push(ChangeKind::Added, format!("`impl {t} for {name}`"), false);
    }
}

fn compare_fields(d: &mut Diff, name: &str, of: &[Field], nf: &[Field], octor: Option<&[(String, String)]>, nctor: Option<&[(String, String)]>) {
    let in_ctor = |ctor: Option<&[(String, String)]>, f: &str| ctor.is_some_and(|c| c.iter().any(|(p, _)| p == f || p == &format!("r#{f}")));
    let mut explained: BTreeSet<&str> = BTreeSet::new();
    for f in of {
        let Some(g) = nf.iter().find(|g| g.name == f.name) else {
            d.push(ChangeKind::Removed, format!("field `{name}.{}` (`{}`)", f.name, f.ty), true);
            explained.insert(&f.name);
            continue;
        };
        let (was, is) = (in_ctor(octor, &f.name), in_ctor(nctor, &g.name));
        if was != is {
            explained.insert(&f.name);
        }
        let required = match (was, is) {
            (false, true) => ", now required (a parameter of `new`)",
            (true, false) => ", no longer required (not a parameter of `new`)",
            _ => "",
        };
        if f.ty != g.ty {
            d.push(ChangeKind::Changed, format!("type of field `{name}.{}`: `{}` → `{}`{required}", f.name, f.ty, g.ty), true);
        } else if !required.is_empty() {
            d.push(ChangeKind::Changed, format!("field `{name}.{}` (`{}`){required}", f.name, g.ty), true);
        }
        match (f.public, g.public) {
            (true, false) => d.push(ChangeKind::Changed, format!("field `{name}.{}` is now read-only (set by the server; a getter)", f.name), true),
            (false, true) => d.push(ChangeKind::Changed, format!("field `{name}.{}` is now public (no longer read-only)", f.name), false),
            _ => {}
        }
        match (f.deprecated, g.deprecated) {
            (false, true) => d.push(ChangeKind::Changed, format!("field `{name}.{}` is now deprecated", f.name), false),
            (true, false) => d.push(ChangeKind::Changed, format!("field `{name}.{}` is no longer deprecated", f.name), false),
            _ => {}
        }
    }
    for g in nf.iter().filter(|g| !of.iter().any(|f| f.name == g.name)) {
        explained.insert(&g.name);
        if in_ctor(nctor, &g.name) {
            d.push(ChangeKind::Added, format!("field `{name}.{}` (`{}`), required (a new parameter of `new`)", g.name, g.ty), true);
        } else {
            let access = if g.public { "" } else { ", read-only" };
            d.push(ChangeKind::Added, format!("field `{name}.{}` (`{}`{access})", g.name, g.ty), false);
        }
    }
    // What the field changes above leave unexplained in `new`: order, parameter types.
    let rest = |ctor: Option<&[(String, String)]>| -> Vec<(String, String)> {
        ctor.unwrap_or_default().iter().filter(|(p, _)| !explained.contains(p.trim_start_matches("r#"))).cloned().collect()
    };
    let (orest, nrest) = (rest(octor), rest(nctor));
    if orest != nrest {
        let sig = |c: Option<&[(String, String)]>| {
            c.map_or("none".to_string(), |c| format!("`new({})`", c.iter().map(|(p, t)| format!("{p}: {t}")).collect::<Vec<_>>().join(", ")))
        };
        d.push(ChangeKind::Changed, format!("constructor `{name}::new`: {} → {}", sig(octor), sig(nctor)), true);
    }
}

fn compare_variants(d: &mut Diff, name: &str, kind: EnumKind, ov: &[Variant], nv: &[Variant]) {
    let what = match kind {
        EnumKind::Values => "enum value",
        EnumKind::OneOf => "one-of member",
        EnumKind::Plain => "variant",
    };
    let show = |v: &Variant| {
        let mut s = format!("`{name}::{}`", v.name);
        if !v.payload.is_empty() {
            s = format!("`{name}::{}{}`", v.name, v.payload);
        }
        if let Some(w) = &v.wire {
            s.push_str(&format!(" ({w})"));
        }
        s
    };
    for v in ov {
        match nv.iter().find(|w| w.name == v.name) {
            None => d.push(ChangeKind::Removed, format!("{what} {}", show(v)), true),
            Some(w) => {
                if v.payload != w.payload {
                    d.push(ChangeKind::Changed, format!("{what} `{name}::{}`: holds `{}` → `{}`", v.name, v.payload, w.payload), true);
                }
                if v.wire != w.wire {
                    let s = |x: &Option<String>| x.clone().unwrap_or_else(|| "none".into());
                    d.push(ChangeKind::Changed, format!("{what} `{name}::{}`: wire name {} → {}", v.name, s(&v.wire), s(&w.wire)), false);
                }
            }
        }
    }
    for w in nv.iter().filter(|w| !ov.iter().any(|v| v.name == w.name)) {
        d.push(ChangeKind::Added, format!("{what} {}", show(w)), false);
    }
}

/// The report a regeneration prints: a headline naming `what` (the crate's directory)
/// and the changes, one a line.
pub fn report(what: &str, old: &Surface, diff: &ApiDiff) -> String {
    if old.is_empty() {
        return format!("public API of {what}: new (no generated code to compare with)\n");
    }
    if diff.is_empty() {
        return format!("public API of {what}: unchanged\n");
    }
    format!("public API of {what}: {}\n{diff}", diff.summary())
}

/// [`compare`] and [`report`] in one: what a regeneration of `out_dir` into `output`
/// changes in its public API, or why that cannot be told.
pub fn report_for(out_dir: &Path, output: &Output, managed: Option<&str>) -> String {
    match compare(out_dir, output, managed) {
        Ok((old, d)) => report(&out_dir.display().to_string(), &old, &d),
        Err(e) => format!("warning: no API report for {}: {e}\n", out_dir.display()),
    }
}

/// How `--check` says whether a stale crate's change is breaking: `; the public API
/// changes: 3 change(s), 1 breaking (a breaking change)`.
pub fn verdict(diff: &Result<(Surface, ApiDiff), String>) -> String {
    match diff {
        Ok((_, d)) if d.is_breaking() => format!("; the public API changes: {} (a breaking change)", d.summary()),
        Ok((_, d)) if !d.is_empty() => format!("; the public API changes: {} (not a breaking change)", d.summary()),
        Ok(_) => "; the public API is unchanged (only documentation or implementation differ)".to_string(),
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn surface(src: &str) -> Surface {
        Surface::from_files([("a.rs", src)]).unwrap()
    }

    #[test]
    fn types_render_without_the_prelude_paths() {
        let ty: syn::Type = syn::parse_str("::std::option::Option<::std::vec::Vec<crate::rt::Timestamp>>").unwrap();
        assert_eq!(render(ty.to_token_stream()), "Option<Vec<Timestamp>>");
        let sig: syn::Signature = syn::parse_str("fn with_x(mut self, value: impl ::std::convert::Into<X>) -> Self").unwrap();
        assert_eq!(render(sig.to_token_stream()), "fn with_x(mut self, value: impl Into<X>) -> Self");
    }

    #[test]
    fn macros_of_the_runtime_are_read_as_the_items_they_declare() {
        let s = surface(
            r#"
            crate::rt::string_enum! { pub enum Color { Red = "RED", Blue = "BLUE", } }
            crate::rt::one_of! { pub enum Pick { A(::std::string::String) = "a", B(Thing) = "b", } }
            crate::rt::guid_id! { @decode_only pub struct VisitorId; }
            crate::rt::string_id! { pub struct MessageId; }
            pub use ::wix_ids::{ContactId, MemberId};
            #[macro_export]
            macro_rules! contact_id { ($($t:tt)*) => {}; }
            "#,
        );
        let Some(Item::Type(t)) = s.items.get("Color") else { panic!("{s:?}") };
        assert!(matches!(&t.shape, Shape::Enum { kind: EnumKind::Values, variants } if variants.len() == 2));
        let Some(Item::Type(t)) = s.items.get("Pick") else { panic!() };
        assert!(matches!(&t.shape, Shape::Enum { kind: EnumKind::OneOf, variants } if variants[0].payload == "(String)"));
        assert_eq!(s.items.get("VisitorId").map(|i| matches!(i, Item::Type(TypeInfo { shape: Shape::Id { guid: true, decode_only: true }, .. }))), Some(true));
        assert_eq!(s.items.get("ContactId"), Some(&Item::Reexport("::wix_ids::ContactId".into())));
        assert_eq!(s.items.get("contact_id!"), Some(&Item::Macro));
    }

    #[test]
    fn a_required_field_and_a_removed_one_are_breaking_an_optional_one_is_not() {
        let old = surface("pub struct M { pub a: Option<String>, pub b: Option<i64> }");
        let new = surface(
            "pub struct M { pub a: Option<String>, pub c: Option<bool>, pub d: String }
             impl M { pub fn new(d: impl Into<String>) -> Self { todo!() } }",
        );
        let d = diff(&old, &new);
        assert!(d.find("field `M.b`").unwrap().breaking, "{d}");
        assert!(!d.find("field `M.c`").unwrap().breaking, "{d}");
        assert!(d.find("field `M.d`").unwrap().breaking, "{d}");
        assert_eq!(d.changes.len(), 3, "{d}");
    }

    #[test]
    fn a_renamed_type_is_one_change() {
        let old = surface("pub struct Note { pub text: Option<String> } pub struct M { pub note: Option<Note> }");
        let new = surface("pub struct Nte { pub text: Option<String> } pub struct M { pub note: Option<Nte> }");
        let d = diff(&old, &new);
        let r = d.find("`Note` → `Nte`").unwrap();
        assert!(r.breaking && r.kind == ChangeKind::Renamed, "{d}");
        assert!(d.find("type of field `M.note`").unwrap().breaking, "{d}");
        assert_eq!(d.changes.len(), 2, "{d}");
    }
}
