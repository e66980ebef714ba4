//! Schema entries into candidate type definitions, quirks folded.
//!
//! Every page that expands a type contributes a [`Candidate`] definition of it; `merge`
//! later checks that candidates agree and builds the type table. Here names are still
//! unresolved strings.

use std::collections::BTreeMap;

use crate::diag::{Diagnostic, SourceFile};
use crate::ir::{EnumValue, Rule, Scalar, Source};
use crate::parse::schema::{Entry, EntryKind, FieldLine, TypeExpr};

/// A field's type before name resolution.
#[derive(Clone, Debug, PartialEq)]
pub enum RawTy {
    Scalar(Scalar),
    Named(String),
    Array(Box<RawTy>),
    Nullable(Box<RawTy>),
}

impl RawTy {
    /// A stable spelling, for comparing definitions.
    pub fn spelling(&self) -> String {
        match self {
            RawTy::Scalar(s) => s.type_id().0,
            RawTy::Named(n) => n.clone(),
            RawTy::Array(t) => format!("Array<{}>", t.spelling()),
            RawTy::Nullable(t) => format!("Nullable<{}>", t.spelling()),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct RawField {
    pub name: String,
    pub ty: RawTy,
    /// Where the `type:` value was read.
    pub ty_source: Source,
    pub description: String,
    pub required: bool,
    pub read_only: bool,
    pub deprecated: Option<String>,
    pub rules: Vec<Rule>,
    pub extra: BTreeMap<String, String>,
    pub source: Source,
}

/// A one-of group as one page lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct RawOneOf {
    pub source: Source,
    /// `- ONE-OF: - required: true`: exactly one member must be set.
    pub required: bool,
    pub members: Vec<RawField>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum RawDef {
    Struct { fields: Vec<RawField>, one_ofs: Vec<RawOneOf> },
    Enum(Vec<EnumValue>),
}

/// One page's definition of a named type.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub name: String,
    pub namespace: Option<String>,
    pub def: RawDef,
    pub description: String,
    /// Defined by a type page (which then documents it best).
    pub from_type_page: bool,
    /// Expanded on a type page, inside another type: the next best documentation.
    pub on_type_page: bool,
    pub doc_link: Option<String>,
    pub source: Source,
    /// The page it was read from, in reading order: a name's candidates are kept in page
    /// order even when a page is lowered again (see `lower`).
    pub page: u32,
}

/// Collects candidates from the pages, one page at a time.
#[derive(Debug, Default)]
pub struct Collector {
    pub candidates: BTreeMap<String, Vec<Candidate>>,
    pub diagnostics: Vec<Diagnostic>,
    /// The page being lowered (its position in reading order).
    pub page: u32,
}

/// What the entries being lowered belong to.
pub struct Ctx<'a> {
    pub file: &'a SourceFile,
    pub namespace: Option<String>,
    pub doc_link: Option<String>,
    /// The page is a type page.
    pub type_page: bool,
}

impl Collector {
    /// Lowers the field entries of `entries` (children of a type named `parent`) and
    /// defines every named type they expand.
    pub fn fields(&mut self, ctx: &Ctx, parent: &str, entries: &[Entry]) -> RawDef {
        let mut fields = Vec::new();
        let mut one_ofs = Vec::new();
        let mut values = Vec::new();
        for entry in entries {
            match &entry.kind {
                EntryKind::Field(line) => {
                    let Some(f) = self.field(ctx, parent, entry, line) else { continue };
                    // The same line twice (a path parameter that is also a one-of member,
                    // written once for each): one field. Differing lines stay, to be reported.
                    if fields.iter().any(|x: &RawField| x.name == f.name && x.ty == f.ty) {
                        self.diagnostics.push(Diagnostic::warning(
                            ctx.file,
                            entry.offset,
                            line.name.offset + f.name.len(),
                            format!("field `{}` of `{parent}` is listed twice alike; read once", f.name),
                        ));
                        continue;
                    }
                    fields.push(f);
                }
                EntryKind::OneOf { required } => {
                    let members = entry
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
                        .collect();
                    one_ofs.push(RawOneOf { source: ctx.file.source(entry.offset), required: *required, members });
                }
                EntryKind::Enum => values.extend(self.enum_values(ctx, entry)),
                EntryKind::EnumValue { .. } => {
                    self.error(ctx, entry.offset, "an enum value outside `- ENUM:`");
                    self.drop_last(1);
                }
            }
        }
        if !values.is_empty() && fields.is_empty() && one_ofs.is_empty() {
            return RawDef::Enum(values);
        }
        RawDef::Struct { fields, one_ofs }
    }

    /// The definition of `name` last read, as of the page being lowered.
    pub fn latest(&self, name: &str) -> Option<&Candidate> {
        let all = self.candidates.get(name)?;
        all[..all.partition_point(|c| c.page <= self.page)].last()
    }

