//! The lines of the real 2026 dialect, one variant a test (fixtures in our own words).

use super::*;

#[test]
fn lowercase_arrays_bare_arrays_promise_and_date() {
    assert_eq!(parse_type_expr("array<Sorting>"), Ok(array(named("Sorting"))));
    assert_eq!(parse_type_expr("array<array<string>>"), Ok(array(array(named("string")))));
    assert_eq!(parse_type_expr("array"), Ok(TypeExpr::Array(None)));
    assert_eq!(parse_type_expr("Array<Badge>"), Ok(array(named("Badge"))), "the older spelling still reads");
    assert_eq!(parse_type_expr("PROMISE<QueryPlantsResponse>"), Ok(named("QueryPlantsResponse")));
    assert_eq!(parse_type_expr("Date"), Ok(TypeExpr::DateTime));
    assert_eq!(parse_type_expr("array<includeTagIds>"), Ok(array(named("includeTagIds"))));
    assert!(parse_type_expr("PROMISE<>").is_err());
}

#[test]
fn a_stray_none_after_the_type_is_dropped_silently() {
    let f = one_field("param name: options | type: QueryPlantsOptions  none ");
    assert_eq!(f.ty.map(|t| t.value), Some(named("QueryPlantsOptions")));
}

#[test]
fn inline_enum_values_are_children_of_the_marker() {
    let p = parse("- name: order | type: SortOrder | description: Direction.\n      - enum: ASC, DESC\n");
    p.no_diags();
    assert_eq!(p.outline(), "order(ENUM(ASC, DESC))");
    // Each value is located at its own name.
    let values = &p.entries()[0].children[0].children;
    assert_eq!(p.pos(values[1].offset), (4, 20));
}

#[test]
fn enum_values_beside_the_marker_belong_to_it() {
    let p = parse(
        "- name: depth | type: Depth | description: How deep.\n         - enum:\n         -     SHALLOW: Just under the surface.\n         -     DEEP: A hand's length down.\n- name: notes | type: string\n",
    );
    p.no_diags();
    assert_eq!(p.outline(), "depth(ENUM(SHALLOW, DEEP)) notes");
    let EntryKind::EnumValue { description, .. } = &p.entries()[0].children[0].children[1].kind else { panic!() };
    assert_eq!(*description, "A hand's length down.");
}

#[test]
fn the_older_enum_form_still_reads() {
    let p = parse("- name: depth | type: Depth\n  - ENUM:\n    - SHALLOW: Near the top.\n");
    p.no_diags();
    assert_eq!(p.outline(), "depth(ENUM(SHALLOW))");
}

#[test]
fn one_of_markers_with_and_without_required() {
    let p = parse("- name: planting | type: Planting\n - ONE-OF: - required: true\n  - name: a | type: string\n  - name: b | type: string\n - ONE-OF: \n   - name: c | type: string\n");
    p.no_diags();
    assert_eq!(p.outline(), "planting(ONE-OF!(a, b), ONE-OF(c))");
}

#[test]
fn possible_errors_lines() {
    let p = parse(
        "Possible Errors:\n  HTTP Code: 404 | Status Code: NOT_FOUND | Application Code: BED_NOT_FOUND | Description: No bed | not one.\n  HTTP Code: soon | Status Code: X | Application Code: Y | Description: Z\n",
    );
    let errors: Vec<&ErrorLine> = p.block.items.iter().filter_map(|i| if let BlockItem::Error(e) = i { Some(e) } else { None }).collect();
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[0].http_status, Some(404));
    assert_eq!(errors[0].status, "NOT_FOUND");
    assert_eq!(errors[0].code, "BED_NOT_FOUND");
    assert_eq!(errors[0].description, "No bed | not one.", "a `|` in the description is kept");
    assert_eq!(p.pos(errors[0].offset), (4, 3));
    assert_eq!(errors[1].http_status, None);
    assert_eq!(p.diags(), ["5:14 warning: HTTP code `soon` is not a number"]);
}
