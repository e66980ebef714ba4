//! Pages are lowered one at a time, before the pages after them are read; placement must
//! still weigh what every page says. A slip on the first page that only a later page's
//! expansion can undo is undone, as if that page had been read first.

use wixgen::diag::SourceFile;
use wixgen::ir::TypeKind;
use wixgen::read_sources;

/// A request tree whose `label` slipped into `Slot`, with nothing on its own page to say so.
const SOW: &str = "# SowTray

# Package: greenhouse

# Namespace: TraysService

## REST API

### Schema

```
 Method: sowTray
 Description: Sows a tray.
 URL: https://www.wixapis.com/greenhouse/v1/trays/sow
 Method: POST
 Method parameters: 
   param name: tray | type: Tray | description: The tray. 
     - name: slots | type: array<Slot> | description: Cells to sow. 
        - name: row | type: integer | description: Row of the cell. 
        - name: label | type: string | description: Text on the tray's sticker. 
```
";

/// A later page that lists `label` in `Tray`, and `Slot` without it.
const GET: &str = "# GetTray

# Package: greenhouse

# Namespace: TraysService

## REST API

### Schema

```
 Method: getTray
 Description: Reads a tray.
 URL: https://www.wixapis.com/greenhouse/v1/trays/{trayId}
 Method: GET
 Method parameters: 
   param name: trayId | type: trayId | description: GUID of the tray. | required: true
 Return type: GetTrayResponse
  - name: tray | type: Tray | description: The tray. 
     - name: slots | type: array<Slot> | description: Its cells. 
        - name: row | type: integer | description: Row of the cell. 
     - name: label | type: string | description: Text on the tray's sticker. 
```
";

fn fields(api: &wixgen::ir::Api, name: &str) -> Vec<String> {
    let def = api.types.values().find(|t| t.name == name).unwrap_or_else(|| panic!("no type `{name}`"));
    match &def.kind {
        TypeKind::Struct { fields, .. } => fields.iter().map(|f| f.name.clone()).collect(),
        other => panic!("`{name}` is not a struct: {other:?}"),
    }
}

#[test]
fn a_slip_is_undone_by_a_page_read_after_it() {
    let loaded = read_sources(vec![SourceFile::new("a-sow-tray.md", SOW), SourceFile::new("b-get-tray.md", GET)]);
    assert!(!loaded.has_errors(), "{}", loaded.render_diagnostics());
    assert_eq!(fields(&loaded.api, "Slot"), ["row"]);
    assert_eq!(fields(&loaded.api, "Tray"), ["slots", "label"]);
    let moved = loaded
        .diagnostics
        .iter()
        .find(|d| d.message.starts_with("`label` is indented as a field of `Slot`, but read as a field of `Tray`"))
        .unwrap_or_else(|| panic!("the move is reported:\n{}", loaded.render_diagnostics()));
    assert_eq!(&*moved.source.file, "a-sow-tray.md");
    let help = moved.help.as_deref().unwrap_or_default();
    assert!(help.contains("`Tray` lists it at b-get-tray.md:"), "the later page is the evidence: {help}");
}

#[test]
fn the_reading_does_not_depend_on_which_page_comes_first() {
    let forward = read_sources(vec![SourceFile::new("a-sow-tray.md", SOW), SourceFile::new("b-get-tray.md", GET)]);
    let backward = read_sources(vec![SourceFile::new("a-get-tray.md", GET), SourceFile::new("b-sow-tray.md", SOW)]);
    for name in ["Tray", "Slot", "SowTrayRequest", "GetTrayResponse"] {
        assert_eq!(fields(&forward.api, name), fields(&backward.api, name), "`{name}`");
    }
    let moves = |l: &wixgen::Loaded| l.diagnostics.iter().filter(|d| d.message.contains("but read as a field of")).count();
    assert_eq!((moves(&forward), moves(&backward)), (1, 1));
}
