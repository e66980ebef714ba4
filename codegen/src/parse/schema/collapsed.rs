//! Blocks whose white space was collapsed to single spaces: one line, nesting lost.
//!
//! The header lines are recovered by cutting the line at the known header keys
//! ([`HEADER_KEYS`]); the entries are counted and reported, never guessed. Which
//! occurrences of a key are taken as header lines (the others are text inside a value):
//!
//! - a key counts only at the start of a word and when its colon is followed by white space
//!   or the end of the line;
//! - each key is taken once, except `Method` (the method's name, then, after `URL:`, the
//!   HTTP verb: the second `Method:` is taken only after an `URL:`) and `# Note` (any
//!   number of times);
//! - once the entries have begun, only the keys that introduce entries are taken:
//!   `Return type`, `Event body`, `Method parameters`.

use super::{HeaderLine, Item, Parser, Severity, HEADER_KEYS};

/// The markers that tell a collapsed block: two or more of them inside its one line (not
/// counting the start of the line, where one is at home).
const MARKERS: [&str; 10] = [
    " param name: ",
    " - name: ",
    " - ONE-OF:",
    " - ENUM:",
    " Method: ",
    " URL: ",
    " Return type:",
    " Description: ",
    " Method parameters:",
    " Event body:",
];

/// The keys taken after the entries have begun.
const AFTER_ENTRIES: [&str; 3] = ["Return type", "Event body", "Method parameters"];

/// The block's only non-blank line and its offset in the block, if the block is one line
/// holding two or more markers past its start.
pub(super) fn collapsed_line(block: &str) -> Option<(usize, &str)> {
    let mut found = None;
    let mut pos = 0;
    for raw in block.split('\n') {
        if !raw.trim().is_empty() {
            if found.is_some() {
                return None;
            }
            found = Some((pos, raw.strip_suffix('\r').unwrap_or(raw)));
        }
        pos += raw.len() + 1;
    }
    let (offset, line) = found?;
    let inside = line.trim_start();
    let markers: usize = MARKERS.iter().map(|m| inside.matches(m).count()).sum();
    (markers >= 2).then_some((offset, line))
}

/// The length of the entry marker (`param name:`, `- name:`, `- ONE-OF:`, `- ENUM:`) that
/// `rest` starts with, and whether it is `- ENUM:`.
fn entry_marker(rest: &str) -> Option<(usize, bool)> {
    ["param name:", "- name:", "- ONE-OF:", "- ENUM:"]
        .into_iter()
        .find_map(|m| (rest.starts_with(m) && ends_word(rest, m.len())).then_some((m.len(), m == "- ENUM:")))
}

/// The length of `- VALUE:` at the start of `rest`.
fn enum_value_marker(rest: &str) -> Option<usize> {
    let name = rest.strip_prefix("- ")?;
    let len = name.bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'_').count();
    (len > 0 && name[len..].starts_with(':') && ends_word(rest, len + 3)).then_some(len + 3)
}

/// The index in [`HEADER_KEYS`] of the `Key:` that `rest` starts with.
fn header_key(rest: &str) -> Option<usize> {
    HEADER_KEYS
        .iter()
        .position(|key| rest.starts_with(key) && rest[key.len()..].starts_with(':') && ends_word(rest, key.len() + 1))
}

/// Whether `text[at..]` is empty or starts with white space.
fn ends_word(text: &str, at: usize) -> bool {
    text.as_bytes().get(at).is_none_or(|b| b.is_ascii_whitespace())
}

#[derive(Clone, Copy)]
enum Mark {
    /// A header key, by index in [`HEADER_KEYS`], taken as a header line.
    Header(usize),
    /// An entry marker of this length.
    Entry(usize),
}

impl<'a> Parser<'a> {
    /// Reads a collapsed block: `line` is its only line, at `base` in the file.
    pub(super) fn collapsed(&mut self, base: usize, line: &'a str) {
        self.start_line(base, base + line.len());
        let bytes = line.as_bytes();
        let mut marks: Vec<(usize, Mark)> = Vec::new();
        let mut counts = [0usize; HEADER_KEYS.len()];
        let mut entries_begun = false;
        let mut url_seen = false;
        let mut in_enum = false;
        let mut i = 0;
        while i < bytes.len() {
            let word_start = (i == 0 || bytes[i - 1].is_ascii_whitespace()) && !bytes[i].is_ascii_whitespace();
            if !word_start {
                i += 1;
                continue;
            }
            // `i` follows an ASCII byte (or is 0): a character boundary.
            let rest = &line[i..];
            if let Some((len, is_enum)) = entry_marker(rest) {
                marks.push((i, Mark::Entry(len)));
                entries_begun = true;
                in_enum = is_enum;
                i += len;
                continue;
            }
            if in_enum {
                if let Some(len) = enum_value_marker(rest) {
                    marks.push((i, Mark::Entry(len)));
                    i += len;
                    continue;
                }
            }
            if let Some(k) = header_key(rest) {
                let key = HEADER_KEYS[k];
                let taken = if entries_begun && !AFTER_ENTRIES.contains(&key) {
                    false
                } else {
                    match key {
                        "Method" => counts[k] == 0 || (counts[k] == 1 && url_seen),
                        "# Note" => true,
                        _ => counts[k] == 0,
                    }
                };
                if taken {
                    counts[k] += 1;
                    url_seen |= key == "URL";
                    in_enum = false;
                    marks.push((i, Mark::Header(k)));
                    i += key.len() + 1;
                    continue;
                }
            }
            i += 1;
        }

        let mut entries = 0;
        let mut first_entry = None;
        for (j, &(pos, mark)) in marks.iter().enumerate() {
            match mark {
                Mark::Entry(len) => {
                    entries += 1;
                    first_entry.get_or_insert((pos, len));
                }
                Mark::Header(k) => {
                    let key = HEADER_KEYS[k];
                    let value_start = pos + key.len() + 1;
                    let value_end = marks.get(j + 1).map_or(line.len(), |&(next, _)| next);
                    let (va, vb) = super::trim_range(line, value_start, value_end);
                    self.items.push(Item::Header(HeaderLine {
                        key,
                        value: &line[va..vb],
                        offset: base + pos,
                        value_offset: base + if va < vb { va } else { value_start },
                    }));
                }
            }
        }
        if let Some((pos, len)) = first_entry {
            let (noun, verb) = if entries == 1 { ("entry", "was") } else { ("entries", "were") };
            self.report(
                Severity::Warning,
                base + pos,
                base + pos + len,
                format!(
                    "white space of this block was collapsed; {entries} schema {noun} could not be nested and {verb} skipped"
                ),
                Some("the header lines were read; fetch the page again with its line breaks to read its entries".to_string()),
            );
            self.drop_entries(entries);
        }
    }
}
