//! Retries under injected faults: GETs retried on 429/502/503/504 and connection
//! failures, bounded in count and time, honouring Retry-After (seconds or a date in any of
//! the three HTTP forms); POSTs never retried.
//! Checked with the server's request counter and the client's retry observer, never
//! with the clock.

mod inbox_support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use inbox_support::{builder, client, conversation_of, fast_retries, text};
use wix_inbox::client::{Credentials, Error, InboxClient, RetryEvent, RetryPolicy, RetryReason};
use wix_inbox::ContactId;
use wix_local_server::{start, LocalServer};

const CONTACT: ContactId = ContactId::from_literal("4d5e6f70-1111-4222-8333-444455556666");

/// A client whose retries are recorded.
fn observed(server: &LocalServer, policy: RetryPolicy) -> (InboxClient, Arc<Mutex<Vec<RetryEvent>>>) {
    let events = Arc::new(Mutex::new(Vec::new()));
    let sink = events.clone();
    let client = builder(server)
        .retry_policy(policy)
        .on_retry(move |e| sink.lock().unwrap().push(*e))
        .build()
        .unwrap();
    (client, events)
}

#[tokio::test]
async fn a_get_is_retried_through_each_retryable_status() {
    for status in [429, 502, 503, 504] {
        let server = start().await.unwrap();
        let id = conversation_of(&client(&server), CONTACT).await;
        let (client, events) = observed(&server, fast_retries(3));
        server.faults().fail_next(status, 2);
        let got = client.get_conversation(id).await;
        assert!(got.is_ok(), "{status}: {got:?}");
        assert_eq!(
            server.inbox().request_count("getConversation"),
            3,
            "{status}"
        );
        let events = events.lock().unwrap();
        let reasons: Vec<_> = events.iter().map(|e| (e.retry, e.reason)).collect();
        assert_eq!(
            reasons,
            [
                (1, RetryReason::Status(status)),
                (2, RetryReason::Status(status))
            ]
        );
        assert!(events.iter().all(|e| e.method == "getConversation"));
    }
}

#[tokio::test]
async fn other_statuses_are_not_retried() {
    let server = start().await.unwrap();
    let id = conversation_of(&client(&server), CONTACT).await;
    let (client, events) = observed(&server, fast_retries(3));
    for status in [500, 501, 400, 404] {
        server.faults().fail_next(status, 1);
        let e = client.get_conversation(id).await.unwrap_err();
        assert_eq!(e.status(), Some(status));
    }
    assert_eq!(server.inbox().request_count("getConversation"), 4);
    assert!(events.lock().unwrap().is_empty());
}

#[tokio::test]
async fn retries_are_bounded_in_count() {
    let server = start().await.unwrap();
    let id = conversation_of(&client(&server), CONTACT).await;
    let (client, events) = observed(&server, fast_retries(2));
    server.faults().fail_next(503, 10);
    let e = client.get_conversation(id).await.unwrap_err();
    assert!(matches!(e, Error::Status { status: 503, .. }), "{e:?}");
    assert_eq!(server.inbox().request_count("getConversation"), 3);
    assert_eq!(events.lock().unwrap().len(), 2);
}

#[tokio::test]
async fn a_post_is_never_retried() {
    let server = start().await.unwrap();
    let (client, events) = observed(&server, fast_retries(5));
    server.faults().fail_next(503, 3);
    let e = client
        .get_or_create_conversation(CONTACT)
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(503));
    assert_eq!(server.inbox().request_count("getOrCreateConversation"), 1);

    server.faults().clear();
    let id = conversation_of(&client, CONTACT).await;
    server.faults().fail_next(429, 3);
    let e = client.send_message(id, text("once")).await.unwrap_err();
    assert_eq!(e.status(), Some(429));
    assert_eq!(server.inbox().request_count("sendMessage"), 1);
    assert!(events.lock().unwrap().is_empty());
}

#[tokio::test]
async fn retry_after_is_honoured() {
    let server = start().await.unwrap();
    let id = conversation_of(&client(&server), CONTACT).await;
    let (client, events) = observed(&server, fast_retries(3));
    server.faults().fail_next_with_retry_after(503, 1, 1);
    client.get_conversation(id).await.unwrap();
    let events = events.lock().unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].retry_after, Some(Duration::from_secs(1)));
    // The computed backoff is at most 4 ms; the wait is what the server asked.
    assert_eq!(events[0].delay, Duration::from_secs(1));
}

