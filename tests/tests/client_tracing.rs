//! Each call runs in a `wix_inbox.call` span with the method's name, and reports its
//! status, latency and tries; the token is never logged, even at TRACE level.

mod inbox_support;

use std::io::Write;
use std::sync::{Arc, Mutex};

use inbox_support::{client, conversation_of, TOKEN};
use wix_inbox::ContactId;
use wix_local_server::start;

const CONTACT: ContactId = ContactId::from_literal("6f708192-1111-4222-8333-444455556666");

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn calls_are_traced_without_the_token() {
    let captured = Captured::default();
    let sink = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || sink.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = start().await.unwrap();
    let client = client(&server);
    let id = conversation_of(&client, CONTACT).await;
    server.faults().fail_next(503, 1);
    client.get_conversation(id).await.unwrap();
    let _ = client
        .get_conversation(wix_inbox::ConversationId::from_literal(
            "00000000-0000-4000-8000-000000000000",
        ))
        .await
        .unwrap_err();

    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    let finished: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("call finished"))
        .collect();
    assert_eq!(finished.len(), 3, "{log}");
    assert!(
        finished[0].contains("wix_inbox.call")
            && finished[0].contains("method=\"getOrCreateConversation\""),
        "{}",
        finished[0]
    );
    assert!(finished[0].contains("status=200"), "{}", finished[0]);
    assert!(finished[0].contains("latency_ms="), "{}", finished[0]);
    assert!(
        finished[1].contains("method=\"getConversation\"") && finished[1].contains("tries=2"),
        "{}",
        finished[1]
    );
    assert!(finished[2].contains("status=404"), "{}", finished[2]);
    assert!(log.contains("retrying"), "{log}");
    assert!(!log.contains(TOKEN), "the token was logged:\n{log}");
    assert!(!log.contains("5ecret"), "the token was logged:\n{log}");
}