    /// Records `name` as defined by `def` on this page.
    pub fn define(&mut self, ctx: &Ctx, name: &str, def: RawDef, description: &str, from_type_page: bool, offset: usize) {
        let page = self.page;
        let all = match self.candidates.get_mut(name) {
            Some(all) => all,
            None => self.candidates.entry(name.to_string()).or_default(),
        };
        let at = all.partition_point(|c| c.page <= page);
        all.insert(at, Candidate {
            name: name.to_string(),
            namespace: ctx.namespace.clone(),
            def,
            description: description.to_string(),
            from_type_page,
            on_type_page: ctx.type_page,
            doc_link: ctx.doc_link.clone(),
            source: ctx.file.source(offset),
            page,
        });
    }

    fn enum_values(&mut self, ctx: &Ctx, entry: &Entry) -> Vec<EnumValue> {
        let mut values = Vec::new();
        for c in &entry.children {
            match &c.kind {
                EntryKind::EnumValue { name, description } => values.push(EnumValue {
                    name: name.clone(),
                    description: description.clone(),
                    source: ctx.file.source(c.offset),
                }),
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

    fn field(&mut self, ctx: &Ctx, parent: &str, entry: &Entry, line: &FieldLine) -> Option<RawField> {
        let name = line.name.value.clone();
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
        let site = Site { parent, field: &name, description: &line.description, is_param: line.is_param, int64 };
        let ty_offset = ty.offset;
        let ty = self.field_type(ctx, &site, &ty.value, ty.offset, &entry.children)?;
        Some(RawField {
            name,
            ty,
            ty_source: ctx.file.source(ty_offset),
            description: line.description.clone(),
            required: line.required,
            read_only: line.read_only,
            deprecated: line.deprecated.clone(),
            rules: line.rules.clone(),
            extra: line.extra.clone(),
            source: ctx.file.source(entry.offset),
        })
    }

    fn field_type(&mut self, ctx: &Ctx, site: &Site, ty: &TypeExpr, offset: usize, children: &[Entry]) -> Option<RawTy> {
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
                    self.define_from_children(ctx, &name, children, offset, description);
                    return Some(RawTy::Array(Box::new(RawTy::Named(name))));
                }
                let item = format!("{}Item", derived());
                self.define_from_children(ctx, &item, children, offset, description);
                Some(RawTy::Array(Box::new(RawTy::Named(item))))
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
                let scalar = match n.as_str() {
                    "string" => Some(string),
                    "none" => Some(string),
                    "number" => Some(Scalar::Number),
                    "integer" => Some(Scalar::Integer),
                    "boolean" => Some(Scalar::Boolean),
                    "object" if !children.iter().any(|c| matches!(c.kind, EntryKind::Field(_) | EntryKind::OneOf { .. })) => Some(Scalar::Object),
                    _ if is_param && n == field => Some(string),
                    _ => None,
                };
                if let Some(s) = scalar {
                    if children.iter().any(|c| c.kind == EntryKind::Enum) {
                        // A scalar with listed values is an enum the page did not name.
                        let name = derived();
                        self.define_from_children(ctx, &name, children, offset, description);
                        return Some(RawTy::Named(name));
                    }
                    return Some(self.leaf(ctx, RawTy::Scalar(s), field, children));
                }
                let name = if n == "object" {
                    derived()
                } else if n == parent && !children.is_empty() && children.iter().all(|c| c.kind == EntryKind::Enum) {
                    // An enum named like the object that holds it is the object's nested
                    // enum (protobuf's `message ItemType { enum ItemType {..} }`, which
                    // the pages print without the nesting): named as Wix's SDK names
                    // nested types, parent first (`ItemTypeItemType`), so that neither
                    // definition is lost.
                    format!("{parent}{n}")
                } else {
                    n.clone()
                };
                if !children.is_empty() {
                    self.define_from_children(ctx, &name, children, offset, description);
                }
                Some(RawTy::Named(name))
            }
        }
    }

    /// Defines `name` from the entries nested under a field; the field's description
    /// stands in for the type's until a type page gives a better one.
    fn define_from_children(&mut self, ctx: &Ctx, name: &str, children: &[Entry], offset: usize, description: &str) {
        let def = self.fields(ctx, name, children);
        self.define(ctx, name, def, description, false, offset);
    }

    /// A scalar that should have no children: report any it has.
    fn leaf(&mut self, ctx: &Ctx, ty: RawTy, field: &str, children: &[Entry]) -> RawTy {
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
struct Site<'a> {
    parent: &'a str,
    field: &'a str,
    description: &'a str,
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
        TypeExpr::Named(n) => match n.as_str() {
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

/// `interactedBy` → `InteractedBy`.
pub fn pascal(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
