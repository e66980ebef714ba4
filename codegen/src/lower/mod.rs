//! Lowering: parsed pages into the IR.
//!
//! Pages are read one at a time: each is parsed, its expansions of named types are added
//! to the placement evidence, and it is lowered at once, so that only one page's syntax
//! tree is alive at a time. Each page contributes candidate type definitions (`collect`),
//! which are merged into one table (`merge`) once every page is in; methods and events are
//! then tied to their types, required paths are applied, and ID kinds (`ids`) and
//! participant kinds (`articles`) are derived.
//!
//! Placement (`placement`) weighs what every page says, and a page is lowered before the
//! pages after it are read. So each page records what its placement depended on
//! ([`placement::Settling`]); when every page is in, the few pages whose answers the later
//! pages changed are parsed and lowered again, in their place. The result is the one
//! reading every page's evidence at once would give.

mod articles;
pub mod collect;
mod duplicates;
mod event_types;
mod examples;
mod fold;
mod forms;
mod ids;
pub mod merge;
mod pages;
pub mod placement;
mod required;
mod typos;
mod unexpanded;
mod url_template;

use std::collections::HashSet;

use crate::diag::{Diagnostic, SourceFile};
use crate::ir::{Api, Event, Menu, Method, Page, PageKind, TypeId, VeloMethod};
use crate::overrides::{self, Overrides};
use crate::parse::page::{parse_page, PageBody, ParsedPage, SchemaSyntax};
use crate::parse::schema::BlockItem;
use collect::{Collector, Ctx};
pub use pages::event_key;
use pages::{entries_after, header, return_type_name};
use placement::{Evidence, Root, Settling};

/// What placing fields needs besides the tree at hand: every page's expansions so far,
/// and a record of what the answers depended on.
struct Placing<'e, 'f> {
    evidence: &'e Evidence,
    files: &'f [SourceFile],
    settling: Settling,
}

/// A method read from its page, its types not yet resolved.
struct MethodDraft {
    /// The key in [`Api::methods`] (see `duplicates`).
    key: String,
    method: Method,
    namespace: Option<String>,
    request: String,
    response: Option<String>,
    /// `Required parameters:` paths and the offset of each in its file.
    required: Vec<(String, usize)>,
    file: usize,
}

struct EventDraft {
    /// The key in [`Api::events`] (see `duplicates`).
    key: String,
    event: Event,
    namespace: Option<String>,
    body: String,
    payload: String,
    /// What the page says of the event type, settled with the overrides when added.
    event_type: event_types::Evidence,
    file: usize,
}

/// What lowering one page gave, kept until every page is in.
enum Draft {
    None,
    // Boxed, so that the pages without a draft (most of a large API) take little room.
    Method(Box<MethodDraft>),
    Event(Box<EventDraft>),
}

/// A page lowered, and what may make it be lowered again.
struct Lowered {
    file: usize,
    draft: Draft,
    /// Lowering's diagnostics for the page (parsing's are final and kept apart).
    diagnostics: Vec<Diagnostic>,
    settling: Settling,
}

/// Parses and lowers every page of `files` (the overrides file aside) into the IR. The
/// diagnostics are those of parsing and lowering, unsorted.
pub fn lower(files: &[SourceFile], overrides: &Overrides) -> (Api, Vec<Diagnostic>) {
    let mut api = Api::default();
    let mut c = Collector::default();
    let mut evidence = Evidence::default();
    let mut diags = Vec::new();
    let mut lowered: Vec<Lowered> = Vec::new();
    let mut type_pages = std::collections::BTreeSet::new();
    for (idx, file) in files.iter().enumerate() {
        if file.name == overrides::FILE_NAME {
            continue;
        }
        let (page, parse_diags) = parse_page(file);
        diags.extend(parse_diags);
        let Some(mut page) = page else { continue };
        let values = examples::parse_values(page_examples(&page));
        forms::fold(&mut page, file, &values, &mut diags);
        record_evidence(&mut evidence, idx, &page);
        api.pages.push(Page {
            kind: page.kind,
            title: page.title.value.clone(),
            link: page.link.clone(),
            source: file.source(page.title.offset),
        });
        if page.kind == PageKind::Type {
            type_pages.insert(page.title.value.clone());
        }
        c.page = lowered.len() as u32;
        let mut placing = Placing { evidence: &evidence, files, settling: Settling::default() };
        let draft = lower_page(&mut api, &mut c, &mut placing, idx, &mut page, &values);
        let mut settling = placing.settling;
        settling.compact();
        lowered.push(Lowered { file: idx, draft, diagnostics: std::mem::take(&mut c.diagnostics), settling });
    }
    relower_unsettled(&mut api, &mut c, &evidence, files, &mut lowered);
    drop(evidence);
    for l in &mut lowered {
        diags.append(&mut l.diagnostics);
        l.settling = Settling::default();
    }
    // Event types are settled first: two webhooks of one name are told apart by them.
    let mut used = std::collections::BTreeSet::new();
    for l in &mut lowered {
        if let Draft::Event(d) = &mut l.draft {
            let evidence = std::mem::replace(&mut d.event_type, event_types::Evidence::Line(String::new()));
            event_types::decide(&mut d.event, evidence, &files[d.file].name, overrides, &mut used, &mut diags);
        }
    }
    event_types::unused(overrides, &used, &mut diags);
    let qualified = duplicates::assign_keys(&mut lowered, &mut c, files, &mut diags);
    // The candidates are given up as they are merged: they outweigh the table.
    c.folds = Default::default();
    let mut table = merge::merge(std::mem::take(&mut c.candidates), files, &qualified, &mut diags);

    for l in lowered {
        match l.draft {
            Draft::Method(d) => add_method(&mut api, &mut table, *d, files, &mut diags),
            Draft::Event(d) => add_event(&mut api, &table, *d, &mut diags),
            Draft::None => {}
        }
    }
    unexpanded::define(&api, &mut table.types, &mut diags);
    table.drop_discarded(&api);
    shared_event_types(&api, &mut diags);
    api.types = table.types;
    typos::return_types(&api, &mut diags);
    ids::assign(&mut api, &type_pages, overrides, &mut diags);
    articles::participant_kinds(&mut api, &mut diags);
    (api, diags)
}

