//! GUID checking with the runtime's wording.
//!
//! This mirrors `wixgen_runtime::Guid::parse` and the `Display` of its `GuidError`
//! exactly ("expected 36 characters, found 35"), so a literal rejected at compile time
//! reads the same as a string rejected at run time. `wixgen-ui-tests` includes this file
//! and compares the two on many inputs.
//!
//! Plain `std` only: no proc-macro types, so it can be compiled into tests.

/// The length of a GUID in characters.
pub const LEN: usize = 36;

/// `Ok` for a GUID (36 characters: hex digits grouped `8-4-4-4-12` by `-`), else the
/// first problem from the left, worded as the runtime's `GuidError` displays it.
pub fn check(s: &str) -> Result<(), String> {
    if s.is_empty() {
        return Err("empty string".to_string());
    }
    let found = s.chars().count();
    if found != LEN {
        return Err(format!("expected 36 characters, found {found}"));
    }
    for (position, c) in s.chars().enumerate() {
        if matches!(position, 8 | 13 | 18 | 23) {
            if c != '-' {
                return Err(format!(
                    "expected `-` at position {position} (GUIDs are grouped 8-4-4-4-12)"
                ));
            }
        } else if !c.is_ascii_hexdigit() {
            return Err(format!(
                "invalid character `{c}` at position {position}: a GUID has hex digits only"
            ));
        }
    }
    Ok(())
}

/// Advice for a string that has the right hex digits in the wrong groups: 32 hex digits
/// without hyphens get the hyphenated form; hyphens in the wrong places get where they
/// go. `None` otherwise (the message says it all).
pub fn help(s: &str) -> Option<String> {
    let digits: String = s.chars().filter(|c| *c != '-').collect();
    let all_hex = digits.len() == 32 && digits.chars().all(|c| c.is_ascii_hexdigit());
    if !all_hex {
        return None;
    }
    let grouped = format!(
        "{}-{}-{}-{}-{}",
        &digits[..8],
        &digits[8..12],
        &digits[12..16],
        &digits[16..20],
        &digits[20..]
    );
    if grouped == s {
        return None;
    }
    Some(format!(
        "a GUID is 32 hex digits grouped 8-4-4-4-12 by hyphens: did you mean \"{grouped}\"?"
    ))
}

#[cfg(test)]
mod tests {
    use super::{check, help};

    #[test]
    fn grouping_help() {
        assert_eq!(
            help("b17c523c6ec94b569d9d123cc6978bdf").unwrap(),
            "a GUID is 32 hex digits grouped 8-4-4-4-12 by hyphens: did you mean \
             \"b17c523c-6ec9-4b56-9d9d-123cc6978bdf\"?"
        );
        assert!(help("b17c-523c6ec9-4b56-9d9d-123cc6978bdf").is_some());
        assert_eq!(help("b17c523c-6ec9-4b56-9d9d-123cc6978bdf"), None);
        assert_eq!(help("b17c523c-6ec9-4b56-9d9d-123cc6978bd"), None);
        assert_eq!(help("x17c523c-6ec9-4b56-9d9d-123cc6978bdf"), None);
    }

    const GOOD: &str = "b17c523c-6ec9-4b56-9d9d-123cc6978bdf";

    #[test]
    fn messages() {
        assert_eq!(check(GOOD), Ok(()));
        assert_eq!(check(&GOOD.to_uppercase()), Ok(()));
        assert_eq!(check("").unwrap_err(), "empty string");
        assert_eq!(
            check(&GOOD[..35]).unwrap_err(),
            "expected 36 characters, found 35"
        );
        assert_eq!(
            check(&format!("{GOOD}0")).unwrap_err(),
            "expected 36 characters, found 37"
        );
        assert_eq!(
            check("b17c523c-6ec9-4b56-9d9d-123cc6978bdg").unwrap_err(),
            "invalid character `g` at position 35: a GUID has hex digits only"
        );
        assert_eq!(
            check("b17c523c6ec9-4b56-9d9d-123cc6978bdf0").unwrap_err(),
            "expected `-` at position 8 (GUIDs are grouped 8-4-4-4-12)"
        );
        // Characters, not bytes.
        assert_eq!(
            check(&format!("{}é", &GOOD[..34])).unwrap_err(),
            "expected 36 characters, found 35"
        );
    }
}
