//! `wixgen pull` against a docs server on 127.0.0.1 that serves fixture pages and menus
//! (in the real format: `# [Label](url)` headings, `- [Label](url.md)` items) and
//! misbehaves on purpose: a 404, a page that fails twice with 503, a 429 with
//! `Retry-After`, a slow page, redirects, a link loop, links off the host and outside
//! the start path, a page over the size limit. No test reaches the internet.
#![cfg(feature = "pull")]

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::response::Response;
use wixgen::pull::{self, Options, ProgressMode, PullError};

// ---------------------------------------------------------------------------------------
// The docs server

#[derive(Clone)]
enum Route {
    Page(String),
    /// These statuses first (with a `Retry-After`, if given), one a request, then the page.
    FailFirst(Vec<(u16, Option<&'static str>)>, String),
    Status(u16),
    /// The page, after this long.
    Slow(Duration, String),
    /// 302 to this location.
    Redirect(String),
}

#[derive(Default)]
struct Docs {
    routes: Mutex<HashMap<String, Route>>,
    hits: Mutex<HashMap<String, usize>>,
    agents: Mutex<Vec<String>>,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
    /// Added to every answer: keeps requests in flight long enough to overlap.
    delay: Mutex<Duration>,
}

impl Docs {
    fn route(&self, path: &str, route: Route) {
        self.routes.lock().unwrap().insert(path.to_string(), route);
    }
    fn page(&self, path: &str, text: &str) {
        self.route(path, Route::Page(text.to_string()));
    }
    fn remove(&self, path: &str) {
        self.routes.lock().unwrap().remove(path);
    }
    fn hits(&self, path: &str) -> usize {
        self.hits.lock().unwrap().get(path).copied().unwrap_or(0)
    }
    fn total_hits(&self) -> usize {
        self.hits.lock().unwrap().values().sum()
    }
}

struct InFlight<'a>(&'a Docs);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

async fn serve(State(docs): State<Arc<Docs>>, req: Request) -> Response {
    let now = docs.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    docs.max_in_flight.fetch_max(now, Ordering::SeqCst);
    let _guard = InFlight(&docs);
    let path = req.uri().path().to_string();
    let hit = {
        let mut hits = docs.hits.lock().unwrap();
        let n = hits.entry(path.clone()).or_default();
        *n += 1;
        *n
    };
    if let Some(agent) = req.headers().get(header::USER_AGENT).and_then(|v| v.to_str().ok()) {
        docs.agents.lock().unwrap().push(agent.to_string());
    }
    let delay = *docs.delay.lock().unwrap();
    tokio::time::sleep(delay).await;
    let route = docs.routes.lock().unwrap().get(&path).cloned();
    let page = |text: String| Response::builder().header(header::CONTENT_TYPE, "text/markdown; charset=utf-8").body(Body::from(text)).unwrap();
    let status = |code: u16| Response::builder().status(code).body(Body::from(format!("status {code}"))).unwrap();
    match route {
        None => status(404),
        Some(Route::Page(text)) => page(text),
        Some(Route::Status(code)) => status(code),
        Some(Route::FailFirst(fails, text)) => match fails.get(hit - 1) {
            Some((code, retry_after)) => {
                let mut r = Response::builder().status(*code);
                if let Some(after) = retry_after {
                    r = r.header(header::RETRY_AFTER, *after);
                }
                r.body(Body::empty()).unwrap()
            }
            None => page(text),
        },
        Some(Route::Slow(wait, text)) => {
            tokio::time::sleep(wait).await;
            page(text)
        }
        Some(Route::Redirect(to)) => Response::builder().status(StatusCode::FOUND).header(header::LOCATION, to).body(Body::empty()).unwrap(),
    }
}

/// A docs server on its own runtime; `base` is `http://127.0.0.1:<port>`.
struct Server {
    docs: Arc<Docs>,
    base: String,
    _runtime: tokio::runtime::Runtime,
}

fn server() -> Server {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let docs = Arc::new(Docs::default());
    let app = axum::Router::new().fallback(serve).with_state(docs.clone());
    let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    runtime.spawn(async move { axum::serve(listener, app).await.unwrap() });
    Server { docs, base, _runtime: runtime }
}

/// Options for tests: quick, and strict enough to see the limits.
fn options() -> Options {
    Options {
        concurrency: 3,
        min_interval: Duration::from_millis(20),
        timeout: Duration::from_secs(5),
        retries: 3,
        backoff: Duration::from_millis(10),
        max_backoff: Duration::from_millis(50),
        max_retry_after: Duration::from_secs(5),
        max_page_bytes: 64 * 1024,
        ..Options::default()
    }
}

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(f)
}

