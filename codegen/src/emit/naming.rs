//! Turning wire and page names into Rust identifiers.
//!
//! The rules, in one place:
//!
//! - Field names: `camelCase` (or anything else) → `snake_case`, splitting words at a
//!   lower-to-upper change and at the end of an acronym (`imageUrl` → `image_url`,
//!   `wixUserId` → `wix_user_id`, `GUID` → `guid`, `HTTPStatus` → `http_status`,
//!   `PagingMetadataV2` → `paging_metadata_v2`).
//! - Type and variant names: → `PascalCase` (`UNKNOWN_VISIBILITY` → `UnknownVisibility`,
//!   `Message Sent To Business` → `MessageSentToBusiness`); a name already in PascalCase
//!   stays as written.
//! - A name that is a Rust keyword becomes a raw identifier (`type` → `r#type`); the four
//!   keywords that cannot be raw (`self`, `Self`, `super`, `crate`) get a trailing `_`.
//!   A name that does not start with a letter or `_` gets a prefix (`_` for fields, `V`
//!   for variants and types).
//! - Names that collide after conversion (`userId` and `userID`, `Unknown` and `UNKNOWN`)
//!   are told apart by [`Dedup`]: the first, in page order, keeps its name, later ones get
//!   `_2`, `_3`, ... (fields) or `2`, `3`, ... (types, variants).
//! - Names of std types (`Option`, `Result`, `String`, `Vec`, `Box`) need nothing: the
//!   generated code names every std item by its full path (`::std::option::Option`).

use std::collections::BTreeSet;

use proc_macro2::{Ident, Span};

/// Splits a name into words: at `_`, `-`, `.`, spaces and other non-alphanumerics, at a
/// lower-case letter or digit followed by an upper-case one, and before the last capital
/// of an acronym followed by a lower-case letter (`HTTPStatus` → `HTTP`, `Status`).
pub fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if !cur.is_empty() && c.is_uppercase() {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            if prev.is_lowercase() || prev.is_ascii_digit() || (prev.is_uppercase() && next_lower) {
                words.push(std::mem::take(&mut cur));
            }
        }
        cur.push(c);
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

/// `snake_case` of a name, not yet escaped (see `field_ident`).
pub fn snake(name: &str) -> String {
    words(name).iter().map(|w| w.to_lowercase()).collect::<Vec<_>>().join("_")
}

/// `PascalCase` of a name. A single word that is already mixed case keeps its inner
/// capitals (`MessageSentToBusiness` stays); an all-capitals word is capitalised
/// (`UNKNOWN` → `Unknown`, `GUID` → `Guid`).
pub fn pascal(name: &str) -> String {
    let mut out = String::new();
    for w in words(name) {
        let all_upper = w.chars().all(|c| !c.is_lowercase());
        let mut chars = w.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            if all_upper {
                out.extend(chars.flat_map(char::to_lowercase));
            } else {
                out.extend(chars);
            }
        }
    }
    out
}

/// Strict and reserved keywords of Rust 2015–2024.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro",
    "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self", "static",
    "struct", "super", "trait", "true", "try", "type", "typeof", "union", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be written as raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

pub fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

/// The escaped spelling of an identifier: `r#type`, `self_`, or `s` itself.
pub fn escape(s: &str) -> String {
    if NOT_RAW.contains(&s) {
        format!("{s}_")
    } else if is_keyword(s) {
        format!("r#{s}")
    } else {
        s.to_string()
    }
}

/// The Rust spelling of a field (or function, module) name: snake case, escaped.
pub fn field_name(wire: &str) -> String {
    let mut s = snake(wire);
    if s.is_empty() {
        s = "field".into();
    }
    if !s.starts_with(|c: char| c.is_alphabetic() || c == '_') {
        s.insert(0, '_');
    }
    escape(&s)
}

/// The Rust spelling of a type or variant name: PascalCase, never a keyword.
pub fn type_name(name: &str) -> String {
    let mut s = pascal(name);
    if s.is_empty() {
        s = "Unnamed".into();
    }
    if !s.starts_with(|c: char| c.is_alphabetic()) {
        s.insert(0, 'V');
    }
    if NOT_RAW.contains(&s.as_str()) || is_keyword(&s) {
        s.push('_');
    }
    s
}

/// An [`Ident`] from an escaped spelling (`r#type` gives a raw identifier).
pub fn ident(spelling: &str) -> Ident {
    match spelling.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(spelling, Span::call_site()),
    }
}

/// The name without a raw prefix, for building other names from it (`with_type`).
pub fn unraw(spelling: &str) -> &str {
    spelling.strip_prefix("r#").unwrap_or(spelling)
}

// Only the tests use it now: fields carry their wire names (`object!`), not `rename_all`.
#[cfg(test)]
/// What serde's `rename_all = "camelCase"` makes of a Rust field name.
pub fn serde_camel(field: &str) -> String {
    let field = unraw(field);
    let mut pascal = String::new();
    let mut capitalize = true;
    for ch in field.chars() {
        if ch == '_' {
            capitalize = true;
        } else if capitalize {
            pascal.push(ch.to_ascii_uppercase());
            capitalize = false;
        } else {
            pascal.push(ch);
        }
    }
    match pascal.chars().next() {
        Some(first) => first.to_ascii_lowercase().to_string() + &pascal[first.len_utf8()..],
        None => pascal,
    }
}

/// Hands out names unique within one scope (the fields of a struct, the variants of an
/// enum, the items of a module), in the order asked.
#[derive(Debug, Default)]
pub struct Dedup {
    taken: BTreeSet<String>,
}

impl Dedup {
    pub fn new() -> Self {
        Self::default()
    }

