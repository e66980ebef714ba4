//! Schema entries into candidate type definitions, quirks folded.
//!
//! Every page that expands a type contributes a [`Candidate`] definition of it; `merge`
//! later checks that candidates agree and builds the type table. Here names are still
//! unresolved strings.
//!
//! A candidate borrows its text from the pages (`'f`, the pages being read): names,
//! descriptions and notes are slices of the page, and places are [`Pos`]itions, made into
//! [`Source`]s only for what is reported or kept in the IR.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use crate::diag::{Diagnostic, SourceFile};
use crate::ir::{Rule, Scalar, Source};
use crate::parse::schema::{Entry, EntryKind, FieldLine, TypeExpr};
use super::fold::{self, Folds, Shift};

/// A place in the pages being read: the page's index and a byte offset in it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub file: u32,
    pub offset: u32,
}

impl Pos {
    pub fn new(file: usize, offset: usize) -> Self {
        Pos { file: file as u32, offset: offset as u32 }
    }

    /// The file, line and column of this place.
    pub fn source(self, files: &[SourceFile]) -> Source {
        files[self.file as usize].source(self.offset as usize)
    }
}

/// A field's type before name resolution.
#[derive(Clone, Debug, PartialEq, Hash)]
pub enum RawTy<'f> {
    Scalar(Scalar),
    /// A name the page writes (borrowed), or one lowering makes up (`<Parent><Field>`).
    Named(Cow<'f, str>),
    Array(Box<RawTy<'f>>),
    Nullable(Box<RawTy<'f>>),
}

impl RawTy<'_> {
    /// A stable spelling, for comparing definitions.
    pub fn spelling(&self) -> String {
        match self {
            RawTy::Scalar(s) => s.type_id().0,
            RawTy::Named(n) => n.to_string(),
            RawTy::Array(t) => format!("Array<{}>", t.spelling()),
            RawTy::Nullable(t) => format!("Nullable<{}>", t.spelling()),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct RawField<'f> {
    pub name: &'f str,
    pub ty: RawTy<'f>,
    /// Where the `type:` value was read.
    pub ty_source: Pos,
    pub description: &'f str,
    pub required: bool,
    pub read_only: bool,
    /// What few field lines say: `None` when the line says none of it. Shared by every
    /// copy of the field (merging copies fields, not notes).
    pub notes: Option<Rc<FieldNotes<'f>>>,
    pub source: Pos,
}

/// The parts of a field line most lines leave out. They are kept apart, behind one
/// pointer, because every expansion of every type is kept until all pages are in: a
/// field without them is a third smaller.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FieldNotes<'f> {
    pub deprecated: Option<&'f str>,
    pub rules: Box<[Rule]>,
    /// In page order, a key once.
    pub extra: Box<[(&'f str, &'f str)]>,
}

impl<'f> RawField<'f> {
    pub fn deprecated(&self) -> Option<&'f str> {
        self.notes.as_ref().and_then(|n| n.deprecated)
    }

    pub fn rules(&self) -> &[Rule] {
        self.notes.as_ref().map_or(&[], |n| &n.rules)
    }

    pub fn extra(&self) -> &[(&'f str, &'f str)] {
        self.notes.as_ref().map_or(&[], |n| &n.extra)
    }
}

/// A one-of group as one page lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct RawOneOf<'f> {
    pub source: Pos,
    /// `- ONE-OF: - required: true`: exactly one member must be set.
    pub required: bool,
    pub members: Vec<RawField<'f>>,
}

/// An enum value as one page lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct RawEnumValue<'f> {
    pub name: &'f str,
    pub description: &'f str,
    pub source: Pos,
}

#[derive(Clone, Debug, PartialEq)]
pub enum RawDef<'f> {
    Struct { fields: Vec<RawField<'f>>, one_ofs: Vec<RawOneOf<'f>> },
    Enum(Vec<RawEnumValue<'f>>),
}

