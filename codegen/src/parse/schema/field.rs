//! Entry lines: their kind, the segments of a field line, type expressions and
//! validation rules.

use crate::parse::FastTrim;
use super::{show, trim_range, EntryKind, ErrorLine, FieldLine, Located, Parser, Severity, TypeExpr};
use crate::ir::Rule;

/// The segment keys this parser reads; any other key goes to [`FieldLine::extra`].
const KNOWN_KEYS: [&str; 8] =
    ["param name", "name", "type", "description", "required", "read-only", "deprecated", "validation"];

/// `Array<...>` nested deeper than this is reported rather than built.
const MAX_ARRAY_DEPTH: usize = 32;

/// An enum value's name: `[A-Za-z0-9_]+`.
fn is_enum_name(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// Whether a segment reads as `key: value`: the text before its first colon is a known
/// key, or one word of ASCII letters, digits, `-` and `_` that starts with a letter and
/// is not the scheme of a URL (`https://...`).
#[cfg(test)]
fn is_key_form(segment: &str) -> bool {
    let Some((key, value)) = segment.split_once(':') else { return false };
    let key = key.trim_end_ws();
    KNOWN_KEYS.contains(&key)
        || (key.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
            && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            && !value.starts_with("//"))
}

/// The key of a segment that reads as `key: value` (see `is_key_form`), and where its
/// colon is; `None` for a segment that does not. Only the key's few bytes are looked at,
/// however long the segment (a description runs to hundreds).
fn key_form(segment: &str) -> Option<(&str, usize)> {
    let bytes = segment.as_bytes();
    let word = bytes.iter().take_while(|&&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_').count();
    // `param name`, the one known key that is not one word.
    let key_end = if segment[..word].eq("param") && segment[word..].starts_with(" name") { word + " name".len() } else { word };
    // White space may stand between the key and its colon.
    let rest = &segment[key_end..];
    let colon = key_end + (rest.len() - rest.trim_start_ws().len());
    if bytes.get(colon) != Some(&b':') {
        return None;
    }
    let key = &segment[..key_end];
    let known = is_known_key(key);
    let word_key = key_end == word && bytes.first().is_some_and(|b| b.is_ascii_alphabetic()) && !segment[colon + 1..].starts_with("//");
    (known || word_key).then_some((key, colon))
}

/// `KNOWN_KEYS.contains(&key)`, told by length first.
fn is_known_key(key: &str) -> bool {
    matches!(key, "param name" | "name" | "type" | "description" | "required" | "read-only" | "deprecated" | "validation")
}

/// The `|`-separated segments of a line, as byte ranges. A `|` inside inline code is
/// not a separator, unless the line's backticks do not pair up (then every `|` is).
struct Segments<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// Whether backticks open and close code spans on this line (they pair up, and the
    /// line has some).
    code_aware: bool,
    done: bool,
}

impl<'a> Segments<'a> {
    fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let ticks = memchr::memchr_iter(b'`', bytes).count();
        Segments { bytes, pos: 0, code_aware: ticks > 0 && ticks.is_multiple_of(2), done: false }
    }
}

impl Iterator for Segments<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        if self.done {
            return None;
        }
        let start = self.pos;
        if !self.code_aware {
            if let Some(i) = memchr::memchr(b'|', &self.bytes[start..]) {
                self.pos = start + i + 1;
                return Some((start, start + i));
            }
            self.done = true;
            return Some((start, self.bytes.len()));
        }
        let mut in_code = false;
        let mut i = start;
        while let Some(j) = memchr::memchr2(b'`', b'|', &self.bytes[i..]) {
            let at = i + j;
            match self.bytes[at] {
                b'`' => in_code = !in_code,
                _ if !in_code => {
                    self.pos = at + 1;
                    return Some((start, at));
                }
                _ => {}
            }
            i = at + 1;
        }
        self.done = true;
        Some((start, self.bytes.len()))
    }
}

