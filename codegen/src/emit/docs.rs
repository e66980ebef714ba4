//! Doc comments from spec descriptions.
//!
//! A description becomes its first paragraph, made safe for rustdoc: links to absolute
//! URLs are kept, relative links keep their text only, bare URLs are wrapped in `<...>`,
//! stray `[`, `]`, `<`, `>` are escaped (no accidental intra-doc links or HTML tags),
//! lines are trimmed (no accidental code blocks) and a leading `#` is escaped (no
//! accidental headings). Inline code is kept verbatim.

use proc_macro2::TokenStream;
use quote::quote;

/// The first paragraph of `description`, sanitised, as lines; then a link to the page.
pub fn lines(description: &str, link: Option<&str>) -> Vec<String> {
    with_link(first_paragraph(description).iter().map(|l| sanitize(l)).collect(), link)
}

/// `lines`, then a blank line and the link to the page (when it is a URL).
pub fn with_link(mut lines: Vec<String>, link: Option<&str>) -> Vec<String> {
    if let Some(link) = link.filter(|l| is_url(l)) {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(format!("Reference: <{}>", link.trim()));
    }
    lines
}

/// `#[doc = " line"]` attributes, one a line; a fallback sentence when there is nothing.
pub fn attrs(lines: &[String], fallback: &str) -> TokenStream {
    tokens(&strings(lines, fallback))
}

/// The strings of [`attrs`]' attributes (a leading space each, empty lines empty), for
/// items written as text.
pub fn strings(lines: &[String], fallback: &str) -> Vec<String> {
    if lines.iter().all(|l| l.trim().is_empty()) {
        return prefixed(&[sanitize(fallback)]);
    }
    prefixed(lines)
}

/// Doc lines as the strings of `#[doc = ...]` attributes: a leading space each, empty
/// lines empty (no fallback).
pub fn prefixed(lines: &[String]) -> Vec<String> {
    lines.iter().map(|l| if l.is_empty() { String::new() } else { format!(" {l}") }).collect()
}