/// One page's definition of a named type.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate<'f> {
    pub name: Cow<'f, str>,
    pub namespace: Option<Rc<str>>,
    /// Shared with the candidates that repeat it (see `fold`): its positions are those of
    /// the first reading, and this candidate's are found with `shift`. Read positions
    /// from [`Candidate::owned`].
    pub def: Rc<RawDef<'f>>,
    /// From the positions in `def` to this candidate's; `None` when they are its own.
    pub shift: Option<Shift>,
    pub description: Cow<'f, str>,
    /// Defined by a type page (which then documents it best).
    pub from_type_page: bool,
    /// Expanded on a type page, inside another type: the next best documentation.
    pub on_type_page: bool,
    pub doc_link: Option<Rc<str>>,
    pub source: Pos,
    /// The page it was read from, in reading order: a name's candidates are kept in page
    /// order even when a page is lowered again (see `lower`).
    pub page: u32,
}

impl<'f> Candidate<'f> {
    /// This candidate with a definition whose positions are its own.
    pub fn owned(self) -> Candidate<'f> {
        match self.shift {
            None => self,
            Some(shift) => Candidate { def: Rc::new(fold::moved(&self.def, shift)), shift: None, ..self },
        }
    }
}

/// Lists of up to this many entries are searched for repeated fields rather than indexed.
const SHORT_LIST: usize = 16;

/// Collects candidates from the pages, one page at a time.
#[derive(Debug, Default)]
pub struct Collector<'f> {
    pub candidates: BTreeMap<String, Vec<Candidate<'f>>>,
    /// Every definition read, for repeats to share.
    pub folds: Folds<'f>,
    pub diagnostics: Vec<Diagnostic>,
    /// The page being lowered (its position in reading order).
    pub page: u32,
}

/// What the entries being lowered belong to.
pub struct Ctx<'a> {
    pub file: &'a SourceFile,
    /// The index of `file` among the pages.
    pub file_index: usize,
    pub namespace: Option<Rc<str>>,
    pub doc_link: Option<Rc<str>>,
    /// The page is a type page.
    pub type_page: bool,
}

impl Ctx<'_> {
    /// The position of byte `offset` of this page.
    pub fn pos(&self, offset: usize) -> Pos {
        Pos::new(self.file_index, offset)
    }
}

