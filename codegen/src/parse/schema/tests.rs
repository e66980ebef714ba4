use proptest::prelude::*;

use super::*;

mod dialect;
mod indentation;
mod segments;

/// What precedes the block in the test page: the block's first line is line 3.
const PRE: &str = "# Page\n```\n";

struct Parsed {
    /// Leaked: the block borrows it, and a test's pages are few and small.
    file: &'static SourceFile,
    block: SchemaBlock<'static>,
    diags: Vec<Diagnostic>,
}

fn parse(block: &str) -> Parsed {
    let file: &'static SourceFile = Box::leak(Box::new(SourceFile::new("page.md", format!("{PRE}{block}```\n"))));
    let (parsed, diags) = parse_schema_block(file, PRE.len(), PRE.len() + block.len());
    Parsed { file, block: parsed, diags }
}

impl Parsed {
    /// `line:column severity: message` for every diagnostic.
    fn diags(&self) -> Vec<String> {
        self.diags
            .iter()
            .map(|d| {
                let severity = if d.is_error() { "error" } else { "warning" };
                format!("{}:{} {severity}: {}", d.source.line, d.source.column, d.message)
            })
            .collect()
    }

    fn pos(&self, offset: usize) -> (u32, u32) {
        self.file.line_col(offset)
    }

    fn headers(&self) -> Vec<(&str, &str)> {
        self.block
            .items
            .iter()
            .filter_map(|i| match i {
                BlockItem::Header(h) => Some((h.key, h.value)),
                BlockItem::Entry(_) | BlockItem::Error(_) => None,
            })
            .collect()
    }

    fn header(&self, key: &str) -> &HeaderLine<'static> {
        self.block
            .items
            .iter()
            .find_map(|i| match i {
                BlockItem::Header(h) if h.key == key => Some(h),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no header {key}"))
    }

    fn entries(&self) -> Vec<&Entry<'static>> {
        self.block
            .items
            .iter()
            .filter_map(|i| match i {
                BlockItem::Entry(e) => Some(e),
                BlockItem::Header(_) | BlockItem::Error(_) => None,
            })
            .collect()
    }