// ---------------------------------------------------------------------------------------
// Fixture pages

/// A method page in the real dialect: `createBed`; `Bed` has `fields` (schema lines).
fn method_page(fields: &str) -> String {
    format!(
        "# CreateBed\n\n# Package: greenhouse\n\n# Namespace: BedsService\n\n\
         # Method link: https://dev.wix.com/docs/api-reference/example/greenhouse/beds/create-bed.md\n\n\
         ## Permission Scopes:\nManage Beds: SCOPE.GREENHOUSE.MANAGE-BEDS\n\n## Introduction\n\nCreates a bed.\n\n---\n\n\
         ## REST API\n\n### Schema\n\n```\n Method: createBed\n Description: Creates a bed.\n\
         \x20URL: https://www.wixapis.com/greenhouse/v1/beds\n Method: POST\n Required parameters: bed, bed.name\n Method parameters: \n\
         \x20  param name: bed | type: Bed | description: The bed to create. | required: true\n{fields}\
         \x20Return type: CreateBedResponse\n  - name: bed | type: Bed | description: The bed, as stored. \n{fields}\n\n```\n"
    )
}

const NAME: &str = "     - name: name | type: string | description: Name of the bed. \n";
const AREA: &str = "     - name: area | type: number | description: Area in square metres. \n";

/// Every file below `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/"), std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

// ---------------------------------------------------------------------------------------
// Tests

