//! From the [`ir`](crate::ir) to Rust source files.
//!
//! Each part of the API is turned into `syn` items by its own module ([`ids`], [`types`]
//! with [`structs`],
//! [`methods`], [`events`], [`macros`] for the ID literal macros, [`conversions`] for the
//! identity → participant conversions, [`client`] for the typed client with [`paging`]'s
//! streams, [`webhooks`] for the webhook decoding); [`output`] assembles them into files,
//! formatted by prettyplease (the items made most, the `object!` and `string_enum!` calls,
//! are written straight as text in prettyplease's layout by the private `text` module),
//! in an ordered map ([`Output`]) so that the result is
//! byte-identical from run to run, and [`standalone`] adds the manifest and front page of
//! a crate `wixgen generate` writes. Names are decided up front by [`names`].
//!
//! Generated code names everything outside itself by a full path (`::std::option::Option`,
//! the runtime through [`Settings::runtime_path`]), so a spec type called `Option`, `String`
//! or `Result` cannot change what the code means. The one exception is derives of std
//! traits (`#[derive(Clone, Debug, PartialEq)]`): derive macros live in the macro namespace,
//! which generated types never enter, so a spec type named `Clone` or `Debug` cannot shadow
//! them, and the short form keeps every derive on one line.

pub mod building;
pub mod client;
pub mod conversions;
pub mod cycles;
pub mod docs;
pub mod events;
pub mod ids;
pub mod macros;
pub mod methods;
pub mod names;
pub mod naming;
pub mod output;
pub mod paging;
pub mod standalone;
pub mod structs;
pub(crate) mod text;
pub mod types;
pub mod webhooks;

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use crate::diag::Diagnostic;
use crate::ir::{Api, Method, TypeId};
use crate::settings::Settings;

pub use output::Output;

use names::Names;

/// Everything the item emitters share.
pub(crate) struct Ctx<'a> {
    pub api: &'a Api,
    pub settings: &'a Settings,
    pub names: Names,
    /// The runtime path (`crate::rt`) as tokens.
    pub rt: TokenStream,
    pub serde_json: TokenStream,
    /// `(struct, wire field)` pairs whose type must be boxed to break a cycle.
    pub boxed: BTreeSet<(TypeId, String)>,
    /// The one-of group that names a participant, found once: looking it up per group
    /// made emitting quadratic in the number of groups.
    pub participant_group: Option<TypeId>,
    /// The method each request and response type belongs to, indexed once (a scan of the
    /// methods per type grew with types × methods).
    pub request_of: BTreeMap<&'a TypeId, &'a Method>,
    pub response_of: BTreeMap<&'a TypeId, &'a Method>,
    /// The types a caller sends (see [`building::sent_types`]).
    pub sent: BTreeSet<TypeId>,
    pub diags: Vec<Diagnostic>,
}

