//! [`Guid`]: a validated, case-preserving GUID, parsable in const context.

use core::fmt;

/// A GUID as the API sends it: 36 ASCII characters grouped `8-4-4-4-12` hex digits.
///
/// The text is stored as sent (upper- or lower-case hex digits alike), so a
/// decoded value serialises back to exactly the same string. Equality, ordering
/// and hashing compare that text byte for byte.
///
/// ```
/// use wixgen_runtime::Guid;
///
/// const G: Guid = Guid::from_literal("0bd6b6a1-5c37-4a24-a1f4-0fd4bd0b1a3e");
/// assert_eq!(G.as_str(), "0bd6b6a1-5c37-4a24-a1f4-0fd4bd0b1a3e");
/// assert_eq!(
///     Guid::parse("0bd6b6a1").unwrap_err().to_string(),
///     "expected 36 characters, found 8",
/// );
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Guid([u8; Guid::LEN]);

impl Guid {
    /// The length of a GUID in characters (and bytes: a valid GUID is ASCII).
    pub const LEN: usize = 36;

    /// Parses `s` strictly: exactly 36 characters, hex digits grouped `8-4-4-4-12`
    /// by `-`. Usable in const context.
    ///
    /// # Errors
    ///
    /// The first problem from the left, as a [`GuidError`].
    pub const fn parse(s: &str) -> Result<Guid, GuidError> {
        let bytes = s.as_bytes();
        if bytes.is_empty() {
            return Err(GuidError::Empty);
        }
        // Count characters, not bytes: the start of every UTF-8 sequence.
        let mut found = 0;
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] & 0xC0 != 0x80 {
                found += 1;
            }
            i += 1;
        }
        if found != Guid::LEN {
            return Err(GuidError::Length { found });
        }
        // Until the first non-ASCII character, character and byte positions agree;
        // and the first non-ASCII character is always an error.
        let mut out = [0u8; Guid::LEN];
        let mut position = 0;
        while position < Guid::LEN {
            let byte = bytes[position];
            if matches!(position, 8 | 13 | 18 | 23) {
                if byte != b'-' {
                    return Err(GuidError::MissingHyphen { position });
                }
            } else if !byte.is_ascii_hexdigit() {
                let found = decode_char(bytes, position);
                return Err(GuidError::InvalidCharacter { found, position });
            }
            out[position] = byte;
            position += 1;
        }
        Ok(Guid(out))
    }

    /// Parses a GUID literal in const context, failing compilation on a bad one:
    /// `const G: Guid = Guid::from_literal("…");`. At run time a bad literal panics.
    pub const fn from_literal(s: &'static str) -> Guid {
        parse_literal(s, "GUID")
    }

    /// The GUID's text, exactly as parsed.
    pub const fn as_str(&self) -> &str {
        match core::str::from_utf8(&self.0) {
            Ok(s) => s,
            // `parse` admits ASCII only.
            Err(_) => unreachable!(),
        }
    }
}

/// Parses `s`, panicking with "invalid {type_name}: {error}" (during const
/// evaluation, a compile error) when it is not a GUID.
pub(crate) const fn parse_literal(s: &str, type_name: &str) -> Guid {
    match Guid::parse(s) {
        Ok(guid) => guid,
        Err(error) => {
            let message = Message::new()
                .push_str("invalid ")
                .push_str(type_name)
                .push_str(": ");
            let message = error.write(message);
            panic!("{}", message.as_str())
        }
    }
}

/// Decodes the character starting at byte `i` of valid UTF-8.
const fn decode_char(bytes: &[u8], i: usize) -> char {
    let first = bytes[i] as u32;
    let (mut code, len) = match first {
        0x00..=0x7F => (first, 1),
        0x80..=0xDF => (first & 0x1F, 2),
        0xE0..=0xEF => (first & 0x0F, 3),
        _ => (first & 0x07, 4),
    };
    let mut k = 1;
    while k < len {
        code = (code << 6) | (bytes[i + k] as u32 & 0x3F);
        k += 1;
    }
    match char::from_u32(code) {
        Some(c) => c,
        None => char::REPLACEMENT_CHARACTER,
    }
}

