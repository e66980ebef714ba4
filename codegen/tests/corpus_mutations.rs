//! Wix's pages, damaged: every page of `../shared/wix-corpus/` (rendered from Wix's own
//! definitions) cut short, with a line lost, doubled, swapped, re-indented or tab-indented,
//! a type or an example broken. Whatever comes of it, reading never panics, the
//! diagnostics render, and a page still read without errors still emits. Real pages vary
//! in just these ways between renditions; the fuzz targets (codegen/fuzz) try arbitrary
//! bytes, this tries the shapes Wix publishes. Skips, saying so, without `../shared`.

mod common {
    pub mod shared;
}

use common::shared::corpus_apis;
use wixgen::diag::SourceFile;
use wixgen::{read_sources, Settings};

/// A small deterministic generator (xorshift): the same damage on every run.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

/// One way of damaging a page: its lines, and a die.
type Damage = fn(&mut Vec<String>, &mut Dice);

/// The ways a page is damaged.
const DAMAGE: &[(&str, Damage)] = &[
    ("cut short", |lines, d| {
        let at = d.below(lines.len());
        lines.truncate(at);
    }),
    ("a line lost", |lines, d| {
        let at = d.below(lines.len());
        lines.remove(at);
    }),
    ("a line doubled", |lines, d| {
        let at = d.below(lines.len());
        let line = lines[at].clone();
        lines.insert(at, line);
    }),
    ("two lines swapped", |lines, d| {
        let at = d.below(lines.len() - 1);
        lines.swap(at, at + 1);
    }),
    ("a schema line re-indented", |lines, d| {
        let schema: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].trim_start().starts_with("- ")).collect();
        if let Some(&at) = schema.get(d.below(schema.len())) {
            let shift = d.below(7);
            let line = lines[at].trim_start().to_string();
            let indent = (lines[at].len() - line.len() + shift).saturating_sub(3);
            lines[at] = format!("{}{line}", " ".repeat(indent));
        }
    }),
    ("a tab in the indentation", |lines, d| {
        let at = d.below(lines.len());
        let line = lines[at].trim_start().to_string();
        lines[at] = format!("\t{line}");
    }),
    ("a type broken", |lines, d| {
        let typed: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].contains("| type: ")).collect();
        if let Some(&at) = typed.get(d.below(typed.len())) {
            let broken = ["| type: array<", "| type: ", "| type: >", "| type: Array<Array<"][d.below(4)];
            lines[at] = lines[at].replacen("| type: ", broken, 1);
        }
    }),
    ("an example broken", |lines, d| {
        let braces: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].trim() == "}" || lines[i].trim_end().ends_with('{')).collect();
        if let Some(&at) = braces.get(d.below(braces.len())) {
            lines.remove(at);
        }
    }),
];

#[test]
fn damaged_corpus_pages_never_panic() {
    let Some(apis) = corpus_apis() else { return };
    let mut dice = Dice(0x5eed_2026_1207);
    let (mut pages, mut reads, mut emitted, mut refused) = (0, 0, 0, 0);
    for api in apis {
        let mut files: Vec<_> = std::fs::read_dir(&api).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "md")).collect();
        files.sort();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            pages += 1;
            for (what, damage) in DAMAGE {
                let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
                if lines.len() < 2 {
                    continue;
                }
                damage(&mut lines, &mut dice);
                let damaged = lines.join("\n");
                let name = file.file_name().unwrap().to_string_lossy().into_owned();
                let outcome = std::panic::catch_unwind(|| {
                    let loaded = read_sources(vec![SourceFile::new(name.as_str(), damaged.as_str())]);
                    let _ = loaded.render_diagnostics();
                    // Emitting costs more than reading: the small pages only.
                    let emit = !loaded.has_errors() && damaged.len() < 20_000;
                    if emit {
                        let _ = wixgen::emit::emit(&loaded.api, &Settings::default());
                    }
                    (emit, loaded.has_errors())
                });
                match outcome {
                    Ok((emit, errors)) => {
                        emitted += usize::from(emit);
                        refused += usize::from(errors);
                    }
                    Err(_) => panic!("{} with {what} panicked", file.display()),
                }
                reads += 1;
            }
        }
    }
    eprintln!("{pages} corpus pages, {reads} damaged readings: {refused} with errors, {emitted} emitted");
    assert!(pages >= 300 && reads >= 8 * 290, "{pages} pages, {reads} readings");
    // The damage reaches the reader's decisions: some of it is beyond reading.
    assert!(refused > reads / 20, "only {refused} of {reads} damaged readings had errors");
}
