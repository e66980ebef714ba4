//! The fuzz targets' properties (codegen/fuzz), as bounded cases that CI runs without a
//! fuzzer: the schema-block parser, the page parser and the whole pipeline (reading,
//! merging, validating, rendering diagnostics, emitting) never panic, whatever the input;
//! synthetic corpora always read cleanly; and pages of 10 MB, realistic or pathological,
//! complete. No test here measures time: how the cost grows with the input is measured by
//! the benchmark (`cargo bench -p wixgen --bench pipeline`), not asserted.
//!
//! (`no_panic.rs` covers arbitrary text and mutations of one fixture page through
//! `read_sources`; this file adds the schema-line grammar, synthetic pages, several pages
//! at once, the emitter, and size.)

use proptest::prelude::*;
use wixgen::diag::SourceFile;
use wixgen::parse::schema::{parse_schema_block, BlockItem, Entry};
use wixgen::synth::Stress;
use wixgen::{read_sources, synth, Settings};

/// Reads the pages, renders the diagnostics, and emits when there is no error.
fn pipeline(files: Vec<SourceFile>) -> usize {
    let loaded = read_sources(files);
    let _ = loaded.render_diagnostics();
    if !loaded.has_errors() {
        let _ = wixgen::emit::emit(&loaded.api, &Settings::default());
    }
    loaded.diagnostics.len()
}

/// Parses `text` as the body of a schema block inside a page, checking that everything the
/// parser returns lies inside the block.
fn schema(text: &str) -> usize {
    let prefix = "### Schema\n```\n";
    let file = SourceFile::new("s.md", format!("{prefix}{text}```\n"));
    let (start, end) = (prefix.len(), prefix.len() + text.len());
    let (block, diags) = parse_schema_block(&file, start, end);
    fn check(e: &Entry, start: usize, end: usize) {
        assert!((start..=end).contains(&e.offset), "entry at {} outside {start}..{end}", e.offset);
        e.children.iter().for_each(|c| check(c, start, end));
    }
    for item in &block.items {
        match item {
            BlockItem::Header(h) => assert!((start..=end).contains(&h.offset) && h.value_offset <= end),
            BlockItem::Entry(e) => check(e, start, end),
            BlockItem::Error(e) => assert!((start..=end).contains(&e.offset)),
        }
    }
    for d in &diags {
        let _ = d.to_string();
    }
    block.items.len()
}

// ---------------------------------------------------------------------------------------
// A grammar of schema lines, so that cases hit the parser's decisions rather than its
// "unknown line" path.

fn type_expr() -> impl Strategy<Value = String> {
    let base = prop_oneof![
        Just("string".to_string()),
        Just("number".to_string()),
        Just("boolean".to_string()),
        Just("object".to_string()),
        Just("none".to_string()),
        Just("string (date-time)".to_string()),
        Just("string (date)".to_string()),
        Just("Array".to_string()),
        Just("Message".to_string()),
        Just("".to_string()),
        "[A-Za-z_.<> ()]{0,12}",
    ];
    (base, 0usize..40, 0usize..40).prop_map(|(b, open, close)| format!("{}{b}{}", "Array<".repeat(open), ">".repeat(close)))
}

fn segment() -> impl Strategy<Value = String> {
    prop_oneof![
        type_expr().prop_map(|t| format!("type: {t}")),
        "[ -~]{0,30}".prop_map(|d| format!("description: {d}")),
        Just("required: true".to_string()),
        Just("required: false".to_string()),
        Just("read-only: true".to_string()),
        Just("deprecated: true".to_string()),
        "[A-Za-z ]{0,20}".prop_map(|n| format!("deprecated: {n}")),
        prop::sample::select(vec![
            "minLength 1", "maxLength 100", "minSize 0", "maxSize 10", "minimum -1.5", "maximum 1e400", "format GUID",
            "format int64", "format", "immutable", "maxLength x", "minLength", "pattern ^a|b$",
        ])
        .prop_map(|r| format!("validation: {r}")),
        "[a-zA-Z-]{1,10}: [ -~]{0,10}",
        "`[ -~|]{0,10}`",
        "[ -~]{0,20}",
    ]
}

