//! Any text as a set of pages (split at NUL bytes): reading, merging, validating and
//! rendering diagnostics never panic; pages without errors go through the emitter too.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wixgen::diag::SourceFile;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let files: Vec<SourceFile> = text
        .split('\0')
        .take(8)
        .enumerate()
        .map(|(i, page)| SourceFile::new(format!("p{i}.md"), page))
        .collect();
    let loaded = wixgen::read_sources(files);
    let _ = loaded.render_diagnostics();
    if !loaded.has_errors() {
        let _ = wixgen::emit::emit(&loaded.api, &wixgen::Settings::default());
    }
});
