//! Bad pages: each case asserts the exact diagnostics, with file, line and column. None
//! may panic, and every error must be reported (not only the first).

use wixgen::diag::SourceFile;

/// A small, valid method page; cases below break one thing at a time.
const PAGE: &str = "# CreateNote
# Package: notes
# Namespace: NotesService
# Method link: https://example.invalid/create-note.md
## Introduction
Creates a note.
---
## REST API
### Schema
```
 Method: createNote
 Description: Creates a note.
 URL: https://www.wixapis.com/notes/v1/folders/{folderId}/notes
 Method: POST
 Required parameters: folderId, note, note.body
 Method parameters:
 param name: folderId | type: none | description: Folder. | required: true
 param name: note | type: Note | description: The note. | required: true
   - name: body | type: string | description: Text.
   - name: color | type: Color | description: Colour.
     - ENUM:
       - RED: Red.
       - BLUE: Blue.
   - name: kind | type: Kind | description: What it holds.
     - ONE-OF:
       - name: text | type: string | description: Text.
       - name: list | type: Array<string> | description: Items.
 Return type: CreateNoteResponse
 - name: note | type: Note | description: The note.
```
";

/// Diagnostics of one page, `file:line:col: level: message`.
fn diagnostics_of(text: &str) -> Vec<String> {
    diagnostics_of_pages(&[("page.md", text)])
}

fn diagnostics_of_pages(pages: &[(&str, &str)]) -> Vec<String> {
    let files = pages.iter().map(|(n, t)| SourceFile::new(*n, *t)).collect();
    let loaded = wixgen::read_sources(files);
    // Rendering must not panic either, and must name the place.
    let rendered = loaded.render_diagnostics();
    for d in &loaded.diagnostics {
        assert!(rendered.contains(&format!("{}:{}:{}", d.source.file, d.source.line, d.source.column)), "{rendered}");
    }
    loaded.diagnostics.iter().map(ToString::to_string).collect()
}

fn replace(from: &str, to: &str) -> String {
    assert!(PAGE.contains(from), "the base page has no `{from}`");
    PAGE.replacen(from, to, 1)
}

#[test]
fn the_base_page_is_valid() {
    assert_eq!(diagnostics_of(PAGE), Vec::<String>::new());
}

