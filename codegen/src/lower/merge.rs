//! Candidate definitions into one type table.
//!
//! Pages repeat the types they use, and not always in full: a request lists the fields a
//! caller sets, a response adds what the server fills in, and the same type may be
//! expanded a dozen times across pages. Within one namespace the expansions of a name
//! are one type: their union (a field missing from one expansion is not evidence that it
//! does not exist); where expansions give one field different types, the one most of them
//! give is kept (a typo is outvoted; see `typos`) and a warning names both places.
//! Definitions that differ between namespaces (the two `IdentificationData`) survive as
//! `namespace.Name`.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap as HashMap;

use crate::diag::{Diagnostic, SourceFile};
use crate::ir::{Field, Scalar, TypeDef, TypeId, TypeKind};
use crate::ir::{EnumValue, Source};
use crate::lower::collect::{Candidate, Pos, RawDef, RawField, RawOneOf, RawTy};
use crate::lower::typos;

/// The type table and how names resolve in each namespace.
#[derive(Debug, Default)]
pub struct Table {
    pub types: BTreeMap<TypeId, TypeDef>,
    resolve: HashMap<(String, Option<String>), TypeId>,
    by_name: HashMap<String, BTreeSet<TypeId>>,
    /// Types only a minority of expansions gave a field (the typo `ContactNmae` where the
    /// others say `ContactName`) and no type page defines: left out unless something else
    /// still uses them (see [`Table::drop_discarded`]).
    discarded: BTreeSet<TypeId>,
}

impl Table {
    /// The type a name written on a page of `namespace` refers to. `Err` when the name is
    /// defined in several namespaces and none is this page's.
    pub fn lookup(&self, name: &str, namespace: Option<&str>) -> Result<Option<TypeId>, Vec<TypeId>> {
        if let Some(id) = self.resolve.get(&(name.to_string(), namespace.map(str::to_string))) {
            return Ok(Some(id.clone()));
        }
        match self.by_name.get(name) {
            None => Ok(None),
            Some(ids) if ids.len() == 1 => Ok(ids.iter().next().cloned()),
            Some(ids) => Err(ids.iter().cloned().collect()),
        }
    }

    /// Resolves a raw type to an ID, adding scalar, array and nullable entries as needed.
    /// An unknown name stays as a dangling ID, for validation to report. `name` and
    /// `source` are the field's, for messages.
    pub fn intern(&mut self, ty: &RawTy, namespace: Option<&str>, name: &str, source: &Source, diags: &mut Vec<Diagnostic>) -> TypeId {
        match ty {
            RawTy::Scalar(s) => self.scalar(*s),
            RawTy::Named(type_name) => match self.lookup(type_name, namespace) {
                Ok(Some(id)) => id,
                Ok(None) => TypeId::new(type_name.to_string()),
                Err(ids) => {
                    let list = ids.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>().join(", ");
                    diags.push(
                        Diagnostic::error_at(source, format!("type `{type_name}` of `{name}` is ambiguous: it could be {list}"))
                            .with_help("a page that uses a namespaced type should carry that namespace in its `# Namespace:` heading"),
                    );
                    ids[0].clone()
                }
            },
            RawTy::Array(inner) => {
                let items = self.intern(inner, namespace, name, source, diags);
                self.structural(format!("Array<{items}>"), TypeKind::Array { items }, source)
            }
            RawTy::Nullable(inner) => {
                let inner = self.intern(inner, namespace, name, source, diags);
                self.structural(format!("Nullable<{inner}>"), TypeKind::Nullable { inner }, source)
            }
        }
    }

    /// Removes the types outvoted in a field (see `Table::discarded`) that nothing of
    /// the table, nor any method or event of `api`, refers to.
    pub fn drop_discarded(&mut self, api: &crate::ir::Api) {
        if self.discarded.is_empty() {
            return;
        }
        let mut used: BTreeSet<&TypeId> = BTreeSet::new();
        for m in api.methods.values() {
            used.insert(&m.request);
            used.extend(m.response.iter());
        }
        for e in api.events.values() {
            used.extend([&e.body, &e.payload]);
        }
        for (id, def) in &self.types {
            if self.discarded.contains(id) {
                continue;
            }
            match &def.kind {
                TypeKind::Struct { fields, one_ofs } => {
                    used.extend(fields.iter().map(|f| &f.ty));
                    used.extend(one_ofs.iter());
                }
                TypeKind::OneOf { members, parent, .. } if !self.discarded.contains(parent) => used.extend(members.iter().map(|f| &f.ty)),
                TypeKind::Array { items } => {
                    used.insert(items);
                }
                TypeKind::Nullable { inner } => {
                    used.insert(inner);
                }
                _ => {}
            }
        }
        // Reached through arrays and nullables too.
        let unused: Vec<TypeId> = self.discarded.iter().filter(|id| !used.contains(id)).cloned().collect();
        for id in unused {
            if let Some(TypeKind::Struct { one_ofs, .. }) = self.types.remove(&id).map(|d| d.kind) {
                for g in one_ofs {
                    self.types.remove(&g);
                }
            }
        }
        self.discarded.clear();
    }

