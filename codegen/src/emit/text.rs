//! Items written straight as text, laid out as prettyplease lays them out, for the items
//! the emitter makes most: a struct's `object!` call and getters, a string enum's
//! `string_enum!` call, a method's `Request` impl and error enum. Building their tokens,
//! parsing those back into syn trees and formatting the trees was most of the emitter's
//! work.
//!
//! An item is written one element a line: doc comments as `///` lines (prettyplease's
//! form for a one-line doc attribute, trailing spaces trimmed as it trims them),
//! attributes, the header, each field or variant. Where every line other than a doc
//! comment is short enough that prettyplease would break none of them, that text *is*
//! its layout; otherwise the text is parsed and formatted by prettyplease, so a long line
//! comes out exactly as it did when the item was built from tokens.

use proc_macro2::{Spacing, TokenStream, TokenTree};

use crate::diag::Diagnostic;
use crate::ir::Source;

/// A line this long or shorter, at its item's own indentation, is never broken: it is
/// prettyplease's margin. (Lines of attributes, fields and variants of 89 columns are
/// kept whole and of 90 broken; the tests compare both sides of the line.)
const FITS: usize = 89;

/// The widest field list (`a, b: c`) prettyplease keeps on one line in a struct
/// expression (measured: 26 columns kept, 27 broken).
const SHORT_STRUCT: usize = 26;

/// One item written a line at a time (see the module docs).
pub(crate) struct ItemText {
    text: String,
    depth: usize,
    /// A line too long to be sure of its layout, or a type not written exactly as
    /// prettyplease would: the text is formatted by prettyplease at the end.
    reformat: bool,
}

impl ItemText {
    pub fn new() -> Self {
        ItemText { text: String::with_capacity(1024), depth: 0, reformat: false }
    }

    /// Doc comments from `#[doc = ...]` strings (each with its leading space, or empty).
    pub fn docs<S: AsRef<str>>(&mut self, docs: &[S]) {
        for doc in docs {
            self.indent();
            self.text.push_str("///");
            self.text.push_str(doc.as_ref().trim_end_matches(' '));
            self.text.push('\n');
        }
    }

    /// A line of code at the current depth.
    pub fn line(&mut self, line: &str) {
        if self.depth * 4 + line.len() > FITS {
            self.reformat = true;
        }
        self.indent();
        self.text.push_str(line);
        self.text.push('\n');
    }

    /// An attribute with a list of arguments, `#[name(a, b)]`, on one line where it fits;
    /// else broken as prettyplease breaks it, an argument a line (an argument too long
    /// for its own line leaves the layout to prettyplease).
    pub fn attr_list(&mut self, name: &str, args: &[String]) {
        let one_line = format!("#[{name}({})]", args.join(", "));
        if self.depth * 4 + one_line.len() <= FITS {
            self.line(&one_line);
            return;
        }
        self.open(&format!("#[{name}("));
        for (i, arg) in args.iter().enumerate() {
            if i + 1 < args.len() {
                self.line(&format!("{arg},"));
            } else {
                self.line(arg);
            }
        }
        self.close(")]");
    }

    /// A struct field, `head: ty,` (`head` is `pub name` or `name`), on one line where it
    /// fits; else with its type's one generic argument on a line of its own, as
    /// prettyplease breaks it (any other long field is left to prettyplease).
    pub fn field(&mut self, head: &str, ty: &str) {
        let one_line = format!("{head}: {ty},");
        if self.depth * 4 + one_line.len() <= FITS {
            self.line(&one_line);
            return;
        }
        match single_generic(ty) {
            Some((outer, inner)) => {
                self.open(&format!("{head}: {outer}<"));
                self.line(&format!("{inner},"));
                self.close(">,");
            }
            None => {
                self.reformat = true;
                self.line(&one_line);
            }
        }
    }