/// A menu tree: nested menus, a link loop and duplicate links (fetched once), a link
/// without `.md`, a page that fails twice with 503, a 429 with `Retry-After`, a redirect
/// within the host, and links off the host and outside the start path (never fetched).
#[test]
fn a_menu_is_followed_and_its_pages_saved_mirroring_the_docs_with_a_lock() {
    let s = server();
    let other = server();
    let b = &s.base;
    let docs = &s.docs;
    let root_menu = format!(
        "# [Garden]({b}/docs/api/garden.md)\n\
         - [Create Bed]({b}/docs/api/garden/beds/create-bed.md)\n\
         ## [Beds]({b}/docs/api/garden/beds.md)\n\
         - [Bed Object]({b}/docs/api/garden/beds/bed-object)\n\
         - [Create Bed Again]({b}/docs/api/garden/beds/create-bed.md#examples)\n\
         - [Elsewhere]({}/docs/api/garden/elsewhere.md)\n\
         ## [Velo](https://dev.wix.com/docs/velo/garden.md)\n\
         - [Velo Beds]({b}/docs/velo/garden/beds.md)\n",
        other.base
    );
    let beds_menu = format!(
        "# [Beds]({b}/docs/api/garden/beds.md)\n\
         - [Garden]({b}/docs/api/garden.md)\n\
         - [Create Bed]({b}/docs/api/garden/beds/create-bed.md)\n\
         - [Flaky]({b}/docs/api/garden/beds/flaky.md)\n\
         - [Busy]({b}/docs/api/garden/beds/busy.md)\n\
         - [Moved]({b}/docs/api/garden/beds/moved.md)\n"
    );
    let create = method_page(&format!("{NAME}{AREA}"));
    docs.page("/docs/api/garden.md", &root_menu);
    docs.page("/docs/api/garden/beds.md", &beds_menu);
    docs.page("/docs/api/garden/beds/create-bed.md", &create);
    docs.page("/docs/api/garden/beds/bed-object.md", "Bed object page\n");
    docs.route("/docs/api/garden/beds/flaky.md", Route::FailFirst(vec![(503, None), (503, None)], "flaky page\n".into()));
    docs.route("/docs/api/garden/beds/busy.md", Route::FailFirst(vec![(429, Some("1"))], "busy page\n".into()));
    docs.route("/docs/api/garden/beds/moved.md", Route::Redirect("/docs/api/garden/beds/moved-here.md".into()));
    docs.page("/docs/api/garden/beds/moved-here.md", "moved page\n");
    docs.page("/docs/velo/garden/beds.md", "not to be fetched\n");
    other.docs.page("/docs/api/garden/elsewhere.md", "not to be fetched\n");

    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("specs/garden");
    std::fs::create_dir_all(&target).unwrap();
    std::fs::write(target.join("wixgen.toml"), "[ids]\n").unwrap();
    let options = options();
    let (pulled, plan) = block_on(pull::pull(&format!("{b}/docs/api/garden"), &target, &options, ProgressMode::Quiet)).unwrap();

    // On disk: the pages at their docs paths, the start menu as menu.md, the lock, and the
    // folder's own file kept.
    let files = snapshot(&target);
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "beds.md",
            "beds/bed-object.md",
            "beds/busy.md",
            "beds/create-bed.md",
            "beds/flaky.md",
            "beds/moved.md",
            "menu.md",
            "wixgen.lock",
            "wixgen.toml"
        ]
    );
    assert_eq!(files["menu.md"], root_menu.as_bytes());
    assert_eq!(files["beds/create-bed.md"], create.as_bytes());
    assert_eq!(files["beds/flaky.md"], b"flaky page\n");
    assert_eq!(files["beds/moved.md"], b"moved page\n");
    assert_eq!(files["wixgen.toml"], b"[ids]\n");
    assert_eq!(plan.added.len(), 7);
    assert!(plan.changed.is_empty() && plan.removed.is_empty());
    // Nothing left beside the folder.
    assert_eq!(names_in(&tmp.path().join("specs")), ["garden"]);

    // Each page fetched once, loops and duplicates included; the failing ones again until
    // they answered; nothing off the host or outside the start path.
    for page in ["garden.md", "garden/beds.md", "garden/beds/create-bed.md", "garden/beds/bed-object.md", "garden/beds/moved.md", "garden/beds/moved-here.md"] {
        assert_eq!(docs.hits(&format!("/docs/api/{page}")), 1, "{page}");
    }
    assert_eq!(docs.hits("/docs/api/garden/beds/flaky.md"), 3);
    assert_eq!(docs.hits("/docs/api/garden/beds/busy.md"), 2);
    assert_eq!(docs.hits("/docs/velo/garden/beds.md"), 0);
    assert_eq!(other.docs.total_hits(), 0);
    assert_eq!(docs.total_hits(), 11);
    let skipped: Vec<&str> = pulled.skipped.iter().map(|(link, _)| link.as_str()).collect();
    assert!(skipped.contains(&format!("{}/docs/api/garden/elsewhere.md", other.base).as_str()), "{skipped:?}");
    assert!(skipped.contains(&format!("{b}/docs/velo/garden/beds.md").as_str()), "{skipped:?}");
    assert!(skipped.contains(&"https://dev.wix.com/docs/velo/garden.md"), "{skipped:?}");
    // A descriptive User-Agent on every request.
    let agents = docs.agents.lock().unwrap().clone();
    assert_eq!(agents.len(), 11);
    assert!(agents.iter().all(|a| a == pull::USER_AGENT && a.starts_with("wixgen/")), "{agents:?}");

    // The lock: per page its URL, the SHA-256 of its bytes, when it was fetched.
    let lock = pull::lock::Lock::read(&target).unwrap().unwrap();
    assert_eq!(lock.source, format!("{b}/docs/api/garden"));
    let paths: Vec<&str> = lock.pages.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, names.iter().copied().filter(|n| n.ends_with(".md")).collect::<Vec<_>>());
    for p in &lock.pages {
        assert_eq!(p.sha256, pull::lock::sha256(&files[&p.path]), "{}", p.path);
        assert!(p.url.starts_with(&format!("{b}/docs/api/garden")) && p.url.ends_with(".md"), "{}", p.url);
        assert!(p.fetched.len() == 20 && p.fetched.ends_with('Z') && p.fetched.as_bytes()[10] == b'T', "{}", p.fetched);
    }
    assert_eq!(lock.page("beds/moved.md").unwrap().url, format!("{b}/docs/api/garden/beds/moved.md"));

    // The rate limit: every two request starts at least the interval apart (the starts are
    // the limiter's, read under its lock: no wall-clock tolerance needed).
    let mut starts: Vec<_> = pulled.requests.iter().map(|r| r.started).collect();
    assert_eq!(starts.len(), 10, "one request per attempt (the redirect is followed inside one)");
    starts.sort();
    for w in starts.windows(2) {
        assert!(w[1] - w[0] >= options.min_interval, "{:?}", w[1] - w[0]);
    }
    // The 429's Retry-After (1 s) held back the retry.
    let busy: Vec<_> = pulled.requests.iter().filter(|r| r.url.ends_with("/busy.md")).collect();
    assert_eq!(busy.iter().map(|r| r.outcome.as_str()).collect::<Vec<_>>(), ["429", "200"]);
    assert!(busy[1].started - busy[0].started >= Duration::from_secs(1));
    let flaky: Vec<_> = pulled.requests.iter().filter(|r| r.url.ends_with("/flaky.md")).map(|r| r.outcome.as_str()).collect();
    assert_eq!(flaky, ["503", "503", "200"]);

    // Pulling again changes nothing on disk, not even the lock's fetch times.
    let before = snapshot(&target);
    let (_, plan) = block_on(pull::pull(&format!("{b}/docs/api/garden"), &target, &options, ProgressMode::Quiet)).unwrap();
    assert!(plan.is_noop(), "{plan:?}");
    assert_eq!(snapshot(&target), before);
}

