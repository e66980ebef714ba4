//! Diagnostics: every problem found in the pages, with the place it was found.
//!
//! Parsing and validation never stop at the first problem: they collect [`Diagnostic`]s,
//! and the front ends render them all at once (see [`render`]) with the offending source
//! line, via annotate-snippets.

use std::fmt;

use crate::ir::Source;

/// One input page, its text, and a line index for turning byte offsets into positions.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// Relative to the spec root, `/`-separated: what [`Source::file`] holds.
    pub name: String,
    pub text: String,
    line_starts: LineStarts,
    /// `name`, shared by the [`Source`]s of this file.
    shared_name: std::sync::Arc<str>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let line_starts = LineStarts::of(&text);
        let name = name.into();
        SourceFile { shared_name: name.as_str().into(), name, text, line_starts }
    }

    /// 1-based line and column (in characters) of a byte offset. Offsets past the end,
    /// or inside a UTF-8 sequence, are clamped rather than trusted.
    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        let (line, start) = self.line_starts.line_of(offset);
        let mut end = offset;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let column = self.text[start..end].chars().count() + 1;
        (line as u32 + 1, column as u32)
    }

    /// The [`Source`] of a byte offset in this file.
    pub fn source(&self, offset: usize) -> Source {
        let (line, column) = self.line_col(offset);
        Source { file: self.shared_name.clone(), line, column }
    }

    /// The byte offset where 1-based `line` starts, if the file has that line.
    pub fn line_start(&self, line: u32) -> Option<usize> {
        self.line_starts.get((line as usize).checked_sub(1)?)
    }
}

/// Where each line of a file starts. A large corpus has millions of lines, all indexed
/// while it is read: four bytes a line where the file allows, sized exactly.
#[derive(Clone, Debug)]
enum LineStarts {
    Narrow(Box<[u32]>),
    /// A file of 4 GiB or more.
    Wide(Box<[usize]>),
}

impl LineStarts {
    fn of(text: &str) -> Self {
        let newlines = memchr::memchr_iter(b'\n', text.as_bytes());
        let starts = std::iter::once(0).chain(newlines.map(|i| i + 1));
        match u32::try_from(text.len()) {
            Ok(_) => LineStarts::Narrow(starts.map(|s| s as u32).collect()),
            Err(_) => LineStarts::Wide(starts.collect()),
        }
    }

    /// The 0-based line holding byte `offset`, and where that line starts.
    fn line_of(&self, offset: usize) -> (usize, usize) {
        match self {
            LineStarts::Narrow(starts) => {
                let line = starts.partition_point(|&s| s as usize <= offset) - 1;
                (line, starts[line] as usize)
            }
            LineStarts::Wide(starts) => {
                let line = starts.partition_point(|&s| s <= offset) - 1;
                (line, starts[line])
            }
        }
    }