fn schema_line() -> impl Strategy<Value = String> {
    let indent = prop_oneof![Just(String::new()), " {1,24}", "[ \t]{1,8}"];
    let head = prop_oneof![
        "[a-zA-Z_]{1,12}".prop_map(|n| format!("- name: {n}")),
        "[a-zA-Z_]{1,12}".prop_map(|n| format!("param name: {n}")),
        Just("- name:".to_string()),
        Just("- ONE-OF:".to_string()),
        Just("- ENUM:".to_string()),
        "[A-Z_]{1,12}".prop_map(|v| format!("- {v}: a value")),
        prop::sample::select(vec![
            "Method: sendMessage", "Method: GET", "Method: FETCH", "URL: https://www.wixapis.com/x/{id}/{", "Return type: X",
            "Required parameters: a, a.b, , c.", "Method parameters:", "Event body:", "Type: X Object | type: X",
            "Webhook: X", "Event type: wix.x", "Description: text", "# Note: a note", "-", "|", "",
        ])
        .prop_map(str::to_string),
    ];
    (indent, head, prop::collection::vec(segment(), 0..5))
        .prop_map(|(indent, head, segments)| {
            let mut line = indent + &head;
            for s in segments {
                line.push_str(" | ");
                line.push_str(&s);
            }
            line
        })
}

fn schema_text() -> impl Strategy<Value = String> {
    prop::collection::vec(schema_line(), 0..40).prop_map(|lines| lines.join("\n") + "\n")
}

/// A method page around a schema block.
fn method_page(block: &str) -> String {
    format!(
        "# GetThing\n# Package: things\n# Namespace: ThingsService\n# Method link: https://x/get-thing.md\n## Introduction\nGets a thing.\n---\n## REST API\n### Schema\n```\n{block}```\n"
    )
}

fn synthetic() -> &'static [SourceFile] {
    static PAGES: std::sync::OnceLock<Vec<SourceFile>> = std::sync::OnceLock::new();
    PAGES.get_or_init(|| synth::corpus(40))
}

fn mutate(text: &str, edits: &[(usize, char, u8)]) -> String {
    let mut page: Vec<char> = text.chars().collect();
    for &(at, c, how) in edits {
        let at = at % page.len().max(1);
        match how % 5 {
            0 => page.insert(at, c),
            1 if !page.is_empty() => {
                page.remove(at.min(page.len() - 1));
            }
            2 if !page.is_empty() => {
                let i = at.min(page.len() - 1);
                page[i] = c;
            }
            3 => {
                // Duplicate a stretch (repeats lines, nests deeper).
                let tail: Vec<char> = page[at..].iter().copied().take(120).collect();
                page.splice(at..at, tail);
            }
            _ => {
                // Cut a stretch out.
                let end = (at + 80).min(page.len());
                page.drain(at..end);
            }
        }
    }
    page.into_iter().collect()
}

fn grammar_char() -> impl Strategy<Value = char> {
    prop_oneof![
        Just('|'), Just(':'), Just('-'), Just(' '), Just('\n'), Just('#'), Just('`'), Just('<'), Just('>'), Just('{'),
        Just('}'), Just('\t'), Just('\r'), Just('é'), Just('\u{0}'), any::<char>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    #[test]
    fn schema_lines_never_panic(text in schema_text()) {
        schema(&text);
    }

    #[test]
    fn schema_lines_in_a_page_never_panic_through_the_pipeline(text in schema_text()) {
        pipeline(vec![SourceFile::new("m.md", method_page(&text))]);
    }

    #[test]
    fn arbitrary_text_as_a_schema_block_never_panics(text in "\\PC{0,600}") {
        schema(&text);
    }

    #[test]
    fn mutated_synthetic_pages_never_panic(
        which in 0usize..40,
        edits in prop::collection::vec((any::<usize>(), grammar_char(), any::<u8>()), 1..10),
    ) {
        let page = &synthetic()[which];
        pipeline(vec![SourceFile::new(page.name.clone(), mutate(&page.text, &edits))]);
    }

    #[test]
    fn several_pages_with_one_mutated_never_panic(
        first in 0usize..40,
        count in 2usize..6,
        edits in prop::collection::vec((any::<usize>(), grammar_char(), any::<u8>()), 0..6),
    ) {
        let pages = synthetic();
        let mut files: Vec<SourceFile> = (0..count).map(|i| pages[(first + i * 7) % pages.len()].clone()).collect();
        let victim = first % count;
        files[victim] = SourceFile::new(files[victim].name.clone(), mutate(&files[victim].text, &edits));
        pipeline(files);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, .. ProptestConfig::default() })]

    /// The generator the benchmarks rely on: any seed gives pages that read without errors
    /// and go through the emitter.
    #[test]
    fn synthetic_corpora_read_cleanly_and_emit(seed in any::<u64>(), pages in 1usize..40) {
        let loaded = read_sources(synth::corpus_seeded(pages, seed));
        prop_assert!(!loaded.has_errors(), "{}", loaded.render_diagnostics());
        let out = wixgen::emit::emit(&loaded.api, &Settings::default());
        prop_assert!(out.is_ok(), "{:?}", out.err());
    }
}

