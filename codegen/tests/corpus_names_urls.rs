//! Every API of `../shared/wix-corpus/` (pages rendered from Wix's own definitions):
//! no URL variable is left unread (field paths, wildcards), no method or webhook is lost
//! to another of its name, and no one-of member stops the emitter. The other forms of the
//! corpus are not asserted here. Skips, saying so, where the corpus is not there.

mod common {
    pub mod shared;
}

use common::shared::corpus_apis;

use wixgen::ir::PageKind;
use wixgen::Settings;

#[test]
fn every_url_variable_and_every_method_of_the_corpus_is_read_and_emitted() {
    let Some(folders) = corpus_apis() else { return };
    let (mut field_paths, mut wildcards, mut numbered, mut qualified) = (0, 0, 0, 0);
    let mut failures = Vec::new();
    for folder in &folders {
        let loaded = wixgen::read_specs(folder).unwrap();
        let name = folder.file_name().unwrap().to_string_lossy().to_string();
        for d in &loaded.diagnostics {
            let text = d.to_string();
            if text.contains("names no parameter") || text.contains("is defined twice") {
                failures.push(format!("{name}: {text}"));
            }
        }
        // Every method page that is read is a method of the IR.
        let pages = loaded.api.pages.iter().filter(|p| p.kind == PageKind::Method).count();
        if loaded.api.methods.len() != pages {
            failures.push(format!("{name}: {pages} method pages, {} methods", loaded.api.methods.len()));
        }
        for (key, m) in &loaded.api.methods {
            field_paths += m.path_vars.iter().filter(|v| v.field.len() > 1).count();
            wildcards += m.path_vars.iter().filter(|v| v.wildcard).count();
            numbered += usize::from(!key.ends_with(m.name.as_str()));
            qualified += usize::from(key.contains('.'));
        }
        // The emitter runs on whatever was read (other forms may still be errors).
        if let Err(diags) = wixgen::emit::emit(&loaded.api, &Settings::new()) {
            for d in diags.iter().filter(|d| d.message.contains("one-of member")) {
                failures.push(format!("{name}: {d}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    println!("{field_paths} field-path variables, {wildcards} wildcards, {numbered} numbered and {qualified} qualified methods");
    // What the corpus holds of each form, so that the loop above saw them.
    assert!(field_paths >= 15, "{field_paths} field-path variables");
    assert!(wildcards >= 3, "{wildcards} wildcards");
    assert!(numbered >= 10, "{numbered} methods numbered within a namespace");
    assert!(qualified >= 20, "{qualified} methods qualified by namespace");
}