impl<'a> Ctx<'a> {
    fn new(api: &'a Api, settings: &'a Settings) -> Self {
        let mut diags = Vec::new();
        let names = Names::assign(api, settings, &mut diags);
        let path = |p: &str, what: &str, diags: &mut Vec<Diagnostic>| -> TokenStream {
            match syn::parse_str::<syn::Path>(p) {
                Ok(path) => quote!(#path),
                Err(e) => {
                    diags.push(Diagnostic::error_at(&Default::default(), format!("invalid {what} path `{p}`: {e}")));
                    quote!(crate)
                }
            }
        };
        let rt = path(&settings.runtime_path, "runtime", &mut diags);
        // The serde impls come from the runtime's macros, which reach serde through the
        // runtime: the serde path is checked but no longer needed in the output.
        path(&settings.serde_path, "serde", &mut diags);
        let serde_json = path(&settings.serde_json_path, "serde_json", &mut diags);
        let boxed = cycles::cycles(api);
        let participant_group = conversions::participant_group(api).map(|g| g.id);
        // The first method wins, as a scan in method order did.
        let mut request_of = BTreeMap::new();
        let mut response_of = BTreeMap::new();
        for m in api.methods.values() {
            request_of.entry(&m.request).or_insert(m);
            if let Some(r) = &m.response {
                response_of.entry(r).or_insert(m);
            }
        }
        let sent = building::sent_types(api);
        Ctx { api, settings, names, rt, serde_json, boxed, participant_group, request_of, response_of, sent, diags }
    }

    /// A string path to a runtime item, for serde attributes (`crate::rt::int64`).
    pub fn rt_str(&self, item: &str) -> String {
        format!("{}::{item}", self.settings.runtime_path.trim_end_matches("::"))
    }
}

/// The items of each part, formatted, before they become files.
pub(crate) struct Parts {
    pub ids: output::Module,
    pub types: output::Module,
    pub methods: output::Module,
    pub events: output::Module,
    /// The module `client` (behind [`Settings::client`]) and its doc lines.
    pub client: (output::Module, Vec<String>),
    /// The module `webhook` (behind [`Settings::webhooks`]) and its doc lines.
    pub webhook: (output::Module, Vec<String>),
}

/// Generates the files for `api`. Errors are diagnostics (a construct the emitter cannot
/// express, a name it cannot form); nothing is returned then.
pub fn emit(api: &Api, settings: &Settings) -> Result<Output, Vec<Diagnostic>> {
    let mut ctx = Ctx::new(api, settings);
    // Each emitter's items are formatted as soon as they are made (types and methods one
    // by one), so that syntax trees never pile up for a whole file.
    let module = output::Module::of;
    let mut parts = Parts {
        ids: module(ids::emit(&mut ctx)),
        types: types::emit(&mut ctx).finished(),
        methods: methods::emit(&mut ctx).finished(),
        events: events::emit(&mut ctx),
        client: client::emit(&mut ctx),
        webhook: gated(webhooks::emit(&mut ctx)),
    };
    // The participant macros and the identity → participant conversions.
    parts.ids.append(module(macros::emit(&mut ctx)));
    parts.types.append(module(conversions::emit(&mut ctx)));
    if ctx.diags.iter().any(Diagnostic::is_error) {
        let mut seen = BTreeSet::new();
        ctx.diags.retain(|d| seen.insert(d.to_string()));
        return Err(ctx.diags);
    }
    let has_client = !parts.client.0.is_empty();
    let has_webhooks = !parts.webhook.0.is_empty();
    let mut output = output::assemble(&ctx, parts);
    if let Some(crate_) = &settings.standalone {
        standalone::files(&mut output, crate_, api, settings, has_client, has_webhooks);
    }
    Ok(output)
}

/// The crate of ID types shared by several APIs: every kind any of `apis` has (their
/// fields and participant details together), declared as [`emit`] would declare them.
///
/// `apis` are `(folder, api)`: source files are named `folder/page.md` in the output.
pub fn emit_shared_ids(apis: &[(&str, &Api)], settings: &Settings) -> Result<Output, Vec<Diagnostic>> {
    let mut merged = Api::default();
    for (folder, api) in apis {
        for (kind, k) in &api.id_kinds {
            let mut source = k.source.clone();
            source.file = format!("{folder}/{}", source.file).into();
            let entry = merged.id_kinds.entry(kind.clone()).or_insert_with(|| crate::ir::IdKind { fields: Vec::new(), source, ..k.clone() });
            entry.guid |= k.guid;
            entry.fields.extend(k.fields.iter().cloned());
        }
        for p in &api.participant_kinds {
            if !merged.participant_kinds.iter().any(|q| q.id_kind == p.id_kind) {
                let mut p = p.clone();
                p.source.file = format!("{folder}/{}", p.source.file).into();
                merged.participant_kinds.push(p);
            }
        }
    }
    for k in merged.id_kinds.values_mut() {
        k.fields.sort();
        k.fields.dedup();
    }
    let settings = Settings { shared_ids: None, ..settings.clone() };
    let mut ctx = Ctx::new(&merged, &settings);
    let mut parts = Parts {
        ids: output::Module::of(ids::emit(&mut ctx)),
        types: Default::default(),
        methods: Default::default(),
        events: Default::default(),
        client: Default::default(),
        webhook: Default::default(),
    };
    // The literal macros (`contact_id!`, ...) live with their types; `participant!` stays
    // with the API whose participant group it builds.
    parts.ids.append(output::Module::of(macros::emit(&mut ctx)));
    if ctx.diags.iter().any(Diagnostic::is_error) {
        return Err(ctx.diags);
    }
    Ok(output::assemble(&ctx, parts))
}

/// Parses generated tokens into items; a failure is a bug of the emitter, reported as a
/// diagnostic rather than a panic.
/// A gated module's items, formatted, and its documentation.
fn gated((items, doc): (Vec<syn::Item>, Vec<String>)) -> (output::Module, Vec<String>) {
    (output::Module::of(items), doc)
}

pub(crate) fn items(ctx: &mut Ctx, tokens: TokenStream) -> Vec<syn::Item> {
    match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(file) => file.items,
        Err(e) => {
            ctx.diags.push(Diagnostic::error_at(
                &Default::default(),
                format!("wixgen produced invalid Rust ({e}); this is a bug in wixgen: {tokens}"),
            ));
            Vec::new()
        }
    }
}