    /// A field of a struct expression whose value is a slice literal, `head: &[a, b],`,
    /// on one line where it fits; else an element a line, as prettyplease breaks it.
    /// Within two columns of the margin prettyplease's choice depends on what the
    /// elements are, so there (and for an element too long for its own line) the layout
    /// is left to it.
    pub fn slice_field(&mut self, head: &str, elements: &[String]) {
        let one_line = format!("{head}: &[{}],", elements.join(", "));
        let width = self.depth * 4 + one_line.len();
        if width < FITS {
            self.line(&one_line);
            return;
        }
        if width <= FITS + 2 {
            self.reformat = true;
            self.line(&one_line);
            return;
        }
        self.open(&format!("{head}: &["));
        for element in elements {
            if self.depth * 4 + element.len() + 1 >= FITS {
                self.reformat = true;
            }
            self.line(&format!("{element},"));
        }
        self.close("],");
    }

    /// A function's first line, `{head}(params) -> {ret} {`, and the block opened: on one
    /// line where it fits, else a parameter a line as prettyplease breaks it (near the
    /// margin, or with a parameter too long for its own line, left to it).
    pub fn fn_open(&mut self, head: &str, params: &[String], ret: &str) {
        let one_line = format!("{head}({}) -> {ret} {{", params.join(", "));
        let width = self.depth * 4 + one_line.len();
        if width < FITS {
            self.open(&one_line);
            return;
        }
        if width <= FITS + 2 || params.is_empty() {
            self.reformat = true;
            self.open(&one_line);
            return;
        }
        self.open(&format!("{head}("));
        for param in params {
            if self.depth * 4 + param.len() + 1 >= FITS {
                self.reformat = true;
            }
            self.line(&format!("{param},"));
        }
        self.depth -= 1;
        self.open(&format!(") -> {ret} {{"));
    }

    /// A struct expression on a line of its own, `{path} {{ a, b: c }}`: prettyplease
    /// keeps it on one line only while its fields are short (about 26 columns), else puts
    /// a field a line. Near that width, or with a field too long for its line, the layout
    /// is left to it.
    pub fn struct_expr(&mut self, path: &str, fields: &[String]) {
        let content = fields.join(", ");
        if fields.is_empty() {
            self.line(&format!("{path} {{}}"));
            return;
        }
        if content.len() <= SHORT_STRUCT - 2 {
            self.line(&format!("{path} {{ {content} }}"));
            return;
        }
        if content.len() <= SHORT_STRUCT + 2 {
            self.reformat = true;
            self.line(&format!("{path} {{ {content} }}"));
            return;
        }
        self.open(&format!("{path} {{"));
        for field in fields {
            if self.depth * 4 + field.len() + 1 >= FITS {
                self.reformat = true;
            }
            self.line(&format!("{field},"));
        }
        self.close("}");
    }

    /// A line that opens a block (`pub struct X {`): the lines after it are one level in.
    pub fn open(&mut self, line: &str) {
        self.line(line);
        self.depth += 1;
    }

    /// The line that closes the block last opened.
    pub fn close(&mut self, line: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.line(line);
    }

    /// `tokens` (a type or a path) as prettyplease writes it.
    pub fn ty(&mut self, tokens: &TokenStream) -> String {
        match type_text(tokens) {
            Some(text) => text,
            None => {
                self.reformat = true;
                tokens.to_string()
            }
        }
    }

    /// The item's text as prettyplease lays it out; `None` only when it is no item
    /// (a bug of the caller's).
    pub fn finish(self) -> Option<String> {
        if !self.reformat {
            return Some(self.text);
        }
        let item: syn::Item = syn::parse_str(&self.text).ok()?;
        Some(prettyplease::unparse(&syn::File { shebang: None, attrs: Vec::new(), items: vec![item] }))
    }

    /// [`finish`](Self::finish), with a text that is no item (a bug of the emitter's)
    /// reported as an error at `source`, naming `what` was being written.
    pub fn finish_or_report(self, diags: &mut Vec<Diagnostic>, source: &Source, what: &str) -> Option<String> {
        let text = self.finish();
        if text.is_none() {
            diags.push(Diagnostic::error_at(source, format!("wixgen wrote invalid Rust for {what}; this is a bug in wixgen")));
        }
        text
    }

    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.text.push_str("    ");
        }
    }
}

