//! The lines of a schema block: header lines (`Method: sendMessage`, `URL: ...`,
//! `Return type: X`) and the entry tree (`param name: ...`, `- name: ...`, `- ONE-OF:`,
//! `- ENUM:` and its values), nested by indentation.
//!
//! This is a syntax tree only: names are not resolved, quirks are not folded (that is
//! lowering's job), but every segment is split, trimmed, typed where its key is known,
//! and located. A line that cannot be read becomes a diagnostic and is skipped; parsing
//! goes on with the next line.
//!
//! How lines are read:
//!
//! - A line whose first non-blank character is `-`, or whose text before the first colon
//!   is `param name`, is an entry line; any other line is a header line `Key: value`
//!   (split at the first colon). A header line ends the entry tree: the entries after it
//!   start a new one, at any indentation.
//! - An entry's parent is the nearest entry before it that is indented less (any step;
//!   every white-space character counts as one column, a tab goes to a tab stop: see
//!   `Parser::indent_of`). Siblings need not share a column: the dialect writes a
//!   parameter's one-of marker and members shallower than its fields, and a one-of of a
//!   single member without its marker, deeper than the fields after it. Nesting is
//!   capped at [`MAX_DEPTH`] levels.
//! - A line that cannot be read (an entry line without a name, an unknown line) is
//!   skipped with the entry lines nested under it, so that they are not attached to the
//!   wrong parent. Every entry left out so is counted on the diagnostic that says why
//!   ([`Diagnostic::dropped`](crate::diag::Diagnostic::dropped)).
//! - Segments are split on `|`, except inside inline code (when the line's backticks
//!   pair up). A segment is `key: value` when the text before its first colon is a known
//!   key or a single word of letters, digits, `-` and `_`; a segment that is not, right
//!   after a `description:` segment, belongs to the description (the `|` was part of it).
//! - A block of one non-blank line holding, past its start, two or more markers
//!   (`param name:`, `- name:`, `- ONE-OF:`, `- ENUM:`, `Method:`, `URL:`, `Return type:`,
//!   `Description:`, `Method parameters:`, `Event body:`) had its white space collapsed:
//!   its header lines are recovered, its entries are counted and reported, not guessed.

use crate::parse::FastTrim;
use std::borrow::Cow;
use std::fmt;

use crate::diag::{Diagnostic, Severity, SourceFile};
use crate::ir::Rule;

mod collapsed;
mod field;
#[cfg(test)]
mod tests;

pub use field::{parse_rule, parse_type_expr};

/// A schema block: its lines in order, header lines and top-level entries interleaved
/// as the page writes them (`Method parameters:` is followed by its `param name:` entries,
/// `Return type: X` by the `- name:` entries of X, ...).
///
/// Every text of it is a slice of the page (`'a`): reading a block allocates per entry
/// with children, never per line or segment.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SchemaBlock<'a> {
    pub items: Vec<BlockItem<'a>>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum BlockItem<'a> {
    Header(HeaderLine<'a>),
    Entry(Entry<'a>),
    /// A line under `Possible Errors:`.
    Error(ErrorLine<'a>),
}

/// `HTTP Code: 404 | Status Code: NOT_FOUND | Application Code: X | Description: ...`, one
/// of the lines under a block's `Possible Errors:` header.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ErrorLine<'a> {
    /// `None` when the code is not a number (reported).
    pub http_status: Option<u16>,
    /// The gRPC-style status name (`NOT_FOUND`); empty when the line has none.
    pub status: &'a str,
    /// The application error code; empty when the line has none.
    pub code: &'a str,
    pub description: &'a str,
    /// Byte offset in the file of the line's first non-blank character.
    pub offset: usize,
}

/// `Key: value` outside the entry tree: `Method`, `Description`, `URL`,
/// `Required parameters`, `Method parameters`, `Return type`, `Type`, `Webhook`,
/// `Event type`, `Event body`, `# Note`, or any other key.
#[derive(Clone, Debug, PartialEq)]
pub struct HeaderLine<'a> {
    /// Trimmed, as written (`Return type`).
    pub key: &'a str,
    /// Trimmed; may be empty (`Method parameters:`). For `Type: Message Object | type:
    /// Message` the whole text after the first colon.
    pub value: &'a str,
    /// Byte offset in the file of the key's first character.
    pub offset: usize,
    /// Byte offset in the file of the value's first character (end of line if empty).
    pub value_offset: usize,
}

/// One entry line and the entries nested under it.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry<'a> {
    pub kind: EntryKind<'a>,
    /// Byte offset in the file of the line's first non-blank character.
    pub offset: usize,
    /// Indentation in characters (leading spaces; a tab counts as one).
    pub indent: usize,
    pub children: Vec<Entry<'a>>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum EntryKind<'a> {
    /// `param name: x | ...` (a method's top-level parameter) or `- name: x | ...`.
    Field(FieldLine<'a>),
    /// `- ONE-OF:`: the children are the group's members. `required` for
    /// `- ONE-OF: - required: true`: exactly one member must be set.
    OneOf { required: bool },
    /// `- enum:` (or `- ENUM:`): the children are [`EntryKind::EnumValue`]s, whether the
    /// page lists them inline (`- enum: ASC, DESC`), on lines at the marker's own
    /// indentation (`-     NAME: description`) or nested deeper.
    Enum,
    /// `NAME: description` under an enum marker.
    EnumValue { name: &'a str, description: &'a str },
}

/// The segments of a field line, split on `|`, each `key: value`, trimmed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FieldLine<'a> {
    /// True for `param name:`, false for `- name:`.
    pub is_param: bool,
    pub name: Located<&'a str>,
    /// Absent when the line has no `type:` segment.
    pub ty: Option<Located<TypeExpr<'a>>>,
    pub description: &'a str,
    /// `required: true`; `required: false` and no segment both give false.
    pub required: bool,
    /// `read-only: true`.
    pub read_only: bool,
    /// `deprecated: <note>`; `deprecated: true` gives an empty note. (Project convention.)
    pub deprecated: Option<&'a str>,
    /// `validation: minLength 1, maxLength 100, format GUID`.
    pub rules: Vec<Rule>,
    /// Segments whose key is not known, kept verbatim, in page order (a key once: the
    /// first segment of a key is kept).
    pub extra: Vec<(&'a str, &'a str)>,
}

impl<'a> FieldLine<'a> {
    /// The value of the segment with key `key` that this parser does not know (the first
    /// one, where a key is written twice).
    pub fn extra_value(&self, key: &str) -> Option<&'a str> {
        self.extra.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
    }
}

