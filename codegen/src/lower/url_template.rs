//! The variables of a URL template, as Wix writes them (the google.api.http syntax):
//! `{conversationId}` is a top-level parameter; `{category.id}` a field path, the
//! request's `category.id`; `{dataCollectionId=**}` a wildcard, the rest of the path
//! with its slashes.

use crate::diag::{Diagnostic, SourceFile};
use crate::ir::PathVar;
use crate::parse::schema::HeaderLine;

use super::collect::{Collector, RawDef};

/// A method's URL template, read and checked against its parameters.
pub(super) struct Template {
    /// Every variable, in order.
    vars: Vec<TemplateVar>,
    /// Where each variable's `{` is in the file.
    offsets: Vec<usize>,
    /// The variables that name a parameter, for the IR.
    pub path_vars: Vec<PathVar>,
}

impl Template {
    /// Reads the variables of `path`, the path of the `URL:` line's value, and checks
    /// each: it must name a parameter of `params` (its first field, for a field path) and
    /// be well formed, else it is an error; an unusual pattern is a warning.
    pub fn read(c: &mut Collector, file: &SourceFile, url_line: &HeaderLine, path: &str, params: &RawDef) -> Template {
        let vars = vars(path);
        let path_start = url_line.value_offset + url_line.value.find(path).unwrap_or(0);
        let offsets: Vec<usize> = vars.iter().map(|v| path_start + v.offset).collect();
        let mut path_vars = Vec::new();
        for (v, &at) in vars.iter().zip(&offsets) {
            let (start, end) = (at, at + v.text.len() + 2);
            let known = v.is_well_formed() && matches!(params, RawDef::Struct { fields, .. } if fields.iter().any(|f| f.name == v.root()));
            if !known {
                let help = if v.is_well_formed() {
                    format!("add `param name: {} | type: none` under `Method parameters:`", v.root())
                } else {
                    "a variable names a parameter (`{id}`), a field of one (`{item.id}`) or the rest of the path (`{path=**}`)".to_string()
                };
                let message = format!("URL template variable `{{{}}}` names no parameter", v.text);
                c.diagnostics.push(Diagnostic::error(file, start, end, message).with_help(help));
                continue;
            }
            if let Some(pattern) = &v.unusual_pattern {
                let message = format!("URL template variable `{{{}}}`: the pattern `{pattern}` is read as `**` (the value may hold `/`)", v.text);
                c.diagnostics.push(Diagnostic::warning(file, start, end, message));
            }
            path_vars.push(PathVar { field: v.field.clone(), wildcard: v.wildcard, source: file.source(at) });
        }
        Template { vars, offsets, path_vars }
    }

    /// Whether the top-level parameter `name` travels in the path: a variable names it on
    /// its own (`{id}`, `{path=**}`), not a field of it (`{item.id}`).
    pub fn holds(&self, name: &str) -> bool {
        self.vars.iter().any(|v| v.field.len() == 1 && v.root() == name)
    }

    /// `required` (paths and their offsets) with the parameter each known variable starts
    /// with: a call cannot be made without it (`{category.id}` makes `category` an
    /// argument of the request's `new`).
    pub fn require_roots(&self, mut required: Vec<(String, usize)>) -> Vec<(String, usize)> {
        for (v, &at) in self.vars.iter().zip(&self.offsets) {
            let known = self.path_vars.iter().any(|p| p.field == v.field);
            if known && !required.iter().any(|(p, _)| p == v.root()) {
                required.push((v.root().to_string(), at));
            }
        }
        required
    }
}

/// One `{...}` of a template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct TemplateVar {
    /// The text between the braces (`category.id`, `slug=**`).
    pub text: String,
    /// Byte offset of the `{` in the template.
    pub offset: usize,
    /// The field path, split at the dots; empty segments kept, for the caller to report.
    pub field: Vec<String>,
    /// A pattern other than `*` after `=`: the value may hold slashes.
    pub wildcard: bool,
    /// The pattern after `=`, when it is neither `*` nor `**` (`projects/*`): read as a
    /// wildcard, which takes any value the pattern does.
    pub unusual_pattern: Option<String>,
}

impl TemplateVar {
    /// The top-level parameter the variable reads.
    pub fn root(&self) -> &str {
        self.field.first().map_or("", String::as_str)
    }

    /// Whether the path is well formed: no empty segment.
    pub fn is_well_formed(&self) -> bool {
        !self.field.is_empty() && self.field.iter().all(|s| !s.trim().is_empty())
    }
}

