//! Checks on the lowered IR that no single page can make: dangling type references,
//! one-of groups too small to choose from, duplicate fields, and every example decoded
//! against the types (`decode`). (Checks that need page text — required paths, URL
//! templates, duplicate methods, examples that are not JSON — run during lowering, where
//! the offending text is at hand.)

mod decode;

use std::collections::BTreeSet;

use crate::diag::{Diagnostic, SourceFile};
use crate::ir::{Api, Source, TypeId, TypeKind};

/// Every problem found in `api`.
pub fn validate(api: &Api, files: &[SourceFile]) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let names: Vec<&str> = api.types.keys().map(TypeId::as_str).collect();
    let check_ref = |ty: &TypeId, source: &Source, what: &str, diags: &mut Vec<Diagnostic>| {
        if let Some(missing) = dangling(api, ty) {
            let message = format!("unknown type `{missing}` ({what})");
            let mut d = spanned(files, source, &missing).unwrap_or_else(|| Diagnostic::error_at(source, message.clone()));
            d.message = message;
            d = match nearest(&missing, &names) {
                Some(n) => d.with_help(format!("did you mean `{n}`?")),
                None => d.with_help("define it on this page by nesting its fields under the field, or on a type page"),
            };
            diags.push(d);
        }
    };
    for def in api.types.values() {
        match &def.kind {
            TypeKind::Struct { fields, one_ofs } => {
                let mut seen = BTreeSet::new();
                let members = one_ofs.iter().filter_map(|g| match &api.types.get(g)?.kind {
                    TypeKind::OneOf { members, .. } => Some(members.iter()),
                    _ => None,
                });
                for f in fields.iter().chain(members.flatten()) {
                    if !seen.insert(f.name.as_str()) {
                        diags.push(Diagnostic::error_at(&f.source, format!("field `{}` appears twice in `{}`", f.name, def.id)));
                    }
                    check_ref(&f.ty, f.type_source.as_ref().unwrap_or(&f.source), &format!("field `{}` of `{}`", f.name, def.id), &mut diags);
                }
            }
            TypeKind::OneOf { members, parent, .. } if members.len() < 2 => {
                diags.push(
                    Diagnostic::error_at(&def.source, format!("one-of group of `{parent}` has {} member(s); a choice needs at least two", members.len()))
                        .with_help("nest the members under `- ONE-OF:`, or drop the marker if the field is always present"),
                );
            }
            _ => {}
        }
    }
    for m in api.methods.values() {
        check_ref(&m.request, &m.source, &format!("request of `{}`", m.name), &mut diags);
        if let Some(r) = &m.response {
            check_ref(r, &m.source, &format!("return type of `{}`", m.name), &mut diags);
        }
    }
    for e in api.events.values() {
        check_ref(&e.payload, &e.source, &format!("payload of `{}`", e.name), &mut diags);
    }
    decode::check(api, &mut diags);
    diags
}

/// An error underlining `word` where it starts at `source`, when the file is at hand and
/// the word is there.
fn spanned(files: &[SourceFile], source: &Source, word: &str) -> Option<Diagnostic> {
    let file = files.iter().find(|f| *f.name == *source.file)?;
    let line = file.line_start(source.line)?;
    let rest = &file.text[line..];
    let col = rest.char_indices().nth(source.column.saturating_sub(1) as usize).map(|(i, _)| i)?;
    let start = line + col;
    let at = file.text[start..].find(word).filter(|&i| i < 80).map_or(start, |i| start + i);
    let end = if file.text[at..].starts_with(word) { at + word.len() } else { at };
    Some(Diagnostic::error(file, at, end, String::new()))
}

/// The first name under `ty` (through arrays and wrappers) that the table lacks.
fn dangling(api: &Api, ty: &TypeId) -> Option<String> {
    match api.types.get(ty).map(|d| &d.kind) {
        None => Some(ty.0.clone()),
        Some(TypeKind::Array { items }) => dangling(api, items),
        Some(TypeKind::Nullable { inner }) => dangling(api, inner),
        Some(_) => None,
    }
}

/// The known name closest to `name`, if it is close enough to be a typo.
pub fn nearest<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let lower: Vec<char> = name.to_ascii_lowercase().chars().collect();
    let mut best: Option<(usize, &'a str)> = None;
    let mut row = Vec::new();
    let mut other = Vec::new();
    for &c in candidates {
        let limit = (c.len().max(name.len()) / 3).max(1);
        // The distance is at least the difference in length (in characters), and a name
        // already beaten needs a smaller one: most names are ruled out without a table.
        let limit = match best {
            Some((d, _)) => limit.min(d),
            None => limit,
        };
        let chars = c.chars().count();
        if chars.abs_diff(lower.len()) > limit {
            continue;
        }
        other.clear();
        other.extend(c.chars().map(|ch| ch.to_ascii_lowercase()));
        let Some(d) = edit_distance_within(&lower, &other, limit, &mut row) else { continue };
        if best.is_none_or(|(bd, bc)| (d, c) < (bd, bc)) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// The edit distance of `a` and `b` when it is at most `limit`.
fn edit_distance_within(a: &[char], b: &[char], limit: usize, prev: &mut Vec<usize>) -> Option<usize> {
    prev.clear();
    prev.extend(0..=b.len());
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = prev[0];
        prev[0] = i + 1;
        let mut row_min = prev[0];
        for (j, cb) in b.iter().enumerate() {
            let above = prev[j + 1];
            let value = (diagonal + usize::from(ca != cb)).min(above + 1).min(prev[j] + 1);
            diagonal = above;
            prev[j + 1] = value;
            row_min = row_min.min(value);
        }
        // Every later row is at least this row's smallest entry.
        if row_min > limit {
            return None;
        }
    }
    Some(prev[b.len()]).filter(|&d| d <= limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_are_suggested_and_far_ones_are_not() {
        let names = ["Message", "MessageContent", "Conversation"];
        assert_eq!(nearest("Mesage", &names), Some("Message"));
        assert_eq!(nearest("conversaton", &names), Some("Conversation"));
        assert_eq!(nearest("Badge", &names), None);
    }

    /// The bounded search gives what comparing every name in full gives.
    #[test]
    fn nearest_is_the_closest_within_the_limit() {
        fn full(a: &str, b: &str) -> usize {
            let b: Vec<char> = b.chars().collect();
            let mut prev: Vec<usize> = (0..=b.len()).collect();
            for (i, ca) in a.chars().enumerate() {
                let mut cur = vec![i + 1];
                for (j, cb) in b.iter().enumerate() {
                    cur.push((prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1));
                }
                prev = cur;
            }
            prev[b.len()]
        }
        let names = ["Message", "Messages", "MessageContent", "Conversation", "Convo", "Cart", "Card", "Carts", "Émile", "émile", "x", "Order", "Orders", "OrderItem"];
        for probe in ["Mesage", "message", "Car", "Cards", "Emile", "émil", "y", "Ordr", "OrderItems", "Conversion", "Badge", ""] {
            let lower = probe.to_ascii_lowercase();
            let expected = names
                .iter()
                .map(|c| (full(&lower, &c.to_ascii_lowercase()), *c))
                .filter(|(d, c)| *d <= (c.len().max(probe.len()) / 3).max(1))
                .min()
                .map(|(_, c)| c);
            assert_eq!(nearest(probe, &names), expected, "{probe}");
        }
    }
}