impl fmt::Debug for Guid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Guid").field(&self.as_str()).finish()
    }
}

impl fmt::Display for Guid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl AsRef<str> for Guid {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

/// Why a string is not a [`Guid`]. `Display` gives the full message, e.g.
/// "expected 36 characters, found 35"; the first problem from the left is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum GuidError {
    /// The string is empty: "empty string".
    Empty,
    /// The string does not have 36 characters: "expected 36 characters, found 35".
    Length {
        /// How many characters (not bytes) the string has.
        found: usize,
    },
    /// A position that must hold a hex digit holds something else:
    /// "invalid character `g` at position 3: a GUID has hex digits only".
    InvalidCharacter {
        /// The offending character.
        found: char,
        /// Its position in characters, from 0.
        position: usize,
    },
    /// Position 8, 13, 18 or 23 does not hold `-`:
    /// "expected `-` at position 8 (GUIDs are grouped 8-4-4-4-12)".
    MissingHyphen {
        /// The position in characters, from 0.
        position: usize,
    },
}

impl GuidError {
    /// The message without its numbers and character, e.g. "expected 36 characters"
    /// for [`GuidError::Length`]: a static string, usable in a const panic.
    pub const fn message(&self) -> &'static str {
        match self {
            GuidError::Empty => "empty string",
            GuidError::Length { .. } => "expected 36 characters",
            GuidError::InvalidCharacter { .. } => "invalid character: a GUID has hex digits only",
            GuidError::MissingHyphen { .. } => "expected `-` (GUIDs are grouped 8-4-4-4-12)",
        }
    }

    /// Appends the full message (the `Display` text) to `m`.
    const fn write(&self, m: Message) -> Message {
        match *self {
            GuidError::Empty => m.push_str("empty string"),
            GuidError::Length { found } => m
                .push_str("expected 36 characters, found ")
                .push_usize(found),
            GuidError::InvalidCharacter { found, position } => m
                .push_str("invalid character `")
                .push_char(found)
                .push_str("` at position ")
                .push_usize(position)
                .push_str(": a GUID has hex digits only"),
            GuidError::MissingHyphen { position } => m
                .push_str("expected `-` at position ")
                .push_usize(position)
                .push_str(" (GUIDs are grouped 8-4-4-4-12)"),
        }
    }
}

impl fmt::Display for GuidError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.write(Message::new()).as_str())
    }
}

impl std::error::Error for GuidError {}

/// A fixed-capacity text buffer that const fns can write to (they cannot format).
/// Text that does not fit is dropped whole, piece by piece, so the buffer stays UTF-8.
struct Message {
    buf: [u8; 256],
    len: usize,
}

impl Message {
    const fn new() -> Message {
        Message {
            buf: [0; 256],
            len: 0,
        }
    }

    const fn push_bytes(mut self, bytes: &[u8]) -> Message {
        if self.len + bytes.len() <= self.buf.len() {
            let mut i = 0;
            while i < bytes.len() {
                self.buf[self.len + i] = bytes[i];
                i += 1;
            }
            self.len += bytes.len();
        }
        self
    }

    const fn push_str(self, s: &str) -> Message {
        self.push_bytes(s.as_bytes())
    }

    const fn push_char(self, c: char) -> Message {
        let mut utf8 = [0u8; 4];
        let s = c.encode_utf8(&mut utf8);
        self.push_bytes(s.as_bytes())
    }

