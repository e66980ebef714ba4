//! One page at a time: a method, webhook or type page's schema into candidate definitions
//! and a draft of its method or event, its fields placed first (`placement`).

use std::borrow::Cow;

use crate::diag::{Diagnostic, SourceFile};
use crate::ir::{AppError, Event, HttpVerb, Method, Param, ParamLocation, TypeId};
use crate::parse::page::{MethodSyntax, PageBody, ParsedPage, SchemaSyntax, TypeSyntax, WebhookSyntax};
use crate::parse::schema::{BlockItem, Entry, EntryKind, HeaderLine, TypeExpr};

use super::collect::{self, Collector, Ctx, RawDef};
use super::examples::{coerce_query, example_values, examples, request_values, Values};
use super::placement::{self, Root, TreeCtx};
use super::url_template;
use super::{EventDraft, MethodDraft, Placing};

pub(super) fn header<'s, 'a>(items: &'s [BlockItem<'a>], key: &str) -> impl Iterator<Item = &'s HeaderLine<'a>> + 's {
    let key = key.to_string();
    items.iter().filter_map(move |i| match i {
        BlockItem::Header(h) if h.key.eq_ignore_ascii_case(&key) => Some(h),
        _ => None,
    })
}

/// The top-level entries that follow the header `key`, up to the next header.
pub(super) fn entries_after<'s, 'a>(items: &'s [BlockItem<'a>], key: &str) -> Vec<&'s Entry<'a>> {
    let mut out = Vec::new();
    let mut on = false;
    for i in items {
        match i {
            BlockItem::Header(h) => on = h.key.eq_ignore_ascii_case(key),
            BlockItem::Entry(e) if on => out.push(e),
            BlockItem::Entry(_) | BlockItem::Error(_) => {}
        }
    }
    out
}

/// The trees of a page's schema block that placement rewrites, moved out of the page:
/// lowering owns them, where it had copied them (the page is dropped after lowering).
#[derive(Default)]
pub(super) struct Trees<'a> {
    /// A method's `Method parameters:` entries, or a webhook's `Event body:` ones, or
    /// every entry of a type page.
    pub main: Vec<Entry<'a>>,
    /// A method's `Return type:` entries.
    pub returned: Vec<Entry<'a>>,
}

impl<'a> Trees<'a> {
    /// Moves the trees out of `body`'s schema block; its headers stay.
    pub fn take(body: &mut PageBody<'a>) -> Trees<'a> {
        match body {
            PageBody::Method(MethodSyntax { schema: Some(s), .. }) => Trees {
                main: take_entries(&mut s.block.items, Some("Method parameters")),
                returned: take_entries(&mut s.block.items, Some("Return type")),
            },
            PageBody::Webhook(WebhookSyntax { schema: Some(s), .. }) => {
                Trees { main: take_entries(&mut s.block.items, Some("Event body")), returned: Vec::new() }
            }
            PageBody::Type(TypeSyntax { schema: Some(s), .. }) => Trees { main: take_entries(&mut s.block.items, None), returned: Vec::new() },
            _ => Trees::default(),
        }
    }
}

/// The entries after the headers named `key` (as [`entries_after`] finds them), or every
/// entry for `None`, moved out of `items`.
fn take_entries<'a>(items: &mut Vec<BlockItem<'a>>, key: Option<&str>) -> Vec<Entry<'a>> {
    let mut out = Vec::new();
    let mut on = key.is_none();
    let mut kept = Vec::with_capacity(items.len());
    for item in std::mem::take(items) {
        if let (BlockItem::Header(h), Some(key)) = (&item, key) {
            on = h.key.eq_ignore_ascii_case(key);
        }
        match item {
            BlockItem::Entry(e) if on => out.push(e),
            other => kept.push(other),
        }
    }
    *items = kept;
    out
}

/// `PROMISE<X>` (an SDK return type) is `X`.
pub(super) fn return_type_name(value: &str) -> String {
    let v = value.trim();
    v.strip_prefix("PROMISE<").and_then(|r| r.strip_suffix('>')).unwrap_or(v).trim().to_string()
}

fn missing_schema(c: &mut Collector, file: &SourceFile, page: &ParsedPage) {
    c.diagnostics.push(
        Diagnostic::error(file, page.title.offset, page.title.offset, "page has no schema block")
            .with_help("put the schema in a fenced block under a `### Schema` heading (`## Schema:` on type pages)"),
    );
}