/// `(case, page text, expected diagnostics)`, one broken thing a case.
fn cases() -> Vec<(&'static str, String, Vec<&'static str>)> {
    vec![
        ("empty file", String::new(), vec!["page.md:1:1: error: empty page"]),
        ("only white space", "  \n\n \t\n".into(), vec!["page.md:1:1: error: empty page"]),
        (
            "no known first heading",
            "# Hello\nworld\n".into(),
            vec!["page.md:1:1: error: cannot tell what kind of page this is: its first heading is `Hello`"],
        ),
        (
            "no heading at all",
            "just some text\n".into(),
            vec!["page.md:1:1: error: cannot tell what kind of page this is: it has no heading"],
        ),
        (
            // A name no page expands is an empty message to the dialect (no typo of a
            // known name): read so, and said.
            "schema block truncated mid-line",
            format!("{}   - name: kind | type: Ki", &PAGE[..PAGE.find("   - name: kind").unwrap()]),
            vec!["page.md:24:25: warning: type `Ki` (field `kind` of `Note`) is expanded on no page: read as an object with no fields"],
        ),
        (
            // Deeper than its parent, shallower than its siblings: still the parent's
            // (the dialect writes one-of members so).
            "indentation between two levels",
            replace("   - name: color | type: Color", "  - name: color | type: Color"),
            vec![],
        ),
        (
            "unknown value of a known segment",
            replace("| description: Folder. | required: true", "| description: Folder. | required: maybe"),
            vec!["page.md:17:71: error: unknown value `maybe` for `required`; expected `true` or `false`"],
        ),
        (
            "a one-of with no members",
            replace(
                "     - ONE-OF:\n       - name: text | type: string | description: Text.\n       - name: list | type: Array<string> | description: Items.\n",
                "     - ONE-OF:\n",
            ),
            vec!["page.md:25:6: error: one-of group of `Kind` has 0 member(s); a choice needs at least two"],
        ),
        (
            "a one-of with one member",
            replace("       - name: list | type: Array<string> | description: Items.\n", ""),
            vec!["page.md:25:6: error: one-of group of `Kind` has 1 member(s); a choice needs at least two"],
        ),
        (
            "a reference to an undefined type",
            replace(" - name: note | type: Note | description: The note.\n```", " - name: note | type: Nte | description: The note.\n```"),
            vec!["page.md:29:23: error: unknown type `Nte` (field `note` of `CreateNoteResponse`)"],
        ),
        (
            "an enum with no values",
            replace("       - RED: Red.\n       - BLUE: Blue.\n", ""),
            vec!["page.md:21:6: error: `- enum:` lists no values"],
        ),
        (
            "a required path that names no field",
            replace("note, note.body", "note, note.bdy"),
            vec!["page.md:15:39: warning: required path `note.bdy` names no field: `Note` has no field `bdy`"],
        ),
        (
            "a URL template variable with no parameter",
            replace("folders/{folderId}/notes", "folders/{folder}/notes"),
            vec!["page.md:13:48: error: URL template variable `{folder}` names no parameter"],
        ),
        ("an unknown HTTP verb", replace(" Method: POST", " Method: FETCH"), vec!["page.md:14:10: error: unknown HTTP method `FETCH`"]),
        (
            "no URL line",
            replace(" URL: https://www.wixapis.com/notes/v1/folders/{folderId}/notes\n", ""),
            vec!["page.md:10:1: error: schema block has no `URL:` line"],
        ),
        ("no schema block", PAGE[..PAGE.find("### Schema").unwrap()].to_string(), vec!["page.md:1:1: error: page has no schema block"]),
        (
            "a field with no type",
            replace("   - name: body | type: string | description: Text.", "   - name: body | description: Text."),
            vec![
                "page.md:15:39: warning: required path `note.body` names no field: `Note` has no field `body`",
                "page.md:19:4: error: field `body` has no `type:`",
            ],
        ),
        (
            "an unclosed Array<",
            replace("type: Array<string>", "type: Array<string"),
            vec![
                "page.md:25:6: error: one-of group of `Kind` has 1 member(s); a choice needs at least two",
                "page.md:27:29: error: malformed type `Array<string`: missing `>`",
            ],
        ),
        (
            // Real pages write a list of strings so: not a problem at all.
            "a bare Array with no children",
            replace("type: Array<string>", "type: Array"),
            vec![],
        ),
        (
            "a field twice in one type",
            replace("   - name: color | type: Color", "   - name: body | type: integer | description: Again.\n   - name: color | type: Color"),
            vec!["page.md:20:4: error: field `body` appears twice in `Note`"],
        ),
        (
            // Wix lists a path parameter that is also a one-of member twice, alike.
            "the same field line twice",
            replace("   - name: color | type: Color", "   - name: body | type: string | description: Again.\n   - name: color | type: Color"),
            vec!["page.md:20:4: warning: field `body` of `Note` is listed twice alike; read once"],
        ),
        (
            // A repeat is found past a field of its name but another type.
            "the same field line again after a differing one",
            replace(
                "   - name: color | type: Color",
                "   - name: body | type: integer | description: Other.\n   - name: body | type: string | description: Again.\n   - name: color | type: Color",
            ),
            vec![
                "page.md:20:4: error: field `body` appears twice in `Note`",
                "page.md:21:4: warning: field `body` of `Note` is listed twice alike; read once",
            ],
        ),
        (
            "an example that is not JSON",
            format!("{PAGE}### Examples\n#### Example request\n```json\n{{\"folderId\": \"x\",\n \"note\": }}\n```\n"),
            vec!["page.md:35:10: warning: example `Example request` is not valid JSON (expected value at line 2 column 10); it is left out"],
        ),
        (
            "an HTTP code that is not a number",
            format!("{PAGE}### Errors\n| HTTP Code | Application Code | Description |\n| --- | --- | --- |\n| four hundred | BAD | Bad. |\n"),
            vec!["page.md:34:1: error: HTTP code `four hundred` is not a number"],
        ),
        (
            "a schema line of no known form",
            replace(" Method parameters:\n", " Method parameters:\n this line means nothing\n"),
            vec!["page.md:17:2: warning: unrecognised schema line; expected `Key: value`, `param name: ...` or `- name: ...`"],
        ),
        (
            "a validation rule with a bad number",
            replace("| description: Text.\n   - name: color", "| description: Text. | validation: maxLength lots\n   - name: color"),
            vec!["page.md:19:77: error: `maxLength` expects a whole number, found `lots`"],
        ),
        (
            "a type page without a schema",
            "# Resource: Notes\n# Type: Note Object\n# Link: x\n## Description: A note.\n".into(),
            vec!["page.md:2:1: error: page has no schema block"],
        ),
        (
            "a webhook without an event type",
            WEBHOOK.replace(" Event type: example.notes.v1.note_archived\n", ""),
            vec!["page.md:9:1: warning: the event type of webhook `Note Archived` is unknown: the page has no `Event type:` line and no example naming it"],
        ),
        (
            "a webhook whose payload cannot be told",
            WEBHOOK.replace("actionEvent", "createdEvent"),
            vec!["page.md:9:1: warning: webhook event body carries no typed payload; the body is the event's payload"],
        ),
        (
            "an article naming an ID property no field has",
            "## Resource: Notes\n## Article: Note ID\n## Article Content:\n# Note ID\n| Type | ID property | Details |\n| --- | --- | --- |\n| Robot | `robotId` | Made by a machine. |\n".into(),
            vec!["page.md:7:1: error: ID property `robotId` of participant kind `Robot` is held by no GUID ID field"],
        ),
    ]
}

