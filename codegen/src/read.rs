//! Reading a spec directory: load the pages, parse, lower into the IR, validate.

use std::path::Path;

use crate::diag::{render, Diagnostic, SourceFile};
use crate::ir::Api;
use crate::load::{glob_match, load_dir, looks_like_page};
use crate::messages::Note;
use crate::lower::lower;
use crate::overrides::{self, Overrides};
use crate::validate::validate;

/// The result of reading pages: the IR, the pages' text (for rendering diagnostics), and
/// every problem found, in file and line order. The IR is only trustworthy when
/// [`Loaded::has_errors`] is false.
#[derive(Debug, Default)]
pub struct Loaded {
    pub api: Api,
    pub files: Vec<SourceFile>,
    pub diagnostics: Vec<Diagnostic>,
    /// The directory as given, prefixed to file names when rendering.
    pub root: String,
    /// Files of the directory that were not read, each with why (not a reference page).
    pub skipped: Vec<Note>,
}

impl Loaded {
    /// True when any diagnostic is an error (warnings do not count).
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Every diagnostic rendered with its source line, as the command line prints them.
    pub fn render_diagnostics(&self) -> String {
        render(&self.diagnostics, &self.files, &self.root)
    }

    /// The number of pages read (the settings file is not one).
    pub fn page_count(&self) -> usize {
        self.files.iter().filter(|f| f.name != overrides::FILE_NAME).count()
    }

    /// The number of error diagnostics.
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    /// The number of warnings.
    pub fn warning_count(&self) -> usize {
        self.diagnostics.len() - self.error_count()
    }

    /// How many schema entries the reader left out, over every diagnostic that says so.
    pub fn dropped_count(&self) -> u64 {
        self.diagnostics.iter().map(|d| u64::from(d.dropped)).sum()
    }

    /// What the reading came to, in words: `no errors, 3 warnings, 2 entries dropped`.
    pub fn tally(&self) -> String {
        let (errors, warnings, dropped) = (self.error_count(), self.warning_count(), self.dropped_count());
        let plural = |n: u64, one: &str, many: &str| if n == 1 { format!("1 {one}") } else { format!("{n} {many}") };
        let errors = if errors == 0 { "no errors".to_string() } else { plural(errors as u64, "error", "errors") };
        format!("{errors}, {}, {}", plural(warnings as u64, "warning", "warnings"), plural(dropped, "entry dropped", "entries dropped"))
    }
}

/// Reads every `.md` file below `dir`, recursively, in path order, and the ID overrides
/// file `wixgen.toml` at its root, if there is one. I/O failures are
/// errors; everything wrong with the pages themselves is in [`Loaded::diagnostics`].
///
/// Files `wixgen.toml` lists under `ignore` are not read; other files that are not
/// reference pages at all (a `README.md`, notes: see [`crate::load::looks_like_page`]) are
/// skipped with a note in [`Loaded::skipped`], unless no file is a page, when each is read
/// and its error reported.
pub fn read_specs(dir: &Path) -> std::io::Result<Loaded> {
    let (files, mut diagnostics) = load_dir(dir)?;
    let (files, skipped) = select_pages(files, &mut diagnostics);
    let mut loaded = read_sources(files);
    diagnostics.append(&mut loaded.diagnostics);
    sort(&mut diagnostics);
    loaded.diagnostics = diagnostics;
    loaded.root = dir.display().to_string();
    loaded.skipped = skipped;
    Ok(loaded)
}

/// The files to read as pages: those `wixgen.toml` does not ignore, less the ones that are
/// no reference page (returned as notes). An `ignore` pattern matching no file is a warning.
fn select_pages(files: Vec<SourceFile>, diagnostics: &mut Vec<Diagnostic>) -> (Vec<SourceFile>, Vec<Note>) {
    let settings = files.iter().find(|f| f.name == overrides::FILE_NAME).cloned();
    // Its own problems are reported when it is read with the pages.
    let ignore = settings.as_ref().map(|f| overrides::parse(f).0.ignore).unwrap_or_default();
    let mut used = vec![false; ignore.len()];
    let mut kept = Vec::new();
    let mut not_pages = Vec::new();
    for file in files {
        if file.name != overrides::FILE_NAME {
            let matched: Vec<usize> = (0..ignore.len()).filter(|&i| glob_match(&ignore[i].0, &file.name)).collect();
            if !matched.is_empty() {
                matched.into_iter().for_each(|i| used[i] = true);
                continue;
            }
            if !looks_like_page(&file.text) {
                not_pages.push(file);
                continue;
            }
        }
        kept.push(file);
    }
    if let Some(settings) = &settings {
        for ((pattern, source), _) in ignore.iter().zip(&used).filter(|(_, used)| !**used) {
            let at = settings.line_start(source.line).unwrap_or(0) + source.column.saturating_sub(1) as usize;
            diagnostics.push(
                Diagnostic::warning(settings, at, at + pattern.len() + 2, format!("`ignore` entry `{pattern}` matches no file"))
                    .with_help("paths are relative to the folder of pages; `*` stands for any part of a name, `**` for any directories"),
            );
        }
    }
    if !kept.iter().any(|f| f.name != overrides::FILE_NAME) {
        // No page at all: each file is read as one, and says why it is not.
        kept.append(&mut not_pages);
        kept.sort_by(|a, b| a.name.cmp(&b.name));
    }
    let notes = not_pages
        .into_iter()
        .map(|f| Note {
            file: f.name,
            message: "not a Wix reference page (no `# Package:`, `# Resource:`, `# Method name:` or menu heading); skipped".to_string(),
            help: Some(format!("list it under `ignore` in {} to skip it without this note", overrides::FILE_NAME)),
        })
        .collect();
    (kept, notes)
}

/// Reads pages already in memory (tests, benchmarks, build scripts). Each page is parsed
/// and lowered in turn, and its syntax tree dropped before the next is read.
pub fn read_sources(files: Vec<SourceFile>) -> Loaded {
    let mut diagnostics = Vec::new();
    let mut overrides = Overrides::default();
    if let Some(file) = files.iter().find(|f| f.name == overrides::FILE_NAME) {
        let (o, diags) = overrides::parse(file);
        overrides = o;
        diagnostics.extend(diags);
    }
    let (api, diags) = lower(&files, &overrides);
    diagnostics.extend(diags);
    diagnostics.extend(validate(&api, &files));
    sort(&mut diagnostics);
    Loaded { api, files, diagnostics, root: String::new(), skipped: Vec::new() }
}

fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| (&a.source, &a.message).cmp(&(&b.source, &b.message)));
    diagnostics.dedup();
}