pub(super) fn method<'f>(
    c: &mut Collector<'f>,
    ctx: &Ctx<'f>,
    placing: &mut Placing<'_, 'f>,
    page: &ParsedPage<'f>,
    m: &crate::parse::page::MethodSyntax<'f>,
    mut trees: Trees<'f>,
    values: &Values,
) -> Option<MethodDraft> {
    let file = ctx.file;
    let Some(SchemaSyntax { block, offset }) = &m.schema else {
        missing_schema(c, file, page);
        return None;
    };
    let methods: Vec<_> = header(&block.items, "Method").collect();
    let name = methods.first().map(|h| h.value.to_string()).unwrap_or_default();
    let Some(url_line) = header(&block.items, "URL").next() else {
        c.diagnostics.push(Diagnostic::error(file, *offset, *offset, "schema block has no `URL:` line"));
        return None;
    };
    let verb_line = methods.iter().find(|h| h.offset > url_line.offset);
    let verb = match verb_line.map(|h| h.value.to_ascii_uppercase()).as_deref() {
        Some("GET") => HttpVerb::Get,
        Some("POST") => HttpVerb::Post,
        Some("PUT") => HttpVerb::Put,
        Some("PATCH") => HttpVerb::Patch,
        Some("DELETE") => HttpVerb::Delete,
        other => {
            let (at, what) = match (verb_line, other) {
                (Some(h), Some(v)) => (h.value_offset, format!("unknown HTTP method `{v}`")),
                _ => (url_line.offset, "no `Method: <VERB>` line after `URL:`".to_string()),
            };
            c.diagnostics.push(Diagnostic::error(file, at, at, what).with_help("expected GET, POST, PUT, PATCH or DELETE"));
            return None;
        }
    };
    if name.is_empty() {
        c.diagnostics.push(Diagnostic::error(file, *offset, *offset, "schema block has no `Method: <name>` line"));
        return None;
    }
    let url = url_line.value.to_string();
    let path = url_path(&url);
    let title = page.title.value.clone();
    let request = format!("{title}Request");
    let required = required_paths(&block.items);
    let required_names: Vec<String> = required.iter().map(|(p, _)| p.clone()).collect();
    let requests = request_values(&m.examples, values, &path);
    let responses = example_values(&m.examples, values, crate::ir::ExampleKind::Response);
    let mut param_entries = std::mem::take(&mut trees.main);
    let tree = TreeCtx {
        file_index: ctx.file_index,
        file,
        root: Root::Params,
        root_type: request.clone(),
        examples: requests.iter().map(|v| &**v).collect(),
        required: &required_names,
    };
    placement::resolve(&mut param_entries, &tree, placing.evidence, placing.files, &mut c.diagnostics, &mut placing.settling);
    let params_def = c.fields(ctx, &request, &param_entries);
    let template = url_template::Template::read(c, file, url_line, &path, &params_def);
    let params = match &params_def {
        RawDef::Struct { fields, .. } => fields
            .iter()
            .map(|f| Param {
                name: f.name.to_string(),
                location: if template.holds(f.name) {
                    ParamLocation::Path
                } else if verb == HttpVerb::Get {
                    ParamLocation::Query
                } else {
                    ParamLocation::Body
                },
                source: f.source.source(placing.files),
            })
            .collect(),
        RawDef::Enum(_) => Vec::new(),
    };
    let required = template.require_roots(required);
    let description = header(&block.items, "Description").next().map_or("", |h| h.value);
    c.define(ctx, Cow::Owned(request.clone()), params_def, Cow::Borrowed(description), false, page.title.offset);
    let response = header(&block.items, "Return type").next().map(|h| {
        let mut entries = std::mem::take(&mut trees.returned);
        if !entries.is_empty() {
            let tree = TreeCtx {
                file_index: ctx.file_index,
                file,
                root: Root::Return,
                root_type: h.value.to_string(),
                examples: responses.clone(),
                required: &[],
            };
            placement::resolve(&mut entries, &tree, placing.evidence, placing.files, &mut c.diagnostics, &mut placing.settling);
            let def = c.fields(ctx, h.value, &entries);
            c.define(ctx, Cow::Borrowed(h.value), def, Cow::Owned(format!("What `{name}` returns.")), false, h.value_offset);
        } else if crate::parse::schema::parse_type_expr(h.value).is_ok_and(|t| matches!(t, TypeExpr::Named(_))) {
            // A method that returns nothing lists no fields under its return type: an
            // empty object (other pages may still expand the type; their fields count).
            c.define(ctx, Cow::Borrowed(h.value), RawDef::Struct { fields: Vec::new(), one_ofs: Vec::new() }, Cow::Owned(format!("What `{name}` returns.")), false, h.value_offset);
        }
        h.value.to_string()
    });
    let mut errors: Vec<AppError> = m
        .errors
        .iter()
        .map(|e| AppError {
            code: e.code.clone(),
            http_status: e.http_status,
            status: None,
            description: e.description.clone(),
            source: file.source(e.offset),
        })
        .collect();
    for item in &block.items {
        let BlockItem::Error(e) = item else { continue };
        if e.code.is_empty() || errors.iter().any(|x| x.code == e.code) {
            continue;
        }
        errors.push(AppError {
            code: e.code.to_string(),
            http_status: e.http_status,
            status: (!e.status.is_empty()).then(|| e.status.to_string()),
            description: e.description.to_string(),
            source: file.source(e.offset),
        });
    }
    let mut method_examples = examples(file, &m.examples, values, Some(&path), &mut c.diagnostics);
    if verb == HttpVerb::Get {
        // A query string holds text: the schema says which values are numbers, lists
        // (`?fieldsets=FULL` is a list of one) or strings that look like numbers.
        if let Some(RawDef::Struct { .. }) = c.latest(&request).map(|cand| &*cand.def) {
            for (e, v) in method_examples.iter_mut().filter(|(e, _)| e.kind == crate::ir::ExampleKind::Request) {
                coerce_query(v, &request, c, 0);
                e.json = serde_json::to_string_pretty(v).unwrap_or_else(|_| e.json.clone());
            }
        }
    }
    let method_examples = method_examples.into_iter().map(|(e, _)| e).collect();
    Some(MethodDraft {
        key: name.clone(),
        method: Method {
            name,
            title,
            package: m.package.clone(),
            namespace: m.namespace.clone(),
            description: if m.introduction.is_empty() { description.to_string() } else { m.introduction.clone() },
            doc_link: page.link.clone(),
            verb,
            url,
            path,
            request: TypeId::new(""),
            params,
            path_vars: template.path_vars,
            required: required_names,
            response: None,
            errors,
            scopes: m.scopes.clone(),
            examples: method_examples,
            source: file.source(page.title.offset),
        },
        namespace: ctx.namespace.as_deref().map(str::to_string),
        request,
        response,
        required,
        file: ctx.file_index,
    })
}