/// A type or path made of identifiers, `::`, `<`, `>`, `,` and `&`, perhaps after `impl`
/// or `dyn`, as prettyplease writes it (`::std::option::Option<&T>`, `Map<K, V>`,
/// `impl ::std::convert::Into<T>`); `None` for anything else.
pub(crate) fn type_text(tokens: &TokenStream) -> Option<String> {
    let mut out = String::new();
    let mut after_word = false;
    // After `impl` or `dyn` (`impl ::std::convert::Into<T>`), a space.
    let mut after_keyword = false;
    for tt in tokens.clone() {
        if after_keyword {
            out.push(' ');
        }
        match tt {
            TokenTree::Ident(id) => {
                if after_word && !after_keyword {
                    return None;
                }
                let word = id.to_string();
                after_keyword = word == "impl" || word == "dyn";
                out.push_str(&word);
                after_word = true;
            }
            TokenTree::Punct(p) => {
                match p.as_char() {
                    ':' if p.spacing() == Spacing::Joint || out.ends_with(':') => out.push(':'),
                    '<' | '>' | '&' => out.push(p.as_char()),
                    ',' => out.push_str(", "),
                    _ => return None,
                }
                after_word = false;
                after_keyword = false;
            }
            _ => return None,
        }
    }
    Some(out)
}

/// `Outer<Inner>` as `(Outer, Inner)` when the type has one generic argument at the top
/// level and nothing after it.
fn single_generic(ty: &str) -> Option<(&str, &str)> {
    let open = ty.find('<')?;
    let inner = ty[open + 1..].strip_suffix('>')?;
    let mut depth = 0i32;
    for c in inner.chars() {
        match c {
            '<' => depth += 1,
            '>' => depth -= 1,
            ',' if depth == 0 => return None,
            _ => {}
        }
        if depth < 0 {
            return None;
        }
    }
    (depth == 0).then_some((&ty[..open], inner))
}

