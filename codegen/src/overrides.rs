//! `wixgen.toml`, the small settings file beside the pages: the user's word where the
//! pages leave wixgen to judge — which fields hold IDs, and what type a webhook's events
//! carry — and (for `wixgen generate`) which crate of shared ID types the bindings
//! re-export.
//!
//! ```toml
//! [ids]
//! "Booking.formId" = "Form"          # holds IDs of kind `Form` (the type `FormId`)
//! "Booking.externalUserId" = false   # not an ID, whatever its name says
//!
//! [events]
//! "Booking Canceled" = "wix.bookings.v2.booking_canceled"   # by the `Webhook:` name
//! "orders/order-paid.md" = "wix.ecom.v1.order_paid"          # or by the page
//!
//! [ids-crate]
//! path = "../my-ids"                 # the ID types of this crate, relative to this file
//! # path = false                     # no shared crate: every ID type declared here
//! ```
//!
//! `[ids]` keys are `Type.field` (the type as the pages name it, namespace-qualified where
//! the IR qualifies it: `messages.IdentificationData.appId`); values are a kind
//! (PascalCase, the stem of the ID type) or `false`. `[events]` keys are a webhook's name
//! as its `Webhook:` line writes it, or its page's path below the folder of pages; values
//! are the event type Wix sends (`eventType`), which wins over what the page says.

use std::collections::BTreeMap;

use crate::diag::{Diagnostic, SourceFile};
use crate::ir::Source;

/// The name of the settings file, at the root of a spec directory.
pub const FILE_NAME: &str = "wixgen.toml";

/// One override: a kind, or "not an ID".
#[derive(Clone, Debug, PartialEq)]
pub struct IdOverride {
    /// `None`: the field holds no IDs.
    pub kind: Option<String>,
    pub source: Source,
}

/// The event type of a webhook, set by the user.
#[derive(Clone, Debug, PartialEq)]
pub struct EventOverride {
    pub event_type: String,
    pub source: Source,
}

/// Every override of the settings file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Overrides {
    /// Keyed by `Type.field`.
    pub ids: BTreeMap<String, IdOverride>,
    /// `ignore = ["NOTES.md", "drafts/**"]`: files of the folder that are not pages, as
    /// patterns of paths relative to it (see [`crate::load::glob_match`]), each with where
    /// it is written.
    pub ignore: Vec<(String, Source)>,
    /// Keyed by webhook name or page path.
    pub events: BTreeMap<String, EventOverride>,
    /// `[ids-crate]`: the crate of shared ID types, when the file names one.
    pub ids_crate: Option<IdsCrateChoice>,
}

/// `[ids-crate] path = ...`: where the shared ID types come from.
#[derive(Clone, Debug, PartialEq)]
pub enum IdsCrateChoice {
    /// The crate at this path (relative to the settings file).
    Path(String, Source),
    /// `path = false`: none; the bindings declare every ID type.
    None,
}

/// Reads the settings file. Problems are errors located in it; what can be read is kept.
pub fn parse(file: &SourceFile) -> (Overrides, Vec<Diagnostic>) {
    let mut out = Overrides::default();
    let mut diags = Vec::new();
    let table: toml::Table = match toml::from_str(&file.text) {
        Ok(t) => t,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            diags.push(Diagnostic::error(file, span.start, span.end, format!("{FILE_NAME} is not valid TOML: {}", e.message())));
            return (out, diags);
        }
    };
    for (section, value) in &table {
        let at = find(file, section, 0);
        if section == "ids-crate" {
            out.ids_crate = ids_crate(file, value, at, &mut diags);
            continue;
        }
        if section == "ignore" {
            ignore_list(file, value, at, &mut out, &mut diags);
            continue;
        }
        if section == "events" {
            events(file, value, at, &mut out, &mut diags);
            continue;
        }
        if section != "ids" {
            diags.push(
                Diagnostic::warning(file, at, at + section.len(), format!("unknown section `[{section}]` in {FILE_NAME}; ignored"))
                    .with_help("the known keys are `ignore`, `[ids]`, `[events]` and `[ids-crate]`"),
            );
            continue;
        }
        let Some(ids) = value.as_table() else {
            diags.push(Diagnostic::error(file, at, at + section.len(), "`ids` must be a table of `\"Type.field\" = \"Kind\"` or `false`"));
            continue;
        };
        for (key, value) in ids {
            let at = find(file, key, at);
            let kind = match value {
                toml::Value::String(k) if is_kind(k) => Some(k.clone()),
                toml::Value::Boolean(false) => None,
                _ => {
                    diags.push(
                        Diagnostic::error(file, at, at + key.len(), format!("the override of `{key}` must be a kind (`\"Contact\"`) or `false`"))
                            .with_help("a kind is PascalCase letters and digits: the ID type's name without `Id`"),
                    );
                    continue;
                }
            };
            if !key.contains('.') {
                diags.push(Diagnostic::error(file, at, at + key.len(), format!("`{key}` is not `Type.field`")));
                continue;
            }
            out.ids.insert(key.clone(), IdOverride { kind, source: file.source(at) });
        }
    }
    (out, diags)
}

