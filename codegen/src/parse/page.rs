//! One page: strip the portal preamble, tell the page kind from its first headings, and
//! pick out what each kind carries (header lines, scopes, schema block, errors table,
//! examples, article tables and sections, Velo signatures, menu links).

use crate::diag::{Diagnostic, SourceFile};
use crate::ir::{CodeExample, ExampleKind, MenuEntry, PageKind, Scope};
use crate::parse::outline::{collapsed_outline, looks_collapsed, outline, Heading, Outline};
use crate::parse::schema::{parse_schema_block, Located, SchemaBlock};
use crate::parse::table::{parse_tables, RawTable};
use crate::parse::curl::{curl_body, curl_query, curl_url};

/// A page read into syntax, not yet resolved against other pages.
///
/// Its schema blocks and examples borrow the page's text (`'a`).
#[derive(Clone, Debug, PartialEq)]
pub struct ParsedPage<'a> {
    pub kind: PageKind,
    pub title: Located<String>,
    pub link: Option<String>,
    /// The page's white space was collapsed; only its headers were recovered.
    pub collapsed: bool,
    pub body: PageBody<'a>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum PageBody<'a> {
    Method(MethodSyntax<'a>),
    Type(TypeSyntax<'a>),
    Webhook(WebhookSyntax<'a>),
    Article(ArticleSyntax),
    Velo(VeloSyntax),
    Menu(Vec<MenuEntry>),
}

/// A schema block and where its fence starts.
#[derive(Clone, Debug, PartialEq)]
pub struct SchemaSyntax<'a> {
    pub block: SchemaBlock<'a>,
    pub offset: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MethodSyntax<'a> {
    pub package: String,
    pub namespace: String,
    pub scopes: Vec<Scope>,
    pub introduction: String,
    /// The REST block: the wire.
    pub schema: Option<SchemaSyntax<'a>>,
    /// The JavaScript SDK block (under `## JavaScript SDK`), when the page has one: the
    /// same method in SDK names, read as evidence only.
    pub sdk_schema: Option<SchemaSyntax<'a>>,
    /// Rows of a `### Errors` table (older renditions); `Possible Errors:` lines are in
    /// the schema block.
    pub errors: Vec<ErrorRow>,
    pub examples: Vec<ExampleSyntax<'a>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TypeSyntax<'a> {
    pub resource: String,
    pub description: String,
    pub schema: Option<SchemaSyntax<'a>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct WebhookSyntax<'a> {
    pub package: String,
    pub namespace: String,
    pub introduction: String,
    pub schema: Option<SchemaSyntax<'a>>,
    pub examples: Vec<ExampleSyntax<'a>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ArticleSyntax {
    pub resource: String,
    pub tables: Vec<RawTable>,
    pub sections: Vec<Section>,
}

/// An article section: a heading and its text up to the next heading.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub title: String,
    pub text: String,
    pub offset: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct VeloSyntax {
    pub params: Vec<(String, String)>,
    pub package: String,
    pub menu_location: String,
    pub description: String,
    pub examples: Vec<CodeExample>,
}

/// A row of a method page's `### Errors` table.
#[derive(Clone, Debug, PartialEq)]
pub struct ErrorRow {
    pub code: String,
    pub http_status: Option<u16>,
    pub description: String,
    pub offset: usize,
}

/// A JSON example under an examples heading.
#[derive(Clone, Debug, PartialEq)]
pub struct ExampleSyntax<'a> {
    pub kind: ExampleKind,
    pub title: String,
    /// The fence's text; a curl example's body as the shell reads it (unescaped).
    pub json: std::borrow::Cow<'a, str>,
    pub offset: usize,
    /// A curl example's URL (without its query string): lowering reads the path
    /// parameters from it.
    pub url: Option<String>,
}

const KIND_HELP: &str = "a Wix reference page starts with `# <MethodName>` + `# Package:`, `# Package:` + `# Webhook link:`, `# Resource:` + `# Type: <Name> Object`, `## Resource:` + `## Article:`, `# Method name: f(...)`, or `# [Label](url)` (a menu)";

/// Reads one page. `None` when the page cannot be read at all (the diagnostics say why).
pub fn parse_page(file: &SourceFile) -> (Option<ParsedPage<'_>>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let text = &file.text;
    if text.trim().is_empty() {
        diags.push(Diagnostic::error(file, 0, 0, "empty page").with_help(KIND_HELP));
        return (None, diags);
    }
    let from = skip_preamble(text);
    let mut o = outline(text, from);
    if looks_collapsed(&o) {
        o = collapsed_outline(text, from);
    }
    let Some(kind) = detect_kind(&o) else {
        let (start, end, what) = match o.headings.first() {
            Some(h) => (h.offset, h.end, format!("its first heading is `{}`", shorten(&h.text))),
            None => (from, from, "it has no heading".to_string()),
        };
        diags.push(Diagnostic::error(file, start, end, format!("cannot tell what kind of page this is: {what}")).with_help(KIND_HELP));
        return (None, diags);
    };
    let mut reader = PageReader { file, o: &o, diags: &mut diags };
    let page = reader.read(kind);
    if o.collapsed {
        let lost = match &page.body {
            PageBody::Method(_) | PageBody::Webhook(_) => "scopes, introduction, errors, examples and the nesting of schema entries",
            PageBody::Type(_) => "the nesting of schema entries",
            _ => "tables, sections and examples",
        };
        diags.push(
            Diagnostic::warning(file, from, from, format!("the white space of this page was collapsed: read its header lines, but not {lost}"))
                .with_help("download the page again; stored copies of some pages lost their line breaks"),
        );
    }
    (Some(page), diags)
}

/// Skips the optional "Portal Navigation" blockquote: leading `>` lines and blank lines.
fn skip_preamble(text: &str) -> usize {
    let mut offset = 0;
    let mut in_quote = false;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if t.starts_with('>') {
            in_quote = true;
        } else if !(t.is_empty() && (in_quote || offset == 0)) {
            break;
        }
        offset += line.len();
    }
    if in_quote {
        offset
    } else {
        0
    }
}

fn detect_kind(o: &Outline) -> Option<PageKind> {
    let first = o.headings.first()?;
    let second = o.headings.get(1);
    let key = |h: &Heading, k: &str| h.value_of(k).is_some();
    if key(first, "Method name") {
        return Some(PageKind::VeloMethod);
    }
    if key(first, "Package") && o.headings.iter().any(|h| key(h, "Webhook link")) {
        return Some(PageKind::Webhook);
    }
    if first.level == 1 && key(first, "Resource") && second.is_some_and(|h| key(h, "Type")) {
        return Some(PageKind::Type);
    }
    if key(first, "Resource") && second.is_some_and(|h| key(h, "Article")) {
        return Some(PageKind::Article);
    }
    if !first.links.is_empty() && first.text.trim() == first.links[0].0.trim() {
        return Some(PageKind::Menu);
    }
    let is_name = !first.text.is_empty() && first.text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if is_name && second.is_some_and(|h| key(h, "Package")) {
        return Some(PageKind::Method);
    }
    None
}

struct PageReader<'a, 'p> {
    file: &'a SourceFile,
    o: &'p Outline,
    diags: &'p mut Vec<Diagnostic>,
}

impl<'a> PageReader<'a, '_> {
    fn read(&mut self, kind: PageKind) -> ParsedPage<'a> {
        let o = self.o;
        let first = &o.headings[0];
        let value = |key: &str| o.header(key).and_then(|h| h.value_of(key)).unwrap_or("").to_string();
        let link = |key: &str| o.header(key).and_then(|h| h.value_of(key)).map(str::to_string);
        let (title, link, body) = match kind {
            PageKind::Method => {
                let title = located(first.text.clone(), first.offset);
                self.require_header(&["Package", "Namespace"]);
                let body = PageBody::Method(MethodSyntax {
                    package: value("Package"),
                    namespace: value("Namespace"),
                    scopes: self.scopes(),
                    introduction: self.section_text("Introduction"),
                    schema: self.schema("Schema"),
                    sdk_schema: self.sdk_schema(),
                    errors: self.errors(),
                    examples: self.examples(ExampleKind::Response),
                });
                (title, link("Method link"), body)
            }
            PageKind::Type => {
                let h = o.header("Type").unwrap_or(first);
                let name = h.value_of("Type").unwrap_or("").trim_end_matches("Object").trim().to_string();
                let body = PageBody::Type(TypeSyntax {
                    resource: value("Resource"),
                    description: value("Description"),
                    schema: self.schema("Schema"),
                });
                (located(name, h.offset), link("Link"), body)
            }
            PageKind::Webhook => {
                let schema = self.schema("Schema");
                let name = schema
                    .as_ref()
                    .and_then(|s| s.block.items.iter().find_map(|i| match i {
                        crate::parse::schema::BlockItem::Header(h) if h.key.eq_ignore_ascii_case("Webhook") => Some(located(h.value.to_string(), h.value_offset)),
                        _ => None,
                    }))
                    .unwrap_or_else(|| located(String::new(), first.offset));
                let body = PageBody::Webhook(WebhookSyntax {
                    package: value("Package"),
                    namespace: value("Namespace"),
                    introduction: self.section_text("Introduction"),
                    schema,
                    examples: self.examples(ExampleKind::Event),
                });
                (name, link("Webhook link"), body)
            }
            PageKind::Article => {
                let h = o.header("Article").unwrap_or(first);
                let title = located(h.value_of("Article").unwrap_or("").to_string(), h.offset);
                (title, link("Article Link"), PageBody::Article(self.article(value("Resource"))))
            }
            PageKind::VeloMethod => {
                let sig = first.value_of("Method name").unwrap_or("");
                let (name, params) = parse_signature(sig);
                let body = PageBody::Velo(VeloSyntax {
                    params,
                    package: value("Method package"),
                    menu_location: value("Method menu location"),
                    description: self.velo_description(),
                    examples: self.velo_examples(),
                });
                (located(name, first.offset), link("Method Link"), body)
            }
            PageKind::Menu => {
                let (label, url) = first.links[0].clone();
                (located(label, first.offset), Some(url), PageBody::Menu(self.menu()))
            }
        };
        ParsedPage { kind, title, link, collapsed: o.collapsed, body }
    }

    fn require_header(&mut self, keys: &[&str]) {
        for key in keys {
            if self.o.header(key).is_none() {
                let h = &self.o.headings[0];
                self.diags.push(
                    Diagnostic::warning(self.file, h.offset, h.end, format!("page has no `# {key}:` heading"))
                        .with_help(format!("add `# {key}: ...` under the title")),
                );
            }
        }
    }

    /// Plain text of the section under heading `title`, up to the next heading or `---`.
    fn section_text(&self, title: &str) -> String {
        let Some(h) = self.o.heading(title) else { return String::new() };
        let mut end = self.o.section_end(h, self.file.text.len());
        if let Some(&rule) = self.o.rules.iter().find(|&&r| r > h.end && r < end) {
            end = rule;
        }
        self.file.text[h.end.min(end)..end].trim().to_string()
    }

    fn scopes(&mut self) -> Vec<Scope> {
        let Some(h) = self.o.headings.iter().find(|h| h.text.starts_with("Permission Scopes")) else { return Vec::new() };
        let end = self.o.section_end(h, self.file.text.len());
        let mut offset = h.end.min(end);
        let mut scopes = Vec::new();
        for line in self.file.text[offset..end].split_inclusive('\n') {
            if let Some((name, id)) = line.trim().rsplit_once(':') {
                let lead = line.len() - line.trim_start().len();
                scopes.push(Scope { name: name.trim().to_string(), id: id.trim().to_string(), source: self.file.source(offset + lead) });
            }
            offset += line.len();
        }
        scopes
            .into_iter()
            .filter(|s| !s.id.is_empty())
            .collect()
    }

    /// Where the page's `## JavaScript SDK` section starts, if it has one.
    fn sdk_start(&self) -> Option<usize> {
        self.o.heading("JavaScript SDK").map(|h| h.offset)
    }

    fn schema(&mut self, heading: &str) -> Option<SchemaSyntax<'a>> {
        let h = self.o.heading(heading)?;
        if self.sdk_start().is_some_and(|sdk| h.offset > sdk) {
            return None;
        }
        self.schema_after(h.offset)
    }

    /// The schema block under the first `### Schema` heading of the SDK section.
    fn sdk_schema(&mut self) -> Option<SchemaSyntax<'a>> {
        let sdk = self.sdk_start()?;
        let h = self.o.headings.iter().find(|h| h.offset > sdk && h.text.trim().trim_end_matches(':').eq_ignore_ascii_case("Schema"))?;
        self.schema_after(h.offset)
    }

    fn schema_after(&mut self, offset: usize) -> Option<SchemaSyntax<'a>> {
        let h = self.o.headings.iter().find(|h| h.offset == offset)?;
        let fence = self.o.fences.iter().find(|f| f.offset >= h.offset)?;
        let (block, diags) = parse_schema_block(self.file, fence.start, fence.end);
        self.diags.extend(diags);
        Some(SchemaSyntax { block, offset: fence.offset })
    }

    fn errors(&mut self) -> Vec<ErrorRow> {
        let Some(h) = self.o.heading("Errors") else { return Vec::new() };
        let end = self.o.section_end(h, self.file.text.len());
        let mut rows = Vec::new();
        for table in parse_tables(self.file, h.end.min(end), end) {
            let Some(code_col) = table.column("application code").or_else(|| table.column("code")) else {
                self.diags.push(Diagnostic::error(self.file, table.offset, table.offset, "errors table has no `Application Code` column"));
                continue;
            };
            let http_col = table.column("http");
            let desc_col = table.column("description");
            for row in &table.rows {
                let cell = |i: Option<usize>| i.and_then(|i| row.cells.get(i)).cloned().unwrap_or_default();
                let code = cell(Some(code_col));
                if code.is_empty() {
                    continue;
                }
                let status = cell(http_col);
                let http_status = status.split_whitespace().next().and_then(|s| s.parse().ok());
                if !status.is_empty() && http_status.is_none() {
                    self.diags.push(Diagnostic::error(self.file, row.offset, row.offset, format!("HTTP code `{status}` is not a number")));
                }
                rows.push(ErrorRow { code, http_status, description: cell(desc_col), offset: row.offset });
            }
        }
        rows
    }

    /// The JSON examples of the REST part of the page (the SDK section's examples are
    /// JavaScript, kept by nobody). Two forms:
    ///
    /// - real pages: `### Examples`, then one heading per example with a fence under it
    ///   (or the fence right under `### Examples`, titled so);
    ///   a `curl` fence's `-d '<json>'` is a request body; a `json` fence is a response
    ///   (`default`: [`ExampleKind::Event`] on webhook pages), unless its heading says
    ///   request, response or event;
    /// - the older convention: `#### Example request` / `response` / `event` headings.
    fn examples(&mut self, default: ExampleKind) -> Vec<ExampleSyntax<'a>> {
        let mut out = Vec::new();
        let limit = self.sdk_start().unwrap_or(usize::MAX);
        let examples_at = self.o.heading("Examples").map(|h| (h.offset, h.level)).filter(|(o, _)| *o < limit);
        for (i, h) in self.o.headings.iter().enumerate() {
            if h.offset >= limit {
                break;
            }
            let lower = h.text.to_ascii_lowercase();
            let worded = if lower.contains("request") {
                Some(ExampleKind::Request)
            } else if lower.contains("response") {
                Some(ExampleKind::Response)
            } else if lower.contains("event") || lower.contains("payload") {
                Some(ExampleKind::Event)
            } else {
                None
            };
            // Under `### Examples` (up to the next shallower heading) every heading is one.
            let listed = examples_at.is_some_and(|(at, level)| {
                h.offset > at && h.level >= level && !self.o.headings[..i].iter().any(|p| p.offset > at && p.level < level)
            });
            // A fence right under `### Examples`, before any example's own heading, is one
            // too (webhook pages show their one example so).
            let own = examples_at.is_some_and(|(at, _)| h.offset == at);
            if !(listed || own || (lower.contains("example") && worded.is_some())) {
                continue;
            }
            let end = self.o.section_end(h, self.file.text.len());
            let Some(f) = self.o.fence_in(h.end, end) else {
                if !(listed || own) {
                    self.diags.push(Diagnostic::warning(self.file, h.offset, h.end, "example heading with no fenced block under it"));
                }
                continue;
            };
            let code = &self.file.text[f.start..f.end];
            if f.lang.eq_ignore_ascii_case("curl") || code.trim_start().starts_with("curl ") {
                // A GET's curl carries its parameters in the URL's query string.
                let url = curl_url(code);
                match curl_body(code).or_else(|| curl_query(code)).or_else(|| url.as_ref().map(|_| ("{}".to_string(), 0))) {
                    Some((json, at)) => out.push(ExampleSyntax { kind: ExampleKind::Request, title: h.text.clone(), json: json.into(), offset: f.start + at, url }),
                    None => self.diags.push(
                        Diagnostic::warning(self.file, f.start, f.start, format!("curl example `{}` has no body and no `http(s)://` URL; it is left out", h.text))
                            .with_help("a request example is read from its `-d '<json>'` body, or from its URL's path and query string"),
                    ),
                }
                continue;
            }
            if !(f.lang.is_empty() || f.lang.eq_ignore_ascii_case("json")) {
                continue;
            }
            out.push(ExampleSyntax { kind: worded.unwrap_or(default), title: h.text.clone(), json: code.into(), offset: f.start, url: None });
        }
        out
    }

    fn article(&mut self, resource: String) -> ArticleSyntax {
        let text = &self.file.text;
        let content_start = self.o.heading("Article Content").map_or(0, |h| h.end);
        // Front matter (`---` / `title: ...` / `---`) right after the content heading is
        // metadata: pulldown-cmark would read it as a setext heading.
        let mut body_start = content_start;
        let rest = &text[content_start..];
        let lead = rest.len() - rest.trim_start().len();
        if rest.trim_start().starts_with("---") {
            let after = content_start + lead + 3;
            if let Some(close) = text[after..].find("\n---") {
                body_start = after + close + 4;
            }
        }
        let sections = self
            .o
            .headings
            .iter()
            .filter(|h| h.offset >= body_start)
            .map(|h| {
                let end = self.o.section_end(h, text.len());
                Section { title: h.text.clone(), text: collapse_ws(&without_link_definitions(&text[h.end.min(end)..end])), offset: h.offset }
            })
            .collect();
        ArticleSyntax { resource, tables: parse_tables(self.file, body_start, text.len()), sections }
    }

    fn velo_description(&self) -> String {
        let Some(h) = self.o.header("Method Description") else { return String::new() };
        let first = h.value_of("Method Description").unwrap_or("");
        let end = self.o.section_end(h, self.file.text.len());
        let rest = self.file.text[h.end.min(end)..end].trim();
        if rest.is_empty() {
            first.to_string()
        } else {
            format!("{first}\n\n{rest}")
        }
    }

    fn velo_examples(&self) -> Vec<CodeExample> {
        let Some(start) = self.o.heading("Method Code Examples").map(|h| h.end) else { return Vec::new() };
        self.o
            .headings
            .iter()
            .filter(|h| h.offset >= start)
            .filter_map(|h| {
                let end = self.o.section_end(h, self.file.text.len());
                let f = self.o.fence_in(h.end, end)?;
                Some(CodeExample {
                    title: h.text.clone(),
                    language: f.lang.clone(),
                    code: self.file.text[f.start..f.end].to_string(),
                    source: self.file.source(f.offset),
                })
            })
            .collect()
    }

    fn menu(&self) -> Vec<MenuEntry> {
        let mut entries = Vec::new();
        let mut headings = self.o.headings.iter().peekable();
        let mut depth = 0;
        let mut links = self.o.item_links.iter().peekable();
        // Merge headings and list links in page order; items sit under the last heading.
        loop {
            let next_heading = headings.peek().map(|h| h.offset);
            let next_link = links.peek().map(|l| l.offset);
            match (next_heading, next_link) {
                (Some(h), l) if l.is_none_or(|l| h < l) => {
                    let h = headings.next().expect("peeked");
                    depth = u32::from(h.level);
                    if let Some((label, url)) = h.links.first() {
                        entries.push(MenuEntry { label: label.clone(), url: url.clone(), depth, source: self.file.source(h.offset) });
                    }
                }
                (_, Some(_)) => {
                    let l = links.next().expect("peeked");
                    entries.push(MenuEntry { label: l.label.clone(), url: l.url.clone(), depth: depth + 1, source: self.file.source(l.offset) });
                }
                _ => break,
            }
        }
        entries
    }
}

fn located(value: String, offset: usize) -> Located<String> {
    Located { value, offset }
}

/// `name(a: A, b: B)` into its name and `(param, type)` pairs.
fn parse_signature(sig: &str) -> (String, Vec<(String, String)>) {
    let (name, rest) = sig.split_once('(').unwrap_or((sig, ""));
    let args = rest.rsplit_once(')').map_or(rest, |(a, _)| a);
    let params = args
        .split(',')
        .filter(|a| !a.trim().is_empty())
        .map(|a| match a.split_once(':') {
            Some((n, t)) => (n.trim().to_string(), t.trim().to_string()),
            None => (a.trim().to_string(), String::new()),
        })
        .collect();
    (name.trim().to_string(), params)
}

/// Drops reference-style link definitions (`[id]: https://...`): targets, not prose.
fn without_link_definitions(s: &str) -> String {
    s.lines()
        .filter(|l| {
            let t = l.trim_start();
            !(t.starts_with('[') && t.split_once("]:").is_some_and(|(label, _)| !label.contains(']')))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn shorten(s: &str) -> String {
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(60).collect::<String>())
    } else {
        s.to_string()
    }
}
