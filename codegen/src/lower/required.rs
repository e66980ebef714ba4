//! `Required parameters:` paths applied to the request type and the types below it.
//!
//! A path `a.b` marks `b` required in the type of `a` (real pages mean "required when `a`
//! is present"). Since that type is shared, `b` becomes required wherever the type is used:
//! a message sent without content is as wrong as one received without it.

use crate::diag::{Diagnostic, SourceFile};
use crate::ir::{TypeId, TypeKind};
use crate::lower::merge::Table;

pub fn apply(table: &mut Table, request: &TypeId, paths: &[(String, usize)], file: &SourceFile, diags: &mut Vec<Diagnostic>) {
    for (path, offset) in paths {
        if let Err(message) = mark(table, request, path) {
            diags.push(
                Diagnostic::warning(file, *offset, offset + path.len(), format!("required path `{path}` names no field: {message}"))
                    .with_help("real pages name fields their trees never expand; the path is left out"),
            );
        }
    }
}

fn mark(table: &mut Table, request: &TypeId, path: &str) -> Result<(), String> {
    let mut current = request.clone();
    let segments: Vec<&str> = path.split('.').collect();
    for (i, seg) in segments.iter().enumerate() {
        let (owner, index) = find(table, &current, seg).ok_or_else(|| format!("`{current}` has no field `{seg}`"))?;
        let field = field_mut(table, &owner, index).expect("found above");
        if i + 1 == segments.len() {
            field.required = true;
            return Ok(());
        }
        let ty = field.ty.clone();
        current = unwrap(table, &ty);
    }
    Ok(())
}

/// Checks that `path` (a URL template variable's field path) names a field of the
/// request, through the types of the fields on the way.
pub fn field_path(table: &Table, request: &TypeId, path: &[String]) -> Result<(), String> {
    let mut current = request.clone();
    for seg in path {
        let (owner, index) = find(table, &current, seg).ok_or_else(|| format!("`{current}` has no field `{seg}`"))?;
        let ty = match table.types.get(&owner).map(|d| &d.kind) {
            Some(TypeKind::Struct { fields, .. }) => fields.get(index),
            Some(TypeKind::OneOf { members, .. }) => members.get(index),
            _ => None,
        }
        .map(|f| f.ty.clone())
        .ok_or_else(|| format!("`{current}` has no field `{seg}`"))?;
        current = unwrap(table, &ty);
    }
    Ok(())
}

/// The type that holds field `name` of struct `id` (itself or one of its one-of groups),
/// and the field's index there.
fn find(table: &Table, id: &TypeId, name: &str) -> Option<(TypeId, usize)> {
    let TypeKind::Struct { fields, one_ofs } = &table.types.get(id)?.kind else { return None };
    if let Some(i) = fields.iter().position(|f| f.name == name) {
        return Some((id.clone(), i));
    }
    one_ofs.iter().find_map(|g| match &table.types.get(g)?.kind {
        TypeKind::OneOf { members, .. } => members.iter().position(|f| f.name == name).map(|i| (g.clone(), i)),
        _ => None,
    })
}

fn field_mut<'a>(table: &'a mut Table, owner: &TypeId, index: usize) -> Option<&'a mut crate::ir::Field> {
    match &mut table.types.get_mut(owner)?.kind {
        TypeKind::Struct { fields, .. } => fields.get_mut(index),
        TypeKind::OneOf { members, .. } => members.get_mut(index),
        _ => None,
    }
}

/// Through arrays and nullable wrappers to the element type.
fn unwrap(table: &Table, id: &TypeId) -> TypeId {
    let mut id = id.clone();
    for _ in 0..16 {
        match table.types.get(&id).map(|t| &t.kind) {
            Some(TypeKind::Array { items }) => id = items.clone(),
            Some(TypeKind::Nullable { inner }) => id = inner.clone(),
            _ => break,
        }
    }
    id
}
