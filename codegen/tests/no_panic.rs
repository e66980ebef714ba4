//! Whatever the input, reading pages never panics: arbitrary text, and real pages cut,
//! spliced and mutated. (The fuzz targets in `codegen/fuzz` run the same properties
//! unbounded; these bounded cases let CI guard them without a fuzzer.)

use proptest::prelude::*;
use wixgen::diag::SourceFile;

const METHOD_PAGE: &str = include_str!("fixtures/quirks/method.md");

fn read(text: &str) -> usize {
    let loaded = wixgen::read_sources(vec![SourceFile::new("p.md", text)]);
    // Rendering walks every diagnostic's location, so it is part of the property.
    let _ = loaded.render_diagnostics();
    loaded.diagnostics.len()
}

/// Characters that matter to the grammar, so mutations hit the parser's decisions.
fn grammar_char() -> impl Strategy<Value = char> {
    prop_oneof![
        Just('|'), Just(':'), Just('-'), Just(' '), Just('\n'), Just('#'), Just('`'), Just('<'), Just('>'),
        Just('{'), Just('}'), Just('\t'), Just('é'), Just('\u{0}'), any::<char>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        read(&text);
    }

    #[test]
    fn grammar_soup_never_panics(chars in proptest::collection::vec(grammar_char(), 0..600)) {
        read(&chars.into_iter().collect::<String>());
    }

    #[test]
    fn truncated_pages_never_panic(cut in 0usize..METHOD_PAGE.len()) {
        let mut cut = cut;
        while !METHOD_PAGE.is_char_boundary(cut) { cut -= 1; }
        read(&METHOD_PAGE[..cut]);
    }

    #[test]
    fn mutated_pages_never_panic(edits in proptest::collection::vec((0usize..METHOD_PAGE.len(), grammar_char(), 0usize..4), 1..8)) {
        let mut page: Vec<char> = METHOD_PAGE.chars().collect();
        for (at, c, how) in edits {
            let at = at % page.len().max(1);
            match how {
                0 => page.insert(at, c),
                1 if !page.is_empty() => { page.remove(at.min(page.len() - 1)); }
                2 if !page.is_empty() => { let i = at.min(page.len() - 1); page[i] = c; }
                _ => { let tail: Vec<char> = page[at..].iter().copied().take(40).collect(); page.splice(at..at, tail); }
            }
        }
        read(&page.into_iter().collect::<String>());
    }

    #[test]
    fn collapsed_pages_never_panic(cut in 0usize..METHOD_PAGE.len()) {
        let collapsed = METHOD_PAGE.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut cut = cut.min(collapsed.len());
        while !collapsed.is_char_boundary(cut) { cut -= 1; }
        read(&collapsed[..cut]);
    }
}
