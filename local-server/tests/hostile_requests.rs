//! Requests meant to hurt the server: deeply nested query keys and bodies (refused
//! with 400 and Wix's error body, the server going on), connections that send half a
//! request or nothing and are closed after the configured timeouts (over raw TCP), and
//! the errors hyper answers itself before a request reaches the routes.

mod support;

use std::time::Duration;

use serde_json::{json, Value};
use support::{answer, assert_error, Api};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use wix_local_server::{start, start_with, LocalServer, ServerConfig, MAX_NESTING_DEPTH};

const CONTACT: &str = "c0ffee00-1234-4abc-8def-0123456789ab";

/// The server still answers: a conversation for a contact.
async fn still_answers(server: &LocalServer) {
    let api = Api::new(server);
    let answer = api
        .post(
            "/inbox/v2/conversations",
            json!({"participantId": {"contactId": CONTACT}}),
        )
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
}

/// A dotted query key `a.a.…` of `levels` parts.
fn dotted_key(levels: usize) -> String {
    vec!["a"; levels].join(".")
}

#[tokio::test]
async fn a_deeply_nested_query_key_is_a_400_not_a_crash() {
    let server = start().await.unwrap();
    let api = Api::new(&server);
    let conversation = {
        let answer = api
            .post(
                "/inbox/v2/conversations",
                json!({"participantId": {"contactId": CONTACT}}),
            )
            .await;
        answer.body["conversation"]["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let list = |key: String| {
        format!("/inbox/v2/messages?conversationId={conversation}&visibility=BUSINESS_AND_PARTICIPANT&{key}=1")
    };
    // 20,000 levels overflowed the stack and killed the process.
    for levels in [20_000, MAX_NESTING_DEPTH + 1] {
        let answer = api.get(&list(dotted_key(levels))).await;
        assert_error(&answer, 400, None);
        let message = answer.body["message"].as_str().unwrap();
        assert!(message.contains("nested"), "{message}");
        // The message names the key without repeating all of it.
        assert!(message.len() < 400, "{message}");
    }
    // Within the bound, a key nests as before (an unknown one is ignored).
    let answer = api.get(&list(dotted_key(MAX_NESTING_DEPTH))).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let answer = api
        .get(&format!(
            "/inbox/v2/messages?conversationId={conversation}&visibility=BUSINESS_AND_PARTICIPANT&paging.limit=2"
        ))
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    still_answers(&server).await;
}

/// JSON nested `levels` deep: `{"a": {"a": … 1 …}}`.
fn nested_object(levels: usize) -> String {
    format!("{}1{}", "{\"a\": ".repeat(levels), "}".repeat(levels))
}

/// A `$not` filter nested `levels` deep around one test, as JSON text (a `Value` that
/// deep would overflow the test's own stack when dropped).
fn nested_filter(levels: usize) -> String {
    format!(
        r#"{}{{"primaryInfo.email": "ann@example.com"}}{}"#,
        r#"{"$not": "#.repeat(levels),
        "}".repeat(levels)
    )
}

/// A body for each kind of route, nested `depth` deep in all: inside an API route's
/// body, a body decoded from a request type (a filter, a contact's extended fields), an
/// admin route's body, and bare arrays.
fn bodies(depth: usize) -> [(&'static str, String); 5] {
    [
        (
            "/inbox/v2/messages",
            format!(
                r#"{{"conversationId": "x", "message": {}}}"#,
                nested_object(depth - 1)
            ),
        ),
        (
            "/contacts/v4/contacts/query",
            format!(r#"{{"query": {{"filter": {}}}}}"#, nested_filter(depth - 3)),
        ),
        (
            "/contacts/v4/contacts",
            format!(
                r#"{{"info": {{"name": {{"first": "Deep"}}, "extendedFields": {{"items": {{"custom.deep": {}}}}}}}}}"#,
                nested_object(depth - 4)
            ),
        ),
        ("/_local/visitors", nested_object(depth)),
        (
            "/members/v1/members/query",
            format!("{}{}", "[".repeat(depth), "]".repeat(depth)),
        ),
    ]
}

async fn post_raw(server: &LocalServer, path: &str, body: String) -> support::Answer {
    let request = reqwest::Client::new()
        .post(format!("{}{path}", server.base_url()))
        .header("authorization", "dev")
        .header("content-type", "application/json")
        .body(body);
    answer(request).await
}

#[tokio::test]
async fn deeply_nested_bodies_are_400s_on_every_kind_of_route() {
    let server = start().await.unwrap();
    let api = Api::new(&server);
    // One level too deep, and far deeper than serde_json's own limit: each is refused
    // before it is decoded.
    for depth in [MAX_NESTING_DEPTH + 1, 100_000] {
        for (path, body) in bodies(depth) {
            let answer = post_raw(&server, path, body).await;
            assert_error(&answer, 400, None);
            let message = answer.body["message"].as_str().unwrap();
            assert!(message.contains("nested"), "{path}: {message}");
        }
    }
    // At the bound, each is read and answered for what it is (the server goes on, and
    // nothing fails on its side).
    for (path, body) in bodies(MAX_NESTING_DEPTH) {
        let answer = post_raw(&server, path, body).await;
        assert!(answer.status < 500, "{path}: {}", answer.body);
        let message = answer.body["message"].as_str().unwrap_or_default();
        assert!(!message.contains("nested"), "{path}: {message}");
    }
    let filter = nested_filter(MAX_NESTING_DEPTH - 3);
    let at_bound = format!(r#"{{"query": {{"filter": {filter}}}}}"#);
    let answer = post_raw(&server, "/contacts/v4/contacts/query", at_bound).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    // Brackets inside strings are text, not nesting.
    let text = "[{".repeat(10 * MAX_NESTING_DEPTH);
    let answer = api.post("/_local/visitors", json!({ "text": text })).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    still_answers(&server).await;
}

/// A server whose connection timeouts are short, for the tests that wait for them.
async fn impatient_server() -> LocalServer {
    start_with(ServerConfig {
        header_read_timeout: Duration::from_millis(300),
        body_idle_timeout: Duration::from_millis(300),
        ..ServerConfig::default()
    })
    .await
    .unwrap()
}

/// Reads until the server closes the connection (or resets it): what it sent. Fails
/// the test if the connection is still open after 20 s (the server's timeouts in these
/// tests are far shorter: this bounds a failing test, it measures nothing).
async fn read_until_closed(socket: &mut TcpStream) -> String {
    let mut received = Vec::new();
    let read = async {
        let mut buf = [0u8; 4096];
        loop {
            match socket.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => received.extend_from_slice(&buf[..n]),
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(20), read)
        .await
        .expect("the server closes the connection");
    String::from_utf8_lossy(&received).into_owned()
}

#[tokio::test]
async fn a_half_sent_head_is_closed_after_the_header_read_timeout() {
    let server = impatient_server().await;
    // Half a request head, never finished.
    let mut socket = TcpStream::connect(server.addr()).await.unwrap();
    socket
        .write_all(b"GET /inbox/v2/messages HTTP/1.1\r\nhost: x\r\nauthoriz")
        .await
        .unwrap();
    read_until_closed(&mut socket).await;
    // Nothing at all.
    let mut silent = TcpStream::connect(server.addr()).await.unwrap();
    read_until_closed(&mut silent).await;
    // A kept-alive connection: answered, then closed when no next request comes.
    let mut kept = TcpStream::connect(server.addr()).await.unwrap();
    kept.write_all(b"GET /_local/stats HTTP/1.1\r\nhost: x\r\n\r\n")
        .await
        .unwrap();
    let got = read_until_closed(&mut kept).await;
    assert!(got.starts_with("HTTP/1.1 200"), "{got}");
    still_answers(&server).await;
}

#[tokio::test]
async fn a_stalled_body_is_a_408_and_its_connection_closed() {
    let server = impatient_server().await;
    let mut socket = TcpStream::connect(server.addr()).await.unwrap();
    socket
        .write_all(
            b"POST /_local/visitors HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n\
              content-length: 100\r\n\r\n{\"text\": ",
        )
        .await
        .unwrap();
    let got = read_until_closed(&mut socket).await;
    assert!(got.starts_with("HTTP/1.1 408"), "{got}");
    let body = got.split("\r\n\r\n").nth(1).unwrap_or_default();
    let body: Value = serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {got}"));
    assert!(
        body["message"].is_string() && body["details"].is_object(),
        "{body}"
    );
    still_answers(&server).await;
}

#[test]
fn the_default_timeouts_are_the_documented_ones() {
    let config = ServerConfig::default();
    assert_eq!(config.header_read_timeout, Duration::from_secs(30));
    assert_eq!(config.body_idle_timeout, Duration::from_secs(30));
}

/// Sends `request` as it is and reads the whole answer (the server closes after it).
async fn raw_exchange(server: &LocalServer, request: &[u8]) -> String {
    let mut socket = TcpStream::connect(server.addr()).await.unwrap();
    socket.write_all(request).await.unwrap();
    read_until_closed(&mut socket).await
}

#[tokio::test]
async fn errors_hyper_answers_itself_have_empty_bodies_as_documented() {
    // These never reach the routes: hyper answers them, with no body, and closes the
    // connection (local-server/README.md says so).
    let server = impatient_server().await;
    let long_uri = format!("GET /{} HTTP/1.1\r\nhost: x\r\n\r\n", "a".repeat(70_000));
    let many_headers = format!(
        "GET / HTTP/1.1\r\nhost: x\r\n{}\r\n",
        (0..200)
            .map(|i| format!("x-{i}: 1\r\n"))
            .collect::<String>()
    );
    for (request, status) in [
        (b"NOT HTTP AT ALL\r\n\r\n".to_vec(), "400"),
        (long_uri.into_bytes(), "414"),
        (many_headers.into_bytes(), "431"),
    ] {
        let got = raw_exchange(&server, &request).await;
        assert!(got.starts_with(&format!("HTTP/1.1 {status}")), "{got}");
        assert!(
            got.to_ascii_lowercase().contains("content-length: 0"),
            "{got}"
        );
    }
    still_answers(&server).await;
}