    const fn push_usize(self, mut n: usize) -> Message {
        let mut digits = [0u8; 20];
        let mut start = digits.len();
        loop {
            start -= 1;
            digits[start] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.push_bytes(digits.split_at(start).1)
    }

    const fn as_str(&self) -> &str {
        match core::str::from_utf8(self.buf.split_at(self.len).0) {
            Ok(s) => s,
            Err(_) => "",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOWER: &str = "0bd6b6a1-5c37-4a24-a1f4-0fd4bd0b1a3e";
    const UPPER: &str = "0BD6B6A1-5C37-4A24-A1F4-0FD4BD0B1A3E";

    fn err(s: &str) -> String {
        Guid::parse(s).unwrap_err().to_string()
    }

    #[test]
    fn parses_and_keeps_case() {
        assert_eq!(Guid::parse(LOWER).unwrap().as_str(), LOWER);
        assert_eq!(Guid::parse(UPPER).unwrap().as_str(), UPPER);
        assert_ne!(Guid::parse(LOWER).unwrap(), Guid::parse(UPPER).unwrap());
        assert_eq!(Guid::parse(LOWER).unwrap().to_string(), LOWER);
        assert_eq!(
            format!("{:?}", Guid::parse(LOWER).unwrap()),
            format!("Guid(\"{LOWER}\")")
        );
        const G: Guid = Guid::from_literal(LOWER);
        assert_eq!(G.as_str(), LOWER);
    }

    #[test]
    fn error_messages() {
        assert_eq!(err(""), "empty string");
        assert_eq!(err(&LOWER[..35]), "expected 36 characters, found 35");
        assert_eq!(
            err(&format!("{LOWER}0")),
            "expected 36 characters, found 37"
        );
        // Characters, not bytes: 34 ASCII characters + `é` are 36 bytes but 35 characters.
        assert_eq!(
            err(&format!("{}é", &LOWER[..34])),
            "expected 36 characters, found 35"
        );
        assert_eq!(
            err("0bdgb6a1-5c37-4a24-a1f4-0fd4bd0b1a3e"),
            "invalid character `g` at position 3: a GUID has hex digits only"
        );
        assert_eq!(
            err("0bd6b6a1-5c37-4a24-a1f4-0fd4bd0b1a3é"),
            "invalid character `é` at position 35: a GUID has hex digits only"
        );
        assert_eq!(
            err("0bd6b6a1-5c37-4a24-a1f4-0fd4bd0b1-3e"),
            "invalid character `-` at position 33: a GUID has hex digits only"
        );
        assert_eq!(
            err("0bd6b6a1x5c37-4a24-a1f4-0fd4bd0b1a3e"),
            "expected `-` at position 8 (GUIDs are grouped 8-4-4-4-12)"
        );
        assert_eq!(
            err("0bd6b6a1-5c37-4a24-a1f40-fd4bd0b1a3e"),
            "expected `-` at position 23 (GUIDs are grouped 8-4-4-4-12)"
        );
    }

    #[test]
    fn error_values_and_static_messages() {
        assert_eq!(Guid::parse(""), Err(GuidError::Empty));
        assert_eq!(Guid::parse("a"), Err(GuidError::Length { found: 1 }));
        let e = Guid::parse("0bd6b6a1-5c37-4a24-a1f4-0fd4bd0b1a3Z").unwrap_err();
        assert_eq!(
            e,
            GuidError::InvalidCharacter {
                found: 'Z',
                position: 35
            }
        );
        assert_eq!(e.message(), "invalid character: a GUID has hex digits only");
        assert_eq!(GuidError::Empty.message(), "empty string");
        assert_eq!(
            GuidError::Length { found: 2 }.message(),
            "expected 36 characters"
        );
        assert_eq!(
            GuidError::MissingHyphen { position: 8 }.message(),
            "expected `-` (GUIDs are grouped 8-4-4-4-12)"
        );
    }

    #[test]
    fn message_buffer_drops_what_does_not_fit() {
        let long = "x".repeat(250);
        let m = Message::new()
            .push_str(&long)
            .push_usize(1234567)
            .push_str("ab");
        assert_eq!(m.as_str(), format!("{long}ab"));
        assert_eq!(
            Message::new().push_usize(0).push_usize(usize::MAX).as_str(),
            format!("0{}", usize::MAX)
        );
    }

    #[test]
    #[should_panic(
        expected = "invalid ConversationId: expected `-` at position 13 (GUIDs are grouped 8-4-4-4-12)"
    )]
    fn literal_panics_with_full_message() {
        parse_literal("0bd6b6a1-5c3704a24-a1f4-0fd4bd0b1a3e", "ConversationId");
    }
}
