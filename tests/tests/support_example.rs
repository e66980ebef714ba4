//! The cross-API example program (`cargo run -p wix-local-server --example
//! support_tool`), run through the library function its `main` calls: a contact found by
//! email (Contacts), written to (Inbox), turned into a member (Members), and still
//! written to in the right conversation through the lifecycle helper.

#[tokio::test]
async fn the_support_tool_follows_a_contact_becoming_a_member() {
    let mut out = Vec::new();
    let s = wix_local_server::support::run(&mut out).await.unwrap();
    let out = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[1], format!("contact {} has the email dana@example.com", s.contact), "{out}");
    assert_eq!(lines[3], format!("contact {} is now member {}", s.contact, s.member), "{out}");
    // Becoming a member moved the conversation; the later messages followed it.
    assert_ne!(s.first_conversation, s.conversation, "{out}");
    assert_eq!(
        s.texts,
        [
            "Hi, my order hasn't arrived.",
            "Sorry about the wait: your parcel left this morning.",
            "Welcome aboard!",
            "Your order is on its way.",
        ],
        "{out}"
    );
}