/// `#[doc = ...]` attributes of strings made by [`strings`].
pub fn tokens(docs: &[String]) -> TokenStream {
    quote! { #( #[doc = #docs] )* }
}

/// Doc attributes straight from a description (no link).
pub fn describe(description: &str, fallback: &str) -> TokenStream {
    attrs(&lines(description, None), fallback)
}

/// [`describe`]'s attribute strings.
pub fn describe_strings(description: &str, fallback: &str) -> Vec<String> {
    strings(&lines(description, None), fallback)
}

/// Every paragraph of `description`, sanitised, separated by empty lines (for method
/// descriptions, whose later paragraphs carry the rules of the call).
pub fn paragraphs(description: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in description.lines().map(str::trim) {
        if line.is_empty() {
            if out.last().is_some_and(|l: &String| !l.is_empty()) {
                out.push(String::new());
            }
        } else {
            out.push(sanitize(line));
        }
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

fn first_paragraph(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .skip_while(|l| l.is_empty())
        .take_while(|l| !l.is_empty())
        .collect()
}

fn is_url(s: &str) -> bool {
    let s = s.trim();
    (s.starts_with("https://") || s.starts_with("http://")) && !s.contains(char::is_whitespace)
}

/// Makes one line of markdown safe for rustdoc.
pub fn sanitize(line: &str) -> String {
    let line = line.trim();
    // Most lines hold nothing to rewrite: no code, link, bracket, URL, tab, run of
    // spaces or leading `#`. They are kept as they are, without the walk below.
    if !line.starts_with('#') && !line.contains("  ") && !line.contains("http") && !line.contains(['`', '[', ']', '<', '>', '\t']) {
        return line.to_string();
    }
    sanitize_walk(line)
}

/// [`sanitize`] of a trimmed line, character by character.
fn sanitize_walk(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    if line.starts_with('#') {
        out.push('\\');
    }
    while i < chars.len() {
        let c = chars[i];
        match c {
            '`' => {
                // A code span: the same number of backticks closes it.
                let run = chars[i..].iter().take_while(|&&c| c == '`').count();
                let fence: String = "`".repeat(run);
                let rest: String = chars[i + run..].iter().collect();
                if let Some(end) = find_closing(&rest, &fence) {
                    out.push_str(&fence);
                    out.push_str(&rest[..end + run]);
                    i += run + rest[..end + run].chars().count();
                } else {
                    for _ in 0..run {
                        out.push_str("\\`");
                    }
                    i += run;
                }
            }
            '[' => {
                if let Some((text, url, used)) = link_at(&chars[i..]) {
                    let text = sanitize(&text);
                    if is_url(&url) {
                        out.push_str(&format!("[{text}]({})", url.trim()));
                    } else {
                        out.push_str(&text);
                    }
                    i += used;
                } else {
                    out.push_str("\\[");
                    i += 1;
                }
            }
            ']' => {
                out.push_str("\\]");
                i += 1;
            }
            '<' => {
                let rest: String = chars[i + 1..].iter().collect();
                match rest.find('>') {
                    Some(end) if is_url(&rest[..end]) => {
                        out.push('<');
                        out.push_str(&rest[..=end]);
                        i += 1 + rest[..=end].chars().count();
                    }
                    _ => {
                        out.push_str("\\<");
                        i += 1;
                    }
                }
            }
            '>' => {
                out.push_str("\\>");
                i += 1;
            }
            'h' if starts_url(&chars[i..]) => {
                let mut end = i;
                while end < chars.len() && !chars[end].is_whitespace() && !matches!(chars[end], '<' | '>' | '"' | '`') {
                    end += 1;
                }
                // Trailing punctuation ends a sentence, not the URL.
                while end > i && matches!(chars[end - 1], '.' | ',' | ';' | ':' | ')' | '!' | '?' | '\'') {
                    end -= 1;
                }
                let url: String = chars[i..end].iter().collect();
                out.push('<');
                out.push_str(&url);
                out.push('>');
                i = end;
            }
            ' ' | '\t' if out.ends_with(' ') => i += 1,
            '\t' => {
                out.push(' ');
                i += 1;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

fn starts_url(chars: &[char]) -> bool {
    let s: String = chars.iter().take(8).collect();
    s.starts_with("https://") || s.starts_with("http://")
}

fn find_closing(rest: &str, fence: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(pos) = rest[from..].find(fence) {
        let at = from + pos;
        let after = &rest[at + fence.len()..];
        if !after.starts_with('`') && (at == 0 || !rest[..at].ends_with('`')) {
            return Some(at);
        }
        from = at + fence.len();
        while rest[from..].starts_with('`') {
            from += 1;
        }
    }
    None
}

/// `[text](url)` at the start of `chars`: the text, the URL and the characters used.
fn link_at(chars: &[char]) -> Option<(String, String, usize)> {
    let mut depth = 0;
    let mut close = None;
    for (j, &c) in chars.iter().enumerate() {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(j);
                    break;
                }
            }
            _ => {}
        }
    }
    let close = close?;
    if chars.get(close + 1) != Some(&'(') {
        return None;
    }
    let end = close + 2 + chars[close + 2..].iter().position(|&c| c == ')')?;
    let text: String = chars[1..close].iter().collect();
    let url: String = chars[close + 2..end].iter().collect();
    Some((text, url, end + 1))
}

#[cfg(test)]
mod tests {
    /// The shortcut for lines with nothing to rewrite gives what the walk gives, on
    /// lines made of every kind of piece the walk treats apart.
    #[test]
    fn plain_lines_shortcut_agrees_with_the_walk() {
        let pieces = ["a", " ", "  ", "\t", "#", "`", "[x](https://a.b)", "]", "<", ">", "h", "http", "https://x.y", "é", ".", "word"];
        let mut seed = 12345u64;
        for _ in 0..5000 {
            let mut line = String::new();
            for _ in 0..8 {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                line.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            assert_eq!(super::sanitize(&line), super::sanitize_walk(line.trim()), "{line:?}");
        }
    }

    use super::*;

    #[test]
    fn keeps_first_paragraph() {
        assert_eq!(lines("One.\nTwo.\n\nThree.", None), ["One.", "Two."]);
        assert_eq!(lines("\n\n  One.  ", Some("https://x.test/a")), ["One.", "", "Reference: <https://x.test/a>"]);
        assert!(lines("", None).is_empty());
    }

    #[test]
    fn links_and_urls() {
        assert_eq!(sanitize("See [the docs](https://dev.wix.com/x)."), "See [the docs](https://dev.wix.com/x).");
        assert_eq!(sanitize("See [Message](/api/message) here"), "See Message here");
        assert_eq!(sanitize("Go to https://a.test/b, now."), "Go to <https://a.test/b>, now.");
        assert_eq!(sanitize("Go to <https://a.test/b>."), "Go to <https://a.test/b>.");
    }

    #[test]
    fn escapes_brackets_and_tags() {
        assert_eq!(sanitize("An Array<string> [x]"), "An Array\\<string\\> \\[x\\]");
        assert_eq!(sanitize("# not a heading"), "\\# not a heading");
        assert_eq!(sanitize("keep `Array<T> [x]` as is"), "keep `Array<T> [x]` as is");
        assert_eq!(sanitize("a ` stray"), "a \\` stray");
        assert_eq!(sanitize("two.  Spaces `a  b`"), "two. Spaces `a  b`");
    }
}
