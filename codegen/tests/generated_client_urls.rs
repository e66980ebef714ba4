//! The typed client `wixgen generate` writes, called as a user calls it, against a mock
//! server on 127.0.0.1 that records every request: URL variables reach the wire as the
//! pages write them.
//!
//! The pages are `fixtures/library/` (in our own words): `updateShelf` is
//! `PUT /library/v1/shelves/{shelf.id}` (a field-path variable: the shelf goes whole in the
//! body, its ID in the path), `readFile` is `GET /library/v1/archive/{path=**}` (a
//! wildcard: the value's slashes stay separators), and `get` of two namespaces and
//! `listBooks` twice give the methods `shelves_get`, `loan_get` and `list_books2`. The
//! crate is built in the nested workspace of `common/nested.rs` with a small program that
//! makes the calls; this test runs the server, the program, and checks what arrived.

mod common {
    pub mod nested;
}

use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use serde_json::{json, Value};

use common::nested::{cargo, generate, workspace, workspace_of};

/// One request as the server saw it: the verb, the path and query exactly as sent (still
/// percent-encoded), the `Authorization` header and the body.
#[derive(Clone, Debug, PartialEq)]
struct Seen {
    verb: String,
    target: String,
    authorization: String,
    body: Option<Value>,
}

/// The mock: records each request, answers the library's routes with fixed JSON.
async fn answer(seen: Arc<Mutex<Vec<Seen>>>, verb: Method, uri: Uri, headers: HeaderMap, body: Bytes) -> Response {
    let body: Option<Value> = (!body.is_empty()).then(|| serde_json::from_slice(&body).expect("a JSON body"));
    let target = uri.path_and_query().map(|p| p.as_str().to_string()).unwrap_or_default();
    let authorization = headers.get("authorization").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    seen.lock().unwrap().push(Seen { verb: verb.to_string(), target, authorization, body: body.clone() });
    let path = uri.path();
    let reply = match (&verb, path) {
        (&Method::PUT, p) if p.starts_with("/library/v1/shelves/") => json!({"shelf": body.and_then(|b| b.get("shelf").cloned())}),
        (&Method::GET, p) if p.starts_with("/library/v1/archive/") => json!({"file": {"path": "as stored", "pages": 12}}),
        (&Method::GET, "/library/v1/shelves/east-3") => json!({"shelf": {"id": "east-3", "label": "Poetry", "capacity": 40}}),
        (&Method::GET, "/library/v1/loans/L-1") => json!({"loan": {"id": "L-1", "bookId": "B-9"}}),
        (&Method::GET, "/library/v2/books") => json!({"books": [{"id": "B-9", "title": "Odes"}]}),
        _ => return json_response(StatusCode::NOT_FOUND, json!({"message": "no such route"})),
    };
    json_response(StatusCode::OK, reply)
}

fn json_response(status: StatusCode, body: Value) -> Response {
    (status, [(axum::http::header::CONTENT_TYPE, "application/json")], body.to_string()).into_response()
}

/// The user's program: each call, one line of what came back.
const PROGRAM: &str = r#"//! Calls the generated Library client against the base URL given as its argument.

use library::client::{Credentials, LibraryClient};
use library::{FileQuality, ReadFileRequest, Shelf};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let base = std::env::args().nth(1).expect("the mock server's base URL");
    let client = LibraryClient::builder(Credentials::access_token("test-token")).base_url(base).build().unwrap();

    // `{shelf.id}`: the shelf whole in the body, its ID (escaped) in the path.
    let mut shelf = Shelf::default();
    shelf.id = Some("east 3/b".into());
    shelf.label = Some("Poetry".into());
    shelf.capacity = Some(40);
    let stored = client.update_shelf(shelf).await.unwrap();
    println!("update_shelf: {:?}", stored.shelf.and_then(|s| s.label));

    // `{path=**}`: the folders stay separators, each segment escaped; the rest in the query.
    let request = ReadFileRequest::new("maps/north wing.png").with_quality(FileQuality::Full);
    let file = client.call(&request).await.unwrap();
    println!("read_file: {:?}", file.file.and_then(|f| f.pages));
    let file = client.read_file("scans/1999/ledger@2.pdf").await.unwrap();
    println!("read_file: {:?}", file.file.and_then(|f| f.pages));

    // One name in two namespaces, and a name the pages use twice.
    let shelf = client.shelves_get("east-3").await.unwrap();
    println!("shelves_get: {:?}", shelf.shelf.and_then(|s| s.capacity));
    let loan = client.loan_get("L-1").await.unwrap();
    println!("loan_get: {:?}", loan.loan.and_then(|l| l.book_id));
    let books = client.list_books2("east-3".to_string()).await.unwrap();
    println!("list_books2: {}", books.books.len());

    // Refused before anything is sent: a shelf without its ID, a path that climbs.
    println!("no id: {}", client.update_shelf(Shelf::default()).await.unwrap_err());
    println!("climbs: {}", client.read_file("maps/../secrets").await.unwrap_err());
}
"#;