/// A value and the byte offset in the file where it starts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Located<T> {
    pub value: T,
    pub offset: usize,
}

/// The value of a `type:` segment.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeExpr<'a> {
    /// `string`, `number`, `integer`, `boolean`, `object`, `none`, `Message`, or the
    /// field's own name (a quirk of real pages): anything that is not one of the forms
    /// below.
    Named(&'a str),
    /// `string (date-time)`, or `Date` in a JavaScript SDK block.
    DateTime,
    /// `array<T>` or `Array<T>` (`Some`), or bare `array`/`Array` (`None`): an array of
    /// strings, or of a type described by the children when it has any.
    Array(Option<Box<TypeExpr<'a>>>),
}

/// Writes the expression as a page would: `string (date-time)`, `Array<Array<Foo>>`,
/// `Array`.
impl fmt::Display for TypeExpr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Iterative, so that no depth of nesting can exhaust the stack.
        let mut depth = 0;
        let mut ty = self;
        while let TypeExpr::Array(Some(inner)) = ty {
            f.write_str("Array<")?;
            depth += 1;
            ty = inner;
        }
        match ty {
            TypeExpr::Named(n) => f.write_str(n)?,
            TypeExpr::DateTime => f.write_str("string (date-time)")?,
            TypeExpr::Array(_) => f.write_str("Array")?,
        }
        for _ in 0..depth {
            f.write_str(">")?;
        }
        Ok(())
    }
}

/// The deepest nesting of entries read: an entry line nested deeper is reported
/// ("nesting deeper than 256 levels") and skipped with everything under it, so that the
/// tree stays shallow enough for recursive walks, clones and drops.
pub const MAX_DEPTH: usize = 256;

/// The header keys that a whitespace-collapsed block is cut at.
pub const HEADER_KEYS: [&str; 11] = [
    "Method",
    "Description",
    "URL",
    "Required parameters",
    "Method parameters",
    "Return type",
    "Type",
    "Webhook",
    "Event type",
    "Event body",
    "# Note",
];

/// Diagnostics reported for one line at most; past that, one warning says the rest were
/// left out (this keeps a pathological line linear: locating a diagnostic costs time
/// proportional to its column).
const MAX_DIAGS_PER_LINE: usize = 16;