/// The `{...}` variables of `template`, in order. An unclosed `{` ends the list.
pub(super) fn vars(template: &str) -> Vec<TemplateVar> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = template[from..].find('{').map(|i| from + i) {
        let Some(close) = template[open..].find('}').map(|i| open + i) else { break };
        let text = &template[open + 1..close];
        let (path, pattern) = match text.split_once('=') {
            Some((path, pattern)) => (path, Some(pattern.trim())),
            None => (text, None),
        };
        let wildcard = pattern.is_some_and(|p| p != "*");
        let unusual_pattern = pattern.filter(|p| *p != "*" && *p != "**").map(str::to_string);
        out.push(TemplateVar {
            text: text.to_string(),
            offset: open,
            field: path.split('.').map(|s| s.trim().to_string()).collect(),
            wildcard,
            unusual_pattern,
        });
        from = close + 1;
    }
    out
}

/// The values a concrete path gives the variables of `template`: `(field path, value)`
/// for each variable whose value can be told (a wildcard takes the rest of the path, so
/// the segments after it are matched from the end). Nothing when the literal segments
/// do not match.
pub(super) fn values(template: &str, path: &str) -> Vec<(Vec<String>, String)> {
    let t: Vec<&str> = template.split('/').collect();
    let p: Vec<&str> = path.split('/').collect();
    let segment_var = |seg: &str| -> Option<TemplateVar> {
        let v = vars(seg);
        (v.len() == 1 && seg.starts_with('{') && seg.ends_with('}')).then(|| v.into_iter().next().unwrap())
    };
    let wild = t.iter().position(|s| segment_var(s).is_some_and(|v| v.wildcard));
    let (head, tail) = match wild {
        Some(w) if p.len() > t.len() - 1 => (w, t.len() - w - 1),
        Some(_) => return Vec::new(),
        None if p.len() == t.len() => (t.len(), 0),
        None => return Vec::new(),
    };
    let mut out = Vec::new();
    let pairs = t[..head].iter().zip(&p[..head]).chain(t[t.len() - tail..].iter().zip(&p[p.len() - tail..]));
    for (t, p) in pairs {
        match segment_var(t) {
            Some(v) if v.is_well_formed() => out.push((v.field, p.to_string())),
            Some(_) => {}
            None if t != p => return Vec::new(),
            None => {}
        }
    }
    if let Some(w) = wild {
        let v = segment_var(t[w]).expect("found above");
        if v.is_well_formed() {
            out.push((v.field, p[head..p.len() - tail].join("/")));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(template: &str) -> Vec<(String, bool)> {
        vars(template).into_iter().map(|v| (v.field.join("."), v.wildcard)).collect()
    }

    #[test]
    fn plain_field_path_and_wildcard_variables() {
        assert_eq!(fields("/a/{x}/b/{y}"), [("x".into(), false), ("y".into(), false)]);
        assert_eq!(fields("/shelves/{shelf.id}/books/{bookId}"), [("shelf.id".into(), false), ("bookId".into(), false)]);
        assert_eq!(fields("/files/{path=**}"), [("path".into(), true)]);
        assert_eq!(fields("/files/{path=*}"), [("path".into(), false)]);
        assert_eq!(fields("/a/{x"), Vec::<(String, bool)>::new());
        let odd = &vars("/v1/{name=projects/*}")[0];
        assert!(odd.wildcard);
        assert_eq!(odd.unusual_pattern.as_deref(), Some("projects/*"));
        assert_eq!(vars("/x/{a}")[0].offset, 3);
        assert!(!vars("/x/{a..b}")[0].is_well_formed());
        assert!(!vars("/x/{}")[0].is_well_formed());
    }

    #[test]
    fn values_of_a_concrete_path() {
        let got = values("/shelves/{shelf.id}/books/{bookId}", "/shelves/s1/books/b2");
        assert_eq!(got, [(vec!["shelf".to_string(), "id".to_string()], "s1".to_string()), (vec!["bookId".to_string()], "b2".to_string())]);
        let got = values("/files/{path=**}", "/files/a/b/c.txt");
        assert_eq!(got, [(vec!["path".to_string()], "a/b/c.txt".to_string())]);
        let got = values("/files/{path=**}/meta", "/files/a/b/meta");
        assert_eq!(got, [(vec!["path".to_string()], "a/b".to_string())]);
        assert!(values("/files/{path=**}", "/files").is_empty());
        assert!(values("/shelves/{id}", "/boxes/1").is_empty());
        assert!(values("/shelves/{id}", "/shelves/1/2").is_empty());
    }
}
