//! Writing the most common items (struct declarations) straight as text, laid out exactly
//! as prettyplease lays them out, without building tokens, parsing them back with syn and
//! running prettyplease: those three steps were most of the emitter's time.
//!
//! Only layouts that are certain are written here: every line either fits within
//! prettyplease's margin (it keeps it whole) or is an attribute list past it (it puts one
//! element a line). Anything else this writer does not know (a field line too long, a doc
//! line prettyplease would not print as `///`, a type that is not a plain path) returns
//! `None`, and the caller emits tokens for prettyplease as before. The test
//! `direct_text_matches_prettyplease` compares both ways on whole corpora.

use std::fmt::Write;

use proc_macro2::{TokenStream, TokenTree};

/// prettyplease's margin: a box is broken when its text, up to the next break after it,
/// would end past this column (its `MARGIN`; `print_begin` breaks when `size > space`,
/// `space` being the margin less the indentation).
const FITS: usize = 89;
/// An attribute list whose one-line form is longer than the margin is broken, one element
/// a line (its parentheses are one consistent box).
const BREAKS: usize = FITS + 1;

/// Whether direct text is on: tests turn it off to compare with prettyplease.
pub(crate) fn enabled() -> bool {
    !DISABLED.with(std::cell::Cell::get)
}

thread_local! {
    static DISABLED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` with direct text off (everything goes through syn and prettyplease).
#[cfg(test)]
pub(crate) fn without<R>(f: impl FnOnce() -> R) -> R {
    DISABLED.with(|d| d.set(true));
    let r = f();
    DISABLED.with(|d| d.set(false));
    r
}

/// A string literal as quote writes it (and prettyplease prints the token back).
pub fn lit(s: &str) -> String {
    proc_macro2::Literal::string(s).to_string()
}

/// A type or path made of identifiers, `::`, `<`, `>` and `,` as prettyplease prints it
/// (`::std::option::Option<Foo>`); `None` for anything else.
pub fn path_text(tokens: &TokenStream) -> Option<String> {
    let mut out = String::new();
    let mut last_ident = false;
    for t in tokens.clone() {
        match t {
            TokenTree::Ident(i) => {
                if last_ident {
                    return None;
                }
                write!(out, "{i}").ok()?;
                last_ident = true;
            }
            TokenTree::Punct(p) => {
                match p.as_char() {
                    c @ (':' | '<' | '>') => out.push(c),
                    ',' => out.push_str(", "),
                    _ => return None,
                }
                last_ident = false;
            }
            _ => return None,
        }
    }
    Some(out)
}

/// Writes a struct declaration's text.
pub struct Writer {
    pub out: String,
}

impl Default for Writer {
    fn default() -> Self {
        Self::new()
    }
}

impl Writer {
    pub fn new() -> Self {
        Writer { out: String::with_capacity(1024) }
    }

    fn indent(&mut self, indent: usize) {
        for _ in 0..indent {
            self.out.push(' ');
        }
    }

    /// `///` lines from doc attribute values; `None` for one prettyplease would print
    /// otherwise (several lines, or a leading `/`).
    pub fn docs(&mut self, indent: usize, docs: &[String]) -> Option<()> {
        for d in docs {
            if d.contains('\n') || d.starts_with('/') {
                return None;
            }
            self.indent(indent);
            self.out.push_str("///");
            self.out.push_str(d.trim_end_matches(' '));
            self.out.push('\n');
        }
        Some(())
    }

    /// `#[path(a, b, c)]`: on one line when it fits, one element a line when it is far
    /// too long; `None` in between.
    pub fn attr_list(&mut self, indent: usize, path: &str, elems: &[String]) -> Option<()> {
        let inner: usize = elems.iter().map(|e| e.len()).sum::<usize>() + 2 * elems.len().saturating_sub(1);
        let one_line = indent + 2 + path.len() + 1 + inner + 2;
        if one_line <= FITS {
            self.indent(indent);
            self.out.push_str("#[");
            self.out.push_str(path);
            self.out.push('(');
            for (i, e) in elems.iter().enumerate() {
                if i > 0 {
                    self.out.push_str(", ");
                }
                self.out.push_str(e);
            }
            self.out.push_str(")]\n");
            return Some(());
        }
        if one_line < BREAKS || elems.iter().any(|e| indent + 4 + e.len() + 1 > FITS) {
            return None;
        }
        self.indent(indent);
        self.out.push_str("#[");
        self.out.push_str(path);
        self.out.push_str("(\n");
        for (i, e) in elems.iter().enumerate() {
            self.indent(indent + 4);
            self.out.push_str(e);
            if i + 1 < elems.len() {
                self.out.push(',');
            }
            self.out.push('\n');
        }
        self.indent(indent);
        self.out.push_str(")]\n");
        Some(())
    }

    /// A line that prettyplease keeps whole (when it fits).
    pub fn line(&mut self, indent: usize, parts: &[&str]) -> Option<()> {
        let len: usize = indent + parts.iter().map(|p| p.len()).sum::<usize>();
        if len > FITS {
            return None;
        }
        self.indent(indent);
        for p in parts {
            self.out.push_str(p);
        }
        self.out.push('\n');
        Some(())
    }
}

