//! A type expanded word for word on many pages is kept once while the pages are read
//! (`lower/fold.rs`), yet every expansion still speaks for itself: it votes, and what is
//! said about it points at its own page, line and column.

use wixgen::diag::SourceFile;

/// A method page whose request expands `Bed`; `intro` sets how far down the page the
/// expansion starts, `height` the type it gives `height`.
fn page(n: usize, intro: &str, height: &str) -> SourceFile {
    let text = format!(
        "# PlantBed{n}\n\n# Package: greenhouse\n\n# Namespace: BedsService\n\n## Introduction\n\n{intro}\n\n---\n\n## REST API\n\n### Schema\n\n```\n Method: plantBed{n}\n Description: Plants a bed.\n URL: https://www.wixapis.com/greenhouse/v1/beds/plant{n}\n Method: POST\n Method parameters: \n   param name: bed | type: Bed | description: The bed.\n     - name: name | type: string | description: Name of the bed.\n     - name: height | type: {height} | description: Height of the bed.\n Return type: PlantBed{n}Response\n  - name: planted | type: boolean | description: Whether it was planted.\n\n\n```\n"
    );
    SourceFile::new(format!("plant-bed-{n}.md"), text)
}

/// Where `height`'s type is written on a page: 1-based line and column.
fn height_type_at(file: &SourceFile) -> (u32, u32) {
    let at = file.text.find("name: height | type: ").expect("a height line") + "name: height | type: ".len();
    file.line_col(at)
}

#[test]
fn each_repeat_of_an_outvoted_expansion_is_reported_at_its_own_place() {
    // Three pages say `number`; two say `string`, in the same words but at different
    // places (introductions of different lengths), so that the second is a repeat of the
    // first read elsewhere, lines further down.
    let files = vec![
        page(1, "Plants one bed.", "number"),
        page(2, "Plants a second bed.", "number"),
        page(3, "Plants a bed.", "number"),
        page(4, "Plants a bed in the shade.", "string"),
        page(5, "Plants a bed in the shade.\n\nFar down the garden, where the path ends.", "string"),
    ];
    let expected: Vec<(String, (u32, u32))> = files[3..].iter().map(|f| (f.name.clone(), height_type_at(f))).collect();
    assert_ne!(expected[0].1, expected[1].1, "the two repeats must stand at different places for this test to say anything");
    let loaded = wixgen::read_sources(files);
    assert!(!loaded.has_errors(), "{}", loaded.render_diagnostics());
    let found: Vec<(String, (u32, u32))> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("field `height` of `Bed` is `string` here and `number` elsewhere"))
        .map(|d| (d.source.file.to_string(), (d.source.line, d.source.column)))
        .collect();
    assert_eq!(found, expected, "{}", loaded.render_diagnostics());
}

#[test]
fn repeats_count_as_votes() {
    // Two identical expansions say `string`, one says `number`: the repeat's vote counts,
    // and `string` is kept.
    let files = vec![page(1, "Plants a bed.", "string"), page(2, "Plants a second bed.", "string"), page(3, "Plants one.", "number")];
    let loaded = wixgen::read_sources(files);
    assert!(!loaded.has_errors(), "{}", loaded.render_diagnostics());
    let wixgen::ir::TypeKind::Struct { fields, .. } = &loaded.api.types[&wixgen::ir::TypeId::new("Bed")].kind else {
        panic!("Bed is a struct")
    };
    let height = fields.iter().find(|f| f.name == "height").expect("a height field");
    assert_eq!(height.ty.as_str(), "string");
    let outvoted: Vec<_> = loaded.diagnostics.iter().filter(|d| d.message.contains("is `number` here and `string` elsewhere")).collect();
    assert_eq!(outvoted.len(), 1, "{}", loaded.render_diagnostics());
    assert_eq!(&*outvoted[0].source.file, "plant-bed-3.md");
}
