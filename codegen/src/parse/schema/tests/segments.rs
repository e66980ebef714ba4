//! Field lines: names, segments, descriptions, flags, type expressions, validation rules.

use super::*;

#[test]
fn entry_without_a_name() {
    let p = parse("- type: string | name: x\n-\n- name: | type: T\nparam name:   \n- ONE-OF\n- name: ok\n");
    assert_eq!(
        p.diags(),
        vec![
            "3:1 error: expected `- name: ...`",
            "4:1 error: expected `- name: ...`",
            "5:3 error: `name:` has no value",
            "6:1 error: `param name:` has no value",
            "7:1 error: expected `- name: ...`",
        ]
    );
    assert_eq!(p.outline(), "ok");
}

#[test]
fn duplicate_known_keys() {
    let p =
        parse("- name: a | type: A | description: one | type: B | description: two | more | name: b | param name: c\n");
    assert_eq!(
        p.diags(),
        vec![
            "3:42 error: duplicate `type` segment",
            "3:52 error: duplicate `description` segment",
            "3:78 error: duplicate `name` segment",
            "3:88 error: duplicate `param name` segment",
        ]
    );
    let f = field(p.entries()[0]);
    assert_eq!(f.name.value, "a");
    assert_eq!(f.ty.as_ref().unwrap().value, named("A"));
    assert_eq!(f.description, "one");
    assert_eq!(f.extra, Vec::new());
}

#[test]
fn segments_are_trimmed_and_extra_keys_kept() {
    let f = one_field("  - name:   id  |type:string   |  nullable: true | x-wix_kind: a: b |  |");
    assert_eq!(f.name.value, "id");
    assert_eq!(f.ty.unwrap().value, named("string"));
    assert_eq!(f.extra, vec![("nullable", "true"), ("x-wix_kind", "a: b")]);
}

#[test]
fn duplicate_extra_key_warns() {
    let p = parse("- name: a | nullable: true | nullable: false\n");
    assert_eq!(p.diags(), vec!["3:30 warning: duplicate `nullable` segment; the first one is kept"]);
    assert_eq!(field(p.entries()[0]).extra, vec![("nullable", "true")]);
}

#[test]
fn unrecognised_segment() {
    let p = parse("- name: a | string | type: T\n");
    assert_eq!(p.diags(), vec!["3:13 error: unrecognised segment `string`; expected `key: value`"]);
    assert_eq!(field(p.entries()[0]).ty.as_ref().unwrap().value, named("T"));
}

#[test]
fn descriptions_keep_their_text() {
    let f = one_field(
        "- name: a | description: See [the docs](https://dev.wix.com/a:b) and `x: y`.  Second paragraph. | required: true",
    );
    assert_eq!(f.description, "See [the docs](https://dev.wix.com/a:b) and `x: y`.  Second paragraph.");
    assert!(f.required);
}

#[test]
fn pipe_inside_a_description_is_rejoined() {
    let f = one_field(
        "- name: a | description: Either a | b, or c |  d  | ratio 1:2 | e.g: this | https://x.y/z | type: T",
    );
    assert_eq!(f.description, "Either a | b, or c |  d  | ratio 1:2 | e.g: this | https://x.y/z");
    assert_eq!(f.ty.unwrap().value, named("T"));
    // Inside inline code a `|` does not split, even before a key-like word.
    let f = one_field("- name: a | description: Use `a | type: b` here. | required: true");
    assert_eq!(f.description, "Use `a | type: b` here.");
    assert!(f.required);
    assert!(f.ty.is_none());
    // A key-like segment after a description is a segment of its own.
    let f = one_field("- name: a | description: x | nullable: true");
    assert_eq!(f.description, "x");
    assert_eq!(f.extra_value("nullable"), Some("true"));
}

#[test]
fn deprecated_forms() {
    assert_eq!(one_field("- name: a | deprecated: true").deprecated, Some(""));
    assert_eq!(one_field("- name: a | deprecated: false").deprecated, None);
    assert_eq!(one_field("- name: a").deprecated, None);
    assert_eq!(
        one_field("- name: a | deprecated: Use targetChannelIds instead.").deprecated,
        Some("Use targetChannelIds instead.")
    );
}

#[test]
fn required_and_read_only_values() {
    assert!(one_field("- name: a | required: true").required);
    assert!(!one_field("- name: a | required: false").required);
    assert!(one_field("- name: a | read-only: true").read_only);
    assert!(!one_field("- name: a | read-only: false").read_only);
    let p = parse("- name: a | required: maybe | read-only: yes\n- name: b | required:\n");
    assert_eq!(
        p.diags(),
        vec![
            "3:23 error: unknown value `maybe` for `required`; expected `true` or `false`",
            "3:42 error: unknown value `yes` for `read-only`; expected `true` or `false`",
            "4:13 error: missing value for `required`; expected `true` or `false`",
        ]
    );
    let f = field(p.entries()[0]);
    assert!(!f.required && !f.read_only);
}