/// Where the segments after a `description:` segment go while they have no key.
#[derive(Clone, Copy, PartialEq)]
enum Continuation {
    None,
    /// Into the description: the `|` was part of it.
    Description,
    /// Nowhere: they continue a duplicate description, which is dropped.
    Dropped,
}

impl<'a> Parser<'a> {
    /// Reads an entry line; `None` (with a diagnostic) when it cannot be read.
    pub(super) fn entry_kind(
        &mut self,
        cstart: usize,
        content: &'a str,
        is_param: bool,
        parent_is_enum: bool,
    ) -> Option<EntryKind<'a>> {
        if is_param {
            return self.field_line(cstart, content, true).map(EntryKind::Field);
        }
        // `content` starts with `-`.
        let rest = content[1..].trim_start_ws();
        let rstart = cstart + (content.len() - rest.len());
        let colon = rest.find(':');
        let key = colon.map_or(rest, |i| &rest[..i]).trim_ws();
        if colon.is_some() && key.eq_ignore_ascii_case("ONE-OF") {
            // `- ONE-OF: - required: true` marks a group one of whose members must be set.
            let after = colon.map_or("", |i| &rest[i + 1..]);
            let required = after.split(['|', '-']).any(|s| {
                s.split_once(':').is_some_and(|(k, v)| k.trim_ws() == "required" && v.trim_ws() == "true")
            });
            return Some(EntryKind::OneOf { required });
        }
        if colon.is_some() && key.eq_ignore_ascii_case("ENUM") {
            return Some(EntryKind::Enum);
        }
        if parent_is_enum && is_enum_name(key) && !(key == "name" && rest.contains('|')) {
            let description = colon.map_or("", |i| rest[i + 1..].trim_ws());
            return Some(EntryKind::EnumValue { name: key, description });
        }
        match (colon, key) {
            (Some(_), "name") => self.field_line(rstart, rest, false).map(EntryKind::Field),
            _ => {
                let (s, e) = self.line_span;
                if parent_is_enum {
                    self.error_help(
                        s,
                        e,
                        format!("malformed enum value `{}`; expected `- NAME: description`", show(key)),
                        "an enum value's name is made of ASCII letters, digits and `_`",
                    );
                } else if is_enum_name(key) && colon.is_some() {
                    self.error_help(
                        s,
                        e,
                        "expected `- name: ...`".to_string(),
                        format!("`{}` reads as an enum value: enum values go under an `- enum:` line", show(key)),
                    );
                } else {
                    self.error_help(
                        s,
                        e,
                        "expected `- name: ...`".to_string(),
                        "an entry line is `- name: x | type: T | ...`, `- ONE-OF:` or `- enum:`",
                    );
                }
                None
            }
        }
    }

    /// The values of `- enum: ASC, DESC`, each with its offset, as entry kinds.
    pub(super) fn inline_enum_values(&mut self, cstart: usize, content: &'a str) -> Vec<(usize, EntryKind<'a>)> {
        let Some(colon) = content.find(':') else { return Vec::new() };
        let mut out = Vec::new();
        let mut pos = colon + 1;
        for part in content[colon + 1..].split(',') {
            let lead = part.len() - part.trim_start_ws().len();
            let name = part.trim_ws();
            let at = cstart + pos + lead;
            pos += part.len() + 1;
            if name.is_empty() {
                continue;
            }
            if is_enum_name(name) {
                out.push((at, EntryKind::EnumValue { name, description: "" }));
            } else {
                self.report(
                    Severity::Warning,
                    at,
                    at + name.len(),
                    format!("`{}` is not an enum value name; left out", show(name)),
                    Some("enum values are made of ASCII letters, digits and `_`".to_string()),
                );
            }
        }
        out
    }

    /// A value line of an `- enum:` marker written at the marker's own indentation
    /// (`-     NAME: description`): attached to the marker, and `true`.
    pub(super) fn enum_value_beside_marker(&mut self, indent: usize, cstart: usize, content: &'a str) -> bool {
        let Some((node, marker_indent)) = self.open_enum else { return false };
        if indent != marker_indent || !content.starts_with('-') {
            return false;
        }
        let rest = content[1..].trim_start_ws();
        let Some((name, description)) = rest.split_once(':') else { return false };
        let name = name.trim_ws();
        if !is_enum_name(name) || name == "name" {
            return false;
        }
        let offset = cstart + (content.len() - rest.len());
        let kind = EntryKind::EnumValue { name, description: description.trim_ws() };
        self.nodes.push(super::Node::new(kind, offset, indent));
        self.add_child(node, self.nodes.len() - 1);
        true
    }

    /// A line under `Possible Errors:`: `HTTP Code: 404 | Status Code: NOT_FOUND |
    /// Application Code: X | Description: ...`. The description runs to the end of the
    /// line, `|` included; unknown segments before it are ignored.
    pub(super) fn error_line(&mut self, cstart: usize, content: &'a str) -> ErrorLine<'a> {
        let mut line = ErrorLine { offset: cstart, ..ErrorLine::default() };
        let (head, description) = match content.find("Description:") {
            Some(i) => (&content[..i], content[i + "Description:".len()..].trim_ws()),
            None => (content, ""),
        };
        line.description = description;
        let mut pos = 0;
        for seg in head.split('|') {
            let at = cstart + pos;
            pos += seg.len() + 1;
            let Some((key, value)) = seg.split_once(':') else { continue };
            let value = value.trim_ws();
            match key.trim_ws() {
                "HTTP Code" => match value.parse::<u16>() {
                    Ok(n) => line.http_status = Some(n),
                    Err(_) => {
                        let vstart = at + seg.find(value).unwrap_or(0);
                        self.report(
                            Severity::Warning,
                            vstart,
                            vstart + value.len(),
                            format!("HTTP code `{}` is not a number", show(value)),
                            None,
                        );
                    }
                },
                "Status Code" => line.status = value,
                "Application Code" => line.code = value,
                _ => {}
            }
        }
        line
    }

    /// Reads the segments of a field line. `text` starts with its `name:` or `param name:`
    /// segment and `base` is its offset in the file.
    fn field_line(&mut self, base: usize, text: &'a str, is_param: bool) -> Option<FieldLine<'a>> {
        let mut segments = Segments::new(text);
        let (a, b) = segments.next()?;
        let name_key = if is_param { "param name" } else { "name" };
        let Some(colon) = text[a..b].find(':') else {
            let (s, e) = self.line_span;
            self.error(s, e, "expected `- name: ...`".to_string());
            return None;
        };
        let (va, vb) = trim_range(text, a + colon + 1, b);
        if va == vb {
            self.error_help(
                base + a,
                base + b,
                format!("`{name_key}:` has no value"),
                "every field line starts with the field's name",
            );
            return None;
        }
        let mut line = FieldLine {
            is_param,
            name: Located { value: &text[va..vb], offset: base + va },
            ..FieldLine::default()
        };
        let mut seen = [false; KNOWN_KEYS.len()];
        let mut description: Option<(usize, usize)> = None;
        let mut continuation = Continuation::None;
        for (a, b) in segments {
            let (sa, sb) = trim_range(text, a, b);
            if sa == sb {
                continue;
            }
            let segment = &text[sa..sb];
            let form = key_form(segment);
            let keyed = form.is_some();
            match continuation {
                Continuation::Description if !keyed => {
                    if let Some(d) = &mut description {
                        d.1 = sb;
                    }
                    continue;
                }
                Continuation::Dropped if !keyed => continue,
                _ => continuation = Continuation::None,
            }
            let Some((key, colon)) = form else {
                self.error_help(
                    base + sa,
                    base + sb,
                    format!("unrecognised segment `{}`; expected `key: value`", show(segment)),
                    "segments are separated by `|`; a `|` inside a description must follow the `description:` segment",
                );
                continue;
            };
            let (va, vb) = trim_range(text, sa + colon + 1, sb);
            let value = &text[va..vb];
            let (seg_start, seg_end, val_start, val_end) = (base + sa, base + sb, base + va, base + vb);
            let Some(k) = KNOWN_KEYS.iter().position(|&known| known == key) else {
                if line.extra.iter().any(|(k, _)| *k == key) {
                    self.report(
                        Severity::Warning,
                        seg_start,
                        seg_end,
                        format!("duplicate `{key}` segment; the first one is kept"),
                        None,
                    );
                } else {
                    line.extra.push((key, value));
                }
                continue;
            };
            let k = if key == "param name" { 1 } else { k };
            if k == 1 || seen[k] {
                self.error_help(
                    seg_start,
                    seg_end,
                    format!("duplicate `{key}` segment"),
                    "the first one is kept; remove this one",
                );
                if key == "description" {
                    continuation = Continuation::Dropped;
                }
                continue;
            }
            seen[k] = true;
            match key {
                "type" => {
                    if value.is_empty() {
                        self.error(seg_start, seg_end, "`type:` has no value".to_string());
                    } else {
                        // Real pages sometimes leave a stray word after the type
                        // (`type: GetSlotOptions  none`): a rendering slip, not a type.
                        let value = value.strip_suffix("none").filter(|v| v.ends_with(char::is_whitespace)).map_or(value, str::trim_end);
                        match parse_type_expr(value) {
                            Ok(ty) => line.ty = Some(Located { value: ty, offset: val_start }),
                            Err(message) => self.error(val_start, val_end, message),
                        }
                    }
                }
                "description" => {
                    description = Some((va, vb));
                    continuation = Continuation::Description;
                }
                "required" => line.required = self.boolean(key, value, (seg_start, seg_end), (val_start, val_end)),
                "read-only" => line.read_only = self.boolean(key, value, (seg_start, seg_end), (val_start, val_end)),
                "deprecated" => {
                    line.deprecated = match value {
                        "false" => None,
                        "true" => Some(""),
                        note => Some(note),
                    }
                }
                "validation" => line.rules = self.rules(value, val_start),
                _ => {}
            }
        }
        if let Some((a, b)) = description {
            line.description = text[a..b].trim_ws();
        }
        Some(line)
    }

    fn boolean(&mut self, key: &str, value: &str, segment: (usize, usize), at: (usize, usize)) -> bool {
        match value {
            "true" => true,
            "false" => false,
            "" => {
                self.error(segment.0, segment.1, format!("missing value for `{key}`; expected `true` or `false`"));
                false
            }
            other => {
                self.error(
                    at.0,
                    at.1,
                    format!("unknown value `{}` for `{key}`; expected `true` or `false`", show(other)),
                );
                false
            }
        }
    }

    /// The rules of a `validation:` value that starts at `base` in the file.
    fn rules(&mut self, value: &str, base: usize) -> Vec<Rule> {
        let mut rules = Vec::new();
        rule_pieces(value, |a, b| {
            let (rule, problem) = rule_at(&value[a..b]);
            if let Some((message, s, e)) = problem {
                self.error(base + a + s, base + a + e, message);
            }
            rules.push(rule);
        });
        rules
    }
}

/// The comma-separated rules of a validation value, trimmed, empty ones left out. A comma
/// inside brackets (`pattern ^[a-z]{1,3}$`) does not separate rules.
/// Each piece is handed to `piece` as a byte range of `value`, in order.
fn rule_pieces(value: &str, mut piece: impl FnMut(usize, usize)) {
    let mut depth = 0usize;
    let mut start = 0;
    let mut push = |a: usize, b: usize| {
        let (a, b) = trim_range(value, a, b);
        if a < b {
            piece(a, b);
        }
    };
    for (i, b) in value.bytes().enumerate() {
        match b {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            b',' if depth == 0 => {
                push(start, i);
                start = i + 1;
            }
            _ => {}
        }
    }
    push(start, value.len());
}

/// Reads one validation rule (`minLength 1`, `format GUID`, `immutable`, ...). A rule
/// this parser does not know is [`Rule::Other`]; a known numeric rule whose argument is
/// not a number is also kept as [`Rule::Other`], with the problem as the second value.
pub fn parse_rule(text: &str) -> (Rule, Option<String>) {
    let (rule, problem) = rule_at(text.trim_ws());
    (rule, problem.map(|(message, _, _)| message))
}

/// [`parse_rule`] on trimmed text, with the problem's range in `text`.
fn rule_at(text: &str) -> (Rule, Option<(String, usize, usize)>) {
    let word_end = text.find(char::is_whitespace).unwrap_or(text.len());
    let word = &text[..word_end];
    let (aa, ab) = trim_range(text, word_end, text.len());
    let arg = &text[aa..ab];
    let at = if arg.is_empty() { (0, text.len()) } else { (aa, ab) };
    let found = || if arg.is_empty() { "nothing".to_string() } else { format!("`{}`", show(arg)) };
    let other = || Rule::Other(text.to_string());
    match word {
        "minLength" | "maxLength" | "minSize" | "maxSize" => match arg.parse::<u64>() {
            Ok(n) => (
                match word {
                    "minLength" => Rule::MinLength(n),
                    "maxLength" => Rule::MaxLength(n),
                    "minSize" => Rule::MinSize(n),
                    _ => Rule::MaxSize(n),
                },
                None,
            ),
            Err(_) => (other(), Some((format!("`{word}` expects a whole number, found {}", found()), at.0, at.1))),
        },
        "minimum" | "maximum" => match arg.parse::<f64>() {
            Ok(n) if n.is_finite() => (if word == "minimum" { Rule::Minimum(n) } else { Rule::Maximum(n) }, None),
            _ => (other(), Some((format!("`{word}` expects a number, found {}", found()), at.0, at.1))),
        },
        "format" if arg.is_empty() => (other(), Some(("`format` expects a format name".to_string(), at.0, at.1))),
        "format" => (Rule::Format(arg.to_string()), None),
        "immutable" if arg.is_empty() => (Rule::Immutable, None),
        _ => (other(), None),
    }
}

/// Reads a `type:` value: `string (date-time)`, `array<T>` or `Array<T>` (nested as deep
/// as 32), bare `array` or `Array`, `Date`, `PROMISE<T>` (an SDK return type: `T`), or a
/// name of ASCII letters, digits, `_` and `.`. The error is the whole message:
/// "malformed type `array<Foo`: missing `>`".
pub fn parse_type_expr(text: &str) -> Result<TypeExpr<'_>, String> {
    let mut t = text.trim_ws();
    if t.is_empty() {
        return Err("empty type".to_string());
    }
    if let Some(inner) = t.strip_prefix("PROMISE<").or_else(|| t.strip_prefix("Promise<")).and_then(|r| r.strip_suffix('>')) {
        t = inner.trim_ws();
        if t.is_empty() {
            return Err("malformed type `PROMISE<>`: missing type between `<` and `>`".to_string());
        }
    }
    let malformed = |why: &str| Err(format!("malformed type `{}`: {why}", show(t)));
    let mut depth = 0;
    let mut rest = t;
    let base = loop {
        if let Some(after) = rest.strip_prefix("Array").or_else(|| rest.strip_prefix("array")) {
            if after.is_empty() {
                break TypeExpr::Array(None);
            }
            if let Some(inside) = after.strip_prefix('<') {
                depth += 1;
                if depth > MAX_ARRAY_DEPTH {
                    return malformed(&format!("arrays nested deeper than {MAX_ARRAY_DEPTH} levels"));
                }
                let Some(inner) = inside.strip_suffix('>') else {
                    return malformed(if inside.contains('>') { "unexpected text after `>`" } else { "missing `>`" });
                };
                if inner.is_empty() {
                    return malformed("missing element type between `<` and `>`");
                }
                rest = inner;
                continue;
            }
        }
        match base_type(rest) {
            Ok(ty) => break ty,
            Err(why) => return malformed(&why),
        }
    };
    let mut ty = base;
    for _ in 0..depth {
        ty = TypeExpr::Array(Some(Box::new(ty)));
    }
    Ok(ty)
}