    fn get(&self, line: usize) -> Option<usize> {
        match self {
            LineStarts::Narrow(starts) => starts.get(line).map(|&s| s as usize),
            LineStarts::Wide(starts) => starts.get(line).copied(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

/// A byte range in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    pub file: String,
    pub start: usize,
    pub end: usize,
}

/// A problem in the input, located.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    /// Where: file, line and column of the start of the offending text.
    pub source: Source,
    /// The offending bytes, for underlining; `None` where only a position is known.
    pub span: Option<Span>,
    /// Other places that matter (the other definition of a conflicting type, ...).
    pub notes: Vec<(Source, String)>,
    /// What to do about it.
    pub help: Option<String>,
    /// How many schema entries the problem made the reader leave out (an ignored nested
    /// entry, a line it could not place, the entries under a line it could not read): the
    /// summary counts them, so that a reading that lost content never looks clean.
    pub dropped: u32,
}

impl Diagnostic {
    /// An error at `start..end` of `file`.
    pub fn error(file: &SourceFile, start: usize, end: usize, message: impl Into<String>) -> Self {
        Self::at(Severity::Error, file, start, end, message)
    }

    /// A warning at `start..end` of `file`.
    pub fn warning(file: &SourceFile, start: usize, end: usize, message: impl Into<String>) -> Self {
        Self::at(Severity::Warning, file, start, end, message)
    }

    fn at(severity: Severity, file: &SourceFile, start: usize, end: usize, message: impl Into<String>) -> Self {
        let start = start.min(file.text.len());
        let end = end.clamp(start, file.text.len());
        Diagnostic {
            severity,
            message: message.into(),
            source: file.source(start),
            span: Some(Span { file: file.name.clone(), start, end }),
            notes: Vec::new(),
            help: None,
            dropped: 0,
        }
    }

    /// An error known only by its [`Source`] (found after parsing, in the IR).
    pub fn error_at(source: &Source, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            source: source.clone(),
            span: None,
            notes: Vec::new(),
            help: None,
            dropped: 0,
        }
    }

    /// A warning known only by its [`Source`].
    pub fn warning_at(source: &Source, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Self::error_at(source, message) }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_note(mut self, source: &Source, note: impl Into<String>) -> Self {
        self.notes.push((source.clone(), note.into()));
        self
    }

    /// Records that `entries` schema entries were left out because of this problem.
    pub fn dropping(mut self, entries: usize) -> Self {
        self.dropped = self.dropped.saturating_add(u32::try_from(entries).unwrap_or(u32::MAX));
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// One line per diagnostic, `file:line:col: error: message`, for logs and tests.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {level}: {}", self.source, self.message)
    }
}

/// Renders diagnostics the way rustc does: the message, `file:line:col`, the offending
/// line with the bad text underlined, notes and help. `root` is prefixed to file names so
/// that the paths printed are the ones the user can open.
pub fn render(diagnostics: &[Diagnostic], files: &[SourceFile], root: &str) -> String {
    use annotate_snippets::{Level, Renderer, Snippet};
    let renderer = Renderer::plain();
    let mut out = String::new();
    for d in diagnostics {
        let level = match d.severity {
            Severity::Error => Level::Error,
            Severity::Warning => Level::Warning,
        };
        let origin = display_path(root, &d.source.file);
        let file = files.iter().find(|f| *f.name == *d.source.file);
        let excerpt = file.and_then(|f| Excerpt::new(f, d));
        let mut message = level.title(&d.message);
        if let Some(e) = &excerpt {
            message = message.snippet(
                Snippet::source(&e.text)
                    .line_start(d.source.line as usize)
                    .origin(&origin)
                    .annotation(level.span(e.start..e.end)),
            );
        }
        let notes: Vec<String> = d.notes.iter().map(|(s, n)| format!("{n}: {}", display_source(root, s))).collect();
        let location = format!("at {}", display_source(root, &d.source));
        if excerpt.is_none() {
            message = message.footer(Level::Note.title(&location));
        }
        for n in &notes {
            message = message.footer(Level::Note.title(n));
        }
        if let Some(h) = &d.help {
            message = message.footer(Level::Help.title(h));
        }
        out.push_str(&renderer.render(message).to_string());
        out.push_str("\n\n");
    }
    out
}

/// `file` as the user can open it: prefixed with the folder of pages as given.
pub(crate) fn display_path(root: &str, file: &str) -> String {
    if root.is_empty() || root == "." {
        file.to_string()
    } else {
        format!("{}/{file}", root.trim_end_matches('/'))
    }
}

fn display_source(root: &str, s: &Source) -> String {
    format!("{}:{}:{}", display_path(root, &s.file), s.line, s.column)
}

/// The offending line, cut to a window around the problem when it is very long (a page
/// whose white space was collapsed is one line of many kilobytes).
struct Excerpt {
    text: String,
    start: usize,
    end: usize,
}

impl Excerpt {
    const WINDOW: usize = 160;

    fn new(file: &SourceFile, d: &Diagnostic) -> Option<Self> {
        let line_start = file.line_start(d.source.line)?;
        let rest = &file.text[line_start..];
        let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
        let line = line.trim_end_matches('\r');
        let at = line.char_indices().nth(d.source.column.saturating_sub(1) as usize).map_or(line.len(), |(i, _)| i);
        let len = match &d.span {
            Some(s) if s.end > s.start => (s.end - s.start).min(line.len() - at),
            _ => line[at..].find(char::is_whitespace).unwrap_or(line.len() - at).max(1),
        };
        let (from, to) = if line.len() > 2 * Self::WINDOW {
            (floor(line, at.saturating_sub(Self::WINDOW / 2)), floor(line, (at + Self::WINDOW).min(line.len())))
        } else {
            (0, line.len())
        };
        // Tabs become spaces (same byte length, so offsets hold): annotate-snippets 0.11
        // counts a tab as several columns of leading white space but as one in the spans,
        // and on a long line indented by tabs its margin arithmetic underflows (a panic in
        // debug builds; found by `tests/robustness.rs`).
        let text = line[from..to].replace('\t', " ");
        let start = at - from;
        let mut end = (start + len).min(text.len()).max(start);
        // The span must end on a character boundary: a multi-byte space ends no token.
        while !text.is_char_boundary(end) {
            end += 1;
        }
        // An empty underline renders as a caret after the line; one character is clearer.
        let end = if end == start && start < text.len() { start + text[start..].chars().next().map_or(1, char::len_utf8) } else { end };
        // An underline that ends inside the line's leading white space points at the first
        // character after it instead: annotate-snippets 0.11 underflows on such a line
        // when it is long (found by the `pipeline` fuzz target).
        let lead = text.len() - text.trim_start().len();
        let (start, end) = if end <= lead && lead < text.len() {
            (lead, lead + text[lead..].chars().next().map_or(1, char::len_utf8))
        } else {
            (start, end)
        };
        Some(Excerpt { text, start, end })
    }
}

fn floor(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
