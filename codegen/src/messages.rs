//! How the command line tells what it found: diagnostics rendered for people (on standard
//! error, as rustc does) or as JSON, one object a line on standard output (as
//! `cargo --message-format json` does), for editors and CI; and whether warnings fail
//! the run (`--deny-warnings`).
//!
//! In JSON mode standard output carries only JSON objects; what the command says besides
//! (files written, the API report, summaries) goes to standard error. The objects:
//!
//! - `{"reason": "diagnostic", "level": "error" | "warning" | "note", "message", "file",
//!   "line", "column", "end_line", "end_column", "notes": [{"message", "file", "line",
//!   "column"}], "help", "rendered"}`: one problem. `file` is the page's path as given on
//!   the command line (joined to the folder of pages); `line` and `column` are 1-based
//!   (columns in characters) and point at the start of the offending text, `end_line` and
//!   `end_column` just past its end (`null` where only a position is known); `help` is
//!   `null` or what to do about it; `rendered` is the text the human format prints.
//! - `{"reason": "finished", "success", "errors", "warnings"}`: the last line of a run,
//!   with the number of errors and warnings reported.

use std::io::Write;

use serde::Serialize;

use crate::diag::{display_path, Diagnostic, Severity, SourceFile};
use crate::read::Loaded;

/// How diagnostics are printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MessageFormat {
    /// Rendered with the offending line, on standard error.
    #[default]
    Human,
    /// One JSON object a line on standard output (see the module documentation).
    Json,
}

/// What the front ends are told about reporting, besides where to read and write.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    pub format: MessageFormat,
    /// Warnings fail the run as errors do: nothing is written.
    pub deny_warnings: bool,
}

/// A page skipped because it is not a page, told as a note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub file: String,
    pub message: String,
    pub help: Option<String>,
}

/// The reporter of one run: prints diagnostics in the chosen format and counts them.
#[derive(Debug)]
pub struct Messages {
    options: Options,
    errors: usize,
    warnings: usize,
}

#[derive(Serialize)]
struct JsonLocation<'a> {
    message: &'a str,
    file: String,
    line: u32,
    column: u32,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    reason: &'static str,
    level: &'static str,
    message: &'a str,
    file: String,
    line: u32,
    column: u32,
    end_line: Option<u32>,
    end_column: Option<u32>,
    notes: Vec<JsonLocation<'a>>,
    help: Option<&'a str>,
    rendered: String,
}

#[derive(Serialize)]
struct JsonFinished {
    reason: &'static str,
    success: bool,
    errors: usize,
    warnings: usize,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

impl Messages {
    pub fn new(options: Options) -> Self {
        Messages { options, errors: 0, warnings: 0 }
    }

    pub fn options(&self) -> Options {
        self.options
    }

    pub fn is_json(&self) -> bool {
        self.options.format == MessageFormat::Json
    }

    /// Errors reported so far.
    pub fn errors(&self) -> usize {
        self.errors
    }

    /// Warnings reported so far.
    pub fn warnings(&self) -> usize {
        self.warnings
    }

    /// Reports every diagnostic (and skipped file) of a read.
    pub fn loaded(&mut self, loaded: &Loaded) {
        self.notes(&loaded.skipped, &loaded.root);
        self.diagnostics(&loaded.diagnostics, &loaded.files, &loaded.root);
    }

    /// Reports `diagnostics`, whose files are among `files`, read from `root`.
    pub fn diagnostics(&mut self, diagnostics: &[Diagnostic], files: &[SourceFile], root: &str) {
        for d in diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
            }
        }
        match self.options.format {
            MessageFormat::Human => {
                if !diagnostics.is_empty() {
                    eprint!("{}", crate::diag::render(diagnostics, files, root));
                }
            }
            MessageFormat::Json => {
                for d in diagnostics {
                    stdout_line(&self.json(d, files, root));
                }
            }
        }
    }

    fn json(&self, d: &Diagnostic, files: &[SourceFile], root: &str) -> String {
        let file = files.iter().find(|f| *f.name == *d.source.file);
        let end = match (&d.span, file) {
            (Some(span), Some(file)) => Some(file.line_col(span.end)),
            _ => None,
        };
        let rendered = crate::diag::render(std::slice::from_ref(d), files, root);
        let object = JsonDiagnostic {
            reason: "diagnostic",
            level: level(d.severity),
            message: &d.message,
            file: display_path(root, &d.source.file),
            line: d.source.line,
            column: d.source.column,
            end_line: end.map(|(l, _)| l),
            end_column: end.map(|(_, c)| c),
            notes: d
                .notes
                .iter()
                .map(|(s, n)| JsonLocation { message: n, file: display_path(root, &s.file), line: s.line, column: s.column })
                .collect(),
            help: d.help.as_deref(),
            rendered: rendered.trim_end().to_string(),
        };
        serde_json::to_string(&object).expect("a diagnostic serialises")
    }

    /// Reports notes (files skipped): they count neither as errors nor as warnings.
    pub fn notes(&mut self, notes: &[Note], root: &str) {
        for n in notes {
            let file = display_path(root, &n.file);
            let help = n.help.as_deref().map(|h| format!("\n  = help: {h}")).unwrap_or_default();
            let rendered = format!("note: {}\n  --> {file}{help}", n.message);
            match self.options.format {
                MessageFormat::Human => eprintln!("{rendered}\n"),
                MessageFormat::Json => {
                    let object = JsonDiagnostic {
                        reason: "diagnostic",
                        level: "note",
                        message: &n.message,
                        file,
                        line: 1,
                        column: 1,
                        end_line: None,
                        end_column: None,
                        notes: Vec::new(),
                        help: n.help.as_deref(),
                        rendered,
                    };
                    stdout_line(&serde_json::to_string(&object).expect("a note serialises"));
                }
            }
        }
    }

    /// A line of what the command did (files written, summaries): standard output for
    /// people, standard error in JSON mode.
    pub fn say(&self, text: &str) {
        match self.options.format {
            MessageFormat::Human => {
                // A reader that went away (`wixgen | head`) is no reason to fail the run.
                let _ = std::io::stdout().lock().write_all(text.as_bytes());
            }
            MessageFormat::Json => eprint!("{text}"),
        }
    }

    /// Whether the warnings of `loaded` stop the run: `--deny-warnings` and any warning.
    /// Says so when they do.
    pub fn denies(&self, loaded: &Loaded, what: &str) -> bool {
        let warnings = loaded.warning_count();
        if self.options.deny_warnings && warnings > 0 {
            eprintln!("error: {warnings} warning(s) in {}, denied by --deny-warnings; {what}", loaded.root);
            return true;
        }
        false
    }

    /// The last word of a run: in JSON mode, the `finished` object.
    pub fn finish(&self, success: bool) {
        if self.is_json() {
            let object = JsonFinished { reason: "finished", success, errors: self.errors, warnings: self.warnings };
            stdout_line(&serde_json::to_string(&object).expect("the summary serialises"));
        }
    }
}

/// One line on standard output; a reader that went away is no reason to fail the run.
fn stdout_line(line: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(line.as_bytes()).and_then(|()| out.write_all(b"\n"));
}