    fn scalar(&mut self, s: Scalar) -> TypeId {
        let id = s.type_id();
        self.types.entry(id.clone()).or_insert_with(|| TypeDef {
            id: id.clone(),
            name: id.0.clone(),
            namespace: None,
            description: String::new(),
            doc_link: None,
            kind: TypeKind::Scalar { scalar: s },
            source: Default::default(),
        });
        id
    }

    fn structural(&mut self, name: String, kind: TypeKind, source: &Source) -> TypeId {
        let id = TypeId::new(name.clone());
        self.types.entry(id.clone()).or_insert_with(|| TypeDef {
            id: id.clone(),
            name,
            namespace: None,
            description: String::new(),
            doc_link: None,
            kind,
            source: source.clone(),
        });
        id
    }
}

/// Merges every name's candidates and builds the table. Each name's candidates are
/// dropped as soon as their union is made.
/// `files` are the pages, for pointing at the words diagnostics are about.
///
/// The names in `qualified` are kept apart per namespace even where their definitions
/// agree: the requests of two methods of one name in two namespaces are two types.
pub fn merge(
    candidates: BTreeMap<String, Vec<Candidate<'_>>>,
    files: &[SourceFile],
    qualified: &BTreeSet<String>,
    diags: &mut Vec<Diagnostic>,
) -> Table {
    let mut table = Table::default();
    // Pass 1: one union per namespace, then decide each name's surviving definitions.
    let mut unions: Vec<Candidate> = Vec::new();
    let mut outvoted: BTreeSet<String> = BTreeSet::new();
    let mut type_pages: BTreeSet<String> = BTreeSet::new();
    for cands in candidates.into_values() {
        let cands: Vec<Candidate> = cands.into_iter().map(Candidate::owned).collect();
        let mut namespaces: Vec<Option<std::rc::Rc<str>>> = cands.iter().map(|c| c.namespace.clone()).collect();
        namespaces.sort();
        namespaces.dedup();
        if cands.iter().any(|c| c.from_type_page) {
            type_pages.insert(cands[0].name.to_string());
        }
        for ns in namespaces {
            let members: Vec<&Candidate> = cands.iter().filter(|c| c.namespace == ns).collect();
            unions.push(union(&members, files, &mut outvoted, diags));
        }
    }
    let mut by_name: BTreeMap<&str, Vec<&Candidate>> = BTreeMap::new();
    for u in &unions {
        by_name.entry(&u.name).or_default().push(u);
    }
    let mut chosen: Vec<(TypeId, Vec<&Candidate>)> = Vec::new();
    for (name, cands) in by_name {
        let mut groups: Vec<(String, Vec<&Candidate>)> = Vec::new();
        let apart = qualified.contains(name);
        let alone = cands.len() == 1;
        for c in cands {
            // A name defined in one namespace only is one group: nothing to compare.
            let fp = if alone {
                String::new()
            } else if apart {
                format!("{:?}", c.namespace)
            } else {
                fingerprint(&c.def)
            };
            match groups.iter_mut().find(|(f, _)| *f == fp) {
                Some((_, g)) => g.push(c),
                None => groups.push((fp, vec![c])),
            }
        }
        let namespaced = groups.len() > 1 || apart;
        for (_, group) in groups {
            let id = match (&group[0].namespace, namespaced) {
                (Some(ns), true) => TypeId::new(format!("{ns}.{name}")),
                _ => TypeId::new(name),
            };
            chosen.push((id, group));
        }
    }
    for (id, group) in &chosen {
        for c in group {
            table.resolve.insert((c.name.to_string(), c.namespace.as_deref().map(str::to_string)), id.clone());
        }
        table.by_name.entry(group[0].name.to_string()).or_default().insert(id.clone());
        // A type page makes a type real, whatever the votes in one field said.
        if outvoted.contains(&*group[0].name) && !type_pages.contains(&*group[0].name) {
            table.discarded.insert(id.clone());
        }
    }
    // Pass 2: resolve fields and build the definitions.
    for (id, group) in chosen {
        let best = group
            .iter()
            .find(|c| c.from_type_page)
            .or_else(|| group.iter().find(|c| c.on_type_page))
            .copied()
            .unwrap_or(group[0]);
        let ns = group[0].namespace.as_deref();
        let qualified = id.0.contains('.');
        let kind = match &*best.def {
            RawDef::Enum(values) => TypeKind::Enum {
                values: values
                    .iter()
                    .map(|v| EnumValue { name: v.name.to_string(), description: v.description.to_string(), source: v.source.source(files) })
                    .collect(),
            },
            RawDef::Struct { fields, one_ofs } => {
                let required = required_union(&group);
                let fields = fields.iter().map(|f| field(&mut table, f, ns, &required, files, diags)).collect();
                let mut group_ids = Vec::new();
                for (n, RawOneOf { source, required: group_required, members }) in one_ofs.iter().enumerate() {
                    let gid = TypeId::new(if n == 0 { format!("{id}OneOf") } else { format!("{id}OneOf{}", n + 1) });
                    let members = members.iter().map(|f| field(&mut table, f, ns, &required, files, diags)).collect();
                    table.types.insert(
                        gid.clone(),
                        TypeDef {
                            id: gid.clone(),
                            name: gid.0.rsplit('.').next().unwrap_or(&gid.0).to_string(),
                            namespace: qualified.then(|| ns.unwrap_or_default().to_string()),
                            description: String::new(),
                            doc_link: best.doc_link.as_deref().map(str::to_string),
                            kind: TypeKind::OneOf { parent: id.clone(), members, required: *group_required },
                            source: source.source(files),
                        },
                    );
                    group_ids.push(gid);
                }
                TypeKind::Struct { fields, one_ofs: group_ids }
            }
        };
        let description = if best.description.is_empty() {
            group.iter().map(|c| &*c.description).find(|d| !d.is_empty()).unwrap_or("").to_string()
        } else {
            best.description.to_string()
        };
        table.types.insert(
            id.clone(),
            TypeDef {
                id: id.clone(),
                name: best.name.to_string(),
                namespace: if qualified { best.namespace.as_deref().map(str::to_string) } else { None },
                description,
                doc_link: best.doc_link.as_deref().map(str::to_string),
                kind,
                source: best.source.source(files),
            },
        );
    }
    table
}