pub(super) fn webhook<'f>(
    c: &mut Collector<'f>,
    ctx: &Ctx<'f>,
    placing: &mut Placing<'_, 'f>,
    page: &ParsedPage<'f>,
    w: &crate::parse::page::WebhookSyntax<'f>,
    trees: Trees<'f>,
    values: &Values,
) -> Option<EventDraft> {
    let file = ctx.file;
    let Some(SchemaSyntax { block, offset }) = &w.schema else {
        missing_schema(c, file, page);
        return None;
    };
    let event_type = super::event_types::evidence(header(&block.items, "Event type").next(), &w.examples, values, file, *offset);
    let mut entries = trees.main;
    let events = example_values(&w.examples, values, crate::ir::ExampleKind::Event);
    let tree = TreeCtx { file_index: ctx.file_index, file, root: Root::EventBody, root_type: String::new(), examples: events, required: &[] };
    placement::resolve(&mut entries, &tree, placing.evidence, placing.files, &mut c.diagnostics, &mut placing.settling);
    // The body is named after the event (`Contact Updated` → `ContactUpdatedEvent`): two
    // events may carry the same payload (a created and an updated `Contact`).
    let key = event_key(&page.title.value);
    if key.is_empty() {
        c.diagnostics.push(Diagnostic::error(file, *offset, *offset, "webhook schema has no `Webhook: <Name>` line"));
        return None;
    }
    let body = format!("{key}Event");
    // What the event carries; an event that carries nothing typed (a deletion) is its
    // own payload.
    let (payload, at) = payload_of(&entries).unwrap_or_else(|| {
        // Only an envelope that should carry a payload and does not is reported: a
        // deletion carries none, and many webhooks send the payload itself as the body.
        let named = |n: &str| entries.iter().any(|e| matches!(&e.kind, EntryKind::Field(l) if l.name.value == n));
        if ["actionEvent", "createdEvent", "updatedEvent"].iter().any(|n| named(n)) {
            c.diagnostics.push(
                Diagnostic::warning(file, *offset, *offset, "webhook event body carries no typed payload; the body is the event's payload")
                    .with_help("real pages nest it as `actionEvent.body`, `createdEvent.entity` or `updatedEvent.currentEntity`"),
            );
        }
        (body.clone(), *offset)
    });
    let def = c.fields(ctx, &body, &entries);
    let description = header(&block.items, "Description").next().map_or("", |h| h.value);
    c.define(ctx, Cow::Owned(body.clone()), def, Cow::Borrowed(description), false, at);
    Some(EventDraft {
        key: key.clone(),
        event: Event {
            name: page.title.value.clone(),
            event_type: String::new(),
            package: w.package.clone(),
            namespace: w.namespace.clone(),
            description: if w.introduction.is_empty() { description.to_string() } else { w.introduction.clone() },
            doc_link: page.link.clone(),
            body: TypeId::new(""),
            payload: TypeId::new(""),
            examples: examples(file, &w.examples, values, None, &mut c.diagnostics).into_iter().map(|(e, _)| e).collect(),
            source: file.source(page.title.offset),
        },
        namespace: ctx.namespace.as_deref().map(str::to_string),
        body,
        payload,
        event_type,
        file: ctx.file_index,
    })
}

