//! Methods and webhooks that share a name: every one is kept, under a key of its own.
//!
//! One API may hold a method name in several namespaces (an events API's `get` in its
//! orders, tickets and RSVPs), or twice in one namespace (an old and a new version of
//! `getProduct`, or three URLs of `updateInventoryVariants`). Keys:
//!
//! - a name used once keeps it (`sendMessage`);
//! - a name used in several namespaces is qualified by the namespace, in every one of
//!   them (`ordermanagements.get`, `tickets.get`), and its request type is kept apart per
//!   namespace even where the definitions agree (`ordermanagements.GetRequest`);
//! - the second and later methods of one name in one namespace get a number after the
//!   name (`getProduct2`), and a request of their own (`GetProduct2Request`), with a
//!   warning. The order is that of their URL path, then verb, then page file: it does not
//!   depend on the order pages are read in. A number is skipped where the name it makes
//!   is another method's.
//!
//! Webhooks are keyed the same way by their name in PascalCase (`OrderUpdated`,
//! `checkouts.OrderUpdated`, `OrderUpdated2`), their body types alike.

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::{Diagnostic, SourceFile};
use crate::ir::Source;

use super::collect::Collector;
use super::{event_key, Draft, Lowered};

/// One method or webhook, as this module sees it.
struct Entry {
    /// Index in `lowered`.
    index: usize,
    name: String,
    /// As the page names it (`Shelf Moved` for the key `ShelfMoved`).
    shown: String,
    namespace: Option<String>,
    /// The namespace as the page writes it.
    written_namespace: String,
    /// What orders entries of one name in one namespace: URL path and verb, or event type.
    order: (String, String, String),
    source: Source,
    what: String,
}

/// Gives every method and event draft its key, renames the request or body types of the
/// later entries of a name in one namespace, and returns the type names that must stay
/// apart per namespace (the requests and bodies of names used in several namespaces).
pub(super) fn assign_keys(lowered: &mut [Lowered], c: &mut Collector, files: &[SourceFile], diags: &mut Vec<Diagnostic>) -> BTreeSet<String> {
    let mut qualified = BTreeSet::new();
    for methods in [true, false] {
        let entries: Vec<Entry> = lowered
            .iter()
            .enumerate()
            .filter_map(|(index, l)| {
                let file = files[l.file].name.clone();
                match &l.draft {
                    Draft::Method(d) if methods => Some(Entry {
                        index,
                        name: d.method.name.clone(),
                        shown: d.method.name.clone(),
                        namespace: d.namespace.clone(),
                        written_namespace: d.method.namespace.clone(),
                        order: (d.method.path.clone(), format!("{:?}", d.method.verb), file),
                        source: d.method.source.clone(),
                        what: format!("{} {}", format!("{:?}", d.method.verb).to_uppercase(), d.method.path),
                    }),
                    Draft::Event(d) if !methods => Some(Entry {
                        index,
                        name: event_key(&d.event.name),
                        shown: d.event.name.clone(),
                        namespace: d.namespace.clone(),
                        written_namespace: d.event.namespace.clone(),
                        order: (d.event.event_type.clone(), String::new(), file),
                        source: d.event.source.clone(),
                        what: if d.event.event_type.is_empty() { "no event type".into() } else { format!("event type `{}`", d.event.event_type) },
                    }),
                    _ => None,
                }
            })
            .collect();
        let taken: BTreeSet<String> = entries.iter().map(|e| e.name.to_ascii_lowercase()).collect();
        let mut by_name: BTreeMap<&str, Vec<&Entry>> = BTreeMap::new();
        for e in &entries {
            by_name.entry(e.name.as_str()).or_default().push(e);
        }
        for (name, group) in by_name {
            let namespaces: BTreeSet<&Option<String>> = group.iter().map(|e| &e.namespace).collect();
            let across = namespaces.len() > 1;
            for ns in namespaces {
                let mut same: Vec<&Entry> = group.iter().copied().filter(|e| &e.namespace == ns).collect();
                same.sort_by(|a, b| a.order.cmp(&b.order));
                let mut n = 1;
                for (i, e) in same.iter().enumerate() {
                    let numbered = if i == 0 {
                        name.to_string()
                    } else {
                        loop {
                            n += 1;
                            let candidate = format!("{name}{n}");
                            if !taken.contains(&candidate.to_ascii_lowercase()) {
                                break candidate;
                            }
                        }
                    };
                    let key = match (across, ns) {
                        (true, Some(ns)) => format!("{ns}.{numbered}"),
                        _ => numbered.clone(),
                    };
                    if i > 0 {
                        let kind = if methods { "method" } else { "webhook" };
                        let place = if e.written_namespace.trim().is_empty() { String::new() } else { format!(" in namespace `{}`", e.written_namespace.trim()) };
                        diags.push(
                            Diagnostic::warning_at(
                                &e.source,
                                format!("{kind} `{}` is defined {} times{place}; this one ({}) is kept as `{numbered}`", e.shown, same.len(), e.what),
                            )
                            .with_note(&same[0].source, format!("`{name}` ({})", same[0].what)),
                        );
                    }
                    let renamed = set_key(&mut lowered[e.index].draft, key, (i > 0).then_some(n));
                    if let Some((old, new)) = &renamed {
                        rename_candidates(c, e.index as u32, old, new);
                    }
                    if across {
                        qualified.insert(renamed.map_or_else(|| own_type(&lowered[e.index].draft), |(_, new)| new));
                    }
                }
            }
        }
    }
    qualified
}

/// The type named after the entry: a method's request, an event's body.
fn own_type(draft: &Draft) -> String {
    match draft {
        Draft::Method(d) => d.request.clone(),
        Draft::Event(d) => d.body.clone(),
        Draft::None => String::new(),
    }
}

/// Sets the draft's key; with a number, renames its own type (`GetProductRequest` →
/// `GetProduct2Request`) and returns the old and new names.
fn set_key(draft: &mut Draft, key: String, number: Option<u32>) -> Option<(String, String)> {
    let (own, stem_len) = match draft {
        Draft::Method(d) => {
            d.key = key;
            let stem = d.request.len() - "Request".len();
            (&mut d.request, stem)
        }
        Draft::Event(d) => {
            d.key = key;
            // The payload is the body itself for an event that carries nothing typed.
            let body_is_payload = d.payload == d.body;
            let stem = d.body.len() - "Event".len();
            if let (Some(n), true) = (number, body_is_payload) {
                d.payload = format!("{}{n}{}", &d.body[..stem], &d.body[stem..]);
            }
            (&mut d.body, stem)
        }
        Draft::None => return None,
    };
    let n = number?;
    let old = own.clone();
    *own = format!("{}{n}{}", &old[..stem_len], &old[stem_len..]);
    Some((old, own.clone()))
}

/// Moves the candidates page `page` gave for `old` to the name `new`.
fn rename_candidates(c: &mut Collector, page: u32, old: &str, new: &str) {
    let Some(all) = c.candidates.get_mut(old) else { return };
    let (moved, kept): (Vec<_>, Vec<_>) = std::mem::take(all).into_iter().partition(|cand| cand.page == page);
    *all = kept;
    if all.is_empty() {
        c.candidates.remove(old);
    }
    let to = c.candidates.entry(new.to_string()).or_default();
    for mut cand in moved {
        cand.name = new.to_string().into();
        to.push(cand);
    }
    to.sort_by_key(|cand| cand.page);
}
