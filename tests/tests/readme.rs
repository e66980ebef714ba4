//! The README: it opens with what wixgen is, the two commands and how to use the
//! bindings; its first Rust example is the crate front page's quick start (a doc test,
//! so the README's code compiles too), it points at the examples, and it says what the
//! test suite costs next to the test command.

use std::path::Path;

fn read(path: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The lines of the first fenced block opening with `fence` after the line `heading`.
fn block_after<'a>(lines: &[&'a str], heading: &str, fence: &str) -> Vec<&'a str> {
    let start = lines
        .iter()
        .position(|l| l.trim_end() == heading)
        .unwrap_or_else(|| panic!("no `{heading}`"));
    let open = start
        + lines[start..]
            .iter()
            .position(|l| l.trim_end() == fence)
            .unwrap_or_else(|| panic!("no {fence} block after `{heading}`"));
    let len = lines[open + 1..]
        .iter()
        .position(|l| l.trim_end() == "```")
        .expect("a closed block");
    lines[open + 1..open + 1 + len].to_vec()
}

#[test]
fn the_readme_shows_the_front_pages_quick_start() {
    let lib = read("generated/inbox/src/lib.rs");
    let docs: Vec<&str> = lib
        .lines()
        .filter_map(|l| l.strip_prefix("//!"))
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect();
    // What rustdoc shows of the doc test: its lines without the hidden `# ` ones.
    let quick_start: Vec<&str> = block_after(&docs, "# Quick start", "```no_run")
        .into_iter()
        .filter(|l| !(l.starts_with("# ") || *l == "#"))
        .collect();
    assert!(
        quick_start.iter().any(|l| l.contains("Message::text(")),
        "{quick_start:#?}"
    );

    let readme = read("README.md");
    let lines: Vec<&str> = readme.lines().collect();
    let shown = block_after(&lines, "## Using the bindings", "```rust,no_run");
    assert_eq!(
        shown, quick_start,
        "the README's first example under `## Using the bindings` is not the quick start of \
         generated/inbox/src/lib.rs"
    );
    for example in ["send_text", "list_messages", "webhook_server", "types_only"] {
        assert!(
            readme.contains(&format!("--bin {example}")),
            "the README does not show how to run the `{example}` example"
        );
        let file = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../examples")
            .join(format!("{example}.rs"));
        assert!(file.is_file(), "{} is missing", file.display());
    }
}

/// A newcomer reads what wixgen is, then the two commands (regenerate, test), then how
/// to use the bindings: the suite's cost and the project's layout come later.
#[test]
fn the_readme_opens_with_what_wixgen_is_the_two_commands_and_the_quick_start() {
    let readme = read("README.md");
    let lines: Vec<&str> = readme.lines().collect();
    assert_eq!(lines[0], "# wixgen");
    let fence = lines.iter().position(|l| l.starts_with("```")).expect("a code block");
    assert_eq!(lines[fence], "```sh", "the first block is not the commands");
    let intro = lines[1..fence].join("\n");
    assert!(intro.contains("generates typed Rust bindings"), "the first prose does not say what wixgen is:\n{intro}");
    assert!(!intro.contains("test"), "the first prose is about the tests:\n{intro}");
    assert!(lines[fence + 1].starts_with("cargo run -p wixgen "), "{}", lines[fence + 1]);
    assert!(lines[fence + 2].starts_with("cargo test --workspace "), "{}", lines[fence + 2]);
    assert_eq!(lines[fence + 3], "```");
    let first_section = lines.iter().find(|l| l.starts_with("## ")).expect("a section");
    assert_eq!(*first_section, "## Using the bindings");
}

#[test]
fn the_readme_says_what_the_test_suite_costs_next_to_the_test_command() {
    let readme = read("README.md");
    let lines: Vec<&str> = readme.lines().collect();
    let command = lines
        .iter()
        .position(|l| l.starts_with("cargo test --workspace"))
        .expect("the test command");
    let near = lines[command..(command + 8).min(lines.len())].join("\n");
    for needle in ["minutes", "GB", "target/", "2-core"] {
        assert!(
            near.contains(needle),
            "no `{needle}` within 8 lines of the test command:\n{near}"
        );
    }
}

/// The README's Rust blocks are the doc tests of `tests/src/lib.rs` (`cargo test
/// --doc -p wixgen-tests`): none may opt out with `ignore`, and every other block names
/// its language, since rustdoc compiles a bare one as Rust.
#[test]
fn every_rust_block_of_the_readme_is_compiled() {
    let lib = read("tests/src/lib.rs");
    assert!(
        lib.contains("#[doc = include_str!(\"../../README.md\")]"),
        "tests/src/lib.rs no longer doc-tests the README"
    );
    let readme = read("README.md");
    let mut inside = false;
    let mut rust_blocks = 0;
    for (n, line) in readme.lines().enumerate() {
        let Some(info) = line.trim_start().strip_prefix("```") else {
            continue;
        };
        if inside {
            inside = false;
            continue;
        }
        inside = true;
        let info = info.trim();
        assert!(!info.is_empty(), "README.md:{}: a block without a language", n + 1);
        if info.starts_with("rust") {
            rust_blocks += 1;
            assert!(
                !info.contains("ignore"),
                "README.md:{}: `{info}` is not compiled",
                n + 1
            );
        }
    }
    assert!(rust_blocks >= 4, "{rust_blocks} Rust blocks");
}