/// Reads the schema block whose text is `file.text[start..end]` (the inside of the fence,
/// without the fence lines). Offsets in the result are offsets in `file.text`.
pub fn parse_schema_block(file: &SourceFile, start: usize, end: usize) -> (SchemaBlock<'_>, Vec<Diagnostic>) {
    let text = &file.text;
    let mut end = end.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut start = start.min(end);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let block: &str = &text[start..end];
    let mut parser = Parser::new(file);
    // One entry a line at most: room for them all, so that the nodes are never moved.
    parser.nodes.reserve(memchr::memchr_iter(b'\n', block.as_bytes()).count() + 1);
    if let Some((offset, line)) = collapsed::collapsed_line(block) {
        parser.collapsed(start + offset, line);
    } else {
        let mut pos = 0;
        for end in memchr::memchr_iter(b'\n', block.as_bytes()).chain(std::iter::once(block.len())) {
            let raw = &block[pos..end];
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            parser.line(start + pos, line);
            pos = end + 1;
        }
    }
    parser.finish()
}

/// An entry while the block is read: its children as a list through
/// [`Parser::nodes`] (first and last child, next sibling), so that reading a line
/// allocates nothing.
struct Node<'a> {
    kind: EntryKind<'a>,
    offset: usize,
    indent: usize,
    first_child: u32,
    last_child: u32,
    next_sibling: u32,
    children: u32,
}

/// No node: the end of a list of children.
const NONE: u32 = u32::MAX;

impl<'a> Node<'a> {
    fn new(kind: EntryKind<'a>, offset: usize, indent: usize) -> Self {
        Node { kind, offset, indent, first_child: NONE, last_child: NONE, next_sibling: NONE, children: 0 }
    }
}

/// An entry on the path from the top level to the last entry read.
struct Open {
    node: usize,
    /// The column it starts at.
    indent: usize,
    /// The indentation of its first child, once it has one.
    child_indent: Option<usize>,
}

enum Item<'a> {
    Header(HeaderLine<'a>),
    Entry(usize),
    Error(ErrorLine<'a>),
}

struct Parser<'a> {
    file: &'a SourceFile,
    diags: Vec<Diagnostic>,
    /// Every entry read, parents before children.
    nodes: Vec<Node<'a>>,
    items: Vec<Item<'a>>,
    stack: Vec<Open>,
    /// The indentation of the current tree's first top-level entry, and its offset.
    top_indent: Option<(usize, usize)>,
    /// Entry lines indented deeper than this are under a skipped line: skip them too.
    skip_below: Option<usize>,
    /// The columns between tab stops in this block, once a tab was met.
    tab_stop: Option<usize>,
    /// An enum marker with no inline values, and its indentation: value lines at that
    /// same indentation (`-     NAME: description`) belong to it.
    open_enum: Option<(usize, usize)>,
    /// The current line's text (without indentation), for diagnostics.
    line_span: (usize, usize),
    /// Where the current line starts, indentation included.
    line_start: usize,
    line_diags: usize,
}

impl<'a> Parser<'a> {
    fn new(file: &'a SourceFile) -> Self {
        Parser {
            file,
            diags: Vec::new(),
            nodes: Vec::new(),
            items: Vec::new(),
            stack: Vec::new(),
            top_indent: None,
            skip_below: None,
            tab_stop: None,
            open_enum: None,
            line_span: (0, 0),
            line_start: 0,
            line_diags: 0,
        }
    }

    fn start_line(&mut self, start: usize, end: usize) {
        self.line_span = (start, end);
        self.line_diags = 0;
    }

    /// Reports a problem at `start..end`, unless the current line already has too many.
    fn report(&mut self, severity: Severity, start: usize, end: usize, message: String, help: Option<String>) {
        self.line_diags += 1;
        if self.line_diags <= MAX_DIAGS_PER_LINE {
            let d = match severity {
                Severity::Error => Diagnostic::error(self.file, start, end, message),
                Severity::Warning => Diagnostic::warning(self.file, start, end, message),
            };
            self.diags.push(match help {
                Some(h) => d.with_help(h),
                None => d,
            });
        } else if self.line_diags == MAX_DIAGS_PER_LINE + 1 {
            let (s, e) = self.line_span;
            self.diags.push(Diagnostic::warning(
                self.file,
                s,
                e,
                format!("more than {MAX_DIAGS_PER_LINE} problems on this line; the rest are not reported"),
            ));
        }
    }

    fn error(&mut self, start: usize, end: usize, message: String) {
        self.report(Severity::Error, start, end, message, None);
    }

    fn error_help(&mut self, start: usize, end: usize, message: String, help: impl Into<String>) {
        self.report(Severity::Error, start, end, message, Some(help.into()));
    }

    fn warn_help(&mut self, start: usize, end: usize, message: String, help: impl Into<String>) {
        self.report(Severity::Warning, start, end, message, Some(help.into()));
    }

