//! Candidate definitions into one type table.
//!
//! Pages repeat the types they use. Definitions of one name that agree become one type;
//! definitions that differ between namespaces (the two `IdentificationData`) survive as
//! `namespace.Name`; definitions that differ within one namespace are a conflict,
//! reported with both places.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::diag::Diagnostic;
use crate::ir::{Field, Scalar, TypeDef, TypeId, TypeKind};
use crate::lower::collect::{Candidate, RawDef, RawField, RawTy};

/// The type table and how names resolve in each namespace.
#[derive(Debug, Default)]
pub struct Table {
    pub types: BTreeMap<TypeId, TypeDef>,
    resolve: HashMap<(String, Option<String>), TypeId>,
    by_name: HashMap<String, BTreeSet<TypeId>>,
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
    /// An unknown name stays as a dangling ID, for validation to report.
    pub fn intern(&mut self, ty: &RawTy, namespace: Option<&str>, field: &RawField, diags: &mut Vec<Diagnostic>) -> TypeId {
        match ty {
            RawTy::Scalar(s) => self.scalar(*s),
            RawTy::Named(name) => match self.lookup(name, namespace) {
                Ok(Some(id)) => id,
                Ok(None) => TypeId::new(name.clone()),
                Err(ids) => {
                    let list = ids.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>().join(", ");
                    diags.push(
                        Diagnostic::error_at(&field.source, format!("type `{name}` of `{}` is ambiguous: it could be {list}", field.name))
                            .with_help("a page that uses a namespaced type should carry that namespace in its `# Namespace:` heading"),
                    );
                    ids[0].clone()
                }
            },
            RawTy::Array(inner) => {
                let items = self.intern(inner, namespace, field, diags);
                self.structural(format!("Array<{items}>"), TypeKind::Array { items }, field)
            }
            RawTy::Nullable(inner) => {
                let inner = self.intern(inner, namespace, field, diags);
                self.structural(format!("Nullable<{inner}>"), TypeKind::Nullable { inner }, field)
            }
        }
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

    fn structural(&mut self, name: String, kind: TypeKind, field: &RawField) -> TypeId {
        let id = TypeId::new(name.clone());
        self.types.entry(id.clone()).or_insert_with(|| TypeDef {
            id: id.clone(),
            name,
            namespace: None,
            description: String::new(),
            doc_link: None,
            kind,
            source: field.source.clone(),
        });
        id
    }
}

/// Merges every name's candidates and builds the table.
pub fn merge(candidates: &BTreeMap<String, Vec<Candidate>>, diags: &mut Vec<Diagnostic>) -> Table {
    let mut table = Table::default();
    // Pass 1: decide each name's surviving definitions and their IDs.
    let mut chosen: Vec<(TypeId, Vec<&Candidate>)> = Vec::new();
    for (name, cands) in candidates {
        let mut groups: Vec<(String, Vec<&Candidate>)> = Vec::new();
        for c in cands {
            let fp = fingerprint(&c.def);
            match groups.iter_mut().find(|(f, _)| *f == fp) {
                Some((_, g)) => g.push(c),
                None => groups.push((fp, vec![c])),
            }
        }
        if groups.len() == 1 {
            let (_, g) = groups.pop().expect("one group");
            chosen.push((TypeId::new(name.clone()), g));
            continue;
        }
        let mut kept: Vec<Vec<&Candidate>> = Vec::new();
        for (_, group) in groups {
            let clash = kept.iter().find(|k| {
                k.iter().any(|a| group.iter().any(|b| a.namespace == b.namespace))
            });
            match clash {
                Some(other) => {
                    let (here, there) = (group[0], other[0]);
                    diags.push(
                        Diagnostic::error_at(&here.source, format!("type `{name}` is defined differently here: {}", difference(&here.def, &there.def)))
                            .with_note(&there.source, "the other definition")
                            .with_help("every page that expands a type must give it the same fields, types and flags"),
                    );
                }
                None => kept.push(group),
            }
        }
        let namespaced = kept.len() > 1;
        for group in kept {
            let id = match (&group[0].namespace, namespaced) {
                (Some(ns), true) => TypeId::new(format!("{ns}.{name}")),
                _ => TypeId::new(name.clone()),
            };
            chosen.push((id, group));
        }
    }
    for (id, group) in &chosen {
        for c in group {
            table.resolve.insert((c.name.clone(), c.namespace.clone()), id.clone());
        }
        table.by_name.entry(group[0].name.clone()).or_default().insert(id.clone());
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
        let kind = match &best.def {
            RawDef::Enum(values) => TypeKind::Enum { values: values.clone() },
            RawDef::Struct { fields, one_ofs } => {
                let required = required_union(&group);
                let fields = fields.iter().map(|f| field(&mut table, f, ns, &required, diags)).collect();
                let mut group_ids = Vec::new();
                for (n, (source, members)) in one_ofs.iter().enumerate() {
                    let gid = TypeId::new(if n == 0 { format!("{id}OneOf") } else { format!("{id}OneOf{}", n + 1) });
                    let members = members.iter().map(|f| field(&mut table, f, ns, &required, diags)).collect();
                    table.types.insert(
                        gid.clone(),
                        TypeDef {
                            id: gid.clone(),
                            name: gid.0.rsplit('.').next().unwrap_or(&gid.0).to_string(),
                            namespace: qualified.then(|| ns.unwrap_or_default().to_string()),
                            description: String::new(),
                            doc_link: best.doc_link.clone(),
                            kind: TypeKind::OneOf { parent: id.clone(), members },
                            source: source.clone(),
                        },
                    );
                    group_ids.push(gid);
                }
                TypeKind::Struct { fields, one_ofs: group_ids }
            }
        };
        let description = if best.description.is_empty() {
            group.iter().map(|c| c.description.as_str()).find(|d| !d.is_empty()).unwrap_or("").to_string()
        } else {
            best.description.clone()
        };
        table.types.insert(
            id.clone(),
            TypeDef {
                id: id.clone(),
                name: best.name.clone(),
                namespace: if qualified { best.namespace.clone() } else { None },
                description,
                doc_link: best.doc_link.clone(),
                kind,
                source: best.source.clone(),
            },
        );
    }
    table
}

fn field(table: &mut Table, f: &RawField, ns: Option<&str>, required: &BTreeSet<String>, diags: &mut Vec<Diagnostic>) -> Field {
    Field {
        name: f.name.clone(),
        ty: table.intern(&f.ty, ns, f, diags),
        description: f.description.clone(),
        required: f.required || required.contains(&f.name),
        read_only: f.read_only,
        deprecated: f.deprecated.clone(),
        rules: f.rules.clone(),
        id_kind: None,
        extra: f.extra.clone(),
        source: f.source.clone(),
    }
}

/// Field names marked required by any of the agreeing definitions.
fn required_union(group: &[&Candidate]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for c in group {
        if let RawDef::Struct { fields, one_ofs } = &c.def {
            for f in fields.iter().chain(one_ofs.iter().flat_map(|(_, m)| m)) {
                if f.required {
                    out.insert(f.name.clone());
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
            for (_, members) in one_ofs {
                s.push_str(" one-of(");
                for f in members {
                    s.push_str(&field_print(f));
                }
                s.push(')');
            }
            s
        }
    }
}

fn field_print(f: &RawField) -> String {
    format!(" {}:{}{}{}{:?};", f.name, f.ty.spelling(), if f.read_only { " ro" } else { "" }, if f.deprecated.is_some() { " dep" } else { "" }, f.rules)
}

/// The first difference between two definitions, in words.
fn difference(here: &RawDef, there: &RawDef) -> String {
    match (here, there) {
        (RawDef::Enum(a), RawDef::Enum(b)) => {
            let a: Vec<_> = a.iter().map(|v| v.name.as_str()).collect();
            let b: Vec<_> = b.iter().map(|v| v.name.as_str()).collect();
            match a.iter().find(|v| !b.contains(v)) {
                Some(v) => format!("value `{v}` is not in the other definition"),
                None => match b.iter().find(|v| !a.contains(v)) {
                    Some(v) => format!("value `{v}` of the other definition is missing"),
                    None => "the values are in a different order".to_string(),
                },
            }
        }
        (RawDef::Struct { fields: fa, one_ofs: oa }, RawDef::Struct { fields: fb, one_ofs: ob }) => {
            let all = |f: &[RawField], o: &[(crate::ir::Source, Vec<RawField>)]| -> Vec<RawField> {
                f.iter().cloned().chain(o.iter().flat_map(|(_, m)| m.iter().cloned())).collect()
            };
            let (a, b) = (all(fa, oa), all(fb, ob));
            for f in &a {
                match b.iter().find(|g| g.name == f.name) {
                    None => return format!("field `{}` is not in the other definition", f.name),
                    Some(g) if g.ty != f.ty => {
                        return format!("field `{}` is `{}` here and `{}` there", f.name, f.ty.spelling(), g.ty.spelling())
                    }
                    Some(g) if field_print(g) != field_print(f) => {
                        return format!("field `{}` has other flags or validation rules than there", f.name)
                    }
                    _ => {}
                }
            }
            if let Some(g) = b.iter().find(|g| !a.iter().any(|f| f.name == g.name)) {
                return format!("field `{}` of the other definition is missing", g.name);
            }
            "its one-of groups or field order differ".to_string()
        }
        _ => "it is an enum in one place and an object in the other".to_string(),
    }
}