    /// The items as one string: headers as `[Key]`, entries as [`shape`].
    fn outline(&self) -> String {
        self.block
            .items
            .iter()
            .map(|i| match i {
                BlockItem::Header(h) => format!("[{}]", h.key),
                BlockItem::Entry(e) => shape(e),
                BlockItem::Error(e) => format!("[error {}]", e.code),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn no_diags(&self) {
        assert_eq!(self.diags(), Vec::<String>::new());
    }
}

/// An entry tree as `name(child, child)`, `ONE-OF(...)`, `ENUM(A, B)`.
fn shape(e: &Entry) -> String {
    let head = match &e.kind {
        EntryKind::Field(f) => f.name.value.to_string(),
        EntryKind::OneOf { required: false } => "ONE-OF".to_string(),
        EntryKind::OneOf { required: true } => "ONE-OF!".to_string(),
        EntryKind::Enum => "ENUM".to_string(),
        EntryKind::EnumValue { name, .. } => name.to_string(),
    };
    if e.children.is_empty() {
        head
    } else {
        format!("{head}({})", e.children.iter().map(shape).collect::<Vec<_>>().join(", "))
    }
}

fn field<'e, 'a>(e: &'e Entry<'a>) -> &'e FieldLine<'a> {
    match &e.kind {
        EntryKind::Field(f) => f,
        other => panic!("not a field: {other:?}"),
    }
}

/// The only entry of a block of one field line, with no diagnostics.
fn one_field(line: &str) -> FieldLine<'static> {
    let p = parse(&format!("{line}\n"));
    p.no_diags();
    let entries = p.entries();
    assert_eq!(entries.len(), 1);
    field(entries[0]).clone()
}

fn named(n: &str) -> TypeExpr<'_> {
    TypeExpr::Named(n)
}

fn array(t: TypeExpr<'_>) -> TypeExpr<'_> {
    TypeExpr::Array(Some(Box::new(t)))
}

const METHOD_BLOCK: &str = "\
 Method: sendMessage
 Description: Sends a message. See [the docs](https://dev.wix.com/x): it works.
 URL: https://www.wixapis.com/inbox/v2/conversations/{conversationId}/messages
 Method: POST
 # Note: If the parameter `a.b` is listed under required parameters, `b` is only required if `a` is also present.
 Required parameters: conversationId, message, message.content
 Method parameters:
 param name: conversationId | type: conversationId | description: The conversation. | required: true
 param name: message | type: Message | required: true
   - name: content | type: MessageContent | description: The content. | required: true
     - name: previewText | type: string | description: Preview.
     - ONE-OF:
       - name: basic | type: BasicMessagePayload | description: Basic.
         - name: items | type: Array<BasicMessageData> | description: Items.
       - name: minimal | type: MinimalMessagePayload | description: Minimal.
 Return type: SendMessageResponse
 - name: message | type: Message | description: The message.
   - name: id | type: string | description: ID. | read-only: true
";

#[test]
fn method_block_headers_and_tree() {
    let p = parse(METHOD_BLOCK);
    p.no_diags();
    assert_eq!(
        p.headers(),
        vec![
            ("Method", "sendMessage"),
            ("Description", "Sends a message. See [the docs](https://dev.wix.com/x): it works."),
            ("URL", "https://www.wixapis.com/inbox/v2/conversations/{conversationId}/messages"),
            ("Method", "POST"),
            (
                "# Note",
                "If the parameter `a.b` is listed under required parameters, `b` is only required if `a` is also present."
            ),
            ("Required parameters", "conversationId, message, message.content"),
            ("Method parameters", ""),
            ("Return type", "SendMessageResponse"),
        ]
    );
    assert_eq!(
        p.outline(),
        "[Method] [Description] [URL] [Method] [# Note] [Required parameters] [Method parameters] \
         conversationId message(content(previewText, ONE-OF(basic(items), minimal))) \
         [Return type] message(id)"
    );
    let url = p.header("URL");
    assert_eq!(p.pos(url.offset), (5, 2));
    assert_eq!(p.pos(url.value_offset), (5, 7));
    assert!(p.file.text[url.value_offset..].starts_with("https://www.wixapis.com/inbox"));
    // An empty value is located at the end of its line.
    let params = p.header("Method parameters");
    assert_eq!(p.pos(params.offset), (9, 2));
    assert_eq!(p.pos(params.value_offset), (9, 20));
    assert_eq!(&p.file.text[params.value_offset..params.value_offset + 1], "\n");
    assert_eq!(p.pos(p.header("# Note").offset), (7, 2));
}

#[test]
fn param_and_field_lines() {
    let p = parse(METHOD_BLOCK);
    let entries = p.entries();
    let conversation = field(entries[0]);
    assert!(conversation.is_param);
    assert_eq!(conversation.name.value, "conversationId");
    assert_eq!(p.pos(conversation.name.offset), (10, 14));
    assert_eq!(p.pos(entries[0].offset), (10, 2));
    assert_eq!(entries[0].indent, 1);
    let ty = conversation.ty.as_ref().unwrap();
    assert_eq!(ty.value, named("conversationId"));
    assert_eq!(p.pos(ty.offset), (10, 37));
    assert_eq!(conversation.description, "The conversation.");
    assert!(conversation.required);
    assert!(!conversation.read_only);

    let content = &entries[1].children[0];
    assert_eq!(content.indent, 3);
    assert_eq!(p.pos(content.offset), (12, 4));
    let content_line = field(content);
    assert!(!content_line.is_param);
    assert_eq!(content_line.name, Located { value: "content", offset: content.offset + 8 });
    let items = &content.children[1].children[0].children[0];
    assert_eq!(field(items).ty.as_ref().unwrap().value, array(named("BasicMessageData")));

    let id = field(&entries[2].children[0]);
    assert!(!id.is_param);
    assert!(id.read_only);
    assert!(!id.required);
    assert_eq!(id.deprecated, None);
    assert_eq!(id.rules, vec![]);
    assert_eq!(id.extra, Vec::new());
}

#[test]
fn other_headers() {
    let p = parse(
        " Type: Message Object | type: Message\n Description:\n       - name: id | type: string\n       - name: content | type: MessageContent\n",
    );
    p.no_diags();
    assert_eq!(p.headers(), vec![("Type", "Message Object | type: Message"), ("Description", "")]);
    assert_eq!(p.outline(), "[Type] [Description] id content");
    assert_eq!(p.entries()[0].indent, 7);

    let p = parse(
        " Webhook: Message Sent To Business\n Event type: wix.crm.inbox.v2.message_message_sent_to_business\n Description: Sent.\n Event body:\n - name: id | type: string\n - name: eventTime | type: string (date-time)\n",
    );
    p.no_diags();
    assert_eq!(
        p.headers(),
        vec![
            ("Webhook", "Message Sent To Business"),
            ("Event type", "wix.crm.inbox.v2.message_message_sent_to_business"),
            ("Description", "Sent."),
            ("Event body", ""),
        ]
    );
    assert_eq!(field(p.entries()[1]).ty.as_ref().unwrap().value, TypeExpr::DateTime);
}

#[test]
fn unknown_header_key_is_kept() {
    let p = parse("Custom key  :  some value  \n");
    p.no_diags();
    assert_eq!(p.headers(), vec![("Custom key", "some value")]);
}

#[test]
fn unrecognised_line() {
    let p = parse("Method: x\n  just some words\n: no key\n EMPTY-OBJECT {}\n");
    // Left out with a warning; `EMPTY-OBJECT {}` (an empty message on real pages) silently.
    assert_eq!(
        p.diags(),
        vec![
            "4:3 warning: unrecognised schema line; expected `Key: value`, `param name: ...` or `- name: ...`",
            "5:1 warning: unrecognised schema line; expected `Key: value`, `param name: ...` or `- name: ...`",
        ]
    );
    assert_eq!(p.headers(), vec![("Method", "x")]);
    assert_eq!(p.diags.iter().map(|d| d.dropped).collect::<Vec<_>>(), [1, 1]);
}

#[test]
fn nesting_with_two_and_four_space_steps() {
    let two = "- name: a\n  - name: b\n    - name: c\n  - name: d\n- name: e\n";
    let four = "- name: a\n    - name: b\n        - name: c\n    - name: d\n- name: e\n";
    for block in [two, four] {
        let p = parse(block);
        p.no_diags();
        assert_eq!(p.outline(), "a(b(c), d) e", "{block}");
    }
}

#[test]
fn nesting_with_a_different_step_at_each_level() {
    let p = parse(
        "param name: a | type: A\n  - name: b\n       - name: c\n        - name: d\n       - name: e\n  - name: f\n\t\t- name: g\n",
    );
    assert_eq!(p.outline(), "a(b(c(d), e), f(g))", "two tabs are column 16, as a page shows them");
    let a = p.entries()[0];
    assert_eq!(a.children[0].children[0].indent, 7);
    assert_eq!(a.children[0].children[0].children[0].indent, 8);
}

#[test]
fn a_header_ends_the_entry_tree() {
    let p = parse("   - name: a\n     - name: b\n Return type: X\n - name: c\n       - name: d\n");
    p.no_diags();
    assert_eq!(p.outline(), "a(b) [Return type] c(d)");
}

#[test]
fn crlf_line_ends() {
    let p = parse("Method: x\r\n- name: a | type: A\r\n  - name: b | description: B\r\n");
    p.no_diags();
    assert_eq!(p.headers(), vec![("Method", "x")]);
    assert_eq!(p.outline(), "[Method] a(b)");
    assert_eq!(field(&p.entries()[0].children[0]).description, "B");
}

#[test]
fn one_of_members() {
    let p = parse("- name: m | type: M\n  - name: plain\n  - ONE-OF:  \n    - name: x\n    - name: y\n  - ONE-OF: second group\n    - name: z\n  - ONE-OF:\n");
    p.no_diags();
    assert_eq!(p.outline(), "m(plain, ONE-OF(x, y), ONE-OF(z), ONE-OF)");
}

#[test]
fn enum_values() {
    let p = parse(
        "- name: visibility | type: MessageVisibility | required: true\n  - ENUM:   \n    - BUSINESS_AND_PARTICIPANT: Visible to the participant and the business.\n    - BUSINESS:\n    - PARTICIPANT\n    - v2_Value: Has a | in it: and colons.\n- ENUM:\n",
    );
    p.no_diags();
    assert_eq!(p.outline(), "visibility(ENUM(BUSINESS_AND_PARTICIPANT, BUSINESS, PARTICIPANT, v2_Value)) ENUM");
    let values: Vec<_> = p.entries()[0].children[0]
        .children
        .iter()
        .map(|e| match &e.kind {
            EntryKind::EnumValue { name, description } => (*name, *description),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        values,
        vec![
            ("BUSINESS_AND_PARTICIPANT", "Visible to the participant and the business."),
            ("BUSINESS", ""),
            ("PARTICIPANT", ""),
            ("v2_Value", "Has a | in it: and colons."),
        ]
    );
    assert_eq!(p.pos(p.entries()[0].children[0].children[1].offset), (6, 5));
}

#[test]
fn field_line_under_an_enum_is_a_field() {
    let p = parse("- ENUM:\n  - name: x | type: string\n");
    p.no_diags();
    assert!(matches!(p.entries()[0].children[0].kind, EntryKind::Field(_)));
}

#[test]
fn malformed_enum_value() {
    let p = parse("- ENUM:\n  - Not A Name: x\n  - OK: y\n");
    assert_eq!(p.diags(), vec!["4:3 error: malformed enum value `Not A Name`; expected `- NAME: description`"]);
    assert_eq!(p.outline(), "ENUM(OK)");
}

#[test]
fn enum_value_outside_an_enum() {
    let p = parse("- name: m | type: M\n  - BUSINESS: b\n      - name: under\n  - name: after\n");
    assert_eq!(p.diags(), vec!["4:3 error: expected `- name: ...`"]);
    assert_eq!(
        p.diags[0].help.as_deref(),
        Some("`BUSINESS` reads as an enum value: enum values go under an `- enum:` line")
    );
    // The line is skipped with what is nested under it.
    assert_eq!(p.outline(), "m(after)");
}


#[test]
fn collapsed_block() {
    let block = " Method: sendMessage Description: Sends a message; the Method: field is set. URL: https://www.wixapis.com/inbox/v2/messages Method: POST Required parameters: message Method parameters: param name: message | type: Message | required: true - name: content | type: MessageContent - ONE-OF: - name: basic | type: Basic Return type: SendMessageResponse - name: message | type: Message - name: visibility | type: V - ENUM: - BUSINESS: b - PARTICIPANT: p\n";
    let p = parse(block);
    assert_eq!(
        p.headers(),
        vec![
            ("Method", "sendMessage"),
            ("Description", "Sends a message; the Method: field is set."),
            ("URL", "https://www.wixapis.com/inbox/v2/messages"),
            ("Method", "POST"),
            ("Required parameters", "message"),
            ("Method parameters", ""),
            ("Return type", "SendMessageResponse"),
        ]
    );
    assert!(p.entries().is_empty());
    assert_eq!(
        p.diags(),
        vec!["3:186 warning: white space of this block was collapsed; 9 schema entries could not be nested and were skipped"]
    );
    let span = p.diags[0].span.as_ref().unwrap();
    assert_eq!(&p.file.text[span.start..span.end], "param name:");
    for item in &p.block.items {
        let BlockItem::Header(h) = item else { continue };
        assert!(p.file.text[h.offset..].starts_with(&format!("{}:", h.key)));
        if !h.value.is_empty() {
            assert!(p.file.text[h.value_offset..].starts_with(h.value));
        }
    }
}

#[test]
fn collapsed_block_with_one_entry_and_no_entries() {
    let p = parse("Type: Message Object | type: Message Description: A message. - name: id | type: string\n");
    assert_eq!(
        p.diags(),
        vec![
            "3:62 warning: white space of this block was collapsed; 1 schema entry could not be nested and was skipped"
        ]
    );
    assert_eq!(p.headers(), vec![("Type", "Message Object | type: Message"), ("Description", "A message.")]);
    let p = parse("\n Method: listThings URL: https://x.y/things Method: GET Return type: ListThingsResponse\n\n");
    p.no_diags();
    assert_eq!(
        p.headers(),
        vec![
            ("Method", "listThings"),
            ("URL", "https://x.y/things"),
            ("Method", "GET"),
            ("Return type", "ListThingsResponse"),
        ]
    );
}

#[test]
fn collapsed_enum_type_page() {
    let p = parse(
        " Type: ContentType Object | type: ContentType Description: Kinds. - ENUM: - BASIC: Basic. - FORM: A form.\n",
    );
    assert_eq!(p.headers(), vec![("Type", "ContentType Object | type: ContentType"), ("Description", "Kinds.")]);
    assert_eq!(
        p.diags(),
        vec!["3:67 warning: white space of this block was collapsed; 3 schema entries could not be nested and were skipped"]
    );
}

#[test]
fn one_line_blocks_that_are_not_collapsed() {
    let p = parse(" Type: Message Object | type: Message\n");
    p.no_diags();
    assert_eq!(p.headers(), vec![("Type", "Message Object | type: Message")]);
    let p = parse("param name: a | description: the Method: field\n");
    p.no_diags();
    assert_eq!(field(p.entries()[0]).description, "the Method: field");
}

#[test]
fn subtree_of_a_skipped_line_is_skipped() {
    let p = parse("- name: a\n  - oops: x\n    - name: child\n      - name: grandchild\n  - name: b\n");
    assert_eq!(p.diags(), vec!["4:3 error: expected `- name: ...`"]);
    assert_eq!(p.outline(), "a(b)");
    // The line and the two under it are counted as left out.
    assert_eq!(p.diags[0].dropped, 3);
}

#[test]
fn ten_thousand_levels_deep() {
    let n = 10_000;
    let mut block = String::with_capacity(n * n / 2 + n * 16);
    for i in 0..n {
        block.extend(std::iter::repeat_n(' ', i));
        block.push_str("- name: f\n");
    }
    block.push_str("- name: last\n");
    let p = parse(&block);
    assert_eq!(p.diags(), vec![format!("{}:{} error: nesting deeper than 256 levels", 3 + 256, 257)]);
    assert_eq!(p.diags[0].dropped as usize, n - MAX_DEPTH);
    let entries = p.entries();
    assert_eq!(entries.len(), 2);
    let mut depth = 1;
    let mut e = entries[0];
    while let Some(child) = e.children.first() {
        assert_eq!(e.children.len(), 1);
        depth += 1;
        e = child;
    }
    assert_eq!(depth, MAX_DEPTH);
    assert_eq!(shape(entries[1]), "last");
}

#[test]
fn ten_megabyte_lines() {
    const MB10: usize = 10 << 20;
    // A field line of many segments: description continuations, extras, bad segments.
    let mut line = String::from("- name: big | description: start");
    while line.len() < MB10 {
        line.push_str(" | more text | k: v | `a|b` | é:é | ");
    }
    line.push('\n');
    let p = parse(&line);
    let f = field(p.entries()[0]);
    assert_eq!(f.name.value, "big");
    assert!(f.description.starts_with("start | more text"));
    assert_eq!(f.extra_value("k"), Some("v"));
    assert_eq!(p.diags.len(), 17, "{:?}", p.diags());

    // One word, no colon.
    let p = parse(&"x".repeat(MB10));
    assert_eq!(p.diags.len(), 1);
    assert!(p.diags[0].message.starts_with("unrecognised schema line"));

    // A collapsed block.
    let mut line = String::from(" Method: m URL: https://x.y Method: POST Method parameters:");
    while line.len() < MB10 {
        line.push_str(" param name: a | type: T - name: b | description: Method: URL: x");
    }
    let p = parse(&line);
    assert_eq!(p.headers().len(), 4);
    assert_eq!(p.diags.len(), 1);
    assert!(p.diags[0].message.contains("schema entries could not be nested"));
}

#[test]
fn out_of_range_or_split_offsets_do_not_panic() {
    let file = SourceFile::new("page.md", "é- name: a\n");
    for (start, end) in [(0, 100), (1, 5), (5, 1), (100, 200), (1, 1)] {
        let _ = parse_schema_block(&file, start, end);
    }
    // A start inside a character moves to the next one, an end to the previous one.
    let (block, diags) = parse_schema_block(&file, 1, 100);
    assert!(diags.is_empty());
    assert_eq!(block.items.len(), 1);
    let (block, diags) = parse_schema_block(&file, 0, 1);
    assert!(diags.is_empty());
    assert_eq!(block.items.len(), 0);
}

#[test]
fn odd_lines_do_not_panic() {
    for text in [
        "|",
        ":",
        "-",
        "- :",
        "- |",
        "param name:|",
        "- name: a |||| : |",
        "::::",
        "- ENUM:\n  -\n  - :\n",
        "\u{2003}- name: é",
    ] {
        let _ = parse(text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Any mix of the grammar's pieces parses without panicking, and everything found is
    /// located inside the block.
    #[test]
    fn never_panics(pieces in proptest::collection::vec(0usize..PIECES.len(), 0..120)) {
        let block: String = pieces.iter().map(|&i| PIECES[i]).collect();
        let p = parse(&block);
        let (lo, hi) = (PRE.len(), PRE.len() + block.len());
        for d in &p.diags {
            let span = d.span.as_ref().unwrap();
            prop_assert!(lo <= span.start && span.start <= span.end && span.end <= hi, "{:?}", d);
        }
        let mut stack: Vec<&Entry> = p.entries();
        while let Some(e) = stack.pop() {
            prop_assert!(lo <= e.offset && e.offset < hi);
            if let EntryKind::Field(f) = &e.kind {
                prop_assert!(lo <= f.name.offset && f.name.offset < hi);
                prop_assert!(!f.name.value.is_empty());
            }
            stack.extend(e.children.iter());
        }
        for item in &p.block.items {
            if let BlockItem::Header(h) = item {
                prop_assert!(lo <= h.offset && h.offset <= h.value_offset && h.value_offset <= hi);
            }
        }
    }
}

const PIECES: &[&str] = &[
    "- name: ",
    "param name: ",
    " | ",
    "|",
    ":",
    " ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "Array<",
    ">",
    "<",
    "`",
    "- ENUM:",
    "- ONE-OF:",
    "é",
    "description: ",
    "validation: ",
    "minLength ",
    "maximum ",
    ",",
    "x",
    "X_1",
    "Method: ",
    "URL: ",
    "Return type: ",
    "type: ",
    "required: ",
    "true",
    "maybe",
    "- A: ",
    "string (date-time)",
    "# Note: ",
    "(",
    "]",
    "\u{2003}",
];
