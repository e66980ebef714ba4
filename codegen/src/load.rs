//! Finding and reading the pages of a spec directory, and telling the pages from the other
//! markdown files that sit beside them (a `README.md`, notes).

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, SourceFile};

/// Every `.md` file below `root`, recursively (and the settings file at its root), sorted by relative path so that the IR does
/// not depend on directory order. A file that is not UTF-8 is reported, not read.
pub fn load_dir(root: &Path) -> std::io::Result<(Vec<SourceFile>, Vec<Diagnostic>)> {
    let mut paths = Vec::new();
    if std::fs::metadata(root)?.is_file() {
        // A single page given instead of a directory.
        let name = root.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        paths.push((name, root.to_path_buf()));
    } else {
        collect(root, root, &mut paths)?;
        let settings = root.join(crate::overrides::FILE_NAME);
        if settings.is_file() {
            paths.push((crate::overrides::FILE_NAME.to_string(), settings));
        }
    }
    paths.sort();
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    for (rel, path) in paths {
        let bytes = std::fs::read(&path)?;
        match String::from_utf8(bytes) {
            Ok(text) => files.push(SourceFile::new(rel, text)),
            Err(e) => {
                let valid = e.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
                let file = SourceFile::new(rel, text);
                diagnostics.push(
                    Diagnostic::error(&file, valid, valid, format!("not UTF-8 text: invalid byte at offset {valid}"))
                        .with_help("Wix pages are UTF-8 markdown; is this a binary file?"),
                );
            }
        }
    }
    Ok((files, diagnostics))
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(root, &path, out)?;
        } else if path.extension().is_some_and(|e| e == "md") {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let rel: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            out.push((rel.join("/"), path));
        }
    }
    Ok(())
}

/// The header lines every kind of Wix reference page has at least one of (looked for
/// anywhere, so that a page whose line breaks were lost still counts).
const PAGE_MARKERS: [&str; 8] =
    ["# Package:", "# Namespace:", "# Resource:", "# Type:", "# Article:", "# Method name:", "Method link:", "Webhook link:"];

/// Whether `text` reads as a Wix reference page at all: it has one of the header lines of
/// a method, webhook, type, article or Velo page, or its first line is a menu's heading
/// link (`# [Inbox](https://...)`). A `README.md` or a file of notes has none. An empty
/// file is taken for a page (a download that failed), so that it is reported.
pub fn looks_like_page(text: &str) -> bool {
    if text.trim().is_empty() || PAGE_MARKERS.iter().any(|m| text.contains(m)) {
        return true;
    }
    let first = text.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with('>'));
    first.is_some_and(|line| {
        let heading = line.trim_start_matches('#');
        heading.len() < line.len() && heading.trim_start().starts_with('[') && heading.contains("](")
    })
}

/// Whether `path` (relative, `/`-separated) matches `pattern`: `*` stands for any run of
/// characters but `/`, `**` for any run at all (`/` included), `?` for one character but
/// `/`; anything else for itself.
pub fn glob_match(pattern: &str, path: &str) -> bool {
    fn go(p: &[char], s: &[char]) -> bool {
        match p {
            [] => s.is_empty(),
            ['*', '*', rest @ ..] => {
                // `**/` also matches no directory at all.
                let rest_after_slash = rest.strip_prefix(&['/']).unwrap_or(rest);
                (0..=s.len()).any(|i| go(rest, &s[i..])) || (rest.len() != rest_after_slash.len() && go(rest_after_slash, s))
            }
            ['*', rest @ ..] => (0..=s.len()).take_while(|&i| i == 0 || s[i - 1] != '/').any(|i| go(rest, &s[i..])),
            ['?', rest @ ..] => s.first().is_some_and(|c| *c != '/') && go(rest, &s[1..]),
            [c, rest @ ..] => s.first() == Some(c) && go(rest, &s[1..]),
        }
    }
    let p: Vec<char> = pattern.trim_start_matches("./").chars().collect();
    let s: Vec<char> = path.chars().collect();
    go(&p, &s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_told_from_other_markdown() {
        assert!(looks_like_page("# GetNote\n# Package: notes\n"));
        assert!(looks_like_page("## Resource: Notes\n## Article: About notes\n"));
        assert!(looks_like_page("# [Notes](https://example.invalid/notes)\n- [a](b)\n"));
        assert!(looks_like_page("> Portal Navigation\n\n# [Notes](https://example.invalid/notes)\n"));
        assert!(looks_like_page("# GetNote # Package: notes # Namespace: NotesService"), "a page whose line breaks were lost");
        assert!(looks_like_page(""), "an empty file is reported, not skipped");
        assert!(!looks_like_page("# Notes\nThese pages were saved on Monday.\n"));
        assert!(!looks_like_page("Some text, no heading.\n"));
        assert!(!looks_like_page("# See [the docs](https://example.invalid)\n"));
    }

    #[test]
    fn globs_match_relative_paths() {
        assert!(glob_match("NOTES.md", "NOTES.md"));
        assert!(!glob_match("NOTES.md", "sub/NOTES.md"));
        assert!(glob_match("**/NOTES.md", "sub/NOTES.md"));
        assert!(glob_match("**/NOTES.md", "NOTES.md"));
        assert!(glob_match("drafts/*.md", "drafts/a.md"));
        assert!(!glob_match("drafts/*.md", "drafts/deep/a.md"));
        assert!(glob_match("drafts/**", "drafts/deep/a.md"));
        assert!(glob_match("?.md", "a.md"));
        assert!(!glob_match("*.md", "a/b.md"));
        assert!(glob_match("./README.md", "README.md"));
    }
}
