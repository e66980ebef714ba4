//! Any text as the body of a schema block: the line parser never panics or hangs, and every
//! entry and header it returns lies inside the block.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wixgen::diag::SourceFile;
use wixgen::parse::schema::{parse_schema_block, BlockItem, Entry};

fn check(entry: &Entry, len: usize) {
    assert!(entry.offset <= len, "entry offset {} past the end {len}", entry.offset);
    for c in &entry.children {
        check(c, len);
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    // A few bytes of page before the block, so offsets are file offsets, not block offsets.
    let file = SourceFile::new("fuzz.md", format!("### Schema\n```\n{text}```\n"));
    let start = "### Schema\n```\n".len();
    let end = start + text.len();
    let (block, _diags) = parse_schema_block(&file, start, end);
    for item in &block.items {
        match item {
            BlockItem::Header(h) => assert!(h.offset <= end && h.value_offset <= end),
            BlockItem::Entry(e) => check(e, end),
            BlockItem::Error(e) => assert!(e.offset <= end),
        }
    }
});