/// The JSON examples of a page (a method's or a webhook's), in page order.
fn page_examples<'p, 'a>(page: &'p ParsedPage<'a>) -> &'p [crate::parse::page::ExampleSyntax<'a>] {
    match &page.body {
        PageBody::Method(m) => &m.examples,
        PageBody::Webhook(w) => &w.examples,
        _ => &[],
    }
}

/// Lowers the pages whose placement the pages after them changed, as if every page's
/// evidence had been in when they were first lowered: their first candidates and
/// diagnostics are dropped and the page is parsed again.
fn relower_unsettled<'f>(api: &mut Api, c: &mut Collector<'f>, evidence: &Evidence, files: &'f [SourceFile], lowered: &mut [Lowered]) {
    let again: Vec<u32> = (0..lowered.len() as u32).filter(|&n| !lowered[n as usize].settling.holds(evidence)).collect();
    if again.is_empty() {
        return;
    }
    let set: HashSet<u32> = again.iter().copied().collect();
    for all in c.candidates.values_mut() {
        all.retain(|cand| !set.contains(&cand.page));
    }
    for n in again {
        let l = &mut lowered[n as usize];
        let file = &files[l.file];
        // Parsing and folding are deterministic: their diagnostics were kept the first time.
        let (Some(mut page), _) = parse_page(file) else { continue };
        let values = examples::parse_values(page_examples(&page));
        forms::fold(&mut page, file, &values, &mut Vec::new());
        c.page = n;
        let mut placing = Placing { evidence, files, settling: Settling::default() };
        l.draft = lower_page(api, c, &mut placing, l.file, &mut page, &values);
        l.diagnostics = std::mem::take(&mut c.diagnostics);
    }
    c.candidates.retain(|_, all| !all.is_empty());
}

/// Lowers one page: methods, webhooks and type pages into candidates and a draft; other
/// pages straight into `api` (they have no trees to place, and are lowered once).
fn lower_page<'f>(api: &mut Api, c: &mut Collector<'f>, placing: &mut Placing<'_, 'f>, idx: usize, page: &mut ParsedPage<'f>, values: &examples::Values) -> Draft {
    // The trees placement rewrites are taken, not copied: the page is not read again.
    let trees = pages::Trees::take(&mut page.body);
    let page = &*page;
    let file = &placing.files[idx];
    if page.collapsed {
        pages::report_collapsed(&mut c.diagnostics, file, page);
        return Draft::None;
    }
    let doc_link: Option<std::rc::Rc<str>> = page.link.as_deref().map(Into::into);
    let ctx = |namespace: &str, type_page: bool| Ctx {
        file,
        file_index: idx,
        namespace: normalize_namespace(namespace).map(Into::into),
        doc_link: doc_link.clone(),
        type_page,
    };
    match &page.body {
        PageBody::Method(m) => pages::method(c, &ctx(&m.namespace, false), placing, page, m, trees, values).map_or(Draft::None, |d| Draft::Method(Box::new(d))),
        PageBody::Webhook(w) => pages::webhook(c, &ctx(&w.namespace, false), placing, page, w, trees, values).map_or(Draft::None, |d| Draft::Event(Box::new(d))),
        PageBody::Type(t) => {
            pages::type_page(c, &ctx(&t.resource, true), placing, page, t, trees);
            Draft::None
        }
        PageBody::Article(a) => {
            articles::article(api, file, page, a);
            Draft::None
        }
        PageBody::Velo(v) => {
            api.velo_methods.push(VeloMethod {
                name: page.title.value.clone(),
                params: v.params.clone(),
                package: v.package.clone(),
                menu_location: v.menu_location.clone(),
                link: page.link.clone(),
                description: v.description.clone(),
                examples: v.examples.clone(),
                source: file.source(page.title.offset),
            });
            Draft::None
        }
        PageBody::Menu(entries) => {
            api.menus.push(Menu {
                title: page.title.value.clone(),
                link: page.link.clone(),
                entries: entries.clone(),
                source: file.source(page.title.offset),
            });
            Draft::None
        }
    }
}

