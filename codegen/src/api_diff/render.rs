//! Rendering tokens as the short Rust strings both sides of a comparison are read into.

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

/// Tokens as a short, readable Rust string: `Option<Vec<ContactId>>`, not
/// `:: std :: option :: Option < ...`. The standard prelude's paths and the runtime's
/// path are dropped; both sides of a comparison go through the same rendering.
pub fn render(tokens: TokenStream) -> String {
    fn walk(tokens: TokenStream, out: &mut String) {
        let mut iter = tokens.into_iter().peekable();
        while let Some(tt) = iter.next() {
            match tt {
                TokenTree::Group(g) => {
                    let (open, close) = match g.delimiter() {
                        Delimiter::Parenthesis => ("(", ")"),
                        Delimiter::Brace => ("{ ", " }"),
                        Delimiter::Bracket => ("[", "]"),
                        Delimiter::None => ("", ""),
                    };
                    out.push_str(open);
                    walk(g.stream(), out);
                    out.push_str(close);
                }
                TokenTree::Ident(i) => word(out, &i.to_string()),
                TokenTree::Literal(l) => word(out, &l.to_string()),
                TokenTree::Punct(p) => {
                    let c = p.as_char();
                    let arrow = c == '-' && matches!(iter.peek(), Some(TokenTree::Punct(n)) if n.as_char() == '>');
                    match c {
                        ',' => out.push_str(", "),
                        ':' if p.spacing() == Spacing::Alone && !out.ends_with(':') => out.push_str(": "),
                        '-' if arrow => {
                            iter.next();
                            out.push_str(" -> ");
                        }
                        '=' if p.spacing() == Spacing::Alone => out.push_str(" = "),
                        _ => out.push(c),
                    }
                }
            }
        }
    }
    fn word(out: &mut String, w: &str) {
        if out.chars().last().is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '"') {
            out.push(' ');
        }
        out.push_str(w);
    }
    let mut out = String::new();
    walk(tokens, &mut out);
    for prefix in [
        "::std::option::",
        "::std::vec::",
        "::std::string::",
        "::std::boxed::",
        "::std::convert::",
        "::std::collections::",
        "::std::result::",
        "::core::option::",
        "::core::convert::",
        "crate::rt::",
        "$crate::rt::",
        "::wixgen_runtime::",
    ] {
        // `impl ::std::convert::Into<X>` is `impl Into<X>`, not `implInto<X>`.
        while let Some(at) = out.find(prefix) {
            let after_word = prefix.starts_with(':') && out[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_');
            out.replace_range(at..at + prefix.len(), if after_word { " " } else { "" });
        }
    }
    out.replace(", )", ")").replace(", >", ">").replace("  ", " ").trim().to_string()
}
