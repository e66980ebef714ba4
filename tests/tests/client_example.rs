//! The example program (`cargo run -p wix-local-server --example inbox_demo`),
//! run through the library function its `main` calls.

#[tokio::test]
async fn the_example_sends_and_lists_messages() {
    let mut out = Vec::new();
    let summary = wix_local_server::demo::run(&mut out).await.unwrap();
    let out = String::from_utf8(out).unwrap();
    assert_eq!(summary.sent, 4, "{out}");
    assert_eq!(summary.listed, 4, "{out}");
    assert_eq!(summary.pages, 2, "{out}");
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].starts_with("local Inbox server on http://127.0.0.1:"),
        "{out}"
    );
    assert!(lines[1].ends_with("(new: true)"), "{out}");
    assert_eq!(lines[2], "sent #1: Hello!");
    assert_eq!(lines[6], "listed 4 messages, newest first:");
    assert_eq!(lines[7], "  #4: Thanks for shopping with us.");
    assert_eq!(lines[10], "  #1: Hello!");
    assert_eq!(lines[11], "(2 pages of at most 3)");
}
