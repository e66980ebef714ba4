//! Plain-text helpers: the value of a string literal from its source text, snake_case,
//! and "did you mean" by edit distance. `std` only.

/// The value of a string literal written as `text` (`"…"`, `r"…"`, `r#"…"#`), or `None`
/// when `text` is another kind of literal (a number, a byte string, a char, a suffixed
/// string).
pub fn string_value(text: &str) -> Option<String> {
    if let Some(raw) = text.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        let inner = raw[hashes..].strip_prefix('"')?;
        let inner = inner.strip_suffix(&"#".repeat(hashes))?;
        return inner.strip_suffix('"').map(str::to_string);
    }
    let inner = text.strip_prefix('"')?.strip_suffix('"')?;
    unescape(inner)
}

/// Resolves the escapes of a (non-raw) string literal's body.
fn unescape(body: &str) -> Option<String> {
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            '0' => out.push('\0'),
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'x' => {
                let hex: String = [chars.next()?, chars.next()?].iter().collect();
                out.push(char::from(u8::from_str_radix(&hex, 16).ok()?));
            }
            'u' => {
                if chars.next()? != '{' {
                    return None;
                }
                let mut hex = String::new();
                loop {
                    match chars.next()? {
                        '}' => break,
                        '_' => {}
                        h => hex.push(h),
                    }
                }
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
            }
            // A line continuation: the newline and the white space after it vanish.
            '\n' | '\r' => {
                while chars.peek().is_some_and(|c| c.is_whitespace()) {
                    chars.next();
                }
            }
            _ => return None,
        }
    }
    Some(out)
}

/// `memberId`, `MemberID`, `member-id` → `member_id`.
pub fn snake(s: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == '-' || c == ' ' {
            out.push('_');
        } else if c.is_uppercase() {
            let prev_lower =
                i > 0 && (chars[i - 1].is_lowercase() || chars[i - 1].is_ascii_digit());
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            let prev_upper = i > 0 && chars[i - 1].is_uppercase();
            if i > 0 && !out.ends_with('_') && (prev_lower || (prev_upper && next_lower)) {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Optimal string alignment distance (edits, with adjacent swaps counting once).
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
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

/// The candidate `written` most likely means: the same after snake-casing and dropping
/// an `_id` suffix (`memberId` → `member`), else the nearest within a third of its
/// length (at least one edit).
pub fn nearest<'a>(written: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let normal = snake(written);
    let normal = normal.strip_suffix("_id").unwrap_or(&normal);
    if let Some(exact) = candidates.iter().find(|c| **c == normal) {
        return Some(exact);
    }
    candidates
        .iter()
        .map(|c| (distance(normal, c), *c))
        .filter(|(d, c)| *d <= (c.chars().count() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_values() {
        assert_eq!(string_value(r#""abc""#).as_deref(), Some("abc"));
        assert_eq!(
            string_value(r#""a\"b\\c\x41\u{42}""#).as_deref(),
            Some("a\"b\\cAB")
        );
        assert_eq!(string_value(r##"r"a\b""##).as_deref(), Some(r"a\b"));
        assert_eq!(string_value(r###"r#"a"b"#"###).as_deref(), Some("a\"b"));
        assert_eq!(string_value("\"a\\\n    b\"").as_deref(), Some("ab"));
        assert_eq!(string_value("42"), None);
        assert_eq!(string_value("b\"abc\""), None);
        assert_eq!(string_value("'a'"), None);
        assert_eq!(string_value("\"abc\"suffix"), None);
    }

    #[test]
    fn snake_case() {
        assert_eq!(snake("memberId"), "member_id");
        assert_eq!(snake("MemberID"), "member_id");
        assert_eq!(snake("anonymousVisitorId"), "anonymous_visitor_id");
        assert_eq!(snake("Anonymous visitor"), "anonymous_visitor");
        assert_eq!(snake("contact"), "contact");
    }

    #[test]
    fn suggestions() {
        let kinds = ["contact", "member"];
        assert_eq!(nearest("membr", &kinds), Some("member"));
        assert_eq!(nearest("memebr", &kinds), Some("member"));
        assert_eq!(nearest("memberId", &kinds), Some("member"));
        assert_eq!(nearest("member_id", &kinds), Some("member"));
        assert_eq!(nearest("Contact", &kinds), Some("contact"));
        assert_eq!(nearest("contacts", &kinds), Some("contact"));
        assert_eq!(nearest("user", &kinds), None);
        assert_eq!(nearest("visitor", &kinds), None);
    }
}