/// Each way a page can fail fails the pull, names the URL and why, and leaves the folder
/// exactly as it was.
#[test]
fn a_failed_pull_says_which_url_and_why_and_leaves_the_folder_untouched() {
    let s = server();
    let b = s.base.clone();
    let cases: Vec<(&str, Route, &str)> = vec![
        ("missing", Route::Status(404), "HTTP 404 Not Found"),
        ("slow", Route::Slow(Duration::from_secs(10), "late\n".into()), "timed out after 1s (2 attempt(s))"),
        ("huge", Route::Page("x".repeat(5000)), "the page is 5000 bytes, over the limit of 1000"),
        ("away", Route::Redirect("http://localhost:9/docs/away.md".into()), "off the host, not followed"),
        ("down", Route::Status(503), "HTTP 503 Service Unavailable (2 attempt(s))"),
        ("loop", Route::Redirect("/docs/loop/x/loop.md".into()), "redirects"),
    ];
    for (name, route, why) in cases {
        let menu = format!("# [{name}]({b}/docs/{name}.md)\n- [Fine]({b}/docs/{name}/fine.md)\n- [Bad]({b}/docs/{name}/bad.md)\n");
        s.docs.page(&format!("/docs/{name}.md"), &menu);
        s.docs.page(&format!("/docs/{name}/fine.md"), "fine\n");
        s.docs.route(&format!("/docs/{name}/bad.md"), route);
        if name == "loop" {
            s.docs.route("/docs/loop/x/loop.md", Route::Redirect(format!("/docs/{name}/bad.md")));
        }

        // A folder pulled before, with a file of its own.
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join(name);
        std::fs::create_dir_all(target.join("old")).unwrap();
        std::fs::write(target.join("old/page.md"), "old page\n").unwrap();
        std::fs::write(target.join("notes.md"), "mine\n").unwrap();
        let before = snapshot(&target);

        let options = Options { timeout: Duration::from_secs(1), retries: 1, max_page_bytes: 1000, ..options() };
        let err = block_on(pull::pull(&format!("{b}/docs/{name}"), &target, &options, ProgressMode::Quiet)).unwrap_err();
        let PullError::Fetch(fetch) = &err else { panic!("{name}: {err}") };
        assert_eq!(fetch.url, format!("{b}/docs/{name}/bad.md"), "{name}: {err}");
        assert!(err.to_string().contains(why), "{name}: {err}");
        assert!(err.to_string().starts_with(&format!("fetching {b}/docs/{name}/bad.md failed: ")), "{name}: {err}");
        assert_eq!(snapshot(&target), before, "{name}");
        assert_eq!(names_in(tmp.path()), [name], "{name}: a staging folder was left");
    }
}

