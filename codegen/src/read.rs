//! Reading a spec directory: load the pages, parse, lower into the IR, validate.

use std::path::Path;

use crate::diag::{render, Diagnostic, SourceFile};
use crate::ir::Api;
use crate::load::load_dir;
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
pub fn read_specs(dir: &Path) -> std::io::Result<Loaded> {
    let (files, mut diagnostics) = load_dir(dir)?;
    let mut loaded = read_sources(files);
    diagnostics.append(&mut loaded.diagnostics);
    sort(&mut diagnostics);
    loaded.diagnostics = diagnostics;
    loaded.root = dir.display().to_string();
    Ok(loaded)
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
    Loaded { api, files, diagnostics, root: String::new() }
}

fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| (&a.source, &a.message).cmp(&(&b.source, &b.message)));
    diagnostics.dedup();
}