fn field(table: &mut Table, f: &RawField, ns: Option<&str>, required: &BTreeSet<&str>, files: &[SourceFile], diags: &mut Vec<Diagnostic>) -> Field {
    let source = f.source.source(files);
    let mut extra = BTreeMap::new();
    for (k, v) in f.extra() {
        extra.entry(k.to_string()).or_insert_with(|| v.to_string());
    }
    Field {
        name: f.name.to_string(),
        ty: table.intern(&f.ty, ns, f.name, &source, diags),
        description: f.description.to_string(),
        required: f.required || required.contains(f.name),
        read_only: f.read_only,
        deprecated: f.deprecated().map(str::to_string),
        rules: f.rules().to_vec(),
        id_kind: None,
        id_reason: None,
        extra,
        source,
        type_source: Some(f.ty_source.source(files)),
    }
}

/// `a` is `b` said more precisely: a timestamp where the other says string (inside the
/// same arrays and wrappers).
fn refines(a: &RawTy, b: &RawTy) -> bool {
    match (a, b) {
        (RawTy::Scalar(Scalar::Timestamp), RawTy::Scalar(Scalar::String)) => true,
        (RawTy::Array(a), RawTy::Array(b)) | (RawTy::Nullable(a), RawTy::Nullable(b)) => refines(a, b),
        _ => false,
    }
}

/// Field names marked required by any of the agreeing definitions.
fn required_union<'f>(group: &[&Candidate<'f>]) -> BTreeSet<&'f str> {
    let mut out = BTreeSet::new();
    for c in group {
        if let RawDef::Struct { fields, one_ofs } = &*c.def {
            for f in fields.iter().chain(one_ofs.iter().flat_map(|g| &g.members)) {
                if f.required {
                    out.insert(f.name);
                }
            }
        }
    }
    out
}

