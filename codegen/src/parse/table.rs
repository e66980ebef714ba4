//! Markdown tables, read line by line.
//!
//! pulldown-cmark reads tables the GFM way, where a row is one line. Real Wix articles put
//! bulleted lists inside cells, spread over several lines and closed by a lone `|` (see the
//! Conversation ID article): GFM ends the table at the first bullet and loses the rest.
//! This reader keeps a row open until it has seen as many `|` as the header has columns
//! (plus one), so both shapes read the same.

use crate::diag::SourceFile;

/// A table as written: header cells, then rows of cells, each cell plain text.
#[derive(Clone, Debug, PartialEq)]
pub struct RawTable {
    pub headers: Vec<String>,
    pub rows: Vec<RawRow>,
    /// Byte offset of the header line.
    pub offset: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RawRow {
    pub cells: Vec<String>,
    pub offset: usize,
}

impl RawTable {
    /// Index of the first column whose header contains `needle` (case-insensitive).
    pub fn column(&self, needle: &str) -> Option<usize> {
        let needle = needle.to_ascii_lowercase();
        self.headers.iter().position(|h| h.to_ascii_lowercase().contains(&needle))
    }
}

/// Every table in `file.text[start..end]`.
pub fn parse_tables(file: &SourceFile, start: usize, end: usize) -> Vec<RawTable> {
    let lines = lines_with_offsets(&file.text[start..end], start);
    let mut tables = Vec::new();
    let mut i = 0;
    while i + 1 < lines.len() {
        let (header_line, offset) = lines[i];
        if !(header_line.trim_start().starts_with('|') && is_delimiter_row(lines[i + 1].0)) {
            i += 1;
            continue;
        }
        let headers = split_cells(header_line);
        let columns = headers.len().max(1);
        let mut table = RawTable { headers, rows: Vec::new(), offset };
        i += 2;
        while i < lines.len() {
            let (line, row_offset) = lines[i];
            if !line.trim_start().starts_with('|') {
                break;
            }
            let mut text = line.to_string();
            let mut pipes = count_pipes(line);
            i += 1;
            // A row with fewer pipes than columns + 1 continues on the following lines
            // (cells holding lists) until a lone `|` closes it; a line that starts a new
            // row, a blank line or a heading ends it (a GFM row may omit its last pipe).
            while pipes < columns + 1 && i < lines.len() {
                let next = lines[i].0.trim();
                let new_row = next.starts_with('|') && next != "|";
                if next.is_empty() || next.starts_with('#') || new_row {
                    break;
                }
                text.push('\n');
                text.push_str(lines[i].0);
                pipes += count_pipes(lines[i].0);
                i += 1;
            }
            table.rows.push(RawRow { cells: split_cells(&text), offset: row_offset });
        }
        tables.push(table);
    }
    tables
}

fn lines_with_offsets(text: &str, base: usize) -> Vec<(&str, usize)> {
    let mut out = Vec::new();
    let mut offset = base;
    for line in text.split_inclusive('\n') {
        out.push((line.trim_end_matches(['\n', '\r']), offset));
        offset += line.len();
    }
    out
}

fn is_delimiter_row(line: &str) -> bool {
    let t = line.trim();
    t.contains('-') && t.contains('|') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// Positions of the `|` that separate cells: not escaped, not inside a code span.
fn separators(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut in_code = false;
    let mut prev_backslash = false;
    for (i, c) in text.char_indices() {
        match c {
            '`' => in_code = !in_code,
            '|' if !in_code && !prev_backslash => out.push(i),
            '\n' => in_code = false,
            _ => {}
        }
        prev_backslash = c == '\\' && !prev_backslash;
    }
    out
}

fn count_pipes(line: &str) -> usize {
    separators(line).len()
}

fn split_cells(text: &str) -> Vec<String> {
    let seps = separators(text);
    let mut bounds = Vec::with_capacity(seps.len() + 2);
    let trimmed_start = text.len() - text.trim_start().len();
    if seps.first() != Some(&trimmed_start) {
        bounds.push(None);
    }
    bounds.extend(seps.iter().copied().map(Some));
    let mut cells = Vec::new();
    for pair in bounds.windows(2) {
        let from = pair[0].map_or(0, |p| p + 1);
        let to = pair[1].unwrap_or(text.len());
        cells.push(plain_cell(&text[from..to]));
    }
    // Text after the last separator is a cell only when the row omitted its trailing pipe.
    if let Some(&last) = seps.last() {
        let rest = text[last + 1..].trim();
        if !rest.is_empty() {
            cells.push(plain_cell(rest));
        }
    }
    cells
}

/// Cell text as plain text: code spans unwrapped, list bullets dropped, lines joined.
fn plain_cell(cell: &str) -> String {
    cell.lines()
        .map(|l| {
            let l = l.trim();
            l.strip_prefix("- ").or_else(|| l.strip_prefix("* ")).unwrap_or(l)
        })
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .replace('`', "")
        .replace("\\|", "|")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables(text: &str) -> Vec<RawTable> {
        let f = SourceFile::new("t.md", text);
        parse_tables(&f, 0, text.len())
    }

    #[test]
    fn reads_a_gfm_table() {
        let t = tables("intro\n| A | B |\n|---|:-:|\n| `x` | y |\n| 1 | 2\n\nafter | no\n");
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].headers, ["A", "B"]);
        assert_eq!(t[0].rows.len(), 2);
        assert_eq!(t[0].rows[0].cells, ["x", "y"]);
        assert_eq!(t[0].rows[1].cells, ["1", "2"]);
        assert_eq!(t[0].offset, 6);
        assert_eq!(t[0].rows[1].offset, "intro\n| A | B |\n|---|:-:|\n| `x` | y |\n".len());
    }

    #[test]
    fn keeps_a_row_open_across_a_list_in_a_cell() {
        let text = "| Type | ID property | Details |\n| --- | --- | --- |\n| Visitor | `v` | first |\n| Contact | `c` |\n- gives details\n- is listed\n|\n| Member | `m` | - registered\n- has a contact\n|\nBehind the scenes\n";
        let t = tables(text);
        assert_eq!(t.len(), 1);
        let rows: Vec<_> = t[0].rows.iter().map(|r| r.cells.clone()).collect();
        assert_eq!(
            rows,
            [
                vec!["Visitor", "v", "first"],
                vec!["Contact", "c", "gives details is listed"],
                vec!["Member", "m", "registered has a contact"],
            ]
        );
        assert_eq!(t[0].column("id property"), Some(1));
    }

    #[test]
    fn pipes_in_code_and_escaped_pipes_stay_in_the_cell() {
        let t = tables("| A | B |\n|---|---|\n| `a|b` | c \\| d |\n");
        assert_eq!(t[0].rows[0].cells, ["a|b", "c | d"]);
    }

    #[test]
    fn an_unclosed_row_at_the_end_of_input_does_not_hang() {
        let t = tables("| A | B | C |\n|---|---|---|\n| x |\n");
        assert_eq!(t[0].rows[0].cells, ["x"]);
    }
}
