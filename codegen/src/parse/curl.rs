//! curl commands of real pages' examples: the JSON body of `-d '...'`, and for a GET the
//! URL and its query string as a JSON request.

/// The JSON body of a curl command and its offset in `code`: the value of `-d`, `--data`,
/// `--data-raw`, `--data-binary` or `--json`, read as the shell reads it:
///
/// - `'...'`: up to its closing quote; shell-escaped quotes (`'\''`) are unescaped, and the
///   headers after the body (`-H 'Authorization: ...'`) are not part of it;
/// - `"..."`: up to its closing quote, `\"` and `\\` unescaped;
/// - `@- << EOF` (a here-document): the lines up to the one that is the delimiter;
/// - `{...}` or `[...]` unquoted: up to the bracket that closes the first.
///
/// An unclosed body runs to the end.
pub fn curl_body(code: &str) -> Option<(String, usize)> {
    let (flag, value) = data_flag(code)?;
    let rest = &code[value..];
    match rest.as_bytes()[0] {
        b'\'' => Some((single_quoted(&rest[1..]), value + 1)),
        b'"' => Some((double_quoted(&rest[1..]), value + 1)),
        b'@' => here_document(code, flag),
        b'{' | b'[' => Some((rest[..bracketed(rest)].to_string(), value)),
        _ => None,
    }
}

/// Where the first data flag of `code` is, and where its value starts.
fn data_flag(code: &str) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    for flag in ["-d", "--data", "--data-raw", "--data-binary", "--json"] {
        let mut from = 0;
        while let Some(i) = code[from..].find(flag).map(|i| from + i) {
            from = i + flag.len();
            let before_ok = i == 0 || code[..i].ends_with(char::is_whitespace);
            let after = &code[from..];
            let gap = after.len() - after.trim_start_matches([' ', '\t', '=']).len();
            let value = from + gap;
            let starts = code[value..].starts_with(['\'', '"', '@', '{', '[']);
            if before_ok && gap > 0 && starts {
                if best.is_none_or(|(b, _)| i < b) {
                    best = Some((i, value));
                }
                break;
            }
        }
    }
    best
}

fn single_quoted(mut rest: &str) -> String {
    let mut body = String::new();
    loop {
        match rest.find('\'') {
            Some(q) if rest[q..].starts_with("'\\''") => {
                body.push_str(&rest[..q]);
                body.push('\'');
                rest = &rest[q + 4..];
            }
            Some(q) => {
                body.push_str(&rest[..q]);
                return body;
            }
            None => {
                body.push_str(rest);
                return body;
            }
        }
    }
}

fn double_quoted(rest: &str) -> String {
    let mut body = String::new();
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => break,
            '\\' => match chars.next() {
                Some(e @ ('"' | '\\' | '$' | '`')) => body.push(e),
                Some('\n') => {}
                Some(other) => {
                    body.push('\\');
                    body.push(other);
                }
                None => body.push('\\'),
            },
            c => body.push(c),
        }
    }
    body
}

/// `-d @- << EOF` then the body's lines, then `EOF`: the body and its offset.
fn here_document(code: &str, flag: usize) -> Option<(String, usize)> {
    let line_end = code[flag..].find('\n').map_or(code.len(), |e| flag + e);
    let marker = code[flag..line_end].find("<<")? + flag + 2;
    let word = code[marker..line_end].trim_start_matches('-').trim().trim_matches(['\'', '"']);
    if word.is_empty() {
        return None;
    }
    let start = (line_end + 1).min(code.len());
    let mut end = code.len();
    let mut at = start;
    for line in code[start..].split_inclusive('\n') {
        if line.trim() == word {
            end = at;
            break;
        }
        at += line.len();
    }
    Some((code[start..end].to_string(), start))
}