/// What must agree between two definitions of a type: field names, types, flags and rules,
/// one-of membership, enum values. Descriptions and `required` may differ.
fn fingerprint(def: &RawDef) -> String {
    match def {
        RawDef::Enum(values) => format!("enum {:?}", values.iter().map(|v| &v.name).collect::<Vec<_>>()),
        RawDef::Struct { fields, one_ofs } => {
            let mut s = String::from("struct");
            for f in fields {
                s.push_str(&field_print(f));
            }
            for g in one_ofs {
                s.push_str(if g.required { " one-of!(" } else { " one-of(" });
                for f in &g.members {
                    s.push_str(&field_print(f));
                }
                s.push(')');
            }
            s
        }
    }
}

fn field_print(f: &RawField) -> String {
    format!(" {}:{}{}{}{:?};", f.name, f.ty.spelling(), if f.read_only { " ro" } else { "" }, if f.deprecated().is_some() { " dep" } else { "" }, f.rules())
}

/// The union of one namespace's definitions of a name. The base is the type page's
/// definition if there is one, else the fullest; fields the others add go after the field
/// that precedes them there. A field given different types keeps the one most expansions
/// give it (see [`typos::majority_types`]), with a warning at each place that says
/// otherwise; the names outvoted go into `outvoted`.
fn union<'f>(cands: &[&Candidate<'f>], files: &[SourceFile], outvoted: &mut BTreeSet<String>, diags: &mut Vec<Diagnostic>) -> Candidate<'f> {
    let size = |c: &Candidate| match &*c.def {
        RawDef::Struct { fields, one_ofs } => fields.len() + one_ofs.iter().map(|g| g.members.len()).sum::<usize>(),
        RawDef::Enum(v) => v.len(),
    };
    let base = cands
        .iter()
        .copied()
        .enumerate()
        .max_by_key(|(i, c)| (c.from_type_page, c.on_type_page, size(c), std::cmp::Reverse(*i)))
        .map(|(_, c)| c)
        .expect("a name has at least one candidate");
    let kept = typos::majority_types(cands, base);
    let mut merging = Merging { type_name: &base.name, kept: &kept, files, outvoted, diags };
    let mut merged = base.clone();
    let mut def = RawDef::clone(&base.def);
    if let RawDef::Struct { fields, one_ofs } = &mut def {
        // The base's own spellings are outvoted like any other; a field it lists twice is
        // an error of its own, not a vote lost.
        let mut seen = BTreeSet::new();
        for x in fields.iter_mut().chain(one_ofs.iter_mut().flat_map(|g| g.members.iter_mut())) {
            if seen.insert(x.name) {
                merging.take_kept(x);
            }
        }
    }
    typos::field_names(&base.name, cands, base, files, merging.diags);
    if merged.description.is_empty() {
        if let Some(d) = cands.iter().map(|c| &c.description).find(|d| !d.is_empty()) {
            merged.description = d.clone();
        }
    }
    for c in cands {
        if std::ptr::eq(*c, base) {
            continue;
        }
        match (&mut def, &*c.def) {
            (RawDef::Enum(values), RawDef::Enum(more)) => {
                for v in more {
                    if !values.iter().any(|x| x.name == v.name) {
                        values.push(v.clone());
                    }
                }
            }
            (RawDef::Struct { fields, one_ofs }, RawDef::Struct { fields: more, one_ofs: groups }) => {
                let mut prev: Option<&str> = None;
                for f in more {
                    merging.add_field(fields, one_ofs, f, prev);
                    prev = Some(f.name);
                }
                for g in groups {
                    let names: BTreeSet<&str> = g.members.iter().map(|m| m.name).collect();
                    let target = one_ofs.iter().position(|h| h.members.iter().any(|m| names.contains(m.name)));
                    let index = match target {
                        Some(i) => i,
                        None => {
                            one_ofs.push(RawOneOf { source: g.source, required: g.required, members: Vec::new() });
                            one_ofs.len() - 1
                        }
                    };
                    one_ofs[index].required |= g.required;
                    for m in &g.members {
                        if fields.iter().any(|x| x.name == m.name) {
                            continue;
                        }
                        match one_ofs[index].members.iter_mut().find(|x| x.name == m.name) {
                            Some(x) => merging.agree(x, m),
                            None => {
                                let mut m = m.clone();
                                merging.take_kept(&mut m);
                                one_ofs[index].members.push(m);
                            }
                        }
                    }
                }
            }
            // What the other definition lists is lost: counted as dropped.
            _ => merging.diags.push(
                Diagnostic::warning_at(
                    &c.source.source(files),
                    format!("type `{}` is an enum in one place and an object in the other; the first is kept", base.name),
                )
                .with_note(&base.source.source(files), "the definition kept")
                .dropping(size(c)),
            ),
        }
    }
    merged.def = std::rc::Rc::new(def);
    merged
}