/// A page sent without a length (chunked) is refused as soon as it passes the limit.
#[test]
fn a_page_without_a_length_is_refused_once_over_the_limit() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    runtime.spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut request = Vec::new();
                let mut buf = [0u8; 1024];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    match socket.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => request.extend_from_slice(&buf[..n]),
                    }
                }
                let mut answer = b"HTTP/1.1 200 OK\r\ncontent-type: text/markdown\r\ntransfer-encoding: chunked\r\n\r\n".to_vec();
                for _ in 0..5 {
                    answer.extend_from_slice(format!("190\r\n{}\r\n", "y".repeat(400)).as_bytes());
                }
                answer.extend_from_slice(b"0\r\n\r\n");
                let _ = socket.write_all(&answer).await;
            });
        }
    });
    let tmp = tempfile::tempdir().unwrap();
    let strict = Options { max_page_bytes: 1000, ..options() };
    let err = block_on(pull::pull(&format!("{base}/docs/stream"), &tmp.path().join("stream"), &strict, ProgressMode::Quiet)).unwrap_err();
    assert!(err.to_string().contains(&format!("{base}/docs/stream.md failed: the page is over the limit of 1000 bytes")), "{err}");
    assert!(!tmp.path().join("stream").exists());
    // Within the limit, the same page is taken.
    let roomy = Options { max_page_bytes: 2000, ..options() };
    let (pulled, _) = block_on(pull::pull(&format!("{base}/docs/stream"), &tmp.path().join("stream"), &roomy, ProgressMode::Quiet)).unwrap();
    assert_eq!(pulled.pages["stream.md"].bytes.len(), 2000);
}

/// However many pages a menu lists, no more requests are in flight at once than allowed.
#[test]
fn the_concurrency_limit_holds() {
    let s = server();
    let b = &s.base;
    let mut menu = format!("# [Many]({b}/docs/many.md)\n");
    for i in 0..12 {
        menu.push_str(&format!("- [Page {i}]({b}/docs/many/page-{i}.md)\n"));
        s.docs.page(&format!("/docs/many/page-{i}.md"), &format!("page {i}\n"));
    }
    s.docs.page("/docs/many.md", &menu);
    *s.docs.delay.lock().unwrap() = Duration::from_millis(100);
    let tmp = tempfile::tempdir().unwrap();
    let options = Options { concurrency: 3, min_interval: Duration::ZERO, ..options() };
    let (pulled, _) = block_on(pull::pull(&format!("{b}/docs/many"), &tmp.path().join("many"), &options, ProgressMode::Quiet)).unwrap();
    assert_eq!(pulled.pages.len(), 13);
    let max = s.docs.max_in_flight.load(Ordering::SeqCst);
    assert!(max <= 3, "{max} requests in flight at once");
    // Requests do overlap: the pull is not one at a time.
    assert!(max >= 2, "{max}");
}

fn wixgen(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_wixgen")).current_dir(dir).args(args).output().expect("wixgen runs");
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

/// A checkout with a bindings crate for `specs/garden/`.
fn checkout() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::write(root.join("Cargo.toml"), "[workspace]\n").unwrap();
    std::fs::create_dir_all(root.join("specs")).unwrap();
    std::fs::create_dir_all(root.join("generated/garden")).unwrap();
    std::fs::write(root.join("generated/garden/Cargo.toml"), "[package]\nname = \"wix-garden\"\nversion = \"0.1.0\"\n").unwrap();
    tmp
}