/// A type that is not `Array<...>`: `string (date-time)` or a name.
fn base_type(t: &str) -> Result<TypeExpr<'_>, String> {
    if let Some(format) = t.strip_prefix("string").map(str::trim_start).filter(|r| r.starts_with('(')) {
        return if format == "(date-time)" {
            Ok(TypeExpr::DateTime)
        } else {
            Err(format!("unknown string format `{}`; only `string (date-time)` is known", show(format)))
        };
    }
    if t == "Date" {
        return Ok(TypeExpr::DateTime);
    }
    match t.char_indices().find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '_' || c == '.')) {
        None => Ok(TypeExpr::Named(t)),
        Some((_, c)) if c.is_whitespace() => Err("a type name cannot contain spaces".to_string()),
        Some((0, '<')) => Err("missing type name before `<`".to_string()),
        Some((_, '<')) => Err("only `array` takes a type argument (`array<T>`)".to_string()),
        Some((_, '>')) => Err("unexpected `>`".to_string()),
        Some((_, c)) => Err(format!("unexpected character `{c}`")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bounded reading of a segment's key agrees with the plain one on every shape of
    /// key: known, one word, several words, spaced before the colon, a URL, none.
    #[test]
    fn known_keys_are_the_list() {
        for key in KNOWN_KEYS {
            assert!(is_known_key(key));
        }
        assert!(!is_known_key("names") && !is_known_key("Name") && !is_known_key(""));
    }

    #[test]
    fn key_form_is_is_key_form() {
        let segments = [
            "type: string", "type : string", "type\u{a0}: x", "param name: a", "param name : a", "param  name: a", "param names: a",
            "read-only: true", "x-wix_kind: a: b", "https://x.y", "description://x", "nullable: //x", "1abc: x", ":x", "a b: c",
            "name", "", "é: x", "typé: x", "param: x", "param name", "deprecated:", "k:v", "_k: v", "-k: v",
        ];
        for seg in segments {
            let expected = is_key_form(seg).then(|| {
                let colon = seg.find(':').expect("a key form has a colon");
                (seg[..colon].trim_end_ws(), colon)
            });
            assert_eq!(key_form(seg), expected, "{seg:?}");
        }
    }

    /// The memchr splitter gives the byte loop's segments, backticks or not.
    #[test]
    fn segments_split_as_before() {
        fn plain(text: &str) -> Vec<(usize, usize)> {
            let bytes = text.as_bytes();
            let aware = bytes.iter().filter(|&&b| b == b'`').count() % 2 == 0;
            let mut out = Vec::new();
            let (mut start, mut in_code) = (0, false);
            for (i, &b) in bytes.iter().enumerate() {
                match b {
                    b'`' if aware => in_code = !in_code,
                    b'|' if !in_code => {
                        out.push((start, i));
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            out.push((start, bytes.len()));
            out
        }
        for text in ["a | b | c", "a `x | y` | b", "a `x | y | b", "``|`|`", "", "|", "a|", "`a`|`b|c`|d", "é | `ü|ö` | ñ"] {
            assert_eq!(Segments::new(text).collect::<Vec<_>>(), plain(text), "{text:?}");
        }
    }
}