    /// Marks names as taken without handing them out.
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(unraw(name).to_lowercase());
    }

    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(&unraw(name).to_lowercase())
    }

    /// `name` if free, else `name` + separator + the first free number from 2.
    /// Comparison ignores case, so `Foo` and `FOO` never both appear in one scope.
    pub fn unique(&mut self, name: &str, separator: &str) -> String {
        let mut candidate = name.to_string();
        let mut n = 2;
        while self.is_taken(&candidate) {
            candidate = format!("{}{separator}{n}", unraw(name));
            n += 1;
        }
        self.reserve(&candidate);
        candidate
    }
}

/// The longest run of whole words that every name ends with (`["basicPayload",
/// "formPayload"]` → `["Payload"]`), as PascalCase words.
pub fn common_suffix_words(names: &[&str]) -> Vec<String> {
    let split: Vec<Vec<String>> = names.iter().map(|n| words(n).iter().map(|w| pascal(w)).collect()).collect();
    let Some(first) = split.first() else { return Vec::new() };
    let mut n = 0;
    'outer: loop {
        if n >= first.len() {
            break;
        }
        let w = &first[first.len() - 1 - n];
        for s in &split[1..] {
            if n >= s.len() || &s[s.len() - 1 - n] != w {
                break 'outer;
            }
        }
        n += 1;
    }
    first[first.len() - n..].to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_with_acronyms() {
        assert_eq!(snake("imageUrl"), "image_url");
        assert_eq!(snake("wixUserId"), "wix_user_id");
        assert_eq!(snake("GUID"), "guid");
        assert_eq!(snake("HTTPStatus"), "http_status");
        assert_eq!(snake("userID"), "user_id");
        assert_eq!(snake("PagingMetadataV2"), "paging_metadata_v2");
        assert_eq!(snake("bodyAsJson"), "body_as_json");
        assert_eq!(snake("paging.limit"), "paging_limit");
        assert_eq!(snake("already_snake"), "already_snake");
        assert_eq!(snake("X"), "x");
    }

    #[test]
    fn pascal_case() {
        assert_eq!(pascal("UNKNOWN_VISIBILITY"), "UnknownVisibility");
        assert_eq!(pascal("Message Sent To Business"), "MessageSentToBusiness");
        assert_eq!(pascal("MessageSentToBusiness"), "MessageSentToBusiness");
        assert_eq!(pascal("memberId"), "MemberId");
        assert_eq!(pascal("GUID"), "Guid");
        assert_eq!(pascal("conversations"), "Conversations");
        assert_eq!(pascal("PagingMetadataV2"), "PagingMetadataV2");
    }

    #[test]
    fn keywords_as_field_names() {
        assert_eq!(field_name("type"), "r#type");
        assert_eq!(field_name("match"), "r#match");
        assert_eq!(field_name("async"), "r#async");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("crate"), "crate_");
        assert_eq!(field_name("super"), "super_");
        assert_eq!(field_name("typeName"), "type_name");
        assert_eq!(field_name("2fa"), "_2fa");
        // The identifiers are valid.
        assert_eq!(ident(&field_name("type")).to_string(), "r#type");
        assert_eq!(ident(&field_name("self")).to_string(), "self_");
        // serde strips `r#` before renaming, so the wire name survives.
        assert_eq!(serde_camel(&field_name("type")), "type");
    }

    #[test]
    fn keywords_as_type_names() {
        assert_eq!(type_name("Self"), "Self_");
        assert_eq!(type_name("self"), "Self_");
        assert_eq!(type_name("1st"), "V1st");
        assert_eq!(type_name("Type"), "Type");
    }

    #[test]
    fn std_names_are_kept() {
        // Collision safety comes from fully qualified paths, not from renaming.
        for n in ["Option", "Result", "String", "Vec", "Box"] {
            assert_eq!(type_name(n), n);
        }
    }

    #[test]
    fn names_differing_only_in_case() {
        let mut d = Dedup::new();
        assert_eq!(d.unique(&field_name("userId"), "_"), "user_id");
        assert_eq!(d.unique(&field_name("userID"), "_"), "user_id_2");
        assert_eq!(d.unique(&field_name("UserId"), "_"), "user_id_3");
        let mut v = Dedup::new();
        assert_eq!(v.unique(&type_name("UNKNOWN"), ""), "Unknown");
        assert_eq!(v.unique(&type_name("Unknown"), ""), "Unknown2");
        let mut t = Dedup::new();
        assert_eq!(t.unique("Foo", ""), "Foo");
        assert_eq!(t.unique("FOO", ""), "FOO2");
    }

    #[test]
    fn raw_names_dedup_by_their_text() {
        let mut d = Dedup::new();
        assert_eq!(d.unique("r#type", "_"), "r#type");
        assert_eq!(d.unique("r#type", "_"), "type_2");
    }

    #[test]
    fn serde_camel_matches_serde() {
        assert_eq!(serde_camel("image_url"), "imageUrl");
        assert_eq!(serde_camel("wix_user_id"), "wixUserId");
        assert_eq!(serde_camel("paging_metadata_v2"), "pagingMetadataV2");
        assert_ne!(serde_camel("url"), "URL");
    }

    #[test]
    fn common_suffixes() {
        assert_eq!(common_suffix_words(&["BasicMessagePayload", "FormMessagePayload"]), ["Message", "Payload"]);
        assert_eq!(common_suffix_words(&["memberId", "contactId", "anonymousVisitorId"]), ["Id"]);
        assert!(common_suffix_words(&["basic", "form"]).is_empty());
        assert_eq!(common_suffix_words(&["Id", "memberId"]), ["Id"]);
    }
}