    /// One line of the block: `start` is its offset in the file; `line` has no line break.
    fn line(&mut self, start: usize, line: &'a str) {
        let lead_len = line.len() - line.trim_start_ws().len();
        let lead = &line[..lead_len];
        let content = line[lead_len..].trim_end_ws();
        if content.is_empty() {
            return;
        }
        let cstart = start + lead_len;
        self.start_line(cstart, cstart + content.len());
        self.line_start = start;
        // The text before the first colon is `param name`, white space aside (`content`
        // starts with no white space).
        let is_param = content
            .strip_prefix("param name")
            .is_some_and(|rest| rest.split_once(':').is_some_and(|(k, _)| k.trim_ws().is_empty()));
        if is_param || content.starts_with('-') {
            let indent = self.indent_of(lead);
            self.entry(indent, cstart, content, is_param);
        } else {
            self.header(cstart, content, start + line.len());
        }
    }

    /// The column an entry line starts at. Spaces (and any other white space) count one
    /// each. A tab is read as a code block on a page shows it: up to the next tab stop,
    /// every 8 columns (a browser's default for `<pre>`) or every 4 (CommonMark's). The
    /// first tab of a block decides which: the stop that puts its line at a column the
    /// open entries already use, else 8; the block's other tabs follow it. Wix's pages
    /// indent with spaces, so a tab is reported.
    fn indent_of(&mut self, lead: &str) -> usize {
        let column = |stop: usize| {
            lead.chars().fold(0, |col, c| if c == '\t' { (col / stop + 1) * stop } else { col + 1 })
        };
        if lead.bytes().all(|b| b == b' ') {
            return lead.len();
        }
        if !lead.contains('\t') {
            return column(1);
        }
        let stop = *self.tab_stop.get_or_insert_with(|| {
            let used: Vec<usize> =
                self.stack.iter().flat_map(|o| [Some(o.indent), o.child_indent]).flatten().chain(self.top_indent.map(|t| t.0)).collect();
            [8, 4].into_iter().find(|&stop| used.contains(&column(stop))).unwrap_or(8)
        });
        let col = column(stop);
        if self.skip_below.is_none() {
            let at = self.line_span.0;
            self.warn_help(
                at,
                at + 1,
                format!("a tab in the indentation: read as column {col} (tab stops every {stop} columns)"),
                "Wix's pages indent with spaces; a tab is read as a page shows it, at the tab stop that fits the entries around it",
            );
        }
        col
    }

    fn header(&mut self, cstart: usize, content: &'a str, line_end: usize) {
        let Some((key, after)) = content.split_once(':') else {
            return self.unrecognised();
        };
        let key = key.trim_end_ws();
        if key.is_empty() || key.contains(['|', '`']) {
            return self.unrecognised();
        }
        self.stack.clear();
        self.top_indent = None;
        self.skip_below = None;
        self.open_enum = None;
        if key == "HTTP Code" {
            let line = self.error_line(cstart, content);
            self.items.push(Item::Error(line));
            return;
        }
        let value = after.trim_ws();
        let value_offset = if value.is_empty() { line_end } else { cstart + content.len() - after.trim_start_ws().len() };
        self.items.push(Item::Header(HeaderLine {
            key,
            value,
            offset: cstart,
            value_offset,
        }));
    }

    /// A line that is neither a header nor an entry: left out, with a warning (pages Wix
    /// publishes carry lines no rendition documents, such as `EMPTY-OBJECT {}` for an
    /// empty message, which is read silently).
    fn unrecognised(&mut self) {
        let (s, e) = self.line_span;
        if self.file.text[s..e].trim_ws() == "EMPTY-OBJECT {}" {
            return;
        }
        self.warn_help(
            s,
            e,
            "unrecognised schema line; expected `Key: value`, `param name: ...` or `- name: ...`".to_string(),
            "the line is left out",
        );
        self.drop_entries(1);
    }

