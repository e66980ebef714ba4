//! Which fields must be boxed: those whose type leads back to their own struct.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{TypeId, TypeKind};

/// Fields (and group members) whose type leads back to their own struct without passing
/// through an array: those are boxed.
///
/// A field from `owner` to `target` closes a cycle when `target` reaches `owner`, that is
/// when both are in one strongly connected component: the components are found once
/// (Tarjan), where a search from every field's type grew with fields × types.
pub fn cycles(api: &crate::ir::Api) -> BTreeSet<(TypeId, String)> {
    let strip = |t| strip(api, t);
    // Direct containment: type → (edge label, contained type), in type-table order.
    let mut edges: BTreeMap<&TypeId, Vec<(&str, &TypeId)>> = BTreeMap::new();
    for def in api.types.values() {
        match &def.kind {
            TypeKind::Struct { fields, one_ofs } => {
                let e = edges.entry(&def.id).or_default();
                e.extend(fields.iter().map(|f| (f.name.as_str(), strip(&f.ty))));
                e.extend(one_ofs.iter().map(|g| ("", g)));
            }
            TypeKind::OneOf { members, .. } => {
                edges.entry(&def.id).or_default().extend(members.iter().map(|m| (m.name.as_str(), strip(&m.ty))));
            }
            _ => {}
        }
    }
    let index: BTreeMap<&TypeId, usize> = edges.keys().enumerate().map(|(i, t)| (*t, i)).collect();
    let adjacency: Vec<Vec<usize>> =
        edges.values().map(|es| es.iter().filter_map(|(_, t)| index.get(t).copied()).collect()).collect();
    let component = components(&adjacency);
    let mut out = BTreeSet::new();
    for (i, (owner, es)) in edges.iter().enumerate() {
        for (label, target) in es {
            if !label.is_empty() && index.get(target).is_some_and(|&j| component[j] == component[i]) {
                out.insert(((*owner).clone(), label.to_string()));
            }
        }
    }
    out
}

/// The strongly connected component of every node (Tarjan's algorithm, iterative so that
/// a long chain of types cannot overflow the stack).
fn components(adjacency: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = adjacency.len();
    let (mut order, mut low, mut component) = (vec![UNSEEN; n], vec![0; n], vec![UNSEEN; n]);
    let (mut on_stack, mut stack, mut next, mut count) = (vec![false; n], Vec::new(), 0, 0);
    for root in 0..n {
        if order[root] != UNSEEN {
            continue;
        }
        // (node, index of its next edge to follow)
        let mut calls = vec![(root, 0)];
        order[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut e)) = calls.last_mut() {
            if let Some(&w) = adjacency[v].get(*e) {
                *e += 1;
                if order[w] == UNSEEN {
                    order[w] = next;
                    low[w] = next;
                    next += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    calls.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(order[w]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(parent, _)) = calls.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == order[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component[w] = count;
                    if w == v {
                        break;
                    }
                }
                count += 1;
            }
        }
    }
    component
}

/// A type without its `Nullable` wrappers.
fn strip<'a>(api: &'a crate::ir::Api, mut t: &'a TypeId) -> &'a TypeId {
    while let Some(TypeKind::Nullable { inner }) = api.types.get(t).map(|d| &d.kind) {
        t = inner;
    }
    t
}