/// `Contact Updated` → `ContactUpdated`: an event's key and the stem of its body's name.
pub fn event_key(name: &str) -> String {
    name.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).map(collect::pascal).collect()
}

/// The type an event body carries: `actionEvent.body`, `createdEvent.entity` or
/// `updatedEvent.currentEntity` (or their `...AsJson` forms, the same value sent as JSON
/// text).
fn payload_of(entries: &[Entry]) -> Option<(String, usize)> {
    let named = |e: &Entry, name: &str| matches!(&e.kind, EntryKind::Field(l) if l.name.value == name || l.name.value.strip_suffix("AsJson") == Some(name));
    for (outer, inner) in [("actionEvent", "body"), ("createdEvent", "entity"), ("updatedEvent", "currentEntity")] {
        let Some(o) = entries.iter().find(|e| named(e, outer)) else { continue };
        let Some(i) = o.children.iter().find(|e| named(e, inner)) else { continue };
        if let EntryKind::Field(l) = &i.kind {
            if let Some(t) = &l.ty {
                if let TypeExpr::Named(n) = &t.value {
                    return Some((n.to_string(), i.offset));
                }
            }
        }
    }
    None
}

pub(super) fn type_page<'f>(c: &mut Collector<'f>, ctx: &Ctx<'f>, placing: &mut Placing<'_, 'f>, page: &ParsedPage<'f>, t: &TypeSyntax<'f>, trees: Trees<'f>) {
    let file = ctx.file;
    let Some(SchemaSyntax { block, offset }) = &t.schema else {
        missing_schema(c, file, page);
        return;
    };
    // `Type: Message Object | type: Message` names the type in its `type:` segment.
    let name = header(&block.items, "Type")
        .next()
        .and_then(|h| h.value.split('|').find_map(|s| s.trim().strip_prefix("type:").map(|n| n.trim().to_string())))
        .unwrap_or_else(|| page.title.value.clone());
    let mut entries = trees.main;
    let tree = TreeCtx { file_index: ctx.file_index, file, root: Root::TypePage, root_type: page.title.value.clone(), examples: Vec::new(), required: &[] };
    placement::resolve(&mut entries, &tree, placing.evidence, placing.files, &mut c.diagnostics, &mut placing.settling);
    let def = c.fields(ctx, &name, &entries);
    let description = if t.description.is_empty() {
        Cow::Borrowed(header(&block.items, "Description").next().map_or("", |h| h.value))
    } else {
        Cow::Owned(t.description.clone())
    };
    c.define(ctx, Cow::Owned(name), def, description, true, *offset);
}

pub(super) fn report_collapsed(diags: &mut Vec<Diagnostic>, file: &SourceFile, page: &ParsedPage) {
    let (block, what) = match &page.body {
        PageBody::Method(m) => (m.schema.as_ref(), "method"),
        PageBody::Webhook(w) => (w.schema.as_ref(), "webhook"),
        PageBody::Type(t) => (t.schema.as_ref(), "type"),
        _ => (None, "page"),
    };
    let Some(SchemaSyntax { block, offset }) = block else { return };
    let mut read = Vec::new();
    for key in ["Method", "URL", "Type", "Webhook", "Event type"] {
        for h in header(&block.items, key) {
            read.push(format!("{key}: {}", h.value));
        }
    }
    let read = if read.is_empty() { "nothing".to_string() } else { read.join("; ") };
    diags.push(Diagnostic::warning(
        file,
        *offset,
        *offset,
        format!("this {what} is left out of the IR: its schema entries could not be recovered from the collapsed page (read: {read})"),
    ));
}

/// The dotted paths of `Required parameters:`, each with its offset in the file.
fn required_paths(items: &[BlockItem]) -> Vec<(String, usize)> {
    let Some(h) = header(items, "Required parameters").next() else { return Vec::new() };
    let mut out = Vec::new();
    let mut pos = 0;
    for part in h.value.split(',') {
        let lead = part.len() - part.trim_start().len();
        if !part.trim().is_empty() {
            out.push((part.trim().to_string(), h.value_offset + pos + lead));
        }
        pos += part.len() + 1;
    }
    out
}

/// `https://www.wixapis.com/inbox/v2/messages` → `/inbox/v2/messages`.
pub(super) fn url_path(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    match rest.find('/') {
        Some(p) if url.contains("://") => rest[p..].to_string(),
        _ if url.starts_with('/') => url.to_string(),
        _ => format!("/{rest}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_paths() {
        assert_eq!(url_path("https://www.wixapis.com/inbox/v2/conversations/{conversationId}"), "/inbox/v2/conversations/{conversationId}");
        assert_eq!(url_path("/a/{b}"), "/a/{b}");
    }
}
