//! Typos in the pages: a name mistyped in one place, where the other places agree.
//!
//! Pages repeat the types they use, so most typos are outvoted: the spelling most
//! expansions give a field's type is the one kept (the type page's where the vote is
//! tied), and a field name that a single expansion spells a letter off from the name the
//! others list (`jobTitel` beside `jobTitle`) is pointed out. A return type is named in
//! one place only; a name a letter or two off `<Method>Response` is pointed out too.

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::{Diagnostic, SourceFile};
use crate::ir::{Api, TypeKind};
use crate::lower::collect::{Candidate, Pos, RawDef, RawField, RawTy};

/// For each field name of a type's expansions, the type most of them give it, and a place
/// that gives it (`base`'s own where it agrees): the spelling kept. Ties go to `base` (the
/// type page's definition, else the fullest), then to the first spelling read.
pub fn majority_types<'f>(cands: &[&Candidate<'f>], base: &Candidate<'f>) -> BTreeMap<&'f str, (RawTy<'f>, Pos)> {
    // Per field: each spelling, its votes and first place, in order of first appearance.
    let mut votes: BTreeMap<&'f str, Vec<(&RawTy<'f>, usize, Pos)>> = BTreeMap::new();
    for c in cands {
        // A field a definition lists twice votes once, as first listed (the second
        // listing is an error of its own).
        let mut seen = std::collections::BTreeSet::new();
        for f in fields_of(&c.def).filter(|f| seen.insert(f.name)) {
            let spellings = votes.entry(f.name).or_default();
            match spellings.iter_mut().find(|(ty, _, _)| **ty == f.ty) {
                Some(s) => s.1 += 1,
                None => spellings.push((&f.ty, 1, f.ty_source)),
            }
        }
    }
    let mut base_types: BTreeMap<&str, (&RawTy, Pos)> = BTreeMap::new();
    for f in fields_of(&base.def) {
        base_types.entry(f.name).or_insert((&f.ty, f.ty_source));
    }
    votes
        .into_iter()
        .map(|(name, spellings)| {
            let best = spellings.iter().map(|s| s.1).max().unwrap_or(0);
            let base_choice = base_types.get(name).filter(|(ty, _)| spellings.iter().any(|s| s.0 == *ty && s.1 == best));
            let (ty, source) = match base_choice {
                Some((ty, source)) => (*ty, *source),
                None => spellings.iter().find(|s| s.1 == best).map(|s| (s.0, s.2)).expect("a field has a spelling"),
            };
            (name, (ty.clone(), source))
        })
        .collect()
}

/// The fields and one-of members of a definition.
fn fields_of<'d, 'f>(def: &'d RawDef<'f>) -> impl Iterator<Item = &'d RawField<'f>> {
    let (fields, one_ofs) = match def {
        RawDef::Struct { fields, one_ofs } => (fields.as_slice(), one_ofs.as_slice()),
        RawDef::Enum(_) => (&[][..], &[][..]),
    };
    fields.iter().chain(one_ofs.iter().flat_map(|g| &g.members))
}

/// The named type under arrays and nullables, if any.
pub fn named<'t>(ty: &'t RawTy) -> Option<&'t str> {
    match ty {
        RawTy::Named(n) => Some(n),
        RawTy::Array(t) | RawTy::Nullable(t) => named(t),
        RawTy::Scalar(_) => None,
    }
}

/// Field names of a type that one expansion spells a letter off from a name the others
/// list (and no expansion lists both): a warning at each place the rarer spelling is
/// written. Both fields are kept: a typo cannot be told from a second field for sure.
pub fn field_names(type_name: &str, cands: &[&Candidate], base: &Candidate, files: &[SourceFile], diags: &mut Vec<Diagnostic>) {
    if cands.len() < 2 {
        return;
    }
    let lists: Vec<BTreeSet<&str>> = cands.iter().map(|c| fields_of(&c.def).map(|f| f.name).collect()).collect();
    let mut votes: BTreeMap<&str, usize> = BTreeMap::new();
    for list in &lists {
        for name in list {
            *votes.entry(name).or_default() += 1;
        }
    }
    let in_base: BTreeSet<&str> = fields_of(&base.def).map(|f| f.name).collect();
    let names: Vec<&str> = votes.keys().copied().collect();
    for (i, a) in names.iter().enumerate() {
        for b in &names[i + 1..] {
            if !likely_typo(a, b) || lists.iter().any(|l| l.contains(a) && l.contains(b)) {
                continue;
            }
            let (rare, common) = match votes[a].cmp(&votes[b]) {
                std::cmp::Ordering::Less => (*a, *b),
                std::cmp::Ordering::Greater => (*b, *a),
                // A tie: the spelling of the type page (or the fullest expansion) stands.
                std::cmp::Ordering::Equal if in_base.contains(a) => (*b, *a),
                std::cmp::Ordering::Equal => (*a, *b),
            };
            let others = lists.iter().filter(|l| l.contains(common)).count();
            for c in cands {
                for f in fields_of(&c.def).filter(|f| f.name == rare) {
                    let message = format!(
                        "field `{rare}` of `{type_name}` is listed here, and `{common}` in {others} other expansion(s) of `{type_name}`; both are kept"
                    );
                    diags.push(at_word(files, f.source, rare, message).with_help(format!("did you mean `{common}`?")));
                }
            }
        }
    }
}

