//! `str::trim` and its halves with a fast path for ASCII spaces and tabs: the schema
//! blocks' lines are indented by dozens of spaces, which the standard methods decode one
//! character at a time. The results are the standard methods' (any Unicode white space
//! still counts).

/// White-space trimming that skips ASCII spaces and tabs a byte at a time.
pub(crate) trait FastTrim {
    /// `str::trim_start`.
    fn trim_start_ws(&self) -> &str;
    /// `str::trim_end`.
    fn trim_end_ws(&self) -> &str;
    /// `str::trim`.
    fn trim_ws(&self) -> &str;
}

/// Whether a byte ends the fast path: it may be (or start) white space the byte loop
/// does not skip (`\n`, `\r`, vertical tab, form feed, or a non-ASCII character).
fn maybe_white(b: u8) -> bool {
    b >= 0x80 || b.is_ascii_whitespace() || b == 0x0B
}

impl FastTrim for str {
    fn trim_start_ws(&self) -> &str {
        let skipped = self.bytes().take_while(|&b| b == b' ' || b == b'\t').count();
        let rest = &self[skipped..];
        match rest.as_bytes().first() {
            Some(&b) if maybe_white(b) => rest.trim_start(),
            _ => rest,
        }
    }

    fn trim_end_ws(&self) -> &str {
        let skipped = self.bytes().rev().take_while(|&b| b == b' ' || b == b'\t').count();
        let rest = &self[..self.len() - skipped];
        match rest.as_bytes().last() {
            Some(&b) if maybe_white(b) => rest.trim_end(),
            _ => rest,
        }
    }

    fn trim_ws(&self) -> &str {
        self.trim_start_ws().trim_end_ws()
    }
}

#[cfg(test)]
mod tests {
    use super::FastTrim;

    #[test]
    fn trims_as_the_standard_methods_do() {
        let cases = [
            "", " ", "\t", "a", " a ", "\t a \t", "   - name: x | type: y   ", "\u{a0} a\u{a0}", " \u{a0}a", "a \u{85}",
            "\u{b} a \u{c}", " \r\n a \r\n", "é ", " é", "\u{2003}x\u{2003}", "  \u{3000}", "x\u{a0} \t",
        ];
        for s in cases {
            assert_eq!(s.trim_start_ws(), s.trim_start(), "{s:?}");
            assert_eq!(s.trim_end_ws(), s.trim_end(), "{s:?}");
            assert_eq!(s.trim_ws(), s.trim(), "{s:?}");
        }
    }
}
