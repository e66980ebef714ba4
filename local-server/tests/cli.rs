//! The command as a user runs it: `--help` is an answer, not an error; started, it
//! prints its address and serves the APIs and the token endpoint.

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wix-local-server"))
        .args(args)
        .output()
        .expect("the server binary runs")
}

#[test]
fn help_goes_to_stdout_and_succeeds() {
    for flag in ["--help", "-h"] {
        let out = run(&[flag]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{flag}: {stderr}");
        assert!(
            stdout.starts_with("usage: wix-local-server"),
            "{flag}: {stdout}"
        );
        assert!(stdout.contains("--webhook-key"), "{flag}: {stdout}");
        assert!(stderr.is_empty(), "{flag}: {stderr}");
    }
    // Help wins wherever it is, without starting a server.
    let out = run(&["--port", "1", "--help"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("usage:"));
}

#[test]
fn help_into_a_closed_pipe_is_no_crash() {
    // `wix-local-server --help | head -1`: the reader is gone before the usage is written.
    let mut child = Command::new(env!("CARGO_BIN_EXE_wix-local-server"))
        .arg("--help")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the server binary runs");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("it ends");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_bad_argument_is_an_error_with_the_usage_on_stderr() {
    let out = run(&["--bogus"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(out.stdout.is_empty());
    assert!(
        stderr.starts_with("error: unknown argument `--bogus`"),
        "{stderr}"
    );
    assert!(stderr.contains("usage: wix-local-server"), "{stderr}");
}

/// The command started as an installed binary runs: ephemeral port, its address on
/// stdout, until stopped.
struct Running {
    child: std::process::Child,
    base_url: String,
}

impl Running {
    fn start(args: &[&str]) -> Running {
        use std::io::BufRead;
        let mut child = Command::new(env!("CARGO_BIN_EXE_wix-local-server"))
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("the server binary starts");
        let mut line = String::new();
        let stdout = child.stdout.take().expect("piped stdout");
        std::io::BufReader::new(stdout)
            .read_line(&mut line)
            .expect("the server prints its address");
        let mut running = Running {
            child,
            base_url: String::new(),
        };
        running.base_url = line
            .trim()
            .strip_prefix("wix-local-server listening on ")
            .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
            .to_owned();
        assert!(
            running.base_url.starts_with("http://127.0.0.1:"),
            "{}",
            running.base_url
        );
        running
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test]
async fn the_binary_serves_the_apis_and_mints_app_tokens() {
    let server = Running::start(&["--app-secret", "cli-secret", "--token-lifetime", "60"]);
    let http = reqwest::Client::new();
    let minted = http
        .post(format!("{}/oauth2/token", server.base_url))
        .header("content-type", "application/json")
        .body(
            serde_json::json!({
                "grant_type": "client_credentials",
                "client_id": wix_local_server::DEFAULT_APP_ID.as_str(),
                "client_secret": "cli-secret",
                "instance_id": wix_local_server::DEFAULT_INSTANCE_ID.as_str(),
            })
            .to_string(),
        )
        .send()
        .await
        .expect("the binary answers");
    assert_eq!(minted.status(), 200);
    let minted: serde_json::Value = serde_json::from_str(&minted.text().await.unwrap()).unwrap();
    assert_eq!(minted["expires_in"], 60);
    let token = minted["access_token"].as_str().unwrap();

    let query = http
        .post(format!("{}/contacts/v4/contacts/query", server.base_url))
        .header("content-type", "application/json")
        .header("authorization", token)
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(query.status(), 200);
    let stats = http
        .get(format!("{}/_local/stats", server.base_url))
        .send()
        .await
        .unwrap();
    assert_eq!(stats.status(), 200);
}