/// A warning underlining `word` where it is first written on the line of `at`, at or
/// after it (at `at` itself where the line does not hold it).
fn at_word(files: &[SourceFile], at: Pos, word: &str, message: String) -> Diagnostic {
    let file = &files[at.file as usize];
    let from = (at.offset as usize).min(file.text.len());
    let end = file.text[from..].find('\n').map_or(file.text.len(), |i| from + i);
    match file.text[from..end].find(word) {
        Some(i) => Diagnostic::warning(file, from + i, from + i + word.len(), message),
        None => Diagnostic::warning_at(&at.source(files), message),
    }
}

/// Whether two field names are more likely one name mistyped than two fields: a letter
/// added, dropped, changed or two swapped (or only letter case) apart, both at least four
/// letters long, and not a plural of the other or a numbered pair (`line1`, `line2`).
pub fn likely_typo(a: &str, b: &str) -> bool {
    if a == b || a.len() < 4 || b.len() < 4 {
        return false;
    }
    let plural = |x: &str, y: &str| y.strip_prefix(x).is_some_and(|rest| rest == "s" || rest == "es");
    if plural(a, b) || plural(b, a) {
        return false;
    }
    let strip_digits = |s: &str| s.chars().filter(|c| !c.is_ascii_digit()).collect::<String>();
    if a.chars().any(|c| c.is_ascii_digit()) && strip_digits(a) == strip_digits(b) {
        return false;
    }
    within_one_edit(a, b)
}

/// Whether `a` and `b`, ASCII letter case aside, are at most one edit apart (a letter
/// added, dropped or changed, or two neighbouring letters swapped): `distance(a, b) <= 1`
/// on their lowercase forms, without allocating. Every pair of a type's field names is
/// asked this, so most answers must come from the lengths alone.
fn within_one_edit(a: &str, b: &str) -> bool {
    let (a, b) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    // A letter's case never changes its length in bytes, and one edit changes the length
    // by at most one character, which is at most 4 bytes.
    if b.len() - a.len() > 4 {
        return false;
    }
    let same = |x: char, y: char| x.eq_ignore_ascii_case(&y);
    let mut x = a.chars();
    let mut y = b.chars();
    // The common prefix.
    loop {
        match (x.clone().next(), y.clone().next()) {
            (Some(p), Some(q)) if same(p, q) => {
                x.next();
                y.next();
            }
            _ => break,
        }
    }
    let rest_equal = |mut p: std::str::Chars, mut q: std::str::Chars| loop {
        match (p.next(), q.next()) {
            (None, None) => return true,
            (Some(c), Some(d)) if same(c, d) => {}
            _ => return false,
        }
    };
    let (xs, ys) = (x.clone().count(), y.clone().count());
    match ys.checked_sub(xs) {
        // Equal up to the end: no edit.
        _ if xs == 0 && ys == 0 => true,
        // One letter changed, or two neighbours swapped.
        Some(0) => {
            let (mut x1, mut y1) = (x.clone(), y.clone());
            let (p, q) = (x1.next(), y1.next());
            if rest_equal(x1.clone(), y1.clone()) {
                return true;
            }
            let (mut x2, mut y2) = (x1, y1);
            match (p, q, x2.next(), y2.next()) {
                (Some(p0), Some(q0), Some(p1), Some(q1)) => same(p0, q1) && same(p1, q0) && rest_equal(x2, y2),
                _ => false,
            }
        }
        // One letter added to the shorter.
        Some(1) => {
            let mut y1 = y;
            y1.next();
            rest_equal(x, y1)
        }
        _ => false,
    }
}

/// Edit distance counting a swap of two neighbouring letters as one edit
/// (optimal string alignment).
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