/// What folding one name's expansions together needs at hand: the spellings kept, and
/// where to put what is outvoted and said.
struct Merging<'a, 'f> {
    type_name: &'a str,
    /// Each field's kept type and a place that gives it.
    kept: &'a BTreeMap<&'f str, (RawTy<'f>, Pos)>,
    files: &'a [SourceFile],
    outvoted: &'a mut BTreeSet<String>,
    diags: &'a mut Vec<Diagnostic>,
}

impl<'f> Merging<'_, 'f> {
    /// Gives `x` (a field as one expansion lists it) the kept type, with a warning if
    /// it said otherwise.
    fn take_kept(&mut self, x: &mut RawField<'f>) {
        let Some((ty, source)) = self.kept.get(x.name) else { return };
        // A refinement of the kept type is the same wire type, better said: no vote lost.
        if refines(&x.ty, ty) {
            return;
        }
        if refines(ty, &x.ty) {
            x.ty = ty.clone();
            x.ty_source = *source;
            return;
        }
        if *ty != x.ty {
            let written = x.clone();
            x.ty = ty.clone();
            x.ty_source = *source;
            self.outvoted_here(x, &written);
        }
    }

    /// Adds `f` (from another expansion, after the field `prev` there) to a union's fields.
    fn add_field(&mut self, fields: &mut Vec<RawField<'f>>, one_ofs: &[RawOneOf], f: &RawField<'f>, prev: Option<&str>) {
        if let Some(x) = fields.iter_mut().find(|x| x.name == f.name) {
            self.agree(x, f);
            return;
        }
        if one_ofs.iter().any(|g| g.members.iter().any(|m| m.name == f.name)) {
            return;
        }
        let at = prev.and_then(|p| fields.iter().position(|x| x.name == p)).map_or(fields.len(), |i| i + 1);
        let at = if prev.is_none() { 0 } else { at };
        let mut f = f.clone();
        self.take_kept(&mut f);
        fields.insert(at, f);
    }

    /// Folds what another expansion says of field `x` into it: flags add up; a different
    /// type is reported and the kept one stays.
    fn agree(&mut self, x: &mut RawField<'f>, f: &RawField<'f>) {
        // Method pages write a timestamp as `string`, webhook pages as `string (date-time)`:
        // one wire type, the second better said.
        if refines(&f.ty, &x.ty) {
            x.ty = f.ty.clone();
            x.ty_source = f.ty_source;
        }
        if x.ty != f.ty && !refines(&x.ty, &f.ty) {
            self.outvoted_here(x, f);
            return;
        }
        x.required |= f.required;
        x.read_only |= f.read_only;
        let deprecated = x.deprecated().is_none() && f.deprecated().is_some();
        let rules = x.rules().is_empty() && !f.rules().is_empty();
        if deprecated || rules {
            let mut notes = x.notes.as_deref().cloned().unwrap_or_default();
            if deprecated {
                notes.deprecated = f.deprecated();
            }
            if rules {
                notes.rules = f.rules().into();
            }
            x.notes = Some(std::rc::Rc::new(notes));
        }
        if x.description.is_empty() {
            x.description = f.description;
        }
    }

    /// The warning at `f`, an expansion that gives field `x` another type than the one kept.
    fn outvoted_here(&mut self, x: &RawField, f: &RawField) {
        let (here, kept) = (f.ty.spelling(), x.ty.spelling());
        let mut d = Diagnostic::warning_at(
            &f.ty_source.source(self.files),
            format!("field `{}` of `{}` is `{here}` here and `{kept}` elsewhere; `{kept}` is kept", f.name, self.type_name),
        )
        .with_note(&x.ty_source.source(self.files), "the type kept");
        // Two spellings a letter or two apart are a typo more often than two types.
        if crate::validate::nearest(&here, &[kept.as_str()]).is_some() {
            d = d.with_help(format!("did you mean `{kept}`?"));
        }
        self.diags.push(d);
        if let (Some(lost), Some(won)) = (typos::named(&f.ty), typos::named(&x.ty)) {
            if lost != won {
                self.outvoted.insert(lost.to_string());
            }
        }
    }
}
