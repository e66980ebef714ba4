//! A webhook's event type (what Wix sends as `eventType`, the key the bindings decode an
//! event by). Real webhook pages have no line for it. In order:
//!
//! 1. `wixgen.toml`'s `[events]` table, by webhook name or page path: the user's word
//!    wins over the page (examples go stale: `wix.blog.post` where the events say
//!    `wix.blog.v3.post`);
//! 2. an ` Event type:` line (this project's convention in `specs/`);
//! 3. the page's JSON example (reported, so that a stale example can be overridden):
//!    what Wix posts names the type, `{"eventType": ..., "data": ...}`; a domain event
//!    names its entity and action, `entityFqdn` and `slug`, and its type is
//!    `<entityFqdn>_<slug>`;
//! 4. nothing: the event type is empty (the bindings cannot decode the event by type
//!    until it is set), with a warning naming the override to add.

use std::collections::BTreeSet;

use crate::diag::{Diagnostic, SourceFile};
use crate::ir::{Event, ExampleKind, Source};
use crate::overrides::Overrides;
use crate::parse::page::ExampleSyntax;
use crate::parse::schema::HeaderLine;

/// What a webhook page says of its event type.
#[derive(Clone, Debug)]
pub(super) enum Evidence {
    /// An ` Event type:` line.
    Line(String),
    /// What the example at `at` names (`from`: how, in words).
    Example { event_type: String, from: &'static str, at: Source },
    /// Nothing; `at` is the schema block.
    Nothing { at: Source },
}

/// Reads the evidence of one page: its `Event type:` line, else its event examples.
pub(super) fn evidence(line: Option<&HeaderLine>, examples: &[ExampleSyntax], values: &super::examples::Values, file: &SourceFile, block: usize) -> Evidence {
    if let Some(h) = line.filter(|h| !h.value.is_empty()) {
        return Evidence::Line(h.value.to_string());
    }
    for (e, value) in examples.iter().zip(values).filter(|(e, _)| e.kind == ExampleKind::Event) {
        let Ok(value) = value else { continue };
        if let Some((event_type, from)) = named_by(value) {
            return Evidence::Example { event_type, from, at: file.source(e.offset) };
        }
    }
    Evidence::Nothing { at: file.source(block) }
}

/// The event type an example names, and how: an envelope's `eventType` (the example is
/// what Wix posts, `{eventType, instanceId, data}`), else `<entityFqdn>_<slug>` of the
/// domain event (the example itself, or the JSON text of the envelope's `data`).
fn named_by(value: &serde_json::Value) -> Option<(String, &'static str)> {
    let text = |v: &serde_json::Value, k: &str| v.get(k).and_then(serde_json::Value::as_str).filter(|s| !s.is_empty()).map(str::to_string);
    if let Some(t) = text(value, "eventType") {
        return Some((t, "its `eventType`"));
    }
    if let (Some(fqdn), Some(slug)) = (text(value, "entityFqdn"), text(value, "slug")) {
        return Some((format!("{fqdn}_{slug}"), "its `entityFqdn` and `slug`"));
    }
    let data = serde_json::from_str::<serde_json::Value>(&text(value, "data")?).ok()?;
    match (text(&data, "entityFqdn"), text(&data, "slug")) {
        (Some(fqdn), Some(slug)) => Some((format!("{fqdn}_{slug}"), "the `entityFqdn` and `slug` of its `data`")),
        _ => None,
    }
}

/// Sets `event.event_type` from the override for it or the page's evidence, and notes
/// which override keys were used.
pub(super) fn decide(event: &mut Event, evidence: Evidence, page: &str, overrides: &Overrides, used: &mut BTreeSet<String>, diags: &mut Vec<Diagnostic>) {
    let key = [page, event.name.as_str()].into_iter().find(|k| overrides.events.contains_key(*k));
    if let Some(key) = key {
        event.event_type = overrides.events[key].event_type.clone();
        used.insert(key.to_string());
        return;
    }
    let table = format!("[events]\n\"{}\" = \"<event type>\"", event.name);
    match evidence {
        Evidence::Line(t) => event.event_type = t,
        Evidence::Example { event_type, from, at } => {
            diags.push(
                Diagnostic::warning_at(&at, format!("the event type of webhook `{}` is taken from its example: `{event_type}` ({from})", event.name))
                .with_help(format!("the page has no `Event type:` line; if the example is stale, set it in {}:\n{table}", crate::overrides::FILE_NAME)),
            );
            event.event_type = event_type;
        }
        Evidence::Nothing { at } => {
            diags.push(
                Diagnostic::warning_at(&at, format!("the event type of webhook `{}` is unknown: the page has no `Event type:` line and no example naming it", event.name))
                    .with_help(format!(
                        "until it is set, the bindings have the event's types but cannot pick it out by type; add to {}:\n{table}",
                        crate::overrides::FILE_NAME
                    )),
            );
            event.event_type = String::new();
        }
    }
}

/// Overrides that named no webhook.
pub(super) fn unused(overrides: &Overrides, used: &BTreeSet<String>, diags: &mut Vec<Diagnostic>) {
    for (key, o) in &overrides.events {
        if !used.contains(key) {
            diags.push(
                Diagnostic::warning_at(&o.source, format!("event type override `{key}` names no webhook of the pages"))
                    .with_help("a key is a webhook's name as its `Webhook:` line writes it, or its page's path below the folder of pages"),
            );
        }
    }
}
