//! The lines of a schema block: header lines (`Method: sendMessage`, `URL: ...`,
//! `Return type: X`) and the entry tree (`param name: ...`, `- name: ...`, `- ONE-OF:`,
//! `- ENUM:` and its values), nested by indentation.
//!
//! This is a syntax tree only: names are not resolved, quirks are not folded (that is
//! lowering's job), but every segment is split, trimmed, typed where its key is known,
//! and located. A line that cannot be read becomes a diagnostic and is skipped; parsing
//! goes on with the next line.

use std::collections::BTreeMap;

use crate::diag::{Diagnostic, SourceFile};
use crate::ir::Rule;

/// A schema block: its lines in order, header lines and top-level entries interleaved
/// as the page writes them (`Method parameters:` is followed by its `param name:` entries,
/// `Return type: X` by the `- name:` entries of X, ...).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SchemaBlock {
    pub items: Vec<BlockItem>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum BlockItem {
    Header(HeaderLine),
    Entry(Entry),
}

/// `Key: value` outside the entry tree: `Method`, `Description`, `URL`,
/// `Required parameters`, `Method parameters`, `Return type`, `Type`, `Webhook`,
/// `Event type`, `Event body`, `# Note`, or any other key.
#[derive(Clone, Debug, PartialEq)]
pub struct HeaderLine {
    /// Trimmed, as written (`Return type`).
    pub key: String,
    /// Trimmed; may be empty (`Method parameters:`). For `Type: Message Object | type:
    /// Message` the whole text after the first colon.
    pub value: String,
    /// Byte offset in the file of the key's first character.
    pub offset: usize,
    /// Byte offset in the file of the value's first character (end of line if empty).
    pub value_offset: usize,
}

/// One entry line and the entries nested under it.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub kind: EntryKind,
    /// Byte offset in the file of the line's first non-blank character.
    pub offset: usize,
    /// Indentation in characters (leading spaces; a tab counts as one).
    pub indent: usize,
    pub children: Vec<Entry>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum EntryKind {
    /// `param name: x | ...` (a method's top-level parameter) or `- name: x | ...`.
    Field(FieldLine),
    /// `- ONE-OF:`: the children are the group's members.
    OneOf,
    /// `- ENUM:`: the children are [`EntryKind::EnumValue`]s.
    Enum,
    /// `- VALUE_NAME: description` under an `- ENUM:`.
    EnumValue { name: String, description: String },
}

/// The segments of a field line, split on `|`, each `key: value`, trimmed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FieldLine {
    /// True for `param name:`, false for `- name:`.
    pub is_param: bool,
    pub name: Located<String>,
    /// Absent when the line has no `type:` segment.
    pub ty: Option<Located<TypeExpr>>,
    pub description: String,
    /// `required: true`; `required: false` and no segment both give false.
    pub required: bool,
    /// `read-only: true`.
    pub read_only: bool,
    /// `deprecated: <note>`; `deprecated: true` gives an empty note. (Project convention.)
    pub deprecated: Option<String>,
    /// `validation: minLength 1, maxLength 100, format GUID`.
    pub rules: Vec<Rule>,
    /// Segments whose key is not known, kept verbatim.
    pub extra: BTreeMap<String, String>,
}

/// A value and the byte offset in the file where it starts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Located<T> {
    pub value: T,
    pub offset: usize,
}

/// The value of a `type:` segment.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeExpr {
    /// `string`, `number`, `boolean`, `object`, `none`, `Message`, or the field's own name
    /// (a quirk of real pages): anything that is not one of the forms below.
    Named(String),
    /// `string (date-time)`.
    DateTime,
    /// `Array<T>` (`Some`), or bare `Array` whose element is described by the children
    /// (`None`).
    Array(Option<Box<TypeExpr>>),
}

/// Reads the schema block whose text is `file.text[start..end]` (the inside of the fence,
/// without the fence lines). Offsets in the result are offsets in `file.text`.
pub fn parse_schema_block(file: &SourceFile, start: usize, end: usize) -> (SchemaBlock, Vec<Diagnostic>) {
    let _ = (file, start, end);
    (SchemaBlock::default(), Vec::new())
}
