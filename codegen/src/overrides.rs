//! `wixgen.toml`, the small settings file beside the pages: the user's word on which
//! fields hold IDs, where wixgen's judgement from names and descriptions is wrong.
//!
//! ```toml
//! [ids]
//! "Booking.formId" = "Form"          # holds IDs of kind `Form` (the type `FormId`)
//! "Booking.externalUserId" = false   # not an ID, whatever its name says
//! ```
//!
//! Keys are `Type.field` (the type as the pages name it, namespace-qualified where the
//! IR qualifies it: `messages.IdentificationData.appId`). Values are a kind (PascalCase,
//! the stem of the ID type) or `false`.

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

/// Every override of the settings file, keyed by `Type.field`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Overrides {
    pub ids: BTreeMap<String, IdOverride>,
    /// `ignore = ["NOTES.md", "drafts/**"]`: files of the folder that are not pages, as
    /// patterns of paths relative to it (see [`crate::load::glob_match`]), each with where
    /// it is written.
    pub ignore: Vec<(String, Source)>,
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
        if section == "ignore" {
            ignore_list(file, value, at, &mut out, &mut diags);
            continue;
        }
        if section != "ids" {
            diags.push(
                Diagnostic::warning(file, at, at + section.len(), format!("unknown section `[{section}]` in {FILE_NAME}; ignored"))
                    .with_help("the known section is `[ids]`"),
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

fn is_kind(k: &str) -> bool {
    k.starts_with(|c: char| c.is_ascii_uppercase()) && k.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Where `word` is written in the file, at or after `from` (start of file if not found).
fn find(file: &SourceFile, word: &str, from: usize) -> usize {
    file.text.get(from..).and_then(|t| t.find(word)).map_or(from, |i| from + i)
}