// ---------------------------------------------------------------------------------------
// Crashes found, with their inputs.

#[test]
fn a_long_tab_indented_line_with_a_diagnostic_renders() {
    // Found by `schema_lines_in_a_page_never_panic_through_the_pipeline`: rendering the
    // "no `Method: <VERB>` line after `URL:`" error under a line indented by tabs and
    // longer than the terminal width overflowed in annotate-snippets' margin arithmetic.
    let block = "\t\t\t\t\tURL: https://www.wixapis.com/x/{id}/{ | type: Array<Array<Array<Array<Array<Array<Array<Array<Array<Array<Array<Array<string>>>>>>>\n";
    let loaded = read_sources(vec![SourceFile::new("m.md", method_page(block))]);
    assert!(loaded.has_errors());
    let rendered = loaded.render_diagnostics();
    assert!(rendered.contains("no `Method: <VERB>` line after `URL:`") && rendered.contains("URL: https://www.wixapis.com/x/{id}/{"), "{rendered}");
}

// ---------------------------------------------------------------------------------------
// Pages of 10 MB (`synth::stress_page`). Each must simply finish (a hang shows as a test
// that never ends). How their cost grows from 1 MB to 10 MB is measured by the bench
// (`WIXGEN_BENCH_STRESS_ONLY=1 cargo bench -p wixgen --bench pipeline`).

const TEN_MB: usize = 10 * 1024 * 1024;

/// A 10 MB page of shape `kind`, read, validated and its diagnostics rendered; and the same
/// shape at 1 MB through the emitter as well. (Emitting 10 MB pages is left to the bench:
/// in a debug build it takes minutes, and the emitter's cost per page is measured there.)
fn big(kind: Stress) -> usize {
    let small = synth::stress_page(kind, TEN_MB / 10);
    pipeline(vec![SourceFile::new("big.md", small)]);
    let text = synth::stress_page(kind, TEN_MB);
    assert!(text.len() >= TEN_MB);
    let loaded = read_sources(vec![SourceFile::new("big.md", text)]);
    let _ = loaded.render_diagnostics();
    loaded.diagnostics.len()
}

#[test]
fn a_10mb_method_page_of_fields_completes_without_errors() {
    assert_eq!(big(Stress::Fields), 0);
}

#[test]
fn a_10mb_page_of_nested_one_of_groups_completes() {
    big(Stress::OneOfs);
}

#[test]
fn a_10mb_line_completes() {
    big(Stress::OneLine);
}

#[test]
fn a_10mb_staircase_of_indentation_completes() {
    big(Stress::Staircase);
}

#[test]
fn a_10mb_page_of_headings_tables_and_fences_completes() {
    // Regression: finding each section's end and fence scanned every heading and fence
    // from the top, so this page took quadratic time (100x for 10x the bytes).
    big(Stress::Headings);
}

#[test]
fn a_10mb_unclosed_fence_of_backticks_and_pipes_completes() {
    big(Stress::Backticks);
}

#[test]
fn a_10mb_page_of_glued_synthetic_pages_completes() {
    big(Stress::Glued);
}

#[test]
fn a_10mb_collapsed_page_of_headings_and_fences_completes() {
    // Regression: the collapsed-page outline looked up the fence around every byte in the
    // list of all fences.
    big(Stress::CollapsedFences);
}

#[test]
fn every_stress_shape_has_a_test() {
    assert_eq!(Stress::ALL.len(), 8, "add a 10 MB test for the new shape");
}

#[test]
fn fuzz_pipeline_crash_render_margin() {
    // Found by the `pipeline` fuzz target (minimised): an indented line whose text is mostly
    // U+FFFD (invalid UTF-8 read lossily) and backticks; rendering its diagnostic underflowed
    // in annotate-snippets' margin arithmetic.
    let bytes = include_bytes!("regressions/fuzz-pipeline-render-margin.bin");
    let text = String::from_utf8_lossy(bytes).into_owned();
    let loaded = read_sources(vec![SourceFile::new("p0.md", text)]);
    let rendered = loaded.render_diagnostics();
    assert!(rendered.contains("cannot tell what kind of page this is"), "{rendered}");
}