#[test]
fn type_expressions() {
    let ok = [
        ("string", named("string")),
        ("none", named("none")),
        ("conversations.IdentificationData", named("conversations.IdentificationData")),
        ("ArrayList", named("ArrayList")),
        ("Int_64", named("Int_64")),
        ("string (date-time)", TypeExpr::DateTime),
        ("string(date-time)", TypeExpr::DateTime),
        ("Array", TypeExpr::Array(None)),
        ("Array<Message>", array(named("Message"))),
        ("Array<Array<string>>", array(array(named("string")))),
        ("Array<string (date-time)>", array(TypeExpr::DateTime)),
        ("Array<Array>", array(TypeExpr::Array(None))),
        ("  Message  ", named("Message")),
    ];
    for (text, ty) in ok {
        assert_eq!(parse_type_expr(text), Ok(ty), "{text}");
    }
    let bad = [
        ("", "empty type"),
        ("Array<", "malformed type `Array<`: missing `>`"),
        ("Array<Foo", "malformed type `Array<Foo`: missing `>`"),
        ("Array<Array<Foo>", "malformed type `Array<Array<Foo>`: missing `>`"),
        ("Array<>", "malformed type `Array<>`: missing element type between `<` and `>`"),
        ("Array<Foo>>", "malformed type `Array<Foo>>`: unexpected `>`"),
        ("Array<Foo>x", "malformed type `Array<Foo>x`: unexpected text after `>`"),
        ("Array <Foo>", "malformed type `Array <Foo>`: a type name cannot contain spaces"),
        ("Message Object", "malformed type `Message Object`: a type name cannot contain spaces"),
        ("<>", "malformed type `<>`: missing type name before `<`"),
        ("Map<string>", "malformed type `Map<string>`: only `array` takes a type argument (`array<T>`)"),
        ("Foo$", "malformed type `Foo$`: unexpected character `$`"),
        ("Nachricht_ü", "malformed type `Nachricht_ü`: unexpected character `ü`"),
        (
            "string (uri)",
            "malformed type `string (uri)`: unknown string format `(uri)`; only `string (date-time)` is known",
        ),
    ];
    for (text, message) in bad {
        assert_eq!(parse_type_expr(text), Err(message.to_string()), "{text}");
    }
}

#[test]
fn deeply_nested_array_type_is_refused() {
    let n = 100_000;
    let text = format!("{}Foo{}", "Array<".repeat(n), ">".repeat(n));
    let err = parse_type_expr(&text).unwrap_err();
    assert!(err.ends_with(": arrays nested deeper than 32 levels"), "{err}");
    assert!(err.len() < 200);
    let text = format!("{}Foo{}", "Array<".repeat(32), ">".repeat(32));
    let ty = parse_type_expr(&text).unwrap();
    assert_eq!(ty.to_string(), text);
}

#[test]
fn type_expr_display() {
    for text in ["string (date-time)", "Array", "Array<Array<Message>>", "Array<Array>", "none"] {
        assert_eq!(parse_type_expr(text).unwrap().to_string(), text);
    }
}

#[test]
fn malformed_type_on_a_line() {
    let p = parse("- name: a | type: Array<Foo | description: d\n- name: b | type:  | required: true\n");
    assert_eq!(
        p.diags(),
        vec!["3:19 error: malformed type `Array<Foo`: missing `>`", "4:13 error: `type:` has no value"]
    );
    let entries = p.entries();
    assert_eq!(field(entries[0]).ty, None);
    assert_eq!(field(entries[0]).description, "d");
    assert_eq!(field(entries[1]).ty, None);
    assert!(field(entries[1]).required);
    let span = p.diags[0].span.as_ref().unwrap();
    assert_eq!(&p.file.text[span.start..span.end], "Array<Foo");
}

#[test]
fn validation_rules() {
    let f = one_field(
        "- name: a | validation: minLength 1, maxLength 100, minSize 0, maxSize 20,minimum -1.5, maximum 1e3, format GUID, immutable, pattern ^[a-z]{1,3}$, , immutable forever",
    );
    assert_eq!(
        f.rules,
        vec![
            Rule::MinLength(1),
            Rule::MaxLength(100),
            Rule::MinSize(0),
            Rule::MaxSize(20),
            Rule::Minimum(-1.5),
            Rule::Maximum(1000.0),
            Rule::Format("GUID".to_string()),
            Rule::Immutable,
            Rule::Other("pattern ^[a-z]{1,3}$".to_string()),
            Rule::Other("immutable forever".to_string()),
        ]
    );
}

#[test]
fn bad_validation_numbers() {
    let p = parse("- name: a | validation: maxLength abc, minimum, maximum inf, minSize -1, format, maxSize 2 3\n");
    assert_eq!(
        p.diags(),
        vec![
            "3:35 error: `maxLength` expects a whole number, found `abc`",
            "3:40 error: `minimum` expects a number, found nothing",
            "3:57 error: `maximum` expects a number, found `inf`",
            "3:70 error: `minSize` expects a whole number, found `-1`",
            "3:74 error: `format` expects a format name",
            "3:90 error: `maxSize` expects a whole number, found `2 3`",
        ]
    );
    assert_eq!(
        field(p.entries()[0]).rules,
        ["maxLength abc", "minimum", "maximum inf", "minSize -1", "format", "maxSize 2 3"]
            .map(|r| Rule::Other(r.to_string()))
            .to_vec()
    );
}

#[test]
fn parse_rule_alone() {
    assert_eq!(parse_rule(" maxSize 5 "), (Rule::MaxSize(5), None));
    assert_eq!(parse_rule("format WEB_URL"), (Rule::Format("WEB_URL".to_string()), None));
    assert_eq!(parse_rule("decimalValue max 3"), (Rule::Other("decimalValue max 3".to_string()), None));
    assert_eq!(
        parse_rule("minLength x"),
        (Rule::Other("minLength x".to_string()), Some("`minLength` expects a whole number, found `x`".to_string()))
    );
}
