//! Finding and reading the pages of a spec directory.

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