/// A string literal as tokens print it (`"wireName"`, escapes included).
pub(crate) fn string_literal(value: &str) -> String {
    proc_macro2::Literal::string(value).to_string()
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;

    /// The text of `item` through the writer, and through tokens and prettyplease.
    fn both(write: impl Fn(&mut ItemText), tokens: TokenStream) -> (String, String) {
        let mut w = ItemText::new();
        write(&mut w);
        (w.finish().unwrap(), formatted(syn::parse2(tokens).unwrap()))
    }

    /// Asserts that the writer's text is `rust` as prettyplease lays it out; 1 when the
    /// writer laid it out itself, 0 when it left it to prettyplease.
    fn matches_prettyplease(w: ItemText, rust: &str, case: &str) -> usize {
        let written = usize::from(!w.reformat);
        assert_eq!(w.finish().unwrap(), formatted(syn::parse_str(rust).unwrap()), "{case}");
        written
    }

    /// `item` as prettyplease lays it out.
    fn formatted(item: syn::Item) -> String {
        prettyplease::unparse(&syn::File { shebang: None, attrs: Vec::new(), items: vec![item] })
    }

    #[test]
    fn slices_in_a_struct_expression_match_prettyplease_across_the_margin() {
        let mut written = 0;
        for n in 1..110 {
            let w = "a".repeat(n);
            let tuple = format!("(\"{w}\", crate::rt::ParamLocation::Body)");
            let nested = format!("crate::rt::PathParam::segment(&[\"{w}\", \"id\"])");
            let string = format!("\"{w}\"");
            // Each slice alone in its item (one laid out by prettyplease would hide the
            // others), as the last field and before another.
            for elements in [vec![tuple.clone(), tuple.clone()], vec![string.clone()], vec![nested.clone()], vec![]] {
                for last in [true, false] {
                    let after = if last { "" } else { "z: 1," };
                    // The first field makes the expression too long for one line.
                    let path = "path: \"/payments/v3/transactions/{transactionId}/disputes/{disputeId}\",";
                    let text = format!("impl X for Y {{ const O: Op = Op {{ {path} a: &[{}], {after} }}; }}", elements.join(", "));
                    let mut w = ItemText::new();
                    w.open("impl X for Y {");
                    w.open("const O: Op = Op {");
                    w.line(path);
                    w.slice_field("a", &elements);
                    if !last {
                        w.line("z: 1,");
                    }
                    w.close("};");
                    w.close("}");
                    written += matches_prettyplease(w, &text, &format!("n = {n}, last = {last}"));
                }
            }
        }
        // Most were laid out here, not left to prettyplease.
        assert!(written > 400, "{written}");
    }

    #[test]
    fn constructors_match_prettyplease_across_the_margin_and_the_short_struct_width() {
        let mut written = 0;
        for n in 1..70 {
            for k in 1..5 {
                let names: Vec<String> = (0..k).map(|i| format!("{}{i}", "a".repeat(n))).collect();
                let params: Vec<String> = names.iter().map(|a| format!("{a}: impl ::std::convert::Into<X>")).collect();
                for fields in [
                    names.iter().map(|a| format!("{a}: {a}.into()")).collect::<Vec<_>>(),
                    names.clone(),
                    names.iter().map(|a| format!("{a}: ::std::option::Option::None")).collect(),
                ] {
                    let text = format!("impl S {{ pub fn new({}) -> Self {{ Self {{ {} }} }} }}", params.join(", "), fields.join(", "));
                    let mut w = ItemText::new();
                    w.open("impl S {");
                    w.fn_open("pub fn new", &params, "Self");
                    w.struct_expr("Self", &fields);
                    w.close("}");
                    w.close("}");
                    written += matches_prettyplease(w, &text, &format!("n = {n}, k = {k}"));
                }
            }
        }
        // Most were laid out here, not left to prettyplease.
        assert!(written > 400, "{written}");
    }

    #[test]
    fn types_are_written_as_prettyplease_writes_them() {
        for ty in [
            quote!(::std::option::Option<::std::vec::Vec<crate::rt::Timestamp>>),
            quote!(::std::collections::BTreeMap<::std::string::String, X>),
            quote!(::std::option::Option<&T>),
            quote!(r#type),
            quote!(impl ::std::convert::Into<::std::option::Option<X>>),
        ] {
            let (ours, theirs) = both(
                |w| {
                    let t = w.ty(&ty);
                    w.line(&format!("type A = {t};"));
                },
                quote!(type A = #ty;),
            );
            assert_eq!(ours, theirs);
        }
        assert_eq!(type_text(&quote!(dyn Fn())), None);
        assert_eq!(type_text(&quote!(impl Into<T>)).as_deref(), Some("impl Into<T>"));
        assert_eq!(type_text(&quote!(a b)), None);
    }

    #[test]
    fn a_struct_matches_prettyplease_short_or_long() {
        // Wire names that put the attribute's line (or the field's) on either side of
        // the margin, and the attribute's argument alone too.
        for n in (1..8).chain(25..100) {
            let wire = "x".repeat(n);
            let lit = string_literal(&wire);
            let field = quote::format_ident!("{wire}");
            let (field_b, field_c) = (quote::format_ident!("{wire}_b"), quote::format_ident!("{wire}_c"));
            let long = format!("T{}", "y".repeat(n));
            let long_ty = quote::format_ident!("{long}");
            let (ours, theirs) = both(
                |w| {
                    w.docs(&[" A thing.  ", "", " More."]);
                    w.line("#[derive(Clone, Debug)]");
                    w.open("pub struct A {");
                    w.attr_list("optional", &[lit.clone(), "with_a(::std::string::String)".to_string()]);
                    w.docs(&[" The a."]);
                    w.line("#[deprecated(note = \"old\")]");
                    w.field(&format!("pub {wire}"), "::std::option::Option<::std::string::String>");
                    w.field(&format!("pub {wire}_b"), &format!("::std::option::Option<::std::boxed::Box<{long}>>"));
                    w.field(&format!("pub {wire}_c"), &format!("::std::collections::BTreeMap<::std::string::String, {long}>"));
                    w.close("}");
                },
                quote! {
                    #[doc = " A thing.  "]
                    #[doc = ""]
                    #[doc = " More."]
                    #[derive(Clone, Debug)]
                    pub struct A {
                        #[optional(#wire, with_a(::std::string::String))]
                        #[doc = " The a."]
                        #[deprecated(note = "old")]
                        pub #field: ::std::option::Option<::std::string::String>,
                        pub #field_b: ::std::option::Option<::std::boxed::Box<#long_ty>>,
                        pub #field_c: ::std::collections::BTreeMap<::std::string::String, #long_ty>,
                    }
                },
            );
            assert_eq!(ours, theirs);
        }
    }
}