/// Return types named a letter or two off what the method's name gives (`<Method>Response`
/// for `<Method>Request`), or whose last word is a misspelt `Response`: a warning at the
/// return type, with the likely name.
pub fn return_types(api: &Api, diags: &mut Vec<Diagnostic>) {
    for m in api.methods.values() {
        let Some(response) = &m.response else { continue };
        let name = response.0.rsplit('.').next().unwrap_or(&response.0);
        let request = m.request.0.rsplit('.').next().unwrap_or(&m.request.0);
        // The page's own title, not the request's name: a second method of one name is
        // renamed (`ListBooks2Request`) while its page still returns `ListBooksResponse`.
        let expected = if m.title.is_empty() {
            request.strip_suffix("Request").map(|stem| format!("{stem}Response"))
        } else {
            Some(format!("{}Response", m.title))
        };
        // Letter case aside: a page titled `sendMessage` returns `SendMessageResponse`.
        let (lower, expected_lower) = (name.to_ascii_lowercase(), expected.as_deref().map(str::to_ascii_lowercase));
        let suggestion = match (&expected, expected_lower) {
            (Some(_), Some(e)) if e == lower => continue,
            (Some(e), Some(el)) if distance(&lower, &el) <= 2 => Some(with_first_letter_of(name, e)),
            _ => misspelt_response(name),
        };
        let Some(suggestion) = suggestion else { continue };
        let def = api.types.get(response);
        let source = def.filter(|d| d.source.file == m.source.file && d.source.line > 0).map_or(&m.source, |d| &d.source);
        let mut d = Diagnostic::warning_at(
            source,
            format!("return type `{name}` of `{}` looks misspelt: the bindings will name it so", m.name),
        )
        .with_help(format!("did you mean `{suggestion}`?"));
        if def.is_some_and(|d| matches!(&d.kind, TypeKind::Struct { fields, one_ofs } if fields.is_empty() && one_ofs.is_empty())) {
            d = d.with_note(&m.source, "the method");
        }
        diags.push(d);
    }
}

/// `word` with the first letter `like` has (`SendMessageResponse` for a method page titled
/// `sendMessage` whose return type is `SendMesageResponse`).
fn with_first_letter_of(like: &str, word: &str) -> String {
    let mut chars = word.chars();
    match (like.chars().next(), chars.next()) {
        (Some(first), Some(_)) => std::iter::once(first).chain(chars).collect(),
        _ => word.to_string(),
    }
}

/// `name` with its last word, a misspelt `Response` (`Respnse`, `Reponse`), spelt right.
fn misspelt_response(name: &str) -> Option<String> {
    let start = name.char_indices().filter(|(_, c)| c.is_ascii_uppercase()).map(|(i, _)| i).next_back()?;
    let word = &name[start..];
    (word != "Response" && word != "Responses" && distance(word, "Response") <= 2).then(|| format!("{}Response", &name[..start]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_letter_off_is_a_typo_a_plural_or_a_number_is_not() {
        assert!(likely_typo("jobTitel", "jobTitle"));
        assert!(likely_typo("jobtitle", "jobTitle"));
        assert!(likely_typo("compnay", "company"));
        assert!(!likely_typo("label", "labels"));
        assert!(!likely_typo("address", "addresses"));
        assert!(!likely_typo("line1", "line2"));
        assert!(!likely_typo("minValue", "maxValue"));
        assert!(!likely_typo("url", "uri"));
        assert_eq!(distance("Titel", "Title"), 1);
        assert!(!likely_typo("abcdef", "abcdgh"));
        assert!(likely_typo("abcdef", "abcdf"));
        assert!(likely_typo("abcdef", "xbcdef"));
        assert!(!likely_typo("abcdef", "bacdfe"));
        assert_eq!(distance("kitten", "sitting"), 3);
    }

    /// The fast test agrees with the edit distance on every pair of a set of near names.
    #[test]
    fn one_edit_is_the_distance_of_one() {
        let words = ["title", "titel", "tilte", "Title", "titles", "itle", "tite", "xitle", "titlex", "tilt", "émile", "emile", "ëmile", "tïtle", "ab", "ba", "a", ""];
        for a in words {
            for b in words {
                let d = distance(&a.to_ascii_lowercase(), &b.to_ascii_lowercase());
                assert_eq!(within_one_edit(a, b), d <= 1, "{a:?} {b:?}: distance {d}");
            }
        }
    }

    #[test]
    fn a_misspelt_response_is_told_by_its_last_word() {
        assert_eq!(misspelt_response("DeleteContactRespnse").as_deref(), Some("DeleteContactResponse"));
        assert_eq!(misspelt_response("GetThingReponse").as_deref(), Some("GetThingResponse"));
        assert_eq!(misspelt_response("DeleteEventResponse"), None);
        assert_eq!(misspelt_response("ListResponses"), None);
        assert_eq!(misspelt_response("Contact"), None);
    }
}