impl<'f> Collector<'f> {
    /// Lowers the field entries of `entries` (children of a type named `parent`) and
    /// defines every named type they expand.
    pub fn fields(&mut self, ctx: &Ctx<'f>, parent: &str, entries: &[Entry<'f>]) -> RawDef<'f> {
        // Most entries are fields: room for all at once, what is left given back below.
        let mut fields = Vec::with_capacity(entries.iter().filter(|e| matches!(e.kind, EntryKind::Field(_))).count());
        let mut one_ofs = Vec::new();
        let mut values = Vec::new();
        // The fields read so far by name (the last of each name, and for each field the
        // one of its name before it), so that a long list is checked for repeats in
        // linear time. A short list is looked through instead: most lists are short,
        // and a map for each would cost more than the search.
        let indexed = entries.len() > SHORT_LIST;
        let mut last_named: HashMap<&'f str, usize> = HashMap::new();
        let mut before_named: Vec<usize> = Vec::new();
        for entry in entries {
            match &entry.kind {
                EntryKind::Field(line) => {
                    let Some(f) = self.field(ctx, parent, entry, line) else { continue };
                    // The same line twice (a path parameter that is also a one-of member,
                    // written once for each): one field. Differing lines stay, to be reported.
                    let mut repeated = false;
                    if indexed {
                        let mut same = last_named.get(f.name).copied();
                        while let Some(i) = same {
                            let x: &RawField = &fields[i];
                            if x.ty == f.ty {
                                repeated = true;
                                break;
                            }
                            same = (before_named[i] != usize::MAX).then_some(before_named[i]);
                        }
                    } else {
                        repeated = fields.iter().any(|x: &RawField| x.name == f.name && x.ty == f.ty);
                    }
                    if repeated {
                        self.diagnostics.push(Diagnostic::warning(
                            ctx.file,
                            entry.offset,
                            line.name.offset + f.name.len(),
                            format!("field `{}` of `{parent}` is listed twice alike; read once", f.name),
                        ));
                        continue;
                    }
                    if indexed {
                        before_named.push(last_named.insert(f.name, fields.len()).unwrap_or(usize::MAX));
                    }
                    fields.push(f);
                }
                EntryKind::OneOf { required } => {
                    let mut members = entry
                        .children
                        .iter()
                        .filter_map(|c| match &c.kind {
                            EntryKind::Field(line) => self.field(ctx, parent, c, line),
                            _ => {
                                self.error(ctx, c.offset, "a one-of group holds `- name: ...` members only");
                                self.drop_last(count(std::slice::from_ref(c)));
                                None
                            }
                        })
                        .collect::<Vec<_>>();
                    members.shrink_to_fit();
                    one_ofs.push(RawOneOf { source: ctx.pos(entry.offset), required: *required, members });
                }
                EntryKind::Enum => values.extend(self.enum_values(ctx, entry)),
                EntryKind::EnumValue { .. } => {
                    self.error(ctx, entry.offset, "an enum value outside `- ENUM:`");
                    self.drop_last(1);
                }
            }
        }
        // Every candidate is kept until all pages are in: on a large corpus they are most
        // of the reader's peak, and the room a growing list leaves is a third of theirs.
        if !values.is_empty() && fields.is_empty() && one_ofs.is_empty() {
            values.shrink_to_fit();
            return RawDef::Enum(values);
        }
        fields.shrink_to_fit();
        one_ofs.shrink_to_fit();
        RawDef::Struct { fields, one_ofs }
    }

    /// The definition of `name` last read, as of the page being lowered.
    pub fn latest(&self, name: &str) -> Option<&Candidate<'f>> {
        let all = self.candidates.get(name)?;
        all[..all.partition_point(|c| c.page <= self.page)].last()
    }

    /// Records `name` as defined by `def` on this page.
    pub fn define(&mut self, ctx: &Ctx, name: Cow<'f, str>, def: RawDef<'f>, description: Cow<'f, str>, from_type_page: bool, offset: usize) {
        let page = self.page;
        let all = match self.candidates.get_mut(&*name) {
            Some(all) => all,
            None => self.candidates.entry(name.to_string()).or_default(),
        };
        let at = all.partition_point(|c| c.page <= page);
        let (def, shift) = self.folds.share(def);
        all.insert(at, Candidate {
            name,
            namespace: ctx.namespace.clone(),
            def,
            shift,
            description,
            from_type_page,
            on_type_page: ctx.type_page,
            doc_link: ctx.doc_link.clone(),
            source: ctx.pos(offset),
            page,
        });
    }

    fn enum_values(&mut self, ctx: &Ctx, entry: &Entry<'f>) -> Vec<RawEnumValue<'f>> {
        let mut values = Vec::new();
        for c in &entry.children {
            match &c.kind {
                EntryKind::EnumValue { name, description } => values.push(RawEnumValue { name, description, source: ctx.pos(c.offset) }),
                _ => {
                    self.error(ctx, c.offset, "an enum holds `- VALUE: description` lines only");
                    self.drop_last(count(std::slice::from_ref(c)));
                }
            }
        }
        if values.is_empty() {
            self.diagnostics.push(
                Diagnostic::error(ctx.file, entry.offset, entry.offset + 7, "`- enum:` lists no values")
                    .with_help("list the values after it (`- enum: A, B`) or one a line (`-     NAME: description`)"),
            );
        }
        values
    }

    fn field(&mut self, ctx: &Ctx<'f>, parent: &str, entry: &Entry<'f>, line: &FieldLine<'f>) -> Option<RawField<'f>> {
        let name = line.name.value;
        let Some(ty) = &line.ty else {
            // A malformed type was reported by the schema parser; a missing one is ours.
            let text = &ctx.file.text[entry.offset..];
            let line_text = &text[..text.find('\n').unwrap_or(text.len())];
            if !line_text.contains("type:") {
                self.diagnostics.push(
                    Diagnostic::error(ctx.file, entry.offset, line.name.offset + name.len(), format!("field `{name}` has no `type:`"))
                        .with_help("add a segment like `| type: string`"),
                );
            }
            self.drop_last(count(std::slice::from_ref(entry)));
            return None;
        };
        let int64 = line.rules.iter().any(|r| matches!(r, Rule::Format(f) if f.eq_ignore_ascii_case("int64")));
        let site = Site { parent, field: name, description: line.description, is_param: line.is_param, int64 };
        let ty_offset = ty.offset;
        let ty = self.field_type(ctx, &site, &ty.value, ty.offset, &entry.children)?;
        Some(RawField {
            name,
            ty,
            ty_source: ctx.pos(ty_offset),
            description: line.description,
            required: line.required,
            read_only: line.read_only,
            notes: notes(line),
            source: ctx.pos(entry.offset),
        })
    }

    fn field_type(&mut self, ctx: &Ctx<'f>, site: &Site<'_, 'f>, ty: &TypeExpr<'f>, offset: usize, children: &[Entry<'f>]) -> Option<RawTy<'f>> {
        let Site { parent, field, description, is_param, int64 } = *site;
        let string = if int64 { Scalar::Int64 } else { Scalar::String };
        let derived = || format!("{parent}{}", pascal(field));
        match ty {
            TypeExpr::DateTime => Some(self.leaf(ctx, RawTy::Scalar(Scalar::Timestamp), field, children)),
            TypeExpr::Array(None) => {
                // Real pages write a list of strings as a bare `array`.
                if !children.iter().any(|c| matches!(c.kind, EntryKind::Field(_) | EntryKind::OneOf { .. } | EntryKind::Enum)) {
                    return Some(RawTy::Array(Box::new(self.leaf(ctx, RawTy::Scalar(string), field, children))));
                }
                if children.iter().all(|c| c.kind == EntryKind::Enum) {
                    let name = derived();
                    self.define_from_children(ctx, Cow::Owned(name.clone()), children, offset, description);
                    return Some(RawTy::Array(Box::new(RawTy::Named(Cow::Owned(name)))));
                }
                let item = format!("{}Item", derived());
                self.define_from_children(ctx, Cow::Owned(item.clone()), children, offset, description);
                Some(RawTy::Array(Box::new(RawTy::Named(Cow::Owned(item)))))
            }
            TypeExpr::Array(Some(inner)) => {
                // `param name: ids | type: array<ids>`: the self-named scalar quirk holds
                // inside arrays too.
                let inner = self.field_type(ctx, site, inner, offset, children)?;
                Some(RawTy::Array(Box::new(inner)))
            }
            TypeExpr::Named(n) => {
                if let Some(inner) = wrapped_scalar(children, int64) {
                    return Some(RawTy::Nullable(Box::new(RawTy::Scalar(inner))));
                }
                let scalar = match *n {
                    "string" => Some(string),
                    "none" => Some(string),
                    "number" => Some(Scalar::Number),
                    "integer" => Some(Scalar::Integer),
                    "boolean" => Some(Scalar::Boolean),
                    "object" if !children.iter().any(|c| matches!(c.kind, EntryKind::Field(_) | EntryKind::OneOf { .. })) => Some(Scalar::Object),
                    _ if is_param && *n == field => Some(string),
                    _ => None,
                };
                if let Some(s) = scalar {
                    if children.iter().any(|c| c.kind == EntryKind::Enum) {
                        // A scalar with listed values is an enum the page did not name.
                        let name = derived();
                        self.define_from_children(ctx, Cow::Owned(name.clone()), children, offset, description);
                        return Some(RawTy::Named(Cow::Owned(name)));
                    }
                    return Some(self.leaf(ctx, RawTy::Scalar(s), field, children));
                }
                let name: Cow<'f, str> = if *n == "object" {
                    Cow::Owned(derived())
                } else if *n == parent && !children.is_empty() && children.iter().all(|c| c.kind == EntryKind::Enum) {
                    // An enum named like the object that holds it is the object's nested
                    // enum (protobuf's `message ItemType { enum ItemType {..} }`, which
                    // the pages print without the nesting): named as Wix's SDK names
                    // nested types, parent first (`ItemTypeItemType`), so that neither
                    // definition is lost.
                    Cow::Owned(format!("{parent}{n}"))
                } else {
                    Cow::Borrowed(*n)
                };
                if !children.is_empty() {
                    self.define_from_children(ctx, name.clone(), children, offset, description);
                }
                Some(RawTy::Named(name))
            }
        }
    }

    /// Defines `name` from the entries nested under a field; the field's description
    /// stands in for the type's until a type page gives a better one.
    fn define_from_children(&mut self, ctx: &Ctx<'f>, name: Cow<'f, str>, children: &[Entry<'f>], offset: usize, description: &'f str) {
        let def = self.fields(ctx, &name, children);
        self.define(ctx, name, def, Cow::Borrowed(description), false, offset);
    }

    /// A scalar that should have no children: report any it has.
    fn leaf(&mut self, ctx: &Ctx, ty: RawTy<'f>, field: &str, children: &[Entry]) -> RawTy<'f> {
        if let Some(c) = children.first() {
            self.diagnostics.push(
                Diagnostic::warning(
                    ctx.file,
                    c.offset,
                    c.offset,
                    format!("`{field}` is a `{}`, so the entries nested under it were ignored", ty.spelling()),
                )
                .dropping(count(children)),
            );
        }
        ty
    }

    /// Counts `n` entries as left out on the diagnostic just reported.
    fn drop_last(&mut self, n: usize) {
        if let Some(d) = self.diagnostics.last_mut() {
            d.dropped = d.dropped.saturating_add(u32::try_from(n).unwrap_or(u32::MAX));
        }
    }

    fn error(&mut self, ctx: &Ctx, offset: usize, message: &str) {
        self.diagnostics.push(Diagnostic::error(ctx.file, offset, offset, message));
    }
}

/// Where a field's type is being worked out.
#[derive(Clone, Copy)]
struct Site<'a, 'f> {
    parent: &'a str,
    field: &'f str,
    description: &'f str,
    is_param: bool,
    int64: bool,
}

/// The scalar inside a protobuf wrapper: a field whose only child is
/// `- name: value | type: <scalar>` with no children of its own.
/// A `format int64` rule may sit on the outer line or on the `value` line.
fn wrapped_scalar(children: &[Entry], outer_int64: bool) -> Option<Scalar> {
    let [only] = children else { return None };
    let EntryKind::Field(line) = &only.kind else { return None };
    if line.name.value != "value" || !only.children.is_empty() {
        return None;
    }
    let int64 = outer_int64 || line.rules.iter().any(|r| matches!(r, Rule::Format(f) if f.eq_ignore_ascii_case("int64")));
    match &line.ty.as_ref()?.value {
        TypeExpr::DateTime => Some(Scalar::Timestamp),
        TypeExpr::Named(n) => match *n {
            "string" if int64 => Some(Scalar::Int64),
            "string" => Some(Scalar::String),
            "number" => Some(Scalar::Number),
            "integer" => Some(Scalar::Integer),
            "boolean" => Some(Scalar::Boolean),
            _ => None,
        },
        TypeExpr::Array(_) => None,
    }
}

/// The entries of `list` and every entry under them.
fn count(list: &[Entry]) -> usize {
    let mut n = 0;
    let mut stack: Vec<&Entry> = list.iter().collect();
    while let Some(e) = stack.pop() {
        n += 1;
        stack.extend(&e.children);
    }
    n
}

/// A field line's deprecation, rules and unknown segments, if it has any.
fn notes<'f>(line: &FieldLine<'f>) -> Option<Rc<FieldNotes<'f>>> {
    if line.deprecated.is_none() && line.rules.is_empty() && line.extra.is_empty() {
        return None;
    }
    Some(Rc::new(FieldNotes { deprecated: line.deprecated, rules: line.rules.as_slice().into(), extra: line.extra.as_slice().into() }))
}

/// `interactedBy` → `InteractedBy`.
pub fn pascal(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