/// The length of the bracketed value at the start of `text` (`{...}` or `[...]`), brackets
/// inside JSON strings aside; all of `text` if it does not close.
fn bracketed(text: &str) -> usize {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (i, b) in text.bytes().enumerate() {
        match (in_string, b) {
            (true, _) if escaped => escaped = false,
            (true, b'\\') => escaped = true,
            (true, b'"') => in_string = false,
            (true, _) => {}
            (false, b'"') => in_string = true,
            (false, b'{' | b'[') => depth += 1,
            (false, b'}' | b']') => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
    }
    text.len()
}

/// The first `http(s)://` URL of a curl command (quoted or not, after `--url` or not),
/// without its query string.
pub fn curl_url(code: &str) -> Option<String> {
    let start = [code.find("https://"), code.find("http://")].into_iter().flatten().min()?;
    let rest = &code[start..];
    let end = rest.find(['\'', '"', '?', ' ', '\n']).unwrap_or(rest.len());
    Some(rest[..end].to_string())
}

/// The query string of a curl command's URL as a JSON request (`?a=1&paging.limit=30`
/// → `{"a": 1, "paging": {"limit": 30}}`): dotted names nest, as GET parameters do on the
/// wire; whole numbers and `true`/`false` are typed, everything else is a string; a name
/// given twice is an array. `None` without a query string.
pub fn curl_query(code: &str) -> Option<(String, usize)> {
    let q = code.find("?").filter(|&q| code[..q].contains("http"))?;
    let end = code[q..].find(['\'', '"', ' ', '\n']).map_or(code.len(), |e| q + e);
    let mut root = serde_json::Map::new();
    for pair in code[q + 1..end].split('&').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = percent_decode(value);
        let value = match value.as_str() {
            "true" => serde_json::Value::Bool(true),
            "false" => serde_json::Value::Bool(false),
            v => v.parse::<i64>().map(serde_json::Value::from).unwrap_or_else(|_| serde_json::Value::String(value.clone())),
        };
        let path: Vec<String> = percent_decode(name).split('.').map(str::to_string).collect();
        let (last, parents) = path.split_last()?;
        let mut map = &mut root;
        for p in parents {
            let slot = map.entry(p.clone()).or_insert_with(|| serde_json::Value::Object(Default::default()));
            if !slot.is_object() {
                *slot = serde_json::Value::Object(Default::default());
            }
            map = slot.as_object_mut().expect("made an object above");
        }
        match map.get_mut(last) {
            Some(serde_json::Value::Array(items)) => items.push(value),
            Some(first) => *first = serde_json::Value::Array(vec![first.clone(), value]),
            None => {
                map.insert(last.clone(), value);
            }
        }
    }
    let json = serde_json::to_string_pretty(&serde_json::Value::Object(root)).ok()?;
    Some((json, q))
}

/// `%2F` → `/`, `+` → space; a malformed escape is kept as written.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => match s.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok()) {
                Some(v) => {
                    out.push(v);
                    i += 3;
                    continue;
                }
                None => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_ends_at_its_closing_quote_not_at_the_last_quote() {
        let code = "curl -X POST 'https://x.invalid/v1/things' \\\n  --data-binary '{\"a\": \"it'\\''s\"}' \\\n  -H 'Authorization: <AUTH>'\n";
        let (body, at) = curl_body(code).unwrap();
        assert_eq!(body, "{\"a\": \"it's\"}");
        assert!(code[at..].starts_with("{\"a\""));
        // Unclosed, it runs to the end.
        assert_eq!(curl_body("curl -d '{\"a\": 1}").unwrap().0, "{\"a\": 1}");
    }

    #[test]
    fn bodies_in_double_quotes_here_documents_and_bare_braces() {
        let body = |code: &str| curl_body(code).map(|(b, at)| (b, code[at..].chars().next()));
        assert_eq!(body("curl -X POST https://x.invalid/v1/t -d \"{\\\"a\\\": \\\"b\\\"}\" -H 'A: b'"), Some(("{\"a\": \"b\"}".to_string(), Some('{'))));
        let heredoc = "curl -X POST 'https://x.invalid/v1/t' \\\n-H 'A: b' \\\n-d @- << EOF\n{\n  \"a\": 1\n}\nEOF\n";
        assert_eq!(body(heredoc), Some(("{\n  \"a\": 1\n}\n".to_string(), Some('{'))));
        let bare = "curl -X POST 'https://x.invalid/v1/t' \\\n-d {\n  \"a\": \"}\"\n}\n-H 'A: b'\n";
        assert_eq!(body(bare), Some(("{\n  \"a\": \"}\"\n}".to_string(), Some('{'))));
        // A flag inside a word or a URL is not one.
        assert_eq!(curl_body("curl 'https://x.invalid/v1/items-d' -H 'A: b'"), None);
    }

    #[test]
    fn the_url_is_found_quoted_or_not() {
        for code in [
            "curl -X GET 'https://x.invalid/v1/things/7?full=true' -H 'A: b'",
            "curl --request GET \\\n  --url https://x.invalid/v1/things/7?full=true \\\n  --header 'A: b'",
            "curl -X GET \\\nhttps://x.invalid/v1/things/7 \\\n",
        ] {
            assert_eq!(curl_url(code).as_deref(), Some("https://x.invalid/v1/things/7"), "{code}");
        }
        let query = curl_query("curl --url https://x.invalid/v1/t?full=true --header 'A: b'").unwrap().0;
        assert_eq!(serde_json::from_str::<serde_json::Value>(&query).unwrap(), serde_json::json!({"full": true}));
    }
}
