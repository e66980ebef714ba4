//! Any text as one page: parsing never panics and never hangs.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wixgen::diag::SourceFile;
use wixgen::parse::page::parse_page;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let file = SourceFile::new("fuzz.md", text.into_owned());
    let (_page, diags) = parse_page(&file);
    // Every diagnostic must point inside the file.
    for d in &diags {
        let _ = file.line_col(d.span.as_ref().map_or(0, |s| s.start));
    }
});
