//! Every example decoded against the IR's types (issue 17): what does not fit is reported
//! as a warning at the example's line, with the JSON path, one warning per problem.

use wixgen::diag::SourceFile;

const PAGE: &str = r#"# RecordHarvest
# Package: orchard
# Namespace: HarvestService
# Method link: https://example.invalid/record-harvest.md
## Introduction
Records what a row gave.
---
## REST API
### Schema
```
 Method: recordHarvest
 Description: Records what a row gave.
 URL: https://www.wixapis.com/orchard/v1/harvests
 Method: POST
 Required parameters: harvest, harvest.rowId
 Method parameters: 
   param name: harvest | type: Harvest | description: What was picked. | required: true
     - name: rowId | type: string | description: GUID of the row picked. 
     - ONE-OF: 
        - name: kg | type: number | description: Weight picked. 
        - name: crates | type: integer | description: Crates filled. 
     - name: grade | type: Grade | description: Quality. 
          - enum: PRIME, SECONDS
     - name: pickedDate | type: string (date-time) | description: When it was picked. 
     - name: pickers | type: array<string> | description: Who picked it. 
     - name: revision | type: string | description: Revision of the row. | validation: format int64
 Return type: RecordHarvestResponse
  - name: harvestId | type: string | description: GUID of the harvest record. 
```
### Examples
### A good day
```curl
curl -X POST 'https://www.wixapis.com/orchard/v1/harvests' -d '{
  "harvest": {"rowId": "5b0c7a2e-1d3f-4e5a-9b8c-7d6e5f4a3b2c", "kg": 12.5, "grade": "PRIME",
              "pickedDate": "2025-09-01T16:00:00+02:00", "pickers": ["Ann"], "revision": "12"}
}'
```
### Everything wrong
```curl
curl -X POST 'https://www.wixapis.com/orchard/v1/harvests' -d '{
  "harvest": {"rowId": "row-7", "kg": 12.5, "crates": 3, "grade": "THIRDS",
              "pickedDate": "yesterday", "pickers": "Ann", "revision": "twelve", "colour": "red"}
}'
```
### Nothing said
```curl
curl -X POST 'https://www.wixapis.com/orchard/v1/harvests' -d '{"harvest": {"kg": null, "pickers": null}}'
```
"#;

fn warnings() -> Vec<String> {
    let loaded = wixgen::read_sources(vec![SourceFile::new("record-harvest.md", PAGE)]);
    assert!(!loaded.has_errors(), "{}", loaded.render_diagnostics());
    loaded.diagnostics.iter().map(|d| format!("{}:{} {}", d.source.line, d.source.column, d.message)).collect()
}

#[test]
fn an_example_that_fits_is_not_reported() {
    assert!(!warnings().iter().any(|w| w.contains("`A good day`")), "{:#?}", warnings());
}

#[test]
fn each_mismatch_is_reported_at_the_example_with_its_path() {
    let got: Vec<String> = warnings().into_iter().filter(|w| w.contains("`Everything wrong`")).collect();
    assert_eq!(
        got,
        [
            "40:64 example `Everything wrong` does not decode: `harvest.crates` is set beside `kg`, but at most one of `kg`, `crates` (`HarvestOneOf`) may be",
            "40:64 example `Everything wrong` does not decode: `harvest.grade` is `THIRDS`, which is not a value of the enum `Grade`",
            "40:64 example `Everything wrong` does not decode: `harvest.pickedDate` is `yesterday`, which is not an RFC 3339 date-time",
            "40:64 example `Everything wrong` does not decode: `harvest.pickers` is a string, where an array is expected",
            "40:64 example `Everything wrong` does not decode: `harvest.revision` is `twelve`, where a whole number (as a string) is expected",
            "40:64 example `Everything wrong` does not decode: `harvest.rowId` is `row-7`, which is not a GUID (a `Row` ID is)",
            "40:64 example `Everything wrong` sets `harvest.colour`, which no schema entry lists",
        ]
    );
}

#[test]
fn a_missing_required_field_and_a_null_array_are_reported_and_a_null_member_is_absent() {
    let got: Vec<String> = warnings().into_iter().filter(|w| w.contains("`Nothing said`")).collect();
    assert_eq!(
        got,
        [
            "47:64 example `Nothing said` does not decode: `harvest.pickers` is null, where an array is expected",
            "47:64 example `Nothing said` does not decode: `harvest.rowId` is missing, and the schema marks it required",
        ]
    );
}