    /// An entry line: finds its parent by indentation, reads it, and opens it.
    ///
    /// The parent is the nearest open entry indented less than the line. Siblings need
    /// not share a column: the dialect puts a `param name:` line's one-of marker one
    /// column deeper than the line and the group's members two, but its fields five; and
    /// a one-of group of a single member is written without its marker, the member at
    /// the depth it would have inside the group and the fields after it shallower.
    fn entry(&mut self, indent: usize, cstart: usize, content: &'a str, is_param: bool) {
        if let Some(skip) = self.skip_below {
            if indent > skip {
                self.drop_entries(1);
                return;
            }
            self.skip_below = None;
        }
        while self.stack.last().is_some_and(|top| top.indent >= indent) {
            self.stack.pop();
        }
        if self.enum_value_beside_marker(indent, cstart, content) {
            return;
        }
        self.open_enum = None;
        let (ls, le) = self.line_span;
        if self.stack.len() >= MAX_DEPTH {
            self.error_help(
                ls,
                le,
                format!("nesting deeper than {MAX_DEPTH} levels"),
                "this entry and the entries nested under it are skipped",
            );
            self.drop_entries(1);
            self.skip_below = Some(indent);
            return;
        }
        let parent_is_enum = self.stack.last().is_some_and(|p| matches!(self.nodes[p.node].kind, EntryKind::Enum));
        let before = self.diags.len();
        let Some(kind) = self.entry_kind(cstart, content, is_param, parent_is_enum) else {
            if self.diags.len() > before {
                self.drop_entries(1);
            }
            self.skip_below = Some(indent);
            return;
        };
        let inline = if kind == EntryKind::Enum { self.inline_enum_values(cstart, content) } else { Vec::new() };
        let index = self.nodes.len();
        if kind == EntryKind::Enum && inline.is_empty() {
            self.open_enum = Some((index, indent));
        }
        self.nodes.push(Node::new(kind, cstart, indent));
        for (offset, kind) in inline {
            self.nodes.push(Node::new(kind, offset, indent));
            self.add_child(index, self.nodes.len() - 1);
        }
        match self.stack.last_mut() {
            Some(parent) => {
                parent.child_indent.get_or_insert(indent);
                let parent = parent.node;
                self.add_child(parent, index);
            }
            None => {
                self.top_indent.get_or_insert((indent, cstart));
                self.items.push(Item::Entry(index));
            }
        }
        self.stack.push(Open { node: index, indent, child_indent: None });
    }

    /// Counts `n` entries as left out, on the last diagnostic reported (the one that
    /// says why): the entries skipped under a line that could not be read follow it.
    fn drop_entries(&mut self, n: usize) {
        if let Some(d) = self.diags.last_mut() {
            d.dropped = d.dropped.saturating_add(n as u32);
        }
    }

    /// Appends node `child` to the children of node `parent`.
    pub(super) fn add_child(&mut self, parent: usize, child: usize) {
        let child = child as u32;
        let p = &mut self.nodes[parent];
        let last = std::mem::replace(&mut p.last_child, child);
        p.children += 1;
        if last == NONE {
            p.first_child = child;
        } else {
            self.nodes[last as usize].next_sibling = child;
        }
    }

    /// Assembles the tree bottom-up, without recursion: children always come after their
    /// parent in `nodes`. Each entry's children are one allocation, of their exact number.
    fn finish(self) -> (SchemaBlock<'a>, Vec<Diagnostic>) {
        let mut nodes = self.nodes;
        let links: Vec<(u32, u32, u32)> = nodes.iter().map(|n| (n.first_child, n.next_sibling, n.children)).collect();
        let mut built: Vec<Option<Entry>> = Vec::with_capacity(nodes.len());
        built.resize_with(nodes.len(), || None);
        while let Some(node) = nodes.pop() {
            let (first, _, count) = links[nodes.len()];
            let mut children = Vec::with_capacity(count as usize);
            let mut c = first;
            while c != NONE {
                if let Some(e) = built[c as usize].take() {
                    children.push(e);
                }
                c = links[c as usize].1;
            }
            built[nodes.len()] = Some(Entry { kind: node.kind, offset: node.offset, indent: node.indent, children });
        }
        let items = self
            .items
            .into_iter()
            .filter_map(|item| match item {
                Item::Header(h) => Some(BlockItem::Header(h)),
                Item::Error(e) => Some(BlockItem::Error(e)),
                Item::Entry(i) => built.get_mut(i).and_then(Option::take).map(BlockItem::Entry),
            })
            .collect();
        (SchemaBlock { items }, self.diags)
    }
}

/// `s` for a message: cut after 60 characters.
fn show(s: &str) -> Cow<'_, str> {
    match s.char_indices().nth(60) {
        Some((i, _)) => Cow::Owned(format!("{}…", &s[..i])),
        None => Cow::Borrowed(s),
    }
}

/// The range `a..b` of `text` without its leading and trailing white space.
fn trim_range(text: &str, a: usize, b: usize) -> (usize, usize) {
    let s = &text[a..b];
    let t = s.trim_start_ws();
    let start = a + (s.len() - t.len());
    (start, start + t.trim_end_ws().len())
}