/// `[ids-crate]`: `path = "dir"` or `path = false`.
fn ids_crate(file: &SourceFile, value: &toml::Value, at: usize, diags: &mut Vec<Diagnostic>) -> Option<IdsCrateChoice> {
    let wrong = |diags: &mut Vec<Diagnostic>, at: usize, len: usize| {
        diags.push(
            Diagnostic::error(file, at, at + len, "`[ids-crate]` takes `path = \"<directory of the crate>\"` or `path = false`")
                .with_help("the path is relative to this file"),
        );
    };
    let Some(table) = value.as_table() else {
        wrong(diags, at, "ids-crate".len());
        return None;
    };
    for key in table.keys().filter(|k| *k != "path") {
        let at = find(file, key, at);
        diags.push(Diagnostic::warning(file, at, at + key.len(), format!("unknown key `{key}` in `[ids-crate]`; ignored")));
    }
    let path_at = find(file, "path", at);
    match table.get("path") {
        Some(toml::Value::String(path)) if !path.trim().is_empty() => Some(IdsCrateChoice::Path(path.clone(), file.source(path_at))),
        Some(toml::Value::Boolean(false)) => Some(IdsCrateChoice::None),
        _ => {
            wrong(diags, path_at, "path".len());
            None
        }
    }
}

/// `ignore = [...]`: a list of path patterns.
fn ignore_list(file: &SourceFile, value: &toml::Value, at: usize, out: &mut Overrides, diags: &mut Vec<Diagnostic>) {
    let patterns = value.as_array().map(|items| items.iter().map(toml::Value::as_str).collect::<Option<Vec<&str>>>());
    let Some(Some(patterns)) = patterns else {
        diags.push(
            Diagnostic::error(file, at, at + "ignore".len(), "`ignore` must be a list of paths: `ignore = [\"NOTES.md\", \"drafts/**\"]`")
                .with_help("paths are relative to the folder of pages; `*` stands for any part of a name, `**` for any directories"),
        );
        return;
    };
    for pattern in patterns {
        let quoted = format!("\"{pattern}\"");
        let where_ = find(file, &quoted, at);
        out.ignore.push((pattern.to_string(), file.source(where_)));
    }
}

/// The `[events]` table: `"<webhook name or page>" = "<event type>"`.
fn events(file: &SourceFile, value: &toml::Value, at: usize, out: &mut Overrides, diags: &mut Vec<Diagnostic>) {
    let Some(events) = value.as_table() else {
        diags.push(Diagnostic::error(file, at, at + "events".len(), "`events` must be a table of `\"<webhook name or page>\" = \"<event type>\"`"));
        return;
    };
    for (key, value) in events {
        let at = find(file, key, at);
        match value {
            toml::Value::String(t) if !t.is_empty() && !t.contains(char::is_whitespace) => {
                out.events.insert(key.clone(), EventOverride { event_type: t.clone(), source: file.source(at) });
            }
            _ => diags.push(
                Diagnostic::error(file, at, at + key.len(), format!("the event type of `{key}` must be a string without spaces"))
                    .with_help("the type Wix sends in the event's `eventType`, such as `\"wix.bookings.v2.booking_created\"`"),
            ),
        }
    }
}

fn is_kind(k: &str) -> bool {
    k.starts_with(|c: char| c.is_ascii_uppercase()) && k.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Where `word` is written in the file, at or after `from` (start of file if not found).
fn find(file: &SourceFile, word: &str, from: usize) -> usize {
    file.text.get(from..).and_then(|t| t.find(word)).map_or(from, |i| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> (Overrides, Vec<Diagnostic>) {
        parse(&SourceFile::new(FILE_NAME, text))
    }

    #[test]
    fn the_ids_crate_is_a_path_or_false() {
        let (o, d) = parsed("[ids-crate]\npath = \"../my-ids\"\n");
        assert!(d.is_empty(), "{d:?}");
        assert!(matches!(o.ids_crate, Some(IdsCrateChoice::Path(ref p, ref at)) if p == "../my-ids" && at.line == 2));
        let (o, d) = parsed("[ids-crate]\npath = false\n");
        assert!(d.is_empty() && o.ids_crate == Some(IdsCrateChoice::None), "{d:?}");
        // Anything else is an error at the key; an unknown key a warning.
        let (o, d) = parsed("[ids-crate]\npath = 3\nkinds = []\n");
        assert_eq!(o.ids_crate, None);
        assert!(d.iter().any(|d| d.is_error() && d.message.contains("`[ids-crate]` takes")), "{d:?}");
        assert!(d.iter().any(|d| !d.is_error() && d.message.contains("unknown key `kinds`")), "{d:?}");
        let (_, d) = parsed("[ids-crate]\n");
        assert!(d.iter().any(Diagnostic::is_error), "{d:?}");
    }
}
