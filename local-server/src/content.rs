//! sendMessage's checks of a message's basic content, as the Inbox pages constrain it:
//! at least one piece (`items`, minSize 1), and each text 1 to 16384 characters
//! (`text`, minLength 1, maxLength 16384). Wix refuses content outside these with 400
//! and a validation error naming the field and the rule; so does the server.

use serde_json::{json, Value};

use crate::wix_error::AppError;

/// The most characters a text piece may have.
pub const MAX_TEXT_CHARS: usize = 16384;

/// The first violation in the basic content of `content` (a message's `content` as
/// JSON), if any. Other kinds of content are not checked here.
pub(crate) fn basic_content_violation(content: &Value) -> Option<AppError> {
    let basic = content.get("basic")?;
    let items = basic
        .get("items")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    if items.is_empty() {
        return Some(violation(
            "message.content.basic.items",
            "must hold at least 1 item",
            "MIN_SIZE",
        ));
    }
    items.iter().enumerate().find_map(|(i, item)| {
        let text = item.get("text")?.as_str()?;
        let field = format!("message.content.basic.items[{i}].text");
        let chars = text.chars().count();
        if chars == 0 {
            Some(violation(&field, "must be at least 1 character long", "MIN_LENGTH"))
        } else if chars > MAX_TEXT_CHARS {
            Some(violation(
                &field,
                &format!("must be at most {MAX_TEXT_CHARS} characters long"),
                "MAX_LENGTH",
            ))
        } else {
            None
        }
    })
}

/// 400 with Wix's validation error: the field, why, and the rule it breaks.
fn violation(field: &str, why: &str, rule: &str) -> AppError {
    AppError {
        status: 400,
        body: json!({
            "message": format!("{field}: {why}"),
            "details": {"validationError": {"fieldViolations": [
                {"field": field, "description": why, "violatedRule": rule}
            ]}},
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule_of(content: Value) -> Option<(String, String)> {
        let e = basic_content_violation(&content)?;
        assert_eq!(e.status, 400);
        let violation = &e.body["details"]["validationError"]["fieldViolations"][0];
        Some((
            violation["field"].as_str().unwrap().to_owned(),
            violation["violatedRule"].as_str().unwrap().to_owned(),
        ))
    }

    #[test]
    fn empty_basic_content_and_empty_or_long_texts_are_refused() {
        let field_rule = |field: &str, rule: &str| Some((field.to_owned(), rule.to_owned()));
        assert_eq!(
            rule_of(json!({"basic": {"items": []}})),
            field_rule("message.content.basic.items", "MIN_SIZE")
        );
        assert_eq!(
            rule_of(json!({"basic": {}})),
            field_rule("message.content.basic.items", "MIN_SIZE")
        );
        assert_eq!(
            rule_of(json!({"basic": {"items": [{"text": "hi"}, {"text": ""}]}})),
            field_rule("message.content.basic.items[1].text", "MIN_LENGTH")
        );
        let long = "é".repeat(MAX_TEXT_CHARS + 1);
        assert_eq!(
            rule_of(json!({"basic": {"items": [{"text": long}]}})),
            field_rule("message.content.basic.items[0].text", "MAX_LENGTH")
        );
    }

    #[test]
    fn content_within_the_rules_passes() {
        let longest = "é".repeat(MAX_TEXT_CHARS);
        for content in [
            json!({"basic": {"items": [{"text": "x"}]}}),
            json!({"basic": {"items": [{"text": longest}]}}),
            json!({"basic": {"items": [{"image": {"url": "https://x.io/a.png"}}]}}),
            json!({"minimal": {"text": ""}}),
        ] {
            assert!(basic_content_violation(&content).is_none(), "{content}");
        }
    }
}