/// From the README: pull an API's pages, regenerate, and later see what changed in the
/// docs and in the generated API (`pull --check`), apply it (`pull --update`), and
/// regenerate.
#[test]
fn pull_regenerate_then_check_and_update_after_the_docs_change() {
    let s = server();
    let b = &s.base;
    let menu = |pages: &[&str]| {
        let mut m = format!("# [Garden]({b}/docs/api/garden.md)\n");
        for p in pages {
            m.push_str(&format!("- [{p}]({b}/docs/api/garden/{p}.md)\n"));
        }
        m
    };
    s.docs.page("/docs/api/garden.md", &menu(&["create-bed", "notes"]));
    s.docs.page("/docs/api/garden/create-bed.md", &method_page(&format!("{NAME}{AREA}")));
    // An article the reader takes as it is.
    let article = |text: &str| format!("## Resource: Beds\n\n## Article: Notes\n\n## Article Link: {b}/docs/api/garden/notes.md\n\n{text}\n");
    s.docs.page("/docs/api/garden/notes.md", &article("About beds."));

    let tmp = checkout();
    let root = tmp.path();
    let url = format!("{b}/docs/api/garden");
    let (code, stdout, stderr) = wixgen(root, &["pull", &url, "--rate", "200", "--timeout", "5"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let specs = root.join("specs/garden");
    assert!(stdout.contains(&format!("pulled 3 page(s) from {url} into {}", specs.display())), "{stdout}");
    assert!(stdout.contains("no generated code to compare with"), "{stdout}");
    // Not a terminal: plain lines, no progress bar.
    assert!(stderr.contains(&format!("fetched {url}/create-bed.md (")), "{stderr}");
    assert_eq!(names_in(&specs), ["create-bed.md", "menu.md", "notes.md", "wixgen.lock"]);

    let (code, stdout, stderr) = wixgen(root, &[]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(root.join("generated/garden/src/api/types.rs").is_file());
    let (code, _, stderr) = wixgen(root, &["pull", "--check"]);
    assert_eq!(code, 0, "{stderr}");

    // The docs change: a field goes, a page goes, a page comes, an article is reworded.
    s.docs.page("/docs/api/garden/create-bed.md", &method_page(NAME));
    s.docs.page("/docs/api/garden/notes.md", &article("About beds, reworded."));
    s.docs.page("/docs/api/garden.md", &menu(&["create-bed", "notes", "soil"]));
    s.docs.page("/docs/api/garden/soil.md", &article("About soil."));
    let before = snapshot(&specs);
    let (code, stdout, stderr) = wixgen(root, &["pull", "--check"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    for line in ["changed: create-bed.md", "changed: menu.md", "changed: notes.md", "added: soil.md"] {
        assert!(stdout.contains(line), "{line}: {stdout}");
    }
    assert!(stdout.contains("- removed field `Bed.area` (`Option<f64>`)  [breaking]"), "{stdout}");
    assert!(stderr.contains("the docs changed since"), "{stderr}");
    assert_eq!(snapshot(&specs), before, "--check writes nothing");

    // A page the lock lists disappears from the menu.
    s.docs.page("/docs/api/garden.md", &menu(&["create-bed", "soil"]));
    s.docs.remove("/docs/api/garden/notes.md");
    let (code, stdout, _) = wixgen(root, &["pull", "--check", "--into", "specs/garden"]);
    assert_eq!(code, 1);
    assert!(stdout.contains("removed: notes.md"), "{stdout}");

    let (code, stdout, stderr) = wixgen(root, &["pull", "--update"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(names_in(&specs), ["create-bed.md", "menu.md", "soil.md", "wixgen.lock"]);
    let lock = std::fs::read_to_string(specs.join("wixgen.lock")).unwrap();
    assert!(!lock.contains("notes.md") && lock.contains("soil.md"), "{lock}");

    // The bindings are now stale, and the change breaks callers.
    let (code, _, stderr) = wixgen(root, &["--check"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("1 breaking (a breaking change)"), "{stderr}");
    let (code, stdout, stderr) = wixgen(root, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("removed field `Bed.area`"), "{stdout}");
    let (code, stdout, stderr) = wixgen(root, &["pull", "--check"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("public API of") && stdout.contains(": unchanged"), "{stdout}");
}

/// The folder a pull goes to by default, and refusing a folder pulled from another URL.
#[test]
fn the_default_folder_and_a_folder_pulled_from_elsewhere() {
    let s = server();
    let b = &s.base;
    s.docs.page("/docs/api/garden.md", &format!("# [Garden]({b}/docs/api/garden.md)\n"));
    s.docs.page("/docs/api/orchard.md", "## Resource: Trees\n\n## Article: Orchard\n\nTrees.\n");
    let tmp = checkout();
    let root = tmp.path();
    let (code, _, stderr) = wixgen(root, &["pull", &format!("{b}/docs/api/garden.md"), "--rate", "200"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(names_in(&root.join("specs/garden")), ["menu.md", "wixgen.lock"]);
    // One page, not a menu: saved under its own name.
    let (code, _, stderr) = wixgen(root, &["pull", &format!("{b}/docs/api/orchard"), "--into", "specs/orchard", "--rate", "200"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(names_in(&root.join("specs/orchard")), ["orchard.md", "wixgen.lock"]);

    let (code, _, stderr) = wixgen(root, &["pull", &format!("{b}/docs/api/orchard"), "--into", "specs/garden"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("was pulled from") && stderr.contains("/docs/api/garden"), "{stderr}");
    let (code, _, stderr) = wixgen(root, &["pull"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("give the docs URL"), "{stderr}");
    let (code, _, stderr) = wixgen(root, &["pull", "not a url"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("is not a URL"), "{stderr}");
}