/// One field of a struct declaration.
pub struct FieldText<'a> {
    pub docs: Vec<String>,
    /// `Some(elems)` for `#[deprecated(elems)]`, `Some(empty)` for `#[deprecated]`.
    pub deprecated: Option<Vec<String>>,
    pub serde: Vec<String>,
    pub public: bool,
    pub name: &'a str,
    pub ty: String,
}

/// A struct declaration.
pub struct StructText<'a> {
    pub docs: Vec<String>,
    pub derives: Vec<String>,
    /// Elements of `#[serde(...)]` attributes on the struct, one attribute each.
    pub serde: Vec<Vec<String>>,
    pub name: &'a str,
    pub fields: Vec<FieldText<'a>>,
}

pub fn struct_text(s: &StructText) -> Option<String> {
    let mut w = Writer::new();
    w.docs(0, &s.docs)?;
    w.attr_list(0, "derive", &s.derives)?;
    for attr in &s.serde {
        w.attr_list(0, "serde", attr)?;
    }
    if s.fields.is_empty() {
        w.line(0, &["pub struct ", s.name, " {}"])?;
        return Some(w.out);
    }
    w.line(0, &["pub struct ", s.name, " {"])?;
    for f in &s.fields {
        w.docs(4, &f.docs)?;
        match &f.deprecated {
            None => {}
            Some(e) if e.is_empty() => w.line(4, &["#[deprecated]"])?,
            Some(e) => w.attr_list(4, "deprecated", e)?,
        }
        if !f.serde.is_empty() {
            w.attr_list(4, "serde", &f.serde)?;
        }
        w.line(4, &[if f.public { "pub " } else { "" }, f.name, ": ", &f.ty, ","])?;
    }
    w.out.push_str("}\n");
    Some(w.out)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::settings::Settings;

    /// Emits `api` with direct text and without it (everything through prettyplease): the
    /// files must be the same, byte for byte.
    fn same_both_ways(what: &str, api: &crate::ir::Api) {
        for settings in [Settings::default(), Settings::build_script("/tmp/unused", "bindings.rs")] {
            let direct = crate::emit::emit(api, &settings).expect("emits");
            let reference = super::without(|| crate::emit::emit(api, &settings)).expect("emits");
            assert_eq!(direct.files.keys().collect::<Vec<_>>(), reference.files.keys().collect::<Vec<_>>(), "{what}");
            for (path, text) in &reference.files {
                let got = &direct.files[path];
                if got != text {
                    let line = got.lines().zip(text.lines()).position(|(a, b)| a != b).unwrap_or(0);
                    panic!(
                        "{what}, {path}: direct text differs from prettyplease at line {}:\n{:?}\n{:?}",
                        line + 1,
                        got.lines().nth(line),
                        text.lines().nth(line)
                    );
                }
            }
        }
    }

    #[test]
    fn direct_text_matches_prettyplease() {
        for seed in [1, 7, 42] {
            let loaded = crate::read::read_sources(crate::synth::corpus_seeded(60, seed));
            assert!(!loaded.has_errors());
            same_both_ways(&format!("synthetic corpus, seed {seed}"), &loaded.api);
        }
        for api in ["inbox", "contacts", "members"] {
            let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs").join(api);
            let loaded = crate::read::read_specs(&root).unwrap();
            assert!(!loaded.has_errors());
            same_both_ways(api, &loaded.api);
        }
    }

    #[test]
    fn attribute_lists_break_past_the_margin() {
        let elems = |n: usize| vec!["x".repeat(n)];
        // `#[serde(` + `)]` is 10 columns: 79 fit on the line, 80 do not.
        let mut w = super::Writer::new();
        w.attr_list(0, "serde", &elems(79)).unwrap();
        assert_eq!(w.out.lines().count(), 1);
        let mut w = super::Writer::new();
        w.attr_list(0, "serde", &elems(80)).unwrap();
        assert_eq!(w.out.lines().count(), 3);
    }
}
