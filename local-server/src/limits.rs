//! The bounds the server puts on what a request may ask of it, so that no request can
//! crash it or hold it: how deep a request may nest, how much latency a fault may add.
//! (The body size is [`MAX_BODY_BYTES`](crate::MAX_BODY_BYTES); the connection
//! timeouts are in [`ServerConfig`](crate::ServerConfig).)

use std::time::Duration;

use crate::wix_error::AppError;

/// How deep a request may nest, in objects and arrays (`{"a": 1}` is 1 deep, a query
/// key `paging.limit` 2): a deeper JSON body or dotted query key is answered 400. Wix's
/// requests nest a dozen levels at most; a bound keeps the recursive work on a request
/// (decoding, filters, dropping it) far from the stack's end.
pub const MAX_NESTING_DEPTH: usize = 64;

/// The most latency a fault may add to each request (one minute): enough to outlast
/// any client timeout worth testing; more is refused (400 from `/_local/faults`) rather
/// than hanging every call.
pub const MAX_LATENCY: Duration = Duration::from_secs(60);

/// Refuses a JSON body nested deeper than [`MAX_NESTING_DEPTH`], before it is parsed.
/// A scan of the bytes: brackets count outside strings only; what is not JSON is left
/// to the parser to refuse.
pub(crate) fn check_body_depth(body: &[u8]) -> Result<(), AppError> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for &byte in body {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                if depth > MAX_NESTING_DEPTH {
                    return Err(AppError::invalid_body(&format!(
                        "the body is nested deeper than {MAX_NESTING_DEPTH} levels"
                    )));
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// Refuses a dotted query key (`paging.limit`) that would nest deeper than
/// [`MAX_NESTING_DEPTH`] (a key of N parts is N deep).
pub(crate) fn check_key_depth(key: &str) -> Result<(), AppError> {
    let parts = key.split('.').count();
    if parts <= MAX_NESTING_DEPTH {
        return Ok(());
    }
    // Named by its start: the key itself may be tens of kilobytes.
    let start: String = key.chars().take(40).collect();
    Err(AppError::invalid_argument(
        &format!("{start}…"),
        &format!("a query key of {parts} parts is nested deeper than {MAX_NESTING_DEPTH} levels"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_ok(text: &str) -> bool {
        check_body_depth(text.as_bytes()).is_ok()
    }

    #[test]
    fn body_depth_counts_brackets_outside_strings() {
        let nested = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(depth_ok(&nested(MAX_NESTING_DEPTH)));
        assert!(!depth_ok(&nested(MAX_NESTING_DEPTH + 1)));
        // Siblings do not add up.
        assert!(depth_ok(&format!(
            "[{}]",
            vec![nested(MAX_NESTING_DEPTH - 1); 3].join(",")
        )));
        // Brackets in strings, escaped quotes included, are text.
        let text = "{[".repeat(MAX_NESTING_DEPTH);
        assert!(depth_ok(&format!(r#"{{"a": "{text}", "b": "\"{text}"}}"#)));
        assert!(!depth_ok(&format!(
            r#"{{"a": "\\"{}}}"#,
            nested(MAX_NESTING_DEPTH)
        )));
        let e = check_body_depth(nested(1000).as_bytes()).unwrap_err();
        assert_eq!(e.status, 400);
    }

    #[test]
    fn key_depth_counts_parts() {
        let key = |n: usize| vec!["a"; n].join(".");
        assert!(check_key_depth(&key(MAX_NESTING_DEPTH)).is_ok());
        let e = check_key_depth(&key(20_000)).unwrap_err();
        assert_eq!(e.status, 400);
        assert!(e.body.to_string().len() < 500, "{}", e.body);
    }
}