fn add_method(api: &mut Api, table: &mut merge::Table, d: MethodDraft, files: &[SourceFile], diags: &mut Vec<Diagnostic>) {
    let MethodDraft { key, mut method, namespace, request, response, required, file } = d;
    method.request = resolve(table, &request, namespace.as_deref());
    method.response = response.map(|r| resolve(table, &r, namespace.as_deref()));
    required::apply(table, &method.request, &required, &files[file], diags);
    for v in &method.path_vars {
        if let Err(message) = required::field_path(table, &method.request, &v.field) {
            diags.push(
                Diagnostic::warning_at(&v.source, format!("URL template variable `{{{}}}` names no field: {message}", v.field.join(".")))
                    .with_help("the client reports the value as not set when it calls the method"),
            );
        }
    }
    // `duplicates` gave every method a key of its own: a clash here is a bug.
    if let Some(prev) = api.methods.get(&key) {
        diags.push(
            Diagnostic::error_at(&method.source, format!("method `{}` is defined twice (key `{key}`)", method.name))
                .with_note(&prev.source, "first defined here"),
        );
        return;
    }
    api.methods.insert(key, method);
}

fn add_event(api: &mut Api, table: &merge::Table, d: EventDraft, diags: &mut Vec<Diagnostic>) {
    let EventDraft { key, mut event, namespace, body, payload, .. } = d;
    event.body = resolve(table, &body, namespace.as_deref());
    event.payload = resolve(table, &payload, namespace.as_deref());
    if let Some(prev) = api.events.get(&key) {
        diags.push(
            Diagnostic::error_at(&event.source, format!("webhook `{}` is defined twice (key `{key}`)", event.name))
                .with_note(&prev.source, "first defined here"),
        );
        return;
    }
    api.events.insert(key, event);
}

/// Warns of webhooks that share an event type: an event of that type decodes as the
/// first of them by key, in the event enum.
fn shared_event_types(api: &Api, diags: &mut Vec<Diagnostic>) {
    let mut first: std::collections::HashMap<&str, &Event> = std::collections::HashMap::new();
    for e in api.events.values().filter(|e| !e.event_type.is_empty()) {
        match first.get(e.event_type.as_str()) {
            None => {
                first.insert(&e.event_type, e);
            }
            Some(decoded) => diags.push(
                Diagnostic::warning_at(
                    &e.source,
                    format!("webhook `{}` has the event type `{}` of `{}`: events of that type decode as `{}`", e.name, e.event_type, decoded.name, decoded.name),
                )
                .with_note(&decoded.source, format!("`{}`", decoded.name)),
            ),
        }
    }
}

fn resolve(table: &merge::Table, name: &str, namespace: Option<&str>) -> TypeId {
    match table.lookup(name, namespace) {
        Ok(Some(id)) => id,
        Ok(None) => TypeId::new(name),
        Err(ids) => ids[0].clone(),
    }
}

/// `MessagesService`, `Messages`, `message` → `messages`.
pub fn normalize_namespace(raw: &str) -> Option<String> {
    let mut ns = raw.trim().to_ascii_lowercase();
    if let Some(stripped) = ns.strip_suffix("service") {
        ns = stripped.trim_end_matches(['-', '_', ' ']).to_string();
    }
    if ns.is_empty() {
        return None;
    }
    if !ns.ends_with('s') {
        ns.push('s');
    }
    Some(ns)
}

/// Every expansion of every named type on a page, REST and SDK blocks alike: a page's
/// slips are undone with what the other pages say.
fn record_evidence(ev: &mut Evidence, idx: usize, page: &ParsedPage) {
    if page.collapsed {
        return;
    }
    match &page.body {
        PageBody::Method(m) => {
            let request = format!("{}Request", page.title.value);
            for (schema, root_type) in [(&m.schema, request.as_str()), (&m.sdk_schema, "")] {
                let Some(SchemaSyntax { block, .. }) = schema else { continue };
                ev.record(idx, Root::Params, root_type, entries_after(&block.items, "Method parameters"));
                if let Some(h) = header(&block.items, "Return type").next() {
                    ev.record(idx, Root::Return, &return_type_name(h.value), entries_after(&block.items, "Return type"));
                }
            }
        }
        PageBody::Webhook(w) => {
            if let Some(SchemaSyntax { block, .. }) = &w.schema {
                ev.record(idx, Root::EventBody, "", entries_after(&block.items, "Event body"));
            }
        }
        PageBody::Type(t) => {
            if let Some(SchemaSyntax { block, .. }) = &t.schema {
                let entries = block.items.iter().filter_map(|i| if let BlockItem::Entry(e) = i { Some(e) } else { None });
                ev.record(idx, Root::TypePage, &page.title.value, entries);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespaces_normalise_to_lower_case_plurals() {
        assert_eq!(normalize_namespace("MessagesService").as_deref(), Some("messages"));
        assert_eq!(normalize_namespace("Conversations").as_deref(), Some("conversations"));
        assert_eq!(normalize_namespace("conversation").as_deref(), Some("conversations"));
        assert_eq!(normalize_namespace(" "), None);
    }
}