const WEBHOOK: &str = "# Package: notes
# Namespace: notes
# Webhook link: https://example.invalid/archived.md
## Introduction
Sent when archived.
---
## REST API
### Schema
```
 Webhook: Note Archived
 Event type: example.notes.v1.note_archived
 Event body:
 - name: id | type: string | description: Event ID.
 - name: actionEvent | type: object | description: The action.
   - name: body | type: NoteArchived | description: What.
     - name: noteId | type: string | description: Note. | validation: format GUID
```
";

#[test]
fn each_malformed_page_gets_its_exact_diagnostics() {
    let cases = cases();
    assert!(cases.len() >= 20);
    let mut failures = Vec::new();
    for (name, text, expected) in cases {
        let got = diagnostics_of(&text);
        if got != expected {
            failures.push(format!("{name}:\n  expected {expected:#?}\n  got {got:#?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_webhook_base_page_is_valid() {
    assert_eq!(diagnostics_of(WEBHOOK), Vec::<String>::new());
}

#[test]
fn a_field_typed_differently_in_one_namespace_warns_with_both_places() {
    // Pages Wix publishes disagree now and then; that is never fatal. The first
    // definition's type is kept and both places are named.
    let other = PAGE.replace("# CreateNote", "# UpdateNote").replace("createNote", "updateNote").replace(
        "   - name: body | type: string | description: Text.",
        "   - name: body | type: number | description: Text.",
    );
    let got = diagnostics_of_pages(&[("a.md", PAGE), ("b.md", &other)]);
    assert_eq!(got, ["b.md:19:25: warning: field `body` of `Note` is `number` here and `string` elsewhere; `string` is kept"]);
    let loaded = wixgen::read_sources(vec![SourceFile::new("a.md", PAGE), SourceFile::new("b.md", other)]);
    assert_eq!(loaded.diagnostics[0].notes[0].0.to_string(), "a.md:19:25");
}

#[test]
fn expansions_listing_different_fields_are_one_type() {
    // A request lists what a caller sets, a response adds what the server fills in.
    let other = PAGE.replace("# CreateNote", "# UpdateNote").replace("createNote", "updateNote").replace(
        "   - name: body | type: string | description: Text.",
        "   - name: body | type: string | description: Text.\n   - name: id | type: string | description: Note GUID.",
    );
    let loaded = wixgen::read_sources(vec![SourceFile::new("a.md", PAGE), SourceFile::new("b.md", other)]);
    assert_eq!(loaded.diagnostics.iter().map(ToString::to_string).collect::<Vec<_>>(), Vec::<String>::new());
    let wixgen::ir::TypeKind::Struct { fields, .. } = &loaded.api.types[&wixgen::ir::TypeId::new("Note")].kind else { panic!() };
    let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["body", "id", "color", "kind"]);
}

#[test]
fn a_method_on_two_pages_is_kept_twice_with_a_warning_naming_both() {
    let warning = "b.md:1:1: warning: method `createNote` is defined 2 times in namespace `NotesService`; \
                   this one (POST /notes/v1/folders/{folderId}/notes) is kept as `createNote2`";
    // Pages with one URL are told apart by file name, whatever order they are read in.
    for pages in [[("a.md", PAGE), ("b.md", PAGE)], [("b.md", PAGE), ("a.md", PAGE)]] {
        assert_eq!(diagnostics_of_pages(&pages), [warning]);
        let loaded = wixgen::read_sources(pages.iter().map(|(n, t)| SourceFile::new(*n, *t)).collect());
        assert_eq!(loaded.diagnostics[0].notes[0].0.to_string(), "a.md:1:1");
        let keys: Vec<(&str, &str, &str)> =
            loaded.api.methods.iter().map(|(k, m)| (k.as_str(), &*m.source.file, m.request.as_str())).collect();
        assert_eq!(keys, [("createNote", "a.md", "CreateNoteRequest"), ("createNote2", "b.md", "CreateNote2Request")]);
    }
}

#[test]
fn a_binary_file_is_reported_not_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("image.md"), b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe").unwrap();
    std::fs::write(dir.path().join("ok.md"), PAGE).unwrap();
    let loaded = wixgen::read_specs(dir.path()).unwrap();
    let got: Vec<String> = loaded.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(got, ["image.md:1:1: error: not UTF-8 text: invalid byte at offset 0"]);
    assert_eq!(loaded.api.methods.len(), 1, "the good page is still read");
}

#[test]
fn a_ten_megabyte_single_line_is_read_without_panic() {
    let line = "x".repeat(10 << 20);
    assert_eq!(diagnostics_of(&line), ["page.md:1:1: error: cannot tell what kind of page this is: it has no heading"]);
    let heading = format!("# {line}");
    assert_eq!(diagnostics_of(&heading).len(), 1);
    // A schema line of 10 MB inside a valid page.
    let long = replace("description: Text.", &format!("description: {line}"));
    assert_eq!(diagnostics_of(&long), Vec::<String>::new());
}

#[test]
fn a_collapsed_page_is_read_as_far_as_its_header_and_method_line() {
    let collapsed = PAGE.split_whitespace().collect::<Vec<_>>().join(" ");
    let loaded = wixgen::read_sources(vec![SourceFile::new("page.md", collapsed)]);
    let got: Vec<String> = loaded.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(
        got,
        [
            "page.md:1:1: warning: the white space of this page was collapsed: read its header lines, but not scopes, introduction, errors, examples and the nesting of schema entries",
            "page.md:1:170: warning: this method is left out of the IR: its schema entries could not be recovered from the collapsed page (read: Method: createNote; Method: POST; URL: https://www.wixapis.com/notes/v1/folders/{folderId}/notes)",
            "page.md:1:364: warning: white space of this block was collapsed; 12 schema entries could not be nested and were skipped",
        ]
    );
    assert!(!loaded.has_errors(), "a collapsed page warns; it is not an error");
    let page = &loaded.api.pages[0];
    assert_eq!((page.title.as_str(), page.link.as_deref()), ("CreateNote", Some("https://example.invalid/create-note.md")));
}

/// Inputs that once made rendering panic, found by the property tests.
#[test]
fn rendering_survives_multi_byte_spaces_and_tab_indented_lines() {
    assert_eq!(diagnostics_of("\u{2000}"), ["page.md:1:1: error: empty page"]);
    let tabbed = format!("{}\t\t\t- name: x | type: Nope{}", &PAGE[..PAGE.find("   - name: kind").unwrap()], "y".repeat(400));
    assert!(!diagnostics_of(&tabbed).is_empty());
}

/// Two definitions of one name, an enum and an object, cannot both be kept: the warning
/// counts what the lost one listed as dropped, so the summary line shows the loss.
#[test]
fn an_enum_and_an_object_of_one_name_count_what_is_lost() {
    let as_object = PAGE
        .replacen("# CreateNote", "# FileNote", 1)
        .replacen("Method: createNote", "Method: fileNote", 1)
        .replacen("notes/v1/folders/{folderId}/notes", "notes/v1/folders/{folderId}/filed", 1)
        .replacen("CreateNoteResponse", "FileNoteResponse", 1)
        .replacen(
            "   - name: color | type: Color | description: Colour.\n     - ENUM:\n       - RED: Red.\n       - BLUE: Blue.\n",
            "   - name: color | type: Color | description: Colour.\n     - name: hue | type: integer | description: Hue.\n     - name: name | type: string | description: Name.\n",
            1,
        );
    assert!(as_object.contains("name: hue"));
    let files = vec![SourceFile::new("a-create-note.md", PAGE), SourceFile::new("b-file-note.md", as_object.as_str())];
    let loaded = wixgen::read_sources(files);
    let warning = loaded.diagnostics.iter().find(|d| d.message.contains("is an enum in one place and an object in the other")).expect("the clash is reported");
    assert_eq!(warning.dropped, 2, "the object's two fields");
    assert_eq!(loaded.dropped_count(), 2);
    assert!(loaded.tally().ends_with("2 entries dropped"), "{}", loaded.tally());
}