#[test]
fn url_variables_reach_a_mock_server_through_the_generated_methods() {
    let tmp = tempfile::tempdir().unwrap();
    generate(&workspace().join("codegen/tests/fixtures/library"), &tmp.path().join("library"), "library").unwrap();
    let calls = tmp.path().join("library-calls");
    std::fs::create_dir_all(calls.join("src")).unwrap();
    std::fs::write(
        calls.join("Cargo.toml"),
        "[package]\nname = \"library-calls\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\n\
         library = { path = \"../library\" }\n\
         tokio = { version = \"1\", features = [\"macros\", \"rt\"] }\n",
    )
    .unwrap();
    std::fs::write(calls.join("src/main.rs"), PROGRAM).unwrap();
    // The client's table tells apart the methods that share a name.
    let client = std::fs::read_to_string(tmp.path().join("library/src/api/client.rs")).unwrap();
    assert!(client.contains("//! | `get` (`GET /library/v1/loans/{id}`) | [`loan_get`](LibraryClient::loan_get) | none |"), "{client}");
    assert!(client.contains("//! | `readFile` | [`read_file`](LibraryClient::read_file) | none |"), "{client}");
    workspace_of(tmp.path(), &["library", "library-calls"]);
    let build = cargo(tmp.path(), &["build", "-p", "library-calls"]);
    assert!(build.status.success(), "{}", String::from_utf8_lossy(&build.stderr));

    // The server runs on a runtime of its own while the program runs.
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = seen.clone();
    let app = Router::new().fallback(move |verb: Method, uri: Uri, headers: HeaderMap, body: Bytes| answer(record.clone(), verb, uri, headers, body));
    let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    runtime.spawn(async move { axum::serve(listener, app).await.unwrap() });

    let run = cargo(tmp.path(), &["run", "-q", "-p", "library-calls", "--", &base]);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&run.stderr));
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "update_shelf: Some(\"Poetry\")",
            "read_file: Some(12)",
            "read_file: Some(12)",
            "shelves_get: Some(40)",
            "loan_get: Some(\"B-9\")",
            "list_books2: 1",
            "no id: could not encode the request: path parameter `shelf.id` is not set",
            "climbs: could not encode the request: path parameter `path` has the segment `..`, which would change the path",
        ]
    );

    let seen = seen.lock().unwrap().clone();
    let request = |verb: &str, target: &str, body: Option<Value>| Seen {
        verb: verb.into(),
        target: target.into(),
        authorization: "test-token".into(),
        body,
    };
    assert_eq!(
        seen,
        [
            request("PUT", "/library/v1/shelves/east%203%2Fb", Some(json!({"shelf": {"id": "east 3/b", "label": "Poetry", "capacity": 40}}))),
            request("GET", "/library/v1/archive/maps/north%20wing.png?quality=FULL", None),
            request("GET", "/library/v1/archive/scans/1999/ledger%402.pdf", None),
            request("GET", "/library/v1/shelves/east-3", None),
            request("GET", "/library/v1/loans/L-1", None),
            request("GET", "/library/v2/books?shelfId=east-3", None),
        ],
        "the two refused calls must send nothing"
    );
}