#[tokio::test]
async fn retries_are_bounded_in_time() {
    let server = start().await.unwrap();
    let id = conversation_of(&client(&server), CONTACT).await;
    let policy = RetryPolicy {
        max_elapsed: Duration::from_secs(60),
        ..fast_retries(5)
    };
    let (client, events) = observed(&server, policy);
    // Waiting an hour would end past the time limit: give up at once.
    server.faults().fail_next_with_retry_after(503, 1, 3600);
    let e = client.get_conversation(id).await.unwrap_err();
    assert_eq!(e.status(), Some(503));
    assert_eq!(server.inbox().request_count("getConversation"), 1);
    assert!(events.lock().unwrap().is_empty());
}

#[tokio::test]
async fn connection_failures_are_retried_for_gets_only() {
    // A port where nothing listens any more.
    let gone = start().await.unwrap();
    let url = gone.base_url();
    gone.shutdown().await.unwrap();
    let server = start().await.unwrap();
    let (client, events) = observed(&server, fast_retries(2));
    let client_gone = {
        let sink = events.clone();
        builder(&server)
            .base_url(url)
            .retry_policy(fast_retries(2))
            .on_retry(move |e| sink.lock().unwrap().push(*e))
            .build()
            .unwrap()
    };
    drop(client);
    let e = client_gone
        .get_conversation(wix_inbox::ConversationId::from_literal(
            "00000000-0000-4000-8000-000000000000",
        ))
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Transport(_)), "{e:?}");
    {
        let events = events.lock().unwrap();
        assert_eq!(events.len(), 2);
        assert!(events.iter().all(|e| e.reason == RetryReason::Connect));
    }
    events.lock().unwrap().clear();
    let e = client_gone
        .get_or_create_conversation(CONTACT)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Transport(_)), "{e:?}");
    assert!(events.lock().unwrap().is_empty(), "a POST is not retried");
}

/// A server that answers every request 503 with `Retry-After: {retry_after}`, over raw
/// TCP (the local server sends seconds only): its address and a request counter.
async fn unavailable_with(retry_after: &'static str) -> (String, Arc<Mutex<usize>>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let count = Arc::new(Mutex::new(0));
    let counter = count.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let counter = counter.clone();
            tokio::spawn(async move {
                // A GET without a body: its head ends the request.
                let mut head = Vec::new();
                let mut buf = [0u8; 1024];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match socket.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                *counter.lock().unwrap() += 1;
                let body = r#"{"message":"try later","details":{}}"#;
                let answer = format!(
                    "HTTP/1.1 503 Service Unavailable\r\nretry-after: {retry_after}\r\n\
                     content-type: application/json\r\ncontent-length: {}\r\n\
                     connection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = socket.write_all(answer.as_bytes()).await;
            });
        }
    });
    (base, count)
}

#[tokio::test]
async fn retry_after_is_read_in_each_date_form() {
    // RFC 9110 has a recipient read the obsolete forms too. Dates in the past: a wait of
    // zero, which the observer reports as the server's `Retry-After` (before, the two
    // obsolete forms were not read and it reported none).
    for date in [
        "Sun, 06 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994",
    ] {
        let (base, count) = unavailable_with(date).await;
        let events = Arc::new(Mutex::new(Vec::new()));
        let sink = events.clone();
        let client = InboxClient::builder(Credentials::access_token("t"))
            .base_url(base)
            .retry_policy(fast_retries(1))
            .on_retry(move |e| sink.lock().unwrap().push(*e))
            .build()
            .unwrap();
        let id = wix_inbox::ConversationId::from_literal("00000000-0000-4000-8000-000000000000");
        let e = client.get_conversation(id).await.unwrap_err();
        assert_eq!(e.status(), Some(503), "{date}: {e:?}");
        assert_eq!(*count.lock().unwrap(), 2, "{date}");
        let events = events.lock().unwrap();
        assert_eq!(events.len(), 1, "{date}");
        assert_eq!(events[0].retry_after, Some(Duration::ZERO), "{date}");
    }
}
