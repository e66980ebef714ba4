//! How entries nest: the dialect's layouts, which do not indent siblings alike, and tabs.

use super::*;

#[test]
fn the_parent_is_the_nearest_entry_indented_less() {
    // `e` is shallower than its sibling `d` but deeper than `c`: a child of `c`, read
    // silently; `f`, deeper than `e`, is a child of `e`.
    let p = parse(
        "- name: a\n    - name: b\n    - name: c\n      - name: d\n     - name: e\n      - name: f\n        - name: g\n",
    );
    p.no_diags();
    assert_eq!(p.outline(), "a(b, c(d, e(f(g))))");
    assert_eq!(p.entries()[0].children[1].children[1].indent, 5);
}

#[test]
fn top_level_entries_need_not_share_a_column() {
    let p = parse("  - name: a\n    - name: b\n- name: c\n  - name: d\n");
    p.no_diags();
    assert_eq!(p.outline(), "a(b) c(d)");
}

#[test]
fn a_parameters_one_of_sits_shallower_than_its_fields() {
    // Under `param name:` the dialect puts fields 5 columns deeper, the one-of marker 1
    // and its members 2: the members are the group's, not siblings of the marker.
    let p = parse(
        "param name: options | type: O\n     - name: first | type: string\n - ONE-OF: - required: true\n  - name: x | type: X\n     - name: inner | type: string\n  - name: y | type: string\n",
    );
    p.no_diags();
    assert_eq!(p.outline(), "options(first, ONE-OF!(x(inner), y))");
}

#[test]
fn a_one_of_of_one_member_without_its_marker_sits_deeper_than_the_fields_after_it() {
    let p = parse("- name: choice | type: Choice\n      - name: only | type: string\n   - name: after | type: string\n      - name: deeper | type: string\n");
    p.no_diags();
    assert_eq!(p.outline(), "choice(only, after(deeper))");
}

#[test]
fn a_tab_in_the_indentation_goes_to_the_tab_stop_that_fits() {
    // Siblings at 8; the tab puts `b` at 8 with stops every 8 columns (at 4 with
    // stops every 4, which no entry uses).
    let spaces = "- name: top | type: T\n     - name: x | type: X\n        - name: a | type: string\n        - name: b | type: string\n        - name: c | type: string\n";
    let tabbed = spaces.replacen("        - name: b", "\t- name: b", 1);
    let (p, q) = (parse(spaces), parse(&tabbed));
    assert_eq!(q.outline(), p.outline());
    assert_eq!(q.outline(), "top(x(a, b, c))");
    assert_eq!(q.diags(), ["6:2 warning: a tab in the indentation: read as column 8 (tab stops every 8 columns)"]);
    // Where a tab stands for 4 spaces (`b` after `a` at 8), stops every 4 fit, and the
    // block's later tabs follow: read at 8, not 12 (a child of `a`).
    let four = spaces.replacen("        - name: b", "\t    - name: b", 1).replacen("        - name: c", "\t    - name: c", 1);
    let q = parse(&four);
    assert_eq!(q.outline(), "top(x(a, b, c))");
    assert_eq!(q.diags()[1], "7:6 warning: a tab in the indentation: read as column 8 (tab stops every 4 columns)");
    // With nothing to fit, a tab goes to the next multiple of 8, as a browser shows it.
    let p = parse("\t- name: a\n\t\t- name: b\n\t - name: c\n   - name: d\n");
    assert_eq!(p.outline(), "a(b, c) d");
    assert_eq!(p.entries()[0].children[1].indent, 9);
}
